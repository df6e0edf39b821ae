// Retention of the event log (issue 17): bounce_events grows by one row per recipient
// result and was never purged. Store::prune_events deletes old events in small
// transactions, walking the primary key in id ranges: each batch is an index range
// scan, so the whole prune reads the old part of the table once, and each transaction
// holds row locks on at most `batch_size` rows (no table lock beyond ROW EXCLUSIVE,
// which conflicts with nothing the daemon or the readers take).
//
// Kept whatever their age: every event of an address that is suppressed now (what
// `suppressions show` gives as the evidence of the suppression), and the open held
// queue (0008_trust_queue.sql), which waits for a person. No index is added: the
// bounds come from the BRIN index on occurred_at (0006_report.sql), each batch uses
// the primary keys of bounce_events and subscribers.
#include <chrono>

#include "db/store_impl.h"
#include "db/time.h"

namespace db {
namespace {

constexpr const char* kBounds =
    "SELECT min(id), max(id), count(*) FROM bounce_events WHERE occurred_at < to_timestamp($1::float8)";

constexpr const char* kDeleteBatch =
    "WITH gone AS ("
    " DELETE FROM bounce_events e"
    " WHERE e.id >= $1::bigint AND e.id < $2::bigint AND e.occurred_at < to_timestamp($3::float8)"
    "   AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.address = e.address AND s.status = 'suppressed')"
    "   AND NOT (NOT e.trusted AND e.held <> '' AND e.resolution = '')"
    " RETURNING 1)"
    " SELECT count(*) FROM gone";

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Status Store::prune_events(Time before, long batch_size, PruneOutcome* out) {
    *out = PruneOutcome{};
    if (batch_size < 1) return Status::error(Code::invalid, "prune: the batch size must be at least 1");
    const auto start = std::chrono::steady_clock::now();
    const std::string cutoff = epoch_text(before);
    Result bounds;
    if (auto s = impl_->conn.exec(kBounds, {cutoff}, &bounds); !s.ok()) return s;
    const long old = std::stol(text_at(bounds, 0, 2));
    if (old > 0) {
        const long first = std::stol(text_at(bounds, 0, 0)), last = std::stol(text_at(bounds, 0, 1));
        for (long lo = first; lo <= last; lo += batch_size) {
            const auto batch_start = std::chrono::steady_clock::now();
            Result r;
            // One statement: its own transaction, committed before the next batch.
            if (auto s = impl_->conn.exec(kDeleteBatch, {std::to_string(lo), std::to_string(lo + batch_size), cutoff}, &r);
                !s.ok())
                return s;
            out->deleted += std::stol(text_at(r, 0, 0));
            ++out->batches;
            out->longest_batch_seconds = std::max(out->longest_batch_seconds, seconds_since(batch_start));
        }
    }
    out->kept = old - out->deleted;
    out->seconds = seconds_since(start);
    impl_->info("pruned {} events older than {} in {} batches ({:.1f} s, longest {:.3f} s); kept {} as evidence",
                out->deleted, cutoff, out->batches, out->seconds, out->longest_batch_seconds, out->kept);
    return Status::success();
}

}  // namespace db
