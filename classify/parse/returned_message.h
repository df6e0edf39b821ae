// The boundary between a bounce and the copy of the message it returns (RFC 3464
// section 2: a report is the human-readable notice, the delivery-status fields and,
// optionally, the returned message). The bounce's own parts say what happened; the
// returned copy is the subscriber's own mail, and may be read only for what ties the
// bounce back to a send: its Message-ID, List-Id, To and the VERP.
//
// The returned copy is, in MIME, a message/rfc822 or message/global part, or a
// text/rfc822-headers or message/global-headers part (message.cc marks them). In
// a plain-text bounce it is the text after the MTA's separator line ("--- Below this
// line is a copy of the message.", qmail-send), or failing one, the first block
// of header fields. This file finds that place once; classifier.cc cuts the bounce
// text there, and every decoder and the diagnosis see only what comes before it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "classify/parse/marker_set.h"

namespace classify {

// The separator lines that MTAs write before the copy of the returned message,
// each with where it comes from (returned_message.cc).
const std::vector<std::string_view>& returned_message_separators();
const MarkerSet& returned_message_separator_set();

// Where the returned copy starts in a bounce's text (the line after the separator
// line, or the first header block before one), or npos when the text holds none.
std::size_t returned_message_start(std::string_view text);

// Whether a text part is itself the returned copy: it opens with header fields
// (an MTA that attaches the original as text/plain).
bool is_returned_message_text(std::string_view part_text);

// The first header block in `text` (a line that starts a header field, followed
// by another field or a folded line, in a block naming a Message-ID, From or
// Subject), up to the blank line that ends it; "" when there is none.
std::string_view first_header_block(std::string_view text);

}  // namespace classify
