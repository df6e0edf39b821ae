// The trust levels against a real server, from DSN bytes through classify and
// prepare_trust to Store::apply: what a forged bounce can and cannot do.
#include <catch2/catch.hpp>

#include "tests/bounced/trust/trust_fixture.h"

using db_test::PgFixture;
using trust_test::apply;
using trust_test::Dsn;
using trust_test::settings_for;
using trust_test::signed_verp;

namespace {

bool may_send(db::Store& store, const std::string& address) {
    db::SendStatus s;
    REQUIRE(store.check(address, &s).ok());
    return s.allowed;
}

// "trusted held trust" of the events for `address`, oldest first.
std::vector<std::string> events_of(PgFixture& pg, const std::string& address) {
    return pg.query("SELECT trusted::text || ' ' || coalesce(nullif(held, ''), '-') || ' ' || trust"
                    " FROM bounce_events WHERE address = $1 ORDER BY id", {address});
}

}  // namespace

TEST_CASE("levels: signed: a forged DSN for a subscriber changes nothing", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    const auto out = apply(*store, settings, {{"bounces@list.example", "alice@example.org"}});
    CHECK(may_send(*store, "alice@example.org"));
    CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"false unsigned structured"});
    REQUIRE(out.decisions.size() == 1);
    CHECK(out.decisions[0].kind == "held");
    CHECK(out.decisions[0].reason == "unsigned");
    CHECK(pg.count("SELECT count(*) FROM held_bounces WHERE address = 'alice@example.org'") == 1);
}

TEST_CASE("levels: signed: the genuine DSN, to the subscriber's signed VERP, suppresses", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    const auto out = apply(*store, settings, {{signed_verp(pg, "alice@example.org"), "alice@example.org"}});
    CHECK_FALSE(may_send(*store, "alice@example.org"));
    CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"true - signed"});
    CHECK(pg.query("SELECT signature || ' ' || trust_level FROM bounce_events") == std::vector<std::string>{"valid signed"});
}

TEST_CASE("levels: signed: a tag for another address protects neither", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    // alice's genuine VERP on a DSN that names bob
    apply(*store, settings, {{signed_verp(pg, "alice@example.org"), "bob@example.org", "5.1.1", "mx1.example.org [192.0.2.25]",
                              "MAILER-DAEMON@mx1.example.org", "", "1"}});
    CHECK(may_send(*store, "bob@example.org"));
    CHECK(events_of(pg, "bob@example.org") == std::vector<std::string>{"false tag-other-address structured"});
    // alice's tag pasted into a VERP naming bob
    std::string verp = signed_verp(pg, "alice@example.org");
    verp.replace(verp.find("alice"), 5, "bob");
    apply(*store, settings, {{verp, "bob@example.org", "5.1.1", "mx1.example.org [192.0.2.25]", "MAILER-DAEMON@mx1.example.org", "", "2"}});
    CHECK(may_send(*store, "bob@example.org"));
    CHECK(events_of(pg, "bob@example.org").back() == "false tag-invalid structured");
}

TEST_CASE("levels: a tampered tag is held under signed and under dsn", "[pg][trust]") {
    for (const char* level : {"signed", "dsn"}) {
        PgFixture pg;
        if (!pg.ready()) return;
        const auto settings = settings_for(pg, level);
        auto store = pg.store(settings.store);
        std::string verp = signed_verp(pg, "alice@example.org");
        char& c = verp[verp.find('@') - 1];
        c = c == 'A' ? 'B' : 'A';
        apply(*store, settings, {{verp, "alice@example.org"}});
        INFO(level);
        CHECK(may_send(*store, "alice@example.org"));
        CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"false tag-invalid structured"});
    }
}

TEST_CASE("levels: a stale tag is held under signed, a DSN like any other under dsn", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto settings = settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    const std::string old_verp = signed_verp(pg, "alice@example.org", 31);
    apply(*store, settings, {{old_verp, "alice@example.org"}});
    CHECK(may_send(*store, "alice@example.org"));
    CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"false tag-stale structured"});
    // 30 days old is still valid
    apply(*store, settings, {{signed_verp(pg, "carol@example.org", 30), "carol@example.org"}});
    CHECK_FALSE(may_send(*store, "carol@example.org"));
    settings = settings_for(pg, "dsn");
    auto dsn_store = pg.store(settings.store);
    apply(*dsn_store, settings, {{old_verp, "alice@example.org", "5.1.1", "mx1.example.org [192.0.2.25]", "MAILER-DAEMON@mx1.example.org", "", "2"}});
    CHECK_FALSE(may_send(*store, "alice@example.org"));
}

TEST_CASE("levels: signed: a rotated-out key no longer verifies, a kept old key does", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto settings = settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    apply(*store, settings, {{signed_verp(pg, "alice@example.org", 0, trust_test::kOldSecret), "alice@example.org"}});
    CHECK(may_send(*store, "alice@example.org"));
    CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"false tag-invalid structured"});
    settings.trust.secrets = {trust_test::kSecret, trust_test::kOldSecret};
    apply(*store, settings, {{signed_verp(pg, "bob@example.org", 0, trust_test::kOldSecret), "bob@example.org"}});
    CHECK_FALSE(may_send(*store, "bob@example.org"));
}

TEST_CASE("levels: signed: a Message-ID recorded as sent to the address is enough", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    REQUIRE(store->record_send("alice@example.org", "<n1.alice@list.example>", "news", std::nullopt).ok());
    apply(*store, settings, {{"bounces@list.example", "alice@example.org", "5.1.1", "mx1.example.org [192.0.2.25]",
                              "MAILER-DAEMON@mx1.example.org", "<n1.alice@list.example>"}});
    CHECK_FALSE(may_send(*store, "alice@example.org"));
    CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"true - sent"});
}

TEST_CASE("levels: dsn: a structured DSN counts, unless its Message-ID was never sent to that address", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "dsn");
    auto store = pg.store(settings.store);
    apply(*store, settings, {{"bounces@list.example", "alice@example.org"}});
    CHECK_FALSE(may_send(*store, "alice@example.org"));
    // with sends recorded: the message went to carol, the forged bounce names dave
    REQUIRE(store->record_send("carol@example.org", "<n2.carol@list.example>", "news", std::nullopt).ok());
    apply(*store, settings, {{"bounces@list.example", "dave@example.org", "5.1.1", "mx1.example.org [192.0.2.25]",
                              "MAILER-DAEMON@mx1.example.org", "<n2.carol@list.example>", "2"}});
    CHECK(may_send(*store, "dave@example.org"));
    CHECK(events_of(pg, "dave@example.org") == std::vector<std::string>{"false not-sent structured"});
}

TEST_CASE("levels: any: a forged DSN counts", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "any");
    auto store = pg.store(settings.store);
    std::string verp = signed_verp(pg, "alice@example.org");
    verp[verp.find('@') - 1] = verp[verp.find('@') - 1] == 'A' ? 'B' : 'A';
    apply(*store, settings, {{verp, "alice@example.org"}});
    CHECK_FALSE(may_send(*store, "alice@example.org"));
}

TEST_CASE("levels: dsn: with sends recorded, a forged DSN that leaves out the original is held", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "dsn");
    auto store = pg.store(settings.store);
    REQUIRE(store->record_send("alice@example.org", "<n1.alice@list.example>", "news", std::nullopt).ok());
    apply(*store, settings, {{"bounces@list.example", "alice@example.org"}});  // no Message-ID to check
    CHECK(may_send(*store, "alice@example.org"));
    CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"false untied structured"});
}

TEST_CASE("levels: signed: a campaign Message-ID sent to many ties none of them, the tag decides", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    const auto settings = settings_for(pg, "signed");
    auto store = pg.store(settings.store);
    for (const char* a : {"alice@example.org", "bob@example.org", "carol@example.org"})
        REQUIRE(store->record_send(a, "<weekly-48@list.example>", "news", std::nullopt).ok());
    // bob, who received the campaign, forges a bounce for alice quoting its Message-ID
    apply(*store, settings, {{"bounces@list.example", "alice@example.org", "5.1.1", "mx1.example.org [192.0.2.25]",
                              "MAILER-DAEMON@mx1.example.org", "<weekly-48@list.example>"}});
    CHECK(may_send(*store, "alice@example.org"));
    CHECK(events_of(pg, "alice@example.org") == std::vector<std::string>{"false unsigned sent-shared"});
    // carol's genuine bounce comes to her signed VERP
    apply(*store, settings, {{signed_verp(pg, "carol@example.org"), "carol@example.org", "5.1.1",
                              "mx1.example.org [192.0.2.25]", "MAILER-DAEMON@mx1.example.org", "<weekly-48@list.example>", "2"}});
    CHECK_FALSE(may_send(*store, "carol@example.org"));
    // and a Message-ID recorded for one address only still ties at signed
    REQUIRE(store->record_send("dave@example.org", "<weekly-48.dave@list.example>", "news", std::nullopt).ok());
    apply(*store, settings, {{"bounces@list.example", "dave@example.org", "5.1.1", "mx1.example.org [192.0.2.25]",
                              "MAILER-DAEMON@mx1.example.org", "<weekly-48.dave@list.example>", "3"}});
    CHECK_FALSE(may_send(*store, "dave@example.org"));
}
