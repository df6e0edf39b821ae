// The report as people read it, whatever the format: what the store returned for the
// period (db::ReportData) plus what the program works out from it — class totals with
// their change, every day of the chart, diagnostics normalised and merged, remedies
// tied to the reasons and codes they fit. Built by build_report (build.cc);
// the writers (writers.h) only lay it out.
#pragma once

#include <string>
#include <vector>

#include "bounced/report/period.h"
#include "bounced/report/remedies.h"
#include "db/report_query.h"

namespace bounced::report {

// The classes that are failures, in the order tables and the chart show them.
inline const std::vector<std::string>& failure_classes() {
    static const std::vector<std::string> classes = {"hard", "soft", "policy", "complaint"};
    return classes;
}

struct CountRow {
    std::string bounce_class, reason;  // reason "" in the per-class table
    long current = 0, previous = 0;
    long change() const { return current - previous; }
};

struct DayRow {
    std::string day;              // YYYY-MM-DD (UTC)
    std::vector<long> per_class;  // in failure_classes() order
    long total() const {
        long n = 0;
        for (long c : per_class) n += c;
        return n;
    }
};

// Diagnostics that read the same once masked (diagnostic.h), counted together.
struct DiagnosticRow {
    std::string text;                          // normalised
    std::string bounce_class, reason, status;  // of the largest share
    long count = 0;
};

// One piece of advice and the failures of the period it answers.
struct RemedyRow {
    std::string topic, text;
    long failures = 0;
    std::vector<std::string> reasons, status_codes;  // sorted, distinct
};

struct Report {
    Period period;
    Language language = Language::en;
    db::Time generated_at;
    int soft_limit = 0, at_risk_min = 0;  // the policy the at-risk list was judged by
    std::vector<CountRow> classes;        // the failure classes always, others when seen
    std::vector<CountRow> reasons;        // every class/reason seen in either period
    long failures = 0, failures_previous = 0;
    std::vector<DayRow> days;             // every UTC day the period touches
    std::vector<DiagnosticRow> diagnostics;
    std::vector<RemedyRow> remedies;
    db::ReportData data;                  // domains, suppressions, throttles, at risk, ...

    // Nothing happened: no event, suppression, reactivation or quarantined message.
    bool empty() const;
};

constexpr std::size_t kTopDiagnostics = 10;
constexpr std::size_t kTopDomains = 10;

}  // namespace bounced::report
