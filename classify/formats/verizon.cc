// Verizon Wireless's MMS gateway (vzwpix.com) notices: the error after "Error:",
// the original's envelope after "Original Message:".
//
//   Message could not be delivered to mobile.
//   Error: No valid recipients for this MM
//
//   Original Message:
//   From: Sender <sender@example.net>
//   To: 5555550000@vzwpix.com
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/original_message.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_verizon(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !icontains(view.text, "Message could not be delivered to mobile")) return found;
    std::string error;
    for (auto line : split_lines(view.text)) {
        line = trim(line);
        if (istarts_with(line, "Error:")) {
            error = std::string(trim(line.substr(6)));
            break;
        }
    }
    // The notice names no recipient: the returned envelope's To is the one (the
    // part of the returned copy a bounce may be read for, returned_message.h).
    for (const auto& address : find_addresses(original_headers(view.message, view.returned).get("To"),
                                              view.limits.max_recipients)) {
        Evidence e;
        e.recipient = address.address;
        // Read from the returned copy, so a guess (README, `returned-to`).
        e.source = RecipientSource::returned_to;
        found.push_back(std::move(e));
    }
    for (auto& e : found) {
        e.diagnostic = error;
        // The gateway's own verdict for a number it does not serve.
        if (icontains(error, "No valid recipients for this MM")) {
            e.reason = Reason::userunknown;
            e.rule = "verizon:no-valid-recipients";
        }
    }
    return found;
}

}  // namespace classify::formats
