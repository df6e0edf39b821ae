// The free-text last resort: a guess, so it must not turn notices into bounces.
#include <catch2/catch.hpp>

#include "classify/classifier.h"

namespace {

std::string notice(const std::string& body) {
    return "From: postmaster@mail.example.de\nTo: bounces+taro=example.net@list.example\n"
           "Subject: delivery notification\n\n" + body;
}

}  // namespace

TEST_CASE("free_text: a mention without any SMTP verdict is a notice, not a bounce", "[classify]") {
    auto report = classify::classify_message(notice(
        "This is to let you know about your message.\nreason: see the portal\ntarget address: taro@example.net\n"));
    CHECK(report.outcome == classify::Outcome::not_bounce);
    CHECK(report.recipients.empty());
    CHECK(report.verp_recipient == "taro@example.net");
}

TEST_CASE("free_text: a mention next to the receiver's reply is a guessed bounce", "[classify]") {
    auto report = classify::classify_message(notice(
        "Your message could not be delivered.\nThe server said: 550 5.1.1 mailbox taro@example.net unknown\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "taro@example.net");
    CHECK(report.recipients[0].source == classify::RecipientSource::body_text);
    CHECK(classify::to_string(report.recipients[0].reason) == "userunknown");
}

TEST_CASE("free_text: the VERP return path names the recipient when the prose has a verdict", "[classify]") {
    auto report = classify::classify_message(notice("Delivery failed: 552 5.2.2 mailbox full\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "taro@example.net");
    CHECK(report.recipients[0].source == classify::RecipientSource::verp);
    CHECK(classify::to_string(report.recipients[0].reason) == "mailboxfull");
}
