// The secrets file: refused when others may read it, comments and blank lines skipped,
// and the error names the option through config::load.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "config/load.h"
#include "config/secrets.h"
#include "tests/bounced/cli/cli_harness.h"

using cli_test::TempDir;
using cli_test::write_file;

TEST_CASE("secrets: one secret a line, the first signs, comments skipped", "[trust]") {
    TempDir dir;
    write_file(dir / "s", "# rotated in 2025-01\n  new secret of enough length \n\nold secret of enough length\n");
    ::chmod((dir / "s").c_str(), 0600);
    std::vector<std::string> secrets;
    CHECK(config::read_secrets_file(dir / "s", &secrets) == "");
    CHECK(secrets == std::vector<std::string>{"new secret of enough length", "old secret of enough length"});
}

TEST_CASE("secrets: a file readable by others, a short secret, an empty file are refused", "[trust]") {
    TempDir dir;
    std::vector<std::string> secrets;
    write_file(dir / "s", "a secret of enough length\n");
    ::chmod((dir / "s").c_str(), 0644);
    CHECK(config::read_secrets_file(dir / "s", &secrets).find("readable or writable by others") != std::string::npos);
    ::chmod((dir / "s").c_str(), 0640);
    CHECK(config::read_secrets_file(dir / "s", &secrets) == "");
    write_file(dir / "short", "tiny\n");
    ::chmod((dir / "short").c_str(), 0600);
    CHECK(config::read_secrets_file(dir / "short", &secrets).find("line 1") != std::string::npos);
    write_file(dir / "empty", "# nothing\n");
    ::chmod((dir / "empty").c_str(), 0600);
    CHECK(config::read_secrets_file(dir / "empty", &secrets).find("no secret") != std::string::npos);
    CHECK(config::read_secrets_file(dir / "missing", &secrets).find("cannot read") != std::string::npos);
}

TEST_CASE("secrets: config::load names trust.secrets_file, and reads the trust settings", "[trust]") {
    TempDir dir;
    write_file(dir / "s", "a secret of enough length\n");
    ::chmod((dir / "s").c_str(), 0604);
    const auto no_env = [](const char*) -> const char* { return nullptr; };
    config::Invocation inv;
    std::string error;
    CHECK_FALSE(config::load({"x", "--config=/dev/null", "--trust.secrets_file=" + (dir / "s")}, {}, &inv, &error, no_env));
    CHECK(error.find("option 'trust.secrets_file'") == 0);
    ::chmod((dir / "s").c_str(), 0600);
    REQUIRE(config::load({"x", "--config=/dev/null", "--trust.secrets_file=" + (dir / "s"), "--trust.level=signed",
                          "--trust.rate_cap=7", "--trust.tag_max_age_days=10"},
                         {}, &inv, &error, no_env));
    CHECK(inv.settings.trust.secrets == std::vector<std::string>{"a secret of enough length"});
    CHECK(inv.settings.store.policy.trust_level == "signed");
    CHECK(inv.settings.store.policy.rate_cap == 7);
    CHECK(inv.settings.trust.tag_max_age_days == 10);
    CHECK_FALSE(config::load({"x", "--config=/dev/null", "--trust.level=paranoid"}, {}, &inv, &error, no_env));
    CHECK(error.find("option 'trust.level': must be one of signed, dsn, any, not 'paranoid'") == 0);
    CHECK_FALSE(config::load({"x", "--config=/dev/null", "--trust.raw=archive"}, {}, &inv, &error, no_env));
    CHECK(error.find("archive needs trust.archive_dir") != std::string::npos);
}

TEST_CASE("secrets: the defaults are dsn, 30 days, 100 an hour, raw bounces in the database", "[trust]") {
    config::Settings s;
    CHECK(s.store.policy.trust_level == "dsn");
    CHECK(s.trust.tag_max_age_days == 30);
    CHECK(s.store.policy.rate_cap == 100);
    CHECK(s.store.policy.rate_window == 3600);
    CHECK(s.trust.raw == "database");
}
