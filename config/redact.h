// Passwords out of what is logged or printed: every place that shows a database URL,
// a conninfo string or a mailbox URL goes through redact_secrets first.
//
// Forms handled (libpq's "Connection Strings", RFC 3986 for URLs):
//   scheme://user:secret@host/...            -> scheme://user:***@host/...
//   postgresql://host/db?password=secret&x=1 -> ...?password=***&x=1
//   host=h password=secret                   -> host=h password=***
//   host=h password = 'a b\' c'              -> host=h password = ***
// Any key ending in "password" (sslpassword too) is treated the same.
#pragma once

#include <string>
#include <string_view>

namespace config {

std::string redact_secrets(std::string_view url_or_conninfo);

}  // namespace config
