// A receiver's reply that arrived without a bounce message around it: a sending
// provider's event (Mailgun's delivery-status, SES's diagnosticCode, SendGrid's
// reason) relays what the receiving MTA said about one recipient. The same rules as
// for a mailbox bounce read it (rules/diagnosis.h), so the reason, the class and the
// deciding rule mean the same whichever way the failure was reported.
#pragma once

#include <string>

#include "classify/limits.h"
#include "classify/result.h"

namespace classify {

struct Reply {
    std::string recipient;
    std::string status;      // enhanced status code ("5.1.1") when the provider gives one; "" else
    int reply_code = 0;      // SMTP reply code (200-599); 0 when none
    std::string diagnostic;  // the receiver's words, as the provider relays them
    std::string remote_mta;  // the receiving host, when the provider names it
    std::string action;      // "failed" or "delayed" (the provider still retries)
};

// The recipient result, with source mta_format: the address comes from the
// provider's structured event. A rule that found nothing to go on leaves
// `rule` as "nothing-stated", "no-rule" or "unknown-words" (see rules_decided).
RecipientResult classify_reply(const Reply& reply, const Limits& limits = Limits{});

// False when the result's reason was not decided by any code, word or stage of the
// reply (the caller then falls back to the provider's own verdict).
bool rules_decided(const RecipientResult& result);

}  // namespace classify
