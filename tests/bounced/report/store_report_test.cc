// Store::report on a real PostgreSQL, with bounces stored through the apply path
// (report_seed.h): every section's numbers for the seeded month.
#include <catch2/catch.hpp>

#include "bounced/report/build.h"
#include "tests/bounced/report/report_seed.h"

namespace {

using report_test::seed_month;

db::ReportData read_report(db_test::PgFixture& pg, const report_test::Seed& seed) {
    db::ReportQuery q = bounced::report::report_query({seed.since, seed.until}, report_test::seed_policy());
    db::ReportData data;
    const auto status = pg.store()->report(q, &data);
    INFO(status.message);
    REQUIRE(status.ok());
    return data;
}

long count_of(const db::ReportData& d, const std::string& bounce_class, const std::string& reason, bool previous) {
    for (const auto& c : d.counts) {
        if (c.bounce_class == bounce_class && c.reason == reason) return previous ? c.previous : c.current;
    }
    return 0;
}

std::vector<std::string> addresses(const std::vector<db::NewSuppression>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.address);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("store_report: counts per class and reason against the previous period", "[pg][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = seed_month(pg);
    const auto d = read_report(pg, seed);
    CHECK(count_of(d, "hard", "userunknown", false) == 3);
    CHECK(count_of(d, "hard", "userunknown", true) == 2);
    CHECK(count_of(d, "hard", "hostunknown", false) == 1);
    CHECK(count_of(d, "soft", "mailboxfull", false) == 6);
    CHECK(count_of(d, "soft", "mailboxfull", true) == 1);
    CHECK(count_of(d, "policy", "blocked", false) == 2);
    CHECK(count_of(d, "complaint", "feedback", false) == 1);
    const auto r = bounced::report::build_report({seed.since, seed.until}, d, report_test::seed_policy(), bounced::report::Language::en,
                                         seed.until);
    CHECK(r.failures == 13);
    CHECK(r.failures_previous == 3);
    long chart = 0;
    for (const auto& day : r.days) {
        chart += day.total();
        const auto it = seed.day_failures.find(day.day);
        CHECK(day.total() == (it == seed.day_failures.end() ? 0 : it->second));
    }
    CHECK(chart == 13);
    CHECK(d.events_ever == 16);
}

TEST_CASE("store_report: suppressions, reactivations and throttled domains of the period", "[pg][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = seed_month(pg);
    const auto d = read_report(pg, seed);
    // u3 was reactivated; p1 and p2 were suppressed in the previous period.
    CHECK(addresses(d.suppressions) ==
          std::vector<std::string>{"asked@example.com", "momo@example.com", "u1@example.org", "u2@example.org",
                                   "x@nosuch.example"});
    CHECK(d.suppressions_total == 5);
    REQUIRE(d.reactivations.size() == 1);
    CHECK(d.reactivations[0].address == "u3@example.org");
    CHECK(d.reactivations[0].note == "mailbox fixed");
    CHECK(d.reactivations_total == 1);
    REQUIRE(d.throttled.size() == 1);
    CHECK(d.throttled[0].domain == "blocky.example");
    CHECK(d.throttled[0].policy_bounces == 2);
    CHECK(d.throttled[0].top_reason == "blocked");
    CHECK(d.throttled[0].repeats == 1);
}

TEST_CASE("store_report: top domains, diagnostics normalised, remedies", "[pg][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = seed_month(pg);
    const auto r = bounced::report::build_report({seed.since, seed.until}, read_report(pg, seed), report_test::seed_policy(),
                                         bounced::report::Language::ja, seed.until);
    REQUIRE(r.data.domains.size() >= 4);
    CHECK(r.data.domains[0].domain == "b.example");
    CHECK(r.data.domains[0].soft == 4);
    CHECK(r.data.domains[1].domain == "example.org");
    CHECK(r.data.domains[1].hard == 3);
    CHECK(r.data.domains[1].soft == 1);
    REQUIRE(r.diagnostics.size() >= 3);
    CHECK(r.diagnostics[0].text == "452 4.2.2 Mailbox full: quota exceeded");
    CHECK(r.diagnostics[0].count == 6);
    CHECK(r.diagnostics[1].text == "550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table");
    CHECK(r.diagnostics[1].count == 3);
    CHECK(r.diagnostics[2].text == "554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org");
    CHECK(r.diagnostics[2].count == 2);
    std::map<std::string, long> remedies;
    for (const auto& m : r.remedies) remedies[m.topic] = m.failures;
    CHECK(remedies["mailbox-full"] == 6);
    CHECK(remedies["address-typo"] == 3);
    CHECK(remedies["domain-typo"] == 1);
    CHECK(remedies["blocklist"] == 2);
    CHECK(remedies["complaint"] == 1);
    for (const auto& m : r.remedies) {
        if (m.topic == "blocklist") CHECK(m.text.find("ブロックリスト") != std::string::npos);
    }
}

TEST_CASE("store_report: addresses at risk, quarantined and unverified bounces", "[pg][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = seed_month(pg);
    const auto d = read_report(pg, seed);
    // r1 has 3 counted soft bounces (threshold 5 - 2); s1 has 2; ghost's do not count.
    REQUIRE(d.at_risk.size() == 1);
    CHECK(d.at_risk[0].address == "r1@b.example");
    CHECK(d.at_risk[0].soft_bounces == 3);
    CHECK(d.at_risk[0].messages == 3);
    CHECK(d.at_risk[0].last_reason == "mailboxfull");
    CHECK(d.at_risk[0].next_send_after.has_value());
    CHECK(d.at_risk_total == 1);
    REQUIRE(d.quarantined.size() == 1);
    CHECK(d.quarantined[0].outcome == "limit-exceeded");
    CHECK(d.quarantined_total == 1);
    CHECK(d.sends_recorded);
    CHECK(d.unverified_total == 2);  // ghost and maybe: their Message-IDs were never sent
    const std::vector<db::Param> window{db::epoch_text(seed.since), db::epoch_text(seed.until)};
    CHECK(d.untrusted_total == pg.count("SELECT count(*) FROM bounce_events WHERE NOT trusted AND occurred_at >="
                                        " to_timestamp($1::float8) AND occurred_at < to_timestamp($2::float8)",
                                        window));
    CHECK(d.untrusted_total >= 1);  // maybe; ghost too where unsent Message-IDs are not trusted (0005)
    CHECK(d.flagged_total == 2);
    bool ghost = false, guessed = false;
    for (const auto& u : d.unverified) {
        ghost = ghost || (u.address == "ghost@example.org" && u.verified == false &&
                          u.original_message_id == "phantom-1@list.example");
        guessed = guessed || (u.address == "maybe@guess.example" && !u.trusted);
    }
    CHECK(ghost);
    CHECK(guessed);
}

TEST_CASE("store_report: a period with nothing in it is empty, and the log's last event is known", "[pg][report]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    const auto seed = seed_month(pg);
    report_test::Seed earlier = seed;
    earlier.until = seed.previous_since - std::chrono::hours(48);
    earlier.since = earlier.until - std::chrono::hours(24);
    const auto d = read_report(pg, earlier);
    const auto r = bounced::report::build_report({earlier.since, earlier.until}, d, report_test::seed_policy(),
                                         bounced::report::Language::en, seed.until);
    CHECK(r.empty());
    CHECK(r.failures == 0);
    CHECK(d.events_ever == 16);
    REQUIRE(d.last_event_at.has_value());
    CHECK(*d.last_event_at > seed.since);
}
