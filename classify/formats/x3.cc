// A mail appliance's "Delivery Status Notification" (sisimai calls it "X3"):
// the recipients as a bulleted list, the receiver's reply under "Technical details".
//
//   This is an automatically generated Delivery Status Notification.
//   Delivery to the following recipients failed permanently:
//      * user@example.org
//   ======================
//                       Technical details:
//   SMTP:RCPT host 192.0.2.8: 553 5.3.0 <user@example.org>... No such user here
//
// A message that could not be sent in time says instead "Delivery to the
// following recipients was aborted after 5.0 hour(s):". Both are also misspelt
// "Delevery to the following recipients ...".
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// Read without the first word, which the appliance also spells "Delevery".
constexpr std::string_view kStarts[] = {" to the following recipients failed permanently:",
                                        " to the following recipients was aborted after"};

bool is_start(std::string_view line) {
    for (auto s : kStarts)
        if (icontains(line, s)) return true;
    return false;
}

// The lines under "Technical details:" up to the next rule of "=".
std::string technical_details(std::string_view text) {
    auto at = ifind(text, "Technical details:");
    if (at == std::string_view::npos) return {};
    std::string out;
    auto lines = split_lines(text.substr(at));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        auto line = trim(lines[i]);
        if (starts_with(line, "=====")) break;
        if (line.empty()) continue;
        if (!out.empty()) out += ' ';
        out.append(line);
    }
    return out;
}

}  // namespace

std::vector<Evidence> decode_x3(const BounceView& view) {
    std::vector<Evidence> found;
    // A report part that names nobody (only its per-message fields) leaves the list.
    if ((view.dsn && !view.dsn->recipients.empty()) || !icontains(view.text, "This is an automatically generated Delivery Status Notification")) return found;
    auto lines = split_lines(view.text);
    std::size_t i = 0;
    while (i < lines.size() && !is_start(lines[i])) ++i;
    if (i == lines.size()) return found;
    bool aborted = icontains(lines[i], "aborted after");
    std::string details = technical_details(view.text);
    for (++i; i < lines.size() && !starts_with(trim(lines[i]), "====="); ++i) {
        auto line = trim(lines[i]);
        if (!starts_with(line, "*")) continue;
        std::string address = find_first_address(line.substr(1));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = details.empty() ? std::string(line) : details;
        if (istarts_with(details, "SMTP:")) e.smtp_command = std::string(details.substr(5, details.find(' ') - 5));
        // "aborted after 5.0 hour(s)" says the appliance stopped retrying, not why
        // it could not deliver: a receiver's reply under "Technical details" (an
        // SMTP reply code after "SMTP:<command> host ...:") names the cause, as the
        // last error does in qmail's "in the queue too long"; only the appliance's
        // own words ("Routing: Could not find a gateway") leave it expired.
        if (aborted && find_reply_code(details) == 0) {
            e.reason = Reason::expired;
            e.rule = "x3:aborted";
        }
        e.source = RecipientSource::mta_format;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
