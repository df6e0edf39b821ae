// Loggers and the per-message decision line (see logging.h).
#include "bounced/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

namespace bounced {

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

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    std::size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((byte(i + k) & 0xc0) != 0x80) return 0;
    return n;
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (out.size() >= max_bytes) return out + "...";
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\\' || c == '"') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else if (std::size_t n = c >= 0x80 ? utf8_length(text, i) : 0; n > 0) {
            out.append(text.substr(i, n));
            i += n - 1;
        } else {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    return out;
}

std::string message_line(const std::string& source, const std::string& fingerprint,
                         const classify::Report& report, const std::string& disposition) {
    std::string line = "source=\"" + printable(source) + "\" fp=" + fingerprint.substr(0, 16) +
                       " outcome=" + classify::to_string(report.outcome) + " " + disposition;
    if (!report.error.empty()) line += " error=\"" + printable(report.error) + "\"";
    for (const auto& r : report.recipients) {
        line += "; rcpt=\"" + printable(r.recipient, 120) + "\" class=" + std::string(classify::to_string(r.bounce_class)) +
                " reason=" + std::string(classify::to_string(r.reason));
        if (!r.status.empty()) line += " status=" + printable(r.status, 16);
        if (!r.rule.empty()) line += " rule=" + printable(r.rule, 60);
    }
    return line;
}

}  // namespace bounced
