// Decoders that read an MTA's own sentences rather than (or before) its RFC 3464
// part: each case is a small bounce written for the test in the MTA's wording, with
// the recipient, status, reason and class it must give. LF and CRLF line endings.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "format_cases.h"

using namespace format_cases;

namespace {

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"opensmtpd: its own 'Envelope expired' is the reason of its delay warning, not the report's 4.4.7",
         "opensmtpd",
         mail("From: Mailer Daemon <MAILER-DAEMON@mx.example.net>\nTo: sender@example.net\n"
              "Subject: Delivery status notification: delayed\nMIME-Version: 1.0\n"
              "Content-Type: multipart/mixed; boundary=\"b1\"\n",
              "--b1\nContent-Type: text/plain\n\n"
              "    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
              "    A message is delayed for more than 4 hours for the following\n    list of recipients:\n\n"
              "late@example.org: Envelope expired\n\n"
              "    Below is a copy of the original message:\n\n"
              "--b1\nContent-Type: message/delivery-status\n\n"
              "Reporting-MTA: dns; mx.example.net\n\n"
              "Final-Recipient: rfc822; late@example.org\nAction: delayed\nStatus: 4.4.7\n\n"
              "--b1--\n"),
         {{"late@example.org", "4.0.947", Reason::expired, BounceClass::delayed}}},
        {"opensmtpd: the receiver's reply quoted after the address", "opensmtpd",
         mail(kDaemonHeaders,
              "    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\n\n"
              "    An error has occurred while attempting to deliver a message for\n"
              "    the following list of recipients:\n\n"
              "full@example.org: 550 5.2.2 <full@example.org>... Mailbox Full\n"
              "gone@nowhere.example: Domain does not exist\n\n"
              "    Below is a copy of the original message:\n\n"
              "Subject: hi\nTo: <full@example.org>\n\nhello\n"),
         {{"full@example.org", "5.2.2", Reason::mailboxfull, BounceClass::soft},
          {"gone@nowhere.example", "5.0.912", Reason::hostunknown, BounceClass::hard}}},
        {"postfix: no report part, the refusal in the notification text", "postfix",
         mail("From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: sender@example.net\n"
              "Subject: Undelivered Mail Returned to Sender\n",
              "This is the Postfix program at host mx.example.net.\n\n"
              "I'm sorry to have to inform you that the message returned\n"
              "below could not be delivered to one or more destinations.\n\n"
              "\t\t\tThe Postfix program\n\n"
              "<a@example.org>: host mx.example.org[192.0.2.22] said: 550\n"
              "    <a@example.org>: User unknown\n"
              "<b@example.org>: host mx.example.org[192.0.2.22] said: 550 5.2.2\n"
              "    <b@example.org>: Mailbox full (in reply to RCPT TO command)\n\n"
              "--- Original message follows\n\nTo: a@example.org\nSubject: hi\n\nhello\n"),
         {{"a@example.org", "5.0.910", Reason::filtered, BounceClass::policy},
          {"b@example.org", "5.2.2", Reason::mailboxfull, BounceClass::soft}}},
        {"postfix: the SMTP server's transcript is no delivery: its 4xx reply is the failure", "postfix",
         mail("From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: postmaster@mx.example.net\n"
              "Subject: Postfix SMTP server: errors from localhost[127.0.0.1]\n",
              "Transcript of session follows.\n\n"
              " Out: 220 mx.example.net ESMTP\n In:  EHLO mx.example.net\n Out: 250 DSN\n"
              " In:  MAIL FROM:<sender@example.net>\n Out: 250 2.1.0 Ok\n"
              " In:  RCPT TO:<c@example.org>\n Out: 250 2.1.5 Ok\n"
              " In:  DATA\n Out: 354 End data with <CR><LF>.<CR><LF>\n"
              " Out: 451 4.3.0 Error: queue file write error\n In:  QUIT\n Out: 221 2.0.0 Bye\n"),
         {{"c@example.org", "4.3.0", Reason::systemerror, BounceClass::soft}}},
        {"rfc3464: field groups parted by more than one blank line", "rfc3464",
         mail("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.net\nSubject: Delivery Status Notification\n"
              "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b2\"\n",
              "--b2\nContent-Type: text/plain\n\nDelivery failed.\n\n"
              "--b2\nContent-Type: message/delivery-status\n\n"
              "Reporting-MTA: dns; mx.example.net\nArrival-Date: Tue, 13 Oct 2020 11:24:06 +0200\n\n\n"
              "Final-recipient: rfc822; full@example.org\nAction: failed\nStatus: 5.1.1\n"
              "Diagnostic-Code: smtp; 552 5.2.2 Over quota\n\n\n\n--b2--\n"),
         {{"full@example.org", "5.2.2", Reason::mailboxfull, BounceClass::soft}}},
        {"x1: a part's Content-Type folded with its ';' forgotten is still text/plain", "x1",
         mail("From: \"Mail Deliver System\" <MAILER-DAEMON>\nTo: sender@example.net\n"
              "Subject: Returned Mail: User unknown\nContent-Type: multipart/mixed; boundary=\"---b3\"\n",
              "-----b3\nContent-Type: text/plain\n   charset=\"iso-2022-jp\"\n\n"
              "---The following addresses had delivery errors---\n\n"
              "a@example.org [User unknown]\n\n-----b3--\n"),
         {{"a@example.org", "5.0.910", Reason::filtered, BounceClass::policy}}},
        {"sendmail: the local mailer's words before the reply, the inline report's Status", "sendmail",
         mail("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\nTo: sender@example.net\n"
              "Subject: Returned mail: User unknown\n",
              "The original message was received at Thu, 29 Apr 2000 23:34:45 +0900 (JST)\n\n"
              "   ----- The following addresses had permanent fatal errors -----\n<taro@example.net>\n\n"
              "   ----- Transcript of session follows -----\n"
              "mail.local: unknown user: taro\n554 <taro@example.net>... Service unavailable\n\n"
              "Reporting-MTA: dns; mx.example.net\n\n"
              "Final-Recipient: RFC822; <taro@example.net>\nAction: failed\nStatus: 5.5.0\n\n"
              "Subject: hi\n\nhello\n"),
         {{"taro@example.net", "5.5.0", Reason::userunknown, BounceClass::hard}}},
        {"rfc3464: an X-Unix exit code is a mailer error, the transcript's reply gives the code", "rfc3464",
         mail("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\nTo: sender@example.net\n"
              "Subject: Returned mail: see transcript for details\nMIME-Version: 1.0\n"
              "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b4\"\n",
              "--b4\n\n   ----- The following addresses had permanent fatal errors -----\n"
              "\"|/home/taro/catch.pl\"\n    (reason: 255)\n    (expanded from: <taro@example.org>)\n\n"
              "   ----- Transcript of session follows -----\nsomething failed at catch.pl line 1\n"
              "554 5.3.0 unknown mailer error 255\n\n"
              "--b4\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
              "Final-Recipient: RFC822; taro@example.org\nX-Actual-Recipient: X-Unix; |/home/taro/catch.pl\n"
              "Action: failed\nStatus: 5.0.0\nDiagnostic-Code: X-Unix; 255\n\n--b4--\n"),
         {{"taro@example.org", "5.3.0", Reason::mailererror, BounceClass::soft}}},
        {"exim: giving up is temporary; a bare reply at MAIL FROM takes the on-hold code", "exim",
         mail(kDaemonHeaders,
              "This message was created automatically by mail delivery software.\n\n"
              "A message that you sent could not be delivered to one or more of its\n"
              "recipients. This is a permanent error. The following address(es) failed:\n\n"
              "  a@example.org\n    retry timeout exceeded\n"
              "  b@example.org\n"
              "    SMTP error from remote mail server after MAIL FROM:<sender@example.net> SIZE=1024:\n"
              "    host mx.example.org [192.0.2.1]: 551 Server access forbidden by invalid RDNS record of your mail server\n\n"
              "------ This is a copy of the message, including all the headers. ------\n\nSubject: hi\n"),
         {{"a@example.org", "4.0.947", Reason::expired, BounceClass::soft},
          {"b@example.org", "5.0.901", Reason::requireptr, BounceClass::policy}}},
        {"exim: the delay warning's address list", "exim",
         mail("From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: sender@example.net\n"
              "Subject: Warning: message 1abc-2def-33 delayed 24 hours\n",
              "This message was created automatically by mail delivery software.\n"
              "A message that you sent has not yet been delivered to one or more of its\n"
              "recipients after more than 24 hours on the queue on mx.example.net.\n\n"
              "The address to which the message has not yet been delivered is:\n\n"
              "  c@example.org\n    host mx.example.org [192.0.2.2]\n"
              "    Delay reason: SMTP error from remote mail server after RCPT TO:<c@example.org>:\n"
              "    452 4.2.2 Mailbox full\n\n"
              "No action is required on your part.\n"),
         {{"c@example.org", "4.2.2", Reason::mailboxfull, BounceClass::delayed}}},
        {"exim: a recipient listed by its local part, the address in X-Failed-Recipients", "exim",
         mail("From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: sender@example.net\n"
              "X-Failed-Recipients: taro@example.org\nSubject: Mail delivery failed: returning message to sender\n",
              "This message was created automatically by mail delivery software.\n\n"
              "A message that you sent could not be delivered to one or more of its\n"
              "recipients. This is a permanent error. The following address(es) failed:\n\n"
              "  taro\n"
              "    SMTP error from remote mail server after RCPT TO:<taro@example.org>:\n"
              "    host mx.example.org [192.0.2.20]: 550 5.1.1 <taro@example.org>... User unknown\n\n"
              "------ This is a copy of the message, including all the headers. ------\n\nSubject: hi\n"),
         {{"taro@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"mcafee: the appliance's list and its code-less report: 'unknown user' not said to RCPT", "mcafee",
         mail("From: postmaster@mx.example.net\nTo: sender@example.net\nSubject: Delivery Status\n"
              "X-NAI-Header: Modified by McAfee Email Gateway (4500)\nMIME-Version: 1.0\n"
              "Content-Type: multipart/mixed; boundary=\"b5\"\n",
              "--b5\nContent-Type: text/plain; name=\"deliveryproblems.txt\"\n\n"
              "    --- The following addresses had delivery problems ---\n\n"
              "<a@example.org>   (Unknown user a@example.org)\n"
              "<b@example.org>   (5.1.1 <b@example.org>... User unknown)\n\n"
              "--b5\nContent-Type: message/delivery-status; name=\"deliverystatus.txt\"\n\n"
              "Original-Recipient: <a@example.org>\nAction: failed\n"
              "Diagnostic-Code: smtp; 550 Unknown user a@example.org\nRemote-MTA: 192.0.2.192\n\n"
              "Original-Recipient: <b@example.org>\nAction: failed\n"
              "Diagnostic-Code: smtp; 550 5.1.1 <b@example.org>... User unknown\nRemote-MTA: 192.0.2.192\n\n"
              "--b5--\n"),
         {{"a@example.org", "5.0.910", Reason::filtered, BounceClass::policy},
          {"b@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"amazon-ses: a receipt rule's templates, content rejected and temporary failure", "amazon-ses",
         mail("From: MAILER-DAEMON@us-west-2.amazonses.com\nTo: sender@example.net\n"
              "Subject: Delivery Status Notification (Failure)\nX-SES-Outgoing: 2015.10.01-54.240.27.7\n"
              "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b6\"\n",
              "--b6\nContent-Type: text/plain\n\nThis message could not be delivered.\n"
              "--b6\nContent-Type: message/delivery-status\n\n"
              "Reporting-MTA: dns; inbound-smtp.us-west-2.amazonaws.com\n\n"
              "Action: failed\nFinal-Recipient: rfc822; a@example.org\n"
              "Diagnostic-Code: smtp; 500 5.6.1 Message content rejected\nStatus: 5.6.1\n\n"
              "Action: failed\nFinal-Recipient: rfc822; b@example.org\n"
              "Diagnostic-Code: smtp; 450 4.0.0 Temporary failure\nStatus: 4.0.0\n\n--b6--\n"),
         {{"a@example.org", "5.6.1", Reason::spamdetected, BounceClass::policy},
          {"b@example.org", "4.0.0", Reason::onhold, BounceClass::soft}}},
        {"messagelabs: '542 <address> Rejected' is an unknown user", "messagelabs",
         mail("From: MAILER-DAEMON@messagelabs.com\nTo: sender@example.net\nSubject: Mail Delivery Failure\n"
              "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b7\"\n",
              "--b7\nContent-Type: text/plain\n\n"
              "This is the mail delivery agent at Symantec Email Security.cloud.\n\n"
              "I was unable to deliver your message to the following addresses:\n\n"
              "a@example.org\n\nReason: 542 a@example.org Rejected\n\n"
              "--b7\nContent-Type: message/delivery-status\n\n"
              "Reporting-MTA: dns; server-00.bemta-0.messagelabs.com\n\n"
              "Action: failed\nFinal-Recipient: rfc822; a@example.org\n\n--b7--\n"),
         {{"a@example.org", "5.0.911", Reason::userunknown, BounceClass::hard}}},
        {"exim: a reply wrapped so that the address starts a line is not a second recipient", "exim",
         mail(kDaemonHeaders,
              "This message was created automatically by mail delivery software.\n\n"
              "A message that you sent could not be delivered to one or more of its\n"
              "recipients. This is a permanent error. The following address(es) failed:\n\n"
              "  d@example.org\n"
              "    SMTP error from remote mail server after RCPT TO:<d@example.org>:\n"
              "    host mx.example.org [192.0.2.17]: 550 5.1.1 unknown or illegal alias:\n"
              "    d@example.org\n\n"
              "------ This is a copy of the message, including all the headers. ------\n\nSubject: hi\n"),
         {{"d@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"rfc3464: no Diagnostic-Code; the address alone in the list says nothing, the transcript does", "rfc3464",
         mail("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\nTo: sender@example.net\n"
              "Subject: Returned mail: see transcript for details\nMIME-Version: 1.0\n"
              "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b8\"\n",
              "--b8\n\n   ----- The following addresses had permanent fatal errors -----\n<e@example.org>\n\n"
              "   ----- Transcript of session follows -----\n"
              "<e@example.org>... Deferred: Connection refused by mx.example.org.\n"
              "Message could not be delivered for 8 hours\n\n"
              "--b8\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
              "Final-Recipient: RFC822; e@example.org\nAction: failed\nStatus: 4.4.7\n\n--b8--\n"),
         {{"e@example.org", "4.4.7", Reason::blocked, BounceClass::policy}}},
    };
    return all;
}


}  // namespace

TEST_CASE("formats_dec2: MTA decoders that read their own sentences give recipients, status, reason and class", "[classify]") {
    check_lf_and_crlf(cases());
}
