// What every provider webhook shares (see webhooks.h): the event as a bounce's batch
// item, the replay token, the answer.
#include "bounced/http/webhooks.h"

#include <cstdlib>

#include "bounced/http/api.h"
#include "bounced/http/json_views.h"
#include "db/field_bounds.h"
#include "db/import.h"

namespace bounced::http {
namespace {

// A provider's verdict without a reply the rules can read: the class it implies.
classify::RecipientResult verdict_only(const ProviderEvent& e) {
    classify::RecipientResult r;
    r.recipient = e.reply.recipient;
    r.source = classify::RecipientSource::mta_format;
    r.rule = e.provider + ":" + e.provider_type;
    switch (e.verdict) {
        case ProviderVerdict::complaint:
        case ProviderVerdict::unsubscribed:
            // Both are the recipient's own word, never lifted by time: the store
            // suppresses them as complaints (unsubscribed keeps its own reason).
            r.reason = classify::Reason::feedback;
            r.bounce_class = classify::BounceClass::complaint;
            r.feedback_type = e.verdict == ProviderVerdict::complaint ? "abuse" : "unsubscribe";
            break;
        case ProviderVerdict::failed_permanent:
        case ProviderVerdict::failed_temporary:
        case ProviderVerdict::delayed:
        case ProviderVerdict::blocked: break;  // classified below
    }
    return r;
}

// classify's rules over the relayed reply, as for a mailbox bounce, with the
// provider's own verdict stored beside the rule that decided. `decided`: false when
// the rules found nothing to go on, and the caller's verdict decides.
classify::RecipientResult read_reply(const ProviderEvent& e, const char* action, const classify::Limits& limits,
                                     bool* decided) {
    classify::Reply reply = e.reply;
    reply.action = action;
    classify::RecipientResult r = classify::classify_reply(reply, limits);
    const std::string provider_rule = e.provider + ":" + e.provider_type;
    *decided = classify::rules_decided(r);
    r.rule = *decided ? r.rule + "," + provider_rule : provider_rule;
    return r;
}

// A failure: the rules decide the reason and the class; when they cannot, the
// provider's severity decides the class. While the provider still retries nothing is
// final: soft at most.
classify::RecipientResult classified_failure(const ProviderEvent& e, const classify::Limits& limits) {
    const bool permanent = e.verdict == ProviderVerdict::failed_permanent;
    bool decided = false;
    classify::RecipientResult r = read_reply(e, "failed", limits, &decided);
    if (!decided) r.bounce_class = permanent ? classify::BounceClass::hard : classify::BounceClass::soft;
    else if (!permanent && r.bounce_class == classify::BounceClass::hard) r.bounce_class = classify::BounceClass::soft;
    return r;
}

// A delay: the cause as the rules read it (expired when they find none), class
// delayed whatever they say: the provider has not given up, so nothing is decided.
classify::RecipientResult classified_delay(const ProviderEvent& e, const classify::Limits& limits) {
    bool decided = false;
    classify::RecipientResult r = read_reply(e, "delayed", limits, &decided);
    if (!decided) r.reason = classify::Reason::expired;
    r.bounce_class = classify::BounceClass::delayed;
    return r;
}

// A block the provider reports (SendGrid's bounce type "blocked"): the receiver
// refused the sender, so policy unless the reply's words say otherwise; never hard,
// since the provider itself does not take it as final.
classify::RecipientResult classified_block(const ProviderEvent& e, const classify::Limits& limits) {
    bool decided = false;
    classify::RecipientResult r = read_reply(e, "failed", limits, &decided);
    if (!decided) {
        r.reason = classify::Reason::blocked;
        r.bounce_class = classify::BounceClass::policy;
    } else if (r.bounce_class == classify::BounceClass::hard) {
        r.bounce_class = classify::BounceClass::soft;
    }
    return r;
}

classify::RecipientResult classified(const ProviderEvent& e, const classify::Limits& limits) {
    switch (e.verdict) {
        case ProviderVerdict::failed_permanent:
        case ProviderVerdict::failed_temporary: return classified_failure(e, limits);
        case ProviderVerdict::delayed: return classified_delay(e, limits);
        case ProviderVerdict::blocked: return classified_block(e, limits);
        case ProviderVerdict::complaint:
        case ProviderVerdict::unsubscribed: break;
    }
    return verdict_only(e);
}

}  // namespace

bool within_window(long long unix_seconds, db::Time now) {
    const long long at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    return std::llabs(at - unix_seconds) <= kWebhookWindowSeconds;
}

db::IncomingMessage incoming_message(const ProviderEvent& event, const std::string& body, const std::string& client,
                                     const classify::Limits& limits) {
    db::IncomingMessage m;
    m.fingerprint = event.provider + ":" + event.id;
    m.source = event.provider;
    m.report.outcome = classify::Outcome::bounce;
    m.report.format = event.provider;
    m.report.original.message_id = event.original_message_id;
    m.report.recipients.push_back(classified(event, limits));
    if (event.verdict == ProviderVerdict::unsubscribed) m.reason_text = "unsubscribed";
    // A validly signed event names its recipient as surely as a valid VERP tag does.
    m.signature = "valid";
    m.signed_recipient = m.report.recipients.front().recipient;
    m.sender_host = client;
    m.raw = event.raw.empty() ? body : event.raw;
    return m;
}

void store_events(Context& ctx, const std::string& provider, const std::string& token, db::Time token_expires,
                  const std::vector<ProviderEvent>& events, const std::string& ignored, const httplib::Request& req,
                  httplib::Response& res) {
    const auto settings = ctx.settings();
    std::vector<db::IncomingMessage> messages;
    for (const auto& e : events) messages.push_back(incoming_message(e, req.body, req.remote_addr, settings->limits));
    for (const auto& m : messages) {
        const std::string& rcpt = m.report.recipients.front().recipient;
        if (!db::is_plausible_address(rcpt))
            return json_error(res, 400, "recipient: '" + db::quoted_prefix(rcpt) + "' is not an email address");
    }
    auto store = ctx.stores().borrow();
    bool fresh = true;
    if (!token.empty()) {
        if (auto s = store->claim_webhook_token(provider, token, token_expires, &fresh); !s.ok())
            return store_error(res, s);
    }
    // 406: Mailgun stops retrying on it; the first request with this token got through.
    if (!fresh) return json_error(res, 406, "this signed request was seen before (a replay)");
    if (messages.empty()) {
        res.set_content(dump({{"applied", 0}, {"ignored", ignored}}), "application/json");
        return;
    }
    const db::ApplyOutcome outcome = store->apply(messages);
    if (!outcome.status.ok()) {
        if (!token.empty()) store->release_webhook_token(provider, token);  // the provider's retry may pass
        return store_error(res, outcome.status);
    }
    Json decisions = Json::array();
    for (const auto& d : outcome.decisions) decisions.push_back(decision_json(d));
    res.status = 200;
    Json answer = {{"applied", outcome.applied}, {"duplicates", outcome.duplicates}, {"decisions", decisions}};
    if (!ignored.empty()) answer["ignored"] = ignored;  // a batch's other events (SendGrid)
    res.set_content(dump(answer), "application/json");
}

void add_webhook_routes(httplib::Server& server, Context& ctx) {
    server.Post("/webhooks/mailgun",
                [&ctx](const httplib::Request& req, httplib::Response& res) { mailgun_webhook(ctx, req, res); });
    server.Post("/webhooks/ses", [&ctx](const httplib::Request& req, httplib::Response& res) { ses_webhook(ctx, req, res); });
    server.Post("/webhooks/sendgrid",
                [&ctx](const httplib::Request& req, httplib::Response& res) { sendgrid_webhook(ctx, req, res); });
    server.Post("/webhooks/postmark",
                [&ctx](const httplib::Request& req, httplib::Response& res) { postmark_webhook(ctx, req, res); });
}

}  // namespace bounced::http
