// `bounced config check --connect`, the exit-code table and --help: the real binary,
// a real PostgreSQL schema per test (issue 17, "Configure and check").
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <sstream>

#include "tests/bounced/cli/cli_harness.h"
#include "tests/classify/dsn_builder.h"

using cli_test::run_bounced;

namespace {

// A Maildir, so that `config check` has a usable source and only the database is asked about.
std::string maildir_in(const cli_test::TempDir& dir) {
    const std::string path = dir / "Maildir";
    ::mkdir(path.c_str(), 0700);
    for (const char* sub : {"/new", "/cur", "/tmp"}) ::mkdir((path + sub).c_str(), 0700);
    return "--source.maildir=" + path;
}

std::vector<std::string> with(std::vector<std::string> env, const std::string& entry) {
    env.push_back(entry);
    return env;
}

std::size_t lines_of(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("config check --connect: an unreachable database is transient, 75", "[cli]") {
    cli_test::TempDir dir;
    const auto run = run_bounced({"config", "check", "--connect", maildir_in(dir),
                                  "--database.url=postgresql://bounced@127.0.0.1:1/none"},
                                 {"BOUNCED_CONFIG=/dev/null"});
    INFO(run.out << run.err);
    CHECK(run.status == 75);
    CHECK(run.out.find("problem: option 'database.url': database unavailable") != std::string::npos);
    // Without --connect the database is not asked: the configuration alone is usable.
    CHECK(run_bounced({"config", "check", maildir_in(dir), "--database.url=postgresql://bounced@127.0.0.1:1/none"},
                      {"BOUNCED_CONFIG=/dev/null"}).status == 0);
}

TEST_CASE("config check --connect: a migrated schema and a good hook pass", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    pg.query("CREATE TABLE hook_calls (address text, class text, reason text)");
    const auto run = run_bounced({"config", "check", "--connect", maildir_in(dir),
                                  "--database.hook=INSERT INTO hook_calls VALUES ($1, $2, $3)"},
                                 cli_test::fixture_env(pg));
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    CHECK(run.out.find("migrations of this program applied\n") != std::string::npos);
    CHECK(run.out.find("database.hook: the server accepts the statement") != std::string::npos);
    CHECK(run.out.find("ok\n") != std::string::npos);
    // PREPARE only: the hook did not run.
    CHECK(pg.count("SELECT count(*) FROM hook_calls") == 0);
}

TEST_CASE("config check --connect: pending migrations have their own exit status, 3", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const auto env = with(cli_test::fixture_env(pg), "BOUNCED_DATABASE_SCHEMA=" + pg.schema() + "_none");
    const auto run = run_bounced({"config", "check", "--connect", maildir_in(dir)}, env);
    INFO(run.out << run.err);
    CHECK(run.status == 3);
    CHECK(run.out.find("problem: schema \"" + pg.schema() + "_none\": 0 of ") != std::string::npos);
    CHECK(run.out.find("run 'bounced db migrate'") != std::string::npos);
    CHECK(run.out.find("0001_") != std::string::npos);  // the pending ones are named
    const auto status = run_bounced({"db", "status"}, env);
    CHECK(status.status == 3);
}

TEST_CASE("config check --connect: a hook naming a missing table is a configuration error, 78", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const auto run = run_bounced({"config", "check", "--connect", maildir_in(dir),
                                  "--database.hook=UPDATE newsletter_members SET active = false WHERE email = $1"},
                                 cli_test::fixture_env(pg));
    INFO(run.out << run.err);
    CHECK(run.status == 78);
    CHECK(run.out.find("problem: option 'database.hook': the hook statement is refused: relation "
                       "\"newsletter_members\" does not exist") != std::string::npos);
    CHECK(run.out.find("bounced db migrate") == std::string::npos);
}

TEST_CASE("a hook that fails at run time says the hook failed, not to migrate", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto env = with(cli_test::fixture_env(pg), "BOUNCED_DATABASE_HOOK=SELECT newsletter_unsubscribe($1, $2, $3)");
    const auto add = run_bounced({"suppressions", "add", "gone@example.org"}, env);
    INFO(add.err);
    CHECK(add.status == 78);
    CHECK(add.err.find("integration hook failed for gone@example.org: function newsletter_unsubscribe") != std::string::npos);
    CHECK(add.err.find("migrate") == std::string::npos);
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 0);  // rolled back
    // ingest on standard input: the message is not at fault, so the MTA keeps it (75).
    const auto ingest = run_bounced({"ingest"}, env, test::make_dsn("gone@example.org", "550 5.1.1 user unknown", "5.1.1"));
    CHECK(ingest.status == 75);
    CHECK(ingest.err.find("integration hook failed") != std::string::npos);
    CHECK(ingest.err.find("migrate") == std::string::npos);
}

TEST_CASE("ingest: an unmigrated schema is 3 for paths, 75 on standard input, an unreadable path is 2", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const std::string dsn = test::make_dsn("gone@example.org", "550 5.1.1 user unknown", "5.1.1");
    cli_test::write_file(dir / "a.eml", dsn);
    const auto env = with(cli_test::fixture_env(pg), "BOUNCED_DATABASE_SCHEMA=" + pg.schema() + "_none");
    const auto paths = run_bounced({"ingest", dir / "a.eml"}, env);
    INFO(paths.err);
    CHECK(paths.status == 3);
    CHECK(paths.err.find("run 'bounced db migrate'") != std::string::npos);
    CHECK(run_bounced({"ingest"}, env, dsn).status == 75);
    CHECK(run_bounced({"ingest", dir / "missing.eml"}, cli_test::fixture_env(pg)).status == 2);
}

TEST_CASE("--help: the command's own options, the exit-code table, the settings behind --help-all", "[cli]") {
    for (const char* command : {"classify", "db", "check", "suppressions", "held", "ingest", "run", "report", "config", "verp"}) {
        const auto help = run_bounced({command, "--help"}, {"BOUNCED_CONFIG=/dev/null"});
        INFO(command << ":\n" << help.out << help.err);
        CHECK(help.status == 0);
        CHECK(help.out.find("exit status (every command):") != std::string::npos);
        CHECK(help.out.find("   3  the store's schema is missing or older than this program") != std::string::npos);
        CHECK(help.out.find("  75  the database is unreachable") != std::string::npos);
        if (std::string(command) == "config") {
            CHECK(help.out.find("--database.url=VALUE") != std::string::npos);
            continue;
        }
        CHECK(help.out.find("--database.url") == std::string::npos);
        CHECK(help.out.find("--help-all") != std::string::npos);
        CHECK(lines_of(help.out) < 60);
        const auto all = run_bounced({command, "--help-all"}, {"BOUNCED_CONFIG=/dev/null"});
        CHECK(all.status == 0);
        CHECK(all.out.find("--suppression.soft_window=VALUE  (default 30d") != std::string::npos);
    }
}
