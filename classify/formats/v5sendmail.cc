// Sendmail version 5 (and appliances built on it), which sends neither a DSN nor
// the "following addresses had permanent fatal errors" list: only the transcript.
// Each failed recipient is a line "NNN <address>... text"; the ">>>" command and
// "<<<" reply lines before it are the SMTP exchange that failed.
//
//      ----- Transcript of session follows -----
//   While talking to mail.example.org:
//   >>> RCPT To:<user@example.org>
//   <<< 550 Requested User Mailbox not found. No such user here.
//   550 <user@example.org>... User unknown
//   554 <other@example.net>... 550 Host unknown (Authoritative answer from name server)
//
//      ----- Unsent message follows -----
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/original_message.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/parse/transcript_command.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

constexpr std::string_view kTranscript = "----- Transcript of session follows -----";
const std::vector<std::string_view> kUnsent = {"----- Unsent message follows -----",
                                               "----- No message was collected -----"};

bool is_reply_code(std::string_view s) {
    return s.size() >= 4 && (s[0] == '4' || s[0] == '5' || s[0] == '2') && isdigit(static_cast<unsigned char>(s[1])) &&
           isdigit(static_cast<unsigned char>(s[2])) && (s[3] == ' ' || s[3] == '\t');
}

// "554 <user@example.org>... text": the address, and the text in `rest`. Sendmail 8
// writes an RFC 3463 code after the reply code ("550 5.1.1 <user@example.org>...
// User unknown"); it is skipped here and read by the rules from the reply.
std::string recipient_of(std::string_view line, std::string_view* rest) {
    if (!is_reply_code(line)) return {};
    auto s = trim(line.substr(4));
    if (auto space = s.find(' '); space != std::string_view::npos && is_valid_status_code(s.substr(0, space)))
        s = trim(s.substr(space));
    if (s.empty() || s.front() != '<') return {};
    auto close = s.find(">...");
    if (close == std::string_view::npos) return {};
    std::string address = find_first_address(s.substr(0, close + 1));
    *rest = trim(s.substr(close + 4));
    return address;
}

std::string command_of(std::string_view line) {
    auto s = trim(trim(line).substr(3));
    std::string command(s.substr(0, std::min<std::size_t>(4, s.size())));
    for (auto& c : command) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
    return command;
}

}  // namespace

std::vector<Evidence> decode_v5sendmail(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn) return found;
    auto at = ifind(view.text, kTranscript);
    if (at == std::string_view::npos) return found;
    std::string_view transcript = view.text.substr(at + kTranscript.size());
    std::string_view session = text_before(transcript, kUnsent);
    if (session.size() == transcript.size()) return found;  // not V5's layout
    std::string command, reply, other_error;
    for (auto raw : split_lines(session)) {
        auto line = trim(raw);
        if (starts_with(line, ">>>")) {
            command = command_of(line);
        } else if (starts_with(line, "<<<")) {
            reply = std::string(trim(line.substr(3)));
        } else if (std::string_view rest; !recipient_of(line, &rest).empty()) {
            if (found.size() >= view.limits.max_recipients) break;
            Evidence e;
            e.recipient = recipient_of(line, &rest);
            // The line's own text is read with the reply, unless it says only what
            // the code said (transcript_command.h).
            if (reply.empty()) e.diagnostic = std::string(rest);
            else if (says_only_the_reply_code(rest)) e.diagnostic = reply;
            else e.diagnostic = std::string(rest) + ": " + reply;
            e.smtp_command = command;
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
            command.clear();
            reply.clear();
        } else if (is_reply_code(line) && other_error.empty()) {
            auto dots = line.find("... ");
            if (dots != std::string_view::npos) other_error = std::string(line.substr(0, 4)) + std::string(line.substr(dots + 4));
        }
    }
    if (found.empty() && !other_error.empty()) {
        // "421 example.com (smtp)... Deferred: Connection timed out": the host, not
        // a recipient, failed; the unsent copy's To says to whom (returned_message.h).
        Evidence e;
        e.recipient = find_first_address(original_headers(view.message, view.returned).get("To"));
        e.diagnostic = other_error;
        // Read from the returned copy, so a guess (README, `returned-to`): the
        // notice itself named no recipient.
        e.source = RecipientSource::returned_to;
        if (!e.recipient.empty()) found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
