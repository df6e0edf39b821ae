// RFC 3464 delivery status notifications, as Postfix, Sendmail, Exchange, Gmail
// and most modern MTAs send them: a message/delivery-status part with one field
// group per recipient. Where the group has no Diagnostic-Code, the human-readable
// part usually quotes the receiver's reply next to the address: that is used.
#include "classify/formats/registry.h"

#include <algorithm>
#include <cctype>

#include "classify/parse/address.h"
#include "classify/parse/delivery_status.h"
#include "classify/formats/markers.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/parse/remote_reply.h"
#include "classify/parse/transcript_command.h"
#include "classify/rules/rules.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// Postfix names the refused command only in its text: "<user@example.org>: host
// mx.example.org said: 550 ... (in reply to end of DATA command)". The clause and
// the command, or "" when the paragraph does not say.
std::string command_clause(std::string_view paragraph) {
    auto at = ifind(paragraph, "(in reply to ");
    if (at == std::string_view::npos) return {};
    auto end = paragraph.find(')', at);
    if (end == std::string_view::npos) return {};
    return std::string(paragraph.substr(at, end - at + 1));
}

std::string command_named(std::string_view clause) {
    if (icontains(clause, "DATA")) return "DATA";
    for (const char* command : {"RCPT", "MAIL", "EHLO", "HELO", "STARTTLS", "AUTH", "BDAT"})
        if (icontains(clause, command)) return command;
    return {};
}

// The first reply with an enhanced code in Sendmail's "Transcript of session
// follows" ("451 4.0.0 Operating system error"), or "".
std::string transcript_reply(std::string_view text) {
    auto at = ifind(text, "Transcript of session follows");
    if (at == std::string_view::npos) return {};
    for (auto line : split_lines(text.substr(at))) {
        line = trim(line);
        if (line.size() > 9 && (line[0] == '4' || line[0] == '5') && isdigit(static_cast<unsigned char>(line[1])) &&
            isdigit(static_cast<unsigned char>(line[2])) && line[3] == ' ' && line[4] == line[0] && line[5] == '.')
            return std::string(line);
    }
    return {};
}

// Whether the report's notice quotes the Diagnostic-Code's reply word for word,
// under a label or inside a sentence of its own, as Gmail's and Microsoft 365's
// notices do in every language (remote_reply.h). Looked for from where the notice
// names the recipient, within a few kilobytes. Only asked for a report stating
// X.0.0 (the one place the answer counts, diagnosis.cc), and bounded per
// recipient: the notice's first kMaxReplyScan bytes.
bool notice_quotes(std::string_view text, std::string_view recipient, std::string_view status,
                   std::string_view diagnostic) {
    status = trim(status);
    if (status.size() < 5 || status.substr(1, 4) != ".0.0") return false;
    std::string reply_said = squeeze_spaces(trim(diagnostic));
    if (reply_said.size() < 5 || !starts_with_reply(reply_said)) return false;
    std::string_view prose = text.substr(0, kMaxReplyScan);
    auto at = recipient.empty() ? std::string_view::npos : ifind(prose, recipient);
    std::size_t from = at == std::string_view::npos ? 0 : at;
    RemoteReply reply = find_remote_reply(prose.substr(0, std::min(prose.size(), from + 4096)), from);
    return !reply.text.empty() && (starts_with(reply_said, reply.text) || starts_with(reply.text, reply_said));
}

Evidence evidence_from(const Headers& group, const Headers& per_message, std::string_view text) {
    Evidence e;
    e.recipient = reported_recipient(group);  // delivery_status.h: README's rule
    e.original_recipient = find_first_address(strip_type_prefix(group.get("Original-Recipient")));
    e.action = std::string(trim(group.get("Action")));
    // RFC 3464 2.3.9: Will-Retry-Until is given only with Action: delayed; a group
    // that omits the Action but has it is a delay warning.
    if (e.action.empty() && !trim(group.get("Will-Retry-Until")).empty()) e.action = "delayed";
    e.status = std::string(trim(group.get("Status")));
    e.diagnostic = std::string(strip_type_prefix(group.get("Diagnostic-Code")));
    // "Status: 4.0.0 (cat.example.net: host name lookup failure)": RFC 3464's own
    // example puts the only explanation in a comment of the Status field.
    auto comment = e.status.find('(');
    if (trim(e.diagnostic).empty() && comment != std::string::npos) {
        auto end = e.status.rfind(')');
        e.diagnostic = std::string(trim(std::string_view(e.status).substr(comment + 1, end == std::string::npos || end < comment ? std::string::npos : end - comment - 1)));
    }
    e.remote_mta = std::string(strip_type_prefix(group.get("Remote-MTA")));
    e.last_attempt = std::string(group.get("Last-Attempt-Date"));
    if (e.last_attempt.empty()) e.last_attempt = std::string(per_message.get("Arrival-Date"));
    std::string paragraph = paragraph_about(text, e.recipient);
    if (paragraph.empty())  // the notice may name the final address only
        paragraph = paragraph_about(text, find_first_address(strip_type_prefix(group.get("Final-Recipient"))));
    // No rfc822 Original-Recipient, but the notice says which address the final one
    // was expanded from (an alias or a forward at the reporting MTA): that one.
    if (!istarts_with(trim(group.get("Original-Recipient")), "rfc822"))
        if (std::string alias = expanded_from(paragraph, find_first_address(strip_type_prefix(group.get("Final-Recipient")))); !alias.empty()) e.recipient = e.original_recipient = alias;
    if (trim(e.diagnostic).empty()) {
        e.diagnostic = paragraph;
        // A notice in the sender's language (Gmail, Microsoft 365) names the
        // recipient in its own sentence and quotes the receiver's reply under a
        // label of its own (remote_reply.h): the reply, not the sentence, is the verdict.
        std::string_view prose = text_before(text, original_message_marker_set());
        auto at = e.recipient.empty() ? std::string_view::npos : ifind(prose, e.recipient);
        if (find_reply_code(paragraph) == 0 && find_status_code(paragraph).empty()) {
            std::size_t from = at == std::string_view::npos ? 0 : at;
            RemoteReply reply = find_remote_reply(prose.substr(0, from + 4096), from);  // bounded per recipient
            if (!reply.text.empty()) {
                e.diagnostic = reply.text;
                e.quoted_reply = true;
            }
        }
    }
    else
        e.quoted_reply = notice_quotes(text, e.recipient, e.status, e.diagnostic);
    std::string clause = command_clause(paragraph);
    e.smtp_command = command_named(clause);
    // Exim's "after RCPT TO:<a@b>:" and Courier's or Sendmail's quoted session name
    // the command in the notice only; a Diagnostic-Code never does.
    if (e.smtp_command.empty()) e.smtp_command = command_in_paragraph(paragraph);
    // Sendmail's transcript quotes ">>> DATA" then "<<< 550 User unknown" in the
    // block of the recipient's Remote-MTA, naming no recipient: the Diagnostic-Code
    // reply and the host find it, before the words and codes would decide alone.
    if (e.smtp_command.empty())
        e.smtp_command = command_in_transcript(text, e.recipient, e.remote_mta, strip_type_prefix(group.get("Diagnostic-Code")));
    if (!clause.empty() && !icontains(e.diagnostic, "in reply to")) e.diagnostic += " " + clause;
    e.source = RecipientSource::dsn;
    // "Diagnostic-Code: X-Unix; 255": a local delivery program (a pipe, a filter, a
    // mail.local) failed, and the code or words are its own. A mailer error, unless
    // the words name a cause more exact than a failure of the program ("Quota
    // exceeded" is the mailbox being full; "temporary failure" is only the exit).
    if (istarts_with(trim(group.get("Diagnostic-Code")), "x-unix")) {
        // Sendmail gives the program's exit code there ("X-Unix; 255") and its own
        // reply to it in the transcript ("554 5.3.0 unknown mailer error 255").
        if (!trim(e.diagnostic).empty() && trim(e.diagnostic).find_first_not_of("0123456789") == std::string_view::npos) {
            std::string reply = transcript_reply(text);
            if (!reply.empty()) e.diagnostic = reply + " (X-Unix; " + std::string(trim(e.diagnostic)) + ")";
        }
        auto named = match_reason_rules(lower(e.diagnostic));
        if (!named || named->reason == Reason::systemerror || named->reason == Reason::undefined) {
            e.reason = Reason::mailererror;
            e.rule = "rfc3464:x-unix";
        }
    }
    return e;
}

// Where the delivery-status fields start in a plain text: a line that begins with
// "Final-Recipient:" (or the per-message "Reporting-MTA:", or an "Original-Recipient:",
// before it) and is
// followed by an "Action:" or "Status:" line. npos when there is none.
std::size_t inline_report_start(std::string_view text) {
    std::size_t reporting = std::string_view::npos;
    std::size_t first_field = std::string_view::npos;
    for (std::size_t pos = 0; pos < text.size();) {
        auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        auto line = text.substr(pos, nl - pos);
        if (istarts_with(line, "Reporting-MTA:")) reporting = pos;
        // RFC 3464 2.3 puts Original-Recipient before Final-Recipient: the group
        // starts there, or its Original-Recipient (the address reported) is lost.
        if (istarts_with(line, "Original-Recipient:") && first_field == std::string_view::npos) first_field = pos;
        if (istarts_with(line, "Final-Recipient:")) {
            auto rest = text.substr(nl);
            if (ifind(rest, "\nAction:") == std::string_view::npos && ifind(rest, "\nStatus:") == std::string_view::npos)
                return std::string_view::npos;
            if (reporting != std::string_view::npos) return reporting;
            return first_field != std::string_view::npos ? first_field : pos;
        }
        pos = nl + 1;
    }
    return std::string_view::npos;
}

}  // namespace

std::vector<Evidence> decode_rfc3464(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn) {
        for (const auto& group : view.dsn->recipients) {
            Evidence e = evidence_from(group, view.dsn->per_message, view.text);
            if (!e.recipient.empty()) found.push_back(std::move(e));
        }
        return found;
    }
    // A report whose MIME structure is broken (its boundary never occurs in the
    // body) arrives as one text with the delivery-status fields inline.
    auto start = inline_report_start(view.text);
    if (start == std::string_view::npos) return found;
    std::string_view prose = view.text.substr(0, start);
    std::string_view fields = text_before(view.text.substr(start), original_message_marker_set());
    DeliveryStatus dsn = parse_delivery_status(fields, view.limits.max_recipients);
    for (const auto& group : dsn.recipients) {
        Evidence e = evidence_from(group, dsn.per_message, prose);
        if (!e.recipient.empty()) found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
