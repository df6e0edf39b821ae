// The JSON report: one object, keys in English whatever --lang says (remedy texts and
// the notice follow the language). Times are "YYYY-MM-DD HH:MM:SSZ" (UTC), counts are
// numbers, absent times null. tests/bounced/report/html_render_test.py reads it to check the
// numbers shown in the HTML page. Built with nlohmann-json; ordered_json keeps the keys
// in the order written here, which is the order readers have seen so far.
#include <nlohmann/json.hpp>

#include "bounced/report/labels.h"
#include "bounced/report/writers.h"
#include "db/time.h"

namespace bounced::report {
namespace {

using Json = nlohmann::ordered_json;

Json time_value(const std::optional<db::Time>& t) { return t ? Json(db::format_time(*t)) : Json(nullptr); }

Json change(long current, long previous) { return {{"count", current}, {"previous", previous}, {"change", current - previous}}; }

void counts(Json& j, const Report& r) {
    j["failures"] = change(r.failures, r.failures_previous);
    Json& classes = j["classes"] = Json::array();
    for (const auto& c : r.classes)
        classes.push_back({{"class", c.bounce_class}, {"count", c.current}, {"previous", c.previous}, {"change", c.change()}});
    Json& reasons = j["reasons"] = Json::array();
    for (const auto& c : r.reasons)
        reasons.push_back({{"class", c.bounce_class}, {"reason", c.reason}, {"count", c.current},
                           {"previous", c.previous}, {"change", c.change()}});
    Json& days = j["days"] = Json::array();
    for (const auto& d : r.days) {
        Json day = {{"day", d.day}};
        for (std::size_t i = 0; i < d.per_class.size(); ++i) day[failure_classes()[i]] = d.per_class[i];
        day["total"] = d.total();
        days.push_back(std::move(day));
    }
}

void people(Json& j, const Report& r) {
    const auto& d = r.data;
    Json by_reason = Json::array(), addresses = Json::array();
    for (const auto& s : d.suppressions_by_reason)
        by_reason.push_back({{"class", s.bounce_class}, {"reason", s.reason}, {"count", s.current}});
    for (const auto& s : d.suppressions)
        addresses.push_back({{"address", s.address}, {"class", s.bounce_class}, {"reason", s.reason},
                             {"source", s.source}, {"at", time_value(s.at)}});
    j["suppressions"] = {{"total", d.suppressions_total}, {"by_reason", std::move(by_reason)},
                         {"addresses", std::move(addresses)}};

    Json reactivated = Json::array();
    for (const auto& s : d.reactivations)
        reactivated.push_back({{"address", s.address}, {"at", time_value(s.at)}, {"actor", s.actor},
                               {"detail", s.detail}, {"note", s.note}});
    j["reactivations"] = {{"total", d.reactivations_total}, {"addresses", std::move(reactivated)}};

    Json at_risk = Json::array();
    for (const auto& a : d.at_risk)
        at_risk.push_back({{"address", a.address}, {"soft_bounces", a.soft_bounces}, {"messages", a.messages},
                           {"last_reason", a.last_reason}, {"last_bounce_at", time_value(a.last_bounce_at)},
                           {"next_send_after", time_value(a.next_send_after)}});
    j["at_risk"] = {{"total", d.at_risk_total}, {"threshold", r.at_risk_min}, {"soft_limit", r.soft_limit},
                    {"addresses", std::move(at_risk)}};
}

void domains(Json& j, const Report& r) {
    Json& domains = j["domains"] = Json::array();
    for (const auto& d : r.data.domains)
        domains.push_back({{"domain", d.domain}, {"hard", d.hard}, {"soft", d.soft}, {"policy", d.policy},
                           {"complaint", d.complaint}, {"total", d.total()}});
    Json& throttled = j["throttled"] = Json::array();
    for (const auto& t : r.data.throttled)
        throttled.push_back({{"domain", t.domain}, {"since", time_value(t.since)}, {"until", time_value(t.until)},
                             {"repeats", t.repeats}, {"policy_bounces", t.policy_bounces}, {"top_reason", t.top_reason}});
    j["deferrals_total"] = r.data.deferrals_total;
    Json& deferrals = j["deferrals"] = Json::array();
    for (const auto& m : r.data.deferrals)
        deferrals.push_back({{"domain", m.domain}, {"warnings", m.current}, {"previous", m.previous},
                             {"addresses", m.addresses}, {"top_reason", m.top_reason}});
}

void messages(Json& j, const Report& r) {
    Json& diagnostics = j["diagnostics"] = Json::array();
    for (const auto& d : r.diagnostics)
        diagnostics.push_back({{"text", d.text}, {"class", d.bounce_class}, {"reason", d.reason},
                               {"status", d.status}, {"count", d.count}});
    const auto& d = r.data;
    Json quarantined = Json::array();
    for (const auto& q : d.quarantined)
        quarantined.push_back({{"at", time_value(q.at)}, {"source", q.source}, {"fingerprint", q.fingerprint},
                               {"outcome", q.outcome}});
    j["quarantined"] = {{"total", d.quarantined_total}, {"messages", std::move(quarantined)}};
    Json bounces = Json::array();
    for (const auto& u : d.unverified)
        bounces.push_back({{"at", time_value(u.at)}, {"address", u.address}, {"class", u.bounce_class},
                           {"reason", u.reason}, {"original_message_id", u.original_message_id},
                           {"trusted", u.trusted}, {"verified", u.verified ? Json(*u.verified) : Json(nullptr)}});
    j["unverified"] = {{"sends_recorded", d.sends_recorded}, {"not_sent", d.unverified_total},
                       {"guessed", d.untrusted_total}, {"total", d.flagged_total}, {"bounces", std::move(bounces)}};
    Json open_by_reason = Json::object();
    for (const auto& [why, n] : d.held_open_by_reason) open_by_reason[why] = n;
    j["held"] = {{"open", d.held_open}, {"held_in_period", d.held_in_period},
                 {"released_in_period", d.released_in_period}, {"open_by_reason", std::move(open_by_reason)}};
    Json& remedies = j["remedies"] = Json::array();
    for (const auto& m : r.remedies)
        remedies.push_back({{"topic", m.topic}, {"failures", m.failures}, {"reasons", m.reasons},
                            {"codes", m.status_codes}, {"text", m.text}});
}

}  // namespace

void write_json_report(std::ostream& out, const Report& r) {
    Json j = Json::object();
    j["period"] = {{"since", time_value(r.period.since)}, {"until", time_value(r.period.until)},
                   {"previous_since", time_value(r.period.previous_since())}};
    j["generated_at"] = time_value(r.generated_at);
    j["lang"] = r.language == Language::ja ? "ja" : "en";
    j["empty"] = r.empty();
    if (r.empty()) j["notice"] = labels(r.language).empty_period;
    j["events_ever"] = r.data.events_ever;
    j["last_event_at"] = time_value(r.data.last_event_at);
    counts(j, r);
    people(j, r);
    domains(j, r);
    messages(j, r);
    // Text from bounces and the database is untrusted: invalid UTF-8 becomes U+FFFD.
    out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace bounced::report
