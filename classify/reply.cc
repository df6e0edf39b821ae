// classify_reply (see reply.h): the provider's fields as the Evidence a decoder would
// have read from a bounce, then the one diagnosis every bounce goes through.
#include "classify/reply.h"

#include "classify/rules/diagnosis.h"

namespace classify {

RecipientResult classify_reply(const Reply& reply, const Limits& limits) {
    Evidence e;
    e.recipient = reply.recipient;
    e.action = reply.action;
    e.status = reply.status;
    // A provider's own numbers (Mailgun's 605 "previously bounced") are no SMTP reply.
    e.reply_code = reply.reply_code >= 200 && reply.reply_code <= 599 ? reply.reply_code : 0;
    e.diagnostic = reply.diagnostic;
    e.remote_mta = reply.remote_mta;
    e.source = RecipientSource::mta_format;
    return diagnose(e, limits);
}

bool rules_decided(const RecipientResult& r) {
    return r.rule != "nothing-stated" && r.rule != "no-rule" && r.rule != "unknown-words";
}

}  // namespace classify
