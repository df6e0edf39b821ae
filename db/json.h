// JSON string escaping, for the batch document apply_batch reads and for the CLI's
// --format json. Text from bounces is untrusted bytes: the output is always valid
// JSON that PostgreSQL's jsonb accepts.
#pragma once

#include <string>
#include <string_view>

namespace db {

// Appends `text` as a quoted JSON string. Invalid UTF-8 becomes U+FFFD; NUL bytes are
// dropped (jsonb cannot hold \u0000); other control characters are escaped.
void append_json_string(std::string& out, std::string_view text);

}  // namespace db
