// Delay warnings in the store (issue 12, item 5): a `delayed` result is logged as
// an event with its cause, and changes nothing else: no backoff, no soft count,
// no counters on the subscriber, no domain throttle. SES (DeliveryDelay) and
// Postmark (Transient) treat delays the same way.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::PgFixture;

namespace {

constexpr double kDay = 86400;

// A delay warning for `address` whose cause is `reason` (its class is delayed
// whatever the reason, as the classifier gives it).
classify::RecipientResult delay_warning(const std::string& address, Reason reason) {
    auto r = db_test::recipient(address, reason);
    r.action = "delayed";
    r.status = "4.2.2";
    r.bounce_class = classify::BounceClass::delayed;
    r.diagnostic = "452 4.2.2 mailbox full, still trying";
    return r;
}

db::IncomingMessage delayed_message(const std::string& fingerprint, const std::string& address, Reason reason,
                                    const std::string& mid) {
    return db_test::message(fingerprint, {delay_warning(address, reason)}, mid);
}

db::SendStatus status_of(db::Store& store, const std::string& address) {
    db::SendStatus s;
    REQUIRE(store.check(address, &s).ok());
    return s;
}

// Everything the apply functions may change about one subscriber, as one string.
std::string subscriber_row(PgFixture& pg, const std::string& address) {
    auto rows = pg.query(
        "SELECT concat_ws('|', status, bounce_count, hard_count, complaint_count, last_bounce_class,"
        " last_bounce_reason, extract(epoch FROM last_bounce_at), extract(epoch FROM next_send_after),"
        " soft_counted_since) FROM subscribers WHERE address = $1",
        {address});
    return rows.empty() ? std::string("(none)") : rows[0];
}

}  // namespace

TEST_CASE("delayed: a delay warning is logged with its cause and creates no subscriber", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const auto out = store->apply({delayed_message("d1", "slow@example.com", Reason::mailboxfull, "<m1@list>")});
    REQUIRE(out.status.ok());
    CHECK(out.applied == 1);
    CHECK(out.decisions.empty());
    CHECK(pg.query("SELECT bounce_class || ' ' || reason || ' ' || action FROM bounce_events") ==
          std::vector<std::string>{"delayed mailboxfull delayed"});
    CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);
    CHECK(status_of(*store, "slow@example.com").allowed);
}

TEST_CASE("delayed: delay warnings leave a backed-off subscriber's status, backoff and counts as they were",
          "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->apply({db_test::bounce("s1", "full@example.com", Reason::mailboxfull, "<m1@list>")}).status.ok());
    const auto before = subscriber_row(pg, "full@example.com");
    const auto backoff = status_of(*store, "full@example.com");
    REQUIRE(backoff.why == "backoff");
    pg.advance(kDay / 4);
    for (int i = 0; i < 6; ++i)
        REQUIRE(store->apply({delayed_message("d" + std::to_string(i), "full@example.com", Reason::mailboxfull,
                                              "<d" + std::to_string(i) + "@list>")}).status.ok());
    CHECK(subscriber_row(pg, "full@example.com") == before);
    const auto after = status_of(*store, "full@example.com");
    CHECK(after.why == "backoff");
    REQUIRE(after.until);
    CHECK(*after.until == *backoff.until);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE bounce_class = 'delayed'") == 6);
}

TEST_CASE("delayed: delay warnings never count towards soft suppression", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    // Four soft bounces from four sent messages: one short of suppression.
    for (int i = 0; i < 4; ++i) {
        REQUIRE(store->apply({db_test::bounce("s" + std::to_string(i), "edge@example.com", Reason::mailboxfull,
                                              "<s" + std::to_string(i) + "@list>")}).status.ok());
        pg.advance(kDay / 2);
    }
    // Ten delay warnings for ten more messages do not make it five.
    for (int i = 0; i < 10; ++i)
        REQUIRE(store->apply({delayed_message("d" + std::to_string(i), "edge@example.com", Reason::expired,
                                              "<d" + std::to_string(i) + "@list>")}).status.ok());
    const auto s = status_of(*store, "edge@example.com");
    CHECK(s.why == "backoff");
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 0);
}

TEST_CASE("delayed: delay warnings for a policy cause never throttle the domain", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    std::vector<db::IncomingMessage> batch;
    for (int i = 0; i < 40; ++i) {
        const auto n = std::to_string(i);
        batch.push_back(delayed_message("d" + n, "u" + n + "@strict.example", Reason::blocked, "<d" + n + "@list>"));
    }
    const auto out = store->apply(batch);
    REQUIRE(out.status.ok());
    CHECK(out.decisions.empty());
    CHECK(status_of(*store, "anyone@strict.example").allowed);
    CHECK(pg.count("SELECT count(*) FROM domain_health") == 0);  // not even a policy count
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE bounce_class = 'delayed'") == 40);
}

TEST_CASE("delayed: the report counts deferrals per receiving domain, this period against the last", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const db::Time start = pg.now();
    // Previous period: one warning at slow.example.
    REQUIRE(store->apply({delayed_message("p0", "a@slow.example", Reason::expired, "<p0@list>")}).status.ok());
    pg.advance(kDay);
    const db::Time since = pg.now();
    // This period: three at slow.example (two addresses, mostly mailboxfull), one at
    // other.example, and a soft failure that is no deferral.
    REQUIRE(store->apply({delayed_message("c0", "a@slow.example", Reason::mailboxfull, "<c0@list>"),
                          delayed_message("c1", "b@slow.example", Reason::mailboxfull, "<c1@list>"),
                          delayed_message("c2", "a@slow.example", Reason::expired, "<c2@list>"),
                          delayed_message("c3", "x@other.example", Reason::blocked, "<c3@list>"),
                          db_test::bounce("c4", "y@third.example", Reason::mailboxfull, "<c4@list>")})
                .status.ok());
    pg.advance(kDay / 2);
    db::ReportQuery q;
    q.since = since;
    q.until = since + (since - start);
    db::ReportData d;
    const auto status = store->report(q, &d);
    INFO(status.message);
    REQUIRE(status.ok());
    REQUIRE(d.deferrals.size() == 2);
    CHECK(d.deferrals_total == 4);
    CHECK(d.deferrals[0].domain == "slow.example");
    CHECK(d.deferrals[0].current == 3);
    CHECK(d.deferrals[0].previous == 1);
    CHECK(d.deferrals[0].addresses == 2);
    CHECK(d.deferrals[0].top_reason == "mailboxfull");
    CHECK(d.deferrals[1].domain == "other.example");
    CHECK(d.deferrals[1].current == 1);
    CHECK(d.deferrals[1].previous == 0);
}
