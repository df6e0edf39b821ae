// RFC 3464 message/delivery-status: one per-message field group, then one group per
// recipient, separated by blank lines. mimetic leaves the part as opaque text, so the
// groups are split here. Field names are matched case-insensitively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/headers.h"

namespace classify {

struct DeliveryStatus {
    Headers per_message;               // Reporting-MTA, Arrival-Date, ...
    std::vector<Headers> recipients;   // Final-Recipient, Action, Status, ...
};

// Parses the body of a message/delivery-status part. Groups without a
// Final-Recipient or Original-Recipient are per-message fields (some MTAs repeat
// them), never recipients. At most `max_recipients` groups are kept.
DeliveryStatus parse_delivery_status(std::string_view text, std::size_t max_recipients);

// "rfc822; user@example.org" -> "user@example.org"; "smtp; 550 ..." -> "550 ...".
std::string_view strip_type_prefix(std::string_view value);

// The address a result reports for one recipient group (README, `recipient`): the
// subscriber's address is the one the list sent to, so the Original-Recipient when
// it is an rfc822 address (RFC 3464 2.3.1: as the sender gave it; an alias or a
// forward may have made the Final-Recipient another address), else the
// Final-Recipient, then any address the group names. "" when none. Every decoder
// that reads field groups, in a report part or inline in a plain text, uses it.
std::string reported_recipient(const Headers& group);

}  // namespace classify
