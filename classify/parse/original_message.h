// The headers of the message that bounced, wherever the bounce keeps them: an
// attached message/rfc822 or message/global, a text/rfc822-headers or
// message/global-headers part, or the inline copy after the bounce's own text
// (returned_message.h). They tie a bounce back to a send (Message-ID, List-Id, To);
// nothing else is read from them.
#pragma once

#include "classify/parse/message.h"
#include "classify/result.h"

namespace classify {

// `returned_text` is the inline returned copy (BounceView::returned), read when no
// part holds the original's header.
OriginalMessage find_original_message(const Message& message, std::string_view returned_text);

// The header block of the original message, as Headers, using the same search.
Headers original_headers(const Message& message, std::string_view returned_text);

// The same header, but an inline copy's only when its header block opens the copy
// (blank lines aside): a block of fields further down is the copy's body (a quoted
// message, anyone's text), never its header. Empty when there is none. For readers
// that take an address from it (formats/free_text.cc's last resort).
Headers opening_original_headers(const Message& message, std::string_view returned_text);

}  // namespace classify
