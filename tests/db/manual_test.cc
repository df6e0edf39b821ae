// Manual suppression and reactivation: audited, hooked, and a reactivated address
// starts its soft-bounce count over.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::PgFixture;

TEST_CASE("manual: add suppresses once, remove reactivates once, both audited and hooked", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    pg.query("CREATE TABLE hook_log (address text, class text, reason text)");
    db::Options o;
    o.hook_sql = "INSERT INTO hook_log VALUES ($1, $2, $3)";
    o.actor = "alice";
    auto store = pg.store(o);
    bool changed = false;
    REQUIRE(store->suppress({" Someone@Example.com ", "manual", "asked by phone", {}, "manual", "ticket 12"}, &changed).ok());
    CHECK(changed);
    REQUIRE(store->suppress({"someone@example.com", "manual", "again", {}, "manual", ""}, &changed).ok());
    CHECK_FALSE(changed);
    db::SendStatus s;
    REQUIRE(store->check("someone@example.com", &s).ok());
    CHECK(s.why == "suppressed");
    CHECK(s.reason == "asked by phone");

    REQUIRE(store->reactivate("someone@example.com", "called back", &changed).ok());
    CHECK(changed);
    REQUIRE(store->reactivate("someone@example.com", "twice", &changed).ok());
    CHECK_FALSE(changed);
    REQUIRE(store->check("someone@example.com", &s).ok());
    CHECK(s.allowed);

    db::SubscriberDetail detail;
    REQUIRE(store->show("someone@example.com", &detail).ok());
    REQUIRE(detail.audit.size() == 2);
    CHECK(detail.audit[0].action == "reactivate");
    CHECK(detail.audit[0].actor == "alice");
    CHECK(detail.audit[0].note == "called back");
    CHECK(detail.audit[1].action == "suppress");
    CHECK(detail.audit[1].note == "ticket 12");
    CHECK(pg.query("SELECT address || ' ' || class || ' ' || reason FROM hook_log ORDER BY ctid") ==
          std::vector<std::string>{"someone@example.com manual asked by phone",
                                   "someone@example.com active reactivated"});
}

TEST_CASE("manual: a reactivated address starts its soft-bounce count over", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    for (int i = 0; i < 5; ++i) {
        pg.advance(60);
        REQUIRE(store->apply({db_test::bounce("f" + std::to_string(i), "full@example.com", Reason::mailboxfull,
                                              "<m" + std::to_string(i) + "@list>")}).status.ok());
    }
    db::SendStatus s;
    REQUIRE(store->check("full@example.com", &s).ok());
    REQUIRE(s.why == "suppressed");
    bool changed = false;
    pg.advance(60);
    REQUIRE(store->reactivate("full@example.com", "mailbox emptied", &changed).ok());
    pg.advance(60);
    REQUIRE(store->apply({db_test::bounce("f9", "full@example.com", Reason::mailboxfull, "<m9@list>")}).status.ok());
    REQUIRE(store->check("full@example.com", &s).ok());
    CHECK(s.why == "backoff");
    CHECK(pg.count("SELECT soft_count FROM subscribers WHERE address = 'full@example.com'") == 1);
}

TEST_CASE("manual: a hook that fails rolls the change back", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    db::Options o;
    o.hook_sql = "INSERT INTO no_such_table VALUES ($1, $2, $3)";
    auto store = pg.store(o);
    bool changed = false;
    const auto status = store->suppress({"a@example.com", "manual", "x", {}, "manual", ""}, &changed);
    CHECK_FALSE(status.ok());
    CHECK_THAT(status.message, Catch::Contains("integration hook"));
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 0);
    CHECK(pg.count("SELECT count(*) FROM audit_log") == 0);
}

TEST_CASE("show: the history of an address, newest first, with diagnostics", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->apply({db_test::bounce("f1", "x@example.com", Reason::mailboxfull, "<a@list>")}).status.ok());
    pg.advance(10);
    REQUIRE(store->apply({db_test::bounce("f2", "x@example.com", Reason::userunknown, "<b@list>")}).status.ok());
    db::SubscriberDetail d;
    REQUIRE(store->show("X@example.com", &d).ok());
    CHECK(d.known);
    CHECK(d.status == "suppressed");
    CHECK(d.suppression.bounce_class == "hard");
    REQUIRE(d.history.size() == 2);
    CHECK(d.history[0].reason == "userunknown");
    CHECK(d.history[0].original_message_id == "b@list");
    CHECK_THAT(d.history[0].diagnostic, Catch::Contains("550 5.1.1"));
    db::SubscriberDetail unknown;
    REQUIRE(store->show("nobody@example.com", &unknown).ok());
    CHECK_FALSE(unknown.known);
}
