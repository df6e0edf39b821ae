// POST /webhooks/postmark (docs/webhooks.md): Postmark's bounce webhook
//   {"RecordType": "Bounce", "ID": 4323372036854775807, "Type": "HardBounce", "TypeCode": 1,
//    "Email": "...", "Details": "smtp;550 5.1.1 ...", "Description": "...", "MessageID": "...",
//    "BouncedAt": "2019-11-05T16:33:54.9070259Z", ...}
// and its spam-complaint webhook (RecordType "SpamComplaint", the same fields).
// Postmark does not sign them: the request must carry HTTP basic auth with the
// credentials of [webhooks] postmark_credentials_file, and may be limited to the source
// networks of [webhooks] postmark_allow_from. Without a one-time token, Postmark's ID is
// what makes a repeated request change nothing.

#include <cstring>
#include <regex>

#include "bounced/http/api.h"
#include "bounced/http/encoding.h"
#include "bounced/http/json_views.h"
#include "bounced/http/session.h"
#include "bounced/http/webhooks.h"
#include "config/networks.h"

namespace bounced::http {
namespace {

constexpr const char* kProvider = "postmark";
constexpr std::size_t kMaxAuthorization = 1024;

// SHA-256 of a text: the credentials are compared as digests, so the comparison takes
// as long whatever their lengths and wherever they first differ.
// Whether the request's "Authorization: Basic ..." names the configured user and password.
bool authorized(const httplib::Request& req, const config::WebhookSettings& w) {
    const std::string header = req.get_header_value("Authorization");
    constexpr const char* kBasic = "Basic ";
    if (header.size() > kMaxAuthorization || header.compare(0, std::strlen(kBasic), kBasic) != 0) return false;
    std::string given;
    if (!decode_base64(header.substr(std::strlen(kBasic)), &given)) return false;
    // Digests first, so that the comparison's time says nothing of the lengths either.
    return same_secret(sha256(given), sha256(w.postmark_user + ":" + w.postmark_password));
}

// ID: Postmark's number (a 64-bit integer), or digits in a string.
std::string id_of(const Json& body) {
    const auto it = body.find("ID");
    if (it == body.end()) return "";
    if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
    const std::string s = it->is_string() ? it->get<std::string>() : "";
    if (s.empty() || s.size() > 20 || s.find_first_not_of("0123456789") != std::string::npos) return "";
    return s;
}

// Postmark's own words ("The server was unable to deliver your message (ex: unknown
// user, mailbox not found)") would read as a reason for every bounce of its type:
// only a text that quotes an SMTP reply (a 4xx/5xx code or an enhanced status code)
// goes to the rules.
bool carries_smtp_reply(const std::string& s) {
    static const std::regex kReply(R"((^|[^0-9.])([45][0-9][0-9][ -]|[245]\.[0-9]{1,3}\.[0-9]{1,3}))");
    return std::regex_search(s.substr(0, 4096), kReply);
}

// Type: Postmark's verdict, the fallback when the reply says nothing the rules know.
// false: a type that is no bounce of the address (AutoResponder, Subscribe, ...).
bool read_type(const std::string& record, const std::string& type, ProviderVerdict* v) {
    if (record == "SpamComplaint" || type == "SpamComplaint") return *v = ProviderVerdict::complaint, true;
    if (type == "HardBounce" || type == "BadEmailAddress") return *v = ProviderVerdict::failed_permanent, true;
    if (type == "SoftBounce" || type == "DnsError") return *v = ProviderVerdict::failed_temporary, true;
    if (type == "Transient") return *v = ProviderVerdict::delayed, true;  // Postmark still retries
    if (type == "Blocked" || type == "SpamNotification" || type == "VirusNotification" || type == "DMARCPolicy")
        return *v = ProviderVerdict::blocked, true;
    if (type == "Unsubscribe") return *v = ProviderVerdict::unsubscribed, true;
    return false;
}

}  // namespace

void postmark_webhook(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const auto settings = ctx.settings();
    const auto& w = settings->webhooks;
    if (w.postmark_user.empty()) return json_error(res, 404, "no such path (no [webhooks] postmark_credentials_file)");
    if (!w.postmark_networks.empty() && !config::network_contains(w.postmark_networks, req.remote_addr)) {
        ++ctx.unauthorized;
        return json_error(res, 403, "this address may not post Postmark events ([webhooks] postmark_allow_from)");
    }
    if (!authorized(req, w)) {
        ++ctx.unauthorized;
        res.set_header("WWW-Authenticate", "Basic realm=\"bounced postmark\"");
        return json_error(res, 401, "Authorization: basic auth with the credentials of postmark_credentials_file");
    }
    const Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return json_error(res, 400, "the body must be a JSON object");
    const std::string record = string_member(body, "RecordType");
    const std::string type = string_member(body, "Type");
    ProviderEvent e;
    e.provider = kProvider;
    if ((record != "Bounce" && record != "SpamComplaint") || !read_type(record, type, &e.verdict)) {
        const std::string what = record == "Bounce" ? type : record;
        std::vector<ProviderEvent> none;
        return store_events(ctx, kProvider, "", {}, none, what.empty() ? "(no RecordType)" : what.substr(0, 40), req,
                            res);
    }
    e.provider_type = type.empty() ? record : type;
    e.id = id_of(body);
    if (e.id.empty()) return json_error(res, 400, "ID: Postmark's bounce ID, a number");
    e.reply.recipient = string_member(body, "Email");
    for (const char* field : {"Details", "Description"}) {
        const std::string words = string_member(body, field);
        if (carries_smtp_reply(words)) {
            e.reply.diagnostic = words;
            break;
        }
    }
    store_events(ctx, kProvider, "", {}, {e}, "", req, res);
}

}  // namespace bounced::http
