// What the daemon tells systemd (Type=notify) through sd_notify(3): READY=1 once it has
// connected and its sources watch, STATUS= lines, WATCHDOG=1 while the loop turns,
// STOPPING=1 on the way out. Without NOTIFY_SOCKET (not started by systemd) every call
// does nothing.
#pragma once

#include <cstdint>
#include <string>

namespace bounced::pipeline {

class ServiceNotify {
public:
    ServiceNotify();  // reads WATCHDOG_USEC (sd_watchdog_enabled)

    void ready(const std::string& status);
    void status(const std::string& status);
    void stopping(const std::string& status);
    // WATCHDOG=1, at most once per half watchdog interval; call it from every wait.
    void keepalive(double now_seconds);
    // When keepalive() is next due, as now_seconds counts; far away without a watchdog.
    double keepalive_due() const;

private:
    double interval_ = 0;  // half of WatchdogSec; 0 when the watchdog is off
    double next_ = 0;
};

}  // namespace bounced::pipeline
