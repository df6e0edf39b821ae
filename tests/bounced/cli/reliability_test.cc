// Issue 13 against the real binary and a real PostgreSQL: a message that cannot be
// stored is set aside and the rest goes on (run and ingest); pipe mode never loses a
// bounce to a failure that is not the message's own; hostile sizes are refused at
// their limit; files that name subscribers are created 0600.
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <cstdio>

#include "tests/classify/dsn_builder.h"
#include "tests/bounced/cli/cli_harness.h"

using cli_test::files_in;
using cli_test::run_bounced;

namespace {

std::string dsn_for(const std::string& address) { return test::make_dsn(address, "550 5.1.1 user unknown", "5.1.1"); }
std::string dsn_for(int i) { return dsn_for("user" + std::to_string(i) + "@example.org"); }

// 3,000 random letters and digits: past PostgreSQL's index row limit, incompressible.
std::string random_text(std::size_t n) {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    unsigned state = 2463534242u;
    while (out.size() < n) {
        state ^= state << 13, state ^= state >> 17, state ^= state << 5;
        out += kChars[state % 36];
    }
    return out;
}

void make_maildir(const std::string& path) {
    ::mkdir(path.c_str(), 0700);
    for (const char* sub : {"/new", "/cur", "/tmp"}) ::mkdir((path + sub).c_str(), 0700);
}

void deliver(const std::string& maildir, const std::string& name, const std::string& bytes) {
    cli_test::write_file(maildir + "/tmp/" + name, bytes);
    REQUIRE(std::rename((maildir + "/tmp/" + name).c_str(), (maildir + "/new/" + name).c_str()) == 0);
}

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

}  // namespace

// A statement the store runs inside the apply transaction: a data error (22012) for
// one address, as an index row too large (54000) would be, makes that message's batch
// one that cannot be stored.
const char kPoisonHook[] = "--database.hook=SELECT CASE WHEN $1 = 'poison@example.org' THEN 1 / 0 ELSE 1 END";

TEST_CASE("run: a message that cannot be stored is quarantined with the reason and the daemon goes on", "[pg][cli][daemon]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const std::string maildir = dir / "Maildir";
    make_maildir(maildir);
    deliver(maildir, "a.host", dsn_for(1));
    deliver(maildir, "b-poison.host", dsn_for("poison@example.org"));
    deliver(maildir, "c-long.host", dsn_for(random_text(3000) + "@example.org"));
    deliver(maildir, "d.host", dsn_for(4));
    cli_test::Daemon daemon({"run", "--source.maildir=" + maildir, "--daemon.rescan_interval=1h", "--log.file=" + (dir / "log"),
                             kPoisonHook},
                            cli_test::fixture_env(pg), dir / "stderr");
    REQUIRE(cli_test::eventually(20, [&] { return files_in(maildir + "/.Quarantine/cur").size() == 1; }));
    REQUIRE(cli_test::eventually(20, [&] { return files_in(maildir + "/.Processed/cur").size() == 3; }));
    // The daemon is still running, and takes the next message.
    deliver(maildir, "e.host", dsn_for(5));
    REQUIRE(cli_test::eventually(20, [&] { return files_in(maildir + "/.Processed/cur").size() == 4; }));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait(10) == 0);
    CHECK(files_in(maildir + "/.Quarantine/cur")[0].find("b-poison") != std::string::npos);
    const std::string reasons = cli_test::read_file(maildir + "/.Quarantine/bounced-reasons.log");
    CHECK(reasons.find("not stored: ") != std::string::npos);
    CHECK(reasons.find("division by zero") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 3);
    // The 3 KB address is no address: nothing of it reaches an index.
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE length(address) > 320") == 0);
    // Both files name subscribers: readable by the owner only.
    CHECK(mode_of(maildir + "/.Quarantine/bounced-reasons.log") == 0600);
    CHECK(mode_of(dir / "log") == 0600);
}

TEST_CASE("ingest: a message that cannot be stored is set aside, exit 0", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const auto run = run_bounced({"ingest", "--daemon.quarantine_dir=" + (dir / "q"), kPoisonHook}, cli_test::fixture_env(pg),
                                 dsn_for("poison@example.org"));
    INFO(run.err);
    CHECK(run.status == 0);
    const auto kept = files_in(dir / "q");
    REQUIRE(kept.size() == 2);  // FINGERPRINT.eml and .why
    CHECK(cli_test::read_file(dir / ("q/" + kept[1])).find("not stored") != std::string::npos);
    CHECK(cli_test::read_file(dir / ("q/" + kept[0])) == dsn_for("poison@example.org"));
    // A 3 KB random recipient is no address: applied as a bounce without one, exit 0.
    CHECK(run_bounced({"ingest"}, cli_test::fixture_env(pg), dsn_for(random_text(3000) + "@example.org")).status == 0);
    // Paths: the message is left in place, the rest applied.
    cli_test::write_file(dir / "bad.eml", dsn_for("poison@example.org"));
    cli_test::write_file(dir / "good.eml", dsn_for(5));
    const auto paths = run_bounced({"ingest", kPoisonHook, dir / "bad.eml", dir / "good.eml"}, cli_test::fixture_env(pg));
    INFO(paths.err);
    CHECK(paths.status == 0);
    CHECK(paths.err.find("left in place") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE address = 'user5@example.org' AND status = 'suppressed'") == 1);
}

TEST_CASE("ingest: pipe mode exits 75 for every failure that is not the message's fault", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    auto env = cli_test::fixture_env(pg);
    // No database setting at all.
    CHECK(run_bounced({"ingest"}, {"BOUNCED_CONFIG=/dev/null", "BOUNCED_DATABASE_URL="}, dsn_for(1)).status == 75);
    // A schema that was never migrated.
    const auto unmigrated = run_bounced({"ingest", "--database.schema=never_migrated_x"}, env, dsn_for(1));
    INFO(unmigrated.err);
    CHECK(unmigrated.status == 75);
    CHECK(unmigrated.err.find("bounced db migrate") != std::string::npos);
    // A bad setting, and an unknown option.
    CHECK(run_bounced({"ingest", "--daemon.batch_size=many"}, env, dsn_for(1)).status == 75);
    CHECK(run_bounced({"ingest", "--no-such-option"}, env, dsn_for(1)).status == 75);
    // A log file it cannot create (a file where its directory should be).
    cli_test::TempDir dir;
    cli_test::write_file(dir / "file", "");
    CHECK(run_bounced({"ingest", "--log.file=" + (dir / "file/log")}, env, dsn_for(1)).status == 75);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 0);
    // Fixed: applied.
    CHECK(run_bounced({"ingest"}, env, dsn_for(1)).status == 0);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 1);
}

TEST_CASE("ingest and classify: standard input past the limit is refused, read no further", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const std::string big = dsn_for(1) + std::string(2 * 1024 * 1024, 'x');
    auto env = cli_test::fixture_env(pg);
    env.push_back("BOUNCED_LIMITS_MAX_MESSAGE_BYTES=64KiB");
    const auto ingest = run_bounced({"ingest", "--daemon.quarantine_dir=" + (dir / "q")}, env, big);
    INFO(ingest.err);
    CHECK(ingest.status == 0);
    CHECK(pg.count("SELECT count(*) FROM processed_messages WHERE outcome = 'limit-exceeded'") == 1);
    const auto kept = files_in(dir / "q");
    REQUIRE(kept.size() == 2);
    CHECK(cli_test::read_file(dir / ("q/" + kept[0])).size() <= 64 * 1024 + 1);
    const auto classify = run_bounced({"classify", "-"}, {"BOUNCED_CONFIG=/dev/null", "BOUNCED_LIMITS_MAX_MESSAGE_BYTES=64KiB"}, big);
    CHECK(classify.out.find("\"outcome\":\"limit-exceeded\"") != std::string::npos);
}

TEST_CASE("check: refuses what is not an address, as suppressions add does", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    for (const std::string bad : {"", "@", "a@", "no-at-sign"}) {
        const auto run = run_bounced({"check", bad}, cli_test::fixture_env(pg));
        INFO(bad << ": " << run.out << run.err);
        CHECK(run.status == 64);
        CHECK(run.err.find("is not an email address") != std::string::npos);
        CHECK(run.out.find("may be sent to") == std::string::npos);
    }
    CHECK(run_bounced({"check", "someone@example.org"}, cli_test::fixture_env(pg)).status == 0);
}

TEST_CASE("suppressions import: a huge field is refused quoting only a short prefix", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    cli_test::write_file(dir / "huge.csv", "address,class\n" + std::string(8 * 1024 * 1024, 'a') + ",hard\n");
    const auto run = run_bounced({"suppressions", "import", dir / "huge.csv"}, cli_test::fixture_env(pg));
    CHECK(run.status != 0);
    CHECK(run.err.size() < 1000);
    CHECK(run.err.find("longer than") != std::string::npos);
    static const char kNul[] = "address,class\nvictim@example.org\0junk,hard\n";
    cli_test::write_file(dir / "nul.csv", std::string(kNul, sizeof kNul - 1));
    const auto nul = run_bounced({"suppressions", "import", dir / "nul.csv"}, cli_test::fixture_env(pg));
    CHECK(nul.status != 0);
    CHECK(nul.err.find("\\x00") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);
}

TEST_CASE("suppressions export --output creates the file 0600", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    REQUIRE(run_bounced({"suppressions", "add", "gone@example.org"}, cli_test::fixture_env(pg)).status == 0);
    const auto run = run_bounced({"suppressions", "export", "--output", dir / "out.csv"}, cli_test::fixture_env(pg));
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(mode_of(dir / "out.csv") == 0600);
    CHECK(cli_test::read_file(dir / "out.csv").find("gone@example.org") != std::string::npos);
}

TEST_CASE("run: the IMAP URL's password is never logged", "[cli][daemon]") {
    cli_test::TempDir dir;
    cli_test::Daemon daemon({"run", "--source.imap=imap://bounces:pw-Zq9-secret@127.0.0.1:1/INBOX", "--daemon.rescan_interval=1s",
                             "--database.url=postgresql://u:db-Zq9-secret@127.0.0.1:1/x?password=q-Zq9-secret"},
                            {"BOUNCED_CONFIG=/dev/null"}, dir / "log");
    cli_test::eventually(5, [&] { return cli_test::read_file(dir / "log").find("imap ") != std::string::npos; });
    daemon.signal(SIGTERM);
    daemon.wait(10);
    const std::string log = cli_test::read_file(dir / "log");
    INFO(log);
    CHECK(log.find("Zq9-secret") == std::string::npos);
    const auto check = run_bounced({"config", "show", "--source.imap=imaps://bounces:pw-Zq9-secret@127.0.0.1/INBOX",
                                    "--database.url=host=h password = 'db Zq9-secret' dbname=b"},
                                   {"BOUNCED_CONFIG=/dev/null"});
    INFO(check.out << check.err);
    CHECK((check.out + check.err).find("Zq9-secret") == std::string::npos);
    CHECK(check.out.find("password = ***") != std::string::npos);
}
