// Two appliers (threads, each with its own connection) applying overlapping batches
// at the same time: every message is applied exactly once, nobody deadlocks.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::PgFixture;

namespace {

// Messages first..last-1; message i bounces soft for a shared address and hard for its own,
// so both appliers fight over the same subscriber rows as well as the fingerprints.
std::vector<db::IncomingMessage> batch(int first, int last, bool reversed) {
    std::vector<db::IncomingMessage> out;
    for (int i = first; i < last; ++i) {
        out.push_back(db_test::message(
            "fp" + std::to_string(i),
            {db_test::recipient("shared" + std::to_string(i % 7) + "@example.com", Reason::mailboxfull),
             db_test::recipient("own" + std::to_string(i) + "@example.com", Reason::userunknown)},
            "<m" + std::to_string(i) + "@list>"));
    }
    if (reversed) std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("concurrency: overlapping batches from two appliers apply each message once", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    for (int round = 0; round < 5; ++round) {
        const int base = round * 1000;
        auto a = pg.store();
        auto b = pg.store();
        db::ApplyOutcome out_a, out_b;
        // a: base..base+150, b: base+50..base+200 in reverse order; 100 overlap.
        std::thread ta([&] {
            for (int k = 0; k < 3; ++k) {
                auto o = a->apply(batch(base + k * 50, base + k * 50 + 50, false));
                REQUIRE(o.status.ok());
                out_a.applied += o.applied;
                out_a.duplicates += o.duplicates;
            }
        });
        std::thread tb([&] {
            auto o = b->apply(batch(base + 50, base + 200, true));
            REQUIRE(o.status.ok());
            out_b = o;
        });
        ta.join();
        tb.join();
        CHECK(out_a.applied + out_b.applied == 200);
        CHECK(out_a.duplicates + out_b.duplicates == 100);
    }
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 1000);
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 2000);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed' AND address LIKE 'own%'") == 1000);
    // Each shared address saw its soft bounces exactly once each.
    CHECK(pg.count("SELECT sum(bounce_count) FROM subscribers WHERE address LIKE 'shared%'") == 1000);
}
