// Amazon SES event notifications, delivered by e-mail through Amazon SNS: the body
// is the JSON notification itself, or an SNS envelope whose "Message" holds it as a
// string. SNS folds lines longer than about 1000 bytes with "!" + newline + space.
//
//   {"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
//    "bounceSubType":"General","bouncedRecipients":[{"emailAddress":"a@example.org",
//    "action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
//    "reportingMTA":"dsn; a27-23.smtp-out.us-west-2.amazonses.com"}, "mail":{...}}
//
//   {"notificationType":"Complaint","complaint":{"complainedRecipients":[
//    {"emailAddress":"a@example.org"}],"complaintFeedbackType":"abuse"}, ...}
//
//   {"notificationType":"Delivery","delivery":{"recipients":["a@example.org"],
//    "smtpResponse":"250 2.6.0 Message received","reportingMTA":"a27-29..."}, ...}
//
// https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
//
// Event publishing names the type "eventType" and adds delay warnings, which are
// not failures (class delayed):
//
//   {"eventType":"DeliveryDelay","deliveryDelay":{"delayType":"MailboxFull",
//    "delayedRecipients":[{"emailAddress":"a@example.org","status":"4.2.2",
//    "diagnosticCode":"smtp; 452 4.2.2 mailbox full"}],"expirationTime":"..."}, ...}
//
// https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
//
// SES's (and Amazon WorkMail's, which sends through SES) own bounce text puts the
// report fields inline, in the text part, after "Technical report:":
//
//   An error occurred while trying to deliver the mail to the following recipients:
//   user@example.jp
//
//   Technical report:
//
//   Reporting-MTA: dsn; a27-85.smtp-out.us-west-2.amazonses.com
//
//   Action: failed
//   Final-Recipient: rfc822; user@example.jp
//   Diagnostic-Code: smtp; 554 4.4.7 Message expired: unable to deliver in 840
//   minutes.<421 4.4.2 Connection timed out>
//   Status: 4.4.7
//
// In both the inline and the RFC 3464 form, SES quotes the last reply of the
// receiving server inside its own words ("<421 4.4.2 ...>", "550-'5.2.2 ...'"):
// that reply is the one that states the receiver's status.
#include <nlohmann/json.hpp>

#include "classify/parse/address.h"
#include "classify/parse/delivery_status.h"
#include "classify/formats/registry.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

using Json = nlohmann::json;

// A notification nests four levels deep (notification, bounce, bouncedRecipients, one
// recipient). Deeper values are dropped while parsing, so a hostile body cannot
// build a deep tree; the text itself is bounded by Limits::max_scan_bytes.
constexpr int kMaxJsonDepth = 8;

// The JSON text with SNS's "!\n " folds undone, up to the "--" signature line.
std::string unfolded_json(std::string_view text) {
    std::string json;
    bool continued = false;
    for (auto line : split_lines(text)) {
        if (trim(line) == "--") break;
        if (continued && !line.empty() && line.front() == ' ') line.remove_prefix(1);
        continued = !line.empty() && line.back() == '!';
        if (continued) line.remove_suffix(1);
        json.append(line);
        if (!continued) json += '\n';
    }
    return json;
}

// Not JSON, or not whole, or not an object: not this format (nullopt).
std::optional<Json> parse_json(const std::string& text) {
    const Json::parser_callback_t shallow = [](int depth, Json::parse_event_t, Json&) { return depth <= kMaxJsonDepth; };
    Json tree = Json::parse(text, shallow, /*allow_exceptions=*/false);
    if (tree.is_discarded() || !tree.is_object()) return std::nullopt;
    return tree;
}

// The member `key` of `object` as text: a string as it is, a number or a boolean as
// written, `fallback` when there is no such member, "" for anything else.
std::string text_of(const Json& object, const char* key, const std::string& fallback = "") {
    const auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number() || it->is_boolean()) return it->dump();
    return "";
}

// The member `key` when it is an object or an array, else null.
const Json* child(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_structured() ? &*it : nullptr;
}

// The notification: the body itself, or the SNS envelope's "Message" string.
std::optional<Json> notification(std::string_view text) {
    auto tree = parse_json(unfolded_json(text));
    if (!tree) return std::nullopt;
    const auto inner = tree->find("Message");
    if (inner != tree->end() && inner->is_string() && !tree->contains("notificationType") && !tree->contains("eventType"))
        return parse_json(inner->get<std::string>());
    return tree;
}

// What SES's bounce type says when the receiver's words may not.
std::optional<Reason> reason_for_bounce_type(const std::string& type, const std::string& subtype) {
    if (type == "Transient" && subtype == "MailboxFull") return Reason::mailboxfull;
    if (type == "Transient" && subtype == "MessageTooLarge") return Reason::mesgtoobig;
    if (type == "Permanent" && subtype == "NoEmail") return Reason::userunknown;
    return std::nullopt;
}

// A bounced or delayed recipient's own fields: its address, the receiver's status
// and words (SES puts the type before them: "smtp; 550 ..."). Nothing for an entry
// without an address, or once `max` recipients are found.
std::optional<Evidence> recipient_failure(const Json& r, std::size_t max, const std::vector<Evidence>& found) {
    if (!r.is_object() || found.size() >= max) return std::nullopt;
    std::string address = find_first_address(text_of(r, "emailAddress"));
    if (address.empty()) return std::nullopt;
    Evidence e;
    e.recipient = address;
    e.status = text_of(r, "status");
    e.diagnostic = std::string(strip_type_prefix(text_of(r, "diagnosticCode")));
    e.source = RecipientSource::mta_format;
    return e;
}

void add_bounces(const Json& bounce, std::size_t max, std::vector<Evidence>& found) {
    auto by_type = reason_for_bounce_type(text_of(bounce, "bounceType"), text_of(bounce, "bounceSubType"));
    const Json* recipients = child(bounce, "bouncedRecipients");
    if (!recipients) return;
    for (const auto& r : *recipients) {
        auto failure = recipient_failure(r, max, found);
        if (!failure) continue;
        Evidence& e = *failure;
        e.action = text_of(r, "action", "failed");
        e.last_attempt = text_of(bounce, "timestamp");
        if (by_type) {
            e.reason = by_type;
            e.rule = "amazonses:bounce-type";
        }
        found.push_back(std::move(*failure));
    }
}

// What SES's delayType says about the cause, where it names one (the others,
// General, Undetermined, SendingDeferral, leave it to the receiver's words).
std::optional<Reason> reason_for_delay_type(const std::string& type) {
    if (type == "MailboxFull") return Reason::mailboxfull;
    if (type == "SpamDetected") return Reason::spamdetected;
    if (type == "IPFailure") return Reason::blocked;
    if (type == "TransientCommunicationFailure") return Reason::networkerror;
    if (type == "InternalFailure" || type == "RecipientServerError" || type == "BYOIPHostNameLookupUnavailable")
        return Reason::systemerror;
    return std::nullopt;
}

void add_delays(const Json& delay, std::size_t max, std::vector<Evidence>& found) {
    auto by_type = reason_for_delay_type(text_of(delay, "delayType"));
    const Json* recipients = child(delay, "delayedRecipients");
    if (!recipients) return;
    for (const auto& r : *recipients) {
        auto failure = recipient_failure(r, max, found);
        if (!failure) continue;
        Evidence& e = *failure;
        e.action = "delayed";
        e.remote_mta = text_of(delay, "reportingMTA");
        e.last_attempt = text_of(delay, "timestamp");
        if (by_type) {
            e.reason = by_type;
            e.rule = "amazonses:delay-type";
        }
        found.push_back(std::move(*failure));
    }
}

void add_complaints(const Json& complaint, std::size_t max, std::vector<Evidence>& found) {
    const Json* recipients = child(complaint, "complainedRecipients");
    if (!recipients) return;
    std::string type = lower(text_of(complaint, "complaintFeedbackType"));
    for (const auto& r : *recipients) {
        if (!r.is_object()) continue;
        std::string address = find_first_address(text_of(r, "emailAddress"));
        if (address.empty() || found.size() >= max) continue;
        Evidence e;
        e.recipient = address;
        e.feedback_type = type;
        e.diagnostic = text_of(complaint, "userAgent");
        e.last_attempt = text_of(complaint, "timestamp");
        e.reason = Reason::feedback;
        e.rule = "amazonses:complaint";
        e.source = RecipientSource::arf;
        found.push_back(std::move(e));
    }
}

void add_deliveries(const Json& delivery, std::size_t max, std::vector<Evidence>& found) {
    const Json* recipients = child(delivery, "recipients");
    if (!recipients) return;
    for (const auto& r : *recipients) {
        if (!r.is_string()) continue;
        std::string address = find_first_address(r.get<std::string>());
        if (address.empty() || found.size() >= max) continue;
        Evidence e;
        e.recipient = address;
        e.action = "delivered";
        e.diagnostic = text_of(delivery, "smtpResponse");
        e.remote_mta = text_of(delivery, "remoteMtaIp");
        e.last_attempt = text_of(delivery, "timestamp");
        e.source = RecipientSource::mta_format;
        found.push_back(std::move(e));
    }
}

// The receiver's reply that SES quotes inside its own text: "<421 4.4.2 Connection
// timed out>" or "550-'5.2.2 <a@b>... Mailbox Full'". Sets status and reply code.
void use_quoted_reply(Evidence& e) {
    const std::string& d = e.diagnostic;
    for (std::size_t pos = 0; pos + 5 < d.size(); ++pos) {
        bool opens = d[pos] == '<' || (d[pos] == '\'' && pos >= 4 && d[pos - 1] == '-');
        if (!opens) continue;
        std::string_view rest = std::string_view(d).substr(d[pos] == '<' ? pos + 1 : pos - 4);
        int reply = find_reply_code(rest.substr(0, 4));
        std::string status = find_status_code(rest.substr(0, 16));
        if (status.empty() || (reply == 0 && d[pos] == '<')) continue;
        e.status = status;
        if (reply != 0) e.reply_code = reply;
        return;
    }
}

// The inline "Technical report:" fields; a field seen twice starts the next recipient.
std::vector<Evidence> decode_inline_report(const BounceView& view) {
    std::vector<Evidence> found;
    auto at = ifind(view.text, "Technical report:");
    if (at == std::string_view::npos) return found;
    std::vector<Headers> groups(1);
    for (auto line : split_lines(view.text.substr(at + 17))) {
        line = trim(line);
        if (line.empty()) continue;
        if (istarts_with(line, "--") || istarts_with(line, "Content-Type:")) break;
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0 || line.substr(0, colon).find(' ') != std::string_view::npos) {
            // a folded Diagnostic-Code continues on the next line
            continue;
        }
        std::string name(trim(line.substr(0, colon)));
        if (groups.back().has(name)) groups.emplace_back();
        groups.back().add(name, std::string(trim(line.substr(colon + 1))));
    }
    for (const auto& g : groups) {
        std::string address = find_first_address(strip_type_prefix(g.get("Final-Recipient")));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.action = std::string(g.get("Action"));
        e.status = std::string(g.get("Status"));
        e.diagnostic = std::string(strip_type_prefix(g.get("Diagnostic-Code")));
        e.remote_mta = std::string(strip_type_prefix(g.get("Remote-MTA")));
        e.source = RecipientSource::mta_format;
        use_quoted_reply(e);
        found.push_back(std::move(e));
    }
    return found;
}

// SES receiving's bounce action ("This message could not be delivered.", from
// inbound-smtp.*.amazonaws.com) answers with one of the templates its owner picks
// for a receipt rule: "550 5.1.1 Mailbox does not exist", "552 5.2.2 Mailbox full",
// "552 5.3.4 Message too large", "500 5.6.1 Message content rejected", "554 5.0.0
// Unknown failure", "450 4.0.0 Temporary failure". The rule, not the mailbox, chose
// the last three: content refused by a receipt rule is its spam filtering, and a
// temporary failure with no cause is held.
bool is_receipt_rule_bounce(const BounceView& view) {
    return istarts_with(trim(view.text), "This message could not be delivered.");
}

bool says_only(std::string_view diagnostic, std::string_view reply) {
    diagnostic = trim(diagnostic);
    return diagnostic.size() >= reply.size() && iequals(diagnostic.substr(diagnostic.size() - reply.size()), reply);
}

void use_template_reason(Evidence& e) {
    std::string_view d = e.diagnostic;
    if (says_only(d, "4.0.0 Temporary failure")) {
        e.reason = Reason::onhold;
        e.rule = "amazon-ses:template-temporary-failure";
    } else if (says_only(d, "5.6.1 Message content rejected")) {
        e.reason = Reason::spamdetected;
        e.rule = "amazon-ses:template-content-rejected";
    }
}

bool from_amazon(const BounceView& view) {
    const auto& h = view.message.headers;
    return h.has("X-SES-Outgoing") || h.has("X-AWS-Outgoing") || icontains(h.get("X-Mailer"), "Amazon WorkMail") ||
           icontains(view.from, "amazonses.com");
}

}  // namespace

std::vector<Evidence> decode_amazon_ses(const BounceView& view) {
    std::vector<Evidence> found;
    auto body = trim(view.text);
    if (body.empty() || body.front() != '{' || (!icontains(body, "notificationType") && !icontains(body, "eventType"))) {
        if (!from_amazon(view)) return found;
        if (!view.dsn || view.dsn->recipients.empty()) return decode_inline_report(view);
        found = decode_rfc3464(view);
        for (auto& e : found) {
            use_quoted_reply(e);
            if (is_receipt_rule_bounce(view)) use_template_reason(e);
        }
        return found;
    }
    auto tree = notification(body);
    if (!tree) return found;
    const std::string type = text_of(*tree, "notificationType", text_of(*tree, "eventType"));
    std::size_t max = view.limits.max_recipients;
    if (type == "Bounce") {
        if (const Json* bounce = child(*tree, "bounce")) add_bounces(*bounce, max, found);
    } else if (type == "Complaint") {
        if (const Json* complaint = child(*tree, "complaint")) add_complaints(*complaint, max, found);
    } else if (type == "Delivery") {
        if (const Json* delivery = child(*tree, "delivery")) add_deliveries(*delivery, max, found);
    } else if (type == "DeliveryDelay") {
        if (const Json* delay = child(*tree, "deliveryDelay")) add_delays(*delay, max, found);
    }
    return found;
}

}  // namespace classify::formats
