// Provider webhooks on `bounced serve` (docs/webhooks.md): bounces, complaints and
// unsubscribes that a sending provider posts as events instead of mailing a bounce.
// One file per provider (webhook_mailgun.cc, ...) checks its request's signature and
// turns its body into ProviderEvents; this part stores them through the same
// Store::apply as a mailbox bounce, so the classes, reasons, backoff, throttle and
// audit are the same. The webhook paths take no bearer token (a provider cannot send
// one): the provider's signature is their authentication.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "bounced/http/context.h"
#include "classify/reply.h"
#include "db/store.h"

namespace bounced::http {

// What the provider says happened to one recipient.
enum class ProviderVerdict {
    failed_permanent,  // the provider gave up: hard, unless the reply's words say otherwise
    failed_temporary,  // the provider still retries: soft at most
    complaint,         // the recipient reported the mail as spam
    unsubscribed,      // the recipient unsubscribed through the provider
    delayed,           // the provider still tries (SES DeliveryDelay, SendGrid deferred, Postmark Transient): logged only
    blocked,           // refused for the sender's sake (SendGrid blocked): policy, unless the reply says otherwise
};

struct ProviderEvent {
    std::string provider;       // the stored source: "mailgun", ...
    std::string id;             // the provider's event id: the same id is applied once
    ProviderVerdict verdict = ProviderVerdict::failed_permanent;
    std::string provider_type;  // the provider's own word for the verdict, recorded in the rule
    classify::Reply reply;      // the recipient, and the receiver's reply when relayed
    std::string original_message_id;  // of the message the event is about, when given
    std::string raw;  // kept as the evidence; "" keeps the request body (one event per request)
};

// Bounds on what a provider's event may carry, checked before anything is stored.
constexpr std::size_t kMaxEventIdBytes = 256;
constexpr std::size_t kMaxTokenBytes = 256;
constexpr long kWebhookWindowSeconds = 5 * 60;  // a signed timestamp older (or newer) is refused

// The batch item the pipeline would build for a bounce naming the same recipient:
// fingerprint "<provider>:<id>", trusted as a valid signed VERP tag for the
// recipient, the request body kept as the raw evidence. The reason and class come
// from classify's rules when the reply decides them, else from the verdict.
db::IncomingMessage incoming_message(const ProviderEvent& event, const std::string& body,
                                     const std::string& client, const classify::Limits& limits);

// A signed request whose signature and timestamp passed: claims its one-time token
// (a replay answers 406 and changes nothing), applies the events and answers 200 with
// the decisions. A store failure gives the token back and answers 503, so the
// provider's retry can pass. `ignored`: the event type that was signed but changes
// nothing here (delivered, opened, ...), told in the answer; its token is claimed too.
// token "": a provider without one (Postmark, basic auth): only the event ids keep a
// repeated request from changing anything.
void store_events(Context& context, const std::string& provider, const std::string& token, db::Time token_expires,
                  const std::vector<ProviderEvent>& events, const std::string& ignored, const httplib::Request& req,
                  httplib::Response& res);

// Whether a Unix time in seconds is within kWebhookWindowSeconds of now.
bool within_window(long long unix_seconds, db::Time now);

void add_webhook_routes(httplib::Server& server, Context& context);

// One per provider (webhook_<provider>.cc).
void mailgun_webhook(Context& context, const httplib::Request& req, httplib::Response& res);
void ses_webhook(Context& context, const httplib::Request& req, httplib::Response& res);
void sendgrid_webhook(Context& context, const httplib::Request& req, httplib::Response& res);
void postmark_webhook(Context& context, const httplib::Request& req, httplib::Response& res);

}  // namespace bounced::http
