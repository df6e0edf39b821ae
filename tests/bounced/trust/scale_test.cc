// Issue 13 item 1 at scale, against a real server: a 20,000-address send with 2 %
// dead addresses, whose 400 hard bounces the list's own MTA writes within minutes,
// all suppress; the same volume of forged DSNs from one outside host suppresses
// nothing. Bounces go through classify and prepare_trust in batches of 100, as the
// daemon sends them. The figures are printed.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>

#include "tests/bounced/trust/trust_fixture.h"

using db_test::PgFixture;
using trust_test::Dsn;

namespace {

constexpr int kSends = 20000;
constexpr int kDead = 400;
constexpr const char* kCampaign = "<weekly-2026-48@list.example>";

std::string subscriber(int i) { return "member" + std::to_string(i) + "@example.org"; }

// Every subscriber gets the campaign's one Message-ID: the hardest case for a tie.
void record_campaign(PgFixture& pg) {
    pg.query("SELECT count(record_send('member' || i || '@example.org', $1, 'weekly', now())) FROM generate_series(0, $2::int - 1) i",
             {std::string(kCampaign), std::to_string(kSends)});
}

// Our own MTA's DSN for subscriber i: no Received client (the bounce daemon wrote it)
// or loopback (a content filter on top), Reporting-MTA our host, MAILER-DAEMON@list.
Dsn own_bounce(int i) {
    Dsn d;
    d.recipient = subscriber(i);
    d.client = i % 2 ? "" : "localhost [127.0.0.1]";
    d.from = "MAILER-DAEMON@list.example";
    d.message_id = kCampaign;
    d.nonce = "own" + std::to_string(i);
    d.reporting_mta = "mx.list.example";
    return d;
}

// A forger at 203.0.113.66 who claims to be our MTA in Reporting-MTA.
Dsn forged(int i, const std::string& message_id, const std::string& to = "bounces@list.example") {
    Dsn d;
    d.to = to;
    d.recipient = subscriber(i);
    d.client = "mx.list.example [203.0.113.66]";  // HELO as our host; the address is theirs
    d.from = "MAILER-DAEMON@list.example";
    d.message_id = message_id;
    d.nonce = "forged" + message_id + std::to_string(i);
    d.reporting_mta = "mx.list.example";
    return d;
}

// Applies `dsns` in batches of 100, the clock moving 10 s a batch; returns seconds taken.
double apply_in_batches(PgFixture& pg, db::Store& store, const config::Settings& settings, const std::vector<Dsn>& dsns) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t at = 0; at < dsns.size(); at += 100) {
        const std::vector<Dsn> batch(dsns.begin() + at, dsns.begin() + std::min(dsns.size(), at + 100));
        trust_test::apply(store, settings, batch);
        pg.advance(10);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long suppressed_in(PgFixture& pg, int from, int to) {
    return pg.count("SELECT count(*) FROM subscribers WHERE status = 'suppressed'"
                    " AND substr(address, 7, strpos(address, '@') - 7)::int >= $1::int"
                    " AND substr(address, 7, strpos(address, '@') - 7)::int < $2::int",
                    {std::to_string(from), std::to_string(to)});
}

}  // namespace

TEST_CASE("scale: 20,000 sends, our own MTA's 400 hard bounces all suppress, 400 forged from outside none",
          "[pg][trust][scale]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto settings = trust_test::settings_for(pg, "dsn");
    settings.trust.own_mtas = {".list.example"};
    auto store = pg.store(settings.store);
    const auto t0 = std::chrono::steady_clock::now();
    record_campaign(pg);
    const double record_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::vector<Dsn> own;
    for (int i = 0; i < kDead; ++i) own.push_back(own_bounce(i));
    const double own_seconds = apply_in_batches(pg, *store, settings, own);
    const long own_suppressed = suppressed_in(pg, 0, kDead);
    CHECK(own_suppressed == kDead);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE origin = 'own' AND trusted") == kDead);

    // the forger leaves out the original message: nothing ties the bounce to a send
    std::vector<Dsn> untied, unsent;
    for (int i = 0; i < kDead; ++i) untied.push_back(forged(kDead + i, ""));
    // ... or names a Message-ID the list never sent
    for (int i = 0; i < kDead; ++i) unsent.push_back(forged(2 * kDead + i, "<forged-" + std::to_string(i) + "@list.example>"));
    const double forged_seconds = apply_in_batches(pg, *store, settings, untied) + apply_in_batches(pg, *store, settings, unsent);
    const long forged_suppressed = suppressed_in(pg, kDead, 3 * kDead);
    CHECK(forged_suppressed == 0);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE held = 'untied' AND sender_host = '203.0.113.66'") == kDead);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE held = 'not-sent' AND sender_host = '203.0.113.66'") == kDead);

    // at signed, even the campaign's own Message-ID forges nothing: the tag decides
    auto signed_settings = trust_test::settings_for(pg, "signed");
    signed_settings.trust.own_mtas = settings.trust.own_mtas;
    auto signed_store = pg.store(signed_settings.store);
    std::vector<Dsn> campaign;
    for (int i = 0; i < kDead; ++i) campaign.push_back(forged(3 * kDead + i, kCampaign));
    apply_in_batches(pg, *signed_store, signed_settings, campaign);
    const long signed_suppressed = suppressed_in(pg, 3 * kDead, 4 * kDead);
    CHECK(signed_suppressed == 0);

    // at dsn, the campaign's Message-ID from one outside host is held past the host's budget
    pg.advance(3600);
    std::vector<Dsn> campaign_dsn;
    for (int i = 0; i < kDead; ++i) campaign_dsn.push_back(forged(4 * kDead + i, kCampaign));
    apply_in_batches(pg, *store, settings, campaign_dsn);
    const long budget_suppressed = suppressed_in(pg, 4 * kDead, 5 * kDead);
    CHECK(budget_suppressed == settings.store.policy.rate_cap);

    db::ReportQuery query;
    query.since = pg.now() - std::chrono::hours(24);
    query.until = pg.now() + std::chrono::seconds(1);
    db::ReportData report;
    REQUIRE(store->report(query, &report).ok());
    CHECK(report.held_open == 3 * kDead + (kDead - settings.store.policy.rate_cap));

    std::printf("scale: %d sends recorded in %.2f s; own MTA: %ld/%d suppressed (%.2f s); forged untied+unsent: "
                "%ld/%d suppressed (%.2f s); forged campaign id at signed: %ld/%d; at dsn: %ld/%d (host budget %d); "
                "held open %ld\n",
                kSends, record_seconds, own_suppressed, kDead, own_seconds, forged_suppressed, 2 * kDead,
                forged_seconds, signed_suppressed, kDead, budget_suppressed, kDead, settings.store.policy.rate_cap,
                report.held_open);
}
