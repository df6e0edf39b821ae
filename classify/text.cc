#include "classify/text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace classify {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = ascii_lower(c);
    return out;
}

namespace {

// How often a byte (ASCII case folded) turns up in bounce text, roughly: English
// letter frequencies, blanks and '-' (rules of dashes) common, most punctuation rare.
constexpr unsigned char byte_frequency(unsigned char c) {
    constexpr const char* kLetters = "etaoinshrdlcumwfgypbvkjxqz";  // most to least frequent
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    for (int rank = 0; kLetters[rank] != '\0'; ++rank)
        if (kLetters[rank] == c) return static_cast<unsigned char>(250 - rank * 9);
    if (c == ' ') return 255;
    if (c == '-' || c == '\n') return 200;
    if (c >= '0' && c <= '9') return 120;
    if (c == '.' || c == ',' || c == ':') return 110;
    return c >= 0x80 ? 100 : 60;
}

struct FrequencyTable {
    unsigned char of[256];
    constexpr FrequencyTable() : of() {
        for (int c = 0; c < 256; ++c) of[c] = byte_frequency(static_cast<unsigned char>(c));
    }
};
constexpr FrequencyTable kFrequency;

// The needle's position whose byte is least frequent: candidates are found by
// memchr on it, so fewer of them need checking.
std::size_t rarest_position(std::string_view needle) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < needle.size(); ++k)
        if (kFrequency.of[static_cast<unsigned char>(needle[k])] < kFrequency.of[static_cast<unsigned char>(needle[best])])
            best = k;
    return best;
}

// The same, remembered per needle address: the needles are mostly the decoders'
// string literals, searched for in every message. A stale entry (another needle
// of the same size at a reused address) gives a position that is still inside the
// needle, so only the speed of the search depends on it, never its answer.
std::size_t rarest_position_cached(std::string_view needle) {
    struct Entry {
        const char* data = nullptr;
        std::size_t size = 0, position = 0;
    };
    thread_local Entry cache[64];
    const auto address = reinterpret_cast<std::uintptr_t>(needle.data());
    Entry& entry = cache[(address >> 3 ^ needle.size()) & 63];
    if (entry.data != needle.data() || entry.size != needle.size())
        entry = {needle.data(), needle.size(), rarest_position(needle)};
    return entry.position;
}

}  // namespace

// The decoders' most called helper. Candidates are found with memchr, once for
// each case, on the needle's rarest byte ("(" in "address(es) failed", not 't'),
// so the common miss costs no per-byte branching and few false candidates.
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
    constexpr auto npos = std::string_view::npos;
    if (needle.empty()) return from <= haystack.size() ? from : npos;
    if (haystack.size() < needle.size() || from > haystack.size() - needle.size()) return npos;
    const std::size_t end = haystack.size() - needle.size() + 1;  // candidates lie before end
    const std::size_t k = rarest_position_cached(needle);
    const char lo = ascii_lower(needle[k]);
    const char up = (lo >= 'a' && lo <= 'z') ? char(lo - 'a' + 'A') : lo;
    // Positions of needle[k] in the haystack: a candidate start plus k.
    auto next = [&](char c, std::size_t start) -> std::size_t {
        if (start >= end) return npos;
        const void* hit = std::memchr(haystack.data() + start + k, c, end - start);
        return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - haystack.data()) - k : npos;
    };
    std::size_t next_lo = next(lo, from), next_up = up == lo ? npos : next(up, from);
    while (next_lo != npos || next_up != npos) {
        const std::size_t i = std::min(next_lo, next_up);
        std::size_t j = 0;
        while (j < needle.size() && ascii_lower(haystack[i + j]) == ascii_lower(needle[j])) ++j;
        if (j == needle.size()) return i;
        if (i == next_lo) next_lo = next(lo, i + 1);
        else next_up = next(up, i + 1);
    }
    return npos;
}

namespace {

bool is_squeezed_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr std::uint64_t kByteOnes = 0x0101010101010101ull, kByteHighs = 0x8080808080808080ull;

// The high bit of each byte of `word` that is below `limit` (at most 0x80): the
// low seven bits are added to without carrying into the next byte, so each
// byte's answer is exact.
std::uint64_t bytes_below(std::uint64_t word, unsigned limit) {
    const std::uint64_t raised = (word & ~kByteHighs) + (0x80 - limit) * kByteOnes;
    return ~(raised | word) & kByteHighs;
}

// Copies s with each run of blanks (space, tab, CR, LF) made one ' ' and none at
// either end. Words go eight bytes a step while no byte is a blank or another
// control: DKIM signatures and Received lines are long runs of such bytes.
std::string squeeze_runs(std::string_view s) {
    std::string out(s.size(), '\0');
    char* o = out.data();
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end && is_squeezed_space(*p)) ++p;
    while (p < end) {
        for (std::uint64_t word; end - p >= 8; p += 8, o += 8) {
            std::memcpy(&word, p, 8);
            if (bytes_below(word, 0x21) != 0) break;
            std::memcpy(o, &word, 8);
        }
        while (p < end && !is_squeezed_space(*p)) *o++ = *p++;
        while (p < end && is_squeezed_space(*p)) ++p;
        if (p < end) *o++ = ' ';
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

// s without the blanks squeeze_spaces drops at either end.
std::string_view without_blank_ends(std::string_view s) {
    std::size_t begin = 0, end = s.size();
    while (begin < end && is_squeezed_space(s[begin])) ++begin;
    while (end > begin && is_squeezed_space(s[end - 1])) --end;
    return s.substr(begin, end - begin);
}

// Whether s[i] needs squeezing: a tab, CR or LF, or a ' ' followed by any of the
// four. s ends with a non-space, so s[i + 1] exists after a ' '.
bool needs_squeeze_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ') return is_squeezed_space(s[i + 1]);
    return is_squeezed_space(c);
}

// The same question for all of s. Eight bytes a step: header values (some 55
// fields a message, long Received and DKIM ones among them) were the bulk of it,
// a compare and a branch per byte. A word with no control byte needs a byte look
// only where a ' ' is followed by one; the last byte's follower is in the next word.
bool needs_squeeze(std::string_view s) {
    std::size_t i = 0;
    for (; i + 9 <= s.size(); i += 8) {
        std::uint64_t word, next;
        std::memcpy(&word, s.data() + i, 8);
        std::memcpy(&next, s.data() + i + 1, 8);
        if (bytes_below(word, 0x20) != 0) {  // a control byte: tab, CR, LF or another
            for (std::size_t k = i; k < i + 8; ++k)
                if (needs_squeeze_at(s, k)) return true;
            continue;
        }
        // Bytes here are ' ' exactly where they are below 0x21; a candidate pair is
        // a ' ' followed by a byte below 0x21 (in `next`, shifted by one), which
        // may be a control byte other than the four: looked at byte by byte.
        if ((bytes_below(word, 0x21) & bytes_below(next, 0x21)) != 0)
            for (std::size_t k = i; k < i + 8; ++k)
                if (needs_squeeze_at(s, k)) return true;
    }
    for (; i < s.size(); ++i)
        if (needs_squeeze_at(s, i)) return true;
    return false;
}

}  // namespace

// Most values (header fields, replies) have single spaces already: once trimmed,
// one pass finds nothing to squeeze and the text is copied whole.
std::string squeeze_spaces(std::string_view s) {
    const std::string_view trimmed = without_blank_ends(s);
    return needs_squeeze(trimmed) ? squeeze_runs(trimmed) : std::string(trimmed);
}

std::string squeeze_spaces_reusing(std::string&& s) {
    const std::string_view trimmed = without_blank_ends(s);
    if (needs_squeeze(trimmed)) return squeeze_runs(trimmed);
    const std::size_t begin = static_cast<std::size_t>(trimmed.data() - s.data());
    s.erase(begin + trimmed.size());
    s.erase(0, begin);
    return std::move(s);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    if (n == 2 && c < 0xC2) return 0;  // overlong
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
    return n;
}

bool is_printable_ascii(std::string_view s) {
    for (char c : s)
        if (c < 0x20 || c > 0x7E) return false;  // char is signed: 8-bit bytes are below 0x20
    return true;
}

bool is_ascii_word(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return (word & 0x8080808080808080ull) == 0;
}

}  // namespace

// Eight bytes a step.
bool is_plain_ascii(std::string_view s) {
    constexpr std::uint64_t kHigh = 0x8080808080808080ull, kOnes = 0x0101010101010101ull, kEsc = 0x1B * kOnes;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        const std::uint64_t esc = word ^ kEsc;  // a zero byte where ESC was
        if ((word & kHigh) != 0 || ((esc - kOnes) & ~esc & kHigh) != 0) return false;
    }
    for (; i < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) >= 0x80 || s[i] == 0x1B) return false;
    return true;
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (i + 8 <= s.size() && is_ascii_word(s.data() + i)) {  // runs of ASCII, 8 bytes a step
            i += 8;
            continue;
        }
        auto n = utf8_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string printable(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes && is_printable_ascii(s)) return std::string(s);  // the common case, whole
    std::string out;
    out.reserve(std::min(s.size(), max_bytes));
    for (std::size_t i = 0; i < s.size();) {
        auto n = utf8_sequence_length(s, i);
        std::string_view piece;
        if (n == 0) {
            piece = "\xEF\xBF\xBD";  // U+FFFD
            n = 1;
        } else if (n == 1 && (static_cast<unsigned char>(s[i]) < 0x20 || s[i] == 0x7F)) {
            piece = " ";
        } else {
            piece = s.substr(i, n);
        }
        if (out.size() + piece.size() > max_bytes) break;
        out += piece;
        i += n;
    }
    return out;
}

}  // namespace classify
