// redact_secrets (see redact.h).
#include "config/redact.h"

#include <algorithm>
#include <cctype>

namespace config {
namespace {

constexpr const char* kMask = "***";

bool ends_with_password(std::string_view key) {
    std::string lower;
    for (char c : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.size() >= 8 && lower.compare(lower.size() - 8, 8, "password") == 0;
}

// scheme://user:secret@host -> scheme://user:***@host. The authority ends at the first
// '/', '?' or '#'; its userinfo at the last '@' in it (a password may hold an '@').
std::string redact_userinfo(std::string url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const auto start = scheme + 3;
    const auto end = std::min(url.find_first_of("/?#", start), url.size());
    const auto at = url.rfind('@', end == 0 ? 0 : end - 1);
    if (at == std::string::npos || at < start) return url;
    const auto colon = url.find(':', start);
    if (colon == std::string::npos || colon > at) return url;
    return url.replace(colon + 1, at - colon - 1, kMask);
}

// ?password=secret&... and &sslpassword=...: the value up to '&' or '#'.
std::string redact_query(std::string url) {
    auto pos = url.find('?');
    while (pos != std::string::npos && pos < url.size()) {
        const auto key_begin = pos + 1;
        const auto eq = url.find('=', key_begin);
        const auto next = url.find_first_of("&#", key_begin);
        if (eq == std::string::npos || (next != std::string::npos && eq > next)) {
            pos = next;
            continue;
        }
        const auto value_end = next == std::string::npos ? url.size() : next;
        if (ends_with_password(std::string_view(url).substr(key_begin, eq - key_begin))) {
            url.replace(eq + 1, value_end - eq - 1, kMask);
            pos = url.find_first_of("&#", eq + 1);
        } else {
            pos = next;
        }
        if (pos != std::string::npos && url[pos] == '#') break;
    }
    return url;
}

// key = value pairs: a value is a word or '...' with \' and \\ escapes.
std::string redact_conninfo(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (std::isspace(static_cast<unsigned char>(text[i]))) {
            out += text[i++];
            continue;
        }
        const auto key_begin = i;
        while (i < text.size() && text[i] != '=' && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        const std::string_view key = text.substr(key_begin, i - key_begin);
        out += key;
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) out += text[i++];
        if (i >= text.size() || text[i] != '=') continue;  // not key=value: leave it
        out += text[i++];
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) out += text[i++];
        const auto value_begin = i;
        if (i < text.size() && text[i] == '\'') {
            for (++i; i < text.size() && text[i] != '\''; ++i)
                if (text[i] == '\\' && i + 1 < text.size()) ++i;
            if (i < text.size()) ++i;
        } else {
            while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        }
        if (ends_with_password(key)) out += kMask;
        else out += text.substr(value_begin, i - value_begin);
    }
    return out;
}

}  // namespace

std::string redact_secrets(std::string_view url_or_conninfo) {
    if (url_or_conninfo.find("://") != std::string_view::npos)
        return redact_query(redact_userinfo(std::string(url_or_conninfo)));
    return redact_conninfo(url_or_conninfo);
}

}  // namespace config
