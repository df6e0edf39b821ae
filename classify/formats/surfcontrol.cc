// SurfControl E-mail Filter's reports: a transcript of the attempts per recipient,
// with the receiver's reply after the host's address. Its delivery-status part
// (after blank lines) only repeats the reply with a vague 5.0.0, and names no
// command, so the transcript is read instead.
//
//   Your message could not be sent.
//   A transcript of the attempts to send the message follows.
//   The number of attempts made: 1
//   Addressed To: user@example.org
//
//   Thu 29 Apr 2010 23:34:45 +0900
//   Failed to send to identified host,
//   user@example.org: [192.0.2.5], 550 user@example.org... No such user
//   --- Message non-deliverable.
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_surfcontrol(const BounceView& view) {
    std::vector<Evidence> found;
    if (!icontains(view.message.headers.get("X-Mailer"), "SurfControl E-mail Filter") ||
        !icontains(view.text, "Your message could not be sent."))
        return found;
    for (auto line : split_lines(view.text)) {
        line = trim(line);
        if (istarts_with(line, "Addressed To:")) {
            std::string address = find_first_address(line.substr(13));
            if (address.empty() || found.size() >= view.limits.max_recipients) continue;
            Evidence e;
            e.recipient = address;
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
            continue;
        }
        // "user@example.org: [192.0.2.5], 550 ..." for the last recipient named.
        auto host = line.find(": [");
        auto reply = line.find("],", host == std::string_view::npos ? 0 : host);
        if (found.empty() || host == std::string_view::npos || reply == std::string_view::npos) continue;
        if (find_first_address(line.substr(0, host)) != found.back().recipient) continue;
        found.back().remote_mta = std::string(line.substr(host + 3, reply - host - 3));
        found.back().diagnostic = std::string(trim(line.substr(reply + 2)));
    }
    if (view.dsn) {
        for (auto& e : found)
            for (const auto& group : view.dsn->recipients)
                if (iequals(find_first_address(group.get("Final-Recipient")), e.recipient))
                    e.status = std::string(trim(group.get("Status")));
    }
    return found;
}

}  // namespace classify::formats
