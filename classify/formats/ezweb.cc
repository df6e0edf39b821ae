// au EZweb (KDDI's mobile mail: ezweb.ne.jp, au.com), whose bounces come from
// "Postmaster@ezweb.ne.jp" with the subject "Mail System Error - Returned Mail",
// in Japanese and English, with no DSN or a thin one (Status 5.0.0 only):
//
//   The user(s) account is disabled.
//
//   <user@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)
//
// or
//
//   Each of the following recipients was rejected by a remote
//   mail server.
//
//       Recipient: <user@ezweb.ne.jp>
//       >>> RCPT TO:<user@ezweb.ne.jp>
//       <<< 550 <user@ezweb.ne.jp>: User unknown
//
// The carrier's own sentence about the account ("The user(s) account is
// disabled.", "... is temporarily limited.", "... is temporarily over quota.",
// "Your message was not delivered within 0 days and 1 hours.") is its verdict and
// is preferred to the relayed SMTP reply. "X-SPASIGN: NG" marks mail that the
// subscriber's reception filter ("spamghetti") refused.
#include <string>

#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

constexpr std::string_view kVerdicts[] = {"The user(s) account is", "Your message was not delivered within"};
constexpr std::string_view kRejectedByRemote = "Each of the following recipients was rejected by a remote";

bool ends_with_i(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// Two of the carrier's marks, as a single one (a subject) is too weak.
bool is_ezweb(const BounceView& view) {
    const Headers& h = view.message.headers;
    int marks = 0;
    if (icontains(view.from, "postmaster@ezweb.ne.jp") || icontains(view.from, "postmaster@au.com")) ++marks;
    if (trim(view.subject) == "Mail System Error - Returned Mail") ++marks;
    auto id = trim(h.get("Message-ID"));
    if (ends_with_i(id, ".ezweb.ne.jp>") || ends_with_i(id, ".au.com>")) ++marks;
    if (marks == 0) return false;  // the Received lines add one mark at most
    for (const auto& field : h.fields()) {
        if (!iequals(field.name, "Received")) continue;
        if (icontains(field.value, "ezweb.ne.jp (EZweb Mail) with") || icontains(field.value, ".au.com (")) {
            ++marks;
            break;
        }
    }
    return marks >= 2;
}

// The carrier's sentence about the account, joined with its wrapped line.
std::string verdict_in(std::string_view prose) {
    auto lines = split_lines(prose);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto line = trim(lines[i]);
        for (auto verdict : kVerdicts) {
            if (!istarts_with(line, verdict)) continue;
            std::string sentence(line);
            if (i + 1 < lines.size() && !trim(lines[i + 1]).empty() && sentence.back() != '.')
                sentence += " " + std::string(trim(lines[i + 1]));
            return sentence;
        }
    }
    return {};
}

const std::vector<std::string_view>& end_markers() {
    static const std::vector<std::string_view> markers = [] {
        auto m = original_message_markers();
        m.push_back("--------------------------------------------------");  // EZweb's own separator
        return m;
    }();
    return markers;
}

}  // namespace

std::vector<Evidence> decode_ezweb(const BounceView& view) {
    if (!is_ezweb(view)) return {};
    static const ParagraphLayout layout{{}, end_markers(), RecipientSource::mta_format, true};
    std::string_view prose = text_before(view.text, layout.ends);
    auto found = scan_recipient_paragraphs(prose, layout, view.limits.max_recipients);
    std::string verdict = verdict_in(prose);
    bool rejected_by_remote = icontains(prose, kRejectedByRemote);
    bool spam_filtered = iequals(trim(view.message.headers.get("X-SPASIGN")), "NG");
    for (auto& e : found) {
        std::string relayed = e.diagnostic;
        e.reply_code = find_reply_code(relayed);
        if (icontains(relayed, ">>> RCPT") || icontains(relayed, "in reply to RCPT")) e.smtp_command = "RCPT";
        if (!verdict.empty()) e.diagnostic = verdict;
        else if (trim(relayed).empty() && rejected_by_remote)
            e.diagnostic = "Each of the following recipients was rejected by a remote mail server.";
        if (view.dsn)
            for (const auto& group : view.dsn->recipients)
                if (icontains(group.get("Final-Recipient"), e.recipient)) {
                    e.action = std::string(trim(group.get("Action")));
                    e.status = std::string(trim(group.get("Status")));
                    e.source = RecipientSource::dsn;
                    break;
                }
        if (spam_filtered) {
            e.reason = Reason::filtered;
            e.rule = "ezweb:x-spasign";
        }
    }
    return found;
}

}  // namespace classify::formats
