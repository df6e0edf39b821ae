// What a bounce may put into the database (db/field_bounds.h) and how the store tells
// "this batch cannot be stored" (Code::invalid) from "the database is down".
#include <catch2/catch.hpp>

#include "db/field_bounds.h"
#include "db/import.h"
#include "db/sql_state.h"
#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::bounce;
using db_test::PgFixture;
using namespace std::string_literals;

TEST_CASE("sql_state: data errors are the batch's fault, outages are not", "[db]") {
    CHECK(db::code_of_sql_state(nullptr) == db::Code::unavailable);
    CHECK(db::code_of_sql_state("08006") == db::Code::unavailable);  // connection failure
    CHECK(db::code_of_sql_state("57P01") == db::Code::unavailable);  // admin shutdown
    CHECK(db::code_of_sql_state("40001") == db::Code::retry);        // serialization failure
    CHECK(db::code_of_sql_state("40P01") == db::Code::retry);        // deadlock
    CHECK(db::code_of_sql_state("22P05") == db::Code::invalid);      // untranslatable character
    CHECK(db::code_of_sql_state("23502") == db::Code::invalid);      // not null violation
    CHECK(db::code_of_sql_state("54000") == db::Code::invalid);      // index row too large
    CHECK(db::code_of_sql_state("42P01") == db::Code::permanent);    // undefined table: schema
    CHECK(db::code_of_sql_state("42501") == db::Code::permanent);    // insufficient privilege
}

TEST_CASE("field_bounds: an address past 64 + 255 octets or with a control byte is refused", "[db]") {
    CHECK(db::address_problem("user@example.org").empty());
    CHECK(db::address_problem("").empty());
    CHECK(db::address_problem(std::string(64, 'a') + "@example.org").empty());
    CHECK_FALSE(db::address_problem(std::string(65, 'a') + "@example.org").empty());
    CHECK_FALSE(db::address_problem("a@" + std::string(256, 'd')).empty());
    CHECK_FALSE(db::address_problem(std::string(3000, 'x')).empty());
    CHECK_FALSE(db::address_problem("victim@example.org\0junk"s).empty());
    CHECK_FALSE(db::address_problem("a\r\nb@example.org").empty());
    CHECK_FALSE(db::is_plausible_address("victim@example.org\0junk"s));
    CHECK_FALSE(db::is_plausible_address(std::string(65, 'a') + "@example.org"));
}

TEST_CASE("field_bounds: text is cut at a UTF-8 boundary, without NUL bytes", "[db]") {
    CHECK(db::bounded_text("abc", 10) == "abc");
    CHECK(db::bounded_text("a\0b"s, 10) == "ab");
    CHECK(db::bounded_text("ab\xC3\xA9", 3) == "ab");  // é does not fit: not split
    CHECK(db::bounded_text("ab\xC3\xA9", 4) == "ab\xC3\xA9");
    CHECK(db::bounded_text(std::string(10000, 'x'), db::kMaxDiagnostic).size() == db::kMaxDiagnostic);
}

TEST_CASE("field_bounds: a quoted prefix of bad input is short and printable", "[db]") {
    CHECK(db::quoted_prefix("abc") == "abc");
    CHECK(db::quoted_prefix("a\0\x1b"s) == "a\\x00\\x1b");
    CHECK(db::quoted_prefix(std::string(1 << 20, 'z')).size() == 43);
}

TEST_CASE("apply: a 3 KB recipient or From is refused as invalid before SQL, the rest applies", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const std::string huge = std::string(3000, 'q') + "@example.org";
    auto bad_rcpt = bounce("bad-rcpt", huge, Reason::userunknown);
    auto bad_from = bounce("bad-from", "ok@example.org", Reason::userunknown);
    bad_from.sender_host = "192.0.2.1";
    bad_from.sender_address = "mailer-daemon@" + std::string(3000, 'h') + ".example";
    for (const auto& bad : {bad_rcpt, bad_from}) {
        const auto out = store->apply({bounce("good", "dead@example.org", Reason::userunknown), bad});
        CHECK(out.status.code == db::Code::invalid);
        CHECK(out.status.message.size() < 300);  // names the field, quotes a short prefix
        CHECK(out.applied == 0);
    }
    const auto good = store->apply({bounce("good", "dead@example.org", Reason::userunknown)});
    REQUIRE(good.status.ok());
    CHECK(good.applied == 1);
}

TEST_CASE("apply: oversized free text is stored cut, not refused", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    auto m = bounce("long", "dead@example.org", Reason::userunknown, std::string(5000, 'm'));
    m.report.recipients[0].diagnostic = std::string(100000, 'd');
    m.report.recipients[0].rule = std::string(5000, 'r');
    m.report.recipients[0].remote_mta = std::string(5000, 'h');
    m.sender_host = std::string(5000, '1');
    m.source = std::string(5000, 's');
    const auto out = store->apply({m});
    REQUIRE(out.status.ok());
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE length(diagnostic) = $1",
                   {std::to_string(db::kMaxDiagnostic)}) == 1);
}

TEST_CASE("store: a NUL in a parameter is refused, never cut short", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    db::SendStatus status;
    CHECK(store->check("victim@example.org\0junk"s, &status).code == db::Code::invalid);
    bool changed = false;
    CHECK(store->suppress({"victim@example.org\0junk"s, "manual", "", std::nullopt, "manual", ""}, &changed).code ==
          db::Code::invalid);
    CHECK(pg.count("SELECT count(*) FROM subscribers") == 0);
}

TEST_CASE("store: an index row too large (SQLSTATE 54000) is invalid, not an outage", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    // record_send stores the Message-ID as given, under a btree index: 3 KB of random
    // letters (which do not compress) exceed its row limit.
    std::string random_id = "<";
    unsigned state = 12345;
    for (int i = 0; i < 3000; ++i) {
        state = state * 1103515245u + 12345u;
        random_id += static_cast<char>('!' + (state >> 16) % 90);
    }
    random_id += ">";
    const auto s = store->record_send("someone@example.org", random_id, "", std::nullopt);
    INFO(s.message);
    CHECK(s.code == db::Code::invalid);
    CHECK(store->record_send("someone@example.org", "<ok@x>", "", std::nullopt).ok());  // the connection lives on
}
