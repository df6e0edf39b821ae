// parse_period (see period.h).
#include "bounced/report/period.h"

#include <cctype>
#include <chrono>

namespace bounced::report {
namespace {

using std::chrono::hours;

db::Time midnight(db::Time t) {
    const auto days = std::chrono::floor<std::chrono::duration<long, std::ratio<86400>>>(t.time_since_epoch());
    return db::Time(std::chrono::duration_cast<db::Clock::duration>(days));
}

// "24h", "7d", "2w": a positive whole number of hours, days or weeks.
bool parse_duration(const std::string& text, db::Clock::duration* out) {
    if (text.size() < 2 || text.size() > 8) return false;
    long n = 0;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        n = n * 10 + (text[i] - '0');
    }
    if (n <= 0) return false;
    switch (text.back()) {
        case 'h': *out = hours(n); return true;
        case 'd': *out = hours(24 * n); return true;
        case 'w': *out = hours(24 * 7 * n); return true;
        default: return false;
    }
}

// db::Time counts nanoseconds in 64 bits and ends in 2262: db::parse_time holds a later
// date at that end, so such a date is caught here by comparing the year written with the
// year read.
bool plausible(const std::string& text, db::Time t) {
    const std::string read = db::format_time(t);
    if (read < "1970" || read >= "2200") return false;
    const bool dated = text.size() >= 5 && text[4] == '-' && std::isdigit(static_cast<unsigned char>(text[0]));
    return !dated || text.compare(0, 4, read, 0, 4) == 0;
}

}  // namespace

bool parse_time_point(const std::string& option, const std::string& text, db::Time now, db::Time* out,
                      std::string* error) {
    db::Clock::duration back{};
    if (text == "now") {
        *out = now;
    } else if (text == "today") {
        *out = midnight(now);
    } else if (text == "yesterday") {
        *out = midnight(now) - hours(24);
    } else if (parse_duration(text, &back)) {
        *out = now - back;
    } else if (auto t = db::parse_time(text); t && plausible(text, *t)) {
        *out = *t;
    } else if (t) {
        *error = option + ": '" + text + "' is outside the years a report can cover (1970-2199)";
        return false;
    } else {
        *error = option + ": '" + text +
                 "' is neither a duration back from now (24h, 7d, 2w), nor a date (2024-05-01,"
                 " 2024-05-01T06:00:00Z), nor today/yesterday/now";
        return false;
    }
    return true;
}

std::string default_until(const std::string& since) { return since == "yesterday" ? "today" : "now"; }

bool parse_period(const std::string& since, const std::string& until, db::Time now, Period* out,
                  std::string* error) {
    if (!parse_time_point("--since", since.empty() ? "24h" : since, now, &out->since, error)) return false;
    if (!parse_time_point("--until", until.empty() ? default_until(since) : until, now, &out->until, error)) return false;
    const std::string range = format_period_time(out->since) + " .. " + format_period_time(out->until);
    if (out->since > now) {
        *error = "the period " + range + " starts in the future (now is " + format_period_time(now) + ")";
        return false;
    }
    if (out->until <= out->since) {
        *error = "the period " + range + " is empty: --until must be later than --since";
        return false;
    }
    if (out->until > now + hours(24)) {
        *error = "the period " + range + " ends more than a day from now: nothing can have bounced yet";
        return false;
    }
    if (out->until - out->since > hours(24 * kMaxPeriodDays)) {
        *error = "the period " + range + " is longer than " + std::to_string(kMaxPeriodDays) +
                 " days: report at most a year at a time";
        return false;
    }
    return true;
}

std::string format_period_time(db::Time t) {
    std::string text = db::format_time(t);  // "2024-05-01 12:30:00Z"
    if (text.size() == 20 && text.compare(16, 4, ":00Z") == 0) text = text.substr(0, 16) + "Z";
    return text;
}

}  // namespace bounced::report
