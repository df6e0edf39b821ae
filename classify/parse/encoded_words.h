// RFC 2047 encoded words in header values ("=?ISO-2022-JP?B?...?="), decoded to
// UTF-8. Subjects of Japanese carriers' bounces and auto-replies depend on it.
#pragma once

#include <string>
#include <string_view>

namespace classify {

// Decodes every encoded word in `value`; white space between two adjacent encoded
// words is dropped, as RFC 2047 section 6.2 says. Raw 8-bit text is taken as UTF-8
// or, failing that, repaired.
std::string decode_encoded_words(std::string_view value);
// The same, leaving `value` as it is (no copy) when it has nothing to decode.
void decode_encoded_words_in_place(std::string& value);

}  // namespace classify
