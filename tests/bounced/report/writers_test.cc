// The four layouts on a report built from known store rows (no database): every
// section's figures appear where they belong, in English and Japanese, and text from
// bounces cannot break the format.
#include <catch2/catch.hpp>

#include <sstream>

#include "bounced/report/build.h"
#include "bounced/report/labels.h"
#include "bounced/report/svg.h"
#include "bounced/report/writers.h"

using namespace bounced::report;

namespace {

const db::Time kSince = *db::parse_time("2024-05-09T00:00:00Z");
const db::Time kUntil = *db::parse_time("2024-05-11T00:00:00Z");

db::ReportData sample_data() {
    db::ReportData d;
    d.counts = {{"hard", "userunknown", 7, 2}, {"soft", "mailboxfull", 3, 3}, {"policy", "blocked", 2, 0},
                {"autoreply", "vacation", 4, 1}};
    d.daily = {{"2024-05-09", "hard", 5}, {"2024-05-10", "hard", 2}, {"2024-05-10", "soft", 3},
               {"2024-05-10", "policy", 2}};
    d.diagnostics = {
        {"550 5.1.1 <a@example.org>: User unknown", "hard", "userunknown", "5.1.1", 4},
        {"550 5.1.1 <b@example.org>: User unknown", "hard", "userunknown", "5.1.1", 3},
        {"=HYPERLINK(\"http://evil\") <script>alert('x')</script>", "soft", "mailboxfull", "4.2.2", 3},
        {"554 5.7.1 Client host [192.0.2.1] blocked using zen.spamhaus.org", "policy", "blocked", "5.7.1", 2},
    };
    d.domains = {{"example.org", 7, 0, 0, 0}, {"blocky.example", 0, 0, 2, 0}};
    d.suppressions = {{kSince + std::chrono::hours(3), "a@example.org", "hard", "userunknown", "bounce"}};
    d.suppressions_total = 7;
    d.suppressions_by_reason = {{"hard", "userunknown", 7, 0}};
    d.reactivations = {{kSince + std::chrono::hours(5), "c@example.org", "alice", "was hard userunknown", "fixed"}};
    d.reactivations_total = 1;
    d.throttled = {{"blocky.example", kSince + std::chrono::hours(30), kSince + std::chrono::hours(36), 1, 2, "blocked"}};
    d.at_risk = {{"r@b.example", "mailboxfull", 3, 3, kSince + std::chrono::hours(40), kSince + std::chrono::hours(100)}};
    d.at_risk_total = 1;
    d.quarantined = {{kSince + std::chrono::hours(2), "/var/mail/new/1.eml", std::string(64, 'f'), "limit-exceeded"}};
    d.quarantined_total = 1;
    d.unverified = {{kSince + std::chrono::hours(9), "ghost@example.org", "hard", "userunknown", "phantom@list", false, false}};
    d.unverified_total = 1;
    d.untrusted_total = 1;
    d.flagged_total = 1;
    d.sends_recorded = true;
    d.events_ever = 100;
    d.last_event_at = kUntil - std::chrono::hours(1);
    return d;
}

Report sample(Language language) {
    return build_report({kSince, kUntil}, sample_data(), db::Policy{}, language, kUntil);
}

std::string written(const Report& r, ReportFormat f) {
    std::ostringstream out;
    write_report(out, r, f);
    return out.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report_build: classes, changes, days and merged diagnostics", "[report]") {
    const Report r = sample(Language::en);
    CHECK(r.failures == 12);
    CHECK(r.failures_previous == 5);
    REQUIRE(r.classes.size() == 5);  // hard soft policy complaint, then autoreply
    CHECK(r.classes[0].bounce_class == "hard");
    CHECK(r.classes[0].current == 7);
    CHECK(r.classes[3].bounce_class == "complaint");
    CHECK(r.classes[3].current == 0);
    CHECK(r.classes[4].bounce_class == "autoreply");
    REQUIRE(r.days.size() == 2);
    CHECK(r.days[0].day == "2024-05-09");
    CHECK(r.days[0].total() == 5);
    CHECK(r.days[1].per_class == std::vector<long>{2, 3, 2, 0});
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].text == "550 5.1.1 <{address}>: User unknown");
    CHECK(r.diagnostics[0].count == 7);
    REQUIRE_FALSE(r.remedies.empty());
    CHECK(r.remedies[0].topic == "address-typo");
    CHECK(r.remedies[0].failures == 7);
    CHECK(r.remedies[0].status_codes == std::vector<std::string>{"5.1.1"});
    bool blocklist = false;
    for (const auto& m : r.remedies) blocklist = blocklist || (m.topic == "blocklist" && m.failures == 2);
    CHECK(blocklist);
    CHECK_FALSE(r.empty());
    CHECK(r.at_risk_min == 3);
}

TEST_CASE("report_text: every section in English with its numbers", "[report]") {
    const std::string t = written(sample(Language::en), ReportFormat::text);
    CHECK(has(t, "Bounce report: 2024-05-09 00:00Z .. 2024-05-11 00:00Z"));
    CHECK(has(t, "Failures (hard, soft, policy, complaint): 12 (+7)"));
    CHECK(has(t, "  hard       userunknown      7         2      +5\n"));
    CHECK(has(t, "  policy     blocked          2         0     new\n"));
    CHECK(has(t, "  2024-05-10     2     3       2          0      7\n"));
    CHECK(has(t, "== New suppressions (7) =="));
    CHECK(has(t, "... and 6 more"));
    CHECK(has(t, "c@example.org"));
    CHECK(has(t, "blocky.example"));
    CHECK(has(t, "      7  hard    userunknown  5.1.1   550 5.1.1 <{address}>: User unknown\n"));
    CHECK(has(t, "r@b.example"));
    CHECK(has(t, "3/5"));
    CHECK(has(t, "limit-exceeded"));
    CHECK(has(t, "Message-ID never recorded as sent: 1"));
    CHECK(has(t, "- address-typo (7; userunknown; 5.1.1)"));
    CHECK(has(t, "Check the part before the @"));
}

TEST_CASE("report_text: Japanese headings and remedies", "[report]") {
    const std::string t = written(sample(Language::ja), ReportFormat::text);
    CHECK(has(t, "バウンスレポート: 2024-05-09 00:00Z"));
    CHECK(has(t, "== 新たな配信停止 (7) =="));
    CHECK(has(t, "ほか 6 件"));
    CHECK(has(t, "== 対処方法 =="));
    CHECK(has(t, "@より前の綴りを確認してください"));
    CHECK(has(t, "新規"));
    CHECK_FALSE(has(t, "Check the part before the @"));
}

TEST_CASE("report_labels: both languages have every label", "[report]") {
    for (auto l : {Language::en, Language::ja}) {
        // The last fields: an initialiser one short would leave them empty.
        CHECK_FALSE(labels(l).none.empty());
        CHECK_FALSE(labels(l).more.empty());
        CHECK_FALSE(labels(l).codes.empty());
    }
    CHECK(labels(Language::ja).none == "なし");
}

TEST_CASE("report_csv: one row per figure, formulas from bounces are defused", "[report]") {
    const std::string c = written(sample(Language::en), ReportFormat::csv);
    CHECK(c.rfind("section,name,class,reason,count,previous,change,when,detail\r\n", 0) == 0);
    CHECK(has(c, "summary,failures,,,12,5,7,,\r\n"));
    CHECK(has(c, "class,hard,hard,,7,2,5,,\r\n"));
    CHECK(has(c, "reason,blocked,policy,blocked,2,0,2,,\r\n"));
    CHECK(has(c, "day,2024-05-10,soft,,3,,,2024-05-10,\r\n"));
    CHECK(has(c, "summary,suppressions,,,7,,,,\r\n"));
    CHECK(has(c, "domain,example.org,,,7,,,,hard=7 soft=0 policy=0 complaint=0\r\n"));
    CHECK(has(c, "throttled,blocky.example,policy,blocked,2,,,"));
    CHECK(has(c, "diagnostic,550 5.1.1 <{address}>: User unknown,hard,userunknown,7,,,,5.1.1\r\n"));
    CHECK(has(c, "diagnostic,\"'=HYPERLINK(\"\"http://evil\"\")"));
    CHECK(has(c, "summary,at_risk,soft,,1,,,,threshold=3 soft_limit=5\r\n"));
    CHECK(has(c, "summary,quarantined,,,1,,,,\r\n"));
    CHECK(has(c, "summary,unverified_not_sent,,,1,,,,\r\n"));
    CHECK(has(c, "remedy,address-typo,,userunknown,7,,,,\"5.1.1: The mailbox does not exist."));
}

TEST_CASE("report_json: every section, escaped", "[report]") {
    const std::string j = written(sample(Language::ja), ReportFormat::json);
    CHECK(has(j, "\"lang\":\"ja\""));
    CHECK(has(j, "\"failures\":{\"count\":12,\"previous\":5,\"change\":7}"));
    CHECK(has(j, "{\"class\":\"hard\",\"reason\":\"userunknown\",\"count\":7,\"previous\":2,\"change\":5}"));
    CHECK(has(j, "{\"day\":\"2024-05-10\",\"hard\":2,\"soft\":3,\"policy\":2,\"complaint\":0,\"total\":7}"));
    CHECK(has(j, "\"suppressions\":{\"total\":7,"));
    CHECK(has(j, "\"reactivations\":{\"total\":1,"));
    CHECK(has(j, "\"at_risk\":{\"total\":1,\"threshold\":3,\"soft_limit\":5,"));
    CHECK(has(j, "{\"domain\":\"blocky.example\",\"hard\":0,\"soft\":0,\"policy\":2,\"complaint\":0,\"total\":2}"));
    CHECK(has(j, "\"throttled\":[{\"domain\":\"blocky.example\",\"since\":\"2024-05-10 06:00:00Z\""));
    CHECK(has(j, "\"text\":\"=HYPERLINK(\\\"http://evil\\\") <script>alert('x')</script>\""));
    CHECK(has(j, "\"quarantined\":{\"total\":1,"));
    CHECK(has(j, "\"unverified\":{\"sends_recorded\":true,\"not_sent\":1,\"guessed\":1,\"total\":1,"));
    CHECK(has(j, "\"topic\":\"address-typo\",\"failures\":7,\"reasons\":[\"userunknown\"],\"codes\":[\"5.1.1\"]"));
    CHECK(has(j, "@より前の綴り"));
}

TEST_CASE("report_html: self-contained, escaped, numbers tagged with their JSON place", "[report]") {
    const std::string h = written(sample(Language::en), ReportFormat::html);
    CHECK(h.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(has(h, "<html lang=\"en\">"));
    CHECK_FALSE(has(h, "<script"));
    CHECK_FALSE(has(h, "<link"));
    CHECK_FALSE(has(h, "src="));
    CHECK_FALSE(has(h, "url("));
    CHECK(has(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    CHECK(has(h, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(has(h, "data-k=\"failures.count\">12<"));
    CHECK(has(h, "data-k=\"classes.hard.count\">7<"));
    CHECK(has(h, "data-k=\"reasons.policy.blocked.previous\">0<"));
    CHECK(has(h, "data-k=\"suppressions.total\">7<"));
    CHECK(has(h, "data-k=\"domains.example.org.hard\">7<"));
    CHECK(has(h, "data-k=\"throttled.blocky.example.policy_bounces\">2<"));
    CHECK(has(h, "data-k=\"diagnostics.0.count\">7<"));
    CHECK(has(h, "data-k=\"at_risk.addresses.r@b.example.soft_bounces\">3<"));
    CHECK(has(h, "data-k=\"quarantined.total\">1<"));
    CHECK(has(h, "data-k=\"unverified.not_sent\">1<"));
    CHECK(has(h, "data-k=\"remedies.address-typo.failures\">7<"));
    CHECK(has(written(sample(Language::ja), ReportFormat::html), "<html lang=\"ja\">"));
}

TEST_CASE("report_svg: one bar segment per day and class with failures, scale rounded up", "[report]") {
    const Report r = sample(Language::en);
    const std::string svg = failure_chart_svg(r.days, labels(Language::en));
    std::size_t bars = 0;
    for (auto p = svg.find("class=\"bar\""); p != std::string::npos; p = svg.find("class=\"bar\"", p + 1)) ++bars;
    CHECK(bars == 4);  // 05-09 hard; 05-10 hard, soft, policy
    CHECK(has(svg, "<title>2024-05-10 soft: 3</title>"));
    CHECK(has(svg, "fill=\"#b3261e\""));
    CHECK(has(svg, ">8</text>"));  // the top of the axis: 7 rounds up to 8, in steps of 2
    CHECK_FALSE(has(svg, ">7</text>"));
}

TEST_CASE("report_svg: the y axis counts in whole round steps, at most five of them", "[report]") {
    const auto axis = [](long max) {
        const Axis a = count_axis(max);
        return std::to_string(a.step) + "/" + std::to_string(a.top);
    };
    CHECK(axis(0) == "1/1");
    CHECK(axis(3) == "1/3");
    CHECK(axis(7) == "2/8");
    CHECK(axis(10) == "2/10");
    CHECK(axis(11) == "5/15");
    CHECK(axis(26) == "10/30");
    CHECK(axis(201) == "50/250");
    CHECK(axis(999999) == "200000/1000000");
}

TEST_CASE("report: an empty period says so in every format", "[report]") {
    db::ReportData d;
    const Report r = build_report({kSince, kUntil}, d, db::Policy{}, Language::en, kUntil);
    CHECK(r.empty());
    CHECK(has(written(r, ReportFormat::text), "No bounces, suppressions, reactivations or quarantined messages in this period."));
    CHECK(has(written(r, ReportFormat::text), "The store holds no bounces at all"));
    CHECK(has(written(r, ReportFormat::json), "\"empty\":true,\"notice\":\"No bounces"));
    CHECK(has(written(r, ReportFormat::csv), "notice,empty,,,,,,,\"No bounces"));
    CHECK(has(written(r, ReportFormat::html), "id=\"empty\""));
    const Report ja = build_report({kSince, kUntil}, d, db::Policy{}, Language::ja, kUntil);
    CHECK(has(written(ja, ReportFormat::text), "この期間にバウンス"));
}
