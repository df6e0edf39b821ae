// JSON for PostgreSQL's jsonb and for line-oriented output. Documents (the batch
// apply_batch reads, the policy) are built with nlohmann-json and serialised by
// to_jsonb; append_json_string is the one escaper of the line writers that lay out
// their own objects (`bounced classify --format jsonl`, held and suppression lists),
// where building a document per line costs more than the line itself. Text from
// bounces is untrusted bytes: both always give valid JSON that jsonb accepts.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace db {

// Appends `text` as a quoted JSON string. Invalid UTF-8 becomes U+FFFD; NUL bytes are
// dropped (jsonb cannot hold \u0000); other control characters are escaped.
void append_json_string(std::string& out, std::string_view text);

// `text` with its NUL bytes dropped, for a string of a jsonb document.
std::string jsonb_text(std::string_view text);

// The document as text that jsonb accepts: compact, invalid UTF-8 replaced by U+FFFD.
// Strings must have come through jsonb_text (nlohmann would write NUL as \u0000).
std::string to_jsonb(const nlohmann::json& document);

}  // namespace db
