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
//
// Exchange writes these sentences in the server's language ("hat folgende
// Empfänger nicht erreicht:", "n'est pas parvenu aux destinataires suivants :").
// What stays the same in every language is the shape of a recipient's block: the
// address first on its line, then indented lines ending in Exchange's own code,
// "MSEXCH:..." or the status in its "<mx.example.org #5.1.1>" form. Those codes,
// not the translated sentences, find the recipients when the English ones are absent.
#include <optional>

#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
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

// "#5.1.1" as Exchange writes a status inside its angle-bracketed diagnostic
// ("<mx.example.org #5.1.1>", "<mx.example.org #5.0.0 smtp;550 ...>"); qmail's
// "(#5.1.1)" is not it.
bool has_hash_status(std::string_view text) {
    for (auto at = text.find(" #"); at != std::string_view::npos && at + 7 <= text.size(); at = text.find(" #", at + 1)) {
        auto code = text.substr(at + 2);
        if ((code[0] == '4' || code[0] == '5') && code[1] == '.' && code[2] >= '0' && code[2] <= '9' &&
            text.rfind('<', at) != std::string_view::npos && text.find('>', at) != std::string_view::npos)
            return true;
    }
    return false;
}

// The recipient blocks of a report in any language: an address first on its line,
// and below it, up to a blank line, a line with Exchange's code.
std::vector<Evidence> decode_by_codes(const BounceView& view) {
    std::vector<Evidence> found;
    auto lines = split_lines(view.prose().substr(0, 64 * 1024));
    for (std::size_t i = 0; i < lines.size() && found.size() < view.limits.max_recipients; ++i) {
        std::string_view rest;
        std::string address = recipient_at_line_start(lines[i], &rest);
        if (address.empty()) continue;
        std::string block;
        std::size_t j = i + 1;
        for (; j < lines.size() && j < i + 8 && !trim(lines[j]).empty(); ++j) {
            block += trim(lines[j]);
            block += ' ';
        }
        if (!icontains(block, "MSEXCH:") && !has_hash_status(block)) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = std::string(trim(block));
        e.source = RecipientSource::mta_format;
        found.push_back(std::move(e));
        i = j;
    }
    return found;
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
    if (found.empty()) found = decode_by_codes(view);
    for (auto& e : found) {
        if (auto reason = reason_of_code(e.diagnostic)) {
            e.reason = *reason;
            e.rule = "exchange2003:code";
        }
    }
    return found;
}

}  // namespace classify::formats
