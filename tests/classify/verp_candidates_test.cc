// Report::verp_candidates: what the trust check verifies instead of reading the
// received message's header a second time (bounced/trust/trust_check.cc).
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"

using namespace classify;

namespace {

std::string message_with(const std::string& fields) {
    return "From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail Returned to Sender\r\n" + fields +
           "Content-Type: text/plain\r\n\r\nThis is a notice.\r\n";
}

}  // namespace

TEST_CASE("verp candidates: VERP-shaped addresses of the envelope fields, Delivered-To first", "[classify]") {
    const auto report = classify_message(
        message_with("To: Bounces <bounces+bob=example.org.ABCDEFGHIJ@list.example>\r\n"
                     "Delivered-To: bounces+alice=example.org.KLMNOPQRST@list.example\r\n"
                     "X-Original-To: bounces@list.example\r\n"
                     "Envelope-To: bounces+carol=example.net@list.example\r\n"),
        Limits{});
    REQUIRE(report.verp_candidates.size() == 3);
    CHECK(report.verp_candidates[0] == "bounces+alice=example.org.klmnopqrst@list.example");
    CHECK(report.verp_candidates[1] == "bounces+carol=example.net@list.example");
    CHECK(report.verp_candidates[2] == "bounces+bob=example.org.abcdefghij@list.example");
}

TEST_CASE("verp candidates: every Delivered-To counts, but never more than the bound", "[classify]") {
    std::string fields;
    for (int i = 0; i < 200; ++i)
        fields += "Delivered-To: bounces+u" + std::to_string(i) + "=example.org.ABCDEFGHIJ@list.example\r\n";
    const auto report = classify_message(message_with(fields), Limits{});
    REQUIRE(report.verp_candidates.size() == kMaxVerpCandidates);
    CHECK(report.verp_candidates[1] == "bounces+u1=example.org.abcdefghij@list.example");
}

TEST_CASE("verp candidates: none without a '+' in the local part", "[classify]") {
    const auto report = classify_message(message_with("To: bounces@list.example\r\nDelivered-To: a+b@\r\n"), Limits{});
    CHECK(report.verp_candidates.empty());
}
