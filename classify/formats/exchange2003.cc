// Microsoft Exchange Server 5.5-2003 non-delivery reports, which carry no DSN:
// each recipient with the date, Exchange's words and its MSEXCH diagnostic code.
//
//   Your message
//     To:      someone@example.net
//     Subject: Hello
//   did not reach the following recipient(s):
//
//   user@example.org on Thu, 29 Apr 2010 00:00:00 -0000
//       The recipient name is not recognized
//       MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
//
// (older versions: "The following recipient(s) could not be reached:")
#include <optional>

#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

struct ExchangeCode {
    std::string_view code;
    Reason reason;
};

// The MSEXCH diagnostic codes whose meaning is certain.
constexpr ExchangeCode kCodes[] = {
    {"000C05A6", Reason::userunknown},    // Unknown Recipient
    {"000C0595", Reason::filtered},       // Ambiguous Recipient
    {"00010256", Reason::systemerror},    // Too many recipients
    {"000D06B5", Reason::systemerror},    // No proxy for recipient
    {"00120270", Reason::networkerror},   // Too Many Hops
    {"00050311", Reason::contenterror},   // Conversion to Internet format failed
    {"000502CC", Reason::contenterror},   // Conversion to Internet format failed
    {"000B0981", Reason::securityerror},  // Server does not support AUTH
};

std::optional<Reason> reason_of_code(std::string_view diagnostic) {
    for (const auto& c : kCodes)
        if (icontains(diagnostic, std::string("(") + std::string(c.code) + ")")) return c.reason;
    return std::nullopt;
}

}  // namespace

std::vector<Evidence> decode_exchange2003(const BounceView& view) {
    static const ParagraphLayout layout{
        {"did not reach the following recipient(s):", "The following recipient(s) could not be reached:"},
        original_message_markers(),
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    for (auto& e : found) {
        if (auto reason = reason_of_code(e.diagnostic)) {
            e.reason = *reason;
            e.rule = "exchange2003:code";
        }
    }
    return found;
}

}  // namespace classify::formats
