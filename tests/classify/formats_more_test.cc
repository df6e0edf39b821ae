// Less common MTA and gateway layouts (Active!hunter, Apache James, Domino, Exchange 2007, fml,
// m-FILTER, SurfControl, Verizon, the wrapping and the "error(s):" gateways), and
// mail-system notices that carry auto-reply headers. Each case is a small bounce
// written for the test in the layout's wording; every case runs with LF and CRLF.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "format_cases.h"

using namespace format_cases;

namespace {

const std::string kMultipartReport =
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n";

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"activehunter: '>>>' address line and a bare reply under the transcript heading", "activehunter",
         "From: \"MAILER-DAEMON\" <MAILER-DAEMON@gw.example.org>\nTo: news@example.net\n"
         "Subject: FAILURE NOTICE : hello\nX-AHMAILID: 20240611T100000+0900-0001\n" + kMultipartReport +
             "\n--b1\nContent-Type: text/plain\n\n"
             "  ----- The following addresses had permanent fatal errors -----\n\n"
             ">>> gone@example.org <gone@example.org>\n\n"
             "  ----- Transcript of session follows -----\n"
             "550 sorry, no mailbox here by that name (#5.1.1 - chkusr)\n\n"
             "--b1\nContent-Type: message/rfc822\n\nTo: gone@example.org\nSubject: hello\n\nhi\n--b1--\n",
         {{"gone@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"apache james: the reply under 'Error message below:', the recipient in the details", "apache-james",
         "From: postmaster@james.example.org\nTo: news@example.net\nSubject: [BOUNCE]\n\n"
         "Error: Invalid user address\n\nError message below:\n"
         "552 - Requested mail action aborted: exceeded storage allocation\n\n"
         "Message details:\n  Subject: hello\n  MAIL FROM: news@example.net\n  RCPT TO: full@example.org\n"
         "  Size (in bytes): 39\n",
         {{"full@example.org", "5.0.922", Reason::mailboxfull, BounceClass::soft}}},
        {"verizon text gateway: James's layout, 'no such user here' is an unknown number", "apache-james",
         "From: post_master@vtext.com\nTo: news@example.net\nSubject: Re: hello\n\n"
         "Error: Invalid user address\n\nError message below:\n"
         "550 - Requested action not taken: no such user here\n\n"
         "Message details:\n  Subject: hello\n  MAIL FROM: news@example.net\n  RCPT TO: 5555550100@vtext.com\n",
         {{"5555550100@vtext.com", "5.0.911", Reason::userunknown, BounceClass::hard}}},
        {"verizon mms gateway: 'No valid recipients for this MM'", "verizon",
         "From: MMSC NDR Administrator <sysadmin@m01.vzwpix.com>\nTo: news@example.net\n"
         "Subject: Undeliverable Message\n\n"
         "Message could not be delivered to mobile.\nError: No valid recipients for this MM\n\n\n"
         "Original Message:\nFrom: News <news@example.net>\nTo: 5555550100@vzwpix.com\nSubject: hello\n",
         {{"5555550100@vzwpix.com", "5.0.911", Reason::userunknown, BounceClass::hard}}},
        {"domino: 'not listed in Domino Directory' is an unknown user", "domino",
         "From: Postmaster@example.org\nTo: news@example.net\n"
         "Subject: DELIVERY FAILURE: User Some Name (who@example.org) not listed in\n\n"
         "Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  who@example.org\n\n"
         "because:\n\n  User Some Name (who@example.org) not listed in Domino Directory\n\n",
         {{"who@example.org", "5.0.911", Reason::userunknown, BounceClass::hard}}},
        {"fml: a post from a non-member is rejected", "fml",
         "From: list-admin@example.org\nTo: news@example.net\n"
         "Subject: You news@example.net are not member (list ML)\nX-MLServer: fml [fml 4.0.3 release]\n\n"
         "You are not a member of this mailing list <list@example.org>.\n\n"
         "If you know the general guide of this list, please send mail with\nthe mail body\n\n\tguide\n",
         {{"list@example.org", "5.0.918", Reason::rejected, BounceClass::policy}}},
        {"m-filter: the recipient line, the server message and the command", "mfilter",
         "From: Mail Delivery Subsystem <MAILER-DAEMON@gw.example.org>\nTo: news@example.net\n"
         "Subject: failure notice\nX-Mailer: m-FILTER\n"
         "Content-Type: text/plain; charset=UTF-8\n\n"
         "\xE4\xBB\xA5\xE4\xB8\x8B\xE3\x81\xAE\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE3\x82\xA2\xE3\x83\x89"
         "\xE3\x83\xAC\xE3\x82\xB9\xE3\x81\xB8\xE3\x81\xAE\xE9\x80\x81\xE4\xBF\xA1\xE3\x81\xAB\xE5\xA4\xB1"
         "\xE6\x95\x97\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\n"
         "full@example.org\n\n\n-------server message\n552 5.2.2 <full@example.org>: Mailbox full\n\n"
         "-------SMTP command\nRCPT\n\n-------original message\nTo: other@example.org\nSubject: hi\n\nhello\n",
         {{"full@example.org", "5.2.2", Reason::mailboxfull, BounceClass::soft}}},
        {"surfcontrol: the transcript decides, the DSN after blank lines gives the status", "surfcontrol",
         "From: <>\nTo: news@example.net\nSubject: X\nX-SEF-Processed: 0_0_0_000__2024_06_11\n"
         "X-Mailer: SurfControl E-mail Filter\n" + kMultipartReport +
             "\n--b1\nContent-Type: text/plain;\n\n"
             "Your message could not be sent.\nA transcript of the attempts to send the message follows.\n"
             "The number of attempts made: 1\nAddressed To: full@example.org\n\n"
             "Tue 11 Jun 2024 10:00:00 +0900\nFailed to send to identified host,\n"
             "full@example.org: [192.0.2.5], 552 Mailbox full\n--- Message non-deliverable.\n\n"
             "--b1\nContent-Type: message/delivery-status;\n\n\n"
             "Action: failed\nFinal-Recipient: rfc822;full@example.org\n"
             "Diagnostic-Code: smtp; 552 Mailbox full\nStatus: 5.0.0\n\n\n--b1--\n",
         {{"full@example.org", "5.0.0", Reason::mailboxfull, BounceClass::soft}}},
        {"x5: the real report is attached to the gateway's notice", "x5",
         "From: Mail Delivery Subsystem <MAILER-DAEMON@gw.example.org>\n"
         "To: \"NotificationRecipients\" <NotificationRecipients@gw.example.org>\nSubject: Returned mail\n"
         "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n"
         "--outer\nContent-Type: text/plain\n\n"
         "----- The following addresses had permanent delivery errors -----\n\n"
         "--outer\nContent-Type: message/rfc822\n\n"
         "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\nSubject: Returned mail: User unknown\n" +
             kMultipartReport +
             "\n--b1\nContent-Type: text/plain\n\nThe following addresses had permanent delivery errors\n"
             "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
             "Final-Recipient: RFC822; gone@example.org\nAction: failed\nStatus: 5.1.1\n"
             "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
             "--b1\nContent-Type: message/rfc822\n\nTo: gone@example.org\nSubject: hi\n\nhello\n--b1--\n"
             "--outer--\n",
         {{"gone@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"exchange2007: the component code decides over the words", "exchange2007",
         "From: postmaster@ex.example.org\nTo: news@example.net\nSubject: Undeliverable: hello\n" + kMultipartReport +
             "\n--b1\nContent-Type: text/plain\n\nDelivery has failed to these recipients or distribution lists:\n\n"
             "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;ex.example.org\n\n"
             "Final-Recipient: rfc822;closed@example.org\nAction: failed\nStatus: 5.7.1\n"
             "Diagnostic-Code: smtp;550 5.7.1 RESOLVER.RST.AuthRequired; authentication required\n\n"
             "Final-Recipient: rfc822;big@example.org\nAction: failed\nStatus: 5.2.3\n"
             "Diagnostic-Code: smtp;550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient\n\n"
             "--b1--\n",
         {{"closed@example.org", "5.7.1", Reason::securityerror, BounceClass::policy},
          {"big@example.org", "5.2.3", Reason::exceedlimit, BounceClass::soft}}},
        {"x6: 'N error(s):' then one sentence per refused recipient", "x6",
         "From: mailer-daemon\nTo: news@example.net\nSubject: There was an error sending your mail\n"
         "Auto-Submitted: auto-replied\n\n"
         "We had trouble delivering your message. Full details follow:\n\n"
         "Subject: 'hello'\n\n1 error(s):\n\n"
         "SMTP Server <mx.example.org> rejected recipient <gone@example.org> (Error following RCPT command). "
         "It responded as follows: [550 5.1.1 User unknown]\n\n"
         "The attachment contains the original mail headers.\n",
         {{"gone@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
    };
    return all;
}


}  // namespace

TEST_CASE("formats_more: each layout gives its recipients, status, reason and class", "[classify]") {
    check_lf_and_crlf(cases());
}

TEST_CASE("formats_more: auto-replied notices from a mail daemon are never vacation replies", "[classify][autoreply]") {
    for (const char* from : {"Mail Delivery System <Mailer-Daemon@mx.example.org>", "MAILER-DAEMON@mx.example.org",
                             "mailer-daemon", "Postmaster <POSTMASTER@example.org>"}) {
        INFO(from);
        auto report = classify::classify_message(std::string("From: ") + from +
                                                 "\nTo: news@example.net\nSubject: Warning: message delayed\n"
                                                 "Auto-Submitted: auto-replied\n\n"
                                                 "This message was created automatically by mail delivery software.\n"
                                                 "A message that you sent has not yet been delivered.\n");
        CHECK(report.format != "rfc3834");
        for (const auto& r : report.recipients) CHECK(r.reason != Reason::vacation);
    }
}

TEST_CASE("formats_more: a delivery report with auto-reply headers is not a vacation reply", "[classify][autoreply]") {
    auto report = classify::classify_message(
        "From: Mail Delivery System <bounces@mx.example.org>\nTo: news@example.net\nSubject: Out of office\n"
        "Auto-Submitted: auto-replied\n" + kMultipartReport +
        "\n--b1\nContent-Type: text/plain\n\nDelivery failed.\n"
        "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
        "Final-Recipient: rfc822; gone@example.org\nAction: failed\nStatus: 5.1.1\n\n--b1--\n");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "gone@example.org");
    CHECK(report.recipients[0].reason == Reason::userunknown);
}
