// sd_notify for the daemon (see service_notify.h).
#include "bounced/pipeline/service_notify.h"

#include <systemd/sd-daemon.h>

#include <limits>

namespace bounced::pipeline {
namespace {

// Status text goes into one datagram line: no newline may split it.
std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    return text;
}

void notify(const std::string& state) { ::sd_notify(0, state.c_str()); }

}  // namespace

ServiceNotify::ServiceNotify() {
    std::uint64_t usec = 0;
    // Pinged twice per interval, as sd_watchdog_enabled(3) advises, so one slow step
    // does not get the daemon killed.
    if (::sd_watchdog_enabled(0, &usec) > 0 && usec > 0) interval_ = static_cast<double>(usec) / 2e6;
}

void ServiceNotify::ready(const std::string& status) { notify("READY=1\nSTATUS=" + one_line(status)); }

void ServiceNotify::status(const std::string& status) { notify("STATUS=" + one_line(status)); }

void ServiceNotify::stopping(const std::string& status) { notify("STOPPING=1\nSTATUS=" + one_line(status)); }

void ServiceNotify::keepalive(double now_seconds) {
    if (interval_ <= 0 || now_seconds < next_) return;
    notify("WATCHDOG=1");
    next_ = now_seconds + interval_;
}

double ServiceNotify::keepalive_due() const {
    return interval_ > 0 ? next_ : std::numeric_limits<double>::infinity();
}

}  // namespace bounced::pipeline
