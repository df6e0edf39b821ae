// From raw bounce bytes to subscriber status: classify::classify_message, then
// Store::apply, on messages written here (an RFC 3464 DSN and an RFC 5965 complaint).
#include <catch2/catch.hpp>

#include "classify/classifier.h"
#include "tests/db/pg_fixture.h"

namespace {

std::string dsn(const std::string& rcpt, const std::string& status, const std::string& diagnostic) {
    return "From: MAILER-DAEMON@mx.example.net\r\n"
           "To: bounces@news.example.org\r\n"
           "Subject: Undelivered Mail Returned to Sender\r\n"
           "Message-ID: <dsn-" + rcpt + "@mx.example.net>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
           "--b1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
           "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
           "Reporting-MTA: dns; mx.example.net\r\n\r\n"
           "Final-Recipient: rfc822; " + rcpt + "\r\n"
           "Action: failed\r\nStatus: " + status + "\r\n"
           "Remote-MTA: dns; mail.example.com\r\n"
           "Diagnostic-Code: smtp; " + diagnostic + "\r\n\r\n"
           "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
           "Message-ID: <issue-42@news.example.org>\r\nFrom: news@news.example.org\r\nTo: " + rcpt + "\r\n\r\n"
           "--b1--\r\n";
}

std::string complaint(const std::string& rcpt) {
    return "From: fbl@isp.example.com\r\nTo: abuse@news.example.org\r\nSubject: Complaint\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b2\"\r\n\r\n"
           "--b2\r\nContent-Type: text/plain\r\n\r\nThis is an abuse report.\r\n"
           "--b2\r\nContent-Type: message/feedback-report\r\n\r\n"
           "Feedback-Type: abuse\r\nUser-Agent: isp/1.0\r\nVersion: 1\r\n"
           "Original-Rcpt-To: " + rcpt + "\r\n\r\n"
           "--b2\r\nContent-Type: message/rfc822\r\n\r\n"
           "Message-ID: <issue-42@news.example.org>\r\nFrom: news@news.example.org\r\nTo: " + rcpt + "\r\n"
           "Subject: news\r\n\r\nhello\r\n"
           "--b2--\r\n";
}

db::IncomingMessage incoming(const std::string& raw) {
    db::IncomingMessage m;
    m.fingerprint = db::fingerprint_of(raw);
    m.source = "test";
    m.report = classify::classify_message(raw);
    return m;
}

}  // namespace

TEST_CASE("end to end: a 5.1.1 DSN suppresses, a 4.2.2 DSN backs off, an ARF report suppresses", "[pg]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const std::vector<db::IncomingMessage> batch = {
        incoming(dsn("gone@example.com", "5.1.1", "550 5.1.1 <gone@example.com>: User unknown")),
        incoming(dsn("full@example.com", "4.2.2", "452 4.2.2 Mailbox full")),
        incoming(complaint("angry@example.com")),
    };
    const auto out = store->apply(batch);
    REQUIRE(out.status.ok());
    CHECK(out.applied == 3);
    db::SendStatus s;
    REQUIRE(store->check("gone@example.com", &s).ok());
    CHECK(s.why == "suppressed");
    CHECK(s.bounce_class == "hard");
    REQUIRE(store->check("full@example.com", &s).ok());
    CHECK(s.why == "backoff");
    REQUIRE(store->check("angry@example.com", &s).ok());
    CHECK(s.why == "suppressed");
    CHECK(s.bounce_class == "complaint");
    CHECK(pg.query("SELECT DISTINCT original_message_id FROM bounce_events") ==
          std::vector<std::string>{"issue-42@news.example.org"});
    CHECK(store->apply(batch).duplicates == 3);
}
