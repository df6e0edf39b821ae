// The headers of the message that bounced, wherever the bounce keeps them: an
// attached message/rfc822, a text/rfc822-headers part, or an inline copy after the
// bounce text. They tie a bounce back to a send (Message-ID, List-Id).
#pragma once

#include "classify/message.h"
#include "classify/result.h"

namespace classify {

OriginalMessage find_original_message(const Message& message, std::string_view bounce_text);

// The header block of the original message, as Headers, using the same search.
Headers original_headers(const Message& message, std::string_view bounce_text);

}  // namespace classify
