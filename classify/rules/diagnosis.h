// From what a bounce says about a recipient (Evidence) to what it means
// (RecipientResult): the status code, the reply code, the reason and the class.
#pragma once

#include "classify/rules/evidence.h"
#include "classify/limits.h"
#include "classify/result.h"

namespace classify {

// Status: the stated Status, unless the receiver's own words quote a specific code
// (X.[1-9].[1-9]) the Status does not repeat, or a code of the other class that
// its reply code confirms; then the receiver's code. A vague stated code (X.0.0)
// gives way to a specific one in the words.
// Reason, in order: a reason the decoder knew from the layout; the action field
// for delivered reports; the few codes that name their cause exactly (X.1.6,
// X.1.7, X.1.8, X.2.3); the text rules (the receiver's words decide over a vague
// or misused code), where "user unknown" not said to the recipient (no X.1.x, not
// RCPT, not a DSN's protocol code X.5.x) is a filter's refusal; the enhanced status
// code; "blocked" for a refusal at the greeting or HELO/EHLO; the reply code;
// "expired" for a delay warning that names no cause; "onhold" when the bounce gave
// nothing to go on or words that no row knows; otherwise (a bare code or address)
// "undefined". Whatever is read about the recipient's
// address at MAIL FROM is about the sender: rejected. A delay warning (Action:
// delayed) gets the reason of its cause like a failure would, and the class
// `delayed` (result_class.h): the MTA is still trying, nothing has failed.
// `hold_out_family` leaves out the rule rows written for that family (hold_out.h).
RecipientResult diagnose(const Evidence& evidence, const Limits& limits, std::string_view hold_out_family = {});

}  // namespace classify
