// `bounced ingest` end to end: the real binary, a real PostgreSQL schema per test.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "tests/bounced/cli/cli_harness.h"
#include "tests/classify/dsn_builder.h"

using cli_test::run_bounced;

namespace {

std::string dsn_for(int i) {
    return test::make_dsn("user" + std::to_string(i) + "@example.org", "550 5.1.1 user unknown", "5.1.1");
}

// A message the classifier refuses: more MIME parts than Limits::max_mime_parts.
std::string too_many_parts() {
    std::string m = "From: a@example.net\nSubject: parts\nMIME-Version: 1.0\n"
                    "Content-Type: multipart/mixed; boundary=b\n\n";
    for (int i = 0; i < 600; ++i) m += "--b\nContent-Type: text/plain\n\nx\n";
    return m + "--b--\n";
}

}  // namespace

TEST_CASE("ingest: one message on stdin is applied and its recipient suppressed", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto run = run_bounced({"ingest"}, cli_test::fixture_env(pg), dsn_for(1));
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE address = 'user1@example.org' AND status = 'suppressed'") == 1);
    CHECK(run.err.find("rcpt=\"user1@example.org\" class=hard reason=userunknown") != std::string::npos);
}

TEST_CASE("ingest: the same message on stdin twice is applied once", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    REQUIRE(run_bounced({"ingest"}, cli_test::fixture_env(pg), dsn_for(1)).status == 0);
    const auto again = run_bounced({"ingest"}, cli_test::fixture_env(pg), dsn_for(1));
    REQUIRE(again.status == 0);
    CHECK(again.err.find("duplicate") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 1);
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 1);
}

TEST_CASE("ingest: a From_ envelope line on stdin is not part of the message", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    REQUIRE(run_bounced({"ingest"}, cli_test::fixture_env(pg), "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n" + dsn_for(1)).status == 0);
    REQUIRE(run_bounced({"ingest"}, cli_test::fixture_env(pg), dsn_for(1)).status == 0);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 1);
}

TEST_CASE("ingest: exit 75 when the database is unreachable, so the MTA retries", "[cli]") {
    const auto run = run_bounced({"ingest", "--database.url=postgresql://bounced@127.0.0.1:1/none"},
                                 {"BOUNCED_CONFIG=/dev/null"}, dsn_for(1));
    CHECK(run.status == 75);
    CHECK(run.err.find("unavailable") != std::string::npos);
}

TEST_CASE("ingest: pipe mode exits 75 without a database URL (78 would bounce the bounce)", "[cli]") {
    const auto run = run_bounced({"ingest"}, {"BOUNCED_CONFIG=/dev/null", "BOUNCED_DATABASE_URL="}, dsn_for(1));
    CHECK(run.status == 75);
}

TEST_CASE("ingest: a directory of .eml files goes in batches, with progress and a summary", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    for (int i = 0; i < 250; ++i) cli_test::write_file(dir / ("m" + std::to_string(1000 + i) + ".eml"), dsn_for(i));
    // The DSNs name mx.example.net as their Reporting-MTA: our own MTA here, so the
    // rate budget of a remote sender (docs/trust.md) does not apply to its 250 bounces.
    const auto run = run_bounced({"ingest", "--progress=100", "--daemon.batch_size=40", "--trust.own_mtas=mx.example.net",
                                  dir.path()}, cli_test::fixture_env(pg));
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(run.err.find("progress: 100 messages") != std::string::npos);
    CHECK(run.err.find("progress: 200 messages") != std::string::npos);
    CHECK(run.err.find("done: 250 messages: 250 applied, 0 duplicates, 0 quarantined, 0 unreadable") != std::string::npos);
    CHECK(run.err.find("recipients: hard 250") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 250);

    const auto again = run_bounced({"ingest", dir.path()}, cli_test::fixture_env(pg));
    CHECK(again.err.find("done: 250 messages: 0 applied, 250 duplicates") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 250);
}

TEST_CASE("ingest: a Maildir is read and left as it was", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir maildir;
    for (const char* sub : {"new", "cur", "tmp"}) ::mkdir((maildir / sub).c_str(), 0700);
    cli_test::write_file(maildir / "new/1.a.host", dsn_for(1));
    cli_test::write_file(maildir / "cur/2.b.host:2,S", dsn_for(2));
    const auto run = run_bounced({"ingest", maildir.path()}, cli_test::fixture_env(pg));
    REQUIRE(run.status == 0);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 2);
    CHECK(cli_test::files_in(maildir / "new") == std::vector<std::string>{"1.a.host"});
    CHECK(cli_test::files_in(maildir / "cur") == std::vector<std::string>{"2.b.host:2,S"});
}

TEST_CASE("ingest: --mbox imports every message of an mbox file", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    std::string mbox;
    for (int i = 0; i < 3; ++i) mbox += "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n" + dsn_for(i) + "\n";
    cli_test::write_file(dir / "bounces.mbox", mbox);
    const auto run = run_bounced({"ingest", "--mbox", dir / "bounces.mbox"}, cli_test::fixture_env(pg));
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 3);
    CHECK(pg.count("SELECT count(*) FROM processed_messages WHERE source LIKE '%bounces.mbox#%'") == 3);
}

TEST_CASE("ingest: an unreadable path is reported, the rest applied, exit 2", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    cli_test::write_file(dir / "a.eml", dsn_for(1));
    const auto run = run_bounced({"ingest", dir / "missing.eml", dir / "a.eml"}, cli_test::fixture_env(pg));
    CHECK(run.status == 2);
    CHECK(run.err.find("missing.eml: no such file") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 1);
}

TEST_CASE("ingest: a message over a limit is recorded and kept in the quarantine dir", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const auto run = run_bounced({"ingest", "--daemon.quarantine_dir=" + (dir / "q")}, cli_test::fixture_env(pg), too_many_parts());
    INFO(run.err);
    REQUIRE(run.status == 0);
    const auto kept = cli_test::files_in(dir / "q");
    REQUIRE(kept.size() == 2);  // FINGERPRINT.eml and FINGERPRINT.why
    CHECK(cli_test::read_file(dir / ("q/" + kept[0])) == too_many_parts());
    CHECK(cli_test::read_file(dir / ("q/" + kept[1])).find("MIME parts") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM processed_messages WHERE outcome = 'limit-exceeded'") == 1);
}

TEST_CASE("ingest: the limits are settings: a bounce within the defaults is refused under a lower one", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    // A report of three MIME entities (the report, its text, its delivery-status).
    const auto run = run_bounced({"ingest", "--daemon.quarantine_dir=" + (dir / "q"), "--limits.max_mime_parts=2"},
                                 cli_test::fixture_env(pg), dsn_for(1));
    INFO(run.err);
    REQUIRE(run.status == 0);
    const auto kept = cli_test::files_in(dir / "q");
    REQUIRE(kept.size() == 2);
    CHECK(cli_test::read_file(dir / ("q/" + kept[1])).find("more than 2 MIME parts (limits.max_mime_parts)") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM processed_messages WHERE outcome = 'limit-exceeded'") == 1);
    CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);
}

TEST_CASE("classify: the limits are settings there too, from the environment", "[cli]") {
    cli_test::TempDir dir;
    std::string epilogue;  // past 1 KiB, which the lowest max_message_bytes is
    for (int line = 0; line < 40; ++line) epilogue += std::string(60, 'x') + "\n";
    cli_test::write_file(dir / "a.eml", dsn_for(1) + epilogue);
    const auto within = run_bounced({"classify", dir / "a.eml"}, {"BOUNCED_CONFIG=/dev/null"});
    CHECK(within.out.find("\"outcome\":\"bounce\"") != std::string::npos);
    const auto over =
        run_bounced({"classify", dir / "a.eml"}, {"BOUNCED_CONFIG=/dev/null", "BOUNCED_LIMITS_MAX_MESSAGE_BYTES=1KiB"});
    INFO(over.out << over.err);
    CHECK(over.status == 0);
    CHECK(over.out.find("\"outcome\":\"limit-exceeded\"") != std::string::npos);
    CHECK(over.out.find("bytes (limits.max_message_bytes)") != std::string::npos);
}

TEST_CASE("ingest: a quarantine dir that cannot be written gives 75, not a lost message", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    cli_test::write_file(dir / "file", "");  // a file where the directory should be
    const auto run = run_bounced({"ingest", "--daemon.quarantine_dir=" + (dir / "file/q")}, cli_test::fixture_env(pg), too_many_parts());
    CHECK(run.status == 75);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 0);
}
