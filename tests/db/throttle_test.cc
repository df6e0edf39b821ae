// Policy bounces throttle the receiving domain, never the subscriber: the count, the
// window, the doubling on repeat, and the rate when sends are recorded.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::PgFixture;
using db_test::policy_bounces;

namespace {

db::SendStatus status_of(db::Store& store, const std::string& address) {
    db::SendStatus s;
    REQUIRE(store.check(address, &s).ok());
    return s;
}

double hours_until(const PgFixture& pg, const db::SendStatus& s) {
    REQUIRE(s.until);
    return std::chrono::duration<double>(*s.until - pg.now()).count() / 3600;
}

}  // namespace

TEST_CASE("throttle: 20 policy bounces in an hour throttle the domain for 6 hours", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(policy_bounces(*store, "strict.example", 19, "a").status.ok());
    CHECK(status_of(*store, "anyone@strict.example").allowed);
    const auto out = policy_bounces(*store, "strict.example", 1, "b");
    REQUIRE(out.decisions.size() == 1);
    CHECK(out.decisions[0].kind == "throttled");
    CHECK(out.decisions[0].subject == "strict.example");
    const auto s = status_of(*store, "anyone@strict.example");
    CHECK(s.why == "throttled");
    CHECK(hours_until(pg, s) == Approx(6));
    CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);  // nobody punished
    CHECK(status_of(*store, "u0@other.example").allowed);
}

TEST_CASE("throttle: bounces spread over more than the window do not throttle", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(policy_bounces(*store, "strict.example", 15, "a").status.ok());
    pg.advance(3601);
    REQUIRE(policy_bounces(*store, "strict.example", 15, "b").status.ok());
    CHECK(status_of(*store, "x@strict.example").allowed);
}

TEST_CASE("throttle: a repeat doubles the duration, a forgotten one does not", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(policy_bounces(*store, "strict.example", 20, "a").status.ok());
    pg.advance(6 * 3600 + 1);
    CHECK(status_of(*store, "x@strict.example").allowed);
    REQUIRE(policy_bounces(*store, "strict.example", 20, "b").status.ok());
    CHECK(hours_until(pg, status_of(*store, "x@strict.example")) == Approx(12));
    pg.advance(12 * 3600 + 1);
    REQUIRE(policy_bounces(*store, "strict.example", 20, "c").status.ok());
    CHECK(hours_until(pg, status_of(*store, "x@strict.example")) == Approx(24));
    pg.advance(24 * 3600 + 8 * 86400);  // longer than throttle.memory (7 days)
    REQUIRE(policy_bounces(*store, "strict.example", 20, "d").status.ok());
    CHECK(hours_until(pg, status_of(*store, "x@strict.example")) == Approx(6));
}

TEST_CASE("throttle: bounces during a throttle do not extend it", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(policy_bounces(*store, "strict.example", 20, "a").status.ok());
    pg.advance(60);
    const auto out = policy_bounces(*store, "strict.example", 20, "b");
    REQUIRE(out.status.ok());
    CHECK(out.decisions.empty());
}

// The bounces answer the recorded send (<m@list>): with sends recorded, one that
// cannot be tied to a send is held (deploy/sql/0008_trust_queue.sql).
TEST_CASE("throttle: with recorded sends the limit is 5% of them", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    for (int i = 0; i < 1000; ++i) {  // 1000 sends: 5% is 50 bounces
        REQUIRE(store->record_send("u" + std::to_string(i) + "@big.example", "<m@list>", "", std::nullopt).ok());
    }
    REQUIRE(policy_bounces(*store, "big.example", 49, "a", "u", "<m@list>").status.ok());
    CHECK(status_of(*store, "x@big.example").allowed);
    REQUIRE(policy_bounces(*store, "big.example", 1, "b", "u", "<m@list>").status.ok());
    CHECK(status_of(*store, "x@big.example").why == "throttled");
    // A small domain with 10 sends: 5% is 0.5, but never fewer than 5 bounces.
    for (int i = 0; i < 10; ++i) {
        REQUIRE(store->record_send("u" + std::to_string(i) + "@small.example", "<m@list>", "", std::nullopt).ok());
    }
    REQUIRE(policy_bounces(*store, "small.example", 4, "c", "u", "<m@list>").status.ok());
    CHECK(status_of(*store, "x@small.example").allowed);
    REQUIRE(policy_bounces(*store, "small.example", 1, "d", "u", "<m@list>").status.ok());
    CHECK(status_of(*store, "x@small.example").why == "throttled");
}
