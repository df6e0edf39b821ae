// Delay warnings (issue 12, item 5): an MTA that is still trying reports no
// failure. Its recipients get class `delayed` and the reason of the cause their
// words name (`expired` when they name none), whichever layout carried them.
// The messages are written here after each MTA's documented or source wording.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "classify/rules/delay_warning.h"
#include "dsn_builder.h"

namespace {

using classify::classify_message;
using classify::to_string;

std::string plain(const std::string& from, const std::string& subject, const std::string& body) {
    return "From: " + from + "\nTo: bounces@list.example\nSubject: " + subject +
           "\nMessage-ID: <warn-1@mx.example.net>\n\n" + body;
}

}  // namespace

TEST_CASE("delayed: a DSN with Action: delayed is class delayed, with its cause as the reason", "[classify][delayed]") {
    auto report = classify_message(test::make_dsn(
        "hanako@example.org", "452 4.2.2 <hanako@example.org>: Mailbox full, try again later", "4.2.2", "delayed"));
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.action == "delayed");
    CHECK(to_string(r.bounce_class) == "delayed");
    CHECK(to_string(r.reason) == "mailboxfull");
    CHECK(r.status == "4.2.2");
}

TEST_CASE("delayed: a delay that names no cause is expired, and still delayed", "[classify][delayed]") {
    auto report = classify_message(test::make_dsn("taro@example.jp", "", "4.0.0", "delayed"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
    CHECK(to_string(report.recipients[0].reason) == "expired");
}

TEST_CASE("delayed: a connection timeout in a delay warning is a network error, not a failure",
          "[classify][delayed]") {
    auto report = classify_message(test::make_dsn(
        "jiro@example.com", "connect to mx.example.com[192.0.2.25]:25: Connection timed out", "4.4.1", "delayed"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
}

TEST_CASE("delayed: Action: failed stays a failure even in a message that also delays others",
          "[classify][delayed]") {
    auto report = classify_message(test::make_dsn("gone@example.org", "550 5.1.1 User unknown", "5.1.1", "failed"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].bounce_class) == "hard");
}

TEST_CASE("delayed: a group with Will-Retry-Until and no Action is a delay warning (RFC 3464 2.3.9)",
          "[classify][delayed]") {
    std::string m = test::make_dsn("saburo@example.net", "451 4.3.0 Temporary lookup failure", "4.3.0", "delayed");
    auto at = m.find("Action: delayed\n");
    m.replace(at, 16, "Will-Retry-Until: Mon, 7 Dec 2026 10:00:00 +0000\n");
    auto report = classify_message(m);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].action == "delayed");
    CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
}

TEST_CASE("delayed: Exim's plain warning is delayed, with the Delay reason as the cause", "[classify][delayed]") {
    auto report = classify_message(plain(
        "Mail Delivery System <Mailer-Daemon@mx.example.net>", "Warning: message 1abCDe-000123-Fg delayed 24 hours",
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent has not yet been delivered to one or more of its\n"
        "recipients after more than 24 hours on the queue on mx.example.net.\n\n"
        "The message identifier is:     1abCDe-000123-Fg\n\n"
        "The address to which the message has not yet been delivered is:\n\n"
        "  shiro@example.org\n"
        "    Delay reason: SMTP error from remote mail server after RCPT TO:<shiro@example.org>:\n"
        "    452 4.2.2 The email account that you tried to reach is over quota\n\n"
        "No action is required on your part. Delivery attempts will continue for\n"
        "some time, and this warning may be repeated at intervals if the message\n"
        "remains undelivered.\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "shiro@example.org");
    CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
    CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
}

TEST_CASE("delayed: Sendmail's \"could not send message for past\" warning is delayed", "[classify][delayed]") {
    auto report = classify_message(plain(
        "Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>", "Warning: could not send message for past 4 hours",
        "    **********************************************\n"
        "    **      THIS IS A WARNING MESSAGE ONLY      **\n"
        "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n"
        "    **********************************************\n\n"
        "The original message was received at Wed, 2 Dec 2026 09:00:00 +0900\n\n"
        "   ----- The following addresses had transient non-fatal errors -----\n"
        "<goro@example.jp>\n\n"
        "   ----- Transcript of session follows -----\n"
        "<goro@example.jp>... Deferred: Connection timed out with mx.example.jp.\n"
        "Warning: message still undelivered after 4 hours\n"
        "Will keep trying until message is 5 days old\n"));
    REQUIRE_FALSE(report.recipients.empty());
    for (const auto& r : report.recipients) CHECK(to_string(r.bounce_class) == "delayed");
}

TEST_CASE("delayed: Postfix's \"still being retried\" notice is delayed", "[classify][delayed]") {
    auto report = classify_message(plain(
        "MAILER-DAEMON@mx.example.net (Mail Delivery System)", "Delayed Mail (still being retried)",
        "This is the mail system at host mx.example.net.\n\n"
        "####################################################################\n"
        "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
        "####################################################################\n\n"
        "Your message could not be delivered for more than 4 hour(s).\n"
        "It will be retried until it is 5 day(s) old.\n\n"
        "                   The mail system\n\n"
        "<rokuro@example.com>: host mx.example.com[192.0.2.7] said: 450 4.7.1 Client host rejected:\n"
        "    cannot find your hostname (in reply to RCPT TO command)\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "rokuro@example.com");
    CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
    CHECK(report.recipients[0].action == "delayed");
}

TEST_CASE("delayed: Gmail's old \"has been delayed\" notice is delayed, \"failed permanently\" is not",
          "[classify][delayed]") {
    std::string head = "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: bounces@list.example\n";
    auto delayed = classify_message(head +
        "Subject: Delivery Status Notification (Delay)\n\n"
        "This is an automatically generated Delivery Status Notification\n\n"
        "THIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n"
        "Delivery to the following recipient has been delayed:\n\n     nana@example.org\n\n"
        "Message will be retried for 2 more day(s)\n\n"
        "Technical details of temporary failure:\n"
        "The recipient server did not accept our requests to connect.\n");
    REQUIRE(delayed.recipients.size() == 1);
    CHECK(to_string(delayed.recipients[0].bounce_class) == "delayed");

    auto failed = classify_message(head +
        "Subject: Delivery Status Notification (Failure)\n\n"
        "Delivery to the following recipient failed permanently:\n\n     nana@example.org\n\n"
        "Technical details of temporary failure:\n"
        "The recipient server did not accept our requests to connect.\n");
    REQUIRE(failed.recipients.size() == 1);
    CHECK(to_string(failed.recipients[0].bounce_class) != "delayed");
}

TEST_CASE("delayed: the wording of each MTA's warning is recognised, and a final failure's is not",
          "[classify][delayed]") {
    using classify::says_still_trying;
    CHECK(says_still_trying("Delivery delayed:Weekly news", ""));                    // Exchange Online
    CHECK(says_still_trying("", "Delivery is delayed to these recipients or groups:"));  // Exchange 2010+
    CHECK(says_still_trying("", "There was a temporary problem delivering your message to x@example.org. "
                                "Gmail will retry for 46 more hours."));
    CHECK(says_still_trying("", "Please note that this is only a temporary failure report."));  // OpenSMTPD
    CHECK(says_still_trying("Warning: message 1abCDe-000123-Fg delayed 48 hours", ""));        // Exim
    CHECK_FALSE(says_still_trying("Undelivered Mail Returned to Sender",
                                  "I'm sorry to have to inform you that your message could not be delivered"));
    CHECK_FALSE(says_still_trying("Delivery Status Notification (Failure)",
                                  "Delivery has been delayed for 5 days; giving up."));
}

TEST_CASE("delayed: a warning's words in the returned message do not make a failure a delay",
          "[classify][delayed]") {
    std::string m = test::make_dsn("kuro@example.org", "550 5.1.1 User unknown", "5.1.1", "");
    // The returned headers carry a subject that a warning would have.
    auto at = m.find("Subject: Weekly news");
    m.replace(at, 20, "Subject: Delayed Mail (still being retried)");
    auto report = classify_message(m);
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].bounce_class) == "hard");
}

TEST_CASE("delayed: an SES DeliveryDelay event is delayed, its delayType naming the cause", "[classify][delayed]") {
    auto report = classify_message(
        "From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: bounces@list.example\n"
        "Subject: AWS Notification Message\n\n"
        "{\"eventType\":\"DeliveryDelay\",\"mail\":{\"messageId\":\"0100-abc\"},"
        "\"deliveryDelay\":{\"timestamp\":\"2026-12-02T10:00:00.000Z\",\"delayType\":\"MailboxFull\","
        "\"expirationTime\":\"2026-12-03T10:00:00.000Z\",\"delayedRecipients\":[{\"emailAddress\":"
        "\"hachi@example.org\",\"status\":\"4.2.2\",\"diagnosticCode\":\"smtp; 452 4.2.2 over quota\"}]}}\n");
    REQUIRE(report.format == "amazon-ses");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "hachi@example.org");
    CHECK(report.recipients[0].action == "delayed");
    CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
    CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
}
