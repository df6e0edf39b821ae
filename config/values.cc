// Setting value readers: durations with units, counts, rates, booleans.
#include "config/values.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace config {
namespace {

constexpr double kLongestDuration = 3650.0 * 86400;  // ten years

bool read_number(const std::string& text, double* value, std::string* rest) {
    if (text.empty()) return false;
    char* end = nullptr;
    *value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(*value)) return false;
    *rest = end;
    return true;
}

// A whole decimal number, nothing before or after it.
bool read_whole_number(const std::string& text, long* value) {
    char* end = nullptr;
    *value = std::strtol(text.c_str(), &end, 10);
    return !text.empty() && *end == '\0';
}

}  // namespace

std::string parse_duration(const std::string& text, double* seconds) {
    double value;
    std::string unit;
    const std::string why = "must be a duration such as 90s, 15m, 6h, 30d or 1w, not '" + text + "'";
    if (!read_number(text, &value, &unit) || value <= 0) return why;
    if (unit.empty() || unit == "s") *seconds = value;
    else if (unit == "m") *seconds = value * 60;
    else if (unit == "h") *seconds = value * 3600;
    else if (unit == "d") *seconds = value * 86400;
    else if (unit == "w") *seconds = value * 7 * 86400;
    else return why;
    // PostgreSQL intervals and the backoff arithmetic need a finite, sane number;
    // "1e308w" passes strtod but not this.
    if (!std::isfinite(*seconds) || *seconds > kLongestDuration) return why + " (at most 3650d)";
    return "";
}

std::string parse_count(const std::string& text, int minimum, int* out) {
    long value = 0;
    if (!read_whole_number(text, &value) || value < minimum || value > 1000000000) {
        return "must be a whole number of at least " + std::to_string(minimum) + ", not '" + text + "'";
    }
    *out = static_cast<int>(value);
    return "";
}

std::string format_size(std::size_t bytes) {
    if (bytes >= (1u << 30) && bytes % (1u << 30) == 0) return std::to_string(bytes >> 30) + "GiB";
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + "MiB";
    if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + "KiB";
    return std::to_string(bytes);
}

std::string format_duration(double seconds) {
    static const struct { double length; const char* unit; } kUnits[] = {{86400, "d"}, {3600, "h"}, {60, "m"}};
    char buf[40];
    for (const auto& u : kUnits) {
        const double count = seconds / u.length;
        if (count >= 1 && count == std::floor(count)) {
            std::snprintf(buf, sizeof buf, "%.0f%s", count, u.unit);
            return buf;
        }
    }
    std::snprintf(buf, sizeof buf, "%.10gs", seconds);
    return buf;
}

std::string format_rate(double fraction) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g%%", fraction * 100);
    return buf;
}

namespace {

// The multiplier of a size's unit, or 0 for none of them (lower case compared).
std::size_t unit_bytes(std::string unit) {
    for (auto& c : unit) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (unit.empty() || unit == "b") return 1;
    if (unit == "k" || unit == "kib") return std::size_t(1) << 10;
    if (unit == "m" || unit == "mib") return std::size_t(1) << 20;
    if (unit == "g" || unit == "gib") return std::size_t(1) << 30;
    return 0;
}

}  // namespace

std::string parse_size(const std::string& text, std::size_t minimum, std::size_t maximum, std::size_t* out) {
    const std::string why = "must be a size from " + format_size(minimum) + " to " + format_size(maximum) +
                            " such as 65536, 64KiB or 10MiB, not '" + text + "'";
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0 || digits > 10) return why;
    const std::size_t unit = unit_bytes(text.substr(digits));
    if (unit == 0) return why;
    const std::size_t value = std::stoull(text.substr(0, digits)) * unit;  // at most 10^10 * 2^30: fits 64 bits
    if (value < minimum || value > maximum) return why;
    *out = value;
    return "";
}

std::string parse_count_in(const std::string& text, long minimum, long maximum, long* out) {
    long value = 0;
    if (!read_whole_number(text, &value) || value < minimum || value > maximum) {
        return "must be a whole number from " + std::to_string(minimum) + " to " + std::to_string(maximum) + ", not '" +
               text + "'";
    }
    *out = value;
    return "";
}

std::string parse_rate(const std::string& text, double* out) {
    double value;
    std::string rest;
    if (read_number(text, &value, &rest) && (rest.empty() || rest == "%")) {
        if (rest == "%") value /= 100;
        if (value > 0 && value <= 1) {
            *out = value;
            return "";
        }
    }
    return "must be a fraction in (0, 1] such as 0.05 or 5%, not '" + text + "'";
}

std::string parse_bool(const std::string& text, bool* out) {
    if (text == "true" || text == "yes" || text == "on" || text == "1") *out = true;
    else if (text == "false" || text == "no" || text == "off" || text == "0") *out = false;
    else return "must be true or false, not '" + text + "'";
    return "";
}

}  // namespace config
