// Symantec Email Security.cloud (MessageLabs): a report part with no Status and no
// Diagnostic-Code, and the receiver's answer in the text under the address.
//
//   This is the mail delivery agent at Symantec Email Security.cloud.
//
//   I was unable to deliver your message to the following addresses:
//
//   user@example.com
//
//   Reason: 542 user@example.com Rejected
//
// "542 <address> Rejected" is MessageLabs's own reply for a recipient the
// customer's mail server does not accept: an unknown user.
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_messagelabs(const BounceView& view) {
    if (!view.dsn || !icontains(view.text, "This is the mail delivery agent at Symantec Email Security.cloud"))
        return {};
    auto found = decode_rfc3464(view);
    for (auto& e : found) {
        for (auto line : split_lines(view.text))
            if (istarts_with(trim(line), "Reason:") && icontains(line, e.recipient)) e.diagnostic = std::string(trim(line));
        std::string_view d = trim(e.diagnostic);
        if (istarts_with(d, "Reason:")) d = trim(d.substr(7));
        if (istarts_with(d, "542 ") && d.size() > 9 && iequals(d.substr(d.size() - 9), " Rejected")) {
            e.reason = Reason::userunknown;
            e.rule = "messagelabs:542-rejected";
        }
    }
    return found;
}

}  // namespace classify::formats
