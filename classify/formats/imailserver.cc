// Ipswitch IMail Server (SMTP32), which sends no DSN: one line per recipient,
// IMail's verdict, a colon and the address; the receiver's reply, when there was
// one, after "Body of message generated response:".
//
//   Subject: Undeliverable Mail
//
//   Unknown user: user@example.org
//   Delivery failed 20 attempts: other@example.org
//
//   Original message follows.
#include <optional>

#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

struct Verdict {
    std::string_view starts;
    Reason reason;
};

// IMail's own words at the start of the line, whose meaning is certain.
constexpr Verdict kVerdicts[] = {
    {"Unknown user", Reason::userunknown},
    {"Invalid final delivery userid", Reason::userunknown},
    {"User mailbox exceeds allowed size", Reason::mailboxfull},
    {"Requested action not taken: virus detected", Reason::virusdetected},
    {"Delivery failed ", Reason::expired},  // "Delivery failed 20 attempts"
};

std::optional<Reason> verdict_of(std::string_view line) {
    for (const auto& v : kVerdicts)
        if (istarts_with(line, v.starts)) return v.reason;
    return std::nullopt;
}

bool is_imail(const BounceView& view) {
    return iequals(trim(view.subject), "Undeliverable Mail") ||
           istarts_with(view.message.headers.get("X-Mailer"), "<SMTP32 v");
}

}  // namespace

std::vector<Evidence> decode_imailserver(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !is_imail(view)) return found;
    std::string_view prose = text_before(view.text, {"Original message follows."});
    std::string response;
    for (auto raw : split_lines(prose)) {
        auto line = trim(raw);
        auto colon = line.rfind(": ");
        std::string address = colon == std::string_view::npos ? std::string() : find_first_address(line.substr(colon + 2));
        bool recipient_line = !address.empty() && line.find(' ') < colon && trim(line.substr(colon + 2)).find(' ') == std::string_view::npos;
        if (recipient_line) {
            if (found.size() >= view.limits.max_recipients) break;
            Evidence e;
            e.recipient = address;
            e.diagnostic = std::string(line.substr(0, colon));
            if (auto reason = verdict_of(line)) {
                e.reason = *reason;
                e.rule = "imailserver:verdict";
            }
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
        } else if (icontains(line, "generated response:") || !response.empty()) {
            if (!line.empty()) response += (response.empty() ? "" : " ") + std::string(line);
        }
    }
    for (auto& e : found)
        if (!response.empty()) e.diagnostic = response + " " + e.diagnostic;
    return found;
}

}  // namespace classify::formats
