// `bounced report` as cron runs it: the real binary against a seeded schema, every
// format and both languages, --mail-to through a sendmail stand-in on PATH, and the
// clear failures (no database, database down, absurd period, bad options).
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include "tests/bounced/cli/cli_harness.h"
#include "tests/bounced/report/report_seed.h"

using cli_test::run_bounced;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The seed's period on the command line, and the policy it was applied with.
std::vector<std::string> period_args(const report_test::Seed& seed) {
    return {"--since", db::format_time(seed.since), "--until", db::format_time(seed.until),
            "--throttle.policy_limit=2", "--throttle.policy_min_count=2"};
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TEST_CASE("cli_report: text in English and Japanese carries every section's numbers", "[pg][cli][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = report_test::seed_month(pg);
    const auto en = run_bounced(with({"report"}, period_args(seed)), cli_test::fixture_env(pg));
    INFO(en.err);
    REQUIRE(en.status == 0);
    CHECK(has(en.out, "Failures (hard, soft, policy, complaint): 13 (+10)"));
    CHECK(has(en.out, "  hard       userunknown      3         2      +1\n"));
    CHECK(has(en.out, "  soft       mailboxfull      6         1      +5\n"));
    CHECK(has(en.out, "== New suppressions (5) =="));
    CHECK(has(en.out, "== Reactivations (1) =="));
    CHECK(has(en.out, "u3@example.org"));
    CHECK(has(en.out, "  b.example          0     4       0          0      4\n"));
    CHECK(has(en.out, "  blocky.example"));
    CHECK(has(en.out, "      6  soft       mailboxfull  4.2.2   452 4.2.2 Mailbox full: quota exceeded\n"));
    CHECK(has(en.out, "  r1@b.example           3/5"));
    CHECK(has(en.out, "== Quarantined messages (1) =="));
    CHECK(has(en.out, "Message-ID never recorded as sent: 2"));
    CHECK(has(en.out, "- mailbox-full (6; mailboxfull; 4.2.2)"));
    CHECK(has(en.out, "- blocklist (2; blocked; 5.7.1)"));

    const auto ja = run_bounced(with({"report", "--lang", "ja"}, period_args(seed)), cli_test::fixture_env(pg));
    REQUIRE(ja.status == 0);
    CHECK(has(ja.out, "配信失敗(hard, soft, policy, complaint): 13 (+10)"));
    CHECK(has(ja.out, "== 新たな配信停止 (5) =="));
    CHECK(has(ja.out, "== 送信を抑制中のドメイン =="));
    CHECK(has(ja.out, "== 停止が近いアドレス (1) =="));
    CHECK(has(ja.out, "== 隔離されたメッセージ (1) =="));
    CHECK(has(ja.out, "送信記録にない Message-ID: 2"));
    CHECK(has(ja.out, "公開 DNSBL で登録状況を調べ"));
}

TEST_CASE("cli_report: csv, json and html agree on the numbers", "[pg][cli][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = report_test::seed_month(pg);
    const auto csv = run_bounced(with({"report", "--format", "csv"}, period_args(seed)), cli_test::fixture_env(pg));
    REQUIRE(csv.status == 0);
    CHECK(has(csv.out, "summary,failures,,,13,3,10,,\r\n"));
    CHECK(has(csv.out, "reason,hostunknown,hard,hostunknown,1,0,1,,\r\n"));
    CHECK(has(csv.out, "summary,suppressions,,,5,,,,\r\n"));
    CHECK(has(csv.out, "summary,reactivations,,,1,,,,\r\n"));
    CHECK(has(csv.out, "throttled,blocky.example,policy,blocked,2,,,"));
    CHECK(has(csv.out, "summary,at_risk,soft,,1,,,,threshold=3 soft_limit=5\r\n"));
    CHECK(has(csv.out, "summary,quarantined,,,1,,,,\r\n"));
    CHECK(has(csv.out, "summary,unverified_not_sent,,,2,,,,\r\n"));

    const auto json = run_bounced(with({"report", "--format", "json", "--lang", "ja"}, period_args(seed)),
                                  cli_test::fixture_env(pg));
    REQUIRE(json.status == 0);
    CHECK(has(json.out, "\"failures\":{\"count\":13,\"previous\":3,\"change\":10}"));
    CHECK(has(json.out, "{\"class\":\"complaint\",\"reason\":\"feedback\",\"count\":1,\"previous\":0,\"change\":1}"));
    CHECK(has(json.out, "\"suppressions\":{\"total\":5,"));
    CHECK(has(json.out, "\"at_risk\":{\"total\":1,\"threshold\":3,\"soft_limit\":5,\"addresses\":[{\"address\":\"r1@b.example\",\"soft_bounces\":3,\"messages\":3,"));
    CHECK(has(json.out, "\"quarantined\":{\"total\":1,"));
    CHECK(has(json.out, "\"lang\":\"ja\""));

    const auto html = run_bounced(with({"report", "--format", "html"}, period_args(seed)), cli_test::fixture_env(pg));
    REQUIRE(html.status == 0);
    CHECK(has(html.out, "data-k=\"failures.count\">13<"));
    CHECK(has(html.out, "data-k=\"reasons.soft.mailboxfull.count\">6<"));
    CHECK(has(html.out, "data-k=\"throttled.blocky.example.policy_bounces\">2<"));
    CHECK(has(html.out, "data-k=\"remedies.blocklist.failures\">2<"));
    CHECK(has(html.out, "<svg"));
}

TEST_CASE("cli_report: --mail-to pipes the report to sendmail and checks its exit status", "[pg][cli][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = report_test::seed_month(pg);
    cli_test::TempDir bin;
    // A stand-in for the MTA's sendmail binary: records its arguments and input.
    cli_test::write_file(bin / "sendmail", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + bin.path() + "/args\"\ncat > \"" +
                                               bin.path() + "/message\"\nexit ${FAKE_SENDMAIL_STATUS:-0}\n");
    ::chmod((bin / "sendmail").c_str(), 0755);
    auto env = cli_test::fixture_env(pg);
    env.push_back("PATH=" + bin.path() + ":" + std::getenv("PATH"));
    const auto sent = run_bounced(with({"report", "--format", "html", "--lang", "ja", "--mail-to", "ops@list.example"},
                                       period_args(seed)),
                                  env);
    INFO(sent.err);
    REQUIRE(sent.status == 0);
    CHECK(sent.out.empty());
    CHECK(cli_test::read_file(bin / "args") == "-oi\nops@list.example\n");
    const std::string message = cli_test::read_file(bin / "message");
    CHECK(has(message, "To: ops@list.example\r\n"));
    CHECK(has(message, "Subject: =?UTF-8?B?"));
    CHECK(has(message, "Content-Type: text/html; charset=utf-8\r\n"));
    CHECK(has(message, "Auto-Submitted: auto-generated\r\n"));

    env.push_back("FAKE_SENDMAIL_STATUS=75");
    const auto failed = run_bounced(with({"report", "--mail-to", "ops@list.example"}, period_args(seed)), env);
    CHECK(failed.status == 75);
    CHECK(has(failed.err, "exited with status 75: the report was not sent"));

    const auto bad = run_bounced(with({"report", "--mail-to", "-oQ/tmp"}, period_args(seed)), env);
    CHECK(bad.status == 64);
    CHECK(has(bad.err, "--mail-to: '-oQ/tmp' is not one mail address"));
}

TEST_CASE("cli_report: an empty period says so and is not an error", "[pg][cli][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto empty = run_bounced({"report", "--since", "7d"}, cli_test::fixture_env(pg));
    REQUIRE(empty.status == 0);
    CHECK(has(empty.out, "No bounces, suppressions, reactivations or quarantined messages in this period."));
    CHECK(has(empty.out, "The store holds no bounces at all"));
    const auto json = run_bounced({"report", "--format", "json"}, cli_test::fixture_env(pg));
    CHECK(has(json.out, "\"empty\":true"));
}

TEST_CASE("cli_report: absurd periods and bad options stop with EX_USAGE and a reason", "[cli][report]") {
    const std::vector<std::string> env{"BOUNCED_CONFIG=/dev/null", "BOUNCED_DATABASE_URL=postgresql://bounced@127.0.0.1:1/none"};
    struct Row {
        std::vector<std::string> args;
        const char* says;
    };
    const Row rows[] = {
        {{"report", "--since", "2024-05-02", "--until", "2024-05-01"}, "--until must be later than --since"},
        {{"report", "--since", "2199-01-01"}, "starts in the future"},
        {{"report", "--since", "3000-01-01"}, "outside the years a report can cover"},
        {{"report", "--since", "2000-01-01", "--until", "2010-01-01"}, "longer than 366 days"},
        {{"report", "--since", "fortnight"}, "--since: 'fortnight' is neither a duration"},
        {{"report", "--format", "pdf"}, "--format: text, html, csv or json, not 'pdf'"},
        {{"report", "--lang", "fr"}, "--lang: en or ja, not 'fr'"},
        {{"report", "extra"}, "unexpected argument 'extra'"},
    };
    for (const auto& r : rows) {
        const auto run = run_bounced(r.args, env);
        INFO(run.err);
        CHECK(run.status == 64);
        CHECK(has(run.err, r.says));
        CHECK(run.out.empty());
    }
}

TEST_CASE("cli_report: a database that is down gives 75, none configured 78", "[cli][report]") {
    const auto down = run_bounced({"report"}, {"BOUNCED_CONFIG=/dev/null",
                                               "BOUNCED_DATABASE_URL=postgresql://bounced@127.0.0.1:1/none"});
    CHECK(down.status == 75);
    CHECK(has(down.err, "bounced report: "));
    CHECK(has(down.err, "unavailable"));
    CHECK(down.out.empty());
    const auto none = run_bounced({"report"}, {"BOUNCED_CONFIG=/dev/null", "BOUNCED_DATABASE_URL="});
    CHECK(none.status == 78);
    CHECK(has(none.err, "no database configured"));
}

TEST_CASE("cli_report: a schema never migrated says to migrate", "[pg][cli][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto run = run_bounced({"report", "--database.schema=never_migrated_schema"}, cli_test::fixture_env(pg));
    CHECK(run.status == 3);  // exit_code.h: the schema has its own status
    CHECK(has(run.err, "bounced db migrate"));
}
