// normalise_diagnostic (see diagnostic.h): word by word, punctuation around a
// word kept, the word itself kept or replaced by a {placeholder}.
#include "bounced/report/diagnostic.h"

#include <cctype>
#include <string>
#include <vector>

namespace bounced::report {
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

// Where a reply code may stand: first, before a status code ("550 5.1.1"), or after a
// word that ends in ':' ("... RCPT TO:<a@b>: 550 ..."). Elsewhere three digits are a number.
struct Context {
    bool first = false, before_status = false, after_colon = false;
    bool reply_code_place() const { return first || before_status || after_colon; }
};

std::string mask_word(std::string_view w, const Context& at);

// A word with an address inside it ("TO:<a@b.example>"): only the address is masked.
std::string mask_address_in(std::string_view w) {
    const auto at = w.find('@');
    const auto begin = w.find_last_of("<:;=([\"'", at);
    const auto end = w.find_first_of(">;,)]\"'", at);
    const std::size_t b = begin == std::string_view::npos ? 0 : begin + 1;
    const std::size_t e = end == std::string_view::npos ? w.size() : end;
    if (!is_address(w.substr(b, e - b))) return "{id}";
    return std::string(w.substr(0, b)) + "{address}" + std::string(w.substr(e));
}

std::string mask_word(std::string_view w, const Context& at) {
    if (is_address(w)) {
        const bool plain = w.find_first_of("<:;=([\"'>,)]") == std::string_view::npos;
        return plain ? "{address}" : mask_address_in(w);
    }
    if (is_ipv4(w) || is_ipv6(w)) return "{ip}";
    if (is_status_code(w) || (at.reply_code_place() && is_reply_code(w))) return std::string(w);
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
std::string mask_wrapped(std::string_view word, const Context& at) {
    std::size_t begin = 0, end = word.size();
    while (begin < end && kWrapping.find(word[begin]) != std::string_view::npos) ++begin;
    // A sentence's full stop closes the word too ("in 300 seconds."), but not an
    // address or host name that merely contains dots.
    while (end > begin && (kWrapping.find(word[end - 1]) != std::string_view::npos || word[end - 1] == '.')) --end;
    if (begin == end) return std::string(word);
    return std::string(word.substr(0, begin)) + mask_word(word.substr(begin, end - begin), at) +
           std::string(word.substr(end));
}

}  // namespace

std::string normalise_diagnostic(std::string_view text) {
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
        if (j > i) words.push_back(text.substr(i, j - i));
        i = j;
    }
    std::string out;
    for (std::size_t k = 0; k < words.size(); ++k) {
        Context at;
        at.first = k == 0;
        at.before_status = k + 1 < words.size() && is_status_code(words[k + 1]);
        at.after_colon = k > 0 && words[k - 1].back() == ':';
        if (!out.empty()) out += ' ';
        out += mask_wrapped(words[k], at);
    }
    return out;
}

}  // namespace bounced::report
