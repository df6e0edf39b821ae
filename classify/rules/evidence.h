// What a decoder found about one recipient, before classification: the raw fields
// as the bounce states them. The diagnosis (diagnosis.h) turns Evidence into a
// RecipientResult with status, reason and class.
#pragma once

#include <optional>
#include <string>

#include "classify/reason.h"
#include "classify/result.h"

namespace classify {

struct Evidence {
    std::string recipient;
    std::string original_recipient;
    std::string action;
    std::string status;        // as stated; may be empty or vague
    int reply_code = 0;
    std::string diagnostic;    // the receiver's words, as close as the bounce gives them
    std::string remote_mta;
    std::string smtp_command;
    std::string last_attempt;
    std::string feedback_type;
    // Set by a decoder that knows the reason from the layout itself (an ARF report,
    // a mailing-list refusal); the text rules do not override it.
    std::optional<Reason> reason;
    std::string rule;          // the decoder's name for that decision
    RecipientSource source = RecipientSource::body_text;
    // The diagnostic is the receiver's reply as a provider's notice quotes it, word
    // for word, under a label or in a sentence (Gmail's current notice, Exchange's
    // administrators' block: remote_reply.h). It is the same evidence as that reply
    // in a DSN's Diagnostic-Code, and is read as one.
    bool quoted_reply = false;
};

}  // namespace classify
