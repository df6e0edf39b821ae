// Decoding before matching: transfer encodings, charsets, RFC 2047 words.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/parse/charset.h"
#include "classify/parse/encoded_words.h"
#include "classify/text.h"
#include "classify/parse/transfer_encoding.h"

using namespace classify;

TEST_CASE("transfer_encoding: base64 and quoted-printable, tolerant of damage", "[classify]") {
    CHECK(decode_base64("NTUwIFVzZXIgdW5rbm93bg==") == "550 User unknown");
    CHECK(decode_base64("NTUw\nIFVz ZXIg\r\ndW5rbm93bg") == "550 User unknown");
    CHECK(decode_quoted_printable("550 5.1.1 =\nUser=20unknown") == "550 5.1.1 User unknown");
    CHECK(decode_quoted_printable("a stray = sign") == "a stray = sign");
}

TEST_CASE("charset: Japanese and European charsets become UTF-8", "[classify]") {
    // "宛先" in ISO-2022-JP, Shift_JIS and EUC-JP.
    CHECK(to_utf8("\x1B$B08@h\x1B(B", "iso-2022-jp") == "宛先");
    CHECK(to_utf8("\x88\xB6\x90\xE6", "Shift_JIS") == "宛先");
    CHECK(to_utf8("\xB0\xB8\xC0\xE8", "euc-jp") == "宛先");
    CHECK(to_utf8("Empf\xE4nger", "iso-8859-1") == "Empfänger");
    CHECK(to_utf8("\x93quoted\x94", "windows-1252") == "\u201Cquoted\u201D");
}

TEST_CASE("charset: undeclared ISO-2022-JP is recognised by its escapes", "[classify]") {
    CHECK(to_utf8("\x1B$B08@h\x1B(B", "") == "宛先");
}

TEST_CASE("charset: bytes that do not convert become U+FFFD, never an error", "[classify]") {
    std::string out = to_utf8("ok \xFF\xFE end", "utf-8");
    CHECK(is_valid_utf8(out));
    CHECK(out.find("ok ") == 0);
    CHECK(to_utf8("abc", "x-no-such-charset") == "abc");
}

TEST_CASE("charset: windows-1252 and latin-1 by table, the bytes iconv refuses as U+FFFD", "[classify]") {
    // 0x81, 0x8D, 0x8F, 0x90 and 0x9D are not windows-1252; unlabelled 8-bit text is read as it.
    CHECK(to_utf8("\x80 \x81\x8D\x8F\x90\x9D \xE9\xFF", "windows-1252") ==
          "\u20AC \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \u00E9\u00FF");
    CHECK(to_utf8("caf\xE9 \x81\x9D", "") == "caf\u00E9 \uFFFD\uFFFD");
    CHECK(to_utf8("\x80\x81\xA4\xFF", "iso-8859-1") == "\u0080\u0081\u00A4\u00FF");
    CHECK(to_utf8("\xA4 \xBD", "iso-8859-15") == "\u20AC \u0153");
    std::string all;
    for (int byte = 1; byte < 256; ++byte) all += static_cast<char>(byte);
    CHECK(to_utf8(all, "iso-8859-1").size() == 127 + 2 * 128);
}

TEST_CASE("encoded_words: RFC 2047 subjects decode, adjacent words join", "[classify]") {
    CHECK(decode_encoded_words("=?UTF-8?B?5LiN5Zyo?=") == "不在");
    CHECK(decode_encoded_words("=?ISO-2022-JP?B?GyRCSVQ6XxsoQg==?= notice") == "不在 notice");
    CHECK(decode_encoded_words("=?utf-8?q?Out_of_office?= =?utf-8?q?:_back_Monday?=") == "Out of office: back Monday");
    CHECK(decode_encoded_words("plain text") == "plain text");
}

TEST_CASE("text: trim removes space, tab, CR, LF, VT and FF at both ends, nothing else", "[classify]") {
    CHECK(trim(" \t\r\n\f\v") == "");
    CHECK(trim("") == "");
    CHECK(trim("\v x y\f\n") == "x y");
    CHECK(trim(std::string_view("\0x\x1F", 3)) == std::string_view("\0x\x1F", 3));
    CHECK(trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");  // UTF-8 no-break spaces stay
    CHECK(starts_with("From x", "From "));
    CHECK_FALSE(starts_with("Fro", "From "));
    CHECK(istarts_with("FINAL-Recipient: x", "final-recipient"));
    CHECK_FALSE(istarts_with("final", "final-recipient"));
}

TEST_CASE("text: printable strips controls and cuts on a character boundary", "[classify]") {
    CHECK(printable("a\x1B[31mred\x07", 100) == "a [31mred ");
    std::string cut = printable("あいう", 7);
    CHECK(cut == "あい");
}

// squeeze_spaces looks at eight bytes a step: every blank pair, at every offset
// around a word boundary, must be found as the byte-by-byte reading finds it.
// Words (runs of anything but space, tab, CR, LF) joined by one space: what
// squeeze_spaces must give, written the slow way.
static std::string squeezed_by_words(std::string_view s) {
    std::string out, word;
    for (char c : std::string(s) + " ") {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            word += c;
        } else if (!word.empty()) {
            out += (out.empty() ? "" : " ") + word;
            word.clear();
        }
    }
    return out;
}

TEST_CASE("text: squeeze_spaces agrees with a word-by-word reading on folded, mixed text", "[classify]") {
    // Long words (the eight-byte steps), a control byte inside a word, runs of each
    // blank, at every shift of the same pieces.
    const std::vector<std::string> pieces = {"from", " ", "mail.example.net", "\n\t", "(Postfix)", "  ",
                                             "b=dGhpcyBpcyBhIGxvbmcgd29yZA==", "\r\n ", "x\x01y", "\t",
                                             "\xe6\x97\xa5\xe6\x9c\xac", " \t ", "a", "\n", "\x0bvt"};
    for (std::size_t shift = 0; shift < pieces.size(); ++shift) {
        std::string text;
        for (std::size_t k = 0; k < pieces.size(); ++k) text += pieces[(k + shift) % pieces.size()];
        INFO(text);
        CHECK(squeeze_spaces(text) == squeezed_by_words(text));
        CHECK(squeeze_spaces_reusing(std::string(text)) == squeezed_by_words(text));
    }
}

TEST_CASE("text: squeeze_spaces finds a blank pair at any offset, and leaves other controls", "[classify]") {
    const std::string base = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (std::size_t at = 1; at + 3 < base.size(); ++at) {
        for (std::string_view blanks : {"  ", " \t", "\t", "\n", " \r", "\r\n "}) {
            std::string text = base.substr(0, at) + std::string(blanks) + base.substr(at);
            CHECK(squeeze_spaces(text) == base.substr(0, at) + " " + base.substr(at));
            CHECK(squeeze_spaces_reusing(" " + text + "\t") == base.substr(0, at) + " " + base.substr(at));
        }
        // A single space, or one before another control byte, is kept as it is.
        for (std::string_view kept : {" ", " \x01", "\x01 ", "\x7f ", "\xc3\xa9 "}) {
            std::string text = base.substr(0, at) + std::string(kept) + base.substr(at);
            CHECK(squeeze_spaces(text) == text);
            CHECK(squeeze_spaces_reusing("\n " + text + " ") == text);
        }
    }
    CHECK(squeeze_spaces("  a  ") == "a");
    CHECK(squeeze_spaces("").empty());
    CHECK(squeeze_spaces_reusing(" \t ").empty());
}
