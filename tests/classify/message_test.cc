// The MIME layer: what decoders get to see.
#include <catch2/catch.hpp>

#include "classify/parse/delivery_status.h"
#include "classify/parse/message.h"

using namespace classify;

TEST_CASE("message: CRLF, CR and LF line endings give the same parts", "[classify]") {
    std::string lf =
        "From: a@example.org\nSubject: test\nContent-Type: multipart/mixed; boundary=\"X\"\n\n"
        "--X\nContent-Type: text/plain\n\nhello\n--X\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        "d29ybGQ=\n--X--\n";
    std::string crlf, cr;
    for (char c : lf) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        cr += c == '\n' ? '\r' : c;
    }
    for (const auto* input : {&lf, &crlf, &cr}) {
        auto parsed = parse_message(*input, Limits{});
        REQUIRE(parsed.outcome == Outcome::not_bounce);
        REQUIRE(parsed.message.parts.size() == 2);
        CHECK(parsed.message.parts[0].text.find("hello") != std::string::npos);
        CHECK(parsed.message.parts[1].text == "world");
        CHECK(parsed.message.headers.get("subject") == "test");
    }
}

TEST_CASE("message: an attached message's headers are a part of their own", "[classify]") {
    std::string m =
        "Content-Type: multipart/report; boundary=\"R\"\n\n--R\nContent-Type: text/plain\n\nfailed\n"
        "--R\nContent-Type: message/rfc822\n\nMessage-ID: <orig@list.example>\nSubject: news\n\nbody\n--R--\n";
    auto parsed = parse_message(m, Limits{});
    REQUIRE(parsed.message.parts.size() >= 2);
    CHECK(parsed.message.parts[1].type == "message/rfc822-headers");
    CHECK(parsed.message.parts[1].text.find("<orig@list.example>") != std::string::npos);
    CHECK(parsed.message.parts.back().in_original);
}

TEST_CASE("delivery_status: per-message fields, then one group per recipient", "[classify]") {
    std::string text =
        "Reporting-MTA: dns; mx.example.net\nArrival-Date: Mon, 16 Nov 2026 09:00:00 +0000\n\n"
        "Final-Recipient: rfc822; a@example.org\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User\n    unknown\n\n"
        "Final-Recipient: rfc822; b@example.org\nAction: delayed\nStatus: 4.4.1\n";
    auto dsn = parse_delivery_status(text, 100);
    CHECK(dsn.per_message.get("Reporting-MTA") == "dns; mx.example.net");
    REQUIRE(dsn.recipients.size() == 2);
    CHECK(dsn.recipients[0].get("diagnostic-code") == "smtp; 550 5.1.1 User unknown");
    CHECK(dsn.recipients[1].get("Status") == "4.4.1");
    CHECK(strip_type_prefix(dsn.recipients[1].get("Final-Recipient")) == "b@example.org");
}

TEST_CASE("delivery_status: the last field of a group is kept without a blank line", "[classify]") {
    auto dsn = parse_delivery_status("Final-Recipient: rfc822; a@example.org\nStatus: 5.2.2", 100);
    REQUIRE(dsn.recipients.size() == 1);
    CHECK(dsn.recipients[0].get("Status") == "5.2.2");
}

TEST_CASE("delivery_status: recipient groups are bounded", "[classify]") {
    std::string text = "Reporting-MTA: dns; x.example\n\n";
    for (int i = 0; i < 50; ++i) text += "Final-Recipient: rfc822; u" + std::to_string(i) + "@example.org\n\n";
    CHECK(parse_delivery_status(text, 10).recipients.size() == 10);
}
