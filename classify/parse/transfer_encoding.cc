#include "classify/parse/transfer_encoding.h"

#include <algorithm>
#include <cstring>

#include "classify/text.h"

namespace classify {
namespace {

// -1 for bytes that are not base64 (skipped); '-' and '_' are the URL-safe
// alphabet's 62 and 63, which some senders use.
struct Base64Table {
    signed char value[256];
    constexpr Base64Table() : value() {
        for (int c = 0; c < 256; ++c) value[c] = -1;
        for (int c = 'A'; c <= 'Z'; ++c) value[c] = static_cast<signed char>(c - 'A');
        for (int c = 'a'; c <= 'z'; ++c) value[c] = static_cast<signed char>(c - 'a' + 26);
        for (int c = '0'; c <= '9'; ++c) value[c] = static_cast<signed char>(c - '0' + 52);
        value['+'] = value['-'] = 62;
        value['/'] = value['_'] = 63;
    }
};
constexpr Base64Table kBase64;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// The next '=' (or, in header mode, '_') at or after `from`, or in.size().
std::size_t next_special(std::string_view in, std::size_t from, bool header_mode) {
    const char* begin = in.data() + from;
    const std::size_t n = in.size() - from;
    const void* eq = std::memchr(begin, '=', n);
    std::size_t at = eq ? static_cast<std::size_t>(static_cast<const char*>(eq) - in.data()) : in.size();
    if (header_mode) {
        const void* underscore = std::memchr(begin, '_', n);
        if (underscore) at = std::min(at, static_cast<std::size_t>(static_cast<const char*>(underscore) - in.data()));
    }
    return at;
}

}  // namespace

// Writes into a buffer sized for the most output, then cuts it: no capacity
// check per byte.
std::string decode_base64(std::string_view in) {
    std::string out(in.size() * 3 / 4 + 3, '\0');
    std::size_t n = 0;
    unsigned int buffer = 0;
    int bits = 0;
    for (unsigned char c : in) {
        if (c == '=') break;
        const int v = kBase64.value[c];
        if (v < 0) continue;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    out.resize(n);
    return out;
}

// Text between escapes is appended in runs found with memchr: a body is mostly
// plain text with an occasional "=20" or soft line break.
std::string decode_quoted_printable(std::string_view in, bool header_mode) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const std::size_t run_end = next_special(in, i, header_mode);
        out.append(in.data() + i, run_end - i);
        i = run_end;
        if (i >= in.size()) break;
        char c = in[i];
        if (header_mode && c == '_') {
            out += ' ';
        } else if (i + 1 < in.size() && in[i + 1] == '\n') {
            ++i;  // soft line break
        } else if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {
            i += 2;
        } else if (i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
            i += 2;
        } else {
            out += c;  // a stray '=' is kept, as most mail readers do
        }
    }
    return out;
}

std::string decode_transfer_encoding(std::string_view body, std::string_view encoding) {
    auto e = trim(encoding);
    if (iequals(e, "base64")) return decode_base64(body);
    if (iequals(e, "quoted-printable")) return decode_quoted_printable(body);
    return std::string(body);
}

}  // namespace classify
