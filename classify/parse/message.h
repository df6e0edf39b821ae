// A received message reduced to what a bounce decoder needs: the top-level headers
// and the leaf parts in order, each decoded (transfer encoding, charset) to UTF-8
// text with LF line endings. Of an attached message (message/rfc822) only its header
// is a part, unless it is a report itself, whose parts follow. This file's .cc is
// the only user of mimetic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/headers.h"
#include "classify/limits.h"
#include "classify/result.h"

namespace classify {

struct Part {
    std::string type;      // lower-case "text/plain"; an attached message's header
                           // block is reported as type "message/rfc822-headers"
    std::string text;      // decoded UTF-8, LF line endings
    int depth = 0;         // 0 for the top-level entity
    bool in_original = false;  // inside an attached original message
    // Which message the part belongs to: 0 the received one, N the Nth attached
    // message in the order met (its header part included). A bounce forwarded as
    // an attachment is read from the parts of its own number (classifier.cc).
    int enclosure = 0;
};

struct Message {
    Headers headers;
    std::vector<Part> parts;
    std::size_t size = 0;  // bytes as received
};

struct ParsedMessage {
    Outcome outcome = Outcome::not_bounce;  // not_bounce means "parsed fine"
    std::string error;                      // for limit_exceeded and unparsable
    Message message;
};

// Parses untrusted bytes. Never throws; every limit in `limits` is checked, and a
// message that crosses one comes back with Outcome::limit_exceeded and no parts.
ParsedMessage parse_message(std::string_view bytes, const Limits& limits);

// Turns CRLF and lone CR into LF.
std::string normalise_line_endings(std::string_view bytes);

}  // namespace classify
