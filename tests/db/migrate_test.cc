// Migrations: twice is harmless, two at once do not race, status tells what is applied.
#include <catch2/catch.hpp>

#include <thread>

#include "db/migrations.h"
#include "tests/db/pg_fixture.h"

using db_test::PgFixture;

TEST_CASE("migrate: running it again applies nothing", "[pg]") {
    PgFixture pg;  // has migrated once
    if (!pg.ready()) return;
    std::vector<std::string> applied;
    REQUIRE(pg.store()->migrate(&applied).ok());
    CHECK(applied.empty());
    std::vector<db::MigrationState> states;
    REQUIRE(pg.store()->migration_status(&states).ok());
    REQUIRE(states.size() == db::migrations().size());
    for (const auto& s : states) {
        CHECK(s.applied);
        CHECK_FALSE(s.changed);
    }
}

TEST_CASE("migrate: two migrators at once on a new schema both succeed", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto options = pg.options();
    options.schema = pg.schema() + "_2";
    db::Store a(options), b(options);
    std::vector<std::string> applied_a, applied_b;
    db::Status sa, sb;
    std::thread ta([&] { sa = a.migrate(&applied_a); });
    std::thread tb([&] { sb = b.migrate(&applied_b); });
    ta.join();
    tb.join();
    CHECK(sa.ok());
    CHECK(sb.ok());
    CHECK(applied_a.size() + applied_b.size() == db::migrations().size());
    db::Connection admin(options.url, options.schema);
    REQUIRE(admin.connect().ok());
    CHECK(admin.exec_script("DROP SCHEMA " + db::quote_identifier(options.schema) + " CASCADE").ok());
}

TEST_CASE("migrate: a schema that was never migrated says to run migrate", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto options = pg.options();
    options.schema = pg.schema() + "_none";
    db::Store store(options);
    db::SendStatus status;
    const auto s = store.check("a@example.com", &status);
    CHECK(s.code == db::Code::schema);
    CHECK_THAT(s.message, Catch::Contains("bounced db migrate"));
    std::vector<db::MigrationState> states;
    REQUIRE(store.migration_status(&states).ok());
    for (const auto& m : states) CHECK_FALSE(m.applied);
}

TEST_CASE("store: a database that is down gives one clear message", "[db]") {
    db::Options options;
    options.url = "postgresql://bounced:secret@127.0.0.1:1/bounced";
    options.url_for_logs = "postgresql://bounced:***@127.0.0.1:1/bounced";  // what config/ fills in
    db::Store store(options);
    db::SendStatus status;
    const auto s = store.check("a@example.com", &status);
    CHECK(s.code == db::Code::unavailable);
    CHECK_THAT(s.message, Catch::StartsWith("database unavailable at postgresql://bounced:***@127.0.0.1:1/bounced: "));
    CHECK(s.message.find('\n') == std::string::npos);
    CHECK(s.message.find("secret") == std::string::npos);
}

TEST_CASE("store: a conninfo libpq cannot parse is not quoted back, password and all", "[db]") {
    db::Options options;
    options.url = "host=127.0.0.1 port=1 password secret-token-x";
    db::Store store(options);
    db::SendStatus status;
    const auto s = store.check("a@example.com", &status);
    INFO(s.message);
    CHECK(s.code == db::Code::unavailable);
    CHECK(s.message.find("secret-token-x") == std::string::npos);
}

TEST_CASE("store: a schema name that is not an identifier is refused", "[db]") {
    CHECK(db::validate_schema_name("bounced").ok());
    CHECK(db::validate_schema_name("news_2024").ok());
    CHECK_FALSE(db::validate_schema_name("Bounced").ok());
    CHECK_FALSE(db::validate_schema_name("x\"; DROP TABLE y; --").ok());
    CHECK_FALSE(db::validate_schema_name("1abc").ok());
    CHECK_FALSE(db::validate_schema_name("").ok());
    CHECK_FALSE(db::validate_schema_name(std::string(64, 'a')).ok());
}
