// The rate cap: no sending host and no bounce sender address makes more than
// trust.rate_cap bounces that may suppress count within an hour.
#include <catch2/catch.hpp>

#include "tests/bounced/trust/trust_fixture.h"

using db_test::PgFixture;
using trust_test::apply;
using trust_test::Dsn;

namespace {

Dsn from_host(const std::string& recipient, const std::string& ip, const std::string& sender, const std::string& nonce) {
    Dsn d;
    d.recipient = recipient;
    d.client = "relay.example.net [" + ip + "]";
    d.from = sender;
    d.nonce = nonce;
    return d;
}

long suppressed(PgFixture& pg) { return pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'"); }

}  // namespace

TEST_CASE("rate_cap: a host past the cap has its bounces held, per hour", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto settings = trust_test::settings_for(pg, "dsn");
    settings.store.policy.rate_cap = 3;
    auto store = pg.store(settings.store);
    std::vector<Dsn> flood;
    for (int i = 0; i < 5; ++i)
        flood.push_back(from_host("u" + std::to_string(i) + "@example.org", "203.0.113.9", "m" + std::to_string(i) + "@x.example", "a" + std::to_string(i)));
    const auto out = apply(*store, settings, flood);
    CHECK(suppressed(pg) == 3);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE held = 'rate-cap-host' AND sender_host = '203.0.113.9'") == 2);
    std::size_t held = 0;
    for (const auto& d : out.decisions) held += d.kind == "held" && d.reason == "rate-cap-host";
    CHECK(held == 2);
    // the next batch from that host within the hour: held too; another host is not
    apply(*store, settings, {from_host("v1@example.org", "203.0.113.9", "n1@x.example", "b1"),
                             from_host("v2@example.org", "198.51.100.7", "n2@x.example", "b2")});
    CHECK(suppressed(pg) == 4);
    CHECK(pg.query("SELECT held FROM bounce_events WHERE address = 'v1@example.org'") == std::vector<std::string>{"rate-cap-host"});
    // an hour later the host counts again
    pg.advance(3601);
    apply(*store, settings, {from_host("w1@example.org", "203.0.113.9", "o1@x.example", "c1")});
    CHECK(suppressed(pg) == 5);
}

TEST_CASE("rate_cap: one sender address through many hosts is capped too", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto settings = trust_test::settings_for(pg, "dsn");
    settings.store.policy.rate_cap = 2;
    auto store = pg.store(settings.store);
    std::vector<Dsn> flood;
    for (int i = 0; i < 4; ++i)
        flood.push_back(from_host("u" + std::to_string(i) + "@example.org", "192.0.2." + std::to_string(10 + i), "Forger@Evil.example", "a" + std::to_string(i)));
    apply(*store, settings, flood);
    CHECK(suppressed(pg) == 2);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE held = 'rate-cap-sender' AND sender_address = 'forger@evil.example'") == 2);
}

TEST_CASE("rate_cap: bounces our own MTA wrote (no Received from, our Reporting-MTA) are not capped", "[pg][trust]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto settings = trust_test::settings_for(pg, "dsn");
    settings.store.policy.rate_cap = 1;
    auto store = pg.store(settings.store);
    std::vector<Dsn> local;
    for (int i = 0; i < 3; ++i) {
        Dsn d = from_host("u" + std::to_string(i) + "@example.org", "", "MAILER-DAEMON@list.example", "a" + std::to_string(i));
        d.client = "";
        d.reporting_mta = "mx.list.example";
        local.push_back(d);
    }
    apply(*store, settings, local);
    CHECK(suppressed(pg) == 3);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE sender_host = '' AND sender_address = '' AND origin = 'own'") == 3);
}
