#include "classify/parse/encoded_words.h"

#include "classify/parse/charset.h"
#include "classify/text.h"
#include "classify/parse/transfer_encoding.h"

namespace classify {
namespace {

struct EncodedWord {
    std::size_t begin = 0, end = 0;  // [begin, end) in the value
    std::string text;                // decoded UTF-8
};

// Finds the next "=?charset?X?payload?=" at or after `from`.
bool next_encoded_word(std::string_view value, std::size_t from, EncodedWord& word) {
    for (std::size_t start = value.find("=?", from); start != std::string_view::npos;
         start = value.find("=?", start + 2)) {
        auto q1 = value.find('?', start + 2);
        if (q1 == std::string_view::npos || q1 + 2 >= value.size() || value[q1 + 2] != '?') return false;
        char mode = ascii_lower(value[q1 + 1]);
        auto close = value.find("?=", q1 + 3);
        if (close == std::string_view::npos) return false;
        if (mode != 'b' && mode != 'q') continue;
        std::string_view charset = value.substr(start + 2, q1 - start - 2);
        charset = charset.substr(0, charset.find('*'));  // RFC 2231 language suffix
        std::string_view payload = value.substr(q1 + 3, close - q1 - 3);
        std::string raw = mode == 'b' ? decode_base64(payload) : decode_quoted_printable(payload, true);
        word = {start, close + 2, to_utf8(raw, charset)};
        return true;
    }
    return false;
}

bool only_blanks(std::string_view s) { return trim(s).empty(); }

}  // namespace

std::string decode_encoded_words(std::string_view value) {
    if (value.find("=?") == std::string_view::npos) return to_utf8(value, "");  // most fields
    std::string out;
    std::size_t pos = 0;
    bool previous_was_word = false;
    EncodedWord word;
    while (next_encoded_word(value, pos, word)) {
        std::string_view between = value.substr(pos, word.begin - pos);
        if (!(previous_was_word && only_blanks(between))) out += to_utf8(between, "");
        out += word.text;
        pos = word.end;
        previous_was_word = true;
    }
    out += to_utf8(value.substr(pos), "");
    return out;
}

void decode_encoded_words_in_place(std::string& value) {
    // to_utf8 passes plain 7-bit text unchanged: only words and 8-bit text need work.
    if (value.find("=?") == std::string::npos && is_plain_ascii(value)) return;
    value = decode_encoded_words(value);
}

}  // namespace classify
