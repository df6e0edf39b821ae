// Time values at the store's edge: the clock type, and the text forms people and CSV
// files use. All times are UTC.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace db {

using Clock = std::chrono::system_clock;
using Time = Clock::time_point;

// "2024-05-01 12:30:00Z"
std::string format_time(Time t);

// Reads the date forms found in suppression exports and on command lines:
// ISO 8601 ("2024-05-01", "2024-05-01T12:30:00Z", "... 12:30:00.123+02:00"),
// "2024-05-01 12:30:00", RFC 2822 ("Wed, 01 May 2024 12:30:00 +0000" / "GMT"),
// and Unix seconds ("1714566600"). nullopt when it is none of these.
std::optional<Time> parse_time(std::string_view text);

// Seconds since the epoch with microseconds, as SQL reads it: to_timestamp($1::float8).
std::string epoch_text(Time t);
std::optional<Time> time_from_epoch_text(const std::string& text);

}  // namespace db
