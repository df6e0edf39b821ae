// The error lines of the project's seed articles (Japanese operators' guides to
// 550-554 and 5.1.1, 5.2.2, 5.4.1, 5.7.1), each with the class and reason the
// article's explanation implies. Every line goes through the whole classifier in
// each shape a subscriber's bounce takes (notice_shapes.h): the Diagnostic-Code of
// a DSN that has no Status field, Postfix's bounce with and without its delivery
// report, Gmail's Japanese notice as text, HTML or both, with and without its
// report, and Exchange Online's Japanese notice. The receiver's words and codes
// must decide the same way in each; who carried the reply must not matter.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "dsn_builder.h"
#include "notice_shapes.h"
#include "single_verdict.h"

namespace {

struct SeedCase {
    const char* diagnostic;
    const char* reason;
    const char* bounce_class;
    // The command the receiver answered, as Postfix names it ("in reply to RCPT TO
    // command"): RCPT for the recipient's refusals, DATA for the message's.
    const char* command = "RCPT";
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
    // The same as a web page or an HTML notice shows it, the address in brackets lost.
    {"550 5.1.1 : Recipient address rejected: User unknown", "userunknown", "hard"},
    {"550 5.1.1 taro@example.jp... User unknown", "userunknown", "hard"},
    {"550 5.1.1 User unknown", "userunknown", "hard"},
    // qmail's words without a reply code in front, as a notice quotes them.
    {"Sorry, no mailbox here by that name. (#5.1.1)", "userunknown", "hard"},
    // Google's multi-line reply as an MTA joins it into one line.
    {"550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 "
     "double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. "
     "Learn more at 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a1-20020a05 - gsmtp",
     "userunknown", "hard"},
    // Exchange's 550 5.5.0: the mailbox is not there (the article's typo case).
    {"550 5.5.0 Requested action not taken: mailbox unavailable", "userunknown", "hard"},
    // Relaying refused: the sender's setup, not the subscriber.
    {"550 Relaying Denied", "norelaying", "policy"},
    {"550 5.7.1 relaying denied", "norelaying", "policy"},
    {"554 5.7.1 <taro@example.jp>: Relay access denied", "norelaying", "policy"},
    {"554 5.7.1 Relay Access Denied", "norelaying", "policy"},
    {"553 Recipient is not local", "norelaying", "policy"},
    // Refused by the receiver's lists or reverse-DNS checks.
    {"550 5.7.1 Access denied", "blocked", "policy"},
    {"554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org", "blocked", "policy"},
    {"550 5.7.1 Message rejected: the sending host is on our block list", "blocked", "policy"},
    {"554 5.7.1 <unknown[192.0.2.9]>: Client host rejected: Access denied", "blocked", "policy"},
    {"554 5.7.1 Client host rejected: Access denied", "blocked", "policy"},
    // 551 with "Access Denied": the article reads it as a user that no longer exists.
    {"551 Access Denied", "userunknown", "hard"},
    // Too large a message is the sender's to fix; a full mailbox is temporary.
    {"552 Message is too large", "mesgtoobig", "soft", "DATA"},
    {"552 5.2.2 user is over quota", "mailboxfull", "soft"},
    {"550 5.7.1 Email quota exceeded", "mailboxfull", "soft"},
    // A malformed address will never work.
    {"553 5.1.3 <taro@example,jp>... Unbalanced '<'", "userunknown", "hard"},
    {"553 Spam or junk mail threshold exceeded.", "spamdetected", "policy", "DATA"},
    {"554 Unsolicited Bulk Email not accepted!! Check your mail server", "spamdetected", "policy", "DATA"},
    // Outlook's refusal of a recipient it does not host.
    {"550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "userunknown", "hard"},
    // A Postfix access table refusing the recipient: the receiver filters it.
    {"554 5.7.1 <taro@example.jp>: Recipient address rejected: Access denied", "filtered", "policy"},
    // Seed 000's Gmail notice, the address in brackets lost in its HTML.
    {"554 5.7.1 : Recipient address rejected: Access denied", "filtered", "policy"},
    // Service trouble at the receiver: try again later.
    {"554 Service unavailable", "systemerror", "soft"},
    {"554 5.0.0 Service unavailable", "systemerror", "soft"},
    {"451 4.3.0 temporary failure", "systemerror", "soft"},
    {"555 5.5.4 Unsupported option: SMTPUTF8", "syntaxerror", "soft"},
    {"555 Unsupported option: SMTPUTF8", "syntaxerror", "soft"},
    // The lines as the articles print them: a dash after the codes, cut short,
    // a placeholder option, words without a code.
    {"550 5.1.1 \xE2\x80\x93 User unknown", "userunknown", "hard"},
    {"550 5.1.1 \xE2\x80\x93 recipient rejected", "userunknown", "hard"},
    {"550 5.1.1 \xE2\x80\x93 The email account that you tried to reach does not exist. Please try", "userunknown", "hard"},
    {"550 5.4.1 \xE2\x80\x93 Recipient address rejected: Access denied", "userunknown", "hard"},
    {"550 5.7.1 \xE2\x80\x93 Email quota exceeded", "mailboxfull", "soft"},
    {"550 no mailbox here", "userunknown", "hard"},
    {"550 Requested action not taken: mailbox unavailable", "userunknown", "hard"},
    {"554 Unsolicited Bulk Email not accepted!! Check", "spamdetected", "policy", "DATA"},
    {"555 Unsupported option:SMTPUTF8", "syntaxerror", "soft"},
    {"temporary failure", "systemerror", "soft"},
    {"554 5.7.1 Recipient address rejected: Access denied", "filtered", "policy"},
    // Every recipient was refused earlier in the session: the words say no more.
    {"554 5.5.1 Error: no valid recipients", "undefined", "soft"},
};

namespace shapes = notice_shapes;

struct Shape {
    const char* name;
    std::function<std::string(const SeedCase&)> build;
    // Bound by the README's convention (a DSN's X.0.0 with nothing naming the
    // command makes "User unknown" a filter): checked in a [!mayfail] test.
    bool by_convention = false;
};

const std::string kRecipient = "taro@example.jp";

const std::vector<Shape>& all_shapes() {
    using shapes::GmailBody;
    using shapes::Returned;
    static const std::vector<Shape> list = {
        {"dsn", [](const SeedCase& c) { return test::make_dsn(kRecipient, c.diagnostic); }},
        {"postfix report, message",
         [](const SeedCase& c) { return shapes::postfix_bounce(kRecipient, c.diagnostic, c.command, true, Returned::message); }},
        {"postfix report, headers",
         [](const SeedCase& c) { return shapes::postfix_bounce(kRecipient, c.diagnostic, c.command, true, Returned::headers); }},
        {"postfix report, RCPT",
         [](const SeedCase& c) { return shapes::postfix_bounce(kRecipient, c.diagnostic, "RCPT", true, Returned::message); }},
        {"postfix notice, message",
         [](const SeedCase& c) { return shapes::postfix_bounce(kRecipient, c.diagnostic, c.command, false, Returned::message); }},
        {"postfix notice, headers",
         [](const SeedCase& c) { return shapes::postfix_bounce(kRecipient, c.diagnostic, c.command, false, Returned::headers); }},
        {"gmail ja report, text+html",
         [](const SeedCase& c) { return shapes::gmail_ja(kRecipient, c.diagnostic, GmailBody::both, true); }},
        {"gmail ja report, html",
         [](const SeedCase& c) { return shapes::gmail_ja(kRecipient, c.diagnostic, GmailBody::html, true); }},
        {"gmail ja text+html",
         [](const SeedCase& c) { return shapes::gmail_ja(kRecipient, c.diagnostic, GmailBody::both, false); }},
        {"gmail ja text",
         [](const SeedCase& c) { return shapes::gmail_ja(kRecipient, c.diagnostic, GmailBody::text, false); }},
        {"gmail ja html",
         [](const SeedCase& c) { return shapes::gmail_ja(kRecipient, c.diagnostic, GmailBody::html, false); }},
        {"gmail ja text, address-not-found heading",
         [](const SeedCase& c) {
             return shapes::gmail_ja(kRecipient, c.diagnostic, GmailBody::text, false, shapes::kHeadingAddressNotFound,
                                     Returned::headers);
         }},
        {"gmail ja plain, as seed 000 shows it", [](const SeedCase& c) { return shapes::gmail_pasted(kRecipient, c.diagnostic); }},
        {"dsn with the stated status",
         [](const SeedCase& c) { return test::make_dsn(kRecipient, c.diagnostic, shapes::stated_status(c.diagnostic)); },
         true},
        {"outlook ja report", [](const SeedCase& c) { return shapes::outlook_ja(kRecipient, c.diagnostic, true); }},
        {"outlook ja text", [](const SeedCase& c) { return shapes::outlook_ja(kRecipient, c.diagnostic, false); }},
    };
    return list;
}

// Whether the bounce gives the one recipient, with the reason and class the case
// names; `why` says what it gave instead.
bool verdict_matches(const SeedCase& c, const std::string& bytes, std::string* why) {
    return test::single_verdict(bytes, kRecipient, c.bounce_class, c.reason, why);
}

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

namespace {

// Every seed line in every shape that is (or is not) decided by the README's convention.
void check_every_line_in_shapes(bool by_convention) {
    for (const auto& shape : all_shapes()) {
        if (shape.by_convention != by_convention) continue;
        for (const auto& c : kSeedCases) {
            std::string why;
            INFO("shape: " << shape.name << "\nline: " << c.diagnostic);
            bool ok = verdict_matches(c, shape.build(c), &why);
            INFO("got: " << why << "\nwant: " << c.bounce_class << "/" << c.reason);
            CHECK(ok);
        }
    }
}

}  // namespace

TEST_CASE("seeds: each line gives the same verdict in every shape of bounce", "[classify][seeds]") {
    check_every_line_in_shapes(false);
}

// XXX Issue 12 item 2: a bare DSN stating X.0.0 beside "550 User unknown", with no
// command named and no notice quoting the reply, still gives policy/filtered by
// the README's convention (the development corpus is labelled by it: a plain
// "550 user unknown" with Status 5.0.0 there is filtered). The other seed lines
// pass in this shape.
TEST_CASE("seeds: a DSN stating X.0.0 beside a reply without a code", "[classify][seeds][!mayfail]") {
    check_every_line_in_shapes(true);
}

// Not run by default (hidden tag): prints the pass rate of each shape, the figure
// the seed set is measured by. classify_tests "[.seeds-matrix]" -s
TEST_CASE("seeds: pass rate per shape", "[.seeds-matrix]") {
    for (const auto& shape : all_shapes()) {
        int passed = 0, total = 0;
        for (const auto& c : kSeedCases) {
            std::string why;
            ++total;
            if (verdict_matches(c, shape.build(c), &why)) ++passed;
        }
        WARN(shape.name << ": " << passed << "/" << total);
    }
}

TEST_CASE("seeds: codes inside the text become the status and reply code", "[classify][seeds]") {
    auto report = classify::classify_message(test::make_dsn("taro@example.jp", "552 5.2.2 user is over quota"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].status == "5.2.2");
    CHECK(report.recipients[0].reply_code == 552);
}
