// Readers for setting values. Each returns "" on success or why the text is wrong.
#pragma once

#include <cstddef>
#include <string>

namespace config {

// "90" (seconds), "90s", "15m", "6h", "30d", "1w" -> seconds, > 0.
std::string parse_duration(const std::string& text, double* seconds);
// A whole number >= minimum.
std::string parse_count(const std::string& text, int minimum, int* out);
// A byte count: "65536", "64KiB", "10MiB", "1GiB" (also k, M, G: powers of 1024),
// between minimum and maximum.
std::string parse_size(const std::string& text, std::size_t minimum, std::size_t maximum, std::size_t* out);
// A whole number between minimum and maximum.
std::string parse_count_in(const std::string& text, long minimum, long maximum, long* out);
// "0.05" or "5%" -> a fraction in (0, 1].
std::string parse_rate(const std::string& text, double* out);
// true/false, yes/no, on/off, 1/0.
std::string parse_bool(const std::string& text, bool* out);

// The other way, in the form the parsers above read back (config show, --help defaults):
// 86400 -> "1d", 5400 -> "90m", 1.5 -> "1.5s"; the largest of d, h, m, s that is whole.
std::string format_duration(double seconds);
// 10485760 -> "10MiB", 2048 -> "2KiB", 1000 -> "1000".
std::string format_size(std::size_t bytes);
// 0.05 -> "5%".
std::string format_rate(double fraction);

}  // namespace config
