// parse_listen and read_token_file (see http_settings.h).
#include "config/http_settings.h"

#include <sys/stat.h>

#include <fstream>

namespace config {

std::string parse_listen(const std::string& value, HttpSettings* settings) {
    settings->listen = value;
    const auto colon = value.rfind(':');
    const std::string why = "must be HOST:PORT (127.0.0.1:8025, [::1]:8025), not '" + value + "'";
    if (colon == std::string::npos || colon == 0 || colon + 1 == value.size() || value.size() - colon > 6) return why;
    std::string host = value.substr(0, colon);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') return why;
        host = host.substr(1, host.size() - 2);
    }
    long port = 0;
    for (std::size_t i = colon + 1; i < value.size(); ++i) {
        if (value[i] < '0' || value[i] > '9') return why;
        port = port * 10 + (value[i] - '0');
    }
    if (port < 1 || port > 65535) return why;
    settings->host = host;
    settings->port = static_cast<int>(port);
    return "";
}

std::string read_token_file(const std::string& path, std::string* token) {
    token->clear();
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "cannot read '" + path + "'";
    if (!S_ISREG(st.st_mode)) return "'" + path + "' is not a regular file";
    if (st.st_mode & (S_IRWXG | S_IRWXO)) return "'" + path + "' is readable or writable by others: chmod 600 it";
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot read '" + path + "'";
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(" \t\r"), last = line.find_last_not_of(" \t\r");
        if (first == std::string::npos) continue;
        *token = line.substr(first, last - first + 1);
        break;
    }
    if (token->empty()) return "'" + path + "' holds no token";
    if (token->size() < kMinTokenLength) {
        token->clear();
        return "'" + path + "': the token must have at least " + std::to_string(kMinTokenLength) + " characters";
    }
    return "";
}

}  // namespace config
