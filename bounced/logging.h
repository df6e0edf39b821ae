// Logging for ingest and the daemon: named spdlog loggers to standard error (which
// journald picks up) or to a file, and the one line per message that says what was
// done with it. Everything taken from a bounce is made printable before it is logged:
// a bounce is untrusted text and must not forge log lines or terminal escapes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "classify/result.h"
#include "config/settings.h"

namespace spdlog {
class logger;
}

namespace bounced {

// A logger called `name` at settings.log_level, writing to settings.daemon.log_file or,
// when that is empty, to standard error. Throws std::runtime_error (with the path)
// when the file cannot be opened.
std::shared_ptr<spdlog::logger> make_logger(const std::string& name, const config::Settings& settings);

// A logger that drops everything (tests, --quiet).
std::shared_ptr<spdlog::logger> null_logger(const std::string& name);

// Control characters, DEL and invalid UTF-8 become \xNN; quotes and backslashes are
// escaped; the result is cut to max_bytes with "..." appended.
std::string printable(std::string_view text, std::size_t max_bytes = 200);

// "source=... fp=0123abcd4567 outcome=bounce rcpt=a@x class=hard reason=userunknown
// status=5.1.1; rcpt=..." : the decision line for one message. `disposition` is what
// happened to it (applied, duplicate, quarantined: why).
std::string message_line(const std::string& source, const std::string& fingerprint,
                         const classify::Report& report, const std::string& disposition);

}  // namespace bounced
