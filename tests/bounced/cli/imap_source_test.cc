// `bounced run` with an IMAP or POP3 source whose server cannot be reached: the
// daemon keeps running, says so, and stops cleanly. The real exchange with a server
// is tests/e2e/imap_dovecot.sh (Dovecot).
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "tests/bounced/cli/cli_harness.h"

TEST_CASE("run: an IMAP or POP3 server that cannot be reached is logged and retried, SIGTERM exits 0", "[pg][cli][daemon]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    for (const std::string url : {"imap://127.0.0.1:1/INBOX", "pop3://127.0.0.1:1"}) {
        cli_test::TempDir dir;
        cli_test::write_file(dir / "password", "secret\n");
        ::chmod((dir / "password").c_str(), 0600);
        cli_test::Daemon daemon({"run", "--source.imap=" + url, "--source.imap_user=bounces",
                                 "--source.imap_password_file=" + (dir / "password"), "--daemon.rescan_interval=1s"},
                                cli_test::fixture_env(pg), dir / "log");
        INFO(url);
        REQUIRE(cli_test::eventually(10, [&] {
            const std::string log = cli_test::read_file(dir / "log");
            return log.find("Couldn't connect") != std::string::npos && log.rfind("Couldn't connect") != log.find("Couldn't connect");
        }));
        daemon.signal(SIGTERM);
        CHECK(daemon.wait(10) == 0);
        INFO(cli_test::read_file(dir / "log"));
        CHECK(pg.count("SELECT count(*) FROM processed_messages") == 0);
    }
}

TEST_CASE("run: refuses an IMAP password file that others may read", "[cli][daemon]") {
    cli_test::TempDir dir;
    cli_test::write_file(dir / "password", "secret\n");
    ::chmod((dir / "password").c_str(), 0644);
    const auto run = cli_test::run_bounced({"run", "--database.url=postgresql://127.0.0.1:1/x", "--source.imap=imaps://mail.example.org/INBOX",
                                            "--source.imap_user=bounces", "--source.imap_password_file=" + (dir / "password")},
                                           {"BOUNCED_CONFIG=/dev/null"});
    CHECK(run.status == 78);
    CHECK(run.err.find("option 'source.imap_password_file'") != std::string::npos);
    CHECK(run.err.find("readable by others") != std::string::npos);
}
