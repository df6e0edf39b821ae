// Date parsing for the forms that suppression exports use (ISO 8601, RFC 2822 as in
// Mailgun's created_at, Unix seconds as in SendGrid's API), without the C locale's help.
#include "db/time.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace db {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

// A cursor over the text with the few readers the formats need.
struct Reader {
    std::string_view s;
    std::size_t i = 0;
    bool done() const { return i >= s.size(); }
    bool peek(char c) const { return !done() && s[i] == c; }
    bool take(char c) { return peek(c) ? (++i, true) : false; }
    void spaces() { while (!done() && s[i] == ' ') ++i; }
    bool number(int digits, long* out) {
        long v = 0;
        for (int k = 0; k < digits; ++k, ++i) {
            if (done() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
            v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return true;
    }
};

bool valid_date(long y, long mo, long d) { return y >= 1970 && y < 10000 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31; }

// HH:MM[:SS[.frac]] -> seconds into the day.
bool read_clock(Reader& r, double* seconds) {
    long h, mi, sec = 0;
    if (!r.number(2, &h) || !r.take(':') || !r.number(2, &mi)) return false;
    if (r.take(':') && !r.number(2, &sec)) return false;
    double frac = 0, scale = 0.1;
    if (r.take('.') || r.take(',')) {
        while (!r.done() && std::isdigit(static_cast<unsigned char>(r.s[r.i]))) {
            frac += (r.s[r.i++] - '0') * scale;
            scale /= 10;
        }
    }
    if (h > 23 || mi > 59 || sec > 60) return false;
    *seconds = h * 3600 + mi * 60 + sec + frac;
    return true;
}

// Z, UTC, GMT, UT, +HH:MM, +HHMM, or nothing (UTC) -> offset east of UTC in seconds.
bool read_zone(Reader& r, long* offset) {
    r.spaces();
    *offset = 0;
    const auto rest = r.s.substr(r.i);
    if (rest.empty() || rest == "Z" || rest == "UTC" || rest == "GMT" || rest == "UT") return true;
    const bool east = r.take('+');
    if (!east && !r.take('-')) return false;
    long h, m = 0;
    if (!r.number(2, &h)) return false;
    r.take(':');
    if (!r.done() && !r.number(2, &m)) return false;
    *offset = (east ? 1 : -1) * (h * 3600 + m * 60);
    return r.done();
}

// Clock counts nanoseconds in 64 bits (the years 1678 to 2262). A time outside that
// is held at the nearer end: converting it as it is would be undefined (UBSan's
// float-cast-overflow), and callers that care see the year change (report/period.cc).
Time time_from_seconds(double epoch) {
    const double limit = std::chrono::duration<double>(Clock::duration::max()).count() * 0.999;
    const double held = std::max(-limit, std::min(limit, epoch));
    return Time(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(held)));
}

std::optional<Time> make_time(long y, long mo, long d, double seconds, long offset) {
    return time_from_seconds(days_from_civil(y, mo, d) * 86400.0 + seconds - offset);
}

std::optional<Time> parse_iso(std::string_view text) {
    Reader r{text};
    long y, mo, d;
    if (!r.number(4, &y) || !r.take('-') || !r.number(2, &mo) || !r.take('-') || !r.number(2, &d)) return {};
    if (!valid_date(y, mo, d)) return {};
    double seconds = 0;
    if (r.take('T') || r.take(' ')) {
        if (!read_clock(r, &seconds)) return {};
    }
    long offset;
    if (!read_zone(r, &offset)) return {};
    return make_time(y, mo, d, seconds, offset);
}

std::optional<Time> parse_rfc2822(std::string_view text) {
    Reader r{text};
    if (const auto comma = text.find(','); comma != std::string_view::npos && comma < 10) r.i = comma + 1;
    r.spaces();
    long d, y;
    if (!r.number(1, &d)) return {};
    if (!r.peek(' ')) { long d2; if (!r.number(1, &d2)) return {}; d = d * 10 + d2; }
    r.spaces();
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    long mo = 0;
    for (int k = 0; k < 12 && mo == 0; ++k)
        if (text.substr(r.i, 3) == kMonths[k]) mo = k + 1;
    if (mo == 0) return {};
    r.i += 3;
    r.spaces();
    if (!r.number(4, &y) || !valid_date(y, mo, d)) return {};
    r.spaces();
    double seconds;
    long offset;
    if (!read_clock(r, &seconds) || !read_zone(r, &offset)) return {};
    return make_time(y, mo, d, seconds, offset);
}

}  // namespace

std::string format_time(Time t) {
    const std::time_t secs = Clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
    return buf;
}

std::optional<Time> parse_time(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.empty()) return {};
    bool digits = true;
    for (char c : text) digits = digits && (std::isdigit(static_cast<unsigned char>(c)) || c == '.');
    if (digits) return time_from_epoch_text(std::string(text));
    if (auto t = parse_iso(text)) return t;
    return parse_rfc2822(text);
}

std::string epoch_text(Time t) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%lld.%06lld", static_cast<long long>(us / 1000000),
                  static_cast<long long>(us % 1000000));
    return buf;
}

std::optional<Time> time_from_epoch_text(const std::string& text) {
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(seconds) || seconds < 0) return {};
    return time_from_seconds(seconds);
}

}  // namespace db
