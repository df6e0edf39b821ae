// --since / --until as people write them, and the ranges the report refuses.
#include <catch2/catch.hpp>

#include "bounced/report/period.h"

using bounced::report::Period;
using bounced::report::parse_period;

namespace {

const db::Time kNow = *db::parse_time("2024-05-10T06:30:00Z");

std::string text(db::Time t) { return db::format_time(t); }

}  // namespace

TEST_CASE("report_period: defaults are the last 24 hours up to now", "[report]") {
    Period p;
    std::string error;
    REQUIRE(parse_period("", "", kNow, &p, &error));
    CHECK(text(p.since) == "2024-05-09 06:30:00Z");
    CHECK(text(p.until) == "2024-05-10 06:30:00Z");
    CHECK(text(p.previous_since()) == "2024-05-08 06:30:00Z");
}

TEST_CASE("report_period: durations, dates, today and yesterday", "[report]") {
    struct Row {
        const char *since, *until, *want_since, *want_until;
    };
    const Row rows[] = {
        {"7d", "", "2024-05-03 06:30:00Z", "2024-05-10 06:30:00Z"},
        {"2w", "1d", "2024-04-26 06:30:00Z", "2024-05-09 06:30:00Z"},
        {"48h", "24h", "2024-05-08 06:30:00Z", "2024-05-09 06:30:00Z"},
        {"2024-05-01", "2024-05-02", "2024-05-01 00:00:00Z", "2024-05-02 00:00:00Z"},
        {"2024-05-01T12:00:00+02:00", "now", "2024-05-01 10:00:00Z", "2024-05-10 06:30:00Z"},
        {"yesterday", "today", "2024-05-09 00:00:00Z", "2024-05-10 00:00:00Z"},
        {"today", "", "2024-05-10 00:00:00Z", "2024-05-10 06:30:00Z"},
    };
    for (const auto& r : rows) {
        Period p;
        std::string error;
        INFO(r.since << " .. " << r.until);
        REQUIRE(parse_period(r.since, r.until, kNow, &p, &error));
        CHECK(text(p.since) == r.want_since);
        CHECK(text(p.until) == r.want_until);
    }
}

TEST_CASE("report_period: unreadable values and absurd ranges are refused with a reason", "[report]") {
    struct Row {
        const char *since, *until, *says;
    };
    const Row rows[] = {
        {"soon", "", "--since: 'soon' is neither a duration"},
        {"", "later", "--until: 'later' is neither"},
        {"0d", "", "--since: '0d'"},
        {"7x", "", "--since: '7x'"},
        {"2024-05-02", "2024-05-01", "is empty: --until must be later than --since"},
        {"2024-05-01", "2024-05-01", "is empty"},
        {"2024-06-01", "2024-06-02", "starts in the future"},
        {"1d", "2024-07-01", "ends more than a day from now"},
        {"2020-01-01", "", "longer than 366 days"},
        {"9999d", "", "longer than 366 days"},
        {"3000-01-01", "", "--since: '3000-01-01' is outside the years a report can cover"},
        {"", "99999999999", "--until: '99999999999' is outside the years"},
    };
    for (const auto& r : rows) {
        Period p;
        std::string error;
        INFO(r.since << " .. " << r.until);
        CHECK_FALSE(parse_period(r.since, r.until, kNow, &p, &error));
        CHECK(error.find(r.says) != std::string::npos);
    }
}

TEST_CASE("report_period: headings drop zero seconds", "[report]") {
    CHECK(bounced::report::format_period_time(kNow) == "2024-05-10 06:30Z");
    CHECK(bounced::report::format_period_time(kNow + std::chrono::seconds(5)) == "2024-05-10 06:30:05Z");
}
