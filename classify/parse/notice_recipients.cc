#include "classify/parse/notice_recipients.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "classify/parse/address.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/parse/remote_reply.h"
#include "classify/parse/transcript_command.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify {
namespace {

constexpr auto npos = std::string_view::npos;
// A diagnostic is the receiver's words, not the whole notice.
constexpr std::size_t kMaxDiagnostic = 2048;
// How far after a list its details are looked for.
constexpr std::size_t kMaxDetails = 4096;

// The longest "<local@domain>" an error line can name (RFC 5321 4.5.3.1, and its brackets).
constexpr std::size_t kMaxToken = 64 + 1 + 255 + 2;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool has_reply_or_status(std::string_view text) { return find_reply_code(text) != 0 || !find_status_code(text).empty(); }

// A letter (or any non-ASCII byte) outside the addresses: the words say something.
bool has_words(std::string_view text) {
    std::size_t pos = 0;
    auto letter_in = [](std::string_view s) {
        for (unsigned char c : s)
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) return true;
        return false;
    };
    for (const auto& address : find_addresses(text, 64)) {
        if (letter_in(text.substr(pos, address.begin - pos))) return true;
        pos = address.end;
    }
    return letter_in(text.substr(std::min(pos, text.size())));
}

void append(std::string& to, std::string_view words) {
    words = trim(words);
    if (words.empty() || to.size() >= kMaxDiagnostic) return;
    if (!to.empty()) to += ' ';
    to.append(words.substr(0, kMaxDiagnostic - std::min(kMaxDiagnostic, to.size())));
}

bool seen(const std::vector<Evidence>& found, std::string_view address) {
    for (const auto& e : found)
        if (e.recipient == address) return true;
    return false;
}

// "-----", "=====": a rule drawn between parts of a notice.
bool is_decoration(std::string_view line) {
    line = trim(line);
    if (line.empty()) return false;
    for (char c : line)
        if (c != '-' && c != '=' && c != '*' && c != '_' && c != '#' && c != '~') return false;
    return true;
}

// ---- layout 1: transcript error lines ----------------------------------------

// "550", "554": a failure's reply code standing as a word.
bool is_failure_code(std::string_view token) {
    return token.size() == 3 && (token[0] == '4' || token[0] == '5') && is_digit(token[1]) && is_digit(token[2]);
}

bool is_enhanced_code(std::string_view token) { return !token.empty() && find_status_code(token) == token; }

// The last blank-separated token of `s`; `begin` receives where it starts in `s`.
std::string_view last_token(std::string_view s, std::size_t* begin) {
    while (!s.empty() && is_trimmed_space(s.back())) s.remove_suffix(1);
    auto space = s.find_last_of(" \t");
    *begin = space == npos ? 0 : space + 1;
    return s.substr(*begin);
}

struct ErrorLine {
    std::string address;
    int reply_code = 0;
    std::string status;
    std::string_view prefix;   // what stands before the reply code ("SMTP:RCPT host 192.0.2.8:")
    std::string_view verdict;  // what follows the "..."
};

// "[prefix] 550 [5.1.1] <user@example.org>... verdict". A prefix is allowed only
// where the recipient is known already: "Remote host said: 550 <a@b>... Access
// denied" quotes a receiver that may name the sender.
bool parse_error_line(std::string_view line, ErrorLine& out, bool allow_prefix) {
    // Bounded work on a hostile line: a few "..." looked at, an address's length back from each.
    int tries = 0;
    for (auto dots = line.find("..."); dots != npos && tries < 8; dots = line.find("...", dots + 3), ++tries) {
        std::size_t addr_end = dots, addr_begin = 0;
        const std::size_t floor = dots > kMaxToken ? dots - kMaxToken : 0;
        std::string_view before = line.substr(floor, dots - floor);
        if (!before.empty() && before.back() == '>') {
            auto open = before.rfind('<');
            if (open == npos) continue;
            addr_begin = floor + open;
        } else {
            auto space = before.find_last_of(" \t");
            if (space == npos && floor > 0) continue;
            addr_begin = space == npos ? 0 : floor + space + 1;
        }
        std::string_view token = line.substr(addr_begin, addr_end - addr_begin);
        if (!token.empty() && token.front() == '<') token = token.substr(1, token.size() >= 2 ? token.size() - 2 : 0);
        if (!is_address(token)) continue;
        std::size_t code_at = 0;
        std::string_view code = last_token(line.substr(0, addr_begin), &code_at);
        std::string status;
        if (is_enhanced_code(code)) {
            status = std::string(code);
            code = last_token(line.substr(0, code_at), &code_at);
        }
        if (!is_failure_code(code)) {
            // "<user@example.org>... User unknown" with no code: the address starts
            // the line (the "<<<" reply before it gives the code).
            if (!trim(line.substr(0, addr_begin)).empty() || !status.empty()) continue;
            out.address = find_first_address(token);
            if (out.address.empty()) continue;
            out.reply_code = 0;
            out.status.clear();
            out.prefix = {};
            out.verdict = trim(line.substr(dots + 3));
            return true;
        }
        if (!allow_prefix && !trim(line.substr(0, code_at)).empty()) continue;
        out.address = find_first_address(token);
        if (out.address.empty()) continue;
        out.reply_code = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
        out.status = status;
        out.prefix = trim(line.substr(0, code_at));
        out.verdict = trim(line.substr(dots + 3));
        return true;
    }
    return false;
}

// "RCPT To:<a@example.org>" -> "RCPT".
std::string verb_of(std::string_view command) {
    command = trim(command);
    std::string verb;
    for (char c : command.substr(0, std::min(command.find_first_of(" :\t"), std::size_t{8})))
        verb += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return verb;
}

// The command a prefix names as a word of its own: "SMTP:RCPT host ...", "RCPT TO".
std::string command_in_prefix(std::string_view prefix) {
    for (std::string_view verb : {"RCPT", "DATA", "MAIL"}) {
        for (auto at = prefix.find(verb); at != npos; at = prefix.find(verb, at + 1)) {
            bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(prefix[at - 1]));
            bool ends = at + 4 == prefix.size() || !std::isalnum(static_cast<unsigned char>(prefix[at + 4]));
            if (starts && ends) return std::string(verb);
        }
    }
    return {};
}

// ---- layout 2: a heading, then the list --------------------------------------

// "The following addresses had permanent fatal errors", "did not reach the following
// recipient(s):", and the same in the languages MTAs localise their notices in.
bool is_recipient_heading(std::string_view line) {
    if (line.size() > 200 || line.find('@') != npos) return false;
    struct Pair {
        std::string_view following;
        std::string_view nouns[4];
    };
    static constexpr Pair kPairs[] = {
        {"following", {"recipient", "address", "destination", "user"}},
        // Exchange 2007 and later: "Delivery has failed to these recipients or groups:".
        {"these", {"recipient", "address", "", ""}},
        {" below", {"recipient", "address", "", ""}},
        {"suivant", {"destinataire", "adresse", "", ""}},
        {"folgende", {"empf\xC3\xA4nger", "adresse", "", ""}},
        {"siguiente", {"destinatario", "direcci", "", ""}},
        {"seguinte", {"destinat", "endere", "", ""}},
        {"seguent", {"destinatari", "indirizz", "", ""}},
        // 以下の宛先 / 以下のアドレス (Japanese), 以下收件人 / 以下地址 (Chinese).
        {"\xE4\xBB\xA5\xE4\xB8\x8B",
         {"\xE5\xAE\x9B\xE5\x85\x88", "\xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9",
          "\xE6\x94\xB6\xE4\xBB\xB6\xE4\xBA\xBA", "\xE5\x9C\xB0\xE5\x9D\x80"}},
    };
    for (const auto& pair : kPairs) {
        if (!icontains(line, pair.following)) continue;
        for (auto noun : pair.nouns)
            if (!noun.empty() && icontains(line, noun)) return true;
    }
    // A line ending in ':' that says delivery failed and to whom: "was not delivered
    // to:", "Failed recipients:", "Invalid addresses:", "The message that you sent
    // was undeliverable to the following:".
    auto l = trim(line);
    if (l.empty() || l.back() != ':' || l.size() > 120) return false;
    bool whom = icontains(l, "deliver") || icontains(l, "recipient") || icontains(l, "address") ||
                icontains(l, "following");
    if (!whom) return false;
    for (std::string_view failure : {"not ", "n't", "fail", "unable", "undeliver", "error", "invalid", "reject",
                                     "problem", "unknown"})
        if (icontains(l, failure)) return true;
    return false;
}

// An X.400 O/R address that carries the SMTP one (RFC 2156 4.2.2): the attributes
// before it ("c=FR;a= ;p=Example;o=MAIL;dda:SMTP="), the address, then ';' or the end.
std::string x400_recipient(std::string_view line, std::string_view* rest) {
    auto found = find_addresses(line.substr(0, 512), 1);
    if (found.empty()) return {};
    std::string_view before = line.substr(0, found[0].begin);
    if (ifind(before, "dda:") == npos && ifind(before, "rfc-822=") == npos) return {};
    if (before.find_first_of("<>\"") != npos || before.find(": ") != npos) return {};
    std::string_view after = line.substr(found[0].end);
    while (!after.empty() && (after.front() == ';' || after.front() == ' ' || after.front() == '\t'))
        after.remove_prefix(1);
    *rest = after;
    return found[0].address;
}

// A list entry in RFC 5322's name-addr form: a display name, then the address in
// angle brackets ("Hanako Yamada <a@b>", "\"Saburo\" <a@b>"), as notices that copy
// the recipient from the message's To write it. The name holds no ':' (no label:
// "From: Name <a@b>" is the sender's) and no '@', and is no reply ("550 5.1.1
// <a@b>... User unknown" is the reason line under an entry, not another entry).
std::string named_recipient(std::string_view line, std::string_view* rest) {
    const auto open = line.find('<');
    if (open == npos || open == 0 || open > 64) return {};
    const std::string_view name = trim(line.substr(0, open));
    if (name.empty() || name.find_first_of(":@<>") != npos || is_digit(name[0])) return {};
    // A name is a few words, or quoted; more is a sentence that names someone
    // ("The message from Weekly News <news@list.example> ...").
    if (name.front() != '"' && std::count(name.begin(), name.end(), ' ') > 3) return {};
    const auto close = line.find('>', open);
    if (close == npos) return {};
    auto found = find_addresses(line.substr(open + 1, close - open - 1), 1);
    if (found.empty() || found[0].begin != 0 || open + 1 + found[0].end != close) return {};
    *rest = trim(line.substr(close + 1));
    return found[0].address;
}

// A line of the list: an address first, after a bullet ("*", "-", "•", ">>>", "1.").
std::string listed_address(std::string_view line, std::string_view* rest) {
    line = trim(line);
    for (bool again = true; again && !line.empty();) {
        again = false;
        for (std::string_view bullet : {">>>", "*", "-", "\xE2\x80\xA2", "\xC2\xB7", ">"}) {
            if (starts_with(line, bullet)) {
                line = trim(line.substr(bullet.size()));
                again = true;
            }
        }
        std::size_t digits = 0;
        while (digits < line.size() && digits < 3 && is_digit(line[digits])) ++digits;
        if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
            line = trim(line.substr(digits + 1));
            again = true;
        }
    }
    std::string address = recipient_at_line_start(line, rest);
    if (address.empty()) address = x400_recipient(line, rest);
    if (address.empty()) address = named_recipient(line, rest);
    if (!address.empty()) {
        std::string_view r = *rest;
        while (!r.empty() && (r.front() == ':' || r.front() == '.' || r.front() == ',')) r = trim(r.substr(1));
        *rest = r;
    }
    return address;
}

// The blank-line delimited paragraph of `text` that holds `at`.
std::string_view paragraph_at(std::string_view text, std::size_t at) {
    auto begin = text.rfind("\n\n", at);
    begin = begin == npos ? 0 : begin + 2;
    auto end = text.find("\n\n", at);
    return trim(text.substr(begin, (end == npos ? text.size() : end) - begin));
}

// Details after the list, without the rules drawn between them.
std::string details_text(std::string_view details) {
    std::string out;
    for (auto line : split_lines(details))
        if (!is_decoration(line)) append(out, line);
    return out;
}

// The words after the list that are about `e`: its transcript error line, else the
// paragraph that names it, else (`alone`: the details name no other recipient) the
// details as a whole.
void add_details(Evidence& e, std::string_view details, bool alone) {
    ErrorLine line;
    for (auto raw : split_lines(details)) {
        if (parse_error_line(trim(raw), line, true) && line.address == e.recipient) {
            append(e.diagnostic, line.verdict);
            if (find_reply_code(e.diagnostic) == 0 && line.reply_code != 0) e.reply_code = line.reply_code;
            if (find_status_code(e.diagnostic).empty()) e.status = line.status;
            if (e.smtp_command.empty()) e.smtp_command = command_in_prefix(line.prefix);
            return;
        }
    }
    auto at = ifind(details, e.recipient);
    if (at != npos) {
        for (auto l : split_lines(paragraph_at(details, at)))
            if (!is_decoration(l)) append(e.diagnostic, l);
        return;
    }
    if (alone) append(e.diagnostic, details_text(details));
}

// The list under the heading that starts at `pos`; `end` receives where it ends.
// An entry whose address stands behind a recipient's label inside the line, as a
// list's first line or after a blank one: "[Status: Error, Address: <a@b>, ResponseCode
// 421, Host not reachable.]". Only there: inside an entry, a line naming an address is
// the receiver's reply about someone ("Remote host said: 550 <sender>... Access denied").
std::string labelled_in_line(std::string_view line, std::string_view* rest) {
    auto found = find_addresses(line.substr(0, 512), 2);
    if (found.size() != 1) return {};
    std::string_view before = line.substr(0, found[0].begin);
    while (!before.empty() && (before.back() == '<' || is_trimmed_space(before.back()))) before.remove_suffix(1);
    if (before.empty() || before.back() != ':') return {};
    before.remove_suffix(1);
    auto start = before.find_last_of("[(,;");
    std::string_view label = trim(before.substr(start == npos ? 0 : start + 1));
    if (!is_recipient_label(label)) return {};
    *rest = line;  // the whole entry is its diagnostic (the address is masked before the rules read it)
    return found[0].address;
}

// The list under the heading that starts at `pos`; `end` receives where it ends.
// Before the first address, a few lines may finish the heading's sentence ("failed:",
// "This is a permanent error; I've given up.") or draw a rule.
std::vector<Evidence> list_at(std::string_view text, std::size_t pos, std::size_t max, std::size_t* end) {
    std::vector<Evidence> found;
    bool open = false;       // the last entry still takes lines
    std::size_t gaps = 0;    // lines before the first address
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        std::string_view rest;
        std::string address = listed_address(line, &rest);
        if (address.empty() && !open) address = labelled_in_line(line, &rest);
        if (!address.empty()) {
            if (found.size() >= max) break;
            if (!seen(found, address)) {
                Evidence e;
                e.recipient = address;
                e.diagnostic = std::string(rest.substr(0, kMaxDiagnostic));
                e.source = RecipientSource::body_text;
                found.push_back(std::move(e));
            }
            open = true;
        } else if (found.empty()) {
            if (++gaps > 4) break;
        } else if (trim(line).empty() || is_decoration(line)) {
            open = false;
        } else if (open) {
            append(found.back().diagnostic, line);
        } else {
            break;
        }
        pos = nl + 1;
    }
    *end = std::min(pos, text.size());
    return found;
}

// ---- layout 3: labels --------------------------------------------------------

constexpr std::size_t kMaxLabel = 48;
constexpr std::string_view kFullWidthColon = "\xEF\xBC\x9A";

// Where the label of "label: value" ends (at its colon), or npos.
std::size_t label_end(std::string_view line, std::size_t* value_at) {
    for (std::string_view colon : {std::string_view(":"), kFullWidthColon}) {
        auto at = line.find(colon);
        if (at == npos || at == 0 || at > kMaxLabel) continue;
        auto label = trim(line.substr(0, at));
        if (label.empty() || label.find_first_of("@<>()[]") != npos) continue;
        *value_at = at + colon.size();
        return at;
    }
    return npos;
}

std::vector<std::string> words_of(std::string_view label) {
    std::vector<std::string> words;
    std::string word;
    for (char c : label) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80 || c == '-' || c == '\'') {
            word += ascii_lower(c);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// Labels that only say "the recipient is": their words are no diagnostic.
bool is_role_label(std::string_view label) {
    std::string l = lower(trim(label));
    for (std::string_view role : {"to", "rcpt to", "recipient", "recipients", "failed recipient", "failed recipients",
                                  "recipient address", "original recipient", "original-recipient", "final recipient",
                                  "final-recipient", "address", "e-mail", "email", "e-mail address", "email address",
                                  "addressee", "destination", "user"})
        if (l == role) return true;
    return false;
}

// Labels whose words state a failure: "Unknown user", "Delivery failed 20 attempts",
// "Could not be delivered to", "Invalid recipient".
bool is_failure_label(std::string_view label) {
    std::string l = lower(label);
    for (std::string_view failure : {"fail", "unknown", "invalid", "undeliver", "not deliver", "reject", "bounce",
                                     "could not", "couldn't", "unable", "not found", "no such", "error", "exceed",
                                     "full", "quota", "disabled", "inactive", "suspended", "expired", "not exist",
                                     "not reach",
                                     "no longer", "blocked", "denied", "refused", "over "})
        if (l.find(failure) != std::string::npos) return true;
    return false;
}

}  // namespace

bool is_recipient_label(std::string_view label) {
    const auto words = words_of(label);
    if (words.empty() || words.size() > 8) return false;
    // The original's header fields echoed in a notice, and the sender's side.
    if (words.size() == 1 && words[0] == "to") return false;
    for (const auto& w : words) {
        for (std::string_view no : {"from", "sender", "reply-to", "reply", "return-path", "contact", "postmaster",
                                    "administrator", "admin", "message-id", "id", "cc", "bcc", "errors-to", "sent",
                                    "subject", "date", "received", "owner", "author", "delivered-to", "webmaster",
                                    "abuse", "support", "help", "by", "envelope-from", "list-id", "list-post"})
            if (w == no) return false;
        if (starts_with(w, "x-") || starts_with(w, "list-") || starts_with(w, "sender")) return false;
    }
    if (words.back() == "to") return true;  // "Could not be delivered to", "RCPT TO"
    std::string l = lower(label);
    for (std::string_view yes : {"recipient", "rcpt", "user", "address", "adresse", "mailbox", "addressee", "account",
                                 "not reach",  // "Your message did not reach:"
                                 "destinat", "empf\xC3\xA4nger", "deliver", "failed", "failure", "unknown", "invalid",
                                 "undeliverable", "rejected", "bounced", "not found", "unable", "could not",
                                 "\xE5\xAE\x9B\xE5\x85\x88",               // 宛先
                                 "\xE5\x8F\x97\xE4\xBF\xA1\xE8\x80\x85",   // 受信者
                                 "\xE5\x8F\x97\xE5\x8F\x96\xE4\xBA\xBA",   // 受取人
                                 "\xE6\x94\xB6\xE4\xBB\xB6\xE4\xBA\xBA",   // 收件人
                                 "\xEC\x88\x98\xEC\x8B\xA0"})              // 수신
        if (l.find(yes) != std::string::npos) return true;
    return false;
}

std::vector<Evidence> transcript_error_lines(std::string_view text, std::size_t max_recipients) {
    std::vector<Evidence> found;
    std::string command, reply;
    bool in_reply = false;
    for (auto raw : split_lines(text)) {
        auto line = trim(raw);
        if (starts_with(line, ">>>")) {
            command = verb_of(line.substr(3));
            reply.clear();
            in_reply = false;
            continue;
        }
        if (starts_with(line, "<<<")) {
            if (!in_reply) reply.clear();
            append(reply, line.substr(3));
            in_reply = true;
            continue;
        }
        in_reply = false;
        ErrorLine error;
        if (!parse_error_line(line, error, false)) continue;
        if (found.size() >= max_recipients) break;
        if (!seen(found, error.address)) {
            Evidence e;
            e.recipient = error.address;
            e.diagnostic = std::string(error.verdict.substr(0, kMaxDiagnostic));
            // Sendmail's "User unknown" for any 550 is no reason (transcript_command.h).
            if (!reply.empty() && says_only_the_reply_code(e.diagnostic)) e.diagnostic.clear();
            if (!reply.empty() && e.diagnostic.find(reply) == std::string::npos) {
                if (!e.diagnostic.empty()) e.diagnostic += ":";
                append(e.diagnostic, reply);
            }
            if (find_reply_code(e.diagnostic) == 0 && error.reply_code != 0) e.reply_code = error.reply_code;
            if (find_status_code(e.diagnostic).empty()) e.status = error.status;
            e.smtp_command = command.empty() ? command_in_prefix(error.prefix) : command;
            e.source = RecipientSource::body_text;
            found.push_back(std::move(e));
        }
        command.clear();
        reply.clear();
    }
    return found;
}

namespace {

enum class Side { none, client, server };

// Which side a quoted session line is, and what it says: the marks stand at the
// line's start, or after a timestamp (MDaemon: "Fri 2024-06-11 18:02:02: --> ...").
Side session_side(std::string_view line, std::string_view* said) {
    struct Mark {
        std::string_view mark;
        Side side;
    };
    static constexpr Mark kMarks[] = {{">>> ", Side::client}, {"--> ", Side::client}, {"<<< ", Side::server},
                                      {"<-- ", Side::server}};
    for (const auto& m : kMarks) {
        auto at = line.substr(0, 48).find(m.mark);
        if (at != npos) {
            *said = trim(line.substr(at + m.mark.size()));
            return m.side;
        }
    }
    if (istarts_with(line, "in:")) {
        *said = trim(line.substr(3));
        return Side::client;
    }
    if (istarts_with(line, "out:")) {
        *said = trim(line.substr(4));
        return Side::server;
    }
    return Side::none;
}

int reply_code_at_start(std::string_view said) {
    if (said.size() < 3 || !is_digit(said[0]) || !is_digit(said[1]) || !is_digit(said[2])) return 0;
    if (said.size() > 3 && said[3] != ' ' && said[3] != '-') return 0;
    return (said[0] - '0') * 100 + (said[1] - '0') * 10 + (said[2] - '0');
}

}  // namespace

std::vector<Evidence> session_recipients(std::string_view text, std::size_t max_recipients) {
    std::vector<Evidence> found;
    std::vector<std::string> accepted;  // RCPT TO addresses answered 2xx
    std::string pending;                // the RCPT TO address awaiting its reply
    std::string command;
    bool in_data = false;
    auto fail = [&](const std::string& address, std::string_view reply, const std::string& verb) {
        if (found.size() >= max_recipients || seen(found, address)) return;
        Evidence e;
        e.recipient = address;
        e.diagnostic = std::string(reply.substr(0, kMaxDiagnostic));
        e.smtp_command = verb;
        e.source = RecipientSource::body_text;
        found.push_back(std::move(e));
    };
    for (auto raw : split_lines(text)) {
        std::string_view said;
        const Side side = session_side(trim(raw), &said);
        if (side == Side::client) {
            command = verb_of(said);
            pending.clear();
            if (command == "RCPT") pending = find_first_address(said.substr(0, 512));
            in_data = in_data && command.empty();
            continue;
        }
        if (side != Side::server) continue;
        const int code = reply_code_at_start(said);
        if (code == 0 || (said.size() > 3 && said[3] == '-')) continue;  // wait for the reply's last line
        if (command == "RCPT" && !pending.empty()) {
            if (code >= 400) fail(pending, said, "RCPT");
            else if (code < 300 && accepted.size() < max_recipients) accepted.push_back(pending);
            pending.clear();
        } else if (command == "DATA" && code == 354) {
            in_data = true;
        } else if ((command == "DATA" || in_data) && code >= 400) {
            for (const auto& address : accepted) fail(address, said, "DATA");
            in_data = false;
        }
    }
    return found;
}

namespace {

// A heading in a language the word pairs above do not know, by its shape: a
// sentence (four words or more, no address) that ends in a colon, then, after at
// most a blank line, a line that starts with an address and has no label before
// it ("Het bericht kon niet worden afgeleverd bij de volgende ontvangers:",
// "Meddelandet kunde inte levereras till följande mottagare:"). Localised
// notices (Exchange, MDaemon, GroupWise, Domino, Kerio) keep the list's layout.
// A quoted field list ("... with the following header fields:" then "To: a@b")
// has a label before its address.
bool is_heading_by_shape(std::string_view line, std::string_view below) {
    line = trim(line);
    if (line.size() < 16 || line.size() > 200 || line.find('@') != npos) return false;
    if (!ends_with_label_colon(line)) return false;
    if (std::count(line.begin(), line.end(), ' ') < 3) return false;
    // "If you need help, please write to:" then the helpdesk's address: whom to ask.
    for (std::string_view contact : {"contact", "help", "assistance", "question", "write to", "send mail to",
                                     "reply to", "support", "administrator"})
        if (icontains(line, contact)) return false;
    int blank = 0;
    for (auto next : split_lines(below.substr(0, 1024))) {
        next = trim(next);
        if (next.empty()) {
            if (++blank > 1) return false;
            continue;
        }
        const auto at = next.find('@');
        if (at == npos || next.substr(0, at).find_first_of(": \t") != npos) return false;
        std::string_view rest;
        return !listed_address(next, &rest).empty();
    }
    return false;
}

// The list under the first heading that has one: by its words when `by_shape` is
// false, else by its shape alone.
std::vector<Evidence> list_under_heading(std::string_view text, std::size_t max_recipients, bool by_shape) {
    for (std::size_t pos = 0; pos < text.size();) {
        auto nl = text.find('\n', pos);
        if (nl == npos) break;
        const std::string_view line = text.substr(pos, nl - pos);
        const bool heading = by_shape ? is_heading_by_shape(line, text.substr(nl + 1)) : is_recipient_heading(line);
        pos = nl + 1;
        if (!heading) continue;
        std::size_t end = 0;
        auto found = list_at(text, pos, max_recipients, &end);
        if (found.empty()) continue;
        std::string_view details = text.substr(end, kMaxDetails);
        for (auto& e : found) {
            if (has_reply_or_status(e.diagnostic) || (has_words(e.diagnostic) && !is_decoration(e.diagnostic)))
                continue;
            // Whether the details name no other recipient; a long list is not searched.
            bool alone = found.size() == 1;
            if (found.size() > 1 && found.size() <= 16) {
                alone = true;
                for (const auto& other : found)
                    alone = alone && (other.recipient == e.recipient || ifind(details, other.recipient) == npos);
            }
            add_details(e, details, alone);
        }
        return found;
    }
    return {};
}

}  // namespace

// A heading known by its words comes first; the shape alone, which any sentence
// ending in a colon may have, only where no such heading has a list.
std::vector<Evidence> recipients_under_heading(std::string_view text, std::size_t max_recipients) {
    auto found = list_under_heading(text, max_recipients, false);
    return found.empty() ? list_under_heading(text, max_recipients, true) : found;
}

std::vector<LabelledRecipient> labelled_recipients(std::string_view text, std::size_t max_recipients) {
    std::vector<LabelledRecipient> found;
    auto lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::size_t value_at = 0;
        auto line = trim(lines[i]);
        auto colon = label_end(line, &value_at);
        if (colon == npos) continue;
        auto label = trim(line.substr(0, colon));
        if (!is_recipient_label(label)) continue;
        std::string_view rest;
        // "[SMTP:a@b]", "SMTP:a@b": Exchange and MailEnable write the address type in front.
        std::string_view value = trim(line.substr(value_at));
        if (starts_with(value, "[")) value = trim(value.substr(1));
        if (istarts_with(value, "smtp:")) value = value.substr(5);
        std::string address = recipient_at_line_start(value, &rest);
        if (address.empty()) address = x400_recipient(value, &rest);
        if (!rest.empty() && rest.front() == ']') rest = trim(rest.substr(1));
        bool repeated = false;
        for (const auto& f : found) repeated = repeated || f.evidence.recipient == address;
        if (address.empty() || repeated) continue;
        if (found.size() >= max_recipients) break;
        Evidence e;
        e.recipient = address;
        e.source = RecipientSource::body_text;
        if (!is_role_label(label)) append(e.diagnostic, label);
        append(e.diagnostic, rest);
        // The lines below it ("Reason: ...", "As their mailbox is full."), up to a blank
        // line, another recipient's label, or a line naming another address (the sender's).
        for (std::size_t j = i + 1; j < lines.size(); ++j) {
            auto next = trim(lines[j]);
            std::size_t ignored = 0;
            if (e.diagnostic.size() >= kMaxDiagnostic || next.empty() || is_decoration(next)) break;
            bool other = false;
            for (const auto& a : find_addresses(next.substr(0, 1024), 4)) other = other || a.address != e.recipient;
            if (other) break;
            if (auto end = label_end(next, &ignored); end != npos && is_recipient_label(next.substr(0, end))) break;
            append(e.diagnostic, next);
        }
        found.push_back({std::move(e), is_failure_label(label)});
    }
    return found;
}

}  // namespace classify
