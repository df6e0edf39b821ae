// Untrusted text (anything taken from a bounce) made safe to log or print: it must not
// forge log lines or send terminal escapes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bounced::common {

// Control characters, DEL and invalid UTF-8 become \xNN; quotes and backslashes are
// escaped; the result is cut to max_bytes with "..." appended.
std::string printable(std::string_view text, std::size_t max_bytes = 200);

}  // namespace bounced::common
