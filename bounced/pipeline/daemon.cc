// The daemon loop (see daemon.h).
#include "bounced/pipeline/daemon.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "bounced/pipeline/split_apply.h"

#include "bounced/common/logging.h"
#include "bounced/common/printable.h"
#include "bounced/exit_code.h"
#include "bounced/pipeline/message_line.h"

namespace bounced::pipeline {
namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int to_millis(double seconds) { return static_cast<int>(std::clamp(std::ceil(seconds * 1000), 0.0, 3600000.0)); }

}  // namespace

Daemon::Daemon(config::Settings settings, SourceFactory make_sources, Reloader reload)
    : settings_(std::move(settings)), make_sources_(std::move(make_sources)), reload_(std::move(reload)) {}

Daemon::~Daemon() {
    if (signal_fd_ >= 0) ::close(signal_fd_);
}

bool Daemon::start(const config::Settings& settings, std::string* error) {
    try {
        auto logger = common::make_logger("bounced", settings);
        config::Settings next = settings;
        next.store.logger = logger->clone("db");
        auto sources = make_sources_(next, logger);
        if (sources.empty()) throw std::runtime_error("no source configured: set source.maildir or source.imap");
        auto store = std::make_unique<db::Store>(next.store);
        settings_ = std::move(next);
        logger_ = std::move(logger);
        sources_ = std::move(sources);
        store_ = std::move(store);
        next_source_ = 0;
        return true;
    } catch (const std::exception& e) {
        *error = e.what();
        return false;
    }
}

int Daemon::run() {
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, s);
    ::sigprocmask(SIG_BLOCK, &signals, nullptr);
    signal_fd_ = ::signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
    std::string error;
    if (signal_fd_ < 0 || !start(settings_, &error)) {
        if (logger_) logger_->critical("cannot start: {}", error);
        else spdlog::default_logger()->critical("bounced run: cannot start: {}", error);
        notify_.status("cannot start: " + common::printable(error, 300));
        return kExitConfig;
    }
    std::string names;
    for (const auto& s : sources_) names += (names.empty() ? "" : ", ") + s->name();
    logger_->info("started: {}; batch {}; database {}", names, settings_.daemon.batch_size, settings_.store.url.empty() ? "?" : "configured");
    // Connected before READY=1, so `systemctl start` returns with the database reached.
    // A database that is down does not hold the start back: the daemon is meant to wait
    // for it (messages stay where they are), and STATUS says so.
    const db::Status connected = store_->connect();
    set_database_up(connected.ok(), connected.message);
    notify_.ready(database_up_ ? "draining " + names : "started; database unavailable, retrying");
    next_summary_ = now_seconds() + settings_.daemon.summary_interval;
    while (!stop_) {
        handle_signals();
        if (stop_) break;
        notify_.keepalive(now_seconds());
        if (reload_requested_) reload();
        if (now_seconds() >= next_rescan_) {
            for (auto& s : sources_) s->rescan();
            run_pending_hooks();
            next_rescan_ = now_seconds() + settings_.daemon.rescan_interval;
        }
        maybe_log_summary(false);
        claim_batch();
        if (batch_.empty()) {
            wait_for_work(std::min(next_rescan_, next_summary_) - now_seconds());
            continue;
        }
        if (!commit()) break;
    }
    maybe_log_summary(true);
    notify_.stopping("stopped");
    logger_->info("stopped");
    return kExitOk;
}

void Daemon::claim_batch() {
    batch_.clear();
    claimed_.clear();
    const auto limit = static_cast<std::size_t>(settings_.daemon.batch_size);
    // Bounded by bytes as well (daemon.batch_bytes): each message is held, raw, until
    // it is classified. Claims start at one message and double while under the bound,
    // so a run of 10 MB bounces is claimed one or two at a time.
    std::size_t bytes = 0, largest = 1, chunk = 1;
    for (std::size_t tried = 0; tried < sources_.size() && batch_.size() < limit && bytes < settings_.daemon.batch_bytes;) {
        mailbox::Source* source = sources_[next_source_].get();
        std::vector<mailbox::ClaimedMessage> claimed;
        const std::size_t want = std::min({limit - batch_.size(), chunk, (settings_.daemon.batch_bytes - bytes) / largest + 1});
        try {
            StageTimes::Timer timer(times_, Stage::read);
            claimed = source->claim(want);
            for (std::size_t n = source->take_unreadable(); n > 0; --n) tally_.read_failure();
        } catch (const std::exception& e) {
            logger_->error("{}: {}", source->name(), common::printable(e.what()));
        }
        chunk *= 2;
        if (claimed.size() < want) {  // this source has no more now: the next one
            next_source_ = (next_source_ + 1) % sources_.size();
            ++tried;
            chunk = 1;
        }
        for (auto& c : claimed) {
            bytes += c.bytes.size();
            largest = std::max(largest, c.bytes.size());
            StageTimes::Timer timer(times_, Stage::classify);
            batch_.add(prepare_message(c.bytes, c.source, settings_, logger_.get()));
            c.bytes.clear();
            c.bytes.shrink_to_fit();
            claimed_.push_back({source, std::move(c)});
        }
    }
}

bool Daemon::commit() {
    double backoff = 1;
    while (true) {
        const db::ApplyOutcome outcome = apply();
        if (outcome.status.ok()) {
            set_database_up(true, "");
            acknowledge(outcome);
            return true;
        }
        set_database_up(false, outcome.status.message);
        const double until = now_seconds() + backoff;
        while (!stop_ && now_seconds() < until) {
            std::vector<pollfd> fds{{signal_fd_, POLLIN, 0}};
            wait_until(&fds, until);
            handle_signals();
        }
        if (stop_) {
            for (const auto& m : claimed_) m.source->release(m.claimed);
            logger_->info("stopping while the database is down: {} message(s) given back", claimed_.size());
            return false;
        }
        backoff = std::min(backoff * 2, settings_.daemon.backoff_max);
    }
}

db::ApplyOutcome Daemon::apply() {
    StageTimes::Timer timer(times_, Stage::database);
    return batch_.apply(*store_);
}

void Daemon::acknowledge(const db::ApplyOutcome& outcome) {
    StageTimes::Timer timer(times_, Stage::acknowledge);
    for (std::size_t i = 0; i < batch_.size(); ++i) {
        const auto& in = batch_.message(i);
        const InHand& m = claimed_[i];
        const Disposition disposition = batch_.disposition(i);
        switch (disposition) {
            case Disposition::refused: {
                const std::string why = std::string(classify::to_string(in.report.outcome)) + ": " + in.report.error;
                m.source->quarantined(m.claimed, in.fingerprint, "fp=" + in.fingerprint + " " + why);
                logger_->warn("{}", message_line(in.source, in.fingerprint, in.report, "quarantined"));
                break;
            }
            case Disposition::unstorable: {  // the rest of the batch was applied without it
                const std::string why = "not stored: " + batch_.why_unstorable(i);
                m.source->quarantined(m.claimed, in.fingerprint, "fp=" + in.fingerprint + " " + why);
                logger_->warn("{}", message_line(in.source, in.fingerprint, in.report, "quarantined (" + why + ")"));
                break;
            }
            case Disposition::applied:
            case Disposition::duplicate:
            case Disposition::committed:
            case Disposition::pending:  // not after a successful apply()
                m.source->processed(m.claimed);
                logger_->info("{}", message_line(in.source, in.fingerprint, in.report, to_string(disposition)));
                break;
        }
        tally_.read(in, disposition == Disposition::refused || disposition == Disposition::unstorable);
    }
    tally_.applied(outcome, batch_.size());
    batch_.clear();
    claimed_.clear();
}

void Daemon::set_database_up(bool up, const std::string& why) {
    if (up == database_up_) return;
    database_up_ = up;
    notify_.status(up ? "database available again; resuming" : "database unavailable, retrying: " + common::printable(why, 200));
    if (up) logger_->info("database available again; resuming");
    else logger_->error("database unavailable, messages stay where they are, retrying with backoff up to {}s: {}",
                        settings_.daemon.backoff_max, common::printable(why, 300));
}

void Daemon::run_pending_hooks() {
    store_->flush_apply_latency();  // what the last batches took, for /metrics; kept if it fails
    const db::Status s = store_->run_pending_hooks();
    // A database that is down is commit()'s to report, when there is mail to store.
    if (!s.ok() && s.code != db::Code::unavailable) logger_->warn("pending hooks not run, retried at the next batch or rescan: {}", common::printable(s.message, 300));
}

void Daemon::wait_for_work(double seconds) {
    std::vector<pollfd> fds{{signal_fd_, POLLIN, 0}};
    for (const auto& s : sources_) fds.push_back({s->watch_fd(), POLLIN, 0});  // -1 is ignored by poll
    if (wait_until(&fds, now_seconds() + seconds) <= 0) return;
    for (std::size_t i = 1; i < fds.size(); ++i)
        if (fds[i].revents & POLLIN) sources_[i - 1]->on_watch_event();
}

int Daemon::wait_until(std::vector<pollfd>* fds, double until) {
    while (true) {
        notify_.keepalive(now_seconds());
        const double wake = std::min(until, notify_.keepalive_due());
        const int n = ::poll(fds->data(), fds->size(), to_millis(wake - now_seconds()));
        if (n != 0 || now_seconds() >= until) return n;
    }
}

void Daemon::handle_signals() {
    signalfd_siginfo info;
    while (::read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        if (info.ssi_signo == SIGHUP) {
            reload_requested_ = true;
        } else if (!stop_) {
            stop_ = true;
            notify_.stopping("stopping: finishing the batch in hand");
            logger_->info("{}: finishing the batch in hand, then stopping", info.ssi_signo == SIGTERM ? "SIGTERM" : "SIGINT");
        }
    }
}

void Daemon::reload() {
    reload_requested_ = false;
    config::Settings next;
    std::string error;
    if (!reload_(&next, &error) || !start(next, &error)) {
        logger_->error("SIGHUP: configuration not reloaded, keeping the running one: {}", common::printable(error, 400));
        return;
    }
    logger_->info("SIGHUP: configuration reloaded from {}", next.config_file.empty() ? "(no file)" : next.config_file);
    notify_.status("configuration reloaded");
    next_rescan_ = 0;
}

void Daemon::maybe_log_summary(bool force) {
    if (!force && now_seconds() < next_summary_) return;
    next_summary_ = now_seconds() + settings_.daemon.summary_interval;
    logger_->info("summary: {}; {}; database {}; {}", tally_.messages_text(), tally_.recipients_text(),
                  database_up_ ? "up" : "down", times_.text());
    notify_.status("since the last summary: " + tally_.messages_text() + "; database " + (database_up_ ? "up" : "down"));
    tally_.reset();
    times_.reset();
}

}  // namespace bounced::pipeline
