#include "classify/transfer_encoding.h"

#include "classify/text.h"

namespace classify {
namespace {

int base64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::string decode_base64(std::string_view in) {
    std::string out;
    out.reserve(in.size() * 3 / 4);
    unsigned int buffer = 0;
    int bits = 0;
    for (unsigned char c : in) {
        if (c == '=') break;
        int v = base64_value(c);
        if (v < 0) continue;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

std::string decode_quoted_printable(std::string_view in, bool header_mode) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (header_mode && c == '_') {
            out += ' ';
        } else if (c != '=') {
            out += c;
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
