#include "classify/diagnosis.h"

#include <cctype>
#include <vector>

#include "classify/result_class.h"
#include "classify/rules.h"
#include "classify/status_code.h"
#include "classify/text.h"

namespace classify {
namespace {

struct Decision {
    Reason reason;
    std::string rule;
};

// What a bare reply code says when neither text nor enhanced code does.
std::optional<Reason> reason_for_reply(int reply_code) {
    switch (reply_code) {
        case 421: return Reason::systemerror;
        case 450: return Reason::onhold;
        case 451: return Reason::systemerror;  // "local error in processing" (RFC 5321)
        case 452: return Reason::systemfull;
        case 550: case 551: return Reason::userunknown;
        case 552: return Reason::mailboxfull;
        case 553: return Reason::userunknown;
        case 554: return Reason::rejected;
        default: return std::nullopt;
    }
}

// "4.7.1" but not "4.0.0", "5.7.606" or "5.1.10": a code whose subject and detail
// are both named, the kind a receiver quotes on purpose.
bool is_specific_status(std::string_view code) {
    return code.size() == 5 && code[2] >= '1' && code[2] <= '9' && code[4] >= '1' && code[4] <= '9';
}

std::string chosen_status(const Evidence& e, std::string_view diagnostic) {
    std::string stated = trim(e.status).empty() ? std::string() : find_status_code(e.status);
    std::string in_text = find_status_code(diagnostic);
    if (stated.empty()) return in_text;
    // The receiver's own code wins over the reporting MTA's summary of it (sendmail
    // states 4.4.7 for "450 4.7.1 Access denied"), unless the receiver said the
    // stated code too.
    if (is_specific_status(in_text) && diagnostic.find(stated) == std::string_view::npos) return in_text;
    // The receiver's reply says whether the failure is permanent: a stated 4.5.0
    // for "550 5.5.0 Service refuse" takes the receiver's code.
    int reply = find_reply_code(diagnostic);
    if (!in_text.empty() && in_text[0] != stated[0] && reply / 100 == in_text[0] - '0') return in_text;
    if (is_vague_status(stated) && !in_text.empty() && !is_vague_status(in_text) && in_text[0] == stated[0])
        return in_text;
    return stated;
}

// Who speaks for the receiver: the Remote-MTA's host name ("mx1.example.jp" out of
// "mx1.example.jp (TCP|192.0.2.1|25)" or "mx1.example.jp."), and the recipient's
// domain. Host-specific rows of the table apply when either ends with their suffix.
std::vector<std::string> receiving_hosts(const Evidence& e) {
    std::vector<std::string> hosts;
    std::string_view mta = trim(e.remote_mta);
    mta = mta.substr(0, mta.find_first_of(" \t(["));
    std::string host = lower(mta);
    while (!host.empty() && (host.back() == '.' || host.back() == ';')) host.pop_back();
    if (!host.empty()) hosts.push_back(host);
    auto at = e.recipient.rfind('@');
    if (at != std::string::npos) hosts.push_back(lower(trim(e.recipient.substr(at + 1))));
    return hosts;
}

bool is_addressing_status(std::string_view status) { return status.size() > 3 && status.substr(1, 3) == ".1."; }

// Whether the receiver said anything beyond the recipient's address: a letter
// (or any non-ASCII character) outside the address. "* taro@example.jp" says
// nothing; "User taro@example.jp not in directory" does.
bool says_something(std::string_view diagnostic, std::string_view recipient) {
    std::string text = lower(diagnostic);
    std::string address = lower(trim(recipient));
    if (!address.empty())
        for (auto at = text.find(address); at != std::string::npos; at = text.find(address, at))
            text.erase(at, address.size());
    for (unsigned char c : text)
        if (std::isalpha(c) || c >= 0x80) return true;
    return false;
}

// "User unknown" counts as an unknown user only when it answers the recipient: the
// code says so (X.1.x), the RCPT command got it, or the words name RCPT or say
// the address itself was not found (Google: "because the address couldn't be
// found"). A code about something else (5.0.0, 5.2.1), another command, or a
// non-DSN layout that says neither, mean a filter refused the message in those
// words (sisimai's convention). A DSN with no code and no command leaves the words
// to decide, and so does a DSN stating a protocol code (X.5.x: Exchange's "550
// Requested action not taken: mailbox unavailable" is 5.5.0, the answer to the
// command that named the mailbox).
bool refused_at_rcpt(const Evidence& e, std::string_view status, std::string_view text) {
    if (is_addressing_status(status)) return true;
    if (!e.smtp_command.empty()) return iequals(e.smtp_command, "RCPT");
    for (const char* said : {"rcpt to", "rcpt_to", "does not like recipient", "address rejected", "recipient rejected",
                             "address couldn't be found", "address couldn\u2019t be found"})
        if (icontains(text, said)) return true;
    bool protocol_status = status.size() > 3 && status.substr(1, 3) == ".5.";
    return (status.empty() || protocol_status) && e.source == RecipientSource::dsn;
}

bool refused_at_connection(const Evidence& e, std::string_view text) {
    for (const char* command : {"CONN", "HELO", "EHLO"})
        if (iequals(e.smtp_command, command)) return true;
    return e.smtp_command.empty() && icontains(text, "after initial connection");
}

// A few codes name their cause so exactly that the words cannot override them:
// the recipient's address moved (X.1.6), the sender's address is bad (X.1.7, X.1.8),
// the message is over the recipient's limit (X.2.3: "Message size exceeds fixed
// maximum" is that limit, not "message too big" for the whole system).
std::optional<Reason> reason_decided_by_status(std::string_view status) {
    if (status.size() < 5 || status[0] == '2') return std::nullopt;
    auto rest = status.substr(1);
    if (rest == ".1.6" || rest == ".1.7" || rest == ".1.8" || rest == ".2.3") return reason_for_status(status);
    return std::nullopt;
}

// At MAIL FROM no recipient has been named yet: whatever is unknown, moved or
// refused there is the sender's address.
bool about_the_recipient(Reason reason) {
    return reason == Reason::userunknown || reason == Reason::hostunknown || reason == Reason::hasmoved ||
           reason == Reason::filtered || reason == Reason::suspend || reason == Reason::mailboxfull;
}

bool is_delivered_action(std::string_view action) {
    return iequals(action, "delivered") || iequals(action, "relayed") || iequals(action, "expanded");
}

Decision read_reason(const Evidence& e, std::string_view status, int reply_code, std::string_view text) {
    if (auto reason = reason_decided_by_status(status)) return {*reason, "status:" + std::string(status)};
    if (auto match = match_reason_rules(text, receiving_hosts(e))) {
        if (match->reason == Reason::userunknown && !match->host_specific && !refused_at_rcpt(e, status, text))
            return {Reason::filtered, "text:" + std::string(match->name) + ",not-at-rcpt"};
        return {match->reason, "text:" + std::string(match->name)};
    }
    if (!status.empty() && !is_vague_status(status))
        if (auto reason = reason_for_status(status)) return {*reason, "status:" + std::string(status)};
    // Refused before any command of this message: at the greeting or at HELO/EHLO,
    // the sending host itself is refused (exim: "after initial connection").
    if (refused_at_connection(e, text)) return {Reason::blocked, "refused-at-connection"};
    if (auto reason = reason_for_reply(reply_code)) return {*reason, "reply:" + std::to_string(reply_code)};
    // A delay warning that names no cause: the MTA is still trying and has not got
    // through for a while. Its reason is `expired`, as sisimai's is (its class is
    // `delayed` whatever the reason: see result_class.h).
    if (iequals(e.action, "delayed")) return {Reason::expired, "action:delayed"};
    if (text.empty() && status.empty() && reply_code == 0) return {Reason::onhold, "nothing-stated"};
    // Words that no row knows: the bounce said why, we cannot tell what it means.
    // Held, as sisimai does, rather than undefined (which is for a bounce that said
    // no more than a code or the address).
    if (says_something(e.diagnostic, e.recipient)) return {Reason::onhold, "unknown-words"};
    return {Reason::undefined, "no-rule"};
}

Decision decide_reason(const Evidence& e, std::string_view status, int reply_code, std::string_view text) {
    if (e.reason) return {*e.reason, e.rule};
    if (is_delivered_action(e.action) || (!status.empty() && status[0] == '2'))
        return {Reason::delivered, "action:delivered"};
    Decision decision = read_reason(e, status, reply_code, text);
    if (iequals(e.smtp_command, "MAIL") && about_the_recipient(decision.reason))
        return {Reason::rejected, decision.rule + ",at-mail-from"};
    return decision;
}

// The text the rules read: the diagnostic, lower-cased, with the reply and status
// codes in front when the diagnostic does not quote them (some rows are about a
// code and the words together, such as Office 365's "5.4.1 ... Access denied").
// A multi-line reply arrives joined: "550-5.7.1 Messages with multiple 550-5.7.1
// addresses in From: header 550 5.7.1 are not accepted". The codes that start the
// later lines split the receiver's sentences; the rules read the words without them.
std::string without_continuation_codes(const std::string& text, int reply_code, std::string_view status) {
    std::string code = std::to_string(reply_code);
    if (reply_code == 0 || text.find(code + "-") == std::string::npos) return text;
    std::string out;
    bool first = true;
    std::size_t i = 0;
    while (i < text.size()) {
        bool at_code = (i == 0 || text[i - 1] == ' ') && text.compare(i, 3, code) == 0 && i + 3 < text.size() &&
                       (text[i + 3] == '-' || text[i + 3] == ' ');
        if (!at_code) {
            out += text[i++];
            continue;
        }
        if (first) {
            first = false;
            out.append(text, i, 4);
            i += 4;
            continue;
        }
        i += 4;  // a later line's "550-" or "550 ", and its status code
        if (!status.empty() && text.compare(i, status.size(), status) == 0 && i + status.size() < text.size() &&
            text[i + status.size()] == ' ')
            i += status.size() + 1;
    }
    return out;
}

std::string rule_text(const RecipientResult& r) {
    std::string text = without_continuation_codes(lower(r.diagnostic), r.reply_code, r.status);
    if (!r.status.empty() && text.find(r.status) == std::string::npos) text = r.status + " " + text;
    std::string reply = r.reply_code ? std::to_string(r.reply_code) : std::string();
    if (!reply.empty() && text.find(reply) == std::string::npos) text = reply + " " + text;
    return text;
}

bool is_temporary(std::string_view status, int reply_code, std::string_view action) {
    if (!status.empty()) return status[0] == '4';
    if (reply_code != 0) return reply_code / 100 == 4;
    return iequals(action, "delayed");
}

}  // namespace

RecipientResult diagnose(const Evidence& e, const Limits& limits) {
    RecipientResult r;
    r.recipient = lower(trim(e.recipient));
    r.original_recipient = e.original_recipient;
    r.action = lower(trim(e.action));
    r.remote_mta = printable(trim(e.remote_mta), 255);
    r.smtp_command = e.smtp_command;
    r.last_attempt = printable(trim(e.last_attempt), 128);
    r.feedback_type = e.feedback_type;
    r.source = e.source;
    r.diagnostic = printable(squeeze_spaces(e.diagnostic), limits.max_diagnostic_bytes);
    r.status = chosen_status(e, r.diagnostic);
    r.reply_code = e.reply_code != 0 ? e.reply_code : find_reply_code(r.diagnostic);
    auto decision = decide_reason(e, r.status, r.reply_code, rule_text(r));
    r.reason = decision.reason;
    r.rule = decision.rule;
    bool temporary = is_temporary(r.status, r.reply_code, r.action);
    r.bounce_class = result_class(r.reason, temporary, r.action);
    // A delay warning gets the pseudo code of its cause too (4.0.9NN), as a failure does.
    bool is_bounce = r.bounce_class == BounceClass::hard || r.bounce_class == BounceClass::soft ||
                     r.bounce_class == BounceClass::policy || r.bounce_class == BounceClass::delayed;
    if (is_bounce && (r.status.empty() || is_vague_status(r.status)) && r.status.size() < 5)
        r.status = pseudo_status(r.reason, temporary);
    return r;
}

}  // namespace classify
