// The batch pipeline shared by `run` and `ingest`: what prepare_message makes of a
// message, and the disposition each message has after Batch::apply ([pg]: a real
// store, BOUNCED_TEST_DATABASE_URL).
#include <catch2/catch.hpp>

#include "bounced/pipeline/batch.h"
#include "tests/classify/dsn_builder.h"
#include "tests/db/pg_fixture.h"

using bounced::pipeline::Batch;
using bounced::pipeline::Disposition;
using bounced::pipeline::prepare_message;

namespace {

std::string dsn_for(const std::string& recipient) {
    return test::make_dsn(recipient, "550 5.1.1 user unknown", "5.1.1");
}

config::Settings settings_for(const db_test::PgFixture& pg) {
    config::Settings settings;
    settings.store = pg.options();
    return settings;
}

}  // namespace

TEST_CASE("batch: a message the classifier refuses is prepared as refused, with its fingerprint", "[pipeline]") {
    config::Settings settings;
    settings.limits.max_message_bytes = 64;
    const std::string bytes = dsn_for("a@example.org");
    const auto message = prepare_message(bytes, "test", settings, nullptr);
    CHECK(message.quarantine);
    CHECK(message.incoming.fingerprint == db::fingerprint_of(bytes));
    CHECK(message.incoming.source == "test");
}

TEST_CASE("batch: new messages are applied, the same again are duplicates, refused ones stay refused", "[pg][pipeline]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const config::Settings settings = settings_for(pg);
    config::Settings tiny = settings;
    tiny.limits.max_message_bytes = 64;

    Batch batch;
    batch.add(prepare_message(dsn_for("a@example.org"), "a", settings, nullptr));
    batch.add(prepare_message(dsn_for("b@example.org") + "padding", "b", tiny, nullptr));
    CHECK(batch.disposition(0) == Disposition::pending);
    CHECK(batch.disposition(1) == Disposition::refused);
    REQUIRE(batch.apply(*store).status.ok());
    CHECK(batch.disposition(0) == Disposition::applied);
    CHECK(batch.disposition(1) == Disposition::refused);

    Batch again;
    again.add(prepare_message(dsn_for("a@example.org"), "a", settings, nullptr));
    REQUIRE(again.apply(*store).status.ok());
    CHECK(again.disposition(0) == Disposition::duplicate);

    Batch mixed;
    mixed.add(prepare_message(dsn_for("a@example.org"), "a", settings, nullptr));
    mixed.add(prepare_message(dsn_for("c@example.org"), "c", settings, nullptr));
    REQUIRE(mixed.apply(*store).status.ok());
    CHECK(mixed.disposition(0) == Disposition::committed);
    CHECK(mixed.disposition(1) == Disposition::committed);
    CHECK(std::string(to_string(Disposition::committed)) == "committed");
}
