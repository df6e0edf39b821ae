// `bounced suppressions import` of the providers' JSON dumps and of plain address
// lists (issue 17): detection, classes, errors that name the entry without echoing
// the input, the JSON bounds, and the --dry-run counts read from the real store.
#include <catch2/catch.hpp>

#include "db/import.h"
#include "tests/bounced/cli/cli_harness.h"

using cli_test::run_bounced;

namespace {

// Postmark's suppression dump (GET .../suppressions/dump), as its API answers.
const char* const kPostmarkDump = R"({
  "Suppressions": [
    {"EmailAddress": "hard@example.com", "SuppressionReason": "HardBounce", "Origin": "Recipient",
     "CreatedAt": "2019-12-10T08:58:33-05:00"},
    {"EmailAddress": "Spam@Example.com", "SuppressionReason": "SpamComplaint", "Origin": "Recipient",
     "CreatedAt": "2019-12-10T08:58:33-05:00"},
    {"EmailAddress": "manual@example.com", "SuppressionReason": "ManualSuppression", "Origin": "Customer",
     "CreatedAt": "2019-12-10T08:58:33-05:00"}
  ]
})";

// `aws sesv2 list-suppressed-destinations`, one page of more.
const char* const kSesPage = R"({
    "SuppressedDestinationSummaries": [
        {"EmailAddress": "bounce@example.com", "Reason": "BOUNCE", "LastUpdateTime": "2020-08-19T17:16:44.713000+00:00"},
        {"EmailAddress": "complaint@example.com", "Reason": "COMPLAINT", "LastUpdateTime": "2020-08-19T17:16:44+00:00"}
    ],
    "NextToken": "AQICAHhNextPage"
})";

std::string class_of(db_test::PgFixture& pg, const std::string& address) {
    const auto rows = pg.query("SELECT coalesce(suppressed_class, '-') FROM subscribers WHERE address = $1", {address});
    return rows.empty() ? "" : rows[0];
}

}  // namespace

TEST_CASE("suppressions import: a Postmark dump is detected and mapped to classes", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    cli_test::write_file(dir / "dump.json", kPostmarkDump);
    const auto run = run_bounced({"suppressions", "import", dir / "dump.json"}, cli_test::fixture_env(pg));
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    CHECK(run.out.find("3 rows (postmark)") != std::string::npos);
    CHECK(class_of(pg, "hard@example.com") == "hard");
    CHECK(class_of(pg, "spam@example.com") == "complaint");
    CHECK(class_of(pg, "manual@example.com") == "manual");
    CHECK(pg.query("SELECT suppressed_source FROM subscribers WHERE address = 'hard@example.com'")[0] == "import:postmark");
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE suppressed_at = '2019-12-10 13:58:33+00'") == 3);
}

TEST_CASE("suppressions import: an SES page is read from standard input, and its NextToken is a warning", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto run = run_bounced({"suppressions", "import", "-"}, cli_test::fixture_env(pg), kSesPage);
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    CHECK(run.out.find("2 rows (ses)") != std::string::npos);
    CHECK(run.err.find("warning: NextToken is set: this is one page of the list") != std::string::npos);
    CHECK(class_of(pg, "bounce@example.com") == "hard");
    CHECK(class_of(pg, "complaint@example.com") == "complaint");
    // --format names the other provider: the file is refused, saying what it lacks.
    const auto wrong = run_bounced({"suppressions", "import", "-", "--format", "postmark"}, cli_test::fixture_env(pg), kSesPage);
    CHECK(wrong.status == 65);
    CHECK(wrong.err.find("not a Postmark suppression dump: expected an object with 'Suppressions'") != std::string::npos);
}

TEST_CASE("suppressions import: one address a line, with blank lines and comments", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    cli_test::write_file(dir / "list.txt", "\n# unsubscribed by phone\none@example.com\r\n\n  two@example.com  \n# end\n");
    const auto run = run_bounced({"suppressions", "import", dir / "list.txt", "--class", "complaint"}, cli_test::fixture_env(pg));
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    CHECK(run.out.find("2 rows (lines)") != std::string::npos);
    CHECK(class_of(pg, "one@example.com") == "complaint");
    CHECK(class_of(pg, "two@example.com") == "complaint");
    CHECK(pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'") == 2);

    cli_test::write_file(dir / "bad.txt", "three@example.com\nfour@example.com, five@example.com\n");
    const auto bad = run_bounced({"suppressions", "import", dir / "bad.txt"}, cli_test::fixture_env(pg));
    CHECK(bad.status == 65);
    CHECK(bad.err.find("line 2: 'four@example.com, five@example.com' is not an email address") != std::string::npos);
    CHECK(class_of(pg, "three@example.com").empty());  // a bad line refuses the whole file
}

TEST_CASE("suppressions import --dry-run: new, another class and the same, counted against the store", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    REQUIRE(run_bounced({"suppressions", "add", "hard@example.com", "manual@example.com"}, cli_test::fixture_env(pg)).status == 0);
    cli_test::TempDir dir;
    cli_test::write_file(dir / "dump.json", kPostmarkDump);
    const auto run = run_bounced({"suppressions", "import", dir / "dump.json", "--dry-run"}, cli_test::fixture_env(pg));
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    // hard@: manual now, HardBounce in the file; Spam@: new; manual@: manual both.
    CHECK(run.out.find("dry run, nothing changed: 1 new, 1 already suppressed with another class (import keeps it), "
                       "1 already suppressed the same") != std::string::npos);
    CHECK(class_of(pg, "spam@example.com").empty());
    CHECK(class_of(pg, "hard@example.com") == "manual");

    // An address twice in a file is new once; its second row finds it suppressed.
    cli_test::write_file(dir / "twice.txt", "new@example.com\nNEW@example.com\nmanual@example.com\n");
    const auto twice = run_bounced({"suppressions", "import", dir / "twice.txt", "--dry-run"}, cli_test::fixture_env(pg));
    INFO(twice.out << twice.err);
    CHECK(twice.out.find("1 new, 0 already suppressed with another class (import keeps it), 2 already suppressed the same") !=
          std::string::npos);
}

TEST_CASE("suppressions import: malformed JSON is refused, named by place or entry, never echoed", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    const std::string junk(5000, 'Q');
    struct Case {
        const char* name;
        std::string json;
        std::string error;
    };
    const Case cases[] = {
        {"cut short", R"({"Suppressions": [{"EmailAddress": "a@example.com")", "not valid JSON: it ends too early"},
        {"a bare word", "{\"Suppressions\": [" + junk + "]}", "line 1, column 19: not valid JSON at 'QQQQQQQQQQQQQQQQQQQQ...'"},
        {"bad entries", "{\"Suppressions\": [{\"EmailAddress\": \"ok@example.com\", \"SuppressionReason\": \"HardBounce\"},"
                        " {\"EmailAddress\": \"" + junk + "\", \"SuppressionReason\": \"HardBounce\"}, 7]}",
         "Suppressions[1], field 'EmailAddress': longer than 4096 bytes"},
        {"a number entry", R"({"SuppressedDestinationSummaries": [7]})", "SuppressedDestinationSummaries[0] is number, not an object"},
        {"a bad reason", R"({"SuppressedDestinationSummaries": [{"EmailAddress": "a@example.com", "Reason": "BORED"}]})",
         "SuppressedDestinationSummaries[0], field 'Reason': 'BORED' is not BOUNCE or COMPLAINT"},
        {"too deep", "{\"Suppressions\": [[[[[[[[]]]]]]]]}", "line 1, column 21: nested deeper than 4 levels"},
        {"no known key", R"({"Bounces": []})", "expected an object with 'Suppressions' (Postmark) or 'SuppressedDestinationSummaries' (SES)"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            cli_test::write_file(dir / "bad.json", c.json);
            const auto run = run_bounced({"suppressions", "import", dir / "bad.json"}, cli_test::fixture_env(pg));
            INFO(run.out << run.err);
            CHECK(run.status == 65);
            CHECK(run.err.find(c.error) != std::string::npos);
            CHECK(run.err.find("nothing imported") != std::string::npos);
            CHECK(run.err.find(junk.substr(0, 100)) == std::string::npos);
            CHECK(run.err.size() < 600);
            CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);
        }
    }
}

TEST_CASE("suppressions import: JSON over the size limit is refused before it is parsed", "[pg][cli]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    std::string big = "{\"Suppressions\": [";
    big += std::string(db::kMaxImportJsonBytes, ' ');
    big += "]}";
    cli_test::write_file(dir / "big.json", big);
    const auto run = run_bounced({"suppressions", "import", dir / "big.json"}, cli_test::fixture_env(pg));
    CHECK(run.status == 65);
    CHECK(run.err.find("JSON larger than 64 MiB: split the list") != std::string::npos);
}
