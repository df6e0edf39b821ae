// RFC 5965 feedback reports: every complainant named by the report, else the
// original's To, else the subscriber its VERP return path names.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"

namespace {

using classify::classify_message;
using classify::to_string;

std::string feedback_report(const std::string& report_fields, const std::string& original_headers) {
    return "From: feedback@fbl.example.net\nTo: abuse@list.example\nSubject: FW: news\nMIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n\n"
           "--F\nContent-Type: text/plain\n\nThis is an email abuse report.\n\n"
           "--F\nContent-Type: message/feedback-report\n\n" + report_fields + "\n"
           "--F\nContent-Type: message/rfc822\n\n" + original_headers + "\nhello\n--F--\n";
}

}  // namespace

TEST_CASE("arf: every Original-Rcpt-To is a complainant", "[classify][arf]") {
    auto report = classify_message(feedback_report(
        "Feedback-Type: abuse\nUser-Agent: FBL/1.0\nVersion: 1\n"
        "Original-Rcpt-To: <alice@example.org>\nOriginal-Rcpt-To: bob@example.org\n",
        "From: news@list.example\nTo: someone@example.org\nSubject: news\n"));
    REQUIRE(report.format == "arf");
    REQUIRE(report.recipients.size() == 2);
    CHECK(report.recipients[0].recipient == "alice@example.org");
    CHECK(report.recipients[1].recipient == "bob@example.org");
    for (const auto& r : report.recipients) {
        CHECK(to_string(r.reason) == "feedback");
        CHECK(to_string(r.bounce_class) == "complaint");
        CHECK(r.feedback_type == "abuse");
    }
}

TEST_CASE("arf: without Original-Rcpt-To the original's To names the complainant", "[classify][arf]") {
    auto report = classify_message(feedback_report("Feedback-Type: abuse\nVersion: 1\n",
        "From: news@list.example\nTo: <carol@example.org>\nSubject: news\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "carol@example.org");
    CHECK(to_string(report.recipients[0].bounce_class) == "complaint");
}

TEST_CASE("arf: undisclosed recipients fall back on the VERP return path", "[classify][arf]") {
    auto report = classify_message(feedback_report("Feedback-Type: abuse\nVersion: 1\n",
        "Return-Path: <bounces+dave=example.org@list.example>\nFrom: news@list.example\n"
        "To: <Undisclosed Recipients>\nSubject: news\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "dave@example.org");
}
