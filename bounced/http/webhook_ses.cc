// POST /webhooks/ses (docs/webhooks.md): Amazon SES bounce, complaint and delay events,
// posted by Amazon SNS to an HTTP(S) subscription. The body is SNS's JSON message:
//   {"Type": "Notification", "MessageId": "...", "TopicArn": "arn:aws:sns:...",
//    "Message": "<the SES event, as a JSON string>", "Timestamp": "2026-12-03T09:40:00.123Z",
//    "SignatureVersion": "1" or "2", "Signature": "<base64>", "SigningCertURL": "https://sns..."}
// The SES event inside (notificationType, or eventType for event publishing):
//   {"notificationType": "Bounce", "bounce": {"bounceType": "Permanent", "feedbackId": "...",
//     "bouncedRecipients": [{"emailAddress", "status", "action", "diagnosticCode"}]},
//    "mail": {"messageId": "...", "commonHeaders": {"messageId": "<...>"}}}
// complaint.complainedRecipients and deliveryDelay.delayedRecipients are alike.
// https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
//
// Checks, in order: the topic is one of [webhooks] ses_topic_arns, the certificate URL
// is SNS's, the signature verifies, the timestamp is recent; then the MessageId is
// claimed as the one-time token and the events are stored (webhooks.cc).
//
// classify/formats/amazon_ses.cc reads the same events when they come by mail; it
// gives classify's Evidence and drops what a webhook needs (bounceType as the
// fallback verdict, feedbackId for idempotency), so the few fields are read here.
#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>

#include "bounced/http/api.h"
#include "bounced/http/cert_cache.h"
#include "bounced/http/encoding.h"
#include "bounced/http/https_fetch.h"
#include "bounced/http/json_views.h"
#include "bounced/http/sns_signature.h"
#include "bounced/http/sns_url.h"
#include "bounced/http/webhooks.h"

namespace bounced::http {
namespace {

constexpr const char* kProvider = "ses";
// An SNS message and the SES event in it nest five levels at most (event, mail,
// headers, one header, its value); deeper values are dropped while parsing.
constexpr int kMaxJsonDepth = 8;
// SES sends to at most 50 recipients a message; a notification naming more is not SES's.
constexpr std::size_t kMaxRecipients = 50;
// SNS sends a message again, with the same Timestamp and signature, when the endpoint
// failed, for as long as the subscription's delivery policy says: at most 3,600
// seconds in all for HTTP/S (a hard limit, AWS: "Amazon SNS message delivery
// retries"). So a signed message is good for that hour plus five minutes of clock
// skew; five minutes ahead, as for Mailgun. Its MessageId, kept as the one-time token
// as long, stops a replay within the window.
constexpr long kPastSeconds = 3600 + 5 * 60;
constexpr long kFutureSeconds = 5 * 60;

const Json& member(const Json& object, const char* name) {
    static const Json null;
    if (!object.is_object()) return null;
    const auto it = object.find(name);
    return it != object.end() ? *it : null;
}

Json parse_shallow(const std::string& body) {
    const Json::parser_callback_t shallow = [](int depth, Json::parse_event_t, Json&) { return depth <= kMaxJsonDepth; };
    return Json::parse(body, shallow, /*allow_exceptions=*/false);
}

bool printable_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}

// SNS's Timestamp, "2026-12-03T09:40:00.123Z" (ISO 8601 in UTC, fraction optional).
bool parse_timestamp(const std::string& s, long long* unix_seconds) {
    if (s.size() < 20 || s.size() > 30 || s.back() != 'Z') return false;
    static const char* kShape = "dddd-dd-ddTdd:dd:dd";
    for (std::size_t i = 0; i < 19; ++i)
        if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(s[i])) : s[i] != kShape[i]) return false;
    if (s.size() > 20 && (s[19] != '.' || s.substr(20, s.size() - 21).find_first_not_of("0123456789") != std::string::npos))
        return false;
    std::tm tm{};
    tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(s.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(s.substr(8, 2));
    tm.tm_hour = std::stoi(s.substr(11, 2));
    tm.tm_min = std::stoi(s.substr(14, 2));
    tm.tm_sec = std::stoi(s.substr(17, 2));
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return false;
    *unix_seconds = static_cast<long long>(timegm(&tm));
    return true;
}

bool recent(long long unix_seconds) {
    const long long now =
        std::chrono::duration_cast<std::chrono::seconds>(db::Clock::now().time_since_epoch()).count();
    return unix_seconds >= now - kPastSeconds && unix_seconds <= now + kFutureSeconds;
}

// An event id of at most kMaxEventIdBytes: as it is when short, else its SHA-256.
std::string bounded_id(const std::string& id) {
    if (id.size() <= kMaxEventIdBytes && printable_ascii(id)) return id;
    return "sha256:" + to_hex(sha256(id));
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The certificate's PEM: from [webhooks] ses_certificate_file when set, else from
// SigningCertURL (cached). "" with why.
std::string certificate(const config::WebhookSettings& settings, const std::string& url, std::string* why) {
    if (settings.ses_certificate_file.empty()) return CertCache::shared().certificate(url, why);
    std::ifstream in(settings.ses_certificate_file, std::ios::binary);
    std::string pem(CertCache::kMaxCertificateBytes + 1, '\0');
    in.read(pem.data(), static_cast<std::streamsize>(pem.size()));
    pem.resize(static_cast<std::size_t>(in.gcount()));
    if (pem.empty() || pem.size() > CertCache::kMaxCertificateBytes)
        return *why = "webhooks.ses_certificate_file: cannot read '" + settings.ses_certificate_file +
                      "', or it is over " + std::to_string(CertCache::kMaxCertificateBytes) + " bytes",
               "";
    return pem;
}

// A Diagnostic-Code's value without its type ("smtp; 550 ..." -> "550 ..."), as
// RFC 3464 writes it and SES copies it.
std::string without_type(const std::string& code) {
    const std::size_t semicolon = code.find(';');
    if (semicolon == std::string::npos || semicolon == 0 || semicolon > 16) return code;
    for (std::size_t i = 0; i < semicolon; ++i)
        if (!std::isalnum(static_cast<unsigned char>(code[i])) && code[i] != '-') return code;
    const std::size_t start = code.find_first_not_of(' ', semicolon + 1);
    return start == std::string::npos ? "" : code.substr(start);
}

// One ProviderEvent per recipient of the array `list` (bouncedRecipients, ...).
std::string add_recipients(const Json& list, const ProviderEvent& base, const std::string& id_prefix,
                           std::vector<ProviderEvent>* events) {
    if (!list.is_array() || list.empty()) return "Message: the event names no recipients";
    if (list.size() > kMaxRecipients) return "Message: more than " + std::to_string(kMaxRecipients) + " recipients";
    for (const auto& r : list) {
        ProviderEvent e = base;
        e.reply.recipient = string_member(r, "emailAddress");
        e.reply.status = string_member(r, "status");
        // "smtp; 550 5.1.1 ...": the receiver's reply after its type, as in a DSN.
        e.reply.diagnostic = without_type(string_member(r, "diagnosticCode"));
        e.id = bounded_id(id_prefix + "/" + lower(e.reply.recipient));
        events->push_back(std::move(e));
    }
    return "";
}

// The SES event in a Notification's Message: its events, or `*ignored` for a type that
// changes nothing here (Delivery, Send, Open, ...); "" or why it is refused.
std::string read_ses_event(const std::string& message, std::vector<ProviderEvent>* events, std::string* ignored) {
    const Json event = parse_shallow(message);
    if (event.is_discarded() || !event.is_object()) return *ignored = "(not an SES event)", "";
    std::string type = string_member(event, "notificationType");
    if (type.empty()) type = string_member(event, "eventType");
    const Json& mail = member(event, "mail");
    ProviderEvent base;
    base.provider = kProvider;
    base.original_message_id = string_member(member(mail, "commonHeaders"), "messageId");
    const std::string ses_message_id = string_member(mail, "messageId");
    if (type == "Bounce") {
        const Json& bounce = member(event, "bounce");
        const std::string bounce_type = string_member(bounce, "bounceType");
        if (bounce_type != "Permanent" && bounce_type != "Transient" && bounce_type != "Undetermined")
            return "Message: bounce.bounceType must be Permanent, Transient or Undetermined";
        // Undetermined: SES could not tell; not final, so at most soft.
        base.verdict = bounce_type == "Permanent" ? ProviderVerdict::failed_permanent : ProviderVerdict::failed_temporary;
        base.provider_type = bounce_type;
        base.reply.remote_mta = string_member(bounce, "remoteMtaIp");
        const std::string feedback = string_member(bounce, "feedbackId");
        if (feedback.empty()) return "Message: bounce.feedbackId must be a string";
        return add_recipients(member(bounce, "bouncedRecipients"), base, feedback, events);
    }
    if (type == "Complaint") {
        const Json& complaint = member(event, "complaint");
        base.verdict = ProviderVerdict::complaint;
        base.provider_type = "Complaint";
        const std::string feedback = string_member(complaint, "feedbackId");
        if (feedback.empty()) return "Message: complaint.feedbackId must be a string";
        return add_recipients(member(complaint, "complainedRecipients"), base, feedback, events);
    }
    if (type == "DeliveryDelay") {
        const Json& delay = member(event, "deliveryDelay");
        base.verdict = ProviderVerdict::delayed;
        base.provider_type = "DeliveryDelay";
        base.reply.remote_mta = string_member(delay, "reportingMTA");
        if (ses_message_id.empty()) return "Message: mail.messageId must be a string";
        // SES warns more than once about one message: each warning is its own event.
        return add_recipients(member(delay, "delayedRecipients"), base,
                              ses_message_id + "/delay/" + string_member(delay, "timestamp"), events);
    }
    *ignored = type.empty() ? "(no notificationType)" : type;
    return "";
}

// A SubscriptionConfirmation for a configured topic: visit its SubscribeURL, which
// tells SNS to start sending. 502 when that fails, so SNS sends the confirmation again;
// the log names the URL, for a host that cannot reach SNS to confirm it by hand.
void confirm_subscription(const Json& message, const config::Settings& settings, httplib::Response& res) {
    const std::string url = string_member(message, "SubscribeURL");
    const std::string topic = string_member(message, "TopicArn");
    const bool loopback = settings.webhooks.ses_confirm_loopback_for_tests;
    if (const std::string why = check_sns_url(url, loopback); !why.empty())
        return json_error(res, 400, "SubscribeURL: " + why);
    FetchLimits limits;
    limits.allow_plain_http = loopback;
    std::string body, error;
    const auto& log = settings.store.logger;
    if (!https_get(url, limits, &body, &error)) {
        if (log) log->warn("SNS subscription to {} not confirmed: {} (visit the URL to confirm by hand)", topic, error);
        return json_error(res, 502, "SubscribeURL: " + error);
    }
    if (log) log->info("SNS subscription to {} confirmed", topic);
    res.set_content(dump({{"confirmed", topic}}), "application/json");
}

bool configured_topic(const config::WebhookSettings& settings, const std::string& topic) {
    for (const auto& t : settings.ses_topic_arns)
        if (t == topic) return true;
    return false;
}

// The checks before anything is read or done, in order: our topic (403), SNS's
// certificate URL (401), the certificate (502: SNS retries), the signature (401), a
// recent timestamp (406). True with the timestamp; else the answer is set.
bool authentic(Context& ctx, const config::Settings& settings, const Json& message, long long* timestamp,
               httplib::Response& res) {
    const std::string topic = string_member(message, "TopicArn");
    if (!configured_topic(settings.webhooks, topic))
        return json_error(res, 403, "TopicArn: '" + topic.substr(0, 256) + "' is not in [webhooks] ses_topic_arns"),
               false;
    const std::string cert_url = string_member(message, "SigningCertURL");
    std::string why = check_sns_url(cert_url);
    if (why.empty() && cert_url.compare(cert_url.size() - 4, 4, ".pem") != 0) why = "must name a .pem certificate";
    if (!why.empty()) {
        ++ctx.unauthorized;
        return json_error(res, 401, "SigningCertURL: " + why), false;
    }
    const std::string pem = certificate(settings.webhooks, cert_url, &why);
    if (pem.empty()) {
        if (settings.store.logger) settings.store.logger->warn("SES webhook: SigningCertURL: {}", why);
        return json_error(res, 502, "SigningCertURL: " + why), false;
    }
    if (why = verify_sns_signature(message, pem); !why.empty()) {
        ++ctx.unauthorized;
        return json_error(res, 401, why), false;
    }
    if (!parse_timestamp(string_member(message, "Timestamp"), timestamp))
        return json_error(res, 400, "Timestamp: ISO 8601 in UTC, like 2026-12-03T09:40:00.000Z"), false;
    if (!recent(*timestamp))
        return json_error(res, 406, "Timestamp: older than 65 minutes or more than 5 minutes ahead"), false;
    return true;
}

}  // namespace

void ses_webhook(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const auto settings = ctx.settings();
    if (settings->webhooks.ses_topic_arns.empty())
        return json_error(res, 404, "no such path (no [webhooks] ses_topic_arns)");
    const Json message = parse_shallow(req.body);
    if (message.is_discarded() || !message.is_object()) return json_error(res, 400, "the body must be a JSON object");
    const std::string type = string_member(message, "Type");
    if (type != "Notification" && type != "SubscriptionConfirmation" && type != "UnsubscribeConfirmation")
        return json_error(res, 400, "Type: Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
    long long timestamp = 0;
    if (!authentic(ctx, *settings, message, &timestamp, res)) return;

    if (type == "SubscriptionConfirmation") return confirm_subscription(message, *settings, res);
    if (type == "UnsubscribeConfirmation") {
        res.set_content(dump({{"applied", 0}, {"ignored", type}}), "application/json");
        return;
    }
    const std::string message_id = string_member(message, "MessageId");
    if (message_id.empty() || message_id.size() > kMaxTokenBytes || !printable_ascii(message_id))
        return json_error(res, 400, "MessageId: 1 to " + std::to_string(kMaxTokenBytes) + " printable characters");
    std::vector<ProviderEvent> events;
    std::string ignored;
    if (const std::string why = read_ses_event(string_member(message, "Message"), &events, &ignored); !why.empty())
        return json_error(res, 400, why);
    const db::Time expires = db::Time(std::chrono::seconds(timestamp + kPastSeconds));
    store_events(ctx, kProvider, message_id, expires, events, ignored, req, res);
}

}  // namespace bounced::http
