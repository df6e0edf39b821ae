// The error lines of the project's seed articles (Japanese operators' guides to
// 550-554 and 5.1.1, 5.2.2, 5.4.1, 5.7.1), each with the class and reason the
// article's explanation implies. Every line goes through the whole classifier as
// the Diagnostic-Code of a DSN that has no Status field, so the words and the codes
// inside them decide.
#include <catch2/catch.hpp>

#include "classify/classifier.h"
#include "dsn_builder.h"

namespace {

struct SeedCase {
    const char* diagnostic;
    const char* reason;
    const char* bounce_class;
};

const SeedCase kSeedCases[] = {
    // The destination host does not exist: the domain part is wrong.
    {"550 Host unknown", "hostunknown", "hard"},
    {"550 5.1.1 <taro@example.jp>... User unknown", "userunknown", "hard"},
    {"550 User unknown", "userunknown", "hard"},
    {"550 sorry, no mailbox here by that name. (#5.1.1)", "userunknown", "hard"},
    {"550 5.1.1 recipient rejected", "userunknown", "hard"},
    {"550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the "
     "recipient's email address for typos", "userunknown", "hard"},
    {"550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown", "userunknown", "hard"},
    // Relaying refused: the sender's setup, not the subscriber.
    {"550 Relaying Denied", "norelaying", "policy"},
    {"550 5.7.1 relaying denied", "norelaying", "policy"},
    {"554 5.7.1 <taro@example.jp>: Relay access denied", "norelaying", "policy"},
    {"553 Recipient is not local", "norelaying", "policy"},
    // Refused by the receiver's lists or reverse-DNS checks.
    {"550 5.7.1 Access denied", "blocked", "policy"},
    {"554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org", "blocked", "policy"},
    {"550 5.7.1 Message rejected: the sending host is on our block list", "blocked", "policy"},
    {"554 5.7.1 <unknown[192.0.2.9]>: Client host rejected: Access denied", "blocked", "policy"},
    // 551 with "Access Denied": the article reads it as a user that no longer exists.
    {"551 Access Denied", "userunknown", "hard"},
    // Too large a message is the sender's to fix; a full mailbox is temporary.
    {"552 Message is too large", "mesgtoobig", "soft"},
    {"552 5.2.2 user is over quota", "mailboxfull", "soft"},
    {"550 5.7.1 Email quota exceeded", "mailboxfull", "soft"},
    // A malformed address will never work.
    {"553 5.1.3 <taro@example,jp>... Unbalanced '<'", "userunknown", "hard"},
    {"553 Spam or junk mail threshold exceeded.", "spamdetected", "policy"},
    {"554 Unsolicited Bulk Email not accepted!! Check your mail server", "spamdetected", "policy"},
    // Outlook's refusal of a recipient it does not host.
    {"550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "userunknown", "hard"},
    // A Postfix access table refusing the recipient: the receiver filters it.
    {"554 5.7.1 <taro@example.jp>: Recipient address rejected: Access denied", "filtered", "policy"},
    // Service trouble at the receiver: try again later.
    {"554 Service unavailable", "systemerror", "soft"},
    {"554 5.0.0 Service unavailable", "systemerror", "soft"},
    {"451 4.3.0 temporary failure", "systemerror", "soft"},
    {"555 5.5.4 Unsupported option: SMTPUTF8", "syntaxerror", "soft"},
    // Every recipient was refused earlier in the session: the words say no more.
    {"554 5.5.1 Error: no valid recipients", "undefined", "soft"},
};

}  // namespace

TEST_CASE("seeds: every error line of the seed articles gets the class and reason it implies", "[classify][seeds]") {
    for (const auto& c : kSeedCases) {
        auto report = classify::classify_message(test::make_dsn("taro@example.jp", c.diagnostic));
        INFO("diagnostic: " << c.diagnostic);
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients.front();
        INFO("rule: " << r.rule);
        CHECK(classify::to_string(r.reason) == c.reason);
        CHECK(classify::to_string(r.bounce_class) == c.bounce_class);
    }
}

TEST_CASE("seeds: codes inside the text become the status and reply code", "[classify][seeds]") {
    auto report = classify::classify_message(test::make_dsn("taro@example.jp", "552 5.2.2 user is over quota"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].status == "5.2.2");
    CHECK(report.recipients[0].reply_code == 552);
}
