// Content-Transfer-Encoding decoders (RFC 2045 base64 and quoted-printable), written
// to be tolerant: bounces are often slightly broken, and a decoder that gives up
// loses the diagnostic. Invalid characters are skipped, never fatal.
#pragma once

#include <string>
#include <string_view>

namespace classify {

std::string decode_base64(std::string_view in);
// `header_mode` is RFC 2047's "Q" encoding: '_' stands for a space.
std::string decode_quoted_printable(std::string_view in, bool header_mode = false);
// Decodes per the Content-Transfer-Encoding value; 7bit, 8bit, binary and unknown
// values pass the text through.
std::string decode_transfer_encoding(std::string_view body, std::string_view encoding);

}  // namespace classify
