// The JSON report: one object, keys in English whatever --lang says (remedy texts and
// the notice follow the language). Times are "YYYY-MM-DD HH:MM:SSZ" (UTC), counts are
// numbers, absent times null. tests/bounced/report/html_render_test.py reads it to check the
// numbers shown in the HTML page.
#include <functional>

#include "bounced/report/labels.h"
#include "bounced/report/writers.h"
#include "db/json.h"

namespace bounced::report {
namespace {

// A minimal streaming writer: commas and nesting handled, values escaped.
class Json {
public:
    explicit Json(std::string& out) : out_(out) {}

    Json& key(std::string_view k) {
        comma();
        db::append_json_string(out_, k);
        out_ += ':';
        after_key_ = true;
        return *this;
    }
    Json& str(std::string_view v) { return raw_value([&] { db::append_json_string(out_, v); }); }
    Json& num(long v) { return raw_value([&] { out_ += std::to_string(v); }); }
    Json& boolean(bool v) { return raw_value([&] { out_ += v ? "true" : "false"; }); }
    Json& time(const std::optional<db::Time>& t) {
        return raw_value([&] { t ? db::append_json_string(out_, db::format_time(*t)) : void(out_ += "null"); });
    }
    Json& begin(char bracket) {
        comma();
        out_ += bracket;
        first_ = true;
        return *this;
    }
    Json& end(char bracket) {
        out_ += bracket;
        first_ = false;
        return *this;
    }
    Json& field(std::string_view k, std::string_view v) { return key(k).str(v); }
    Json& field(std::string_view k, long v) { return key(k).num(v); }
    Json& strings(std::string_view k, const std::vector<std::string>& values) {
        key(k).begin('[');
        for (const auto& v : values) str(v);
        return end(']');
    }

private:
    template <typename Fn>
    Json& raw_value(Fn fn) {
        comma();
        fn();
        return *this;
    }
    void comma() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_) out_ += ',';
        first_ = false;
    }

    std::string& out_;
    bool first_ = true, after_key_ = false;
};

void counts(Json& j, const Report& r) {
    j.key("failures").begin('{').field("count", r.failures).field("previous", r.failures_previous)
        .field("change", r.failures - r.failures_previous).end('}');
    j.key("classes").begin('[');
    for (const auto& c : r.classes)
        j.begin('{').field("class", c.bounce_class).field("count", c.current).field("previous", c.previous)
            .field("change", c.change()).end('}');
    j.end(']').key("reasons").begin('[');
    for (const auto& c : r.reasons)
        j.begin('{').field("class", c.bounce_class).field("reason", c.reason).field("count", c.current)
            .field("previous", c.previous).field("change", c.change()).end('}');
    j.end(']').key("days").begin('[');
    for (const auto& d : r.days) {
        j.begin('{').field("day", d.day);
        for (std::size_t i = 0; i < d.per_class.size(); ++i) j.field(failure_classes()[i], d.per_class[i]);
        j.field("total", d.total()).end('}');
    }
    j.end(']');
}

void people(Json& j, const Report& r) {
    const auto& d = r.data;
    j.key("suppressions").begin('{').field("total", d.suppressions_total).key("by_reason").begin('[');
    for (const auto& s : d.suppressions_by_reason)
        j.begin('{').field("class", s.bounce_class).field("reason", s.reason).field("count", s.current).end('}');
    j.end(']').key("addresses").begin('[');
    for (const auto& s : d.suppressions)
        j.begin('{').field("address", s.address).field("class", s.bounce_class).field("reason", s.reason)
            .field("source", s.source).key("at").time(s.at).end('}');
    j.end(']').end('}');

    j.key("reactivations").begin('{').field("total", d.reactivations_total).key("addresses").begin('[');
    for (const auto& s : d.reactivations)
        j.begin('{').field("address", s.address).key("at").time(s.at).field("actor", s.actor)
            .field("detail", s.detail).field("note", s.note).end('}');
    j.end(']').end('}');

    j.key("at_risk").begin('{').field("total", d.at_risk_total).field("threshold", r.at_risk_min)
        .field("soft_limit", r.soft_limit).key("addresses").begin('[');
    for (const auto& a : d.at_risk)
        j.begin('{').field("address", a.address).field("soft_bounces", a.soft_bounces).field("messages", a.messages)
            .field("last_reason", a.last_reason).key("last_bounce_at").time(a.last_bounce_at)
            .key("next_send_after").time(a.next_send_after).end('}');
    j.end(']').end('}');
}

void domains(Json& j, const Report& r) {
    j.key("domains").begin('[');
    for (const auto& d : r.data.domains)
        j.begin('{').field("domain", d.domain).field("hard", d.hard).field("soft", d.soft).field("policy", d.policy)
            .field("complaint", d.complaint).field("total", d.total()).end('}');
    j.end(']').key("throttled").begin('[');
    for (const auto& t : r.data.throttled)
        j.begin('{').field("domain", t.domain).key("since").time(t.since).key("until").time(t.until)
            .field("repeats", t.repeats).field("policy_bounces", t.policy_bounces).field("top_reason", t.top_reason)
            .end('}');
    j.end(']').field("deferrals_total", r.data.deferrals_total).key("deferrals").begin('[');
    for (const auto& m : r.data.deferrals)
        j.begin('{').field("domain", m.domain).field("warnings", m.current).field("previous", m.previous)
            .field("addresses", m.addresses).field("top_reason", m.top_reason).end('}');
    j.end(']');
}

void messages(Json& j, const Report& r) {
    j.key("diagnostics").begin('[');
    for (const auto& d : r.diagnostics)
        j.begin('{').field("text", d.text).field("class", d.bounce_class).field("reason", d.reason)
            .field("status", d.status).field("count", d.count).end('}');
    j.end(']');
    const auto& d = r.data;
    j.key("quarantined").begin('{').field("total", d.quarantined_total).key("messages").begin('[');
    for (const auto& q : d.quarantined)
        j.begin('{').key("at").time(q.at).field("source", q.source).field("fingerprint", q.fingerprint)
            .field("outcome", q.outcome).end('}');
    j.end(']').end('}');
    j.key("unverified").begin('{').key("sends_recorded").boolean(d.sends_recorded)
        .field("not_sent", d.unverified_total).field("guessed", d.untrusted_total).field("total", d.flagged_total)
        .key("bounces").begin('[');
    for (const auto& u : d.unverified) {
        j.begin('{').key("at").time(u.at).field("address", u.address).field("class", u.bounce_class)
            .field("reason", u.reason).field("original_message_id", u.original_message_id)
            .key("trusted").boolean(u.trusted).key("verified");
        if (u.verified) j.boolean(*u.verified);
        else j.time(std::nullopt);
        j.end('}');
    }
    j.end(']').end('}');
    j.key("held").begin('{').field("open", d.held_open).field("held_in_period", d.held_in_period)
        .field("released_in_period", d.released_in_period).key("open_by_reason").begin('{');
    for (const auto& [why, n] : d.held_open_by_reason) j.field(why.c_str(), n);
    j.end('}').end('}');
    j.key("remedies").begin('[');
    for (const auto& m : r.remedies)
        j.begin('{').field("topic", m.topic).field("failures", m.failures).strings("reasons", m.reasons)
            .strings("codes", m.status_codes).field("text", m.text).end('}');
    j.end(']');
}

}  // namespace

void write_json_report(std::ostream& out, const Report& r) {
    std::string text;
    Json j(text);
    j.begin('{');
    j.key("period").begin('{').key("since").time(r.period.since).key("until").time(r.period.until)
        .key("previous_since").time(r.period.previous_since()).end('}');
    j.key("generated_at").time(r.generated_at).field("lang", r.language == Language::ja ? "ja" : "en");
    j.key("empty").boolean(r.empty());
    if (r.empty()) j.field("notice", labels(r.language).empty_period);
    j.field("events_ever", r.data.events_ever).key("last_event_at").time(r.data.last_event_at);
    counts(j, r);
    people(j, r);
    domains(j, r);
    messages(j, r);
    j.end('}');
    out << text << "\n";
}

}  // namespace bounced::report
