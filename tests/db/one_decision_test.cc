// deploy/sql/0012_one_decision.sql: a hard bounce or a complaint that repeats an earlier
// trusted one (same address, original Message-ID and class) is kept and counts
// nothing; what is not the same failure still counts. The cross-path case (a DSN and a
// provider's event) is in tests/bounced/http/webhook_sendgrid_test.cc.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::bounce;
using db_test::PgFixture;

namespace {

std::string counts(PgFixture& pg, const std::string& address) {
    const auto rows = pg.query(
        "SELECT concat_ws(' ', hard_count, complaint_count, bounce_count) FROM subscribers WHERE address = $1",
        {address});
    return rows.empty() ? "" : rows.front();
}

long events(PgFixture& pg, const std::string& address) {
    return pg.count("SELECT count(*) FROM bounce_events WHERE address = $1", {address});
}

}  // namespace

TEST_CASE("one decision: a repeated hard bounce or complaint of one message counts once", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    // Two reports of one failure, in two batches and within one batch.
    REQUIRE(store->apply({bounce("mail-1", "gone@example.com", Reason::userunknown, "<m1@list>")}).status.ok());
    const auto second = store->apply({bounce("hook-1", "gone@example.com", Reason::hostunknown, "<m1@list>")});
    REQUIRE(second.status.ok());
    CHECK(second.applied == 1);
    CHECK(second.decisions.empty());
    CHECK(counts(pg, "gone@example.com") == "1 0 1");
    CHECK(events(pg, "gone@example.com") == 2);  // both kept as evidence
    // The first decided: its reason stays.
    db::SendStatus status;
    REQUIRE(store->check("gone@example.com", &status).ok());
    CHECK(status.reason == "userunknown");

    REQUIRE(store->apply({bounce("arf-1", "angry@example.com", Reason::feedback, "<m2@list>"),
                          bounce("hook-2", "angry@example.com", Reason::feedback, "<m2@list>")})
                .status.ok());
    CHECK(counts(pg, "angry@example.com") == "0 1 1");
    CHECK(events(pg, "angry@example.com") == 2);
}

TEST_CASE("one decision: other messages, no Message-ID, another class, soft bounces still count", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    // Another message to the same address: a new failure.
    REQUIRE(store->apply({bounce("a1", "a@example.com", Reason::userunknown, "<m1@list>")}).status.ok());
    REQUIRE(store->apply({bounce("a2", "a@example.com", Reason::userunknown, "<m2@list>")}).status.ok());
    CHECK(counts(pg, "a@example.com") == "2 0 2");
    // Without the original's Message-ID nothing says they are one failure.
    REQUIRE(store->apply({bounce("b1", "b@example.com", Reason::userunknown)}).status.ok());
    REQUIRE(store->apply({bounce("b2", "b@example.com", Reason::userunknown)}).status.ok());
    CHECK(counts(pg, "b@example.com") == "2 0 2");
    // A complaint about a message that also hard-bounced is not the same report.
    REQUIRE(store->apply({bounce("c1", "c@example.com", Reason::userunknown, "<m3@list>")}).status.ok());
    REQUIRE(store->apply({bounce("c2", "c@example.com", Reason::feedback, "<m3@list>")}).status.ok());
    CHECK(counts(pg, "c@example.com") == "1 1 2");
    // Soft bounces count every report, as the soft rule intends.
    REQUIRE(store->apply({bounce("d1", "d@example.com", Reason::mailboxfull, "<m4@list>")}).status.ok());
    REQUIRE(store->apply({bounce("d2", "d@example.com", Reason::mailboxfull, "<m4@list>")}).status.ok());
    CHECK(pg.count("SELECT soft_count FROM subscribers WHERE address = 'd@example.com'") == 2);
}
