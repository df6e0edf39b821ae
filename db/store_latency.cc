// The apply latency histogram (Store::flush_apply_latency, store.h): kept in memory
// batch by batch, added to the table apply_latency (deploy/sql/0014_apply_latency.sql)
// in one statement now and then, so that applying a batch writes nothing more.
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>
#include <vector>

#include "db/store_impl.h"

namespace db {
namespace {

// The buckets' upper bounds in seconds, as the migration writes them.
constexpr double kBounds[kApplyLatencyBuckets] = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, std::numeric_limits<double>::infinity()};

constexpr auto kFlushEvery = std::chrono::seconds(10);

// A PostgreSQL array literal of numbers, "{1,2.5,Infinity}": a parameter, not SQL.
template <typename Number>
std::string array_text(const std::vector<Number>& values) {
    std::string out = "{";
    char buf[40];
    for (const Number v : values) {
        if constexpr (std::is_floating_point_v<Number>) {
            if (std::isinf(v)) std::snprintf(buf, sizeof buf, "Infinity");
            else std::snprintf(buf, sizeof buf, "%.17g", v);
        } else {
            std::snprintf(buf, sizeof buf, "%ld", static_cast<long>(v));
        }
        out += (out.size() > 1 ? "," : "") + std::string(buf);
    }
    return out + "}";
}

}  // namespace

void Store::Impl::note_apply(double seconds, long messages) {
    std::size_t i = 0;
    while (i + 1 < kApplyLatencyBuckets && seconds > kBounds[i]) ++i;  // Prometheus' le: seconds <= bound
    latency[i].batches += 1;
    latency[i].seconds += seconds;
    latency[i].messages += messages;
    latency_pending = true;
}

bool Store::Impl::latency_flush_due() const {
    return latency_pending && std::chrono::steady_clock::now() - latency_flushed >= kFlushEvery;
}

Status Store::flush_apply_latency() {
    if (!impl_->latency_pending) return Status::success();
    std::vector<double> le, seconds;
    std::vector<long> batches, messages;
    for (std::size_t i = 0; i < kApplyLatencyBuckets; ++i) {
        const auto& b = impl_->latency[i];
        if (b.batches == 0) continue;
        le.push_back(kBounds[i]);
        batches.push_back(b.batches);
        seconds.push_back(b.seconds);
        messages.push_back(b.messages);
    }
    // An upsert, so that a bound missing from the table is added, not lost.
    Status s = impl_->conn.exec(
        "INSERT INTO apply_latency AS a (le, batches, seconds, messages)"
        " SELECT * FROM unnest($1::float8[], $2::bigint[], $3::float8[], $4::bigint[])"
        " ON CONFLICT (le) DO UPDATE SET batches = a.batches + excluded.batches,"
        " seconds = a.seconds + excluded.seconds, messages = a.messages + excluded.messages",
        {array_text(le), array_text(batches), array_text(seconds), array_text(messages)});
    impl_->latency_flushed = std::chrono::steady_clock::now();  // a failure waits as long as a success
    if (!s.ok()) return s;
    impl_->latency = {};
    impl_->latency_pending = false;
    return s;
}

}  // namespace db
