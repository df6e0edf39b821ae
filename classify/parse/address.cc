#include "classify/parse/address.h"

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

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = ascii_lower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

// Exchange's IMCEA encapsulation ([MS-OXCMAIL] 2.1.3.1.8): "IMCEASMTP-" and the
// SMTP address with every byte outside letters, digits, '-' and '=' written as
// '+' and two hex digits ("user+40example+2Eorg"), '_' for '/', at the Exchange
// organisation's domain. The address inside, or "" when it is no encapsulated
// SMTP address.
std::string imcea_smtp_address(std::string_view local) {
    constexpr std::string_view kPrefix = "imceasmtp-";
    if (!istarts_with(local, kPrefix)) return {};
    std::string decoded;
    for (std::size_t i = kPrefix.size(); i < local.size(); ++i) {
        const char c = local[i];
        if (c == '+' && i + 2 < local.size() && hex_value(local[i + 1]) >= 0 && hex_value(local[i + 2]) >= 0) {
            decoded += static_cast<char>(hex_value(local[i + 1]) * 16 + hex_value(local[i + 2]));
            i += 2;
        } else {
            decoded += c == '_' ? '/' : c;
        }
    }
    return is_address(decoded) ? lower(decoded) : std::string();
}

// X.400 addresses carry the SMTP one in a domain-defined attribute (RFC 2156
// section 4.2.2 and Exchange's X.400 connector): "dda:SMTP=user@example.org",
// "DDA:RFC-822=user@example.org". The number of bytes of such a type prefix at
// `local`'s start, or 0.
std::size_t x400_type_prefix(std::string_view local) {
    for (std::string_view type : {"smtp=", "rfc-822=", "rfc822="})
        if (istarts_with(local, type) && local.size() > type.size()) return type.size();
    return 0;
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
        // "user@#example.org": a historic form some MTAs print; the '#' is no part of it.
        const bool hash_before_domain = e < text.size() && text[e] == '#';
        if (hash_before_domain) ++e;
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
        b += x400_type_prefix(text.substr(b, at - b));
        std::string candidate(text.substr(b, e - b));
        if (hash_before_domain) candidate.erase(at - b + 1, 1);
        if (b < at && is_address(candidate)) {
            std::string inner = imcea_smtp_address(std::string_view(candidate).substr(0, at - b));
            found.push_back({inner.empty() ? lower(candidate) : std::move(inner), b, e});
        }
        pos = std::max(e, at + 1);
    }
    return found;
}

std::string find_first_address(std::string_view text) {
    auto found = find_addresses(text, 1);
    return found.empty() ? std::string() : found.front().address;
}

}  // namespace classify
