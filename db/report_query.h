// What `bounced report` reads from the store for one period: plain rows, counted and
// limited in SQL (db/store_report.cc), shaped for people by bounced/report/build.cc.
// All times UTC; a period is [since, until), the previous one the same length before it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/time.h"

namespace db {

struct ReportQuery {
    Time since, until;       // the period; the previous period is [2*since-until, since)
    double soft_window = 0;  // seconds: soft bounces older than this do not count (Policy)
    int at_risk_min = 3;     // soft bounces in the window that put an active address at risk
    long list_limit = 50;    // at most this many rows in each list of addresses or messages
    long diagnostic_rows = 100000;  // distinct raw diagnostics read for normalising
};

// Events of one class and reason in the period and in the previous one.
struct ClassReasonCount {
    std::string bounce_class, reason;
    long current = 0, previous = 0;
};

// Failures (hard, soft, policy, complaint) on one UTC day of the period.
struct DailyCount {
    std::string day;  // YYYY-MM-DD
    std::string bounce_class;
    long count = 0;
};

// One exact diagnostic text of the period with how often it came, per class/reason/code.
struct DiagnosticCount {
    std::string diagnostic, bounce_class, reason, status_code;
    long count = 0;
};

struct DomainFailures {
    std::string domain;
    long hard = 0, soft = 0, policy = 0, complaint = 0;
    long total() const { return hard + soft + policy + complaint; }
};

// Delay warnings (class delayed) for one receiving domain. A domain that defers
// before it refuses is the earliest sign of a reputation problem there; the
// subscribers are untouched, so this count is the only place the warnings show.
struct DomainDeferrals {
    std::string domain;
    long current = 0, previous = 0;  // warnings in the period and in the one before
    long addresses = 0;              // distinct addresses deferred in the period
    std::string top_reason;          // the most frequent cause in the period
};

struct NewSuppression {
    Time at;
    std::string address, bounce_class, reason, source;
};

struct Reactivation {
    Time at;
    std::string address, actor, detail, note;
};

// A throttle that overlapped the period.
struct ThrottledDomain {
    std::string domain;
    Time since, until;
    int repeats = 0;             // consecutive throttles (each doubles the duration)
    long policy_bounces = 0;     // in the period
    std::string top_reason;      // the most frequent policy reason in the period
};

// An active address with soft bounces that count towards suppression at `until`.
struct AtRiskAddress {
    std::string address, last_reason;
    long soft_bounces = 0, messages = 0;  // counted bounces, from how many sent messages
    std::optional<Time> last_bounce_at, next_send_after;
};

// A message the classifier refused (limit-exceeded, unparsable): its fingerprint and
// outcome are in processed_messages, its bytes in the daemon's quarantine directory.
struct QuarantinedMessage {
    Time at;
    std::string source, fingerprint, outcome;
};

// A bounce not acted on as given: its Message-ID was never recorded as sent
// (verified = false), or its address was only guessed from prose (trusted = false).
struct UnverifiedBounce {
    Time at;
    std::string address, bounce_class, reason, original_message_id;
    bool trusted = true;
    std::optional<bool> verified;
};

struct ReportData {
    std::vector<ClassReasonCount> counts;      // every class/reason seen in either period
    std::vector<DailyCount> daily;             // days with failures only
    std::vector<DiagnosticCount> diagnostics;  // most frequent first
    std::vector<DomainFailures> domains;       // most failures first, list_limit at most
    std::vector<DomainDeferrals> deferrals;    // most warnings first, list_limit at most
    long deferrals_total = 0;                  // delay warnings in the period, every domain
    std::vector<NewSuppression> suppressions;  // newest first, list_limit at most
    long suppressions_total = 0;
    std::vector<ClassReasonCount> suppressions_by_reason;  // current = this period
    std::vector<Reactivation> reactivations;   // newest first, list_limit at most
    long reactivations_total = 0;
    std::vector<ThrottledDomain> throttled;
    std::vector<AtRiskAddress> at_risk;        // most bounces first, list_limit at most
    long at_risk_total = 0;
    std::vector<QuarantinedMessage> quarantined;  // newest first, list_limit at most
    long quarantined_total = 0;
    std::vector<UnverifiedBounce> unverified;  // newest first, list_limit at most
    long unverified_total = 0;                 // verified = false
    long untrusted_total = 0;                  // trusted = false
    long flagged_total = 0;                    // either (the rows `unverified` is cut from)
    // The held queue (`bounced held`): open now, by why they were held (most first);
    // held and released (by hand or by a recorded send) within the period.
    long held_open = 0;
    std::vector<std::pair<std::string, long>> held_open_by_reason;
    long held_in_period = 0;
    long released_in_period = 0;
    bool sends_recorded = false;               // without sends nothing can be verified
    long events_ever = 0;                      // in the whole log, any time
    std::optional<Time> last_event_at;         // the newest event in the whole log
};

}  // namespace db
