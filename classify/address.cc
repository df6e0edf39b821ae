#include "classify/address.h"

#include <algorithm>

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

// RFC 5321 4.5.3.1: a longer local part or domain is not an address.
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxDomain = 255;
// How far the scanner looks on either side of an '@': past the limits (so a token that
// is too long is seen to be), but no further, so "a@a@a@..." stays linear.
constexpr std::size_t kScanLocal = kMaxLocalPart + 16;
constexpr std::size_t kScanDomain = kMaxDomain + 16;

// A control byte that is not line layout (NUL, ESC, DEL, ...). Touching a token, it
// makes the token no address: "nul\0byte@example.org" must not become
// "byte@example.org".
bool is_stray_control(char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
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
    if (at > kMaxLocalPart || candidate.size() - at - 1 > kMaxDomain) return false;
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
        const std::size_t floor = at > kScanLocal ? at - kScanLocal : 0;
        std::size_t b = at;
        while (b > floor && is_local_char(text[b - 1])) --b;
        const std::size_t ceiling = std::min(text.size(), at + 1 + kScanDomain);
        std::size_t e = at + 1;
        if (e < text.size() && text[e] == '[') {
            auto close = text.substr(0, ceiling).find(']', e);
            e = close == std::string_view::npos ? e : close + 1;
        } else {
            while (e < ceiling && is_domain_char(text[e])) ++e;
        }
        const bool too_long = (b == floor && b > 0 && is_local_char(text[b - 1])) ||
                              (e == ceiling && e < text.size() && is_domain_char(text[e]));
        const bool touches_control = (b > 0 && is_stray_control(text[b - 1])) ||
                                     (e < text.size() && is_stray_control(text[e]));
        if (too_long || touches_control) {
            pos = std::max(e, at + 1);
            continue;
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
