// A held bounce that record_send releases runs the operator's hook like any other
// suppression, exactly once (deploy/sql/0009_release_hook.sql): the list's software
// calls record_send in SQL, where the hook is unknown; the next applier runs it.
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::bounce;
using db_test::PgFixture;

namespace {

constexpr const char* kHook = "INSERT INTO hook_log VALUES ($1, $2, $3)";

db::Options with_hook(const PgFixture& pg) {
    db::Options o = pg.options();
    o.hook_sql = kHook;
    return o;
}

// late@example.org's bounce answers a Message-ID not (yet) recorded for it: held.
void hold_one(PgFixture& pg, db::Store& store) {
    REQUIRE(store.record_send("other@example.org", "<c0@list.example>", "", std::nullopt).ok());
    REQUIRE(store.apply({bounce("early", "late@example.org", Reason::userunknown, "<late-1@list.example>")}).status.ok());
    REQUIRE(pg.count("SELECT count(*) FROM held_queue WHERE address = 'late@example.org'") == 1);
}

long hook_calls(PgFixture& pg) { return pg.count("SELECT count(*) FROM hook_log WHERE address = 'late@example.org'"); }

}  // namespace

TEST_CASE("release hook: record_send in SQL releases, the next batch runs the hook once, not again after a restart",
          "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    pg.query("CREATE TABLE hook_log (address text, class text, reason text)");
    auto store = pg.store(with_hook(pg));
    hold_one(pg, *store);

    // The list's software records the send, as bounced.record_send() in its own SQL.
    pg.query("SELECT record_send('late@example.org', '<late-1@list.example>')");
    CHECK(pg.query("SELECT status FROM subscribers WHERE address = 'late@example.org'") ==
          std::vector<std::string>{"suppressed"});
    CHECK(hook_calls(pg) == 0);  // SQL alone cannot run it
    CHECK(pg.count("SELECT count(*) FROM pending_hooks") == 1);

    // The daemon's next batch (another bounce altogether) runs it, in its transaction.
    REQUIRE(store->apply({bounce("next", "someone@example.org", Reason::mailboxfull)}).status.ok());
    CHECK(hook_calls(pg) == 1);
    CHECK(pg.query("SELECT class || ' ' || reason FROM hook_log WHERE address = 'late@example.org'") ==
          std::vector<std::string>{"hard userunknown"});
    CHECK(pg.count("SELECT count(*) FROM pending_hooks") == 0);

    // A restart: a new store (a new daemon) applies and idles; the hook is not run again.
    store.reset();
    auto again = pg.store(with_hook(pg));
    REQUIRE(again->apply({bounce("after-restart", "third@example.org", Reason::mailboxfull)}).status.ok());
    REQUIRE(again->run_pending_hooks().ok());
    CHECK(hook_calls(pg) == 1);
}

TEST_CASE("release hook: a hook that fails leaves the call pending for the next try", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store(with_hook(pg));
    pg.query("CREATE TABLE hook_log (address text, class text, reason text)");
    hold_one(pg, *store);
    pg.query("SELECT record_send('late@example.org', '<late-1@list.example>')");
    pg.query("ALTER TABLE hook_log RENAME TO hook_log_away");  // the hook's table is gone
    CHECK_FALSE(store->run_pending_hooks().ok());
    CHECK(pg.count("SELECT count(*) FROM pending_hooks") == 1);
    pg.query("ALTER TABLE hook_log_away RENAME TO hook_log");
    REQUIRE(store->run_pending_hooks().ok());  // the daemon, idle, at its next rescan
    CHECK(hook_calls(pg) == 1);
    CHECK(pg.count("SELECT count(*) FROM pending_hooks") == 0);
}

TEST_CASE("release hook: a row the hook refuses is dropped, not the batch it runs in", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store(with_hook(pg));
    // The operator's table refuses this address (a CHECK: SQLSTATE 23, the data's fault).
    pg.query("CREATE TABLE hook_log (address text CHECK (address <> 'late@example.org'), class text, reason text)");
    hold_one(pg, *store);
    REQUIRE(store->record_send("someone@example.org", "<s1@list.example>", "", std::nullopt).ok());
    pg.query("SELECT record_send('late@example.org', '<late-1@list.example>')");
    REQUIRE(pg.count("SELECT count(*) FROM pending_hooks") == 1);
    const auto out = store->apply({bounce("next", "someone@example.org", Reason::userunknown, "<s1@list.example>")});
    REQUIRE(out.status.ok());
    CHECK(out.applied == 1);
    CHECK(pg.count("SELECT count(*) FROM hook_log WHERE address = 'someone@example.org'") == 1);
    CHECK(pg.count("SELECT count(*) FROM pending_hooks") == 0);
}

TEST_CASE("release hook: Store::record_send runs the hook for what it releases at once", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    pg.query("CREATE TABLE hook_log (address text, class text, reason text)");
    auto store = pg.store(with_hook(pg));
    hold_one(pg, *store);
    REQUIRE(store->record_send("late@example.org", "<late-1@list.example>", "", std::nullopt).ok());
    CHECK(hook_calls(pg) == 1);
    CHECK(pg.count("SELECT count(*) FROM pending_hooks") == 0);
    REQUIRE(store->apply({bounce("next", "someone@example.org", Reason::mailboxfull)}).status.ok());
    CHECK(hook_calls(pg) == 1);
}

TEST_CASE("release hook: without a hook, pending calls are dropped, not kept for one configured later",
          "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    hold_one(pg, *store);
    pg.query("SELECT record_send('late@example.org', '<late-1@list.example>')");
    REQUIRE(pg.count("SELECT count(*) FROM pending_hooks") == 1);
    REQUIRE(store->run_pending_hooks().ok());
    CHECK(pg.count("SELECT count(*) FROM pending_hooks") == 0);
}
