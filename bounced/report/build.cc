// build_report: class totals and changes, the days of the chart, diagnostics merged
// after normalising, remedies per topic with the reasons and codes they answer.
#include "bounced/report/build.h"

#include <algorithm>
#include <map>
#include <set>

#include "bounced/report/diagnostic.h"
#include "classify/reason.h"

namespace bounced::report {
namespace {

bool is_failure(const std::string& bounce_class) {
    const auto& f = failure_classes();
    return std::find(f.begin(), f.end(), bounce_class) != f.end();
}

// Failure classes first in their fixed order, then the others by name.
int class_rank(const std::string& bounce_class) {
    const auto& f = failure_classes();
    const auto it = std::find(f.begin(), f.end(), bounce_class);
    return it == f.end() ? static_cast<int>(f.size()) : static_cast<int>(it - f.begin());
}

void add_counts(Report* r) {
    std::map<std::string, CountRow> by_class;
    for (const auto& c : failure_classes()) by_class[c] = {c, "", 0, 0};
    for (const auto& c : r->data.counts) {
        auto& row = by_class[c.bounce_class];
        row.bounce_class = c.bounce_class;
        row.current += c.current;
        row.previous += c.previous;
        r->reasons.push_back({c.bounce_class, c.reason, c.current, c.previous});
        if (is_failure(c.bounce_class)) {
            r->failures += c.current;
            r->failures_previous += c.previous;
        }
    }
    for (auto& [name, row] : by_class) r->classes.push_back(row);
    const auto order = [](const CountRow& a, const CountRow& b) {
        if (class_rank(a.bounce_class) != class_rank(b.bounce_class))
            return class_rank(a.bounce_class) < class_rank(b.bounce_class);
        if (a.bounce_class != b.bounce_class) return a.bounce_class < b.bounce_class;
        if (a.current != b.current) return a.current > b.current;
        return a.reason < b.reason;
    };
    std::sort(r->classes.begin(), r->classes.end(), order);
    std::sort(r->reasons.begin(), r->reasons.end(), order);
}

std::string day_of(db::Time t) { return db::format_time(t).substr(0, 10); }

void add_days(Report* r) {
    const auto day = std::chrono::hours(24);
    std::map<std::string, std::size_t> index;
    const std::string last = day_of(r->period.until - std::chrono::seconds(1));
    for (db::Time t = r->period.since;; t += day) {
        const std::string d = day_of(t);
        if (d > last) break;
        index[d] = r->days.size();
        r->days.push_back({d, std::vector<long>(failure_classes().size(), 0)});
    }
    for (const auto& d : r->data.daily) {
        const auto it = index.find(d.day);
        const int rank = class_rank(d.bounce_class);
        if (it != index.end() && rank < static_cast<int>(failure_classes().size()))
            r->days[it->second].per_class[rank] += d.count;
    }
}

void add_diagnostics(Report* r) {
    struct Group {
        long count = 0;
        std::map<std::tuple<std::string, std::string, std::string>, long> shares;
    };
    std::map<std::string, Group> groups;
    for (const auto& d : r->data.diagnostics) {
        if (d.diagnostic.empty()) continue;
        auto& g = groups[normalise_diagnostic(d.diagnostic)];
        g.count += d.count;
        g.shares[{d.bounce_class, d.reason, d.status_code}] += d.count;
    }
    for (const auto& [text, g] : groups) {
        const auto top = std::max_element(g.shares.begin(), g.shares.end(),
                                          [](const auto& a, const auto& b) { return a.second < b.second; });
        const auto& [bounce_class, reason, status] = top->first;
        r->diagnostics.push_back({text, bounce_class, reason, status, g.count});
    }
    std::stable_sort(r->diagnostics.begin(), r->diagnostics.end(),
                     [](const DiagnosticRow& a, const DiagnosticRow& b) { return a.count > b.count; });
    if (r->diagnostics.size() > kTopDiagnostics) r->diagnostics.resize(kTopDiagnostics);
}

void add_remedies(Report* r) {
    struct Topic {
        std::string text;
        long failures = 0;
        std::set<std::string> reasons, codes;
    };
    std::map<std::string, Topic> topics;
    for (const auto& d : r->data.diagnostics) {
        const auto reason = classify::parse_reason(d.reason);
        if (!reason) continue;
        for (const auto& remedy : remedies_for(*reason, d.status_code, d.diagnostic, r->language)) {
            auto [it, added] = topics.try_emplace(std::string(remedy.topic));
            if (added) it->second.text = std::string(remedy.text);
            it->second.failures += d.count;
            it->second.reasons.insert(d.reason);
            if (!d.status_code.empty()) it->second.codes.insert(d.status_code);
        }
    }
    for (auto& [topic, t] : topics) {
        r->remedies.push_back({topic, t.text, t.failures, {t.reasons.begin(), t.reasons.end()},
                               {t.codes.begin(), t.codes.end()}});
    }
    std::stable_sort(r->remedies.begin(), r->remedies.end(), [](const RemedyRow& a, const RemedyRow& b) {
        return a.failures != b.failures ? a.failures > b.failures : a.topic < b.topic;
    });
}

}  // namespace

bool Report::empty() const {
    for (const auto& c : data.counts) {
        if (c.current > 0) return false;
    }
    return data.suppressions_total == 0 && data.reactivations_total == 0 && data.quarantined_total == 0 &&
           data.throttled.empty() && data.at_risk_total == 0;
}

db::ReportQuery report_query(const Period& period, const db::Policy& policy) {
    db::ReportQuery q;
    q.since = period.since;
    q.until = period.until;
    q.soft_window = policy.soft_window;
    q.at_risk_min = std::max(1, policy.soft_limit - 2);
    return q;
}

Report build_report(const Period& period, db::ReportData data, const db::Policy& policy, Language language,
                    db::Time now) {
    Report r;
    r.period = period;
    r.language = language;
    r.generated_at = now;
    r.soft_limit = policy.soft_limit;
    r.at_risk_min = report_query(period, policy).at_risk_min;
    r.data = std::move(data);
    if (r.data.domains.size() > kTopDomains) r.data.domains.resize(kTopDomains);
    add_counts(&r);
    add_days(&r);
    add_diagnostics(&r);
    add_remedies(&r);
    return r;
}

}  // namespace bounced::report
