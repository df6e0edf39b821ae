// RFC 3834 automatic replies: a person's out-of-office reply is class "autoreply";
// the same headers from a mail system's mailbox are not a person's reply.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"

namespace {

using classify::classify_message;
using classify::to_string;

}  // namespace

TEST_CASE("autoreply: Auto-Submitted: auto-replied from a person is a vacation reply", "[classify][autoreply]") {
    auto report = classify_message(
        "From: Taro <taro@example.jp>\nTo: news@list.example\nSubject: Re: news\n"
        "Auto-Submitted: auto-replied\n\nI am away until Monday.\n");
    REQUIRE(report.format == "rfc3834");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "taro@example.jp");
    CHECK(to_string(report.recipients[0].reason) == "vacation");
    CHECK(to_string(report.recipients[0].bounce_class) == "autoreply");
}

TEST_CASE("autoreply: a Japanese subject at the start is enough", "[classify][autoreply]") {
    auto report = classify_message(
        "From: hanako@example.jp\nTo: news@list.example\n"
        "Subject: =?UTF-8?B?6Ieq5YuV6L+U5L+h?=\n\n\xE4\xB8\x8D\xE5\x9C\xA8\n");  // 自動返信 / 不在
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].reason) == "vacation");
}

TEST_CASE("autoreply: auto-replied notices from postmaster are not a person's reply", "[classify][autoreply]") {
    auto report = classify_message(
        "From: postmaster@example.de\nTo: news@list.example\nSubject: notification\n"
        "Auto-Submitted: auto-replied\n\nThis is an automatic notice.\n");
    CHECK(report.format != "rfc3834");
    for (const auto& r : report.recipients) CHECK(to_string(r.bounce_class) != "autoreply");
}

TEST_CASE("autoreply: a subject that only mentions a holiday is not enough", "[classify][autoreply]") {
    auto report = classify_message(
        "From: jiro@example.jp\nTo: news@list.example\nSubject: Photos from my vacation\n\nLook!\n");
    CHECK(report.recipients.empty());
}
