// The classic MTAs' own bounce layouts (no DSN part): each case is a small bounce
// written for the test in the MTA's wording, with the recipient, status, reason
// and class it must give. Every case runs with LF and with CRLF line endings.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "format_cases.h"

using namespace format_cases;

namespace {

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"dragonfly: RCPT refused for a full mailbox", "dragonfly",
         mail(kDaemonHeaders,
              "This is the DragonFly Mail Agent v0.13 at mx.example.net.\n\n"
              "There was an error delivering your mail to <full@example.org>.\n\n"
              "mx.example.org [192.0.2.25] did not like our RCPT TO:\n"
              "552 5.2.2 <full@example.org>: Recipient address rejected: Mailbox full\n\n"
              "Original message follows.\n\n"
              "Subject: hello\nTo: <full@example.org>\n\nhi\n"),
         {{"full@example.org", "5.2.2", Reason::mailboxfull, BounceClass::soft}}},
        {"dragonfly: a code the receiver gives decides when its words are only 'address rejected'", "dragonfly",
         mail(kDaemonHeaders,
              "This is the DragonFly Mail Agent v0.13 at mx.example.net.\n\n"
              "There was an error delivering your mail to <off@example.org>.\n\n"
              "mx.example.org [192.0.2.25] did not like our RCPT TO:\n"
              "521 5.3.2 <off@example.org>: Recipient address rejected: System not accepting network messages\n\n"
              "Message headers follow.\n\n"
              "Subject: hello\n"),
         {{"off@example.org", "5.3.2", Reason::notaccept, BounceClass::hard}}},
        {"dragonfly: DNS failure without a reply", "dragonfly",
         mail(kDaemonHeaders,
              "This is the DragonFly Mail Agent v0.13 at mx.example.net.\n\n"
              "There was an error delivering your mail to <a@nowhere.example>.\n\n"
              "DNS lookup failure: host nowhere.example not found\n\n"
              "Message headers follow.\n\n"
              "Subject: hello\n"),
         {{"a@nowhere.example", "5.0.912", Reason::hostunknown, BounceClass::hard}}},
        {"exim: 'user unknown' said after the message body comes from a filter", "exim",
         mail(kDaemonHeaders,
              "This message was created automatically by mail delivery software.\n\n"
              "A message that you sent could not be delivered to one or more of its\n"
              "recipients. This is a permanent error. The following address(es) failed:\n\n"
              "  a@example.org\n"
              "    SMTP error from remote mail server after end of data:\n"
              "    host mx.example.org [192.0.2.1]: 550 User unknown\n"
              "  b@example.org\n"
              "    SMTP error from remote mail server after RCPT TO:<b@example.org>:\n"
              "    host mx.example.org [192.0.2.1]: 550 User unknown\n\n"
              "------ This is a copy of the message, including all the headers. ------\n\n"
              "Subject: hi\n"),
         {{"a@example.org", "5.0.910", Reason::filtered, BounceClass::policy},
          {"b@example.org", "5.0.911", Reason::userunknown, BounceClass::hard}}},
        {"exchange2003: the MSEXCH code decides", "exchange2003",
         mail("From: System Administrator <postmaster@example.net>\n"
              "To: sender@example.net\nSubject: Undeliverable: hello\n",
              "Your message\n\n  To:      a@example.org\n  Subject: hello\n"
              "  Sent:    Thu, 29 Apr 2010 00:00:00 -0000\n\n"
              "did not reach the following recipient(s):\n\n"
              "a@example.org on Thu, 29 Apr 2010 00:00:00 -0000\n"
              "    The recipient name is not recognized\n"
              "    MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient\n"),
         {{"a@example.org", "5.0.911", Reason::userunknown, BounceClass::hard}}},
        {"imailserver: IMail's verdict before the address decides", "imailserver",
         mail("From: \"Postmaster\" <postmaster@example.net>\nTo: sender@example.net\n"
              "Subject: Undeliverable Mail\n",
              "Unknown user: a@example.org\nDelivery failed 20 attempts: b@example.org\n\n\n"
              "Original message follows.\n\nSubject: hi\n\nhello\n"),
         {{"a@example.org", "5.0.911", Reason::userunknown, BounceClass::hard},
          {"b@example.org", "5.0.947", Reason::expired, BounceClass::soft}}},
        {"x1: the reason in brackets, no command named: a filter's refusal", "x1",
         mail(kDaemonHeaders,
              "The original message was received at Thu, 29 Apr 2010 23:34:45 +0900 (JST)\n\n"
              "---The following addresses had delivery errors---\n\n"
              "a@example.org [User unknown]\n\n"),
         {{"a@example.org", "5.0.910", Reason::filtered, BounceClass::policy}}},
        {"x3: bulleted recipients, the reply under Technical details", "x3",
         mail(kDaemonHeaders,
              "      This is an automatically generated Delivery Status Notification.\n\n"
              "Delivery to the following recipients failed permanently:\n\n"
              "   * a@example.org\n\n\n"
              "============================================================================\n"
              "                             Technical details:\n\n"
              "SMTP:RCPT host 192.0.2.8: 553 5.3.0 <a@example.org>... No such user here\n\n"
              "============================================================================\n"),
         {{"a@example.org", "5.3.0", Reason::userunknown, BounceClass::hard}}},
        {"x3: delivery aborted after hours has expired", "x3",
         mail(kDaemonHeaders,
              "      This is an automatically generated Delivery Status Notification.\n\n"
              "Delivery to the following recipients was aborted after 5.0 hour(s):\n\n"
              "  * a@example.org\n\n"
              "============================================================================\n"
              "                             Technical details:\n\n"
              "Routing: Could not find a gateway for a@example.org\n\n"
              "============================================================================\n"),
         {{"a@example.org", "5.0.947", Reason::expired, BounceClass::soft}}},
        {"qmail: its own verdict on the failed connection decides, not the queue time", "qmail",
         mail(kDaemonHeaders,
              "Hi. This is the qmail-send program at mx.example.net.\n"
              "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
              "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
              "<a@example.org>:\n"
              "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)\n"
              "I'm not going to try again; this message has been in the queue too long.\n\n"
              "<b@example.org>:\n"
              "Connected to 192.0.2.1 but my name was rejected.\n"
              "Remote host said: 501 5.0.0 Invalid domain name\n\n"
              "--- Below this line is a copy of the message.\n\nSubject: hi\n"),
         {{"a@example.org", "4.4.1", Reason::networkerror, BounceClass::soft},
          {"b@example.org", "5.0.0", Reason::blocked, BounceClass::policy}}},
        {"qmail: local trouble until the queue time ran out is expired", "qmail",
         mail(kDaemonHeaders,
              "Hi. This is the qmail-send program at mx.example.net.\n"
              "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
              "<a@example.org>:\n"
              "Resources temporarily unavailable, please try again later [#4.1.9].\n"
              "I'm not going to try again; this message has been in the queue too long.\n\n"
              "--- Below this line is a copy of the message.\n\nSubject: hi\n"),
         {{"a@example.org", "4.1.9", Reason::expired, BounceClass::soft}}},
        {"v5sendmail: one transcript, several recipients, each with its own exchange", "v5sendmail",
         mail("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
              "To: sender@example.net\nSubject: Returned mail: User unknown\n",
              "   ----- Transcript of session follows -----\n"
              "550 gone.example (smtp)... 550 Host unknown\n"
              "554 <a@gone.example>... 550 Host unknown (Authoritative answer from name server)\n"
              "While talking to mx.example.org:\n"
              ">>> RCPT To:<b@example.org>\n"
              "<<< 550 Requested mailbox not found.\n"
              "550 <b@example.org>... User unknown\n\n"
              "   ----- Unsent message follows -----\n"
              "From: sender@example.net\nTo: a@gone.example\nSubject: hi\n\nhello\n"),
         {{"a@gone.example", "5.0.912", Reason::hostunknown, BounceClass::hard},
          {"b@example.org", "5.0.911", Reason::userunknown, BounceClass::hard}}},
        {"v5sendmail: a host that timed out names no recipient; the unsent copy does", "v5sendmail",
         mail("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
              "To: sender@example.net\nSubject: Returned mail: Deferred\n",
              "   ----- Transcript of session follows -----\n"
              "421 example.com (smtp)... Deferred: Connection timed out during user open with example.com\n\n"
              "   ----- Unsent message follows -----\n"
              "From: sender@example.net\nTo: c@example.com\nSubject: hi\n\nhello\n"),
         {{"c@example.com", "4.0.947", Reason::expired, BounceClass::soft}}},
    };
    return all;
}


}  // namespace

TEST_CASE("formats_mta: each classic MTA layout gives its recipients, status, reason and class", "[classify]") {
    check_lf_and_crlf(cases());
}
