// The inside of db::Store, shared by the store_*.cc files. Internal to db/.
#pragma once

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <functional>

#include "db/connection.h"
#include "db/store.h"

namespace db {

// The apply latency histogram's buckets (db/store_latency.cc, 0014_apply_latency.sql).
constexpr std::size_t kApplyLatencyBuckets = 14;

struct Store::Impl {
    explicit Impl(Options o);

    Time now() const { return options.clock ? options.clock() : Clock::now(); }

    // Runs `body` between BEGIN and COMMIT; rolls back on error. A deadlock, a
    // serialization failure or a lost connection runs the whole transaction again,
    // up to options.retries times. Without `explicit_transaction` the body must be a
    // single statement, which PostgreSQL runs as its own transaction: one round trip
    // instead of three.
    Status transaction(const std::function<Status()>& body, bool explicit_transaction = true);

    // The operator's integration hook ($1 address, $2 class, $3 reason), if any.
    Status run_hook(const std::string& address, const std::string& bounce_class,
                    const std::string& reason);

    // Takes the hook calls record_send left (deploy/sql/0009_release_hook.sql), at
    // most kPendingHooksPerCall, and runs the hook for each: call it inside the
    // transaction that must commit them (without a hook they are just dropped).
    Status run_pending_hooks();
    static constexpr int kPendingHooksPerCall = 1000;

    // The apply latencies measured here and not yet added to apply_latency
    // (db/store_latency.cc): a batch's time in seconds and its message count.
    void note_apply(double seconds, long messages);
    bool latency_flush_due() const;
    struct LatencyBucket {
        long batches = 0;
        double seconds = 0;
        long messages = 0;
    };
    std::array<LatencyBucket, kApplyLatencyBuckets> latency{};
    bool latency_pending = false;
    std::chrono::steady_clock::time_point latency_flushed = std::chrono::steady_clock::now();

    template <typename... Args>
    void info(const char* format, const Args&... args) {
        if (options.logger) options.logger->info(fmt::runtime(format), args...);
    }

    Options options;
    Connection conn;
};

// Reads a timestamp column selected as extract(epoch from ...).
std::optional<Time> time_at(const Result& r, int row, int col);

// A bounce event's columns, in the order bounce_event_at reads them from column
// `first` on (db/bounce_event_row.cc).
extern const char* const kBounceEventColumns;
BounceEvent bounce_event_at(const Result& r, int row, int first);

}  // namespace db
