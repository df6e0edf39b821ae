// Sendmail without a DSN part (old versions, V5 sendmail, and MTAs that copy its
// wording): the failed addresses, then a transcript of the SMTP session.
//
//      ----- The following addresses had permanent fatal errors -----
//   <user@example.org>
//      ----- Transcript of session follows -----
//   ... while talking to mx.example.org.:
//   >>> RCPT To:<user@example.org>
//   <<< 550 5.1.1 <user@example.org>... User unknown
#include "classify/parse/address.h"
#include "classify/parse/delivery_status.h"
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// The "<<<" reply lines of the transcript that mention the recipient, or the
// first reply line with an error code. A local mailer's own words printed just
// before the reply ("mail.local: unknown user: taro" above "554 <taro@...>...
// Service unavailable") say why, and are kept in front of it.
std::string transcript_reply(std::string_view transcript, std::string_view address) {
    std::string first_error, first_said, said;
    for (auto line : split_lines(transcript)) {
        line = trim(line);
        bool reply = starts_with(line, "<<<") || (line.size() > 3 && (line[0] == '5' || line[0] == '4') && line[3] == ' ');
        if (!reply) {
            bool local_mailer = !line.empty() && !starts_with(line, ">>>") && !starts_with(line, "...") &&
                                line.find(": ") != std::string_view::npos && line.find(": ") < 24;
            said = local_mailer ? std::string(line) : std::string();
            continue;
        }
        if (starts_with(line, "<<<")) line = trim(line.substr(3));
        std::string full = said.empty() ? std::string(line) : said + " " + std::string(line);
        said.clear();
        if (icontains(line, address)) return full;
        if (first_error.empty()) first_error = full;
    }
    return first_error;
}

// Sendmail's report fields when they stand inline after the transcript (the MIME
// structure lost): the stated Status and Action of each recipient.
void read_inline_report(std::string_view text, std::vector<Evidence>& found) {
    auto at = ifind(text, "\nFinal-Recipient:");
    if (at == std::string_view::npos) return;
    auto reporting = ifind(text, "\nReporting-MTA:");
    if (reporting != std::string_view::npos && reporting < at) at = reporting;
    DeliveryStatus report = parse_delivery_status(text_before(text.substr(at + 1), original_message_marker_set()), 1000);
    for (const auto& group : report.recipients) {
        std::string recipient = find_first_address(strip_type_prefix(group.get("Final-Recipient")));
        for (auto& e : found) {
            if (!iequals(e.recipient, recipient)) continue;
            e.status = std::string(trim(group.get("Status")));
            if (e.action.empty()) e.action = std::string(trim(group.get("Action")));
            // The transcript names the address sendmail tried (an alias may have
            // expanded it); the report's Original-Recipient is the one the list
            // sent to, which README says a result reports.
            e.recipient = reported_recipient(group);
            if (std::string original = find_first_address(strip_type_prefix(group.get("Original-Recipient")));
                !original.empty())
                e.original_recipient = original;
        }
    }
}

}  // namespace

std::vector<Evidence> decode_sendmail_transcript(const BounceView& view) {
    static const ParagraphLayout layout{
        {"----- The following addresses had permanent fatal errors -----",
         "----- The following addresses had transient non-fatal errors -----",
         "The following addresses had permanent fatal errors"},
        {"----- Transcript of session follows -----", "--- The transcript of the session follows",
         "----- Original message follows -----", "----- Message header follows -----",
         "----- Unsent message follows -----"},
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    auto transcript_at = ifind(view.text, "Transcript of session follows");
    std::string_view transcript = transcript_at == std::string_view::npos ? std::string_view() : view.text.substr(transcript_at);
    transcript = text_before(transcript.substr(std::min<std::size_t>(transcript.size(), 30)),
                             {"----- Original message follows", "----- Unsent message follows", "----- Message header follows"});
    for (auto& e : found) {
        auto reply = transcript_reply(transcript, e.recipient);
        if (!reply.empty()) e.diagnostic = e.diagnostic.empty() ? reply : e.diagnostic + " " + reply;
        if (icontains(view.text, "transient non-fatal errors")) e.action = "delayed";
    }
    // "(expanded from: <alias@b>)" under the address: the one the list sent to
    // (README), unless the inline report's Original-Recipient says it below.
    for (auto& e : found)
        if (std::string alias = expanded_from(e.diagnostic, e.recipient); !alias.empty()) e.original_recipient = alias;
    read_inline_report(view.text, found);
    for (auto& e : found)
        if (!e.original_recipient.empty()) e.recipient = e.original_recipient;
    // The local delivery agent's "mail.local: unknown user: taro" is about the
    // recipient itself, whatever code sendmail then gives ("554 ... Service unavailable").
    for (auto& e : found)
        if (icontains(e.diagnostic, "mail.local: unknown user")) {
            e.reason = Reason::userunknown;
            e.rule = "sendmail:mail.local-unknown-user";
        }
    return found;
}

}  // namespace classify::formats
