// Postfix's bounce when no delivery-status part can be read (old Postfix, or a
// report whose fields are missing): the recipients in the notification text.
//
//   This is the Postfix program at host mx.example.net.
//   ...
//                      The mail system
//
//   <user@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
//       <user@example.org>... User Unknown (in reply to RCPT TO command)
//
// ("This is the mail system at host ..." in newer versions, and a site may name
// its program otherwise.) A report with no recipient at all says
// "--- Delivery report unavailable ---": the original message's To is then the
// recipient. The Postfix SMTP server's notice to the postmaster ("Transcript of
// session follows.") is read from its transcript: the RCPT TO addresses and the
// server's 4xx/5xx reply.
//
//   Transcript of session follows.
//
//    Out: 220 mx.example.net ESMTP
//    In:  RCPT TO:<user@example.org>
//    Out: 250 2.1.5 Ok
//    In:  DATA
//    Out: 354 End data with <CR><LF>.<CR><LF>
//    Out: 451 4.3.0 Error: queue file write error
#include "classify/parse/address.h"
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/original_message.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

bool is_postfix_intro(std::string_view line) {
    line = trim(line);
    return istarts_with(line, "This is the ") && (icontains(line, " program at host ") || icontains(line, "mail system at host"));
}

std::string command_named(std::string_view text) {
    auto at = ifind(text, "(in reply to ");
    if (at == std::string_view::npos) return {};
    auto clause = text.substr(at);
    if (icontains(clause.substr(0, 40), "DATA")) return "DATA";
    for (const char* command : {"RCPT", "MAIL", "EHLO", "HELO", "STARTTLS", "AUTH", "BDAT", "CONNECT"})
        if (icontains(clause.substr(0, 40), command)) return command;
    return {};
}

// "<user@example.org>: ..." or "<user@example.org> (expanded from <list@example.org>): ...".
bool starts_recipient(std::string_view line, std::string* address, std::string* rest, std::string* alias) {
    if (line.empty() || line[0] != '<') return false;
    auto close = line.find('>');
    if (close == std::string_view::npos || line.substr(1, close - 1).find('@') == std::string_view::npos) return false;
    auto after = line.substr(close + 1);
    if (istarts_with(after, " (expanded from ")) {
        auto end = after.find("):");
        if (end == std::string_view::npos) return false;
        *alias = find_first_address(after.substr(0, end));
        after = after.substr(end + 1);
    }
    if (after.empty() || after[0] != ':') return false;
    *address = std::string(line.substr(1, close - 1));
    *rest = std::string(trim(after.substr(1)));
    return true;
}

std::vector<Evidence> from_notification(const BounceView& view, std::string_view prose) {
    std::vector<Evidence> found;
    bool unavailable = false;
    for (auto line : split_lines(prose)) {
        std::string address, rest, alias;
        if (starts_recipient(line, &address, &rest, &alias)) {
            if (found.size() >= view.limits.max_recipients) break;
            Evidence e;
            // "<final> (expanded from <alias>):" — the list sent to the alias, so it
            // is the address reported, as a DSN's Original-Recipient would be (README).
            e.recipient = alias.empty() ? address : alias;
            e.original_recipient = alias;
            e.diagnostic = rest;
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
        } else if (icontains(line, "--- Delivery report unavailable ---")) {
            unavailable = true;
        } else if (!found.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            found.back().diagnostic += ' ';
            found.back().diagnostic += trim(line);
        }
    }
    for (auto& e : found) {
        e.smtp_command = command_named(e.diagnostic);
        // local(8)'s own verdict, 'unknown user: "name"' (src/local/unknown.c): no
        // receiver and no SMTP stage, Postfix looked the user up itself and found
        // none. The address, whatever the README's convention says for a reply
        // that names no command.
        if (istarts_with(trim(e.diagnostic), "unknown user: \"")) {
            e.reason = Reason::userunknown;
            e.rule = "postfix:local-unknown-user";
        }
    }
    if (found.empty() && unavailable) {
        std::string to = find_first_address(original_headers(view.message, view.returned).get("To"));
        if (!to.empty()) {
            Evidence e;
            e.recipient = to;
            e.diagnostic = "--- Delivery report unavailable ---";
            // Postfix itself says it does not know why: nothing to read a reason from.
            e.reason = Reason::undefined;
            e.rule = "postfix:report-unavailable";
            // The address is the returned copy's To, not Postfix's: a guess the
            // store's trust settings must see as one (README, `returned-to`), as a
            // forged bounce can carry any To in its copy.
            e.source = RecipientSource::returned_to;
            found.push_back(std::move(e));
        }
    }
    return found;
}

// The Postfix SMTP server's transcript: who was named at RCPT TO, and the first
// 4xx/5xx reply the server gave, with the command it answered.
std::vector<Evidence> from_transcript(const BounceView& view, std::string_view transcript) {
    std::vector<Evidence> found;
    std::string command, reply;
    std::string last_command;
    for (auto raw : split_lines(transcript)) {
        auto line = trim(raw);
        if (istarts_with(line, "In:")) {
            auto said = trim(line.substr(3));
            last_command = std::string(said.substr(0, said.find_first_of(" :")));
            if (istarts_with(said, "RCPT TO:") && found.size() < view.limits.max_recipients) {
                std::string address = find_first_address(said.substr(8));
                if (!address.empty()) {
                    Evidence e;
                    e.recipient = address;
                    e.source = RecipientSource::mta_format;
                    found.push_back(std::move(e));
                }
            }
        } else if (istarts_with(line, "Out:") && reply.empty()) {
            auto said = trim(line.substr(4));
            if (!said.empty() && (said[0] == '4' || said[0] == '5')) {
                reply = std::string(said);
                command = last_command;
            }
        }
    }
    if (reply.empty()) return {};
    for (auto& e : found) {
        e.diagnostic = reply;
        for (const char* known : {"RCPT", "MAIL", "DATA", "EHLO", "HELO"})
            if (iequals(command, known)) e.smtp_command = known;
    }
    return found;
}

}  // namespace

std::vector<Evidence> decode_postfix(const BounceView& view) {
    if (view.dsn && !view.dsn->recipients.empty()) return {};
    // Fields inline in the text: the RFC 3464 decoder reads them.
    if (icontains(view.text, "\nFinal-Recipient:")) return {};
    auto lines = split_lines(view.text);
    std::size_t start = 0;
    while (start < lines.size() && !is_postfix_intro(lines[start])) ++start;
    if (start < lines.size()) {
        auto from = static_cast<std::size_t>(lines[start].data() - view.text.data());
        return from_notification(view, text_before(view.text.substr(from), original_message_marker_set()));
    }
    auto at = ifind(view.text, "Transcript of session follows.");
    if (at != std::string_view::npos && ifind(view.text, "\n In:", at) != std::string_view::npos)
        return from_transcript(view, view.text.substr(at));
    return {};
}

}  // namespace classify::formats
