// Verizon Wireless's MMS gateway (vzwpix.com) notices: the error after "Error:",
// the original's envelope after "Original Message:".
//
//   Message could not be delivered to mobile.
//   Error: No valid recipients for this MM
//
//   Original Message:
//   From: Sender <sender@example.net>
//   To: 5555550000@vzwpix.com
#include "classify/address.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_verizon(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !icontains(view.text, "Message could not be delivered to mobile")) return found;
    std::string error;
    bool in_original = false;
    for (auto line : split_lines(view.text)) {
        line = trim(line);
        if (istarts_with(line, "Error:") && error.empty()) error = std::string(trim(line.substr(6)));
        if (istarts_with(line, "Original Message:")) in_original = true;
        if (!in_original || !istarts_with(line, "To:")) continue;
        std::string address = find_first_address(line.substr(3));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.source = RecipientSource::mta_format;
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
