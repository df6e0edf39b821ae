// The "Mail System Error - Returned Mail" notices that au's EZweb gateway and
// Japanese ISPs running the same mail system (DTI and the resellers it hosts)
// send from "Mail Administrator <Postmaster@...>". The English text and its
// Japanese translation stand one after the other, each giving the recipient and
// the reason as a pair of labelled lines:
//
//   Recipient: <user@example.jp>                 受取人: <user@example.jp>
//   Reason: <user@example.jp> ...User unknown    原因: <user@example.jp> のユーザーは登録されていません
//
// The labels are read by their shape, "label: <address>" then "label: text" on the
// next line, so either language (or another) gives the same recipient; the first
// pair for an address decides. au's own marks (ezweb.cc) are tried first.
#include <string>

#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/remote_reply.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

constexpr std::string_view kFullWidthColon = "\xEF\xBC\x9A";
constexpr std::size_t kMaxLabel = 48;  // bytes: "Recipient", "受取人", "Destinataire"

// The value after a short label ("Recipient: ...", "受取人：..."), or npos.
std::size_t value_start(std::string_view line) {
    for (std::string_view colon : {std::string_view(":"), kFullWidthColon}) {
        auto at = line.find(colon);
        if (at == std::string_view::npos || at == 0 || at > kMaxLabel) continue;
        auto label = trim(line.substr(0, at));
        if (label.empty() || label.find('@') != std::string_view::npos || label.find('<') != std::string_view::npos)
            continue;
        return at + colon.size();
    }
    return std::string_view::npos;
}

// "label: <user@example.jp>" with nothing else: the address, or "".
std::string labelled_address(std::string_view line) {
    auto at = value_start(line);
    if (at == std::string_view::npos) return {};
    auto value = trim(line.substr(at));
    if (value.size() < 3 || value.front() != '<' || value.back() != '>') return {};
    auto inner = value.substr(1, value.size() - 2);
    return is_address(inner) ? find_first_address(inner) : std::string();
}

bool is_returned_mail_notice(const BounceView& view) {
    return !view.dsn && icontains(view.subject, "Mail System Error - Returned Mail");
}

}  // namespace

std::vector<Evidence> decode_returned_mail_pairs(const BounceView& view) {
    std::vector<Evidence> found;
    if (!is_returned_mail_notice(view)) return found;
    auto lines = split_lines(view.prose().substr(0, kMaxReplyScan));
    for (std::size_t i = 0; i + 1 < lines.size() && found.size() < view.limits.max_recipients; ++i) {
        std::string address = labelled_address(lines[i]);
        if (address.empty()) continue;
        auto next = trim(lines[i + 1]);
        auto at = value_start(next);
        if (at == std::string_view::npos) continue;
        // The reason's value, and the lines that continue it up to a blank line
        // (">>> RCPT TO:<...>" then "<<< 550 ..." in the transcript form).
        std::string diagnostic(istarts_with(next, ">>>") ? next : trim(next.substr(at)));
        for (std::size_t j = i + 2; j < lines.size() && !trim(lines[j]).empty() && diagnostic.size() < 2048; ++j)
            diagnostic += " " + std::string(trim(lines[j]));
        bool seen = false;
        for (const auto& e : found) seen = seen || e.recipient == address;
        if (seen || trim(diagnostic).empty()) continue;
        Evidence e;
        e.recipient = address;
        e.action = "failed";
        e.diagnostic = std::string(trim(diagnostic));
        e.source = RecipientSource::mta_format;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
