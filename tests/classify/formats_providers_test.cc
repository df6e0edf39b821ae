// Hosted mail providers and sending services: Gmail's own texts, Google Groups,
// Amazon SES notifications and inline reports, GMX / 1&1, and provider wording in
// the reason table. Each message is written here, small, with only what the
// decoder looks at.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "dsn_builder.h"

namespace {

using classify::classify_message;
using classify::to_string;

std::string plain_bounce(const std::string& headers, const std::string& body) {
    return headers + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body;
}

const std::string kGmailHeaders =
    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
    "To: news@list.example\n"
    "Subject: Delivery Status Notification (Failure)\n";

}  // namespace

TEST_CASE("gmail: the reply after 'The error that the other server returned was' decides", "[classify][providers]") {
    auto report = classify_message(plain_bounce(kGmailHeaders,
        "Delivery to the following recipient failed permanently:\n\n"
        "     taro@example.jp\n\n"
        "Technical details of permanent failure:\n"
        "Google tried to deliver your message, but it was rejected by the server for the recipient domain "
        "example.jp by mx.example.jp. [192.0.2.1].\n\n"
        "The error that the other server returned was:\n"
        "550 5.1.1 <taro@example.jp>... User Unknown\n\n"
        "----- Original message -----\n\nTo: taro@example.jp\nSubject: news\n"));
    REQUIRE(report.format == "gmail");
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.recipient == "taro@example.jp");
    CHECK(r.status == "5.1.1");
    CHECK(r.reply_code == 550);
    CHECK(to_string(r.reason) == "userunknown");
    CHECK(to_string(r.bounce_class) == "hard");
    CHECK(r.remote_mta == "mx.example.jp");
}

TEST_CASE("gmail: the SMTP state names the reason when the reply has no precise code", "[classify][providers]") {
    auto report = classify_message(plain_bounce(kGmailHeaders,
        "Delivery to the following recipient failed permanently:\n\n"
        "     hanako@example.co.jp\n\n"
        "Technical details of permanent failure:\n"
        "Google tried to deliver your message, but it was rejected by the recipient domain. We recommend "
        "contacting the other email provider for further information about the cause of this error. The error "
        "that the other server returned was: 554 554 5.7.0 Header error (state 18).\n\n"
        "----- Original message -----\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].status == "5.7.0");
    CHECK(to_string(report.recipients[0].reason) == "filtered");
    CHECK(to_string(report.recipients[0].bounce_class) == "policy");
}

TEST_CASE("gmail: a delay warning that cannot connect is an expiry, delayed", "[classify][providers]") {
    auto report = classify_message(plain_bounce(kGmailHeaders,
        "THIS IS A WARNING MESSAGE ONLY.\n\n"
        "Delivery to the following recipient has been delayed:\n\n"
        "     jiro@example.org\n\n"
        "Message will be retried for 2 more day(s)\n\n"
        "Technical details of temporary failure:\n"
        "The recipient server did not accept our requests to connect. Learn more at "
        "https://support.google.com/mail/answer/7720\n"
        "[example.org 192.0.2.9: socket error]\n\n"
        "----- Original message -----\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].reason) == "expired");
    CHECK(report.recipients[0].status == "4.0.947");
    CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
}

TEST_CASE("gmail: 'Send mail as' misconfigured is the sender's refusal", "[classify][providers]") {
    auto report = classify_message(plain_bounce(kGmailHeaders + "X-Failed-Recipients: team@groups.example.com\n",
        "\n** Message not delivered **\n\n"
        "You're sending this from a different address or alias using the 'Send mail as' feature. The settings "
        "for your 'Send mail as' account are misconfigured or out of date. Check those settings and try "
        "resending.\n\nThe response was:\n\n"
        "Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "team@groups.example.com");
    CHECK(to_string(report.recipients[0].reason) == "rejected");
    CHECK(to_string(report.recipients[0].bounce_class) == "policy");
}

TEST_CASE("google groups: a refused post is 'rejected', whatever the language", "[classify][providers]") {
    auto report = classify_message(plain_bounce(kGmailHeaders + "X-Failed-Recipients: weekly@googlegroups.com\n",
        "Hello news@list.example,\n\n"
        "We're writing to let you know that the group you tried to contact (weekly) may not exist, or you may "
        "not have permission to post messages to the group.\n\n"
        " * You may need to join the group before receiving permission to post.\n\n"
        "If you have questions related to this or any other Google Group, visit the Help Center at "
        "https://groups.google.com/support/.\n\n"
        "----- Original message -----\n"));
    REQUIRE(report.format == "google-groups");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "weekly@googlegroups.com");
    CHECK(to_string(report.recipients[0].reason) == "rejected");
    CHECK(report.recipients[0].status == "5.0.918");
}

TEST_CASE("amazon ses: JSON notifications of bounce, complaint and delivery", "[classify][providers]") {
    const std::string headers =
        "From: SES <no-reply@sns.amazonaws.com>\nTo: ops@list.example\nSubject: AWS Notification Message\n"
        "x-amz-sns-message-id: 0f0e\n";
    SECTION("a permanent bounce, with SNS's folded line") {
        auto report = classify_message(plain_bounce(headers,
            "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
            "\"bouncedRecipients\":[{\"emailAddress\":\"taro@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\","
            "\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],\"reportingMTA\":\"dsn; a1.amazonses.com\"},!\n"
            " \"mail\":{\"source\":\"news@list.example\"}}\n\n--\nIf you wish to stop receiving notifications ...\n"));
        REQUIRE(report.format == "amazon-ses");
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "taro@example.org");
        CHECK(report.recipients[0].status == "5.1.1");
        CHECK(report.recipients[0].reply_code == 550);
        CHECK(to_string(report.recipients[0].reason) == "userunknown");
    }
    SECTION("a complaint inside the SNS envelope") {
        auto report = classify_message(plain_bounce(headers,
            "{\n  \"Type\" : \"Notification\",\n  \"Message\" : \"{\\\"notificationType\\\":\\\"Complaint\\\","
            "\\\"complaint\\\":{\\\"complainedRecipients\\\":[{\\\"emailAddress\\\":\\\"hanako@example.org\\\"}],"
            "\\\"complaintFeedbackType\\\":\\\"abuse\\\"}}\"\n}\n"));
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "hanako@example.org");
        CHECK(to_string(report.recipients[0].reason) == "feedback");
        CHECK(to_string(report.recipients[0].bounce_class) == "complaint");
        CHECK(report.recipients[0].feedback_type == "abuse");
    }
    SECTION("a delivery") {
        auto report = classify_message(plain_bounce(headers,
            "{\"notificationType\":\"Delivery\",\"delivery\":{\"recipients\":[\"jiro@example.org\"],"
            "\"smtpResponse\":\"250 2.6.0 Message received\"}}\n"));
        REQUIRE(report.recipients.size() == 1);
        CHECK(to_string(report.recipients[0].reason) == "delivered");
        CHECK(report.recipients[0].status == "2.6.0");
    }
}

TEST_CASE("amazon ses: the inline technical report, and the receiver's reply quoted inside SES's words",
          "[classify][providers]") {
    auto report = classify_message(plain_bounce(
        "From: MAILER-DAEMON@us-west-2.amazonses.com\nTo: news@list.example\n"
        "Subject: Delivery Status Notification (Failure)\nX-Mailer: Amazon WorkMail\n",
        "An error occurred while trying to deliver the mail to the following recipients:\n"
        "saburo@example.org\n\nTechnical report:\n\n"
        "Reporting-MTA: dsn; a27-1.smtp-out.us-west-2.amazonses.com\n\n"
        "Action: failed\nFinal-Recipient: rfc822; saburo@example.org\n"
        "Diagnostic-Code: smtp; 554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 "
        "Connection timed out>\nStatus: 4.4.7\n\n"));
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.recipient == "saburo@example.org");
    CHECK(r.status == "4.4.2");
    CHECK(r.reply_code == 421);
    CHECK(to_string(r.reason) == "expired");
    CHECK(to_string(r.bounce_class) == "soft");
}

TEST_CASE("gmx and 1&1: quoted address lines, and a reason after a blank line", "[classify][providers]") {
    const std::string headers =
        "From: Mail Delivery System <mailer-daemon@kundenserver.de>\nTo: news@list.example\n"
        "Subject: Mail delivery failed: returning message to sender\nAuto-Submitted: auto-replied\n";
    const std::string intro =
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of\n"
        "its recipients. This is a permanent error. The following address\nfailed:\n\n";
    const std::string original = "\n--- The header of the original message is following. ---\n\nTo: x@example.jp\n";
    SECTION("GMX: the receiver's reply under the quoted address") {
        auto report = classify_message(plain_bounce(headers, intro +
            "\"taro@example.jp\":\nSMTP error from remote server after RCPT command:\nhost: mx.example.jp\n"
            "5.2.2 <taro@example.jp>... Mailbox Full\n" + original));
        REQUIRE(report.format == "gmx");
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "taro@example.jp");
        CHECK(report.recipients[0].status == "5.2.2");
        CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
        CHECK(report.recipients[0].remote_mta == "mx.example.jp");
    }
    SECTION("1&1: 'For the following reason:' after a blank line, not an auto-reply") {
        auto report = classify_message(plain_bounce(headers, intro +
            "jiro@example.org\n\nFor the following reason:\n\nMail size limit exceeded. For explanation visit\n"
            "http://postmaster.1and1.com/en/error-messages\n" + original));
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "jiro@example.org");
        CHECK(to_string(report.recipients[0].reason) == "mesgtoobig");
    }
    SECTION("1&1: Orange's own code decides, for Orange's host only") {
        auto report = classify_message(plain_bounce(headers, intro +
            "hanako@example.fr:\nSMTP error from remote server for TEXT command, host: smtp-in.orange.fr "
            "(192.0.2.65) reason: 550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]\n" + original));
        REQUIRE(report.recipients.size() == 1);
        CHECK(to_string(report.recipients[0].reason) == "spamdetected");
        CHECK(report.recipients[0].smtp_command == "DATA");
    }
}

TEST_CASE("providers: wording in the reason table", "[classify][providers]") {
    struct Case {
        const char* recipient;
        const char* diagnostic;
        const char* reason;
    };
    const Case cases[] = {
        {"a@example.com", "500 Remote server does not support TLS", "failedstarttls"},
        {"a@example.com", "550 5.7.1 <a@example.com>: Recipient address rejected: User a@example.com temporary locked.",
         "suspend"},
        {"a@laposte.net", "550 5.5.0 Service refuse. Veuillez essayer plus tard. LPN001_108", "blocked"},
        {"a@facebook.com", "550 5.1.1 RCP-P2 Refused due to recipient preferences", "filtered"},
        {"a@example.com", "550 5.1.1 <a@example.com> - 192.0.2.2 has sent to too many recipients this hour.", "speeding"},
        {"a@example.com", "Your email to group a@example.com was rejected due to spam classification. Set up SPF records.",
         "spamdetected"},
        {"a@example.jp", "DNS Error: 803 DNS type 'mx' lookup of example.jp responded with code NXDOMAIN", "networkerror"},
        {"a@example.org", "550 domain [example.com] mismatches client ip 192.0.2.225.", "requireptr"},
        {"a@example.org", "554 INVALID IP FOR SENDING MAIL OF DOMAIN example.com", "blocked"},
        {"a@example.org", "an MX or SRV record indicated no SMTP service", "notaccept"},
    };
    for (const auto& c : cases) {
        auto report = classify_message(test::make_dsn(c.recipient, c.diagnostic));
        INFO(c.diagnostic);
        REQUIRE(report.recipients.size() == 1);
        INFO("rule: " << report.recipients[0].rule);
        CHECK(to_string(report.recipients[0].reason) == c.reason);
    }
}

TEST_CASE("providers: a provider's private code means nothing at another host", "[classify][providers]") {
    auto report = classify_message(test::make_dsn("a@example.com", "550 5.2.0 Message refused ofr_506"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].reason) != "spamdetected");
}

TEST_CASE("zoho: one line per recipient with ERROR_CODE fields, and the delay notice", "[classify][providers]") {
    const std::string headers = "From: mailer-daemon@mail.zoho.com\nTo: news@list.example\nX-Mailer: Zoho Mail\n";
    SECTION("two recipients, then the original headers without a marker") {
        auto report = classify_message(plain_bounce(headers + "Subject: Undelivered Mail Returned to Sender\n",
            "This message was created automatically by mail delivery software.\n"
            "A message that you sent could not be delivered to one or more of its recipients. This is a permanent "
            "error.\n\n"
            "taro@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <taro@example.jp>... User Unknown\n"
            "jiro@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.2 <jiro@example.jp>... Mailbox Full\n\n\n"
            "Received:from mail.zoho.com by mx.zohomail.com\nTo:<taro@example.jp>\n"));
        REQUIRE(report.format == "zoho");
        REQUIRE(report.recipients.size() == 2);
        CHECK(report.recipients[0].status == "5.1.1");
        CHECK(report.recipients[0].reply_code == 550);
        CHECK(to_string(report.recipients[0].reason) == "userunknown");
        CHECK(to_string(report.recipients[1].reason) == "mailboxfull");
    }
    SECTION("the delay notice is an expiry in progress") {
        auto report = classify_message(plain_bounce(headers + "Subject: Mail Delivery Status Notification (Delay)\n",
            "THIS IS A WARNING MESSAGE ONLY.\n\n"
            "----- The following addresses had fatal errors -----\n"
            "[Status: Error, Address: <saburo@example.co.jp>, ResponseCode 421, , Host not reachable.]\n\n"
            "Message will be retried for 4 more day(s)\n"));
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "saburo@example.co.jp");
        CHECK(report.recipients[0].reply_code == 421);
        CHECK(to_string(report.recipients[0].reason) == "expired");
        CHECK(report.recipients[0].status == "4.0.947");
    }
}

TEST_CASE("mxlogic: the repeated address line is the same recipient", "[classify][providers]") {
    auto report = classify_message(plain_bounce(
        "From: Mail Delivery System <MAILER-DAEMON@relay0.mxlogic.example>\nTo: news@list.example\n"
        "Subject: Mail delivery failed\n",
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you have sent could not be delivered to one or more\n"
        "recipients.  This is a permanent error.  The following address failed:\n\n"
        "  <taro@example.co.jp>: 550 5.1.1 <taro@example.co.jp>: Recipient address rejected: User unknown\n"
        "<taro@example.co.jp>\n\n\n"
        "Included is a copy of the message header:\n-----------------------------------------\n"
        "To: taro@example.co.jp\n"));
    REQUIRE(report.format == "mxlogic");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].status == "5.1.1");
    CHECK(to_string(report.recipients[0].reason) == "userunknown");
}
