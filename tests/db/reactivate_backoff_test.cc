// `suppressions remove` (Store::reactivate) lifts a soft-bounce backoff as well as a
// suppression (deploy/sql/0010_serve.sql), with the same audit row shape; an address
// neither suppressed nor backing off is left alone and not audited.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::PgFixture;

TEST_CASE("reactivate: lifts a soft backoff, audited, and the soft count starts over", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    db::Options o;
    o.actor = "alice";
    auto store = pg.store(o);
    REQUIRE(store->apply({db_test::bounce("f1", "full@example.com", Reason::mailboxfull, "<m1@list>")}).status.ok());
    db::SendStatus s;
    REQUIRE(store->check("full@example.com", &s).ok());
    REQUIRE(s.why == "backoff");

    bool changed = false;
    REQUIRE(store->reactivate("Full@Example.com", "mailbox emptied", &changed).ok());
    CHECK(changed);
    REQUIRE(store->check("full@example.com", &s).ok());
    CHECK(s.allowed);
    CHECK(pg.query("SELECT actor || '|' || action || '|' || detail || '|' || note FROM audit_log") ==
          std::vector<std::string>{"alice|reactivate|was backing off until 2024-01-02T00:00:00Z|mailbox emptied"});
    CHECK(pg.count("SELECT soft_count FROM subscribers WHERE address = 'full@example.com'") == 0);

    REQUIRE(store->reactivate("full@example.com", "again", &changed).ok());
    CHECK_FALSE(changed);
    REQUIRE(store->reactivate("stranger@example.com", "", &changed).ok());
    CHECK_FALSE(changed);
    CHECK(pg.count("SELECT count(*) FROM audit_log") == 1);
}

TEST_CASE("reactivate: a backoff that has run out is nothing to lift", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->apply({db_test::bounce("f1", "full@example.com", Reason::mailboxfull, "<m1@list>")}).status.ok());
    pg.advance(2 * 86400);
    bool changed = true;
    REQUIRE(store->reactivate("full@example.com", "", &changed).ok());
    CHECK_FALSE(changed);
    CHECK(pg.count("SELECT count(*) FROM audit_log") == 0);
}

TEST_CASE("page: the next page of a large list is an index scan, not a sort", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    pg.query("INSERT INTO subscribers (address, domain, status, suppressed_class, suppressed_reason, suppressed_at,"
             " suppressed_source) SELECT 'u' || i || '@example.com', 'example.com', 'suppressed', 'hard', 'userunknown',"
             " timestamptz '2024-01-01' - i * interval '1 second', 'import:test' FROM generate_series(1, 50000) i");
    pg.query("ANALYZE subscribers");
    const auto plan = pg.query(
        "EXPLAIN SELECT s.address FROM subscribers s WHERE s.status = 'suppressed'"
        " AND (s.suppressed_at, s.address) < (timestamptz 'epoch' + 1704045600000000 * interval '1 microsecond', 'u5@example.com')"
        " ORDER BY s.suppressed_at DESC, s.address DESC LIMIT 101");
    std::string text;
    for (const auto& line : plan) text += line + "\n";
    INFO(text);
    CHECK(text.find("Scan Backward using subscribers_suppressed_page") != std::string::npos);
    CHECK(text.find("Sort") == std::string::npos);
    // And through the store: the page after the cursor starts where the last one ended.
    auto store = pg.store();
    db::PageRequest request;
    request.filter.limit = 3;
    db::Page first, second;
    REQUIRE(store->page(request, &first).ok());
    CHECK(first.total == 50000);
    REQUIRE(first.items.size() == 3);
    CHECK(first.items[0].address == "u1@example.com");
    request.cursor = first.next;
    REQUIRE(store->page(request, &second).ok());
    REQUIRE(second.items.size() == 3);
    CHECK(second.items[0].address == "u4@example.com");
}
