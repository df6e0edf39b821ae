// read_secrets_file (see secrets.h).
#include "config/secrets.h"

#include <sys/stat.h>

#include <fstream>

namespace config {

std::string read_secrets_file(const std::string& path, std::vector<std::string>* secrets) {
    secrets->clear();
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "cannot read '" + path + "'";
    if (!S_ISREG(st.st_mode)) return "'" + path + "' is not a regular file";
    if (st.st_mode & (S_IRWXO | S_IWGRP)) {
        return "'" + path + "' is readable or writable by others: chmod 600 (or 640 for a group) it";
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot read '" + path + "'";
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        const auto first = line.find_first_not_of(" \t\r"), last = line.find_last_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        std::string secret = line.substr(first, last - first + 1);
        if (secret.size() < kMinSecretLength) {
            return "'" + path + "' line " + std::to_string(number) + ": a secret must have at least " +
                   std::to_string(kMinSecretLength) + " characters";
        }
        secrets->push_back(std::move(secret));
    }
    if (secrets->empty()) return "'" + path + "' holds no secret";
    return "";
}

}  // namespace config
