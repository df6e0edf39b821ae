// The daemon loop behind `bounced run`: take messages from the sources -> classify ->
// apply them to the store in one transaction per batch -> only then tell each source
// what became of each message (processed, quarantined).
//
//   SIGTERM, SIGINT  finish the batch in hand (commit, acknowledge), exit 0. While the
//                    database is down the batch in hand is given back instead.
//   SIGHUP           read the configuration again (the same command line); a bad new
//                    configuration is logged and the old one kept.
//   database down    the batch stays claimed; reconnect with backoff (1 s doubling to
//                    daemon.backoff_max); one log line when it goes down, one when back.
//
// One thread; signals arrive through a signalfd, so they are handled between steps.
// Under systemd (Type=notify) it says READY=1 once started, WATCHDOG=1 while the loop
// turns, STOPPING=1 on the way out (service_notify.h).
#pragma once

#include <poll.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bounced/mailbox/source.h"
#include "bounced/pipeline/batch.h"
#include "bounced/pipeline/processing.h"
#include "bounced/pipeline/service_notify.h"
#include "bounced/pipeline/stage_times.h"
#include "config/settings.h"

namespace spdlog {
class logger;
}

namespace bounced::pipeline {

// Builds the sources from the settings (throws std::runtime_error naming what is wrong).
using SourceFactory = std::function<std::vector<std::unique_ptr<mailbox::Source>>(const config::Settings&,
                                                                          std::shared_ptr<spdlog::logger>)>;
// Reads the configuration again for SIGHUP: true and `out`, or false and `error`.
using Reloader = std::function<bool(config::Settings* out, std::string* error)>;

class Daemon {
public:
    Daemon(config::Settings settings, SourceFactory make_sources, Reloader reload);
    ~Daemon();

    // Runs until SIGTERM or SIGINT. Returns the exit status: 0, or 78 when the
    // configuration cannot be used at start.
    int run();

private:
    bool start(const config::Settings& settings, std::string* error);
    void reload();
    void wait_for_work(double seconds);
    // poll(2) on `fds` until `until` (now_seconds), waking for the watchdog on the way.
    int wait_until(std::vector<pollfd>* fds, double until);
    // A message taken from a source, not yet acknowledged; claimed_[i] is batch_'s message i.
    struct InHand {
        mailbox::Source* source;
        mailbox::ClaimedMessage claimed;  // its bytes are dropped once classified
    };
    void claim_batch();
    bool commit();
    db::ApplyOutcome apply();
    void acknowledge(const db::ApplyOutcome& outcome);
    void handle_signals();
    void maybe_log_summary(bool force);
    void set_database_up(bool up, const std::string& why);
    // The hook for bounces record_send released, when no batch has run it
    // (db::Store::run_pending_hooks); at each rescan.
    void run_pending_hooks();

    config::Settings settings_;
    SourceFactory make_sources_;
    Reloader reload_;
    std::shared_ptr<spdlog::logger> logger_;
    std::unique_ptr<db::Store> store_;
    std::vector<std::unique_ptr<mailbox::Source>> sources_;
    std::size_t next_source_ = 0;
    int signal_fd_ = -1;
    bool stop_ = false, reload_requested_ = false, database_up_ = true;
    double next_rescan_ = 0, next_summary_ = 0;
    Batch batch_;                  // the batch in hand
    std::vector<InHand> claimed_;  // where each of its messages came from
    Tally tally_;
    StageTimes times_;  // since the last summary
    ServiceNotify notify_;
};

}  // namespace bounced::pipeline
