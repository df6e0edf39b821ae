// RFC 3834 automatic replies (vacation, out-of-office): never a bounce. Recognised
// by Auto-Submitted, X-Autoreply, X-Autorespond, Precedence: auto_reply, and by the
// subjects people's mail programs give them, in English and Japanese.
#pragma once

#include <optional>

#include "classify/parse/bounce_view.h"

namespace classify {

// One Evidence for the person who is away (the From of the reply), or nothing
// when the message is not an automatic reply.
std::optional<Evidence> decode_autoreply(const BounceView& view);

}  // namespace classify
