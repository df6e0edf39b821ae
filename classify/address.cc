#include "classify/address.h"

#include "classify/text.h"

namespace classify {
namespace {

bool is_local_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '.': case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
        case '+': case '/': case '=': case '?': case '^': case '_': case '`': case '{':
        case '|': case '}': case '~': case '-':
            return true;
        default:
            return static_cast<unsigned char>(c) >= 0x80;  // RFC 6531 UTF-8 local parts
    }
}

bool is_domain_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

bool plausible_domain(std::string_view domain) {
    if (domain.size() < 3 || domain.front() == '.' || domain.front() == '-') return false;
    if (domain.front() == '[') return domain.back() == ']';
    auto dot = domain.find('.');
    return dot != std::string_view::npos && dot + 1 < domain.size();
}

}  // namespace

bool is_address(std::string_view candidate) {
    auto at = candidate.rfind('@');
    if (at == std::string_view::npos || at == 0) return false;
    for (char c : candidate.substr(0, at))
        if (!is_local_char(c)) return false;
    auto domain = candidate.substr(at + 1);
    if (!plausible_domain(domain)) return false;
    if (domain.front() == '[') return true;
    for (char c : domain)
        if (!is_domain_char(c)) return false;
    return true;
}

std::vector<FoundAddress> find_addresses(std::string_view text, std::size_t max) {
    std::vector<FoundAddress> found;
    std::size_t pos = 0;
    while (found.size() < max) {
        auto at = text.find('@', pos);
        if (at == std::string_view::npos) break;
        std::size_t b = at;
        while (b > 0 && is_local_char(text[b - 1])) --b;
        std::size_t e = at + 1;
        if (e < text.size() && text[e] == '[') {
            auto close = text.find(']', e);
            e = close == std::string_view::npos ? e : close + 1;
        } else {
            while (e < text.size() && is_domain_char(text[e])) ++e;
        }
        // Sentence punctuation is not part of an address.
        while (b < at && (text[b] == '.' || text[b] == '\'' || text[b] == '=' || text[b] == '/')) ++b;
        while (e > at + 1 && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
        std::string_view candidate = text.substr(b, e - b);
        if (b < at && is_address(candidate)) found.push_back({lower(candidate), b, e});
        pos = std::max(e, at + 1);
    }
    return found;
}

std::string find_first_address(std::string_view text) {
    auto found = find_addresses(text, 1);
    return found.empty() ? std::string() : found.front().address;
}

}  // namespace classify
