// The boundary between a bounce and the message it returns: whatever the returned
// copy holds (version numbers, "virus", quoted SMTP replies, more addresses, an
// X-Virus-Scanned header, even a delivery report of its own), the verdict is the
// bounce's. Each layout carries the same adversarial original and the same real
// failure (a full mailbox), LF and CRLF.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "classify/parse/returned_message.h"
#include "format_cases.h"

using classify::BounceClass;
using classify::Reason;
using format_cases::with_crlf;

namespace {

// A newsletter issue that has everything the bounce's own parts must not be
// confused with.
const std::string kTrapHeaders =
    "Return-Path: <bounces+alice=example.org@list.example>\n"
    "Received: from mx.list.example (mx.list.example [192.0.2.10])\n"
    "\tby mx.example.org (Postfix 3.7.2) with ESMTPS id 4Xk9\n"
    "From: Weekly <news@list.example>\n"
    "To: alice@example.org\n"
    "Cc: carol@example.com, \"Dave\" <dave@example.net>\n"
    "Subject: Virus season: 550 5.1.1 user unknown explained\n"
    "Message-ID: <issue-7@list.example>\n"
    "List-Id: Weekly <weekly.list.example>\n"
    "X-Mailman-Version: 2.1.12rc2\n"
    "User-Agent: wxPython/2.3.0\n"
    "X-Virus-Scanned: clamav-milter 0.103.8 at mx.list.example\n"
    "X-Spam-Status: Yes, score=9.1 blocked\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain\n";

const std::string kTrapBody =
    "Hello,\n\n"
    "> 550 5.1.1 <bob@example.com>... User unknown\n"
    "> 554 5.7.1 Message rejected: virus detected (Eicar-Test-Signature)\n"
    "frank@example.net: 550 5.1.1 mailbox unavailable\n\n"
    "Reporting-MTA: dns; mx.example.com\n\n"
    "Final-Recipient: rfc822; eve@example.net\n"
    "Action: delivered\n"
    "Status: 2.0.0\n\n"
    "Write to abuse@list.example. Version 2.3.0 is out.\n";

const std::string kTrapOriginal = kTrapHeaders + "\n" + kTrapBody;

const std::string kBounceHeaders =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
    "To: bounces+alice=example.org@list.example\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Date: Tue, 11 Jun 2024 18:02:02 +0900\n"
    "Message-Id: <bounce-1@mx.example.net>\n";

std::string mail(const std::string& body, const std::string& extra_headers = "") {
    return kBounceHeaders + extra_headers + "\n" + body;
}

struct Layout {
    const char* name;
    std::string format;
    std::string bytes;
};

const std::vector<Layout>& layouts() {
    static const std::vector<Layout> all = {
        {"a DSN returning the whole message", "rfc3464",
         mail("--B\nContent-Type: text/plain\n\nI could not deliver your message.\n\n"
              "--B\nContent-Type: message/delivery-status\n\n"
              "Reporting-MTA: dns; mx.example.net\n\n"
              "Final-Recipient: rfc822; alice@example.org\n"
              "Action: failed\nStatus: 5.2.2\n"
              "Diagnostic-Code: smtp; 552 5.2.2 <alice@example.org>: Mailbox full\n\n"
              "--B\nContent-Type: message/rfc822\n\n" + kTrapOriginal + "\n--B--\n",
              "MIME-Version: 1.0\n"
              "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n")},
        {"a DSN returning a message that is itself a delivery report", "rfc3464",
         mail("--B\nContent-Type: text/plain\n\nI could not deliver your message.\n\n"
              "--B\nContent-Type: message/delivery-status\n\n"
              "Reporting-MTA: dns; mx.example.net\n\n"
              "Final-Recipient: rfc822; alice@example.org\n"
              "Action: failed\nStatus: 5.2.2\n"
              "Diagnostic-Code: smtp; 552 5.2.2 <alice@example.org>: Mailbox full\n\n"
              "--B\nContent-Type: message/rfc822\n\n" +
                  kTrapHeaders.substr(0, kTrapHeaders.find("Content-Type:")) +
                  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"I\"\n\n"
                  "--I\nContent-Type: text/plain\n\n" + kTrapBody +
                  "--I\nContent-Type: message/delivery-status\n\n"
                  "Reporting-MTA: dns; mx.example.com\n\n"
                  "Final-Recipient: rfc822; eve@example.net\nAction: failed\nStatus: 5.7.1\n"
                  "Diagnostic-Code: smtp; 554 5.7.1 virus detected\n\n"
                  "--I--\n"
                  "\n--B--\n",
              "MIME-Version: 1.0\n"
              "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n")},
        {"a Postfix notice whose MIME boundary was lost", "postfix",
         mail("This is the mail system at host mx.example.net.\n\n"
              "I'm sorry to have to inform you that your message could not\n"
              "be delivered to one or more recipients.\n\n"
              "                   The mail system\n\n"
              "<alice@example.org>: host mx.example.org[192.0.2.1] said: 552 5.2.2\n"
              "    <alice@example.org>: Mailbox full (in reply to RCPT TO command)\n\n"
              "Content-Description: Undelivered Message\n"
              "Content-Type: message/rfc822\n\n" + kTrapOriginal)},
        {"a Postfix notice with the original right after it, no separator", "postfix",
         mail("This is the mail system at host mx.example.net.\n\n"
              "                   The mail system\n\n"
              "<alice@example.org>: host mx.example.org[192.0.2.1] said: 552 5.2.2\n"
              "    <alice@example.org>: Mailbox full (in reply to RCPT TO command)\n\n" + kTrapOriginal)},
        {"a qmail-send notice", "qmail",
         mail("Hi. This is the qmail-send program at mx.example.net.\n"
              "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
              "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
              "<alice@example.org>:\n"
              "192.0.2.1 does not like recipient.\n"
              "Remote host said: 552 5.2.2 <alice@example.org>: Mailbox full\n"
              "Giving up on 192.0.2.1.\n\n"
              "--- Below this line is a copy of the message.\n\n" + kTrapOriginal)},
        {"an Exim notice", "exim",
         mail("This message was created automatically by mail delivery software.\n\n"
              "A message that you sent could not be delivered to one or more of its\n"
              "recipients. This is a permanent error. The following address(es) failed:\n\n"
              "  alice@example.org\n"
              "    host mx.example.org [192.0.2.1]\n"
              "    SMTP error from remote mail server after RCPT TO:<alice@example.org>:\n"
              "    552 5.2.2 <alice@example.org>: Mailbox full\n\n"
              "------ This is a copy of the message, including all the headers. ------\n\n" + kTrapOriginal)},
        {"a Sendmail notice without MIME", "sendmail",
         mail("The original message was received at Tue, 11 Jun 2024 18:01:00 +0900\n"
              "from mx.list.example [192.0.2.10]\n\n"
              "   ----- The following addresses had permanent fatal errors -----\n"
              "<alice@example.org>\n"
              "    (reason: 552 5.2.2 <alice@example.org>... Mailbox full)\n\n"
              "   ----- Transcript of session follows -----\n"
              "... while talking to mx.example.org.:\n"
              ">>> RCPT To:<alice@example.org>\n"
              "<<< 552 5.2.2 <alice@example.org>... Mailbox full\n\n"
              "   ----- Original message follows -----\n\n" + kTrapOriginal)},
    };
    return all;
}

void check_keeps_the_bounce_verdict(const Layout& layout, const std::string& bytes) {
    INFO(layout.name);
    auto report = classify::classify_message(bytes);
    CHECK(report.format == layout.format);
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients.front();
    INFO("diagnostic: " << r.diagnostic << " rule: " << r.rule);
    CHECK(r.recipient == "alice@example.org");
    CHECK(r.status == "5.2.2");
    CHECK(r.reason == Reason::mailboxfull);
    CHECK(r.bounce_class == BounceClass::soft);
    CHECK(r.diagnostic.find("virus") == std::string::npos);
    CHECK(r.diagnostic.find("2.1.12") == std::string::npos);
    // What the returned copy may give: the send it answers.
    CHECK(report.original.message_id == "<issue-7@list.example>");
    CHECK(report.original.list_id == "Weekly <weekly.list.example>");
    CHECK(report.verp_recipient == "alice@example.org");
}

}  // namespace

TEST_CASE("returned_message: the returned copy never changes the bounce's verdict or recipients", "[classify]") {
    for (const auto& layout : layouts()) {
        check_keeps_the_bounce_verdict(layout, layout.bytes);
        check_keeps_the_bounce_verdict(layout, with_crlf(layout.bytes));
    }
}

TEST_CASE("returned_message: a recipient whose address says virus is not a virus", "[classify]") {
    auto report = classify::classify_message(mail(
        "This is the mail system at host mx.example.net.\n\n"
        "<virus.alerts@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n"
        "    <virus.alerts@example.org>: Recipient address rejected: User unknown in\n"
        "    local recipient table (in reply to RCPT TO command)\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "virus.alerts@example.org");
    CHECK(report.recipients[0].reason == Reason::userunknown);
    CHECK(report.recipients[0].bounce_class == BounceClass::hard);
}

TEST_CASE("returned_message: the copy starts after the separator line, whatever the MTA", "[classify]") {
    using classify::returned_message_start;
    const std::string notice = "<a@example.org>: 550 5.1.1 User unknown\n";
    for (const char* separator :
         {"--- Below this line is a copy of the message.", "------ This is a copy of the message's headers. ------",
          "   ----- Original message follows -----", "Below is a copy of the original message:",
          "Original message headers:", "------- Returned Message --------", "-----Original Message-----"}) {
        INFO(separator);
        const std::string text = notice + "\n" + separator + "\n\nSubject: hi\n";
        CHECK(returned_message_start(text) == notice.size() + 1 + std::string(separator).size() + 1);
    }
    // A transcript and Sendmail's opening line are the bounce's own.
    CHECK(returned_message_start("The original message was received at today\n" + notice) == std::string::npos);
    CHECK(returned_message_start(notice + "   ----- Transcript of session follows -----\n<<< 550 no\n") ==
          std::string::npos);
}

TEST_CASE("returned_message: an inline header block starts the copy when no separator does", "[classify]") {
    const std::string notice = "Delivery failed.\n<a@example.org>: 550 5.1.1 User unknown\n\n";
    CHECK(classify::returned_message_start(notice + kTrapOriginal) == notice.size());
    // One header-looking line in prose is no block.
    CHECK(classify::returned_message_start("To: a@example.org\nwas not reached.\n") == std::string::npos);
}

TEST_CASE("returned_message: a copy's header block may open with any field its sender wrote first",
          "[classify]") {
    const std::string notice = "Delivery failed.\n<a@example.org>: 552 5.2.2 Mailbox full\n\n";
    for (const char* first : {"Cc: carol@example.com, Dave <dave@example.net>\n", "Sender: news@list.example\n",
                              "In-Reply-To: <w6@list.example>\n", "Authentication-Results: mx.list.example; spf=pass\n",
                              "Content-Type: text/plain; charset=utf-8\n"}) {
        INFO(first);
        const std::string copy = std::string(first) + "Cc: carol@example.com\n" + kTrapOriginal;
        CHECK(classify::returned_message_start(notice + copy) == notice.size());
        // The Cc stays in the copy: no recipient is read from it.
        auto report = classify::classify_message(mail(notice + copy));
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "a@example.org");
    }
}

TEST_CASE("returned_message: the DragonFly Mail Agent's 'Message headers follow.' starts the copy", "[classify]") {
    const std::string notice =
        "This is the DragonFly Mail Agent v0.13 at mx.example.net.\n\n"
        "There was an error delivering your mail to <a@example.org>.\n\n"
        "DNS lookup failure: host example.org not found\n\n";
    const std::string separator = "Message headers follow.\n";
    CHECK(classify::returned_message_start(notice + separator + "\n" + kTrapOriginal) ==
          notice.size() + separator.size());
}
