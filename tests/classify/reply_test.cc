// classify_reply: a provider's relayed reply gets the reason, class and rule a mailbox
// bounce with the same reply gets; a reply with nothing to go on is marked undecided.
#include <catch2/catch.hpp>

#include "classify/classifier.h"
#include "classify/reply.h"

using classify::BounceClass;
using classify::Reason;

TEST_CASE("reply: the same words give the same reason as a bounce message", "[reply]") {
    classify::Reply reply;
    reply.recipient = "Alice@Example.org";
    reply.reply_code = 550;
    reply.diagnostic = "5.1.1 <alice@example.org>: Recipient address rejected: User unknown in virtual mailbox table";
    reply.action = "failed";
    const auto r = classify::classify_reply(reply);
    CHECK(r.recipient == "alice@example.org");
    CHECK(r.reason == Reason::userunknown);
    CHECK(r.bounce_class == BounceClass::hard);
    CHECK(r.status == "5.1.1");
    CHECK(classify::rules_decided(r));

    // The same reply in a Postfix DSN read from a mailbox.
    const std::string dsn =
        "From: MAILER-DAEMON@mx.list.example\r\nTo: bounces@list.example\r\nSubject: Undelivered Mail\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.list.example\r\n\r\n"
        "Final-Recipient: rfc822; alice@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 " + reply.diagnostic + "\r\n\r\n--b--\r\n";
    const auto report = classify::classify_message(dsn);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].reason == r.reason);
    CHECK(report.recipients[0].bounce_class == r.bounce_class);
}

TEST_CASE("reply: a provider's own codes are no SMTP reply, and nothing stated is undecided", "[reply]") {
    classify::Reply reply;
    reply.recipient = "bob@example.org";
    reply.reply_code = 605;  // Mailgun: not delivering to a previously bounced address
    const auto r = classify::classify_reply(reply);
    CHECK(r.reply_code == 0);
    CHECK_FALSE(classify::rules_decided(r));

    reply.reply_code = 552;
    reply.diagnostic = "5.2.2 The email account that you tried to reach is over quota.";
    const auto full = classify::classify_reply(reply);
    CHECK(classify::rules_decided(full));
    CHECK(full.reason == Reason::mailboxfull);
}
