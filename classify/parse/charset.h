// Conversion of message text to UTF-8 before any matching (iconv from glibc).
// Japanese carriers send ISO-2022-JP, Shift_JIS and EUC-JP; European MTAs send
// ISO-8859-x and windows-125x. Bytes that do not convert become U+FFFD; the
// conversion never fails as a whole.
#pragma once

#include <string>
#include <string_view>

namespace classify {

// Converts `text` declared as `charset` (a MIME charset name, any case) to UTF-8.
// An empty or unknown charset is sniffed: ISO-2022-JP escape sequences are
// recognised, valid UTF-8 passes, anything else is read as windows-1252.
std::string to_utf8(std::string_view text, std::string_view charset);

}  // namespace classify
