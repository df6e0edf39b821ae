// From what the store returned to the Report model (model.h).
#pragma once

#include "bounced/report/model.h"
#include "db/policy.h"

namespace bounced::report {

// The query for a period under `policy`: the soft window and the at-risk threshold
// (two soft bounces short of suppression, at least one bounce).
db::ReportQuery report_query(const Period& period, const db::Policy& policy);

// Takes `data` over; `now` is when the report was made.
Report build_report(const Period& period, db::ReportData data, const db::Policy& policy, Language language,
                    db::Time now);

}  // namespace bounced::report
