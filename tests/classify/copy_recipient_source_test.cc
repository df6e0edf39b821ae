// A decoder that finds no recipient in the bounce's own parts and takes the returned
// copy's To must say so: the address is a guess (`returned-to`, README), which the
// store's trust settings do not act on by default, since a forged bounce may carry
// any To in its copy. The same address named by the bounce itself stays structured.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"

namespace {

using classify::classify_message;
using classify::RecipientSource;
using classify::to_string;

std::string source_of_only(const std::string& message, const std::string& want_format,
                           const std::string& want_recipient) {
    auto report = classify_message(message);
    REQUIRE(report.format == want_format);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == want_recipient);
    return to_string(report.recipients[0].source);
}

std::string postfix_unavailable(const std::string& copy_to) {
    return "From: MAILER-DAEMON@mx.relay.example (Mail Delivery System)\nTo: news@list.example\n"
           "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"P\"\n\n"
           "--P\nContent-Description: Notification\nContent-Type: text/plain\n\n"
           "This is the mail system at host mx.relay.example.\n\n"
           "I'm sorry to have to inform you that your message could not\n"
           "be delivered to one or more recipients. It's attached below.\n\n"
           "                   The mail system\n\n\t--- Delivery report unavailable ---\n\n"
           "--P\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
           "Reporting-MTA: dns; mx.relay.example\n\n"
           "--P\nContent-Description: Undelivered Message\nContent-Type: message/rfc822\n\n"
           "From: news@list.example\nTo: " + copy_to + "\nSubject: week 12\nMessage-ID: <w12@list.example>\n\n"
           "hello\n--P--\n";
}

std::string feedback_report(const std::string& fields, const std::string& copy_headers) {
    return "From: fbl@isp.example\nTo: abuse@list.example\nSubject: complaint\nMIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n\n"
           "--F\nContent-Type: text/plain\n\nA subscriber marked this message as spam.\n\n"
           "--F\nContent-Type: message/feedback-report\n\n" + fields + "\n"
           "--F\nContent-Type: message/rfc822\n\n" + copy_headers + "\nhello\n--F--\n";
}

}  // namespace

TEST_CASE("copy recipient: Postfix's 'Delivery report unavailable' takes the copy's To as a guess",
          "[classify]") {
    CHECK(source_of_only(postfix_unavailable("<jiro@example.org>"), "postfix", "jiro@example.org") ==
          "returned-to");
}

TEST_CASE("copy recipient: a host failure in a v5 transcript names no one, the unsent copy's To is a guess",
          "[classify]") {
    std::string bounce =
        "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>\nTo: news@list.example\n"
        "Subject: Returned mail: Deferred\n\n"
        "   ----- Transcript of session follows -----\n"
        "421 mx.example.com (smtp)... Deferred: Connection refused by mx.example.com\n\n"
        "   ----- Unsent message follows -----\n"
        "From: news@list.example\nTo: saburo@example.com\nSubject: week 12\n\nhello\n";
    CHECK(source_of_only(bounce, "v5sendmail", "saburo@example.com") == "returned-to");
}

TEST_CASE("copy recipient: an MMS gateway's notice names no number, the original's To is a guess", "[classify]") {
    std::string bounce =
        "From: MMSC NDR Administrator <ndr@mms.vzwpix.com>\nTo: news@list.example\n"
        "Subject: Undeliverable Message\n\n"
        "Message could not be delivered to mobile.\nError: No valid recipients for this MM\n\n\n"
        "Original Message:\nFrom: news@list.example\nTo: 5550001234@vzwpix.com\nSubject: week 12\n";
    CHECK(source_of_only(bounce, "verizon", "5550001234@vzwpix.com") == "returned-to");
}

TEST_CASE("copy recipient: a feedback report names its complainant, else the copy's To is a guess", "[classify]") {
    const std::string copy = "From: news@list.example\nTo: shiro@example.org\nSubject: week 12\n";
    CHECK(source_of_only(feedback_report("Feedback-Type: abuse\nVersion: 1\nOriginal-Rcpt-To: <kuro@example.org>\n",
                                         copy),
                         "arf", "kuro@example.org") == "arf");
    CHECK(source_of_only(feedback_report("Feedback-Type: abuse\nVersion: 1\n", copy), "arf", "shiro@example.org") ==
          "returned-to");
    // The list's own VERP return path names the subscriber: structured, the list wrote it.
    CHECK(source_of_only(feedback_report("Feedback-Type: abuse\nVersion: 1\n",
                                         "Return-Path: <bounces+goro=example.org@list.example>\n"
                                         "From: news@list.example\nTo: <Undisclosed Recipients>\nSubject: w\n"),
                         "arf", "goro@example.org") == "verp");
}

TEST_CASE("copy recipient: a feedback report that names no one anywhere claims no structured source",
          "[classify]") {
    auto report = classify_message(feedback_report("Feedback-Type: abuse\nVersion: 1\n",
                                                   "From: news@list.example\nSubject: week 12\n"));
    REQUIRE(report.format == "arf");
    for (const auto& r : report.recipients) CHECK_FALSE(classify::is_structured(r.source));
}

TEST_CASE("copy recipient: a guessed recipient is not structured", "[classify]") {
    auto report = classify_message(postfix_unavailable("jiro@example.org"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].source == RecipientSource::returned_to);
    CHECK_FALSE(classify::is_structured(report.recipients[0].source));
}
