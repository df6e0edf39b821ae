// The generic path: bounces from MTAs with no decoder here, in the layouts many MTAs
// share (classify/parse/notice_recipients.h). Each message is written for the test
// in the general shape of such notices; the returned copies carry traps (addresses,
// reply lines, headings) that must not become recipients or verdicts.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/classifier.h"
#include "format_cases.h"

namespace {

using classify::BounceClass;
using classify::Reason;

std::string bounce(const std::string& subject, const std::string& body) {
    return "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>\n"
           "To: bounces@list.example\n"
           "Subject: " + subject + "\n"
           "Date: Tue, 11 Jun 2024 18:02:02 +0900\n"
           "Message-Id: <notice-1@relay.example.net>\n\n" + body;
}

// A returned copy that holds every trap of issue 12 item 1.
const std::string kTrappedOriginal =
    "Received: from list.example by relay.example.net\n"
    "Message-ID: <weekly-7@list.example>\n"
    "From: Garden club <news@list.example>\n"
    "To: hanako@example.org\n"
    "Cc: victim@example.com\n"
    "Subject: weekly\n"
    "X-Mailman-Version: 2.1.12rc2\n"
    "X-Virus-Scanned: clean\n"
    "\n"
    "----- The following addresses had permanent fatal errors -----\n"
    "other@example.com\n"
    "550 5.1.1 <quoted@example.com>... User unknown\n"
    "Failed recipient: third@example.com\n";

std::vector<std::string> recipients_of(const classify::Report& report) {
    std::vector<std::string> out;
    for (const auto& r : report.recipients) out.push_back(r.recipient);
    return out;
}

}  // namespace

TEST_CASE("generic: a heading, the list under it, and each reason on the lines below", "[classify]") {
    using format_cases::Case;
    using format_cases::Expected;
    const std::vector<Case> cases = {
        {"a framed heading, its list with the reason below, then a transcript", "free-text",
         bounce("Returned mail: see transcript for details",
                "The original message was received at Tue, 11 Jun 2024 18:01:00 +0900\n"
                "from list.example [192.0.2.10]\n\n"
                "   ----- The following recipients could not be delivered to -----\n"
                "<hanako@example.org>\n"
                "    (reason: 550 5.1.1 <hanako@example.org>... User unknown)\n\n"
                "   ----- Session transcript -----\n"
                "... while talking to mx.example.org.:\n"
                ">>> RCPT To:<hanako@example.org>\n"
                "<<< 550 5.1.1 <hanako@example.org>... User unknown\n\n"
                "   ----- Original message follows -----\n" + kTrappedOriginal),
         {{"hanako@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"a list of two with indented reasons; the echoed To is no recipient", "free-text",
         bounce("Undeliverable: weekly",
                "Your message\n\n  To:      news-echo@example.com\n  Subject: weekly\n"
                "  Sent:    Tue, 11 Jun 2024 18:01:00 +0900\n\n"
                "was not delivered to the following recipients:\n\n"
                "taro@example.jp on Tue, 11 Jun 2024 18:01:05 +0900\n"
                "    The recipient's mailbox is full and can't accept messages now\n"
                "jiro@example.jp on Tue, 11 Jun 2024 18:01:05 +0900\n"
                "    550 5.1.1 The e-mail account does not exist at the organization this message was sent to\n\n"),
         {{"taro@example.jp", "5.0.922", Reason::mailboxfull, BounceClass::soft},
          {"jiro@example.jp", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"bulleted list, the reply under technical details after it", "free-text",
         bounce("Delivery status notification",
                "Delivery to the following recipients failed permanently:\n\n"
                "   * hanako@example.org\n\n"
                "Technical details:\n\n"
                "SMTP:RCPT host 192.0.2.8: 553 5.1.1 <hanako@example.org>... Mailbox unavailable\n\n"
                "----- Original message -----\n" + kTrappedOriginal),
         {{"hanako@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"a list whose details are one block about the only recipient", "free-text",
         bounce("Delivery failure",
                "Delivery to the following address failed:\n"
                "taro@example.jp\n\n"
                "   --- Error details ---\n"
                "The recipient's mailbox is full.\n"),
         {{"taro@example.jp", "5.0.922", Reason::mailboxfull, BounceClass::soft}}},
        {"French heading with an X.400 address and a user@#host one", "free-text",
         bounce("Non remis",
                "Votre message n'a pas pu \xC3\xAAtre remis aux destinataires suivants :\n\n"
                "  - c=FR;a= ;p=Example;o=MAIL;dda:SMTP=claire@example.fr; 550 5.1.1 unknown user\n"
                "  - paul@#example.fr: 552 5.2.2 mailbox full\n"),
         {{"claire@example.fr", "5.1.1", Reason::userunknown, BounceClass::hard},
          {"paul@example.fr", "5.2.2", Reason::mailboxfull, BounceClass::soft}}},
    };
    format_cases::check_lf_and_crlf(cases);
}

TEST_CASE("generic: transcript error lines, each with the reply and command before it", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Returned mail: User unknown",
        "   ----- Transcript of session follows -----\n"
        "While talking to mx.example.org:\n"
        ">>> RCPT To:<hanako@example.org>\n"
        "<<< 550 Requested mailbox not found\n"
        "550 <hanako@example.org>... User unknown\n"
        "554 <jiro@example.jp>... 550 Host unknown (Authoritative answer from name server)\n"
        "421 mx.example.com (smtp)... Deferred: Connection timed out\n\n"
        "   ----- Unsent message follows -----\n" + kTrappedOriginal));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org", "jiro@example.jp"});
    CHECK(report.recipients[0].smtp_command == "RCPT");
    CHECK(report.recipients[0].reason == Reason::userunknown);
    CHECK(report.recipients[0].reply_code == 550);
    CHECK(report.recipients[1].reason == Reason::hostunknown);
    CHECK(report.recipients[1].reply_code == 550);
}

TEST_CASE("generic: a receiver quoted saying '550 <sender>... Access denied' names no recipient", "[classify]") {
    auto report = classify::classify_message(bounce(
        "failure notice",
        "We could not deliver your message.\n\n"
        "Remote host said: 550 5.7.1 <news@list.example>... Access denied\n\n"
        "----- Original message follows -----\n" + kTrappedOriginal));
    for (const auto& r : report.recipients) CHECK(r.recipient != "news@list.example");
}

TEST_CASE("generic: recipient and failure labels", "[classify]") {
    SECTION("a failure named by the label, the reason on the line below") {
        auto report = classify::classify_message(bounce(
            "Delivery failure",
            "Your mail sent on: Tue, 11 Jun 2024 18:01:00 +0900\n"
            "     Unable to deliver to: <taro@example.jp>\n"
            "     Reason: the recipient's mailbox is full.\n\n"
            "Original message follows.\n\n" + kTrappedOriginal));
        REQUIRE(recipients_of(report) == std::vector<std::string>{"taro@example.jp"});
        CHECK(report.recipients[0].reason == Reason::mailboxfull);
    }
    SECTION("a role label alone takes the notice's paragraph with the reply") {
        auto report = classify::classify_message(bounce(
            "Delivery failure",
            "Error: your message could not be delivered.\n\n"
            "Remote server reply:\n550 5.1.1 Requested action not taken: mailbox unavailable\n\n"
            "Message details:\n"
            "  MAIL FROM: news@list.example\n"
            "  RCPT TO: hanako@example.org\n"
            "  Reply-To: help@list.example\n"
            "  Message-ID: <weekly-7@list.example>\n"));
        REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
        CHECK(report.recipients[0].status == "5.1.1");
        CHECK(report.recipients[0].bounce_class == BounceClass::hard);
    }
    SECTION("the returned message's sender under a label of its own is no recipient") {
        auto report = classify::classify_message(bounce(
            "Undeliverable",
            "Original sender address: news@list.example\n"
            "Failed recipient: hanako@example.org\n"
            "Reason: 550 5.1.1 user unknown\n\n"
            "----- Original message -----\n"
            "From: news@list.example\nTo: hanako@example.org\nSubject: weekly\nMessage-ID: <w@list.example>\n\nhi\n"));
        REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
        CHECK(report.recipients[0].status == "5.1.1");
    }
}

TEST_CASE("generic: nothing in the returned copy becomes a recipient", "[classify]") {
    // The notice names no recipient of its own; the copy is full of layouts that would.
    auto report = classify::classify_message(bounce(
        "Undelivered Mail",
        "Your message could not be delivered.\n\n"
        "----- Original message follows -----\n" + kTrappedOriginal));
    for (const auto& r : report.recipients) {
        CHECK(r.recipient != "other@example.com");
        CHECK(r.recipient != "quoted@example.com");
        CHECK(r.recipient != "third@example.com");
        CHECK(r.recipient != "victim@example.com");
        CHECK(r.recipient != "news@list.example");
    }
}

TEST_CASE("generic: a postmaster listed as a recipient is one, the bounce's own sender is not", "[classify]") {
    auto report = classify::classify_message(
        "From: postmaster@relay.example.net\nTo: bounces@list.example\nSubject: Returned mail\n\n"
        "   ----- The following recipients could not be delivered to -----\n"
        "postmaster@example.jp: 550 5.1.1 unknown user\n"
        "postmaster@relay.example.net: 550 5.1.1 unknown user\n");
    REQUIRE(recipients_of(report) == std::vector<std::string>{"postmaster@example.jp"});
}

TEST_CASE("generic: a list under a heading in mail that is no bounce is not read", "[classify]") {
    auto report = classify::classify_message(
        "From: Hanako <hanako@example.org>\nTo: news@list.example\nSubject: our meeting\n\n"
        "Please invite the following addresses:\n\n* jiro@example.jp\n* taro@example.jp\n");
    CHECK(report.outcome == classify::Outcome::not_bounce);
    CHECK(report.recipients.empty());
}

TEST_CASE("generic: a list whose heading sentence goes on before the first entry", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Delivery failure",
        "Hello, this is the mail relay at relay.example.net.\n"
        "Your message could not be sent to the following addresses.\n"
        "This is a permanent error. Sorry.\n\n"
        "<hanako@example.org>:\n"
        "mx.example.org does not like recipient.\n"
        "Remote host said: 550 5.7.1 <news@list.example>... Access denied\n\n"
        "<taro@example.jp>:\n"
        "Remote host said: 552 5.2.2 Mailbox full\n\n"
        "--- Below this line is a copy of the message.\n\n" + kTrappedOriginal));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org", "taro@example.jp"});
    CHECK(report.format == "free-text");
    CHECK(report.recipients[1].reason == Reason::mailboxfull);
}

TEST_CASE("generic: an entry whose address stands behind a label inside the line", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Delivery Status Notification (Failure)",
        "----- Permanent errors for the following recipients -----\n"
        "[Result: Failed, Recipient: <hanako@example.org>, Reply 550, 5.1.1 mailbox unavailable]\n\n"));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
    CHECK(report.recipients[0].status == "5.1.1");
    CHECK(report.recipients[0].bounce_class == BounceClass::hard);
}

TEST_CASE("generic: a sentence stating the failure names the one recipient, the next paragraph why", "[classify]") {
    auto message = [](const std::string& to) {
        return "From: MAILER-DAEMON <>\nTo: news@list.example\nSubject: Mail delivery failed\n"
               "Message-Id: <n-1@relay.example.net>\n\n"
               "There was an error delivering your mail to <" + to + ">.\n\n"
               "DNS lookup failure: host example.org not found\n\n"
               "Message headers follow.\n\n"
               "From: news@list.example\nTo: " + to + "\nSubject: weekly\nMessage-ID: <w-1@list.example>\n";
    };
    auto report = classify::classify_message(message("postmaster@example.org"));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"postmaster@example.org"});
    CHECK(report.recipients[0].reason == Reason::hostunknown);
    // The reporting side's own postmaster is whom to ask, never the recipient.
    CHECK(classify::classify_message(message("postmaster@relay.example.net")).recipients.empty());
}

TEST_CASE("generic: an address offered for questions is no recipient", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Undelivered Mail",
        "Your message could not be delivered: 550 5.1.1 mailbox unavailable.\n\n"
        "For assistance, please contact help@isp.example.com.\n"));
    for (const auto& r : report.recipients) CHECK(r.recipient != "help@isp.example.com");
}

TEST_CASE("generic: a plain-subject notice that returns the message and says delivery failed", "[classify]") {
    auto message = [](const std::string& notice) {
        return "From: no-reply@mail.example.net\nTo: news@list.example\nSubject: Mail\n"
               "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n"
               "--b1\nContent-Type: text/plain; charset=us-ascii\n\n" + notice +
               "\n--b1\nContent-Type: message/rfc822\n\n"
               "From: news@list.example\nTo: hanako@example.org\nSubject: weekly\nMessage-ID: <w-2@list.example>\n\n"
               "Failed recipient: victim@example.com\n--b1--\n";
    };
    auto report = classify::classify_message(message(
        "Your mail sent on: Tue, 11 Jun 2024 18:01:00 +0900\n"
        "     Could not be delivered to: <hanako@example.org>\n"
        "     As their mailbox is full.\n"));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
    CHECK(report.recipients[0].reason == Reason::mailboxfull);
    // A message forwarded with the same attachment and no failure in its words is no bounce.
    auto forwarded = classify::classify_message(message("Have a look at the message below:\n hanako@example.org\n"));
    CHECK(forwarded.outcome == classify::Outcome::not_bounce);
}

TEST_CASE("generic: the daemon's name written with a separator is the daemon", "[classify]") {
    auto report = classify::classify_message(
        "From: post_master@sms.example.com\nTo: news@list.example\nSubject: Re: weekly\n\n"
        "Error: Invalid user address\n\n"
        "The server answered:\n550 - Requested action not taken: no such user here\n\n"
        "Details:\n  MAIL FROM: news@list.example\n  RCPT TO: 0123456789@sms.example.com\n"
        "  From: news@list.example\n");
    REQUIRE(recipients_of(report) == std::vector<std::string>{"0123456789@sms.example.com"});
    CHECK(report.format == "free-text");
    CHECK(report.recipients[0].reply_code == 550);
}

TEST_CASE("generic: more headings MTAs write over their lists", "[classify]") {
    using format_cases::Case;
    const std::vector<Case> cases = {
        {"'undeliverable to the following:' and a reason in brackets", "free-text",
         bounce("Message status - undeliverable",
                "The message that you sent was undeliverable to the following:\n"
                "\thanako@example.org (550 5.1.1 mailbox unknown)\n\n"
                "Possible causes: the address may be wrong.\n"),
         {{"hanako@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
        {"'Failed recipients:' then the address, blank lines, and 'because:' below", "free-text",
         bounce("Delivery failure",
                "Your message\n\n  Subject: weekly\n\n"
                "Failed recipients:\n\n"
                "  hanako@example.org\n\n"
                "because:\n\n"
                "  552 5.2.2 hanako@example.org mailbox is over quota\n"),
         {{"hanako@example.org", "5.2.2", Reason::mailboxfull, BounceClass::soft}}},
        {"indented entry lines that quote the command with the address", "free-text",
         bounce("Message undeliverable",
                "Your message did not reach some or all of the intended recipients.\n\n"
                "The recipient(s) below could not be reached, the list follows:\n\n"
                "   hanako@example.org\n"
                "     Error Type: SMTP\n"
                "     Remote server (192.0.2.25) issued an error.\n"
                "     Relay sent: RCPT TO:<hanako@example.org>\n"
                "     Remote server replied: 550 5.1.1 No such mailbox\n\n"),
         {{"hanako@example.org", "5.1.1", Reason::userunknown, BounceClass::hard}}},
    };
    format_cases::check_lf_and_crlf(cases);
}

TEST_CASE("generic: a transcript error line without a code takes the reply before it", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Returned mail: User unknown",
        "   ----- Session transcript -----\n"
        ">>> RCPT To:<hanako@example.org>\n"
        "<<< 550 5.1.1 Requested mailbox not found\n"
        "<hanako@example.org>... User unknown\n\n"
        "   ----- Unsent message follows -----\n" + kTrappedOriginal));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
    CHECK(report.recipients[0].reply_code == 550);
    CHECK(report.recipients[0].status == "5.1.1");
    CHECK(report.recipients[0].smtp_command == "RCPT");
}

TEST_CASE("generic: a Message-ID in the notice is no recipient", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Undelivered Mail",
        "Your message Message-ID: <20240611.abc@list.example> was rejected: 550 5.7.1 spam detected\n\n"
        "----- Original message follows -----\n" + kTrappedOriginal));
    for (const auto& r : report.recipients) CHECK(r.recipient != "20240611.abc@list.example");
}

TEST_CASE("generic: a quoted SMTP session names the refused recipients, never MAIL FROM's", "[classify]") {
    SECTION("arrows and timestamps: RCPT TO refused") {
        auto report = classify::classify_message(bounce(
            "Permanent Delivery Failure",
            "The attached message had PERMANENT fatal delivery errors!\n\n"
            "--- Session Transcript ---\n"
            " Tue 2024-06-11 18:02:01: Connected to mx.example.org\n"
            " Tue 2024-06-11 18:02:01: --> MAIL From:<news@list.example>\n"
            " Tue 2024-06-11 18:02:01: <-- 250 2.1.0 Ok\n"
            " Tue 2024-06-11 18:02:01: --> RCPT To:<taro@example.org>\n"
            " Tue 2024-06-11 18:02:01: <-- 250 2.1.5 Ok\n"
            " Tue 2024-06-11 18:02:01: --> RCPT To:<hanako@example.org>\n"
            " Tue 2024-06-11 18:02:02: <-- 550-5.1.1 The email account that you tried to reach\n"
            " Tue 2024-06-11 18:02:02: <-- 550 5.1.1 does not exist.\n"
            "--- End Transcript ---\n"));
        REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
        CHECK(report.format == "free-text");
        CHECK(report.recipients[0].smtp_command == "RCPT");
        CHECK(report.recipients[0].bounce_class == BounceClass::hard);
    }
    SECTION("In/Out: refused after DATA, every accepted recipient fails") {
        auto report = classify::classify_message(bounce(
            "Delivery failure",
            "The receiving server refused the message. The session was:\n\n"
            " Out: 220 mx.example.org ESMTP\n In:  EHLO relay.example.net\n Out: 250 mx.example.org\n"
            " In:  MAIL FROM:<news@list.example>\n Out: 250 2.1.0 Ok\n"
            " In:  RCPT TO:<taro@example.org>\n Out: 250 2.1.5 Ok\n"
            " In:  RCPT TO:<hanako@example.org>\n Out: 250 2.1.5 Ok\n"
            " In:  DATA\n Out: 354 End data with <CR><LF>.<CR><LF>\n"
            " Out: 552 5.2.2 Mailbox full\n In:  QUIT\n Out: 221 2.0.0 Bye\n"));
        REQUIRE(recipients_of(report) == std::vector<std::string>{"taro@example.org", "hanako@example.org"});
        CHECK(report.format == "free-text");
        CHECK(report.recipients[0].smtp_command == "DATA");
        CHECK(report.recipients[0].reason == Reason::mailboxfull);
    }
}

TEST_CASE("generic: Exchange-style 'these recipients' and '[SMTP:...]' labels", "[classify]") {
    auto list = classify::classify_message(bounce(
        "Undeliverable: weekly",
        "Delivery has failed to these recipients or groups:\n\n"
        "hanako@example.org\n"
        "The mailbox you tried to send to is full. 552 5.2.2 quota exceeded\n\n"));
    REQUIRE(recipients_of(list) == std::vector<std::string>{"hanako@example.org"});
    CHECK(list.format == "free-text");
    CHECK(list.recipients[0].reason == Reason::mailboxfull);
    auto label = classify::classify_message(bounce(
        "Message delivery failure",
        "Message could not be delivered to some recipients.\n"
        "Recipient: [SMTP:hanako@example.org]\n"
        "Reason: 550 5.1.1 Mailbox unknown\n"));
    REQUIRE(recipients_of(label) == std::vector<std::string>{"hanako@example.org"});
    CHECK(label.format == "free-text");
    CHECK(label.recipients[0].status == "5.1.1");
}

TEST_CASE("generic: hostile shapes are read in bounded work and give nothing wrong", "[classify]") {
    std::string dots;
    for (int i = 0; i < 20000; ++i) dots += "a@example.org... ";
    std::string many;
    for (int i = 0; i < 3000; ++i) many += "Failed recipients:\nx" + std::to_string(i) + "\n";
    std::string list = "The following recipients failed:\n";
    for (int i = 0; i < 3000; ++i) list += "u" + std::to_string(i) + "@example.org\n";
    list += "\nDetails: 550 5.1.1 unknown\n";
    for (const auto& body : {dots, many, list}) {
        auto report = classify::classify_message(bounce("Undelivered Mail", body));
        CHECK(report.recipients.size() <= classify::Limits{}.max_recipients);
    }
}

TEST_CASE("generic: X-Failed-Recipients whose list gives the local part alone takes the lines below it", "[classify]") {
    auto report = classify::classify_message(
        "From: Mail Delivery System <Mailer-Daemon@relay.example.net>\nTo: news@list.example\n"
        "Subject: Undelivered\nX-Failed-Recipients: hanako@example.org\n\n"
        "Your message was not delivered to:\n\n"
        "  hanako\n"
        "    refused after MAIL FROM:<news@list.example>:\n"
        "    mx.example.org [192.0.2.20]: 550 not welcome here\n");
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
    CHECK(report.format == "x-failed-recipients");
    CHECK(report.recipients[0].smtp_command == "MAIL");
    CHECK(report.recipients[0].reason == Reason::rejected);
}

TEST_CASE("generic: a Japanese heading over the list", "[classify]") {
    auto report = classify::classify_message(
        "From: MAILER-DAEMON@relay.example.jp\nTo: news@list.example\nSubject: Returned mail\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
        "\xE4\xBB\xA5\xE4\xB8\x8B\xE3\x81\xAE\xE5\xAE\x9B\xE5\x85\x88\xE3\x81\xAB\xE9\x85\x8D\xE9\x80\x81"
        "\xE3\x81\xA7\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x81\xA7\xE3\x81\x97\xE3\x81\x9F:\n"  // 以下の宛先に配送できませんでした:
        "  taro@example.jp: 552 5.2.2 Mailbox full\n");
    REQUIRE(recipients_of(report) == std::vector<std::string>{"taro@example.jp"});
    CHECK(report.format == "free-text");
    CHECK(report.recipients[0].reason == Reason::mailboxfull);
}

TEST_CASE("generic: a recipient label whose value is an X.400 address", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Nondeliverable mail",
        "Your message could not be delivered.\n\n"
        "Recipient: c=US;a= ;p=Example;o=Mail;dda:SMTP=hanako@example.org;\n"
        "Reason: 550 5.1.1 recipient not found\n"));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org"});
    CHECK(report.format == "free-text");
    CHECK(report.recipients[0].status == "5.1.1");
}

TEST_CASE("generic: labelled recipients each take their own reason lines", "[classify]") {
    auto report = classify::classify_message(bounce(
        "Undeliverable message",
        "Failed Recipient: hanako@example.org\n"
        "Reason: Remote host said: 550 5.1.1 <hanako@example.org>... User unknown\n"
        "Failed Recipient: taro@example.jp\n"
        "Reason: Remote host said: 552 5.2.2 <taro@example.jp>... Mailbox full\n"
        "Sender: news@list.example\n"));
    REQUIRE(recipients_of(report) == std::vector<std::string>{"hanako@example.org", "taro@example.jp"});
    CHECK(report.format == "free-text");
    CHECK(report.recipients[0].status == "5.1.1");
    CHECK(report.recipients[1].reason == Reason::mailboxfull);
    auto reach = classify::classify_message(bounce("Delivery failure",
                                                   "Your message did not reach: hanako@example.org\n\n"
                                                   "reason: 550 5.1.1 mailbox unavailable\n"));
    REQUIRE(recipients_of(reach) == std::vector<std::string>{"hanako@example.org"});
}
