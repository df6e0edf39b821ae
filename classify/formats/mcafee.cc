// McAfee's mail appliance (Email Gateway, Email and Web Security Appliance): a
// "Delivery Status" message marked "X-NAI-Header: Modified by McAfee ...", with
// each address and its error in parentheses, then a partial report part.
//
//       --- The following addresses had delivery problems ---
//
//   <user@example.org>   (Unknown user user@example.org)
//
// The report part has Original-Recipient, Action and Diagnostic-Code but no
// Status and no command: the appliance's layout, not RFC 3464, is what is read.
#include "classify/parse/address.h"
#include "classify/parse/delivery_status.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_mcafee(const BounceView& view) {
    std::vector<Evidence> found;
    if (!icontains(view.message.headers.get("X-NAI-Header"), "Modified by McAfee")) return found;
    auto at = ifind(view.text, "--- The following addresses had delivery problems ---");
    if (at == std::string_view::npos) return found;
    for (auto line : split_lines(view.text.substr(at))) {
        line = trim(line);
        if (line.empty() || line[0] != '<') continue;
        auto close = line.find('>');
        auto open = line.find('(', close == std::string_view::npos ? 0 : close);
        if (close == std::string_view::npos || open == std::string_view::npos || line.back() != ')') continue;
        std::string address = find_first_address(line.substr(0, close + 1));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = std::string(trim(line.substr(open + 1, line.size() - open - 2)));
        e.source = RecipientSource::mta_format;
        if (view.dsn)
            for (const auto& group : view.dsn->recipients) {
                std::string named = find_first_address(strip_type_prefix(group.get("Original-Recipient")));
                if (named.empty()) named = find_first_address(strip_type_prefix(group.get("Final-Recipient")));
                if (!iequals(named, address)) continue;
                auto code = strip_type_prefix(group.get("Diagnostic-Code"));
                if (!trim(code).empty()) e.diagnostic = std::string(trim(code));
                e.action = std::string(trim(group.get("Action")));
                e.remote_mta = std::string(strip_type_prefix(group.get("Remote-MTA")));
            }
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
