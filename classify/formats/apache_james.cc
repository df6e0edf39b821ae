// Apache James's notices (its AbstractNotify mailet): the receiver's reply under
// "Error message below:", and the envelope under "Message details:", where the
// "RCPT TO:" line names the recipient. Verizon's text gateway sends the same.
//
//   Error: Invalid user address
//
//   Error message below:
//   550 - Requested action not taken: no such user here
//
//   Message details:
//     Subject: Hello
//     MAIL FROM: sender@example.net
//     RCPT TO: user@example.org
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_apache_james(const BounceView& view) {
    std::vector<Evidence> found;
    auto error_at = ifind(view.text, "\nError message below:");
    if (view.dsn || error_at == std::string_view::npos) return found;
    auto details_at = ifind(view.text, "\nMessage details:", error_at);
    if (details_at == std::string_view::npos) return found;
    bool verizon = icontains(view.from, "@vtext.com");
    std::string diagnostic;
    for (auto line : split_lines(view.text.substr(error_at + 1, details_at - error_at - 1))) {
        line = trim(line);
        if (line.empty() || istarts_with(line, "Error message below:")) continue;
        if (!diagnostic.empty()) diagnostic += ' ';
        diagnostic.append(line);
    }
    for (auto line : split_lines(view.text.substr(details_at + 1))) {
        line = trim(line);
        if (line.empty()) continue;
        if (!istarts_with(line, "RCPT TO:")) {
            if (line.find(':') == std::string_view::npos) break;  // past the details
            continue;
        }
        std::string address = find_first_address(line.substr(8));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = diagnostic;
        e.source = RecipientSource::mta_format;
        // Verizon's text gateway answers so for a number it does not serve; James
        // itself says it after the message was taken (a filter's refusal).
        if (verizon && icontains(diagnostic, "no such user here")) {
            e.reason = Reason::userunknown;
            e.rule = "verizon:no-such-user";
        }
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
