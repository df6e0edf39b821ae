// `bounced suppressions list|export|show` behave alike (issue 17): one grammar for
// times, JSON that is JSON, a bad class named, "1 of 13", and a show of an address
// that only has policy bounces. The real binary against a real PostgreSQL schema.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/bounced/cli/cli_harness.h"
#include "tests/classify/dsn_builder.h"

using cli_test::run_bounced;

namespace {

// Suppresses `n` addresses by hand: a0@example.org, a1@example.org, ...
void add_addresses(const db_test::PgFixture& pg, int n) {
    std::vector<std::string> args{"suppressions", "add"};
    for (int i = 0; i < n; ++i) args.push_back("a" + std::to_string(i) + "@example.org");
    REQUIRE(run_bounced(args, cli_test::fixture_env(pg)).status == 0);
}

}  // namespace

TEST_CASE("suppressions list: --limit says how many of how many", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    add_addresses(pg, 13);
    const auto one = run_bounced({"suppressions", "list", "--limit", "1"}, cli_test::fixture_env(pg));
    INFO(one.out << one.err);
    CHECK(one.status == 0);
    CHECK(one.out.find("\n1 of 13 suppressed\n") != std::string::npos);
    const auto all = run_bounced({"suppressions", "list"}, cli_test::fixture_env(pg));
    CHECK(all.out.find("\n13 suppressed\n") != std::string::npos);
}

TEST_CASE("suppressions list: a class that does not exist is an error naming the classes", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto run = run_bounced({"suppressions", "list", "--class", "bogus"}, cli_test::fixture_env(pg));
    CHECK(run.status == 64);
    CHECK(run.err.find("--class: 'bogus' is not a class: hard, soft, complaint or manual") != std::string::npos);
    CHECK(run_bounced({"suppressions", "list", "--class", "manual"}, cli_test::fixture_env(pg)).status == 0);
}

TEST_CASE("suppressions list and export: --since 7d and yesterday as in report", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    add_addresses(pg, 3);
    // a0: suppressed yesterday at noon; a1: ten days ago; a2: now.
    pg.query("UPDATE subscribers SET suppressed_at = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
             " - interval '12 hours' WHERE address = 'a0@example.org'");
    pg.query("UPDATE subscribers SET suppressed_at = now() - interval '10 days' WHERE address = 'a1@example.org'");
    const auto week = run_bounced({"suppressions", "list", "--since", "7d"}, cli_test::fixture_env(pg));
    INFO(week.out << week.err);
    CHECK(week.status == 0);
    CHECK(week.out.find("a0@example.org") != std::string::npos);
    CHECK(week.out.find("a1@example.org") == std::string::npos);
    CHECK(week.out.find("a2@example.org") != std::string::npos);
    const auto yesterday = run_bounced({"suppressions", "export", "--since", "yesterday"}, cli_test::fixture_env(pg));
    INFO(yesterday.out << yesterday.err);
    CHECK(yesterday.status == 0);
    CHECK(yesterday.out.find("a0@example.org") != std::string::npos);
    CHECK(yesterday.out.find("a2@example.org") == std::string::npos);  // today is not yesterday
    const auto bad = run_bounced({"suppressions", "list", "--since", "last tuesday"}, cli_test::fixture_env(pg));
    CHECK(bad.status == 64);
    CHECK(bad.err.find("--since: 'last tuesday' is neither a duration back from now (24h, 7d, 2w)") != std::string::npos);
}

TEST_CASE("suppressions export --format json writes JSON", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    REQUIRE(run_bounced({"suppressions", "add", "x@example.org", "--note", "said \"stop\"\t\x01"}, cli_test::fixture_env(pg))
                .status == 0);
    const auto run = run_bounced({"suppressions", "export", "--format", "json"}, cli_test::fixture_env(pg));
    INFO(run.out << run.err);
    REQUIRE(run.status == 0);
    const auto parsed = nlohmann::json::parse(run.out);  // throws, failing the test, on anything but JSON
    REQUIRE(parsed.is_array());
    REQUIRE(parsed.size() == 1);
    CHECK(parsed[0]["address"] == "x@example.org");
    CHECK(parsed[0]["class"] == "manual");
    CHECK(parsed[0]["note"] == "said \"stop\"\t\x01");
    CHECK(run_bounced({"suppressions", "export", "--format", "table"}, cli_test::fixture_env(pg)).status == 64);
}

TEST_CASE("suppressions show: an address with only policy bounces is named, with its bounces counted", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto dsn = test::make_dsn("p@example.org", "550 5.7.1 Message rejected due to local policy", "5.7.1");
    REQUIRE(run_bounced({"ingest"}, cli_test::fixture_env(pg), dsn).status == 0);
    REQUIRE(pg.count("SELECT count(*) FROM bounce_events WHERE address = 'p@example.org' AND bounce_class = 'policy'") == 1);
    const auto run = run_bounced({"suppressions", "show", "p@example.org"}, cli_test::fixture_env(pg));
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    CHECK(run.out.rfind("p@example.org: may be sent to\n", 0) == 0);
    CHECK(run.out.find("policy bounces, counted against the domain: 1") != std::string::npos);
}
