// Deferrals per receiving domain (issue 12, item 5): delay warnings change no
// subscriber, so the report is where they show. Every layout carries the section,
// with this period's warnings, the previous period's, the addresses and the cause.
#include <catch2/catch.hpp>

#include <sstream>

#include "bounced/report/build.h"
#include "bounced/report/writers.h"

using namespace bounced::report;

namespace {

const db::Time kSince = *db::parse_time("2024-05-09T00:00:00Z");
const db::Time kUntil = *db::parse_time("2024-05-11T00:00:00Z");

Report deferring(Language language) {
    db::ReportData d;
    d.counts = {{"delayed", "mailboxfull", 9, 1}, {"delayed", "blocked", 2, 0}};
    d.deferrals = {{"slow.example", 9, 1, 4, "mailboxfull"}, {"wary.example", 2, 0, 2, "blocked"}};
    d.deferrals_total = 11;
    d.events_ever = 12;
    return build_report({kSince, kUntil}, d, db::Policy{}, language, kUntil);
}

std::string written(const Report& r, ReportFormat f) {
    std::ostringstream out;
    write_report(out, r, f);
    return out.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report_deferrals: a period with only delay warnings is not empty", "[report]") {
    CHECK_FALSE(deferring(Language::en).empty());
}

TEST_CASE("report_deferrals: the text report lists deferrals per domain with their change", "[report]") {
    const auto t = written(deferring(Language::en), ReportFormat::text);
    REQUIRE(has(t, "== Deferrals per receiving domain =="));
    CHECK(has(t, "Total: 11"));
    const auto section = t.substr(t.find("== Deferrals"));
    CHECK(section.find("slow.example") < section.find("wary.example"));
    CHECK(has(section, "+8"));
    CHECK(has(section, "mailboxfull"));
    CHECK(has(written(deferring(Language::ja), ReportFormat::text), "受信ドメイン別の配信遅延"));
}

TEST_CASE("report_deferrals: csv, json and html carry the same figures", "[report]") {
    const auto r = deferring(Language::en);
    const auto csv = written(r, ReportFormat::csv);
    CHECK(has(csv, "deferral,slow.example,delayed,mailboxfull,9,1,8,,addresses=4"));
    CHECK(has(csv, "summary,deferrals,delayed,,11"));
    const auto json = written(r, ReportFormat::json);
    CHECK(has(json, "\"deferrals_total\":11"));
    CHECK(has(json, "{\"domain\":\"slow.example\",\"warnings\":9,\"previous\":1,\"addresses\":4,"
                    "\"top_reason\":\"mailboxfull\"}"));
    const auto html = written(r, ReportFormat::html);
    CHECK(has(html, "data-k=\"deferrals.slow.example.warnings\">9<"));
    CHECK(has(html, "data-k=\"deferrals.wary.example.addresses\">2<"));
}

TEST_CASE("report_deferrals: at most the top ten domains are shown", "[report]") {
    db::ReportData d;
    for (int i = 0; i < 15; ++i) d.deferrals.push_back({"d" + std::to_string(i) + ".example", 15 - i, 0, 1, "expired"});
    d.deferrals_total = 120;
    const auto r = build_report({kSince, kUntil}, d, db::Policy{}, Language::en, kUntil);
    CHECK(r.data.deferrals.size() == kTopDomains);
}
