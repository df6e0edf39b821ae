// The wording each MTA uses in its delay warning, from its source or manual:
// matched lower-cased in the bounce's Subject and in its prose only.
#include "classify/rules/delay_warning.h"

#include <iterator>
#include <vector>

#include "classify/parse/marker_set.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify {
namespace {

// Subjects that only a delay warning carries.
constexpr std::string_view kSubjects[] = {
    "delayed mail (still being retried)",        // Postfix bounce template (delay_template)
    "warning: could not send message for past",  // Sendmail savemail.c, warning after Timeout.queuewarn
    "delivery status notification (delay)",      // Gmail, Exchange 2003
    "delivery delayed:",                         // Exchange 2013+ / Exchange Online
    "delayed delivery notice",                   // generic
    "delivery status notification: delayed",     // OpenSMTPD bounce.c (delayed notice)
    "warning: delayed",                          // Courier, Exchange variants
};

// Sentences of the human-readable part that say the MTA keeps trying.
constexpr std::string_view kSentences[] = {
    "this is a warning only",                        // Postfix delay template
    "this is a warning message only",                // Sendmail, Courier, Gmail/Exchange (old DSN text)
    "you do not need to resend your message",        // Postfix, Sendmail, Courier
    "delivery attempts will continue",               // Exim's warning_message_file default
    "has not yet been delivered to one or more",     // Exim's warning_message_file default
    "has not been delivered yet",                    // generic: "... to the following recipients has not been delivered yet"
    "not yet been delivered",                        // generic
    "will keep trying until message is",             // Sendmail: "Will keep trying until message is 5 days old"
    "warning: message still undelivered after",      // Sendmail
    "delivery is delayed to these recipients",       // Exchange 2010+
    "delivery to the following recipients has been delayed",  // Exchange 2003
    "delivery to the following recipient has been delayed",   // Gmail (old layout)
    "delivery will continue to be attempted",        // Exchange Online
    "the server will keep trying to deliver",        // Exchange Online
    "will retry for",                                // Gmail: "Gmail will retry for 46 more hours"
    "there was a temporary problem delivering your message",  // Gmail
    "only a temporary failure report",               // OpenSMTPD bounce.c warning
    "a message is delayed for more than",            // OpenSMTPD bounce.c warning
    "delivery has been delayed",                     // Outlook/Exchange notices, many MTAs
    "your message has been delayed",                 // generic
    "still being retried",                           // Postfix
    "it will be retried until",                      // Postfix: "It will be retried until it is 5 day(s) old."
    "delays in delivering your message",             // Courier module.dsn/dsndelayed.txt heading
    "this is an advisory notice only",               // Courier dsndelayed.txt
    "additional attempts to deliver your message will be made",  // Courier dsndelayed.txt
};

// Words of a final failure: a notice that says them is not a warning, whatever
// else it quotes ("... has been delayed for 5 days; giving up").
constexpr std::string_view kGaveUp[] = {
    "failed permanently", "giving up", "gave up", "delivery has failed", "permanent fatal error",
    "will not be retried", "no further attempts",
};

// Exim: "Warning: message 1abCDe-000123-Fg delayed 24 hours".
bool exim_warning_subject(std::string_view subject) {
    return starts_with(subject, "warning: message ") && subject.find(" delayed") != std::string_view::npos;
}

// The mail systems with no Subject of their own above name the delay in it, in
// their own words: CommuniGate Pro's "Delivery delay notification", Domino's
// "DELIVERY DELAY: ...", GroupWise's "Message status - delayed", "Mail delivery
// delayed". A failure's Subject says it failed ("Undeliverable:", "Returned mail",
// "failure"), and may then quote an original Subject that holds "delay" ("Train
// delays this week"): with those words, the Subject says nothing of a delay.
bool names_a_delay(std::string_view subject) {
    if (subject.find("delay") == std::string_view::npos) return false;
    for (std::string_view failed : {"undeliver", "fail", "returned", "not delivered", "non-deliver", "nondeliver",
                                    "error", "rejected", "bounce"})
        if (subject.find(failed) != std::string_view::npos) return false;
    return true;
}

bool has_permanent_code(const Evidence& e) {
    std::string status = find_status_code(e.status);
    if (status.empty()) status = find_status_code(e.diagnostic);
    if (!status.empty()) return status[0] == '5';
    int reply = e.reply_code != 0 ? e.reply_code : find_reply_code(e.diagnostic);
    return reply / 100 == 5;
}

}  // namespace

bool says_still_trying(std::string_view subject, std::string_view prose) {
    static const MarkerSet gave_up(std::vector<std::string_view>(std::begin(kGaveUp), std::end(kGaveUp)));
    static const MarkerSet sentences(std::vector<std::string_view>(std::begin(kSentences), std::end(kSentences)));
    if (gave_up.find(prose) != std::string_view::npos) return false;
    std::string s = lower(trim(subject));
    if (exim_warning_subject(s) || names_a_delay(s)) return true;
    for (auto words : kSubjects)
        if (s.find(words) != std::string::npos) return true;
    return sentences.find(prose) != std::string_view::npos;
}

void mark_delay_warning(std::string_view subject, std::string_view prose, std::vector<Evidence>& found) {
    bool still_trying = false;
    bool decided = false;
    for (auto& e : found) {
        // An automatic reply or a complaint is no delivery report at all.
        bool not_a_delivery = e.reason && (*e.reason == Reason::vacation || *e.reason == Reason::feedback);
        if (not_a_delivery || !trim(e.action).empty() || has_permanent_code(e)) continue;
        if (!decided) {
            still_trying = says_still_trying(subject, prose);
            decided = true;
        }
        if (still_trying) e.action = "delayed";
    }
}

}  // namespace classify
