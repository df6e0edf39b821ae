// The period a report covers, from --since and --until as people write them: a
// duration back from now ("24h", "7d", "2w"), a date or time (ISO 8601, RFC 2822,
// Unix seconds; a bare date is midnight UTC), or "today" / "yesterday" (UTC midnight;
// --since yesterday alone is the whole of yesterday, until today 00:00).
// A period is [since, until); the previous period is as long and ends at `since`.
#pragma once

#include <string>

#include "db/time.h"

namespace bounced::report {

struct Period {
    db::Time since, until;
    db::Time previous_since() const { return since - (until - since); }
};

// The longest period a report may cover; a longer one is almost certainly a typo.
constexpr int kMaxPeriodDays = 366;

// Reads the two options (empty: since 24h ago, until now). False with a sentence that
// names the option in `error` when a value is unreadable or the range absurd: empty or
// reversed, starting in the future, ending more than a day ahead, longer than
// kMaxPeriodDays.
bool parse_period(const std::string& since, const std::string& until, db::Time now, Period* out,
                  std::string* error);

// One point in time as `option` (for the error) was given: a duration back from now,
// a date or time, today, yesterday or now. The one grammar of report, suppressions
// list and export. False with a sentence naming the option in `error`.
bool parse_time_point(const std::string& option, const std::string& text, db::Time now, db::Time* out,
                      std::string* error);

// The end a start implies when --until is not given: "yesterday" means the whole of
// yesterday (until today 00:00 UTC); anything else, until now ("" for now).
std::string default_until(const std::string& since);

// "2024-05-01 00:00Z" when on a minute, else with seconds: for headings.
std::string format_period_time(db::Time t);

}  // namespace bounced::report
