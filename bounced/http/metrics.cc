// /metrics (see metrics.h).
#include "bounced/http/metrics.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "bounced/http/api.h"

namespace bounced::http {
namespace {

// A label value: backslash, double quote and newline escaped (the exposition format).
std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

void family(std::ostream& out, const char* name, const char* type, const char* help) {
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
}

bool is_loopback(const std::string& address) {
    return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// The daemon's apply latency as a Prometheus histogram: the store keeps each bucket's
// own count; the exposition's buckets are cumulative, the last one +Inf.
void apply_histogram(std::ostream& out, const std::vector<db::StoreCounts::ApplyBucket>& buckets) {
    if (buckets.empty()) return;
    family(out, "bounced_apply_seconds", "histogram",
           "How long applying a batch of bounces took (bounced run, ingest, webhooks), from the call to the commit; "
           "each process writes its figures every 10 s of applying, at the daemon's rescans and at exit.");
    long batches = 0, messages = 0;
    double seconds = 0;
    for (const auto& b : buckets) {
        batches += b.batches;
        messages += b.messages;
        seconds += b.seconds;
        out << "bounced_apply_seconds_bucket{le=\"";
        if (std::isinf(b.le)) out << "+Inf";
        else out << b.le;
        out << "\"} " << batches << "\n";
    }
    char sum[32];  // microseconds still count in a sum of days
    std::snprintf(sum, sizeof sum, "%.12g", seconds);
    out << "bounced_apply_seconds_sum " << sum << "\nbounced_apply_seconds_count " << batches << "\n";
    family(out, "bounced_applied_messages_total", "counter", "Messages in the batches bounced_apply_seconds counts.");
    out << "bounced_applied_messages_total " << messages << "\n";
}

}  // namespace

long messages_waiting(const std::vector<std::string>& maildirs) {
    if (maildirs.empty()) return -1;
    long n = 0;
    std::error_code ec;
    for (const auto& dir : maildirs)
        for (const char* sub : {"new", "cur"})
            for (auto it = std::filesystem::directory_iterator(std::filesystem::path(dir) / sub, ec);
                 !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
                ++n;
    return n;
}

void add_metrics_route(httplib::Server& server, Context& ctx) {
    server.Get("/metrics", [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!ctx.metrics_from_anywhere() && !is_loopback(req.remote_addr))
            return json_error(res, 403, "/metrics answers loopback only (bounced serve --metrics-from-anywhere)");
        const auto started = std::chrono::steady_clock::now();
        db::StoreCounts counts;
        {
            auto store = ctx.stores().borrow();
            if (auto s = store->counts(&counts); !s.ok()) return store_error(res, s);
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::ostringstream out;
        family(out, "bounced_bounces_total", "counter", "Recipient results applied to the store, by class and reason.");
        for (const auto& [key, n] : counts.events_by_class_reason) {
            const auto slash = key.find('/');
            out << "bounced_bounces_total{class=\"" << label(key.substr(0, slash)) << "\",reason=\""
                << label(key.substr(slash + 1)) << "\"} " << n << "\n";
        }
        family(out, "bounced_suppressions", "gauge", "Addresses suppressed now, by class.");
        for (const auto& [cls, n] : counts.suppressed_by_class)
            out << "bounced_suppressions{class=\"" << label(cls) << "\"} " << n << "\n";
        family(out, "bounced_held_bounces", "gauge", "Bounces held in the queue, not yet released or discarded.");
        out << "bounced_held_bounces " << counts.held_open << "\n";
        family(out, "bounced_throttled_domains", "gauge", "Receiving domains throttled now.");
        out << "bounced_throttled_domains " << counts.throttled_domains << "\n";
        family(out, "bounced_store_query_seconds", "gauge",
               "How long this scrape's store queries took (the store's latency as seen from here).");
        out << "bounced_store_query_seconds " << seconds << "\n";
        apply_histogram(out, counts.apply_latency);
        const long waiting = messages_waiting(ctx.settings()->daemon.maildirs);
        if (waiting >= 0) {
            family(out, "bounced_messages_waiting", "gauge", "Messages in the configured Maildirs not yet processed.");
            out << "bounced_messages_waiting " << waiting << "\n";
        }
        family(out, "bounced_http_requests_total", "counter", "Requests this server answered.");
        out << "bounced_http_requests_total " << ctx.requests.load() << "\n";
        family(out, "bounced_http_unauthorized_total", "counter", "API requests refused for a missing or wrong token.");
        out << "bounced_http_unauthorized_total " << ctx.unauthorized.load() << "\n";
        res.set_content(out.str(), "text/plain; version=0.0.4");
    });
}

}  // namespace bounced::http
