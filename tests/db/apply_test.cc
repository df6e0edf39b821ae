// Retry suppression through Store::apply against a real server: every transition
// of a subscriber (hard, complaint, soft backoff and its decay, non-bounces,
// guessed recipients) and idempotency.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::bounce;
using db_test::PgFixture;

namespace {

constexpr double kDay = 86400;

db::SendStatus status_of(db::Store& store, const std::string& address) {
    db::SendStatus s;
    REQUIRE(store.check(address, &s).ok());
    return s;
}

double seconds_until(const PgFixture& pg, const db::SendStatus& s) {
    REQUIRE(s.until);
    return std::chrono::duration<double>(*s.until - pg.now()).count();
}

}  // namespace

TEST_CASE("apply: a hard bounce suppresses at once and runs the hook", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    pg.query("CREATE TABLE hook_log (address text, class text, reason text)");
    db::Options o;
    o.hook_sql = "INSERT INTO hook_log VALUES ($1, $2, $3)";
    auto store = pg.store(o);
    const auto out = store->apply({bounce("f1", "Dead@Example.COM", Reason::userunknown)});
    REQUIRE(out.status.ok());
    CHECK(out.applied == 1);
    REQUIRE(out.decisions.size() == 1);
    CHECK(out.decisions[0].kind == "suppressed");
    const auto s = status_of(*store, "dead@example.com");
    CHECK_FALSE(s.allowed);
    CHECK(s.why == "suppressed");
    CHECK(s.bounce_class == "hard");
    CHECK(s.reason == "userunknown");
    CHECK(pg.query("SELECT address || ' ' || class || ' ' || reason FROM hook_log") ==
          std::vector<std::string>{"dead@example.com hard userunknown"});
}

TEST_CASE("apply: a complaint suppresses with class complaint", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->apply({bounce("f1", "angry@example.com", Reason::feedback)}).status.ok());
    const auto s = status_of(*store, "angry@example.com");
    CHECK(s.why == "suppressed");
    CHECK(s.bounce_class == "complaint");
}

TEST_CASE("apply: soft bounces back off 1, 2, 4, 7 days and suppress at the fifth", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const double expected[] = {1, 2, 4, 7};
    for (int i = 0; i < 4; ++i) {
        REQUIRE(store->apply({bounce("f" + std::to_string(i), "full@example.com", Reason::mailboxfull,
                                     "<m" + std::to_string(i) + "@list>")}).status.ok());
        const auto s = status_of(*store, "full@example.com");
        CHECK(s.why == "backoff");
        CHECK(seconds_until(pg, s) == Approx(expected[i] * kDay));
        pg.advance(kDay / 2);
    }
    const auto out = store->apply({bounce("f4", "full@example.com", Reason::mailboxfull, "<m4@list>")});
    REQUIRE(out.decisions.size() == 1);
    CHECK(out.decisions[0].kind == "suppressed");
    const auto s = status_of(*store, "full@example.com");
    CHECK(s.why == "suppressed");
    CHECK(s.bounce_class == "soft");
    CHECK(s.reason == "mailboxfull");
}

TEST_CASE("apply: soft bounces from fewer than 3 sent messages never suppress", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    for (int i = 0; i < 8; ++i) {  // the same two newsletters bouncing again and again
        REQUIRE(store->apply({bounce("f" + std::to_string(i), "full@example.com", Reason::mailboxfull,
                                     i % 2 ? "<a@list>" : "<b@list>")}).status.ok());
    }
    const auto s = status_of(*store, "full@example.com");
    CHECK(s.why == "backoff");
    CHECK(seconds_until(pg, s) == Approx(7 * kDay));  // capped
}

TEST_CASE("apply: soft bounces decay after the window", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    for (int i = 0; i < 4; ++i) {
        REQUIRE(store->apply({bounce("f" + std::to_string(i), "full@example.com", Reason::mailboxfull,
                                     "<m" + std::to_string(i) + "@list>")}).status.ok());
    }
    pg.advance(31 * kDay);
    const auto out = store->apply({bounce("f9", "full@example.com", Reason::mailboxfull, "<m9@list>")});
    REQUIRE(out.status.ok());
    const auto s = status_of(*store, "full@example.com");
    CHECK(s.why == "backoff");  // the fifth soft bounce, but the first four have expired
    CHECK(seconds_until(pg, s) == Approx(1 * kDay));
    CHECK(pg.count("SELECT soft_count FROM subscribers WHERE address = 'full@example.com'") == 1);
}

TEST_CASE("apply: backoff ends and the address may be sent to again", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->apply({bounce("f1", "full@example.com", Reason::mailboxfull)}).status.ok());
    CHECK_FALSE(status_of(*store, "full@example.com").allowed);
    pg.advance(kDay + 1);
    CHECK(status_of(*store, "full@example.com").allowed);
}

TEST_CASE("apply: autoreply, delivered, delayed and none only log an event", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const auto out = store->apply({
        db_test::message("f1", {db_test::recipient("a@example.com", Reason::vacation),
                                db_test::recipient("b@example.com", Reason::delivered),
                                db_test::recipient("c@example.com", Reason::delayed)}),
        db_test::message("f2", {}),
    });
    REQUIRE(out.status.ok());
    CHECK(out.applied == 2);
    CHECK(out.decisions.empty());
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 3);
    CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);
    CHECK(status_of(*store, "a@example.com").allowed);
}

TEST_CASE("apply: an address guessed from free text is logged, not suppressed", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->apply({db_test::message("f1", {db_test::recipient("guess@example.com", Reason::userunknown,
                                                  classify::RecipientSource::body_text)})}).status.ok());
    CHECK(status_of(*store, "guess@example.com").allowed);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE NOT trusted") == 1);
}

TEST_CASE("apply: the same message twice changes nothing the second time", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const std::vector<db::IncomingMessage> batch = {
        bounce("f1", "full@example.com", Reason::mailboxfull), bounce("f2", "dead@example.com", Reason::userunknown)};
    const auto first = store->apply(batch);
    REQUIRE(first.status.ok());
    CHECK(first.applied == 2);
    const auto second = store->apply(batch);
    REQUIRE(second.status.ok());
    CHECK(second.applied == 0);
    CHECK(second.duplicates == 2);
    CHECK(second.decisions.empty());
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 2);
    CHECK(pg.count("SELECT soft_count FROM subscribers WHERE address = 'full@example.com'") == 1);
}

TEST_CASE("apply: a bounce for a Message-ID never sent is unverified and does not count", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    REQUIRE(store->record_send("full@example.com", "<sent@list>", "news", std::nullopt).ok());
    REQUIRE(store->apply({bounce("f1", "full@example.com", Reason::mailboxfull, "<sent@list>"),
                          bounce("f2", "full@example.com", Reason::mailboxfull, "<forged@elsewhere>")}).status.ok());
    CHECK(pg.query("SELECT verified::text FROM bounce_events ORDER BY original_message_id") ==
          std::vector<std::string>{"false", "true"});
    CHECK(pg.count("SELECT soft_count FROM subscribers WHERE address = 'full@example.com'") == 1);
}

TEST_CASE("apply: suppression sends NOTIFY bounced_suppression", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    PGconn* listener = PQconnectdb(pg.url().c_str());
    REQUIRE(PQstatus(listener) == CONNECTION_OK);
    PQclear(PQexec(listener, "LISTEN bounced_suppression"));
    auto store = pg.store();
    const std::string address = "dead@" + pg.schema() + ".example";  // tests share the channel
    REQUIRE(store->apply({bounce("f1", address, Reason::userunknown)}).status.ok());
    std::string payload;
    for (int i = 0; i < 100 && payload != address; ++i) {
        PQconsumeInput(listener);
        if (PGnotify* n = PQnotifies(listener)) {
            payload = n->extra;
            PQfreemem(n);
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    PQfinish(listener);
    CHECK(payload == address);
}

TEST_CASE("apply: a hard bounce for an address known and active suppresses it once", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const auto soft = store->apply({bounce("f1", "known@example.com", Reason::mailboxfull, "<m1@list>")});
    REQUIRE(soft.decisions.size() == 1);
    CHECK(soft.decisions[0].kind == "backoff");
    pg.advance(60);
    const auto hard = store->apply({bounce("f2", "known@example.com", Reason::userunknown, "<m2@list>")});
    REQUIRE(hard.decisions.size() == 1);
    CHECK(hard.decisions[0].kind == "suppressed");
    CHECK(hard.decisions[0].bounce_class == "hard");
    const auto again = store->apply({bounce("f3", "known@example.com", Reason::userunknown, "<m3@list>")});
    REQUIRE(again.status.ok());
    CHECK(again.decisions.empty());  // already suppressed: logged, nothing decided
    CHECK(pg.count("SELECT hard_count FROM subscribers WHERE address = 'known@example.com'") == 2);
    CHECK(status_of(*store, "known@example.com").bounce_class == "hard");
}
