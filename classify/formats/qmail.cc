// qmail-send and its descendants (netqmail, s/qmail, notqmail), which send no DSN:
//
//   Hi. This is the qmail-send program at mx.example.net.
//   I'm afraid I wasn't able to deliver your message to the following addresses.
//   <user@example.org>:
//   192.0.2.1 does not like recipient.
//   Remote host said: 550 5.1.1 <user@example.org>... User unknown
//   --- Below this line is a copy of the message.
#include <algorithm>
#include <cctype>
#include <optional>

#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/rules/rules.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {

namespace {

struct Verdict {
    std::string_view says;
    Reason reason;
};

// qmail-remote's own sentences about a failed delivery, whose meaning is certain.
constexpr Verdict kVerdicts[] = {
    {"but sender was rejected", Reason::rejected},
    {"but my name was rejected", Reason::blocked},
    {"Sorry, I wasn't able to establish an SMTP connection", Reason::networkerror},
    {"Sorry, I couldn't find a mail exchanger or IP address", Reason::notaccept},
    {"Sorry, I couldn't find any host named", Reason::hostunknown},
    {"Sorry. Although I'm listed as a best-preference MX or A for that host", Reason::networkerror},
};

std::optional<Reason> qmail_verdict(std::string_view diagnostic) {
    for (const auto& v : kVerdicts)
        if (icontains(diagnostic, v.says)) return v.reason;
    return std::nullopt;
}

// The reply's words without its codes: qmail-remote prints a multi-line reply
// line by line ("550-5.7.1 Our system has detected an unusual rate of\n550-5.7.1
// unsolicited mail ..."), and the codes that start the later lines would split
// the receiver's sentences.
std::string words_of(std::string_view reply) {
    std::string out;
    for (std::size_t i = 0; i < reply.size();) {
        auto end = reply.find_first_of(" \t\n", i);
        if (end == std::string_view::npos) end = reply.size();
        std::string_view word = reply.substr(i, end - i);
        // "550", or "550-" before the line's words ("550-5.7.1", "554-Blocked").
        if (word.size() >= 3 && (word[0] == '4' || word[0] == '5') && std::isdigit(static_cast<unsigned char>(word[1])) &&
            std::isdigit(static_cast<unsigned char>(word[2])) && (word.size() == 3 || word[3] == '-'))
            word.remove_prefix(std::min<std::size_t>(word.size(), 4));
        if (!word.empty() && !is_valid_status_code(word)) {
            if (!out.empty()) out += ' ';
            out += word;
        }
        i = end + 1;
    }
    return out;
}

// "Connected to ... but sender was rejected. Remote host said: 421 ... volume":
// the receiver's words name a more precise reason than qmail's stage verdict.
// qmail-remote names only the command that was refused (its "but sender was
// rejected" follows any 5xx to MAIL FROM, "my name was rejected" any to HELO);
// the receiver's words say why, so any reason they name other than the stage's
// own decides ("sender was rejected" with "blocked using zen.spamhaus.org" is a
// blocklisted host, not a refused sender). "Access denied", the stock text of
// sendmail's access database for any refused sender, host or network, names no
// cause and leaves the stage's verdict standing.
bool reply_says_more(std::string_view diagnostic, Reason stage) {
    auto at = ifind(diagnostic, "Remote host said:");
    if (at == std::string_view::npos) return false;
    std::string reply = words_of(lower(diagnostic.substr(at)));
    auto match = match_reason_rules(reply);
    if (!match || match->reason == stage) return false;
    if (match->reason != Reason::blocked) return true;
    for (auto pos = reply.find("access denied"); pos != std::string::npos; pos = reply.find("access denied"))
        reply.erase(pos, 13);
    auto without = match_reason_rules(reply);
    return without && without->reason == Reason::blocked;
}

// qmail-remote ends a permanent refusal with "Giving up on <host>." (qmail-remote.c,
// after "Remote host said: <reply>"): qmail's own decision not to retry, which it
// takes for every 5xx. Left in, it reads as an expiry and hides the reply's cause.
void drop_giving_up(std::string& diagnostic) {
    constexpr std::string_view kGivingUp = "Giving up on ";
    auto at = ifind(diagnostic, kGivingUp);
    if (at == std::string::npos) return;
    auto host_end = diagnostic.find_first_of(" \t\n", at + kGivingUp.size());
    diagnostic.erase(at, host_end == std::string::npos ? std::string::npos : host_end - at);
    diagnostic = std::string(trim(diagnostic));
}

}  // namespace

std::vector<Evidence> decode_qmail(const BounceView& view) {
    static const ParagraphLayout layout{
        {"This is the qmail-send program", "I'm afraid I wasn't able to deliver your message",
         "We're sorry. There's a problem with the e-mail address", "This is the mail delivery agent at",
         "I'm not going to try again; this message has been in the queue too long",
         "Unable to deliver message to the following address"},
        original_message_markers(),
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    // "I'm not going to try again; this message has been in the queue too long."
    // follows the last error seen. qmail's own verdict on that error decides; a
    // receiver's reply is left to the rules; qmail's local trouble means expired.
    constexpr std::string_view kGaveUp = "I'm not going to try again; this message has been in the queue too long.";
    for (auto& e : found) {
        auto at = ifind(e.diagnostic, kGaveUp);
        bool gave_up = at != std::string::npos;
        if (gave_up) e.diagnostic = std::string(trim(e.diagnostic.erase(at, kGaveUp.size())));
        drop_giving_up(e.diagnostic);
        if (auto verdict = qmail_verdict(e.diagnostic); verdict && !reply_says_more(e.diagnostic, *verdict)) {
            e.reason = *verdict;
            e.rule = "qmail:verdict";
        } else if (gave_up && !icontains(e.diagnostic, "Remote host said:")) {
            e.reason = Reason::expired;
            e.rule = "qmail:queue-too-long";
        }
    }
    return found;
}

}  // namespace classify::formats
