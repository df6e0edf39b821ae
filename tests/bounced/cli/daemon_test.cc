// `bounced run` with a Maildir source: the real binary, a real PostgreSQL schema.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>

#include "tests/bounced/cli/cli_harness.h"
#include "tests/classify/dsn_builder.h"

using cli_test::files_in;

namespace {

std::string dsn_for(int i) {
    return test::make_dsn("user" + std::to_string(i) + "@example.org", "550 5.1.1 user unknown", "5.1.1");
}

void make_maildir(const std::string& path) {
    ::mkdir(path.c_str(), 0700);
    for (const char* sub : {"/new", "/cur", "/tmp"}) ::mkdir((path + sub).c_str(), 0700);
}

// Delivers as an MTA does: write in tmp/, rename into new/.
void deliver(const std::string& maildir, const std::string& name, const std::string& bytes) {
    cli_test::write_file(maildir + "/tmp/" + name, bytes);
    REQUIRE(std::rename((maildir + "/tmp/" + name).c_str(), (maildir + "/new/" + name).c_str()) == 0);
}

std::vector<std::string> daemon_args(const std::string& maildir) {
    return {"run", "--source.maildir=" + maildir, "--daemon.rescan_interval=1h", "--daemon.backoff_max=1s"};
}

}  // namespace

TEST_CASE("run: drains a Maildir, moves each message to .Processed after commit, exits 0 on SIGTERM", "[pg][cli][daemon]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const std::string maildir = dir / "Maildir";
    make_maildir(maildir);
    for (int i = 0; i < 30; ++i) deliver(maildir, "m" + std::to_string(i) + ".host", dsn_for(i));
    cli_test::Daemon daemon(daemon_args(maildir), cli_test::fixture_env(pg), dir / "log");
    REQUIRE(cli_test::eventually(20, [&] { return files_in(maildir + "/.Processed/cur").size() == 30; }));
    // Noticed through inotify: the rescan is an hour away.
    deliver(maildir, "late.host", dsn_for(99));
    REQUIRE(cli_test::eventually(10, [&] { return files_in(maildir + "/.Processed/cur").size() == 31; }));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait(10) == 0);
    const std::string log = cli_test::read_file(dir / "log");
    INFO(log);
    CHECK(pg.count("SELECT count(*) FROM processed_messages") == 31);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 31);
    CHECK(files_in(maildir + "/new").empty());
    CHECK(files_in(maildir + "/.Processed/cur")[0].find(":2,S") != std::string::npos);
    CHECK(log.find("rcpt=\"user99@example.org\" class=hard reason=userunknown") != std::string::npos);
    CHECK(log.find("SIGTERM") != std::string::npos);
    CHECK(log.find("summary: ") != std::string::npos);
    CHECK(log.find("; time: read ") != std::string::npos);  // the stage split of the summary
}

TEST_CASE("run: a message the classifier refuses goes to .Quarantine with the reason", "[pg][cli][daemon]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const std::string maildir = dir / "Maildir";
    make_maildir(maildir);
    std::string parts = "From: a@example.net\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n";
    for (int i = 0; i < 600; ++i) parts += "--b\n\nx\n";
    deliver(maildir, "refused.host", parts + "--b--\n");
    cli_test::Daemon daemon(daemon_args(maildir), cli_test::fixture_env(pg), dir / "log");
    REQUIRE(cli_test::eventually(20, [&] { return files_in(maildir + "/.Quarantine/cur").size() == 1; }));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait(10) == 0);
    CHECK(cli_test::read_file(maildir + "/.Quarantine/cur/" + files_in(maildir + "/.Quarantine/cur")[0]) == parts + "--b--\n");
    CHECK(cli_test::read_file(maildir + "/.Quarantine/bounced-reasons.log").find("MIME parts") != std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM processed_messages WHERE outcome = 'limit-exceeded'") == 1);
}

TEST_CASE("run: while the database is down messages stay, one line says so, SIGTERM gives them back", "[cli][daemon]") {
    cli_test::TempDir dir;
    const std::string maildir = dir / "Maildir";
    make_maildir(maildir);
    for (int i = 0; i < 5; ++i) deliver(maildir, "m" + std::to_string(i), dsn_for(i));
    auto args = daemon_args(maildir);
    args.push_back("--database.url=postgresql://bounced@127.0.0.1:1/none");
    cli_test::Daemon daemon(args, {"BOUNCED_CONFIG=/dev/null"}, dir / "log");
    REQUIRE(cli_test::eventually(10, [&] { return cli_test::read_file(dir / "log").find("database unavailable") != std::string::npos; }));
    ::sleep(3);  // several retries, still one line
    daemon.signal(SIGTERM);
    CHECK(daemon.wait(10) == 0);
    const std::string log = cli_test::read_file(dir / "log");
    INFO(log);
    std::size_t lines = 0;
    for (auto at = log.find("error: database unavailable"); at != std::string::npos; at = log.find("error: database unavailable", at + 1)) ++lines;
    CHECK(lines == 1);
    CHECK(files_in(maildir + "/new").size() == 5);
    CHECK(files_in(maildir + "/.Processed/cur").empty());
}

TEST_CASE("run: claims left by a daemon that died are taken back and processed", "[pg][cli][daemon]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const std::string maildir = dir / "Maildir";
    make_maildir(maildir);
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    std::string owner = host;
    for (auto& c : owner) c = c == '.' || c == '/' ? '_' : c;
    // pid 2^22 + 1 is above pid_max on Linux, so no such process exists.
    const std::string claims = maildir + "/bounced-claims/" + owner + ".4194305.1700000000-1";
    ::mkdir((maildir + "/bounced-claims").c_str(), 0700);
    ::mkdir(claims.c_str(), 0700);
    cli_test::write_file(claims + "/orphan.host", dsn_for(7));
    cli_test::Daemon daemon(daemon_args(maildir), cli_test::fixture_env(pg), dir / "log");
    REQUIRE(cli_test::eventually(20, [&] { return files_in(maildir + "/.Processed/cur").size() == 1; }));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait(10) == 0);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE address = 'user7@example.org'") == 1);
    CHECK(::access(claims.c_str(), F_OK) != 0);
}

TEST_CASE("run: SIGHUP reloads the configuration file", "[pg][cli][daemon]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    make_maildir(dir / "a");
    make_maildir(dir / "b");
    cli_test::write_file(dir / "bounced.conf", "[source]\nmaildir = " + (dir / "a") + "\n[daemon]\nrescan_interval = 1h\n");
    auto env = cli_test::fixture_env(pg);
    env.push_back("BOUNCED_CONFIG=" + (dir / "bounced.conf"));  // putenv: the later one wins
    cli_test::Daemon daemon({"run"}, env, dir / "log");
    REQUIRE(cli_test::eventually(10, [&] { return cli_test::read_file(dir / "log").find("started") != std::string::npos; }));
    cli_test::write_file(dir / "bounced.conf", "[source]\nmaildir = " + (dir / "b") + "\n[daemon]\nrescan_interval = 1h\n");
    daemon.signal(SIGHUP);
    REQUIRE(cli_test::eventually(10, [&] { return cli_test::read_file(dir / "log").find("reloaded") != std::string::npos; }));
    deliver(dir / "b", "m1", dsn_for(1));
    REQUIRE(cli_test::eventually(10, [&] { return files_in(dir / "b/.Processed/cur").size() == 1; }));
    // A bad configuration is refused and the running one kept.
    cli_test::write_file(dir / "bounced.conf", "[daemon]\nbatch_size = many\n");
    daemon.signal(SIGHUP);
    REQUIRE(cli_test::eventually(10, [&] { return cli_test::read_file(dir / "log").find("not reloaded") != std::string::npos; }));
    deliver(dir / "b", "m2", dsn_for(2));
    REQUIRE(cli_test::eventually(10, [&] { return files_in(dir / "b/.Processed/cur").size() == 2; }));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait(10) == 0);
}

TEST_CASE("run: refuses to start without a usable source, naming the option", "[cli][daemon]") {
    cli_test::TempDir dir;
    const auto run = cli_test::run_bounced({"run", "--source.maildir=" + (dir / "missing"), "--database.url=postgresql://x@127.0.0.1:1/x"},
                                           {"BOUNCED_CONFIG=/dev/null"});
    CHECK(run.status == 78);
    CHECK(run.err.find("option 'source.maildir'") != std::string::npos);
}

TEST_CASE("config show prints the effective settings and config check names every problem", "[cli]") {
    cli_test::TempDir dir;
    make_maildir(dir / "Maildir");
    cli_test::write_file(dir / "ok.conf", "[database]\nurl = postgresql://u:pw-Xq7-token@127.0.0.1/b\n[source]\nmaildir = " +
                                              (dir / "Maildir") + "\nimap_password = pw-Xq7-imap\n[daemon]\nbatch_size = 50\n"
                                              "[limits]\nmax_mime_parts = 64\n");
    ::chmod((dir / "ok.conf").c_str(), 0600);
    const auto show = cli_test::run_bounced({"config", "show", "--config", dir / "ok.conf", "--daemon.claim_timeout=90m"},
                                            {"BOUNCED_DATABASE_URL", "BOUNCED_THROTTLE_DURATION=2h"});
    INFO(show.out << show.err);
    CHECK(show.status == 0);
    CHECK(show.out.find("daemon.batch_size = 50\n") != std::string::npos);
    CHECK(show.out.find("limits.max_mime_parts = 64\n") != std::string::npos);
    CHECK(show.out.find("limits.max_message_bytes = 10MiB\n") != std::string::npos);  // sizes and durations with units
    CHECK(show.out.find("suppression.soft_window = 30d\n") != std::string::npos);
    CHECK(show.out.find("daemon.claim_timeout = 90m\n") != std::string::npos);      // from the command line
    CHECK(show.out.find("throttle.duration = 2h\n") != std::string::npos);          // from the environment
    // Passwords are never printed (the word "secret" is: trust.secrets_file names a path).
    CHECK(show.out.find("pw-Xq7") == std::string::npos);
    CHECK(show.out.find("u:***@127.0.0.1") != std::string::npos);
    CHECK(show.out.find("source.imap_password = ***\n") != std::string::npos);
    const auto ok = cli_test::run_bounced({"config", "check", "--config", dir / "ok.conf"}, {"BOUNCED_DATABASE_URL"});
    INFO(ok.out);
    CHECK(ok.status == 0);
    CHECK(ok.out == "ok\n");
    const auto bad = cli_test::run_bounced({"config", "check", "--source.maildir=/nonexistent/a, /nonexistent/b"},
                                           {"BOUNCED_CONFIG=/dev/null", "BOUNCED_DATABASE_URL="});
    INFO(bad.out);
    CHECK(bad.status == 78);
    CHECK(bad.out.find("option 'database.url'") != std::string::npos);
    CHECK(bad.out.find("'/nonexistent/a' is not a Maildir") != std::string::npos);
    CHECK(bad.out.find("'/nonexistent/b' is not a Maildir") != std::string::npos);
    const auto invalid = cli_test::run_bounced({"config", "check", "--daemon.batch_size=0", "--log.level=loud"},
                                               {"BOUNCED_CONFIG=/dev/null"});
    INFO(invalid.out);
    CHECK(invalid.status == 78);
    CHECK(invalid.out.find("problem: option 'daemon.batch_size'") != std::string::npos);
    CHECK(invalid.out.find("problem: option 'log.level'") != std::string::npos);
}
