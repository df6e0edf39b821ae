// From what a bounce says about a recipient (Evidence) to what it means
// (RecipientResult): the status code, the reply code, the reason and the class.
#pragma once

#include "classify/evidence.h"
#include "classify/limits.h"
#include "classify/result.h"

namespace classify {

// Decision order: a reason the decoder knew from the layout; the action field for
// delivered reports; the text rules (the receiver's words decide over a vague or
// misused code); the enhanced status code; the reply code; "expired" for a delay
// warning that names no cause; otherwise "undefined" (or "onhold" when the bounce
// gave nothing to go on). A delay warning (Action: delayed) is classified by its
// cause like any soft failure, as sisimai does; its `action` stays "delayed".
RecipientResult diagnose(const Evidence& evidence, const Limits& limits);

}  // namespace classify
