// `bounced suppressions show ADDRESS [--raw]`: the evidence chain, from the real binary,
// and the raw bounce as it arrived (database or archive folder, with retention).
#include <catch2/catch.hpp>

#include "bounced/trust/raw_archive.h"
#include "tests/bounced/cli/cli_harness.h"
#include "tests/bounced/trust/trust_fixture.h"

using cli_test::fixture_env;
using cli_test::run_bounced;
using db_test::PgFixture;
using trust_test::Dsn;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("explain: show names each bounce, its DSN fields, rule and trust decision", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = trust_test::settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    Dsn forged{"bounces@list.example", "alice@example.org", "5.1.1", "evil.example [203.0.113.66]", "postmaster@evil.example", "", "f"};
    Dsn genuine{trust_test::signed_verp(pg, "alice@example.org"), "alice@example.org", "5.1.1", "mx1.example.org [192.0.2.25]",
                "MAILER-DAEMON@mx1.example.org", "", "g"};
    const std::string genuine_bytes = trust_test::dsn_bytes(genuine);
    const auto forged_in = trust_test::incoming(trust_test::dsn_bytes(forged), settings);
    REQUIRE(store->apply({forged_in}).status.ok());
    pg.advance(60);
    const auto genuine_in = trust_test::incoming(genuine_bytes, settings);
    REQUIRE(store->apply({genuine_in}).status.ok());

    const auto run = run_bounced({"suppressions", "show", "alice@example.org"}, fixture_env(pg));
    INFO(run.out << run.err);
    REQUIRE(run.status == 0);
    CHECK(contains(run.out, "may not be sent to (suppressed)"));
    CHECK(contains(run.out, "held (not believed, changed nothing): 1"));
    CHECK(contains(run.out, "message fp=" + genuine_in.fingerprint + " source=test (raw kept: --raw)"));
    CHECK(contains(run.out, "message fp=" + forged_in.fingerprint));
    CHECK(contains(run.out, "hard/userunknown  <- decided the current status"));
    CHECK(contains(run.out, "sent by host=192.0.2.25 from=mailer-daemon@mx1.example.org"));
    CHECK(contains(run.out, "dsn: action=failed status=5.1.1 reply=550 remote-mta=mx1.example.org address-from=dsn"));
    CHECK(contains(run.out, "verp-tag=valid"));
    CHECK(contains(run.out, "trust: counted (level signed, a valid signed-VERP tag for this address)"));
    CHECK(contains(run.out, "sent by host=203.0.113.66 from=postmaster@evil.example"));
    CHECK(contains(run.out, "trust: HELD, changed nothing (level signed, unsigned): no valid VERP tag"));
    CHECK(contains(run.out, "rule="));

    // --raw: the bounce that decided the status, byte for byte; --fingerprint picks another
    const auto raw = run_bounced({"suppressions", "show", "alice@example.org", "--raw"}, fixture_env(pg));
    CHECK(raw.status == 0);
    CHECK(raw.out == genuine_bytes);
    const auto other = run_bounced({"suppressions", "show", "alice@example.org", "--raw", "--fingerprint",
                                    forged_in.fingerprint.substr(0, 12)}, fixture_env(pg));
    CHECK(other.out == trust_test::dsn_bytes(forged));
}

TEST_CASE("explain: raw bounces in the database go after trust.raw_retention", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto settings = trust_test::settings_for(pg, "dsn");
    settings.store.policy.raw_retention = 86400;
    auto store = pg.store(settings.store);
    trust_test::apply(*store, settings, {{"bounces@list.example", "alice@example.org"}});
    CHECK(pg.count("SELECT count(*) FROM raw_messages") == 1);
    pg.advance(86401);
    trust_test::apply(*store, settings, {{"bounces@list.example", "bob@example.org", "5.1.1", "", "x@y.example", "", "2"}});
    CHECK(pg.query("SELECT encode(bytes, 'escape') LIKE '%bob@example.org%' FROM raw_messages") == std::vector<std::string>{"t"});
    settings.trust.raw = "none";
    trust_test::apply(*store, settings, {{"bounces@list.example", "carol@example.org", "5.1.1", "", "x@y.example", "", "3"}});
    CHECK(pg.count("SELECT count(*) FROM raw_messages") == 1);
}

TEST_CASE("explain: the archive folder keeps raw bounces by day and purges old days", "[trust]") {
    cli_test::TempDir dir;
    const bounced::trust::RawArchive archive(dir.path());
    const db::Time day1(std::chrono::seconds(1704067200));  // 2024-01-01
    REQUIRE(archive.keep("bytes one\r\n", "aa11", day1) == "");
    REQUIRE(archive.keep("bytes two\r\n", "bb22", day1 + std::chrono::hours(72)) == "");
    CHECK(archive.keep("x", "../etc/passwd", day1) != "");
    std::string bytes;
    REQUIRE(archive.find("aa11", &bytes));
    CHECK(bytes == "bytes one\r\n");
    CHECK(cli_test::files_in(dir / "2024-01-01") == std::vector<std::string>{"aa11.eml"});
    CHECK(archive.purge(2 * 86400.0, day1 + std::chrono::hours(72)) == 1);
    CHECK_FALSE(archive.find("aa11", &bytes));
    CHECK(archive.find("bb22", &bytes));
}

TEST_CASE("explain: a bounce over 1 MiB is not kept in the database, but is applied", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = trust_test::settings_for(pg, "dsn");
    auto store = pg.store(settings.store);
    std::string bytes = trust_test::dsn_bytes({"bounces@list.example", "alice@example.org"});
    std::string filler;
    for (int i = 0; i < 15000; ++i) filler += std::string(76, 'x') + "\r\n";  // 1.1 MiB in short lines
    bytes.insert(bytes.find("--B--"), "--B\r\nContent-Type: text/plain\r\n\r\n" + filler);
    REQUIRE(store->apply({trust_test::incoming(bytes, settings)}).status.ok());
    CHECK(pg.count("SELECT count(*) FROM raw_messages") == 0);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE address = 'alice@example.org'") == 1);
}
