// Diagnostics normalised so that one refusal counts once, whoever it was for.
#include <catch2/catch.hpp>

#include "bounced/report/diagnostic.h"

using bounced::report::normalise_diagnostic;

TEST_CASE("report_diagnostic: addresses, numbers, hosts and ids are masked, codes kept", "[report]") {
    struct Row {
        const char *in, *out;
    };
    const Row rows[] = {
        {"550 5.1.1 <hanako@example.org>: Recipient address rejected: User unknown",
         "550 5.1.1 <{address}>: Recipient address rejected: User unknown"},
        {"550 5.1.1 <taro@example.net>: Recipient address rejected: User unknown",
         "550 5.1.1 <{address}>: Recipient address rejected: User unknown"},
        {"554 5.7.1 Service unavailable; Client host [192.0.2.80] blocked using zen.spamhaus.org",
         "554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org"},
        {"421 4.7.0 Try again in 300 seconds. a640si1234567.27 - gsmtp",
         "421 4.7.0 Try again in {n} seconds. {id} - gsmtp"},
        {"552 5.2.2 <jiro@example.net>: user is over quota (in reply to RCPT TO command)",
         "552 5.2.2 <{address}>: user is over quota (in reply to RCPT TO command)"},
        {"Sorry, I couldn't find any host named no-such-domain.example. (#5.1.2)",
         "Sorry, I couldn't find any host named no-such-domain.example. (#5.1.2)"},
        {"connect to mx1.example.net[198.51.100.9]:25: Connection timed out",
         "connect to {id}: Connection timed out"},
        {"550-5.1.1 The email account that you tried to reach does not exist.",
         "550-5.1.1 The email account that you tried to reach does not exist."},
        {"451 4.3.0 Temporary failure, queue id 4F2A81C0E2, try later",
         "451 4.3.0 Temporary failure, queue id {id}, try later"},
        {"550 5.7.1 [IPv6:2001:db8::25] rejected", "550 5.7.1 [{ip}] rejected"},
        {"  550   5.1.1\r\n  user   unknown ", "550 5.1.1 user unknown"},
        {"host mx.example.org [192.0.2.44] SMTP error from remote mail server after RCPT TO:<kuro@example.org>: 550 relay not permitted",
         "host mx.example.org [{ip}] SMTP error from remote mail server after RCPT TO:<{address}>: 550 relay not permitted"},
        {"Delivery failed for hanako@example.org, taro@example.org.",
         "Delivery failed for {address}, {address}."},
        {"", ""},
    };
    for (const auto& r : rows) {
        INFO(r.in);
        CHECK(normalise_diagnostic(r.in) == r.out);
    }
}

TEST_CASE("report_diagnostic: a reply code is kept only where a reply code stands", "[report]") {
    CHECK(normalise_diagnostic("over quota 552 552") == "over quota {n} {n}");
    CHECK(normalise_diagnostic("said: 552 over quota") == "said: 552 over quota");
    CHECK(normalise_diagnostic("remote said 552 5.2.2 over quota") == "remote said 552 5.2.2 over quota");
}
