// The CSV report (RFC 4180, CRLF): one row per figure, the same columns for every
// section, so a spreadsheet can filter on `section`:
//
//   section,name,class,reason,count,previous,change,when,detail
//
// A text cell that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed
// with an apostrophe: diagnostics and sources come from strangers' mail.
#include "bounced/report/labels.h"
#include "bounced/report/writers.h"
#include "db/csv.h"

namespace bounced::report {
namespace {

bool is_number(const std::string& s) {
    if (s.empty()) return false;
    for (std::size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return s.size() > 1 || (s[0] >= '0' && s[0] <= '9');
}

std::string cell(const std::string& value) {
    if (!value.empty() && std::string_view("=+-@").find(value[0]) != std::string_view::npos && !is_number(value))
        return db::csv_field("'" + value);
    return db::csv_field(value);
}

struct Row {
    std::string section, name, bounce_class, reason, count, previous, change, when, detail;
};

std::string when(const std::optional<db::Time>& t) { return t ? db::format_time(*t) : ""; }
std::string num(long n) { return std::to_string(n); }

class CsvWriter {
public:
    CsvWriter(std::ostream& out, const Report& r) : out_(out), r_(r) {}

    void write() {
        out_ << "section,name,class,reason,count,previous,change,when,detail\r\n";
        const auto& d = r_.data;
        row({"period", "since", "", "", "", "", "", when(r_.period.since), ""});
        row({"period", "until", "", "", "", "", "", when(r_.period.until), ""});
        row({"period", "previous_since", "", "", "", "", "", when(r_.period.previous_since()), ""});
        if (r_.empty()) row({"notice", "empty", "", "", "", "", "", "", std::string(labels(r_.language).empty_period)});
        row({"summary", "failures", "", "", num(r_.failures), num(r_.failures_previous),
             num(r_.failures - r_.failures_previous), "", ""});
        for (const auto& c : r_.classes)
            row({"class", c.bounce_class, c.bounce_class, "", num(c.current), num(c.previous), num(c.change()), "", ""});
        for (const auto& c : r_.reasons)
            row({"reason", c.reason, c.bounce_class, c.reason, num(c.current), num(c.previous), num(c.change()), "", ""});
        for (const auto& day : r_.days) {
            for (std::size_t i = 0; i < day.per_class.size(); ++i)
                row({"day", day.day, failure_classes()[i], "", num(day.per_class[i]), "", "", day.day, ""});
        }
        row({"summary", "suppressions", "", "", num(d.suppressions_total), "", "", "", ""});
        for (const auto& s : d.suppressions)
            row({"suppression", s.address, s.bounce_class, s.reason, "1", "", "", when(s.at), s.source});
        row({"summary", "reactivations", "", "", num(d.reactivations_total), "", "", "", ""});
        for (const auto& s : d.reactivations)
            row({"reactivation", s.address, "", "", "1", "", "", when(s.at), s.actor + ": " + s.detail + "; " + s.note});
        for (const auto& m : d.domains)
            row({"domain", m.domain, "", "", num(m.total()), "", "", "",
                 "hard=" + num(m.hard) + " soft=" + num(m.soft) + " policy=" + num(m.policy) +
                     " complaint=" + num(m.complaint)});
        for (const auto& t : d.throttled)
            row({"throttled", t.domain, "policy", t.top_reason, num(t.policy_bounces), "", "", when(t.since),
                 "until=" + when(t.until) + " repeats=" + num(t.repeats)});
        row({"summary", "deferrals", "delayed", "", num(d.deferrals_total), "", "", "", ""});
        for (const auto& m : d.deferrals)
            row({"deferral", m.domain, "delayed", m.top_reason, num(m.current), num(m.previous),
                 num(m.current - m.previous), "", "addresses=" + num(m.addresses)});
        for (const auto& g : r_.diagnostics)
            row({"diagnostic", g.text, g.bounce_class, g.reason, num(g.count), "", "", "", g.status});
        row({"summary", "at_risk", "soft", "", num(d.at_risk_total), "", "", "",
             "threshold=" + num(r_.at_risk_min) + " soft_limit=" + num(r_.soft_limit)});
        for (const auto& a : d.at_risk)
            row({"at_risk", a.address, "soft", a.last_reason, num(a.soft_bounces), "", "", when(a.last_bounce_at),
                 "messages=" + num(a.messages) + " next_send_after=" + when(a.next_send_after)});
        row({"summary", "quarantined", "", "", num(d.quarantined_total), "", "", "", ""});
        for (const auto& q : d.quarantined)
            row({"quarantined", q.source, "", "", "1", "", "", when(q.at), q.outcome + " " + q.fingerprint});
        row({"summary", "unverified_not_sent", "", "", num(d.unverified_total), "", "", "",
             d.sends_recorded ? "" : "sends not recorded"});
        row({"summary", "unverified_guessed", "", "", num(d.untrusted_total), "", "", "", ""});
        row({"summary", "held_open", "", "", num(d.held_open), "", "", "", ""});
        row({"summary", "held_in_period", "", "", num(d.held_in_period), "", "", "", ""});
        row({"summary", "released_in_period", "", "", num(d.released_in_period), "", "", "", ""});
        for (const auto& [why, n] : d.held_open_by_reason) row({"held_open", why, "", "", num(n), "", "", "", ""});
        for (const auto& u : d.unverified)
            row({"unverified", u.address, u.bounce_class, u.reason, "1", "", "", when(u.at),
                 std::string(u.verified == false ? "not_sent" : "guessed") + " " + u.original_message_id});
        for (const auto& m : r_.remedies) {
            std::string reasons, codes;
            for (const auto& x : m.reasons) reasons += (reasons.empty() ? "" : " ") + x;
            for (const auto& x : m.status_codes) codes += (codes.empty() ? "" : " ") + x;
            row({"remedy", m.topic, "", reasons, num(m.failures), "", "", "", codes + (codes.empty() ? "" : ": ") + m.text});
        }
    }

private:
    void row(const Row& r) {
        out_ << cell(r.section) << ',' << cell(r.name) << ',' << cell(r.bounce_class) << ',' << cell(r.reason) << ','
             << cell(r.count) << ',' << cell(r.previous) << ',' << cell(r.change) << ',' << cell(r.when) << ','
             << cell(r.detail) << "\r\n";
    }

    std::ostream& out_;
    const Report& r_;
};

}  // namespace

void write_csv_report(std::ostream& out, const Report& report) { CsvWriter(out, report).write(); }

}  // namespace bounced::report
