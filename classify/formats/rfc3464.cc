// RFC 3464 delivery status notifications, as Postfix, Sendmail, Exchange, Gmail
// and most modern MTAs send them: a message/delivery-status part with one field
// group per recipient. Where the group has no Diagnostic-Code, the human-readable
// part usually quotes the receiver's reply next to the address: that is used.
#include "classify/formats/registry.h"

#include "classify/address.h"
#include "classify/delivery_status.h"
#include "classify/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

std::string recipient_of(const Headers& group) {
    for (const char* name : {"Final-Recipient", "Original-Recipient", "X-Actual-Recipient"}) {
        std::string address = find_first_address(strip_type_prefix(group.get(name)));
        if (!address.empty()) return address;
    }
    return {};
}

Evidence evidence_from(const Headers& group, const Headers& per_message, std::string_view text) {
    Evidence e;
    e.recipient = recipient_of(group);
    e.original_recipient = find_first_address(strip_type_prefix(group.get("Original-Recipient")));
    e.action = std::string(trim(group.get("Action")));
    e.status = std::string(trim(group.get("Status")));
    e.diagnostic = std::string(strip_type_prefix(group.get("Diagnostic-Code")));
    e.remote_mta = std::string(strip_type_prefix(group.get("Remote-MTA")));
    e.last_attempt = std::string(group.get("Last-Attempt-Date"));
    if (e.last_attempt.empty()) e.last_attempt = std::string(per_message.get("Arrival-Date"));
    if (trim(e.diagnostic).empty()) e.diagnostic = paragraph_about(text, e.recipient);
    e.source = RecipientSource::dsn;
    return e;
}

}  // namespace

std::vector<Evidence> decode_rfc3464(const BounceView& view) {
    std::vector<Evidence> found;
    if (!view.dsn) return found;
    for (const auto& group : view.dsn->recipients) {
        Evidence e = evidence_from(group, view.dsn->per_message, view.text);
        if (!e.recipient.empty()) found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
