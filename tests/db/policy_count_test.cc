// The policy count that decides a throttle is carried from batch to batch in
// domain_health (deploy/sql/0007_apply_speed.sql); these check it still counts exactly
// what 0003 counted from the log: the bounces inside the window, up to the second, and
// an applier whose clock is behind another's.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::PgFixture;

namespace {

// Addresses named by the tag: each call's bounces come from new subscribers.
db::ApplyOutcome policy_bounces(db::Store& store, const std::string& domain, int n, const std::string& tag) {
    return db_test::policy_bounces(store, domain, n, tag, tag);
}

bool throttled(db::Store& store, const std::string& domain) {
    db::SendStatus s;
    REQUIRE(store.check("anyone@" + domain, &s).ok());
    return s.why == "throttled";
}

}  // namespace

TEST_CASE("policy count: a bounce one second inside the window still counts", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(policy_bounces(*store, "edge.example", 10, "a").status.ok());
    pg.advance(1800);
    REQUIRE(policy_bounces(*store, "edge.example", 9, "b").status.ok());
    CHECK_FALSE(throttled(*store, "edge.example"));
    pg.advance(1799);  // the first ten are 3599 s old: 10 + 9 + 1 = 20
    REQUIRE(policy_bounces(*store, "edge.example", 1, "c").status.ok());
    CHECK(throttled(*store, "edge.example"));
}

TEST_CASE("policy count: a bounce exactly one window old no longer counts", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(policy_bounces(*store, "edge.example", 10, "a").status.ok());
    pg.advance(1800);
    REQUIRE(policy_bounces(*store, "edge.example", 9, "b").status.ok());
    pg.advance(1800);  // the first ten are 3600 s old: 9 + 1 = 10
    REQUIRE(policy_bounces(*store, "edge.example", 1, "c").status.ok());
    CHECK_FALSE(throttled(*store, "edge.example"));
    CHECK(pg.count("SELECT policy_count FROM domain_health WHERE domain = 'edge.example'") == 10);
    REQUIRE(policy_bounces(*store, "edge.example", 10, "d").status.ok());  // 9 + 1 + 10 = 20
    CHECK(throttled(*store, "edge.example"));
}

TEST_CASE("policy count: an applier whose clock is behind counts only what is not later than its time", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    pg.advance(60);
    REQUIRE(policy_bounces(*store, "late.example", 15, "a").status.ok());
    pg.advance(-60);  // a second applier, its clock a minute behind: the 15 are in its future
    REQUIRE(policy_bounces(*store, "late.example", 5, "b").status.ok());
    CHECK(pg.count("SELECT policy_count FROM domain_health WHERE domain = 'late.example'") == 5);
    CHECK_FALSE(throttled(*store, "late.example"));
    pg.advance(120);
    REQUIRE(policy_bounces(*store, "late.example", 1, "c").status.ok());  // 15 + 5 + 1
    CHECK(pg.count("SELECT policy_count FROM domain_health WHERE domain = 'late.example'") == 21);
    CHECK(throttled(*store, "late.example"));
}

TEST_CASE("policy count: after a throttle ends only the bounces since it began count", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(policy_bounces(*store, "strict.example", 20, "a").status.ok());
    CHECK(throttled(*store, "strict.example"));
    pg.advance(600);
    REQUIRE(policy_bounces(*store, "strict.example", 5, "b").status.ok());  // during the throttle
    pg.advance(6 * 3600);
    CHECK_FALSE(throttled(*store, "strict.example"));
    REQUIRE(policy_bounces(*store, "strict.example", 14, "c").status.ok());
    CHECK(pg.count("SELECT policy_count FROM domain_health WHERE domain = 'strict.example'") == 14);
    CHECK_FALSE(throttled(*store, "strict.example"));
}
