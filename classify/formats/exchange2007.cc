// Microsoft Exchange Server 2007 and later: RFC 3464 reports whose diagnostic
// carries Exchange's own component code after the status, which says more than
// the status or the words do.
//
//   Diagnostic-Code: smtp;550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient
//   Diagnostic-Code: smtp;550 5.7.1 RESOLVER.RST.AuthRequired; authentication required
//
// The report itself is read by the RFC 3464 decoder; this one only decides the
// reason where the code is certain, and declines reports without such a code.
//
// Without the report (forwarded, pasted, or a client's text-only copy), the
// administrators' block of the notice is read instead. Exchange and Microsoft 365
// translate its labels into the sender's language, but its shape is the same in
// all of them: the recipient alone on a line, then the receiver's reply quoted or
// hash-bracketed on the next:
//
//   Diagnostic information for administrators:      管理者向けの診断情報:
//   Generating server: mx.example.net                生成サーバー: mx.example.net
//
//   user@example.jp
//   Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found'
//
// or, from Exchange 2007/2010, "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
// with the remote host in front when another server refused it. The headline above
// ("Your message to ... couldn't be delivered.", "... wasn't found at ...") is
// Microsoft's translation of that reply and is not read.
#include <optional>

#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/parse/remote_reply.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

struct ExchangeCode {
    std::string_view code;
    Reason reason;
};

constexpr ExchangeCode kCodes[] = {
    {"RESOLVER.ADR.RecipNotFound", Reason::userunknown},
    {"RESOLVER.ADR.ExRecipNotFound", Reason::userunknown},
    {"RESOLVER.ADR.RecipientNotFound", Reason::userunknown},  // Microsoft 365's 5.1.10
    {"RESOLVER.ADR.BadPrimary", Reason::systemerror},
    {"RESOLVER.ADR.InvalidInSmtp", Reason::systemerror},
    {"RESOLVER.ADR.Ambiguous", Reason::systemerror},
    {"RESOLVER.ADR.RecipLimit", Reason::toomanyconn},
    {"RESOLVER.RST.AuthRequired", Reason::securityerror},   // the recipient takes only authenticated senders
    {"RESOLVER.RST.NotAuthorized", Reason::rejected},       // the sender may not write to it
    {"RESOLVER.RST.RecipSizeLimit", Reason::exceedlimit},   // the recipient's own size limit (5.2.3)
    {"SMTPSEND.DNS.NonExistentDomain", Reason::hostunknown},
    {"SMTPSEND.DNS.MxLoopback", Reason::networkerror},
    {"QUEUE.Expired", Reason::expired},
};

std::optional<Reason> reason_of_code(std::string_view diagnostic) {
    for (const auto& c : kCodes)
        if (icontains(diagnostic, c.code)) return c.reason;
    return std::nullopt;
}

// The line alone is an address ("user@example.jp", "<user@example.jp>").
std::string address_alone(std::string_view line) {
    std::string_view rest;
    std::string address = recipient_at_line_start(trim(line), &rest);
    return trim(rest).empty() ? address : std::string();
}

// The administrators' block, in whatever language: each address alone on its line
// with the reply on the next lines of its paragraph.
std::vector<Evidence> decode_text_only(const BounceView& view) {
    std::vector<Evidence> found;
    std::string_view prose = view.prose();
    auto lines = split_lines(prose.substr(0, kMaxReplyScan));
    for (std::size_t i = 0; i + 1 < lines.size() && found.size() < view.limits.max_recipients; ++i) {
        std::string address = address_alone(lines[i]);
        bool seen = false;
        for (const auto& e : found) seen = seen || e.recipient == address;
        if (address.empty() || seen) continue;
        // The reply stands on the next line (an HTML part turned to text may put a
        // blank line before it), or on the one after when a line of prose comes first.
        std::size_t j = i + 1;
        if (trim(lines[j]).empty() && j + 1 < lines.size()) ++j;
        std::size_t last = j + 1 < lines.size() && !trim(lines[j + 1]).empty() ? j + 1 : j;
        std::size_t next_at = static_cast<std::size_t>(lines[j].data() - prose.data());
        std::size_t stop = static_cast<std::size_t>(lines[last].data() - prose.data()) + lines[last].size();
        RemoteReply reply = find_remote_reply(prose.substr(0, stop), next_at);
        if (reply.text.empty()) continue;
        Evidence e;
        e.recipient = address;
        // No Action: the notice's own words say whether it is a failure or a delay
        // ("Delivery is delayed to these recipients or groups:"), which
        // mark_delay_warning reads; without them an empty Action is a failure.
        e.diagnostic = reply.text;
        e.reply_code = find_reply_code(reply.text);
        e.source = RecipientSource::mta_format;
        e.quoted_reply = true;
        if (auto reason = reason_of_code(e.diagnostic)) {
            e.reason = *reason;
            e.rule = "exchange2007:code";
        }
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace

std::vector<Evidence> decode_exchange2007(const BounceView& view) {
    if (!view.dsn || view.dsn->recipients.empty()) return decode_text_only(view);
    auto found = decode_rfc3464(view);
    bool any = false;
    for (auto& e : found) {
        if (auto reason = reason_of_code(e.diagnostic)) {
            e.reason = *reason;
            e.rule = "exchange2007:code";
            any = true;
        }
    }
    if (!any) return {};
    return found;
}

}  // namespace classify::formats
