// Retention of the event log (db/store_prune.cc): old events go in batches, the
// evidence of current suppressions and the open held queue stay.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::bounce;
using db_test::PgFixture;

namespace {

constexpr double kDay = 86400;

db::Time days_ago(const PgFixture& pg, double days) {
    return pg.now() - std::chrono::duration_cast<db::Clock::duration>(std::chrono::duration<double>(days * kDay));
}

long events_of(PgFixture& pg, const std::string& address) {
    return pg.count("SELECT count(*) FROM bounce_events WHERE address = $1", {address});
}

}  // namespace

TEST_CASE("prune: deletes old events in batches, keeps a current suppression's evidence and the held queue", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    // 500 days ago: a hard bounce (suppressed), soft and policy bounces (nothing to keep),
    // a hard bounce for an address reactivated since, and one that will be held.
    REQUIRE(store->apply({bounce("h1", "dead@example.org", Reason::userunknown)}).status.ok());
    for (int i = 0; i < 5; ++i)
        REQUIRE(store->apply({bounce("s" + std::to_string(i), "soft" + std::to_string(i) + "@example.net", Reason::mailboxfull)}).status.ok());
    REQUIRE(store->apply({bounce("p1", "someone@example.com", Reason::blocked)}).status.ok());
    REQUIRE(store->apply({bounce("r1", "back@example.org", Reason::userunknown)}).status.ok());
    REQUIRE(store->apply({bounce("q1", "held@example.org", Reason::mailboxfull)}).status.ok());
    // As an untrusted bounce waits in the held queue (0008_trust_queue.sql).
    pg.query("UPDATE bounce_events SET trusted = false, held = 'not-sent' WHERE address = 'held@example.org' RETURNING id");
    bool changed = false;
    REQUIRE(store->reactivate("back@example.org", "mailbox fixed", &changed).ok());
    REQUIRE(changed);
    pg.advance(500 * kDay);
    REQUIRE(store->apply({bounce("n1", "recent@example.org", Reason::mailboxfull)}).status.ok());
    REQUIRE(pg.count("SELECT count(*) FROM bounce_events") == 10);

    db::PruneOutcome out;
    REQUIRE(store->prune_events(days_ago(pg, 400), 2, &out).ok());
    CHECK(out.deleted == 7);  // 5 soft, 1 policy, the reactivated address's hard bounce
    CHECK(out.kept == 2);     // the suppression's evidence, the held bounce
    CHECK(out.batches >= 4);  // 9 old ids, 2 per batch
    CHECK(events_of(pg, "dead@example.org") == 1);
    CHECK(events_of(pg, "held@example.org") == 1);
    CHECK(events_of(pg, "recent@example.org") == 1);
    CHECK(events_of(pg, "back@example.org") == 0);
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 3);
    // The suppression still shows the bounce that decided it.
    db::SubscriberDetail detail;
    REQUIRE(store->show("dead@example.org", &detail).ok());
    CHECK(detail.status == "suppressed");
    CHECK(detail.history.size() == 1);

    // Once lifted, its evidence is old like any other event; running again is safe.
    REQUIRE(store->reactivate("dead@example.org", "phoned", &changed).ok());
    REQUIRE(store->prune_events(days_ago(pg, 400), 10000, &out).ok());
    CHECK(out.deleted == 1);
    CHECK(out.kept == 1);
    CHECK(events_of(pg, "dead@example.org") == 0);
    REQUIRE(store->prune_events(days_ago(pg, 400), 10000, &out).ok());
    CHECK(out.deleted == 0);
}

TEST_CASE("prune: nothing old is nothing to do, and a batch below 1 is refused", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->apply({bounce("n1", "recent@example.org", Reason::mailboxfull)}).status.ok());
    db::PruneOutcome out;
    REQUIRE(store->prune_events(days_ago(pg, 400), 100, &out).ok());
    CHECK(out.deleted == 0);
    CHECK(out.batches == 0);
    CHECK(store->prune_events(days_ago(pg, 400), 0, &out).code == db::Code::invalid);
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 1);
}
