// Recipients in the layouts real bounces use beyond a plain rfc822 address: X.400
// and Exchange encapsulations, the historic "user@#host", a report forwarded as an
// attachment, an address named in prose beside the reply, and a DSN that gives
// both the original and the final recipient.
#include <catch2/catch.hpp>

#include <string>

#include "classify/parse/address.h"
#include "classify/classifier.h"
#include "dsn_builder.h"
#include "format_cases.h"

using classify::BounceClass;
using classify::Reason;
using classify::RecipientSource;

namespace {

std::string dsn_with_recipient_fields(const std::string& fields) {
    return "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
           "To: bounces@list.example\n"
           "Subject: Undelivered Mail Returned to Sender\n"
           "MIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
           "--B\nContent-Type: text/plain\n\nI could not deliver your message.\n\n"
           "--B\nContent-Type: message/delivery-status\n\n"
           "Reporting-MTA: dns; mx.example.net\n\n" +
           fields +
           "Action: failed\nStatus: 5.1.1\n"
           "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
           "--B--\n";
}

}  // namespace

TEST_CASE("address: an X.400 address gives the SMTP address in its DDA", "[classify]") {
    CHECK(classify::find_first_address("c=US;a= ;p=Example;o=Mail;dda:SMTP=Alice@example.org;") == "alice@example.org");
    CHECK(classify::find_first_address("/DDA:RFC-822=bob@example.org/O=Example/") == "bob@example.org");
}

TEST_CASE("address: an Exchange IMCEASMTP address gives the address it encapsulates", "[classify]") {
    CHECK(classify::find_first_address("IMCEASMTP-alice+2Esmith+40example+2Eorg@exchange.example.net") ==
          "alice.smith@example.org");
    // Another address type stays as written: there is no SMTP address inside.
    CHECK(classify::find_first_address("IMCEAEX-_O=EXAMPLE_CN=ALICE@exchange.example.net") ==
          "imceaex-_o=example_cn=alice@exchange.example.net");
}

TEST_CASE("address: the historic user@#host form is the address user@host", "[classify]") {
    auto found = classify::find_addresses("550 <alice@#example.org>... User unknown");
    REQUIRE(found.size() == 1);
    CHECK(found[0].address == "alice@example.org");
}

TEST_CASE("recipients: a DSN naming an X.400 recipient gives its SMTP address", "[classify]") {
    auto report = classify::classify_message(
        dsn_with_recipient_fields("Final-Recipient: x400; c=US;a= ;p=Example;o=Mail;dda:SMTP=alice@example.org;\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "alice@example.org");
    CHECK(report.recipients[0].reason == Reason::userunknown);
}

TEST_CASE("recipients: the Original-Recipient is reported when it is an rfc822 address", "[classify]") {
    auto report = classify::classify_message(dsn_with_recipient_fields(
        "Original-Recipient: rfc822; alice@example.org\nFinal-Recipient: rfc822; alice.smith@mail.example.org\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "alice@example.org");
    CHECK(report.recipients[0].source == RecipientSource::dsn);
}

TEST_CASE("recipients: an Original-Recipient of another type gives way to the Final-Recipient", "[classify]") {
    auto report = classify::classify_message(dsn_with_recipient_fields(
        "Original-Recipient: x400; c=US;p=Example;s=Smith\nFinal-Recipient: rfc822; alice@example.org\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "alice@example.org");
}

TEST_CASE("recipients: a DSN forwarded as an attachment is read from the attached report", "[classify]") {
    const std::string forwarded =
        "From: Carol Admin <carol@list.example>\n"
        "To: newsletter-owner@list.example\n"
        "Subject: Fwd: Undelivered Mail Returned to Sender\n"
        "Message-ID: <fwd-1@list.example>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"F\"\n\n"
        "--F\nContent-Type: text/plain\n\nThis one came back again, can you look? Call me at 555 1234.\n\n"
        "--F\nContent-Type: message/rfc822\n\n" +
        test::make_dsn("alice@example.org", "550 5.1.1 <alice@example.org>: User unknown", "5.1.1") + "\n--F--\n";
    auto report = classify::classify_message(forwarded);
    CHECK(report.format == "rfc3464");
    CHECK(report.message_id == "<fwd-1@list.example>");
    CHECK(report.original.message_id == "<issue-42@list.example>");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "alice@example.org");
    CHECK(report.recipients[0].status == "5.1.1");
    CHECK(report.recipients[0].reason == Reason::userunknown);
    CHECK(report.recipients[0].source == RecipientSource::dsn);
}

TEST_CASE("recipients: a notice naming the address in prose and the reply below it", "[classify]") {
    const std::string notice = format_cases::kDaemonHeaders +
                               "\n"
                               "Your message to alice@example.org could not be delivered.\n\n"
                               "The receiving server replied:\n"
                               "550 5.1.1 The email account that you tried to reach does not exist.\n";
    auto report = classify::classify_message(notice);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "alice@example.org");
    CHECK(report.recipients[0].status == "5.1.1");
    CHECK(report.recipients[0].bounce_class == BounceClass::hard);
}
