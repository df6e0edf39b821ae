// A mail gateway that wraps the real bounce (sisimai's "X5"): its own text only
// announces the failure, and the report itself, with its delivery-status part,
// is attached as a message/rfc822 part.
//
//   From: "Mail Delivery Subsystem" <MAILER-DAEMON@gateway.example.net>
//   To: "NotificationRecipients" <NotificationRecipients@gateway.example.net>
//
//   The original message was received at Thu Oct 13 15:22:22 2015
//   ----- The following addresses had permanent delivery errors -----
//   [attached: a multipart/report with Final-Recipient, Status, Diagnostic-Code]
#include "classify/parse/address.h"
#include "classify/parse/delivery_status.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// The delivery-status part of the attached report, or null.
const Part* attached_report(const Message& message) {
    for (const auto& part : message.parts)
        if (part.in_original && (part.type == "message/delivery-status" || part.type == "message/global-delivery-status"))
            return &part;
    return nullptr;
}

bool announces_failure(std::string_view text) {
    // The heading with no address under it: the addresses are in the attachment.
    auto at = ifind(text, "----- The following addresses had permanent delivery errors -----");
    if (at == std::string_view::npos) return false;
    auto rest = text.substr(at + 64);
    return find_first_address(rest).empty();
}

}  // namespace

std::vector<Evidence> decode_x5(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !announces_failure(view.text)) return found;
    const Part* part = attached_report(view.message);
    if (!part) return found;
    DeliveryStatus report = parse_delivery_status(trim(part->text), view.limits.max_recipients);
    for (const auto& group : report.recipients) {
        Evidence e;
        e.recipient = reported_recipient(group);
        if (e.recipient.empty()) continue;
        e.action = std::string(trim(group.get("Action")));
        e.status = std::string(trim(group.get("Status")));
        e.diagnostic = std::string(strip_type_prefix(group.get("Diagnostic-Code")));
        e.remote_mta = std::string(strip_type_prefix(group.get("Remote-MTA")));
        e.last_attempt = std::string(group.get("Last-Attempt-Date"));
        e.source = RecipientSource::dsn;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
