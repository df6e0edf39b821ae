// Microsoft Exchange Server 2007 and later: RFC 3464 reports whose diagnostic
// carries Exchange's own component code after the status, which says more than
// the status or the words do.
//
//   Diagnostic-Code: smtp;550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient
//   Diagnostic-Code: smtp;550 5.7.1 RESOLVER.RST.AuthRequired; authentication required
//
// The report itself is read by the RFC 3464 decoder; this one only decides the
// reason where the code is certain, and declines reports without such a code.
#include <optional>

#include "classify/formats/registry.h"
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

}  // namespace

std::vector<Evidence> decode_exchange2007(const BounceView& view) {
    if (!view.dsn) return {};
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
