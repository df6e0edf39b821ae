#include "classify/rules/diagnosis.h"

#include <cctype>
#include <vector>

#include "classify/parse/address.h"
#include "classify/parse/remote_reply.h"
#include "classify/result_class.h"
#include "classify/rules/rules.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify {
namespace {

struct Decision {
    Reason reason;
    std::string rule;
};

// What a bare reply code says. Most codes say permanent or temporary and nothing
// more: 550 is sent for an unknown user, a block, a policy, a full mailbox. Only
// the temporary codes RFC 5321 gives to the receiver's own trouble name a cause:
// 421 "Service not available", 451 "local error in processing", 452 "insufficient
// system storage". So do the permanent codes of its "syntax" category (4.2.1:
// x0z) and 555 (4.2.3, "MAIL FROM/RCPT TO parameters not recognized or not
// implemented"): the receiver could not read the command or its parameters.
std::optional<Reason> reason_for_reply(int reply_code) {
    switch (reply_code) {
        case 421: case 451: return Reason::systemerror;
        case 452: return Reason::systemfull;
        case 500: case 501: case 502: case 503: case 504: case 555: return Reason::syntaxerror;
        default: return std::nullopt;
    }
}

// "4.7.1" but not "4.0.0", "5.7.606" or "5.1.10": a code whose subject and detail
// are both named, the kind a receiver quotes on purpose.
bool is_specific_status(std::string_view code) {
    return code.size() == 5 && code[2] >= '1' && code[2] <= '9' && code[4] >= '1' && code[4] <= '9';
}

// The receiver's code in its words. A success code ("2.0.0") stands after a 2xx
// reply ("250 2.0.0 Ok", RFC 3463 section 2); alone in words it is a version
// number ("release 2.3.0", "signatures 2.3.0") and no status: the next code is read.
std::string status_in_words(std::string_view text) {
    constexpr int kMaxCodes = 8;
    std::string_view rest = text;
    for (int i = 0; i < kMaxCodes; ++i) {
        std::string code = find_status_code(rest);
        if (code.empty() || code[0] != '2') return code;
        const std::size_t at = rest.find(code);
        if (at >= 4 && rest[at - 4] == '2' && std::isdigit(static_cast<unsigned char>(rest[at - 3])) &&
            std::isdigit(static_cast<unsigned char>(rest[at - 2])) && (rest[at - 1] == ' ' || rest[at - 1] == '-'))
            return code;
        rest = rest.substr(at + code.size());
    }
    return {};
}

std::string chosen_status(const Evidence& e, std::string_view diagnostic) {
    std::string stated = trim(e.status).empty() ? std::string() : find_status_code(e.status);
    std::string in_text = status_in_words(diagnostic);
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

// "User unknown" counts as an unknown user when it answers the recipient, and as a
// filter's refusal in those words (docomo, au and others answer so after DATA for a
// sender the subscriber blocks) when it answers the message. In order:
//   - the code says the address is wrong (X.1.x): an unknown user;
//   - the command is known (the layout's, or the quoted transcript's ">>> RCPT"):
//     RCPT is the recipient, any other command the message;
//   - the words name the command: RCPT ("in reply to RCPT TO command") or DATA
//     ("in reply to end of DATA command", "after end of data");
//   - the words say the address itself was not found (Google's "because the
//     address couldn't be found", "recipient rejected"): the recipient;
//   - nothing says which: a DSN stating no code or a protocol code (X.5.x:
//     Exchange's "550 Requested action not taken: mailbox unavailable" is 5.5.0,
//     the answer to the command that named the mailbox) leaves the words to decide;
//     a policy code (X.7.x) is a misused code and leaves the words to decide too;
//     a code about something else (5.0.0, 5.2.1) or a layout without a DSN is
//     taken as a filter's refusal, the convention of sisimai and of the bounces it
//     was measured on. This last step is a convention, not evidence: see README.
bool refused_at_rcpt(const Evidence& e, std::string_view status, int reply_code, std::string_view text) {
    if (is_addressing_status(status)) return true;
    // RFC 5321 4.3.2 lists 551 and 553 among the replies to MAIL and RCPT only,
    // never to DATA: the refusal came before the message was sent.
    if (e.smtp_command.empty() && (reply_code == 551 || reply_code == 553)) return true;
    bool dsn = e.source == RecipientSource::dsn || e.quoted_reply;
    // Yahoo's "This user doesn't have a yahoo.com account", in a DSN, is about the
    // address whatever the stage: Yahoo gives it at the end of DATA as well as at
    // RCPT (its transcript shows ">>> DATA"). The account it names is the recipient's.
    if (dsn && (icontains(text, "doesn't have a") || icontains(text, "does not have a")) && icontains(text, "account"))
        return true;
    // The receiver's words that name the recipient's address as what it refused
    // say what was refused whatever command the wrapper names: a filter refusing
    // the message after DATA does not call the recipient invalid.
    for (const char* said : {"recipient address rejected", "invalid recipient", "address is possibly incorrect"})
        if (icontains(text, said)) return true;
    if (!e.smtp_command.empty()) return iequals(e.smtp_command, "RCPT");
    for (const char* said : {"end of data", "after data", "data command", "after end of message"})
        if (icontains(text, said)) return false;
    // Words that say the address or its mailbox was not found answer the address
    // when no command is named (issue 12 item 2). (Yahoo's "doesn't have a ...
    // account" outside a DSN stays with the convention: the corpus's lhost-x2
    // labels it filtered.) Sun/PMDF's "Reason: Remote SMTP server has rejected
    // address" says the same in the other order. A directory lookup that failed is
    // about the address whatever the stage, no filter's verdict: Domino's "User x
    // (a@b) not listed in Domino Directory" (or "in public Name & Address Book"),
    // Exchange 5.5-2003's "The recipient name is not recognized" (its own words,
    // with no reply).
    for (const char* said : {"rcpt to", "rcpt_to", "does not like recipient", "address rejected", "recipient rejected",
                             "rejected address", "address couldn't be found", "address couldn\u2019t be found",
                             "mailbox not found", "not listed in", "recipient name is not recognized"})
        if (icontains(text, said)) return true;
    // A security or policy code (X.7.x) under words that say the mailbox is not
    // there is a misused code, not a filter: "user mail-box not found (#5.7.1)".
    if (status.size() > 3 && status.substr(1, 3) == ".7.") return true;
    bool protocol_status = status.size() > 3 && status.substr(1, 3) == ".5.";
    // Gmail and Microsoft 365 state X.0.0 for a reply that carries no code of its
    // own, and quote that reply in their notice: their X.0.0 says no more than no
    // code. (The convention below stays for the other layouts: see README.)
    bool placeholder = e.quoted_reply && status.size() == 5 && status.substr(1) == ".0.0";
    return (status.empty() || protocol_status || placeholder) && dsn;
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

// The receiver's own reply inside a reporting MTA's wrapper: qmail's "Remote host
// said: 550 ...", Postfix's "host mx.example.jp[192.0.2.1] said: 550 ...". Its
// words come first (order of evidence, step 3): a wrapper's "giving up" or "I'm not
// going to try again" is about the reporting MTA, not the receiver's reason.
std::string_view receivers_reply(std::string_view text) {
    for (std::string_view marker : {"remote host said:", "remote server said:", " said: "}) {
        auto at = text.find(marker);
        if (at == std::string_view::npos) continue;
        std::string_view reply = text.substr(at + marker.size());
        // qmail-remote closes the reply with its own sentence on the next line,
        // "Giving up on 192.0.2.25." (qmail-remote.c): the reporting MTA's, not the
        // receiver's words.
        if (auto end = reply.find("giving up on "); end != std::string_view::npos) reply = reply.substr(0, end);
        return reply;
    }
    return {};
}

// The text without Postfix's clause after the reply (smtp_proto.c: "(in reply to
// RCPT TO command)"; rfc3464.cc adds it to a Diagnostic-Code from the notice): the
// command Postfix sent, not the receiver's words. Left on, it breaks a phrase that
// ends the reply ("550 #5.1.0 Address rejected"). "" when there is no clause.
std::string_view without_command_clause(std::string_view text) {
    auto clause = text.rfind(" (in reply to ");
    return clause == std::string_view::npos ? std::string_view() : text.substr(0, clause);
}

std::optional<Decision> read_words(const Evidence& e, std::string_view status, int reply_code, std::string_view text,
                                   std::string_view hold_out) {
    auto hosts = receiving_hosts(e);
    std::optional<RuleMatch> match;
    // The receiver's reply first, then the whole text. Each is read with the
    // command clause first (host-keyed rows read the stage in it: docomo's "unknown
    // user" at end of DATA), then, if no row knows the words, without it.
    const std::string_view reply = receivers_reply(text);
    for (std::string_view words : {reply, without_command_clause(reply)}) {
        if (!words.empty()) match = match_reason_rules(words, hosts, hold_out);
        if (match) break;
    }
    // A reply that opens with its own code is the receiver's whole verdict: when no
    // row knows its words, the wrapper around it (qmail's "Giving up on 192.0.2.25.",
    // which is about the reporting MTA) says nothing of the cause, and the codes
    // decide (steps 4, 5, 7).
    if (!match && starts_with_reply(reply)) return std::nullopt;
    for (std::string_view words : {text, without_command_clause(text)}) {
        if (match) break;
        match = match_reason_rules(words, hosts, hold_out);
    }
    if (!match) return std::nullopt;
    if (match->reason == Reason::userunknown && !match->host_specific && !refused_at_rcpt(e, status, reply_code, text))
        return Decision{Reason::filtered, "text:" + std::string(match->name) + ",not-at-rcpt"};
    return Decision{match->reason, "text:" + std::string(match->name)};
}

// Sendmail's "<a@b>... Deferred" with no ": reason" after it (in a warning, or in
// the failure after Timeout.queuereturn, under its "(reason: ...)" label): the
// word restates the MTA's own state (savemail.c/deliver.c write "Deferred:
// <reason>" when there is one), so no receiver said anything. True when nothing
// but codes, masked addresses, punctuation, that word and the label is left.
bool only_restates_delay(std::string_view text) {
    // Any byte of a UTF-8 sequence is part of a word: other scripts are words too.
    auto starts_word = [](unsigned char c) { return std::isalpha(c) || c >= 0x80; };
    auto in_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '@'; };
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && !starts_word(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t start = i;
        while (i < text.size() && in_word(static_cast<unsigned char>(text[i]))) ++i;
        std::string_view word = text.substr(start, i - start);
        if (word.empty() || word == "x@x" || word == "deferred" || word == "reason") continue;
        return false;
    }
    return true;
}

// The order of evidence, first that speaks decides (README, "The order of evidence"):
//
// | step | evidence                               | why                                                        |
// |------|----------------------------------------|------------------------------------------------------------|
// | 1    | the DSN's Action (delivered, relayed,  | structured, stated by the MTA that did it; a decoder's      |
// |      | expanded) and a decoder's layout       | layout (an ARF report, a list's refusal) names the cause    |
// | 2    | a code that names its cause exactly    | X.1.6 moved, X.1.7/X.1.8 bad sender, X.2.3 over the         |
// |      | (RFC 3463)                             | recipient's size limit: no wording means anything else      |
// | 3    | the receiver's words (rules.cc),       | the receiver says why in words; its codes are often vague   |
// |      | its own reply read before a wrapper's  | or misused (5.7.1 for a full mailbox, 5.5.0 for a domain)   |
// | 4    | the receiver's specific code           | quoted in its reply: its own verdict, when words say nothing|
// | 5    | the reporting MTA's code (Status)      | a summary by another MTA: sendmail says 4.4.7 for anything  |
// |      |                                        | the receiver deferred; vague codes (X.0.0) say nothing      |
// | 6    | the stage: refused at the greeting or  | nothing of the message was seen: the sending host is refused|
// |      | HELO/EHLO                              |                                                              |
// |      | or, in words no row knows, at MAIL FROM| (no recipient named yet: the sender is refused)             |
// | 7    | the bare reply code (550, 421)         | permanent or temporary, nothing more: "550 Rejected" is not |
// |      |                                        | an unknown user; only 421/451/452, the receiver's own local |
// |      |                                        | trouble in RFC 5321, name a cause (systemerror, systemfull) |
// |      |                                        | and 500-504/555, a command or parameter it could not read   |
// |      |                                        | (syntaxerror)                                               |
Decision read_reason(const Evidence& e, std::string_view status, int reply_code, std::string_view text,
                     std::string_view hold_out) {
    if (auto reason = reason_decided_by_status(status)) return {*reason, "status:" + std::string(status)};
    // No words to read: the codes below, or a delay's `expired`, decide.
    if (!only_restates_delay(text))
        if (auto decision = read_words(e, status, reply_code, text, hold_out)) return *decision;
    std::string in_words = find_status_code(text);
    if (!in_words.empty() && !is_vague_status(in_words))
        if (auto reason = reason_for_status(in_words)) return {*reason, "status:" + in_words};
    if (!status.empty() && !is_vague_status(status))
        if (auto reason = reason_for_status(status)) return {*reason, "status:" + std::string(status)};
    // Refused before any command of this message: at the greeting or at HELO/EHLO,
    // the sending host itself is refused (exim: "after initial connection").
    if (refused_at_connection(e, text)) return {Reason::blocked, "refused-at-connection"};
    // Refused at MAIL FROM, in words no row knows: no recipient was named yet, the
    // refusal is about the sender.
    if (iequals(e.smtp_command, "MAIL") && reply_code / 100 == 5) return {Reason::rejected, "refused-at-mail-from"};
    if (auto reason = reason_for_reply(reply_code)) return {*reason, "reply:" + std::to_string(reply_code)};
    // A delay warning that names no cause: the MTA is still trying and has not got
    // through for a while. Its reason is `expired`, as sisimai's is (its class is
    // `delayed` whatever the reason: see result_class.h).
    if (iequals(e.action, "delayed")) return {Reason::expired, "action:delayed"};
    if (text.empty() && status.empty()) return {Reason::onhold, "nothing-stated"};
    // Words that no row knows: the bounce said why, we cannot tell what it means.
    // Held, as sisimai does, rather than undefined (which is for a bounce that said
    // no more than a code or the address). The reply code gives the class only.
    if (says_something(e.diagnostic, e.recipient)) return {Reason::onhold, "unknown-words"};
    return {Reason::undefined, "no-rule"};
}

Decision decide_reason(const Evidence& e, std::string_view status, int reply_code, std::string_view text,
                       std::string_view hold_out) {
    if (e.reason) return {*e.reason, e.rule};
    if (is_delivered_action(e.action) || (!status.empty() && status[0] == '2'))
        return {Reason::delivered, "action:delivered"};
    Decision decision = read_reason(e, status, reply_code, text, hold_out);
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

// "mail-box", "e-mail box": spellings of one word that the rows would each have
// to allow; one form here keeps the rows readable ("user mail-box not found").
void unify_spellings(std::string& text) {
    for (auto at = text.find("mail-box"); at != std::string::npos; at = text.find("mail-box", at))
        text.erase(at + 4, 1);
}

// An address names a mailbox, never a cause: "virus-alerts@example.org" is no
// virus, "spam@example.org" no spam. Each address the words quote becomes "x@x"
// before the rules read them (the recipient's own first among them).
std::string without_addresses(std::string text) {
    const auto found = find_addresses(text, 64);
    if (found.empty()) return text;
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    for (const auto& address : found) {
        out.append(text, pos, address.begin - pos);
        out += "x@x";
        pos = address.end;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

std::string rule_text(const RecipientResult& r) {
    std::string text = without_addresses(without_continuation_codes(lower(r.diagnostic), r.reply_code, r.status));
    unify_spellings(text);
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

RecipientResult diagnose(const Evidence& e, const Limits& limits, std::string_view hold_out_family) {
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
    auto decision = decide_reason(e, r.status, r.reply_code, rule_text(r), hold_out_family);
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
