// Suppression files: each ESP's layout, format detection, bad rows named by line and
// field, and the export -> import round trip against a real server.
#include <catch2/catch.hpp>

#include "db/csv.h"
#include "db/import.h"
#include "tests/db/pg_fixture.h"

using db::ImportFormat;

namespace {

db::ParsedImport parse(const std::string& text, ImportFormat format = ImportFormat::automatic) {
    db::ImportRequest request;
    request.format = format;
    return db::parse_suppression_file(text, request);
}

}  // namespace

TEST_CASE("import: each format is detected and mapped to a class", "[db]") {
    struct Case {
        const char* name;
        std::string text;
        ImportFormat format;
        std::vector<std::string> classes;
    };
    const Case cases[] = {
        {"ses without header", "r1@example.com,BOUNCE\r\nr2@example.com, COMPLAINT\r\n", ImportFormat::ses,
         {"hard", "complaint"}},
        {"ses with header", "EmailAddress,Reason,LastUpdateTime\nr1@example.com,BOUNCE,2024-01-02T03:04:05Z\n",
         ImportFormat::ses, {"hard"}},
        {"postmark", "EmailAddress,SuppressionReason,Origin,CreatedAt\n"
                     "a@example.com,HardBounce,Recipient,2019-12-17T08:58:33-05:00\n"
                     "b@example.com,SpamComplaint,Recipient,2019-12-17T08:58:33-05:00\n"
                     "c@example.com,ManualSuppression,Customer,2019-12-17T08:58:33-05:00\n",
         ImportFormat::postmark, {"hard", "complaint", "manual"}},
        {"sendgrid bounces", "email,created,reason,status\n"
                             "a@example.com,1487173664,\"550 No Such User Here \",5.1.1\n"
                             "b@example.com,2014-12-06 08:34:48,\"452 4.2.2 mailbox full\",4.2.2\n",
         ImportFormat::sendgrid, {"hard", "soft"}},
        {"sendgrid spam reports", "email,created\na@example.com,1487173664\n", ImportFormat::sendgrid, {"manual"}},
        {"mailgun bounces", "address,code,error,created_at\n"
                            "a@example.com,550,No such mailbox,\"Thu, 13 Oct 2011 18:02:00 GMT\"\n"
                            "b@example.com,,,\n",
         ImportFormat::mailgun, {"hard", "hard"}},
        {"bounced", "address,class,reason,suppressed_at,source,note\n"
                    "a@example.com,soft,mailboxfull,2024-01-01 00:00:00Z,bounce,\"said \"\"full\"\", twice\"\n",
         ImportFormat::bounced, {"soft"}},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            const auto parsed = parse(c.text);
            INFO((parsed.errors.empty() ? "" : parsed.errors[0]));
            CHECK(parsed.errors.empty());
            CHECK(parsed.format == c.format);
            std::vector<std::string> classes;
            for (const auto& r : parsed.rows) classes.push_back(r.bounce_class);
            CHECK(classes == c.classes);
        }
    }
}

TEST_CASE("import: dates in the ESP forms are read as UTC", "[db]") {
    const auto parsed = parse("address,code,error,created_at\na@example.com,550,x,\"Thu, 13 Oct 2011 18:02:00 GMT\"\n");
    REQUIRE(parsed.rows.size() == 1);
    REQUIRE(parsed.rows[0].since);
    CHECK(db::format_time(*parsed.rows[0].since) == "2011-10-13 18:02:00Z");
    CHECK(db::format_time(*db::parse_time("2019-12-17T08:58:33-05:00")) == "2019-12-17 13:58:33Z");
    CHECK(db::format_time(*db::parse_time("1487173664")) == "2017-02-15 15:47:44Z");
    CHECK_FALSE(db::parse_time("31/12/2024"));
    CHECK_FALSE(db::parse_time("2024-13-01"));
}

TEST_CASE("import: bad rows are all reported with line and field, and none is kept", "[db]") {
    const auto parsed = parse(
        "EmailAddress,SuppressionReason,Origin,CreatedAt\n"
        "good@example.com,HardBounce,Recipient,2019-12-17T08:58:33Z\n"
        "not-an-address,HardBounce,Recipient,\n"
        "b@example.com,Bored,Recipient,\n"
        "\n"
        "c@example.com,SpamComplaint,Recipient,last tuesday\n");
    REQUIRE(parsed.errors.size() == 3);
    CHECK(parsed.errors[0] == "line 3, field 'EmailAddress': 'not-an-address' is not an email address");
    CHECK(parsed.errors[1] == "line 4, field 'SuppressionReason': 'Bored' is not HardBounce, SpamComplaint or ManualSuppression");
    CHECK_THAT(parsed.errors[2], Catch::StartsWith("line 6, field 'CreatedAt': 'last tuesday' is not a date"));
}

TEST_CASE("import: malformed CSV and unknown layouts are refused", "[db]") {
    CHECK(parse("address,class\n\"a@example.com,hard\n").errors ==
          std::vector<std::string>{"line 2: a quoted field is not closed"});
    CHECK(parse("who,what\nx,y\n").errors ==
          std::vector<std::string>{"line 1: cannot tell the format from the header; name it with --format"});
    CHECK(parse("address,class,reason\na@example.com,purple,x\n").errors ==
          std::vector<std::string>{"line 2, field 'class': 'purple' is not hard, soft, complaint or manual"});
}

TEST_CASE("csv: fields with commas, quotes and line breaks survive a round trip", "[db]") {
    const std::string value = "a, \"b\"\nc";
    std::vector<db::CsvRow> rows;
    std::string error;
    REQUIRE(db::parse_csv(db::csv_field(value) + ",x\r\n", &rows, &error));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields == std::vector<std::string>{value, "x"});
}

TEST_CASE("import: export then import into a fresh schema gives the same list", "[pg]") {
    db_test::PgFixture from;
    if (!from.ready()) return;
    auto source = from.store();
    bool changed = false;
    REQUIRE(source->suppress({"a@example.com", "complaint", "feedback", std::nullopt, "manual", "said, \"stop\""}, &changed).ok());
    REQUIRE(source->apply({db_test::bounce("f1", "dead@example.com", classify::Reason::userunknown)}).status.ok());
    std::vector<db::Suppression> before;
    REQUIRE(source->list({}, &before).ok());
    std::string csv = std::string(db::kSuppressionCsvHeader) + "\r\n";
    for (const auto& s : before) csv += db::suppression_csv_row(s) + "\r\n";

    db_test::PgFixture to;
    const auto parsed = parse(csv);
    REQUIRE(parsed.errors.empty());
    db::ImportOutcome outcome;
    REQUIRE(to.store()->import(parsed.rows, &outcome).ok());
    CHECK(outcome.suppressed == 2);
    std::vector<db::Suppression> after;
    REQUIRE(to.store()->list({}, &after).ok());
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CHECK(after[i].address == before[i].address);
        CHECK(after[i].bounce_class == before[i].bounce_class);
        CHECK(after[i].reason == before[i].reason);
        CHECK(after[i].source == before[i].source);
        CHECK(after[i].note == before[i].note);
        CHECK(db::format_time(*after[i].since) == db::format_time(*before[i].since));
    }
    REQUIRE(to.store()->import(parsed.rows, &outcome).ok());  // again: nothing changes
    CHECK(outcome.suppressed == 0);
    CHECK(outcome.unchanged == 2);
}

TEST_CASE("import: a failure part way through leaves nothing applied", "[pg]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    pg.query("CREATE TABLE members (email text PRIMARY KEY CHECK (email <> 'poison@example.com'))");
    db::Options o;
    o.hook_sql = "INSERT INTO members (email) SELECT $1 WHERE $2 <> 'x' AND $3 IS NOT NULL";
    const auto parsed = parse("r1@example.com,BOUNCE\nr2@example.com,BOUNCE\npoison@example.com,BOUNCE\n");
    REQUIRE(parsed.rows.size() == 3);
    db::ImportOutcome outcome;
    const auto status = pg.store(o)->import(parsed.rows, &outcome);
    CHECK_FALSE(status.ok());
    CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);
    CHECK(pg.count("SELECT count(*) FROM members") == 0);
}

TEST_CASE("import: JSON dumps and address lists are told apart from the CSV layouts", "[db]") {
    // A headerless SES file has ",BOUNCE" after the address: CSV, not a list.
    CHECK(parse("r1@example.com,BOUNCE\n").format == ImportFormat::ses);
    const auto list = parse("\xEF\xBB\xBF# kept by hand\nr1@example.com\n\nr2@example.com\n");
    CHECK(list.errors.empty());
    CHECK(list.format == ImportFormat::lines);
    REQUIRE(list.rows.size() == 2);
    CHECK(list.rows[1].address == "r2@example.com");
    CHECK(list.rows[1].bounce_class == "manual");
    CHECK(list.rows[1].source == "import:lines");
    const auto postmark = parse(R"( {"Suppressions": [{"EmailAddress": "a@example.com", "SuppressionReason": "SpamComplaint",
                                    "Origin": "Recipient", "CreatedAt": null, "Extra": {"nested": 1}}]})");
    INFO((postmark.errors.empty() ? "" : postmark.errors[0]));
    CHECK(postmark.format == ImportFormat::postmark);
    REQUIRE(postmark.rows.size() == 1);
    CHECK(postmark.rows[0].bounce_class == "complaint");
    CHECK(postmark.rows[0].note == "origin Recipient");
    CHECK_FALSE(postmark.rows[0].since);
    const auto ses = parse(R"({"SuppressedDestinationSummaries": [{"EmailAddress": "b@example.com", "Reason": "BOUNCE",
                              "LastUpdateTime": "2020-08-19T17:16:44.713000+00:00"}]})");
    CHECK(ses.format == ImportFormat::ses);
    REQUIRE(ses.rows.size() == 1);
    CHECK(ses.rows[0].bounce_class == "hard");
    CHECK(db::format_time(*ses.rows[0].since) == "2020-08-19 17:16:44Z");
    CHECK(ses.warning.empty());  // no NextToken: the whole list
    // JSON is read as ses or postmark only.
    const auto as_csv = parse(R"({"Suppressions": []})", ImportFormat::sendgrid);
    REQUIRE(as_csv.errors.size() == 1);
    CHECK(as_csv.errors[0] == "the file is JSON; --format sendgrid does not read JSON (ses and postmark do)");
}
