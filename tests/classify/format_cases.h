// Table-driven tests of bounce layouts: each case is a small bounce written for the
// test in an MTA's own wording, with the format, recipients, status, reason and class
// it must give. Every case runs with LF and with CRLF line endings.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/classifier.h"

namespace format_cases {

using classify::BounceClass;
using classify::Reason;

struct Expected {
    std::string recipient;
    std::string status;
    Reason reason;
    BounceClass bounce_class;
};

struct Case {
    const char* name;
    std::string format;
    std::string bytes;
    std::vector<Expected> recipients;
};

inline std::string with_crlf(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

// The headers of a bounce from a mailer daemon, for layouts that need nothing more.
inline const std::string kDaemonHeaders =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
    "To: sender@example.net\n"
    "Subject: Mail delivery failed\n"
    "Date: Tue, 11 Jun 2024 18:02:02 +0900\n"
    "Message-Id: <bounce-1@mx.example.net>\n";

inline std::string mail(const std::string& headers, const std::string& body) { return headers + "\n" + body; }

inline void check(const Case& c, const std::string& bytes) {
    INFO(c.name);
    auto report = classify::classify_message(bytes);
    CHECK(report.format == c.format);
    REQUIRE(report.recipients.size() == c.recipients.size());
    for (std::size_t i = 0; i < c.recipients.size(); ++i) {
        const auto& got = report.recipients[i];
        const auto& want = c.recipients[i];
        INFO("recipient " << i << " diagnostic: " << got.diagnostic << " rule: " << got.rule);
        CHECK(got.recipient == want.recipient);
        CHECK(got.status == want.status);
        CHECK(got.reason == want.reason);
        CHECK(got.bounce_class == want.bounce_class);
    }
}

inline void check_lf_and_crlf(const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        check(c, c.bytes);
        check(c, with_crlf(c.bytes));
    }
}

}  // namespace format_cases
