// normalise_diagnostic (see report_diagnostic.h): word by word, punctuation around a
// word kept, the word itself kept or replaced by a {placeholder}.
#include "bounced/report_diagnostic.h"

#include <cctype>
#include <string>

namespace bounced {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Characters that wrap a word without being part of it: <addr>, [ip], (code), "id":
constexpr std::string_view kWrapping = "<>[](){}\"',;:#=!?";

bool all_of(std::string_view s, bool (*pred)(char)) {
    for (char c : s) {
        if (!pred(c)) return false;
    }
    return !s.empty();
}

// 5.1.1, 4.7.26: class digit, subject up to 3 digits, detail up to 3 digits.
bool is_status_code(std::string_view w) {
    if (w.size() < 5 || (w[0] != '2' && w[0] != '4' && w[0] != '5') || w[1] != '.') return false;
    const auto dot = w.find('.', 2);
    if (dot == std::string_view::npos || dot == 2 || dot > 5) return false;
    return all_of(w.substr(2, dot - 2), is_digit) && all_of(w.substr(dot + 1), is_digit) && w.size() - dot - 1 <= 3;
}

// 550, 421-: a reply code (only where one is expected: the first word).
bool is_reply_code(std::string_view w) {
    if (!w.empty() && w.back() == '-') w.remove_suffix(1);
    return w.size() == 3 && (w[0] == '2' || w[0] == '4' || w[0] == '5') && all_of(w, is_digit);
}

bool is_ipv4(std::string_view w) {
    int parts = 0;
    while (true) {
        const auto dot = w.find('.');
        const auto part = w.substr(0, dot);
        if (part.empty() || part.size() > 3 || !all_of(part, is_digit)) return false;
        ++parts;
        if (dot == std::string_view::npos) break;
        w.remove_prefix(dot + 1);
    }
    return parts == 4;
}

// Hex groups and at least two colons: 2001:db8::1, IPv6:2001:db8::1.
bool is_ipv6(std::string_view w) {
    if (w.size() > 5 && (w.substr(0, 5) == "IPv6:" || w.substr(0, 5) == "ipv6:")) w.remove_prefix(5);
    int colons = 0;
    for (char c : w) {
        if (c == ':') ++colons;
        else if (!is_hex(c) && c != '.') return false;
    }
    return colons >= 2;
}

bool is_address(std::string_view w) {
    const auto at = w.find('@');
    return at != std::string_view::npos && at > 0 && w.find('.', at) != std::string_view::npos;
}

std::string mask_word(std::string_view w, bool first) {
    if (is_address(w)) return "{address}";
    if (is_ipv4(w) || is_ipv6(w)) return "{ip}";
    if (is_status_code(w) || (first && is_reply_code(w))) return std::string(w);
    // Gmail's continuation lines: "550-5.1.1".
    if (w.size() > 4 && w[3] == '-' && is_reply_code(w.substr(0, 4)) && is_status_code(w.substr(4)))
        return std::string(w);
    bool digits = false;
    for (char c : w) digits = digits || is_digit(c);
    if (!digits) return std::string(w);
    if (all_of(w, [](char c) { return is_digit(c) || c == '.' || c == ','; })) return "{n}";
    return "{id}";
}

// A word: its wrapping punctuation kept, the rest masked.
std::string mask_wrapped(std::string_view word, bool first) {
    std::size_t begin = 0, end = word.size();
    while (begin < end && kWrapping.find(word[begin]) != std::string_view::npos) ++begin;
    // A sentence's full stop closes the word too ("in 300 seconds."), but not an
    // address or host name that merely contains dots.
    while (end > begin && (kWrapping.find(word[end - 1]) != std::string_view::npos || word[end - 1] == '.')) --end;
    if (begin == end) return std::string(word);
    return std::string(word.substr(0, begin)) + mask_word(word.substr(begin, end - begin), first) +
           std::string(word.substr(end));
}

}  // namespace

std::string normalise_diagnostic(std::string_view text) {
    std::string out;
    bool first = true;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
        if (j == i) break;
        if (!out.empty()) out += ' ';
        out += mask_wrapped(text.substr(i, j - i), first);
        first = false;
        i = j;
    }
    return out;
}

}  // namespace bounced
