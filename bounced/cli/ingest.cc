// `bounced ingest`: classify messages and apply them to the store, then exit.
//
//   bounced ingest                  one message on standard input (Postfix pipe(8),
//                                   an alias "|bounced ingest"): exit 0 once it is
//                                   committed, 75 (EX_TEMPFAIL) when the database is
//                                   unreachable, so the MTA keeps it and retries.
//   bounced ingest PATH...          message files, Maildirs, directories, mbox files:
//   bounced ingest --mbox FILE      read-only, batched, resumable (idempotent by
//                                   fingerprint: running it twice applies nothing twice).
//
// A message the classifier refuses (too large, unparsable) is still applied, so the
// store records its fingerprint and outcome, and its bytes are kept in
// daemon.quarantine_dir when that is set. Files named on the command line are never
// changed, so they stay where they are in any case.
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <limits>

#include "bounced/cli/store_cli.h"
#include "bounced/common/logging.h"
#include "bounced/common/printable.h"
#include "bounced/exit_code.h"
#include "bounced/mailbox/message_reader.h"
#include "bounced/mailbox/pipe_message.h"
#include "bounced/mailbox/quarantine_dir.h"
#include "bounced/pipeline/batch.h"
#include "bounced/pipeline/message_line.h"
#include "bounced/pipeline/processing.h"

namespace bounced::cli {

using common::make_logger;
using common::printable;
using mailbox::InputMessage;
using mailbox::PipeMessage;
using mailbox::QuarantineDir;
using mailbox::read_messages;
using mailbox::read_pipe_message;
using pipeline::Batch;
using pipeline::Disposition;
using pipeline::message_line;
using pipeline::prepare_message;
using pipeline::ProcessedMessage;
using pipeline::Tally;

namespace {

const config::CommandSpec kSpec{
    "bounced ingest [OPTIONS] [PATH...]\n       bounced ingest --mbox FILE\n       bounced ingest < MESSAGE",
    "Classify bounce messages and apply them to the store: suppressions, backoffs,\n"
    "throttles. Without PATH, one message is read from standard input, for Postfix\n"
    "pipe(8) or an alias \"|bounced ingest\". PATH is a message file, a Maildir (read\n"
    "only), a directory of message files or an mbox file. Messages go to the database\n"
    "daemon.batch_size at a time; a message applied before is counted as a duplicate.\n"
    "Exit status: 0 done, 2 some path could not be read (the rest were applied),\n"
    "3 schema not migrated, 75 database unavailable (run again: nothing is applied\n"
    "twice), 78 configuration (a setting, the hook, the database's grants).\n"
    "Without PATH (pipe mode) every failure that is not the message's fault exits 75,\n"
    "so the MTA keeps the message; one that cannot be read or stored is set aside\n"
    "in daemon.quarantine_dir and the exit is 0.",
    {{"mbox", "FILE", "an mbox file to import (read-only)"},
     {"progress", "N", "a progress line on standard error every N messages (default 1000, 0 none)"},
     {"quiet", "", "no progress or summary lines"}}};

// Thrown out of read_messages' callback to stop reading when the database is down.
struct StoreUnavailable {};

class Ingest {
public:
    Ingest(db::Store& store, const config::Settings& settings, std::shared_ptr<spdlog::logger> logger,
           int progress_every, bool pipe_mode)
        : store_(store), settings_(settings), logger_(std::move(logger)), progress_every_(progress_every),
          pipe_mode_(pipe_mode), started_(std::chrono::steady_clock::now()) {}

    // Classifies one message and queues it; applies the batch when full. False when
    // the message cannot be kept safely or the database is unavailable (see failure()).
    bool add(const std::string& bytes, const std::string& source, bool truncated);
    // Applies what is queued. False when the database refused (see failure()).
    bool flush();

    const db::Status& failure() const { return failure_; }
    // Why the store refused the messages it could not store, by fingerprint (each
    // was split off its batch and the rest applied: pipeline/split_apply.h).
    const std::vector<std::pair<std::string, std::string>>& refused() const { return refused_; }
    const classify::Limits& limits() const { return settings_.limits; }
    Tally& tally() { return tally_; }
    void print_progress(const char* what) const;

private:
    bool keep_refused(const ProcessedMessage& message, const std::string& bytes, bool truncated);

    db::Store& store_;
    const config::Settings& settings_;
    std::shared_ptr<spdlog::logger> logger_;
    int progress_every_;
    bool pipe_mode_;
    std::chrono::steady_clock::time_point started_;
    Batch batch_;
    std::size_t batch_bytes_ = 0;
    std::vector<std::pair<std::string, std::string>> refused_;
    db::Status failure_;
    Tally tally_;
};

bool Ingest::keep_refused(const ProcessedMessage& message, const std::string& bytes, bool truncated) {
    const auto& in = message.incoming;
    const std::string why = std::string(classify::to_string(in.report.outcome)) + ": " + in.report.error +
                            (truncated ? " (only the first bytes were kept)" : "");
    if (settings_.daemon.quarantine_dir.empty()) {
        logger_->warn("{}", message_line(in.source, in.fingerprint, in.report,
                                         pipe_mode_ ? "recorded, not kept: set daemon.quarantine_dir to keep such messages"
                                                    : "recorded, left in place"));
        return true;
    }
    const QuarantineDir quarantine(settings_.daemon.quarantine_dir);
    if (const std::string error = quarantine.keep(bytes, in.fingerprint, why); !error.empty()) {
        logger_->error("source=\"{}\" fp={} cannot quarantine: {}", printable(in.source), in.fingerprint.substr(0, 16),
                       printable(error));
        failure_ = db::Status::error(db::Code::unavailable, "cannot quarantine: " + error);
        return false;
    }
    logger_->warn("{}", message_line(in.source, in.fingerprint, in.report, "quarantined=" + quarantine.path_of(in.fingerprint)));
    return true;
}

bool Ingest::add(const std::string& bytes, const std::string& source, bool truncated) {
    ProcessedMessage message = prepare_message(bytes, source, settings_, logger_.get());
    if (message.quarantine && !keep_refused(message, bytes, truncated)) return false;
    tally_.read(message.incoming, message.quarantine);
    batch_.add(std::move(message));
    batch_bytes_ += bytes.size();  // the raw bytes ride along until the commit
    const bool full = batch_.size() >= static_cast<std::size_t>(settings_.daemon.batch_size) ||
                      batch_bytes_ >= settings_.daemon.batch_bytes;
    if (full && !flush()) return false;
    if (progress_every_ > 0 && tally_.messages() % static_cast<std::size_t>(progress_every_) == 0) print_progress("progress");
    return true;
}

bool Ingest::flush() {
    if (batch_.empty()) return true;
    const db::ApplyOutcome outcome = batch_.apply(store_);
    batch_bytes_ = 0;
    if (!outcome.status.ok()) {
        failure_ = outcome.status;
        return false;
    }
    tally_.applied(outcome, batch_.size());
    const auto level = pipe_mode_ ? spdlog::level::info : spdlog::level::debug;
    for (std::size_t i = 0; i < batch_.size(); ++i) {
        const Disposition disposition = batch_.disposition(i);
        if (disposition == Disposition::refused) continue;  // logged when it was kept aside (keep_refused)
        const auto& m = batch_.message(i);
        if (disposition == Disposition::unstorable) {  // set aside after the run (keep_unstorable)
            logger_->warn("{}", message_line(m.source, m.fingerprint, m.report,
                                             "not stored: " + printable(batch_.why_unstorable(i), 300) +
                                                 (pipe_mode_ ? "" : "; left in place")));
            refused_.emplace_back(m.fingerprint, batch_.why_unstorable(i));
            continue;
        }
        logger_->log(level, "{}", message_line(m.source, m.fingerprint, m.report, to_string(disposition)));
    }
    batch_.clear();
    return true;
}

void Ingest::print_progress(const char* what) const {
    if (progress_every_ < 0) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f s, %.0f messages/s", seconds, seconds > 0 ? tally_.messages() / seconds : 0.0);
    std::cerr << "bounced ingest: " << what << ": " << tally_.messages_text() << " (" << rate << ")\n";
}

// Paths: as every command (store_cli.h: schema 3, grants or hook 78, down 75), so
// that 2 keeps its one meaning, a path that could not be read. Pipe mode: nothing that
// is not the message's own fault may lose it, and pipe(8) takes every code but 75 for
// "bounce it": the database, the schema, a directory it may not write all say 75.
int exit_for(const db::Status& failure, bool pipe_mode) {
    const int code = report_failure("ingest", failure);
    return pipe_mode ? kExitTempFail : code;
}

// Sets a message the store could not take aside, in daemon.quarantine_dir (pipe
// mode: it is the only copy), with the store's reason. False when it cannot be kept.
bool keep_unstorable(const Ingest& ingest, const config::Settings& settings, const std::string& bytes) {
    if (ingest.refused().empty() || settings.daemon.quarantine_dir.empty()) return true;
    const QuarantineDir quarantine(settings.daemon.quarantine_dir);
    const auto& [fingerprint, reason] = ingest.refused().front();
    if (const std::string error = quarantine.keep(bytes, fingerprint, "not stored: " + reason); !error.empty()) {
        std::cerr << "bounced ingest: cannot quarantine: " << printable(error) << "\n";
        return false;
    }
    return true;
}

int ingest_stdin(Ingest& ingest, const config::Settings& settings) {
    // At most one byte past the limit is read: enough to know the message is too
    // large (it is refused and quarantined, truncated), and an endless input ends.
    PipeMessage message = read_pipe_message(std::cin, ingest.limits().max_message_bytes + 1);
    if (!ingest.add(message.bytes, "stdin", message.truncated) || !ingest.flush()) return exit_for(ingest.failure(), true);
    if (!keep_unstorable(ingest, settings, message.bytes)) return kExitTempFail;
    return kExitOk;
}

int ingest_paths(Ingest& ingest, const std::vector<std::string>& paths) {
    const std::size_t max_bytes = ingest.limits().max_message_bytes;
    auto on_message = [&](InputMessage&& m) {
        if (!ingest.add(m.bytes, m.source, m.truncated)) throw StoreUnavailable{};
    };
    auto on_error = [&](const std::string& path, const std::string& why) {
        ingest.tally().read_failure();
        std::cerr << "bounced ingest: " << path << ": " << why << "\n";
    };
    try {
        for (const auto& path : paths) read_messages(path, max_bytes, on_message, on_error);
        if (!ingest.flush()) throw StoreUnavailable{};
    } catch (const StoreUnavailable&) {
        ingest.print_progress("stopped");
        return exit_for(ingest.failure(), false);
    }
    ingest.print_progress("done");
    return ingest.tally().read_failures() > 0 ? kExitFailure : kExitOk;
}

}  // namespace

int run_ingest(const Args& args) {
    config::Invocation inv;
    // A bad setting must not bounce the message pipe(8) is handing over: it stays in
    // the MTA's queue (75) until the configuration is fixed. The operands are not
    // known when the configuration cannot be read, so any non-terminal input counts.
    const bool maybe_pipe = !::isatty(STDIN_FILENO);
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code != kExitOk && maybe_pipe ? kExitTempFail : code;
    std::vector<std::string> paths = inv.operands;
    if (inv.has("mbox")) paths.push_back(inv.get("mbox"));
    long progress = 1000;
    if (inv.has("progress")) {
        progress = inv.whole_number("progress").value_or(-1);
        if (progress < 0 || progress > std::numeric_limits<int>::max())
            return usage_error("ingest", "--progress must be a whole number, not '" + inv.get("progress") + "'");
    }
    if (inv.has("quiet") || paths.empty()) progress = paths.empty() ? 0 : -1;
    std::shared_ptr<spdlog::logger> logger;
    try {
        logger = make_logger("ingest", inv.settings);
    } catch (const std::runtime_error& e) {
        std::cerr << "bounced ingest: " << e.what() << "\n";
        return paths.empty() ? kExitTempFail : kExitConfig;
    }
    // The store logs its decisions (held bounces, throttles) through the same sink.
    config::Settings store_settings = inv.settings;
    store_settings.store.logger = logger->clone("db");
    auto store = open_store("ingest", store_settings);
    if (!store) return paths.empty() ? kExitTempFail : kExitConfig;
    Ingest ingest(*store, inv.settings, logger, static_cast<int>(progress), paths.empty());
    if (paths.empty()) return ingest_stdin(ingest, inv.settings);
    const int status = ingest_paths(ingest, paths);
    if (progress >= 0 && status != kExitTempFail) std::cerr << "bounced ingest: " << ingest.tally().recipients_text() << "\n";
    return status;
}

}  // namespace bounced::cli
