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
        case ProviderVerdict::delayed: break;  // classified below
    }
    return r;
}

// A failure: classify's rules over the relayed reply decide the reason and the class,
// as for a mailbox bounce; when they find nothing to go on, the provider's severity
// decides the class. While the provider still retries nothing is final: soft at most.
classify::RecipientResult classified_failure(const ProviderEvent& e, const classify::Limits& limits) {
    const bool permanent = e.verdict == ProviderVerdict::failed_permanent;
    classify::Reply reply = e.reply;
    reply.action = "failed";
    classify::RecipientResult r = classify::classify_reply(reply, limits);
    const std::string provider_rule = e.provider + ":" + e.provider_type;
    if (!classify::rules_decided(r)) {
        r.bounce_class = permanent ? classify::BounceClass::hard : classify::BounceClass::soft;
        r.rule = provider_rule;
    } else {
        if (!permanent && r.bounce_class == classify::BounceClass::hard) r.bounce_class = classify::BounceClass::soft;
        r.rule += "," + provider_rule;  // the provider's own verdict, stored beside
    }
    return r;
}

// A delay: the rules read the relayed reply for its cause (its reason), and the class
// is `delayed` whatever they find, since the provider is still trying: logged only.
classify::RecipientResult classified_delay(const ProviderEvent& e, const classify::Limits& limits) {
    classify::Reply reply = e.reply;
    reply.action = "delayed";
    classify::RecipientResult r = classify::classify_reply(reply, limits);
    r.bounce_class = classify::BounceClass::delayed;
    r.rule += "," + e.provider + ":" + e.provider_type;
    return r;
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
    const bool failure = event.verdict == ProviderVerdict::failed_permanent ||
                         event.verdict == ProviderVerdict::failed_temporary;
    if (event.verdict == ProviderVerdict::delayed)
        m.report.recipients.push_back(classified_delay(event, limits));
    else
        m.report.recipients.push_back(failure ? classified_failure(event, limits) : verdict_only(event));
    if (event.verdict == ProviderVerdict::unsubscribed) m.reason_text = "unsubscribed";
    // A validly signed event names its recipient as surely as a valid VERP tag does.
    m.signature = "valid";
    m.signed_recipient = m.report.recipients.front().recipient;
    m.sender_host = client;
    m.raw = body;
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
    bool fresh = false;
    if (auto s = store->claim_webhook_token(provider, token, token_expires, &fresh); !s.ok())
        return store_error(res, s);
    // 406: Mailgun stops retrying on it; the first request with this token got through.
    if (!fresh) return json_error(res, 406, "signature.token: seen before (a replay)");
    if (messages.empty()) {
        res.set_content(dump({{"applied", 0}, {"ignored", ignored}}), "application/json");
        return;
    }
    const db::ApplyOutcome outcome = store->apply(messages);
    if (!outcome.status.ok()) {
        store->release_webhook_token(provider, token);  // the provider's retry may pass
        return store_error(res, outcome.status);
    }
    Json decisions = Json::array();
    for (const auto& d : outcome.decisions) decisions.push_back(decision_json(d));
    res.status = 200;
    res.set_content(dump({{"applied", outcome.applied}, {"duplicates", outcome.duplicates}, {"decisions", decisions}}),
                    "application/json");
}

void add_webhook_routes(httplib::Server& server, Context& ctx) {
    server.Post("/webhooks/mailgun",
                [&ctx](const httplib::Request& req, httplib::Response& res) { mailgun_webhook(ctx, req, res); });
    server.Post("/webhooks/ses", [&ctx](const httplib::Request& req, httplib::Response& res) { ses_webhook(ctx, req, res); });
}

}  // namespace bounced::http
