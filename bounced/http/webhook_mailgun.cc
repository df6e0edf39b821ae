// POST /webhooks/mailgun (docs/webhooks.md): Mailgun's JSON webhook body,
//   {"signature": {"timestamp": "1714566600", "token": "...", "signature": "<hex>"},
//    "event-data": {"event": "failed", "id": "...", "recipient": "...", "severity": ...}}
// The signature is HMAC-SHA256 of timestamp + token under the account's HTTP webhook
// signing key ([webhooks] mailgun_signing_key_file), compared in constant time. A
// timestamp more than five minutes from now and a token seen before are refused.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <chrono>

#include "bounced/http/api.h"
#include "bounced/http/encoding.h"
#include "bounced/http/json_views.h"
#include "bounced/http/webhooks.h"

namespace bounced::http {
namespace {

constexpr const char* kProvider = "mailgun";
constexpr std::size_t kHexSignature = 64;  // SHA-256 in hex

std::string hmac_sha256_hex(const std::string& key, const std::string& data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), mac, &length);
    return to_hex(mac, length);
}

// signature.timestamp: Unix seconds, as a string of digits (Mailgun's form) or a number.
bool read_timestamp(const Json& signature, long long* out) {
    const auto it = signature.find("timestamp");
    if (it == signature.end()) return false;
    if (it->is_number_unsigned()) return *out = it->get<long long>(), true;
    if (!it->is_string()) return false;
    const std::string digits = it->get<std::string>();
    if (digits.empty() || digits.size() > 12 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    *out = std::stoll(digits);
    return true;
}

bool printable_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}

// delivery-status.code: a number, or digits in a string.
int reply_code_of(const Json& status) {
    const auto it = status.find("code");
    if (it == status.end()) return 0;
    if (it->is_number_integer()) return it->get<long long>() > 0 && it->get<long long>() < 1000 ? it->get<int>() : 0;
    const std::string digits = it->is_string() ? it->get<std::string>() : "";
    if (digits.size() != 3 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoi(digits);
}

// The event, or "" with it filled; else why the body is refused. `ignored` is set for
// event types that change nothing here (delivered, opened, ...).
std::string read_event(const Json& data, ProviderEvent* e, std::string* ignored) {
    if (!data.is_object()) return "event-data: must be an object";
    const std::string event = string_member(data, "event");
    e->provider = kProvider;
    e->id = string_member(data, "id");
    e->reply.recipient = string_member(data, "recipient");
    if (e->id.empty() || e->id.size() > kMaxEventIdBytes || !printable_ascii(e->id))
        return "event-data.id: a string of 1 to " + std::to_string(kMaxEventIdBytes) + " printable characters";
    const std::string reason = string_member(data, "reason");  // failed: bounce, suppress-bounce, generic, ...
    if (event == "complained") {
        e->verdict = ProviderVerdict::complaint;
        e->provider_type = "complained";
    } else if (event == "unsubscribed") {
        e->verdict = ProviderVerdict::unsubscribed;
        e->provider_type = "unsubscribed";
    } else if (event == "failed") {
        const std::string severity = string_member(data, "severity");
        if (severity != "permanent" && severity != "temporary")
            return "event-data.severity: permanent or temporary for a failed event";
        e->verdict = severity == "permanent" ? ProviderVerdict::failed_permanent : ProviderVerdict::failed_temporary;
        e->provider_type = severity;
        // Mailgun refused to send because its own list has the address: as its entry says.
        if (reason == "suppress-complaint") e->verdict = ProviderVerdict::complaint;
        if (reason == "suppress-unsubscribe") e->verdict = ProviderVerdict::unsubscribed;
        if (e->verdict != ProviderVerdict::failed_permanent && e->verdict != ProviderVerdict::failed_temporary)
            e->provider_type = reason;
    } else {
        *ignored = event.empty() ? "(no event)" : event;
        return "";
    }
    const auto status = data.find("delivery-status");
    if (status != data.end() && status->is_object()) {
        // message: the receiver's reply; description: Mailgun's own words, used only
        // when there is no reply (a send Mailgun refused itself).
        e->reply.diagnostic = string_member(*status, "message");
        if (e->reply.diagnostic.empty()) e->reply.diagnostic = string_member(*status, "description");
        e->reply.reply_code = reply_code_of(*status);
        e->reply.status = string_member(*status, "enhanced-code");
        e->reply.remote_mta = string_member(*status, "mx-host");
    }
    const auto message = data.find("message");
    if (message != data.end() && message->is_object()) {
        const auto headers = message->find("headers");
        if (headers != message->end()) e->original_message_id = string_member(*headers, "message-id");
    }
    return "";
}

}  // namespace

void mailgun_webhook(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const auto settings = ctx.settings();
    const std::string& key = settings->webhooks.mailgun_signing_key;
    if (key.empty()) return json_error(res, 404, "no such path (no [webhooks] mailgun_signing_key_file)");
    const Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return json_error(res, 400, "the body must be a JSON object");
    const auto sig = body.find("signature");
    if (sig == body.end() || !sig->is_object()) return json_error(res, 400, "signature: must be an object");
    long long timestamp = 0;
    if (!read_timestamp(*sig, &timestamp)) return json_error(res, 400, "signature.timestamp: Unix seconds");
    const std::string token = string_member(*sig, "token");
    if (token.empty() || token.size() > kMaxTokenBytes || !printable_ascii(token))
        return json_error(res, 400, "signature.token: a string of 1 to " + std::to_string(kMaxTokenBytes) + " printable characters");
    std::string given = string_member(*sig, "signature");
    for (auto& c : given) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // A string timestamp is signed as sent: "0123" and "123" are not the same text.
    const auto raw_ts = sig->find("timestamp");
    const std::string signed_text = (raw_ts->is_string() ? raw_ts->get<std::string>() : std::to_string(timestamp)) + token;
    const std::string wanted = hmac_sha256_hex(key, signed_text);
    if (given.size() != kHexSignature || CRYPTO_memcmp(given.data(), wanted.data(), kHexSignature) != 0) {
        ++ctx.unauthorized;
        return json_error(res, 401, "signature: does not verify under the signing key");
    }
    if (!within_window(timestamp, db::Clock::now()))
        return json_error(res, 406, "signature.timestamp: more than 5 minutes from now");
    ProviderEvent event;
    std::string ignored;
    if (const auto why = read_event(body.contains("event-data") ? body["event-data"] : Json(), &event, &ignored);
        !why.empty())
        return json_error(res, 400, why);
    const db::Time expires = db::Time(std::chrono::seconds(timestamp + kWebhookWindowSeconds));
    std::vector<ProviderEvent> events;
    if (ignored.empty()) events.push_back(event);
    store_events(ctx, kProvider, token, expires, events, ignored, req, res);
}

}  // namespace bounced::http
