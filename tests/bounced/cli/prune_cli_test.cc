// `bounced db prune`: the real binary; the retention rules are in tests/db/prune_test.cc.
#include <catch2/catch.hpp>

#include "tests/bounced/cli/cli_harness.h"

TEST_CASE("db prune: runs with the default retention, refuses one shorter than the windows, bounds --batch",
          "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto env = cli_test::fixture_env(pg);
    auto run = cli_test::run_bounced({"db", "prune"}, env);
    CHECK(run.status == 0);
    CHECK(run.out.find("deleted 0 events older than 400 days") != std::string::npos);
    run = cli_test::run_bounced({"db", "prune", "--retention.events=7d"}, env);
    CHECK(run.status == 78);
    CHECK(run.err.find("retention.events (7d) is shorter than the 30d") != std::string::npos);
    run = cli_test::run_bounced({"db", "prune", "--batch", "0"}, env);
    CHECK(run.status == 64);
    CHECK(run.err.find("--batch") != std::string::npos);
    run = cli_test::run_bounced({"config", "show", "--retention.events=500d"}, env);
    CHECK(run.out.find("retention.events = 500d") != std::string::npos);
}
