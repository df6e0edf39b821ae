// The SNS host rule (see sns_url.h).
#include "bounced/http/sns_url.h"

#include <cctype>

namespace bounced::http {
namespace {

constexpr std::size_t kMaxUrlBytes = 2048;

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// sns.<region>.amazonaws.com or .amazonaws.com.cn; the region is letters, digits and
// dashes ("us-east-1", "cn-north-1", "us-gov-west-1").
bool is_sns_host(const std::string& host) {
    std::string rest;
    if (ends_with(host, ".amazonaws.com")) rest = host.substr(0, host.size() - 14);
    else if (ends_with(host, ".amazonaws.com.cn")) rest = host.substr(0, host.size() - 17);
    else return false;
    if (!starts_with(rest, "sns.") || rest.size() == 4 || rest.size() > 4 + 32) return false;
    for (std::size_t i = 4; i < rest.size(); ++i)
        if (!std::islower(static_cast<unsigned char>(rest[i])) && !std::isdigit(static_cast<unsigned char>(rest[i])) &&
            rest[i] != '-')
            return false;
    return true;
}

// 127.0.0.1:<port>, for tests only.
bool is_loopback_with_port(const std::string& authority) {
    if (!starts_with(authority, "127.0.0.1:")) return false;
    const std::string port = authority.substr(10);
    return !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string check_sns_url(const std::string& url, bool loopback_http_for_tests) {
    if (url.empty() || url.size() > kMaxUrlBytes) return "must be a URL of at most 2048 characters";
    for (unsigned char c : url)
        if (c < 0x21 || c > 0x7e || c == '\\') return "must be printable ASCII without spaces or backslashes";
    const bool http = loopback_http_for_tests && starts_with(url, "http://");
    if (!http && !starts_with(url, "https://")) return "must be an https URL";
    const std::size_t start = http ? 7 : 8;
    const std::size_t end = url.find_first_of("/?#", start);
    if (end == std::string::npos || url[end] != '/') return "must have a path after the host";
    std::string authority = url.substr(start, end - start);
    for (auto& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (http) return is_loopback_with_port(authority) ? "" : "plain http only to 127.0.0.1:<port> (tests)";
    // No user name, no port: the host alone, SNS's own.
    if (authority.find_first_of("@:") != std::string::npos || !is_sns_host(authority))
        return "the host must be sns.<region>.amazonaws.com (or .amazonaws.com.cn), not '" + authority + "'";
    return "";
}

}  // namespace bounced::http
