// The verdict follows the receiver's reply, not the layout around it: the same
// layout with different replies must give each reply's own reason (the mechanisms
// bench/reply_substitution.py found). Each case is a small bounce written for the
// test in the MTA's wording; every case runs with LF and with CRLF line endings.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "format_cases.h"

using namespace format_cases;

namespace {

std::string qmail_refused(const std::string& stage, const std::string& reply) {
    return mail(kDaemonHeaders,
                "Hi. This is the qmail-send program at mx.example.net.\n"
                "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                "<a@example.org>:\n"
                "Connected to 192.0.2.1 but " + stage + " was rejected.\n"
                "Remote host said: " + reply + "\n\n"
                "--- Below this line is a copy of the message.\n\nSubject: hi\n");
}

std::string v5_transcript(const std::string& session) {
    return mail("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
                "To: sender@example.net\nSubject: Returned mail: User unknown\n",
                "   ----- Transcript of session follows -----\n" + session +
                    "\n   ----- Unsent message follows -----\n"
                    "From: sender@example.net\nTo: list@example.net\nSubject: hi\n\nhello\n");
}

std::string x3_aborted(const std::string& details) {
    return mail(kDaemonHeaders,
                "This is an automatically generated Delivery Status Notification.\n\n"
                "Delivery to the following recipients was aborted after 5.0 hour(s):\n\n"
                "  * e@example.org\n\n"
                "======================\n"
                "                    Technical details:\n\n" + details + "\n\n"
                "======================\n");
}

// Gmail's layout before 2013 (no DSN): the heading, the recipient, then the details.
std::string gmail_delay(const std::string& details) {
    return mail("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
                "To: sender@gmail.example\nSubject: Delivery Status Notification (Delay)\n"
                "Date: Tue, 11 Jun 2024 18:02:02 +0000\nMessage-Id: <gmail-delay-1@mail.gmail.example>\n",
                "This is an automatically generated Delivery Status Notification\n\n"
                "THIS IS A WARNING MESSAGE ONLY.\n\n"
                "YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n"
                "Delivery to the following recipient has been delayed:\n\n"
                "     f@example.org\n\n"
                "Message will be retried for 2 more day(s)\n\n"
                "Technical details of temporary failure:\n" + details + "\n\n"
                "----- Original message -----\n\nSubject: hi\nTo: f@example.org\n\nhello\n");
}

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        // qmail-remote says only which command was refused; the receiver says why.
        {"qmail: a blocklist named in the reply to MAIL FROM is blocked, not a refused sender", "qmail",
         qmail_refused("sender", "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using "
                                 "zen.spamhaus.org"),
         {{"a@example.org", "5.7.1", Reason::blocked, BounceClass::policy}}},
        {"qmail: a refused relay in the reply to MAIL FROM is norelaying", "qmail",
         qmail_refused("sender", "554 5.7.1 <a@example.org>: Relay access denied"),
         {{"a@example.org", "5.7.1", Reason::norelaying, BounceClass::policy}}},
        {"qmail: 'Access denied' to MAIL FROM names no cause: the refused sender stands", "qmail",
         qmail_refused("sender", "550 5.7.1 <sender@example.net>... Access denied"),
         {{"a@example.org", "5.7.1", Reason::rejected, BounceClass::policy}}},
        {"qmail: a reply at HELO that names a blocklist stays blocked", "qmail",
         qmail_refused("my name", "550 5.7.1 Client host rejected: listed at bl.example"),
         {{"a@example.org", "5.7.1", Reason::blocked, BounceClass::policy}}},
        // Sendmail writes "User unknown" for any 550 to RCPT (its exit status's
        // text); the receiver's own reply above it says why.
        {"v5sendmail: the quoted reply decides over sendmail's 'User unknown' for a 550", "v5sendmail",
         v5_transcript("While talking to mx.example.org:\n"
                       ">>> RCPT To:<b@example.org>\n"
                       "<<< 550 5.1.2 <b@example.org>: Recipient address rejected: Domain not found\n"
                       "550 <b@example.org>... User unknown\n"),
         {{"b@example.org", "5.1.2", Reason::hostunknown, BounceClass::hard}}},
        {"v5sendmail: sendmail's own report of the connection is read with the reply", "v5sendmail",
         v5_transcript("While talking to mx.example.org:\n"
                       ">>> DATA\n"
                       "<<< 550 Message refused\n"
                       "554 <c@example.org>... Remote protocol error: Connection reset by peer during result wait\n"),
         {{"c@example.org", "5.0.971", Reason::blocked, BounceClass::policy}}},
        {"v5sendmail: a recipient line with an enhanced code (sendmail 8) names its recipient", "v5sendmail",
         v5_transcript("While talking to mx.example.org:\n"
                       ">>> RCPT To:<d@example.org>\n"
                       "<<< 552 5.3.4 Message size exceeds fixed limit\n"
                       "552 5.3.4 <d@example.org>... Service unavailable\n"),
         {{"d@example.org", "5.3.4", Reason::mesgtoobig, BounceClass::soft}}},
        // A give-up after the retry time names no cause; the last reply does (the
        // appliance's own words alone stay expired: formats_mta_test.cc).
        {"x3: a delivery aborted after retries is read by the receiver's last reply", "x3",
         x3_aborted("SMTP:RCPT host 192.0.2.8: 452 4.2.2 <e@example.org>: Mailbox over quota"),
         {{"e@example.org", "4.2.2", Reason::mailboxfull, BounceClass::soft}}},
        // Gmail's heading "has been delayed" says it is still trying, not why.
        {"gmail: a delay's reply with a vague code is read by its words, not the heading", "gmail",
         gmail_delay("421 4.7.0 Connection rate limit exceeded for [192.0.2.9], try again later"),
         {{"f@example.org", "4.7.0", Reason::speeding, BounceClass::delayed}}},
        {"gmail: the same after 'The error that the other server returned was:'", "gmail",
         gmail_delay("Google tried to deliver your message, but it was rejected by the recipient domain.\n"
                     "The error that the other server returned was: 421 4.7.0 Too many connections from your IP"),
         {{"f@example.org", "4.7.0", Reason::toomanyconn, BounceClass::delayed}}},
        {"gmail: a delay with Gmail's own words only is expired", "gmail",
         gmail_delay("The recipient server did not accept our requests to connect."),
         {{"f@example.org", "4.0.947", Reason::expired, BounceClass::delayed}}},
        // The same transcript in a layout no decoder knows (the generic path).
        {"free-text: a transcript's 'User unknown' and 'Remote protocol error' yield to the quoted reply",
         "free-text",
         mail("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
              "To: sender@example.net\nSubject: Returned mail: see transcript for details\n",
              "   ----- Transcript of session follows -----\n"
              "While talking to mx.example.org:\n"
              ">>> RCPT To:<g@example.org>\n"
              "<<< 550 5.1.2 <g@example.org>: Recipient address rejected: Domain not found\n"
              "550 <g@example.org>... User unknown\n"
              "While talking to mx2.example.org:\n"
              ">>> DATA\n"
              "<<< 554 Blocked - see https://bl.example.net/query?ip=192.0.2.9\n"
              "554 <h@example.org>... Remote protocol error\n\n"
              "   ----- Original message follows -----\n"
              "From: sender@example.net\nTo: list@example.net\nSubject: hi\n\nhello\n"),
         {{"g@example.org", "5.1.2", Reason::hostunknown, BounceClass::hard},
          {"h@example.org", "5.0.971", Reason::blocked, BounceClass::policy}}},
        // A multi-line reply (RFC 5321 4.2.1: "550-" on all lines but the last) is
        // read whole, its later lines' codes not splitting the words.
        {"qmail: a multi-line reply to MAIL FROM is read by its words", "qmail",
         qmail_refused("sender", "552-5.3.4 Message size\n552 5.3.4 exceeds fixed limit"),
         {{"a@example.org", "5.3.4", Reason::mesgtoobig, BounceClass::soft}}},
        {"activehunter: a multi-line reply under the transcript heading is read whole", "activehunter",
         mail("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.net\n"
              "Subject: Returned mail: see transcript for details\nX-AHMAILID: 20240611180202.0001\n",
              "The original message was received at Tue, 11 Jun 2024 18:02:02 +0900\n\n"
              "  ----- The following addresses had permanent fatal errors -----\n\n"
              ">>> i@example.org <i@example.org>\n\n"
              "  ----- Transcript of session follows -----\n"
              "550-5.7.1 Recipient mailbox is full,\n"
              "550 5.7.1 message refused\n"),
         {{"i@example.org", "5.7.1", Reason::mailboxfull, BounceClass::soft}}},
    };
    return all;
}

}  // namespace

TEST_CASE("reply_follows: the verdict follows the receiver's reply in each layout", "[classify]") {
    check_lf_and_crlf(cases());
}
