// Loggers to standard error or a file (see logging.h).
#include "bounced/common/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

namespace bounced::common {

std::shared_ptr<spdlog::logger> make_logger(const std::string& name, const config::Settings& settings) {
    spdlog::sink_ptr sink;
    if (settings.daemon.log_file.empty()) {
        sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    } else {
        try {
            sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.daemon.log_file);
        } catch (const spdlog::spdlog_ex& e) {
            throw std::runtime_error("option 'log.file': " + std::string(e.what()));
        }
    }
    auto logger = std::make_shared<spdlog::logger>(name, sink);
    // journald adds its own time stamp; a file needs one.
    logger->set_pattern(settings.daemon.log_file.empty() ? "%n: %l: %v" : "%Y-%m-%d %H:%M:%S.%e %n: %l: %v");
    logger->set_level(spdlog::level::from_str(settings.log_level));
    logger->flush_on(spdlog::level::trace);
    return logger;
}

std::shared_ptr<spdlog::logger> null_logger(const std::string& name) {
    auto logger = std::make_shared<spdlog::logger>(name, std::make_shared<spdlog::sinks::null_sink_mt>());
    logger->set_level(spdlog::level::off);
    return logger;
}

}  // namespace bounced::common
