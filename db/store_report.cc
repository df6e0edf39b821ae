// Store::report: what `bounced report` shows for one period, read in one read-only
// snapshot so the sections agree with each other. Every statement is parameterised;
// the periods are $1 since, $2 until, $3 the start of the previous period (epoch seconds).
#include "db/store_impl.h"

namespace db {
namespace {

constexpr const char* kFailureClasses = "('hard', 'soft', 'policy', 'complaint')";

constexpr const char* kCounts =
    "SELECT bounce_class, reason,"
    " count(*) FILTER (WHERE occurred_at >= to_timestamp($1::float8)),"
    " count(*) FILTER (WHERE occurred_at < to_timestamp($1::float8))"
    " FROM bounce_events WHERE occurred_at >= to_timestamp($3::float8) AND occurred_at < to_timestamp($2::float8)"
    " GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2";

const std::string kDaily = std::string(
    "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), bounce_class, count(*)"
    " FROM bounce_events WHERE occurred_at >= to_timestamp($1::float8) AND occurred_at < to_timestamp($2::float8)"
    " AND bounce_class IN ") + kFailureClasses + " GROUP BY 1, 2 ORDER BY 1, 2";

const std::string kDiagnostics = std::string(
    "SELECT diagnostic, bounce_class, reason, status_code, count(*) FROM bounce_events"
    " WHERE occurred_at >= to_timestamp($1::float8) AND occurred_at < to_timestamp($2::float8)"
    " AND bounce_class IN ") + kFailureClasses +
    " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1 LIMIT $3::bigint";

const std::string kDomains = std::string(
    "SELECT domain, count(*) FILTER (WHERE bounce_class = 'hard'), count(*) FILTER (WHERE bounce_class = 'soft'),"
    " count(*) FILTER (WHERE bounce_class = 'policy'), count(*) FILTER (WHERE bounce_class = 'complaint')"
    " FROM bounce_events WHERE occurred_at >= to_timestamp($1::float8) AND occurred_at < to_timestamp($2::float8)"
    " AND bounce_class IN ") + kFailureClasses +
    " GROUP BY domain ORDER BY count(*) DESC, domain LIMIT $3::bigint";

// Delay warnings per receiving domain: this period against the previous one, the
// domains deferred in this period only. The last column is the period's total.
constexpr const char* kDeferrals =
    "SELECT domain, count(*) FILTER (WHERE occurred_at >= to_timestamp($1::float8)),"
    " count(*) FILTER (WHERE occurred_at < to_timestamp($1::float8)),"
    " count(DISTINCT address) FILTER (WHERE occurred_at >= to_timestamp($1::float8)),"
    " mode() WITHIN GROUP (ORDER BY reason) FILTER (WHERE occurred_at >= to_timestamp($1::float8)),"
    " sum(count(*) FILTER (WHERE occurred_at >= to_timestamp($1::float8))) OVER ()"
    " FROM bounce_events WHERE bounce_class = 'delayed'"
    " AND occurred_at >= to_timestamp($3::float8) AND occurred_at < to_timestamp($2::float8)"
    " GROUP BY domain HAVING count(*) FILTER (WHERE occurred_at >= to_timestamp($1::float8)) > 0"
    " ORDER BY 2 DESC, domain LIMIT $4::bigint";

constexpr const char* kSuppressionWindow =
    " FROM subscribers WHERE status = 'suppressed'"
    " AND suppressed_at >= to_timestamp($1::float8) AND suppressed_at < to_timestamp($2::float8)";

constexpr const char* kReactivationWindow =
    " FROM audit_log WHERE action = 'reactivate'"
    " AND at >= to_timestamp($1::float8) AND at < to_timestamp($2::float8)";

constexpr const char* kThrottled =
    "SELECT h.domain, extract(epoch FROM h.throttled_at), extract(epoch FROM h.throttled_until), h.throttle_count,"
    " (SELECT count(*) FROM bounce_events b WHERE b.domain = h.domain AND b.bounce_class = 'policy'"
    "   AND b.occurred_at >= to_timestamp($1::float8) AND b.occurred_at < to_timestamp($2::float8)),"
    " coalesce((SELECT b.reason FROM bounce_events b WHERE b.domain = h.domain AND b.bounce_class = 'policy'"
    "   AND b.occurred_at >= to_timestamp($1::float8) AND b.occurred_at < to_timestamp($2::float8)"
    "   GROUP BY b.reason ORDER BY count(*) DESC, b.reason LIMIT 1), '')"
    " FROM domain_health h WHERE h.throttled_at < to_timestamp($2::float8)"
    " AND h.throttled_until > to_timestamp($1::float8) ORDER BY h.throttled_at DESC, h.domain";

// The soft-bounce count of 0002_apply.sql, evaluated at the end of the period:
// trusted, not known to be unsent, inside the window, since the last reactivation.
constexpr const char* kAtRisk =
    "WITH counted AS ("
    " SELECT s.address, count(*) AS n,"
    "  count(DISTINCT CASE WHEN b.original_message_id <> '' THEN b.original_message_id ELSE b.fingerprint END) AS m,"
    "  (array_agg(b.reason ORDER BY b.occurred_at DESC, b.id DESC))[1] AS last_reason,"
    "  max(b.occurred_at) AS last_at, s.next_send_after"
    " FROM bounce_events b JOIN subscribers s ON s.address = b.address"
    " WHERE s.status = 'active' AND b.bounce_class = 'soft' AND b.trusted AND b.verified IS NOT FALSE"
    "  AND b.occurred_at >= to_timestamp($2::float8) - make_interval(secs => $3::float8)"
    "  AND b.occurred_at > coalesce(s.soft_counted_since, '-infinity') AND b.occurred_at < to_timestamp($2::float8)"
    " GROUP BY s.address, s.next_send_after HAVING count(*) >= $4::int)"
    " SELECT address, n, m, last_reason, extract(epoch FROM last_at), extract(epoch FROM next_send_after),"
    "  count(*) OVER () FROM counted ORDER BY n DESC, last_at DESC, address LIMIT $1::bigint";

constexpr const char* kQuarantined =
    "SELECT extract(epoch FROM processed_at), source, fingerprint, outcome, count(*) OVER ()"
    " FROM processed_messages WHERE outcome IN ('limit-exceeded', 'unparsable')"
    " AND processed_at >= to_timestamp($1::float8) AND processed_at < to_timestamp($2::float8)"
    " ORDER BY processed_at DESC, fingerprint LIMIT $3::bigint";

constexpr const char* kUnverified =
    "SELECT extract(epoch FROM occurred_at), address, bounce_class, reason, original_message_id, trusted, verified,"
    " count(*) FILTER (WHERE verified IS FALSE) OVER (), count(*) FILTER (WHERE NOT trusted) OVER (),"
    " count(*) OVER () FROM bounce_events WHERE occurred_at >= to_timestamp($1::float8) AND occurred_at < to_timestamp($2::float8)"
    " AND (verified IS FALSE OR NOT trusted) ORDER BY occurred_at DESC, id DESC LIMIT $3::bigint";

// The open queue as it is now, by reason (a report is also a to-do list), and
// what the period added to it and took from it.
constexpr const char* kHeld =
    "SELECT held, count(*), sum(count(*)) OVER () FROM bounce_events WHERE NOT trusted AND held <> '' AND resolution = ''"
    " AND bounce_class IN ('hard', 'soft', 'complaint', 'policy') GROUP BY held ORDER BY count(*) DESC, held";

constexpr const char* kHeldPeriod =
    "SELECT (SELECT count(*) FROM bounce_events WHERE held <> '' AND bounce_class IN ('hard', 'soft', 'complaint', 'policy')"
    "   AND occurred_at >= to_timestamp($1::float8) AND occurred_at < to_timestamp($2::float8)),"
    " (SELECT count(*) FROM bounce_events WHERE resolution = 'released'"
    "   AND resolved_at >= to_timestamp($1::float8) AND resolved_at < to_timestamp($2::float8))";

constexpr const char* kLog =
    "SELECT (SELECT count(*) FROM bounce_events), (SELECT extract(epoch FROM max(occurred_at)) FROM bounce_events),"
    " EXISTS (SELECT 1 FROM sends)";

long number_at(const Result& r, int row, int col) { return is_null(r, row, col) ? 0 : std::stol(text_at(r, row, col)); }

// Runs the report's statements on one connection; each fills one part of `out`.
class Reader {
public:
    Reader(Connection& conn, const ReportQuery& q)
        : conn_(conn), q_(q), since_(epoch_text(q.since)), until_(epoch_text(q.until)),
          previous_(epoch_text(q.since - (q.until - q.since))), limit_(std::to_string(q.list_limit)) {}

    Status counts(ReportData* out) {
        return each(kCounts, {since_, until_, previous_}, [&](const Result& r, int i) {
            out->counts.push_back({text_at(r, i, 0), text_at(r, i, 1), number_at(r, i, 2), number_at(r, i, 3)});
        });
    }
    Status daily(ReportData* out) {
        return each(kDaily.c_str(), {since_, until_}, [&](const Result& r, int i) {
            out->daily.push_back({text_at(r, i, 0), text_at(r, i, 1), number_at(r, i, 2)});
        });
    }
    Status diagnostics(ReportData* out) {
        return each(kDiagnostics.c_str(), {since_, until_, std::to_string(q_.diagnostic_rows)},
                    [&](const Result& r, int i) {
                        out->diagnostics.push_back(
                            {text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3), number_at(r, i, 4)});
                    });
    }
    Status domains(ReportData* out) {
        return each(kDomains.c_str(), {since_, until_, limit_}, [&](const Result& r, int i) {
            out->domains.push_back(
                {text_at(r, i, 0), number_at(r, i, 1), number_at(r, i, 2), number_at(r, i, 3), number_at(r, i, 4)});
        });
    }
    Status deferrals(ReportData* out) {
        return each(kDeferrals, {since_, until_, previous_, limit_}, [&](const Result& r, int i) {
            out->deferrals.push_back(
                {text_at(r, i, 0), number_at(r, i, 1), number_at(r, i, 2), number_at(r, i, 3), text_at(r, i, 4)});
            out->deferrals_total = number_at(r, i, 5);
        });
    }
    Status suppressions(ReportData* out) {
        const std::string list = std::string("SELECT extract(epoch FROM suppressed_at), address, suppressed_class,"
                                             " coalesce(suppressed_reason, ''), coalesce(suppressed_source, ''), count(*) OVER ()") +
                                 kSuppressionWindow + " ORDER BY suppressed_at DESC, address LIMIT $3::bigint";
        Status s = each(list.c_str(), {since_, until_, limit_}, [&](const Result& r, int i) {
            out->suppressions.push_back({time_at(r, i, 0).value_or(Time{}), text_at(r, i, 1), text_at(r, i, 2),
                                         text_at(r, i, 3), text_at(r, i, 4)});
            out->suppressions_total = number_at(r, i, 5);
        });
        if (!s.ok()) return s;
        const std::string by_reason = std::string("SELECT suppressed_class, coalesce(suppressed_reason, ''), count(*)") +
                                      kSuppressionWindow + " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";
        return each(by_reason.c_str(), {since_, until_}, [&](const Result& r, int i) {
            out->suppressions_by_reason.push_back({text_at(r, i, 0), text_at(r, i, 1), number_at(r, i, 2), 0});
        });
    }
    Status reactivations(ReportData* out) {
        const std::string list = std::string("SELECT extract(epoch FROM at), address, actor, detail, note, count(*) OVER ()") +
                                 kReactivationWindow + " ORDER BY at DESC, id DESC LIMIT $3::bigint";
        return each(list.c_str(), {since_, until_, limit_}, [&](const Result& r, int i) {
            out->reactivations.push_back({time_at(r, i, 0).value_or(Time{}), text_at(r, i, 1), text_at(r, i, 2),
                                          text_at(r, i, 3), text_at(r, i, 4)});
            out->reactivations_total = number_at(r, i, 5);
        });
    }
    Status throttled(ReportData* out) {
        return each(kThrottled, {since_, until_}, [&](const Result& r, int i) {
            out->throttled.push_back({text_at(r, i, 0), time_at(r, i, 1).value_or(Time{}),
                                      time_at(r, i, 2).value_or(Time{}), static_cast<int>(number_at(r, i, 3)),
                                      number_at(r, i, 4), text_at(r, i, 5)});
        });
    }
    Status at_risk(ReportData* out) {
        return each(kAtRisk, {limit_, until_, std::to_string(q_.soft_window), std::to_string(q_.at_risk_min)},
                    [&](const Result& r, int i) {
                        out->at_risk.push_back({text_at(r, i, 0), text_at(r, i, 3), number_at(r, i, 1),
                                                number_at(r, i, 2), time_at(r, i, 4), time_at(r, i, 5)});
                        out->at_risk_total = number_at(r, i, 6);
                    });
    }
    Status quarantined(ReportData* out) {
        return each(kQuarantined, {since_, until_, limit_}, [&](const Result& r, int i) {
            out->quarantined.push_back(
                {time_at(r, i, 0).value_or(Time{}), text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3)});
            out->quarantined_total = number_at(r, i, 4);
        });
    }
    Status unverified(ReportData* out) {
        return each(kUnverified, {since_, until_, limit_}, [&](const Result& r, int i) {
            UnverifiedBounce u{time_at(r, i, 0).value_or(Time{}), text_at(r, i, 1), text_at(r, i, 2),
                               text_at(r, i, 3), text_at(r, i, 4), text_at(r, i, 5) == "t", std::nullopt};
            if (!is_null(r, i, 6)) u.verified = text_at(r, i, 6) == "t";
            out->unverified.push_back(std::move(u));
            out->unverified_total = number_at(r, i, 7);
            out->untrusted_total = number_at(r, i, 8);
            out->flagged_total = number_at(r, i, 9);
        });
    }
    Status held(ReportData* out) {
        Status s = each(kHeld, {}, [&](const Result& r, int i) {
            out->held_open_by_reason.emplace_back(text_at(r, i, 0), number_at(r, i, 1));
            out->held_open = number_at(r, i, 2);
        });
        if (!s.ok()) return s;
        return each(kHeldPeriod, {since_, until_}, [&](const Result& r, int i) {
            out->held_in_period = number_at(r, i, 0);
            out->released_in_period = number_at(r, i, 1);
        });
    }
    Status log(ReportData* out) {
        return each(kLog, {}, [&](const Result& r, int i) {
            out->events_ever = number_at(r, i, 0);
            out->last_event_at = time_at(r, i, 1);
            out->sends_recorded = text_at(r, i, 2) == "t";
        });
    }

private:
    template <typename RowFn>
    Status each(const char* sql, const std::vector<Param>& params, RowFn row) {
        Result r;
        if (auto s = conn_.exec(sql, params, &r); !s.ok()) return s;
        for (int i = 0; i < PQntuples(r.get()); ++i) row(r, i);
        return Status::success();
    }

    Connection& conn_;
    const ReportQuery& q_;
    std::string since_, until_, previous_, limit_;
};

}  // namespace

Status Store::report(const ReportQuery& query, ReportData* out) {
    *out = ReportData{};
    if (query.until <= query.since) return Status::error(Code::invalid, "the period ends before it starts");
    Connection& conn = impl_->conn;
    // One snapshot: a bounce applied while the report runs is in every section or in none.
    if (auto s = conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {}); !s.ok()) return s;
    Reader reader(conn, query);
    Status s = reader.counts(out);
    if (s.ok()) s = reader.daily(out);
    if (s.ok()) s = reader.diagnostics(out);
    if (s.ok()) s = reader.domains(out);
    if (s.ok()) s = reader.deferrals(out);
    if (s.ok()) s = reader.suppressions(out);
    if (s.ok()) s = reader.reactivations(out);
    if (s.ok()) s = reader.throttled(out);
    if (s.ok()) s = reader.at_risk(out);
    if (s.ok()) s = reader.quarantined(out);
    if (s.ok()) s = reader.unverified(out);
    if (s.ok()) s = reader.held(out);
    if (s.ok()) s = reader.log(out);
    if (s.ok()) s = conn.commit();
    if (!s.ok()) conn.rollback();
    return s;
}

}  // namespace db
