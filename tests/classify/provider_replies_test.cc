// Providers' documented SMTP replies (provider_catalogue.h, which cites the
// documents), each as a DSN with the reply's own Status, and a few in a plain-text
// notice: each must get the class (and reason) its documentation implies.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "dsn_builder.h"
#include "mta_builders.h"
#include "provider_catalogue.h"

namespace {

using mta_builders::exim_notice;
using mta_builders::postfix_notice;
using mta_builders::sendmail_notice;
using provider_catalogue::kReplies;

enum class Layout { postfix, exim, sendmail };

struct PlainReply {
    const char* source;
    Layout layout;
    const char* command;  // as the notice names it; "" for Exim's own routing failure
    const char* reply;
    const char* bounce_class;
    const char* reason;
};

const PlainReply kPlainReplies[] = {
    {"postfix", Layout::postfix, "RCPT TO",
     "550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown in local recipient table", "hard",
     "userunknown"},
    {"postfix", Layout::postfix, "RCPT TO", "554 5.7.1 <someone@example.org>: Relay access denied", "policy", "norelaying"},
    {"postfix", Layout::postfix, "RCPT TO", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
                                  "zen.spamhaus.org", "policy", "blocked"},
    {"postfix", Layout::postfix, "RCPT TO", "554 5.7.1 <someone@example.org>: Recipient address rejected: Access denied",
     "policy", "filtered"},
    {"olc", Layout::postfix, "MAIL FROM", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact "
                                "your Internet service provider since part of their network is on our block list "
                                "(S3150).", "policy", "blocked"},
    {"google", Layout::postfix, "RCPT TO", "550-5.1.1 The email account that you tried to reach does not exist. Please try "
                                 "550-5.1.1 double-checking the recipient's email address for typos or 550 5.1.1 "
                                 "unnecessary spaces. - gsmtp", "hard", "userunknown"},
    {"google", Layout::postfix, "end of DATA", "550 5.7.26 This message does not pass authentication checks (SPF and DKIM both "
                                     "do not pass).", "policy", "authfailure"},
    {"apple", Layout::postfix, "RCPT TO", "552 5.2.2 <someone@example.org>: user is over quota", "soft", "mailboxfull"},
    {"exim", Layout::exim, "RCPT TO:<someone@example.org>", "550 Unknown user", "hard", "userunknown"},
    {"exim", Layout::exim, "RCPT TO:<someone@example.org>", "550 relay not permitted", "policy", "norelaying"},
    {"exim", Layout::exim, "RCPT TO:<someone@example.org>", "550 Administrative prohibition", "policy", "rejected"},
    {"exim", Layout::exim, "MAIL FROM:<bounces@list.example>", "550 Sender verify failed", "policy", "rejected"},
    {"exim", Layout::exim, "end of data", "552 Message size exceeds maximum permitted", "soft", "mesgtoobig"},
    {"exim", Layout::exim, "", "Unrouteable address", "hard", "hostunknown"},
    // The list's own domain refused: never the subscriber's fault.
    {"postfix", Layout::postfix, "MAIL FROM", "550 5.7.27 <bounces@list.example>: Sender address rejected: Domain list.example "
                                    "does not accept mail (nullMX)", "policy", "rejected"},
    {"exim", Layout::exim, "MAIL FROM:<bounces@list.example>", "550-Verification failed for <bounces@list.example>\n"
                                                       "    550-Unrouteable address\n    550 Sender verify failed",
     "policy", "rejected"},
    {"sendmail", Layout::sendmail, "RCPT To:<someone@example.org>", "550 5.1.1 <someone@example.org>... User unknown",
     "hard", "userunknown"},
    {"sendmail", Layout::sendmail, "RCPT To:<someone@example.org>", "550 5.7.1 <someone@example.org>... Relaying denied",
     "policy", "norelaying"},
    {"sendmail", Layout::sendmail, "RCPT To:<someone@example.org>", "552 5.2.2 <someone@example.org>... Mailbox full",
     "soft", "mailboxfull"},
    {"sendmail", Layout::sendmail, "MAIL From:<bounces@list.example>",
     "553 5.1.8 <bounces@list.example>... Domain of sender address bounces@list.example does not exist", "policy",
     "rejected"},
    {"sendmail", Layout::sendmail, "MAIL From:<bounces@list.example>",
     "550 5.7.1 Rejected: 192.0.2.1 listed at zen.spamhaus.org", "policy", "blocked"},
};

}  // namespace

TEST_CASE("provider replies: each documented reply gets the class its documentation implies",
          "[classify][providers]") {
    for (const auto& row : kReplies) {
        auto report = classify::classify_message(test::make_dsn("someone@example.org", row.reply, row.status));
        INFO("[" << row.source << "] " << row.reply);
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients.front();
        CHECK(std::string(classify::to_string(r.bounce_class)) == row.bounce_class);
        if (row.reason[0] != '\0') CHECK(std::string(classify::to_string(r.reason)) == row.reason);
    }
}

TEST_CASE("provider replies: the same words in a plain-text notice decide alike", "[classify][providers]") {
    for (const auto& row : kPlainReplies) {
        auto message = row.layout == Layout::exim       ? exim_notice(row.reply, row.command)
                       : row.layout == Layout::sendmail ? sendmail_notice(row.reply, row.command)
                                                        : postfix_notice(row.reply, row.command);
        auto report = classify::classify_message(message);
        INFO("[" << row.source << "] " << row.reply);
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients.front();
        CHECK(r.recipient == "someone@example.org");
        CHECK(std::string(classify::to_string(r.bounce_class)) == row.bounce_class);
        CHECK(std::string(classify::to_string(r.reason)) == row.reason);
    }
}
