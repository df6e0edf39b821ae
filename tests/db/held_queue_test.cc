// The held queue against a real server: bounces that cannot be tied to a send are
// held, listed, released (by hand or when the send is recorded) or discarded
// (deploy/sql/0008_trust_queue.sql, docs/trust.md).
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::bounce;
using db_test::PgFixture;

namespace {

bool may_send(db::Store& store, const std::string& address) {
    db::SendStatus s;
    REQUIRE(store.check(address, &s).ok());
    return s.allowed;
}

std::vector<db::HeldBounce> open_queue(db::Store& store, db::HeldFilter filter = {}) {
    std::vector<db::HeldBounce> rows;
    REQUIRE(store.held_list(filter, &rows).ok());
    return rows;
}

}  // namespace

TEST_CASE("held: with sends recorded, a bounce without the original Message-ID is held as untied", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->record_send("victim@example.org", "<c1@list.example>", "", std::nullopt).ok());
    const auto out = store->apply({bounce("forged", "victim@example.org", Reason::userunknown)});
    REQUIRE(out.status.ok());
    CHECK(may_send(*store, "victim@example.org"));
    const auto queue = open_queue(*store);
    REQUIRE(queue.size() == 1);
    CHECK(queue[0].event.held == "untied");
    CHECK(queue[0].address == "victim@example.org");
}

TEST_CASE("held: our own MTA's bounce without the original is expected after a recent send", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->record_send("dead@example.org", "<c1@list.example>", "", pg.now()).ok());
    auto own = bounce("own", "dead@example.org", Reason::userunknown);
    own.own = true;
    auto stranger = bounce("own2", "never-sent@example.org", Reason::userunknown);
    stranger.own = true;
    REQUIRE(store->apply({own, stranger}).status.ok());
    CHECK_FALSE(may_send(*store, "dead@example.org"));
    CHECK(pg.query("SELECT trust || ' ' || origin FROM bounce_events WHERE address = 'dead@example.org'") ==
          std::vector<std::string>{"expected own"});
    CHECK(may_send(*store, "never-sent@example.org"));
    CHECK(pg.query("SELECT held FROM bounce_events WHERE address = 'never-sent@example.org'") ==
          std::vector<std::string>{"untied"});
}

TEST_CASE("held: a bounce for a Message-ID not yet recorded is released when the send is", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->record_send("other@example.org", "<c0@list.example>", "", std::nullopt).ok());
    REQUIRE(store->apply({bounce("early", "late@example.org", Reason::userunknown, "<late-1@list.example>")}).status.ok());
    CHECK(may_send(*store, "late@example.org"));
    REQUIRE(open_queue(*store).size() == 1);
    // another Message-ID for the address releases nothing
    REQUIRE(store->record_send("late@example.org", "<other@list.example>", "", std::nullopt).ok());
    CHECK(may_send(*store, "late@example.org"));
    REQUIRE(store->record_send("late@example.org", "<late-1@list.example>", "", std::nullopt).ok());
    CHECK_FALSE(may_send(*store, "late@example.org"));
    CHECK(open_queue(*store).empty());
    CHECK(pg.query("SELECT resolution || ' ' || resolved_by || ' ' || held FROM bounce_events") ==
          std::vector<std::string>{"released send-recorded not-sent"});
    CHECK(pg.count("SELECT count(*) FROM audit_log WHERE action = 'release'") == 1);
}

TEST_CASE("held: release applies by hand and runs the hook, discard changes nothing", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    pg.query("CREATE TABLE hook_log (address text, class text, reason text)");
    db::Options o = pg.options();
    o.hook_sql = "INSERT INTO hook_log VALUES ($1, $2, $3)";
    o.actor = "alice";
    auto store = pg.store(o);
    REQUIRE(store->record_send("someone@example.org", "<c1@list.example>", "", std::nullopt).ok());
    REQUIRE(store->apply({bounce("h1", "a@example.org", Reason::userunknown),
                          bounce("h2", "b@example.org", Reason::userunknown),
                          bounce("h3", "c@example.org", Reason::mailboxfull)}).status.ok());
    auto queue = open_queue(*store);
    REQUIRE(queue.size() == 3);
    db::HeldFilter only_b;
    only_b.address = "B@example.org";
    REQUIRE(open_queue(*store, only_b).size() == 1);

    std::vector<db::Decision> decisions;
    REQUIRE(store->held_release({queue[0].id, queue[2].id}, "phoned them", &decisions).ok());
    CHECK_FALSE(may_send(*store, "a@example.org"));
    CHECK(may_send(*store, "b@example.org"));
    CHECK(pg.count("SELECT count(*) FROM hook_log WHERE address = 'a@example.org'") == 1);
    CHECK(pg.query("SELECT next_send_after IS NOT NULL FROM subscribers WHERE address = 'c@example.org'") ==
          std::vector<std::string>{"t"});
    CHECK(pg.query("SELECT actor || ' ' || note FROM audit_log WHERE action = 'release' ORDER BY id LIMIT 1") ==
          std::vector<std::string>{"alice phoned them"});
    // releasing again does nothing
    REQUIRE(store->held_release({queue[0].id}, "", &decisions).ok());
    CHECK(decisions.empty());

    long discarded = 0;
    REQUIRE(store->held_discard({queue[1].id, queue[0].id}, "forged", &discarded).ok());
    CHECK(discarded == 1);
    CHECK(may_send(*store, "b@example.org"));
    CHECK(open_queue(*store).empty());
    db::HeldBounce h;
    bool found = false;
    REQUIRE(store->held_get(queue[1].id, &h, &found).ok());
    CHECK(found);
    CHECK(h.resolution == "discarded");
    CHECK(h.resolved_by == "alice");
}

TEST_CASE("held: a personal Message-ID from a remote host is not capped, a campaign one is", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    db::Options o = pg.options();
    o.policy.rate_cap = 2;
    auto store = pg.store(o);
    std::vector<db::IncomingMessage> personal, campaign;
    for (int i = 0; i < 5; ++i) {
        const std::string n = std::to_string(i);
        REQUIRE(store->record_send("p" + n + "@example.org", "<p" + n + "@list.example>", "", std::nullopt).ok());
        REQUIRE(store->record_send("c" + n + "@example.org", "<campaign@list.example>", "", std::nullopt).ok());
        auto p = bounce("p" + n, "p" + n + "@example.org", Reason::userunknown, "<p" + n + "@list.example>");
        auto c = bounce("c" + n, "c" + n + "@example.org", Reason::userunknown, "<campaign@list.example>");
        p.sender_host = c.sender_host = "203.0.113.5";
        personal.push_back(p);
        campaign.push_back(c);
    }
    REQUIRE(store->apply(personal).status.ok());
    REQUIRE(store->apply(campaign).status.ok());
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed' AND address LIKE 'p%'") == 5);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed' AND address LIKE 'c%'") == 2);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE held = 'rate-cap-host' AND trust = 'sent-shared'") == 3);
}

TEST_CASE("held: a remote host's budget grows with its own baseline", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    db::Options o = pg.options();
    o.policy.rate_cap = 2;
    o.policy.baseline_window = 10 * 3600;  // ten windows of an hour
    auto store = pg.store(o);
    const auto from_host = [](const std::string& fp, const std::string& address) {
        auto m = bounce(fp, address, Reason::userunknown);
        m.sender_host = "198.51.100.9";
        return m;
    };
    // 2 an hour for 9 hours: 18 in the baseline, an average of 2 a window
    for (int h = 0; h < 9; ++h) {
        REQUIRE(store->apply({from_host("b" + std::to_string(h) + "a", "u" + std::to_string(h) + "a@example.org"),
                              from_host("b" + std::to_string(h) + "b", "u" + std::to_string(h) + "b@example.org")})
                    .status.ok());
        pg.advance(3600);
    }
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE held <> ''") == 0);
    // budget now: max(2, 4 * 18 / 9) = 8
    std::vector<db::IncomingMessage> burst;
    for (int i = 0; i < 10; ++i) burst.push_back(from_host("x" + std::to_string(i), "x" + std::to_string(i) + "@example.org"));
    REQUIRE(store->apply(burst).status.ok());
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE address LIKE 'x%' AND trusted") == 8);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE held = 'rate-cap-host'") == 2);
}
