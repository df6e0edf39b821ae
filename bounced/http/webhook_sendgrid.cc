// POST /webhooks/sendgrid (docs/webhooks.md): SendGrid's Event Webhook, a JSON array
// of events, e.g.
//   [{"email": "...", "event": "bounce", "type": "bounce", "reason": "550 5.1.1 ...",
//     "status": "5.1.1", "sg_event_id": "...", "sg_message_id": "...", "timestamp": ...}]
// With the Signed Event Webhook on, SendGrid signs the timestamp header followed by the
// raw body with ECDSA (P-256, SHA-256): X-Twilio-Email-Event-Webhook-Signature is the
// base64 DER signature, X-Twilio-Email-Event-Webhook-Timestamp the Unix seconds. The
// public key is [webhooks] sendgrid_public_key_file. Unlike Mailgun's, the signature
// covers the events themselves.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <set>

#include "bounced/http/api.h"
#include "bounced/http/json_views.h"
#include "bounced/http/encoding.h"
#include "bounced/http/webhooks.h"
#include "db/import.h"

namespace bounced::http {
namespace {

constexpr const char* kProvider = "sendgrid";
constexpr const char* kSignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
constexpr const char* kTimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";
constexpr std::size_t kMaxEvents = 10000;  // SendGrid batches "1000 or more"; the body limit binds first
constexpr std::size_t kMaxSignatureText = 256;    // a P-256 DER signature is at most 72 bytes
constexpr std::size_t kMaxIgnoredText = 200;      // the list of ignored event types in the answer

// Whether `signature` (DER) is the key's ECDSA-SHA256 signature of timestamp + body.
bool verifies(const std::string& key_der, const std::string& timestamp, const std::string& body,
              const std::string& signature) {
    const auto* p = reinterpret_cast<const unsigned char*>(key_der.data());
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(d2i_PUBKEY(nullptr, &p, static_cast<long>(key_der.size())),
                                                             &EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return key && md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
           EVP_DigestVerifyUpdate(md.get(), timestamp.data(), timestamp.size()) == 1 &&
           EVP_DigestVerifyUpdate(md.get(), body.data(), body.size()) == 1 &&
           EVP_DigestVerifyFinal(md.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                 signature.size()) == 1;
}

// The one-time token of a request: a digest of what was signed. Not the signature
// itself: an ECDSA signature can be rewritten into another valid one for the same
// text, which would pass as a new token.
std::string signed_digest(const std::string& timestamp, const std::string& body) {
    return to_hex(sha256(timestamp + body));
}

bool printable_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}

// The SMTP code a relayed reply starts with ("550 5.1.1 ..."), or 0.
int leading_reply_code(const std::string& reply) {
    if (reply.size() < 3 || reply.find_first_not_of("0123456789") < 3) return 0;
    if (reply.size() > 3 && reply[3] != ' ' && reply[3] != '-') return 0;
    return std::stoi(reply.substr(0, 3));
}

// A `dropped` event: SendGrid did not send, for a reason of its own lists. Only the
// reasons that say something about the address are taken; "" for the others.
bool read_dropped(const std::string& reason, ProviderEvent* e) {
    if (reason == "Bounced Address" || reason == "Invalid") {
        e->verdict = ProviderVerdict::failed_permanent;
    } else if (reason == "Spam Reporting Address") {
        e->verdict = ProviderVerdict::complaint;
    } else if (reason == "Unsubscribed Address") {
        e->verdict = ProviderVerdict::unsubscribed;
    } else {
        return false;
    }
    return true;
}

// One event of the batch: "" with `e` filled, or with `ignored` set for an event that
// changes nothing here; else why the batch is refused.
std::string read_event(const Json& ev, std::size_t index, ProviderEvent* e, std::string* ignored) {
    const std::string where = "event " + std::to_string(index);
    if (!ev.is_object()) return where + ": must be an object";
    const std::string event = string_member(ev, "event");
    e->provider = kProvider;
    e->provider_type = event;
    if (event == "bounce") {
        const std::string type = string_member(ev, "type");  // bounce (permanent) or blocked
        e->verdict = type == "blocked" ? ProviderVerdict::blocked : ProviderVerdict::failed_permanent;
        if (type == "blocked") e->provider_type = "blocked";
    } else if (event == "dropped") {
        if (!read_dropped(string_member(ev, "reason"), e)) return *ignored = "dropped", "";
    } else if (event == "deferred") {
        e->verdict = ProviderVerdict::delayed;
    } else if (event == "spamreport") {
        e->verdict = ProviderVerdict::complaint;
    } else if (event == "unsubscribe" || event == "group_unsubscribe") {
        e->verdict = ProviderVerdict::unsubscribed;
    } else {
        // delivered, processed, open, click, group_resubscribe, ...: signed, not bounces.
        *ignored = event.empty() ? "(no event)" : event;
        return "";
    }
    e->id = string_member(ev, "sg_event_id");
    if (e->id.empty() || e->id.size() > kMaxEventIdBytes || !printable_ascii(e->id))
        return where + ".sg_event_id: a string of 1 to " + std::to_string(kMaxEventIdBytes) + " printable characters";
    e->reply.recipient = string_member(ev, "email");
    // bounce and dropped: `reason` is the receiver's reply (or SendGrid's words);
    // deferred: `response` is.
    e->reply.diagnostic = string_member(ev, event == "deferred" ? "response" : "reason");
    e->reply.reply_code = leading_reply_code(e->reply.diagnostic);
    e->reply.status = string_member(ev, "status");
    e->original_message_id = string_member(ev, "smtp-id");  // the Message-ID, when SendGrid gives it
    e->raw = ev.dump();
    return "";
}

}  // namespace

void sendgrid_webhook(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const auto settings = ctx.settings();
    const std::string& key = settings->webhooks.sendgrid_public_key;
    if (key.empty()) return json_error(res, 404, "no such path (no [webhooks] sendgrid_public_key_file)");
    const std::string given = req.get_header_value(kSignatureHeader);
    const std::string timestamp = req.get_header_value(kTimestampHeader);
    std::string signature;
    if (given.size() > kMaxSignatureText || !decode_base64(given, &signature) || timestamp.empty() ||
        timestamp.size() > 12 || timestamp.find_first_not_of("0123456789") != std::string::npos ||
        !verifies(key, timestamp, req.body, signature)) {
        ++ctx.unauthorized;
        return json_error(res, 401, std::string(kSignatureHeader) + ": does not verify under the public key");
    }
    const long long at = std::stoll(timestamp);
    if (!within_window(at, db::Clock::now()))
        return json_error(res, 406, std::string(kTimestampHeader) + ": more than 5 minutes from now");
    const Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_array()) return json_error(res, 400, "the body must be a JSON array of events");
    if (body.size() > kMaxEvents) return json_error(res, 400, "at most " + std::to_string(kMaxEvents) + " events");
    std::vector<ProviderEvent> events;
    std::set<std::string> ignored_types;
    for (std::size_t i = 0; i < body.size(); ++i) {
        ProviderEvent event;
        std::string ignored;
        if (const auto why = read_event(body[i], i, &event, &ignored); !why.empty()) return json_error(res, 400, why);
        if (ignored.empty() && !db::is_plausible_address(event.reply.recipient)) {
            // One event SendGrid could not address (a dropped "Invalid") must not hold
            // back the batch: SendGrid would post it again and again, refused each time.
            ignored_types.insert("(no usable email)");
        } else if (ignored.empty()) {
            events.push_back(std::move(event));
        } else {
            ignored_types.insert(ignored.substr(0, 40));
        }
    }
    std::string ignored;
    for (const auto& t : ignored_types)
        if (ignored.size() < kMaxIgnoredText) ignored += (ignored.empty() ? "" : ",") + t;
    const db::Time expires = db::Time(std::chrono::seconds(at + kWebhookWindowSeconds));
    const std::string token = signed_digest(timestamp, req.body);
    if (token.empty()) return json_error(res, 500, "cannot hash the request");  // "" would mean no token
    store_events(ctx, kProvider, token, expires, events, ignored, req, res);
}

}  // namespace bounced::http
