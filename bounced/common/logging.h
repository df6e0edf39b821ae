// Logging for ingest and the daemon: named spdlog loggers to standard error (which
// journald picks up) or to a file. Everything taken from a bounce is made printable
// (printable.h) before it is logged.
#pragma once

#include <memory>
#include <string>

#include "config/settings.h"

namespace spdlog {
class logger;
}

namespace bounced::common {

// A logger called `name` at settings.log_level, writing to settings.daemon.log_file or,
// when that is empty, to standard error. Throws std::runtime_error (with the path)
// when the file cannot be opened.
std::shared_ptr<spdlog::logger> make_logger(const std::string& name, const config::Settings& settings);

// A logger that drops everything (tests, --quiet).
std::shared_ptr<spdlog::logger> null_logger(const std::string& name);

}  // namespace bounced::common
