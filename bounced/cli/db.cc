// bounced db migrate|status|prune: apply the schema migrations (deploy/sql, compiled
// in), say which are applied, or delete old bounce events (retention.events).
#include <chrono>
#include <cstdio>
#include <iostream>

#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"

namespace bounced::cli {
namespace {

const config::CommandSpec kSpec{
    "bounced db migrate|status|prune [OPTIONS]",
    "migrate: create or upgrade the store's schema (safe to run again, and from two\n"
    "  places at once: the second waits, then finds nothing to do).\n"
    "status: list the migrations and whether each is applied; exit 3 if any is pending.\n"
    "prune: delete the bounce events older than retention.events (default 400d), a\n"
    "  batch of ids per transaction, keeping every event of an address suppressed now\n"
    "  and the open held queue. Safe while the daemon runs; daily from cron.",
    {{"batch", "N", "prune: event ids per transaction (default 10000)"}}};

// The soft-bounce count and the rate cap's baseline read events this far back.
double shortest_retention(const db::Policy& p) { return std::max({p.soft_window, p.baseline_window, p.send_window}); }

int prune(db::Store& store, const config::Invocation& inv) {
    const double retention = inv.settings.store.events_retention;
    const auto& policy = inv.settings.store.policy;
    if (retention < shortest_retention(policy)) {
        std::cerr << "bounced db prune: retention.events (" << retention / 86400 << "d) is shorter than the "
                  << shortest_retention(policy) / 86400 << "d that suppression.soft_window, trust.rate_baseline "
                  << "and trust.send_window read back\n";
        return kExitConfig;
    }
    long batch = 10000;
    if (inv.has("batch")) {
        batch = inv.whole_number("batch").value_or(0);
        if (batch < 1 || batch > 1000000) return usage_error("db", "--batch must be a number from 1 to 1000000");
    }
    const auto before = db::Clock::now() - std::chrono::duration_cast<db::Clock::duration>(std::chrono::duration<double>(retention));
    db::PruneOutcome out;
    if (auto s = store.prune_events(before, batch, &out); !s.ok()) return report_failure("db prune", s);
    char line[256];
    std::snprintf(line, sizeof line,
                  "deleted %ld events older than %.0f days in %ld batches (%.1f s, longest batch %.3f s); "
                  "kept %ld older events: evidence of current suppressions, open held queue\n",
                  out.deleted, retention / 86400, out.batches, out.seconds, out.longest_batch_seconds, out.kept);
    std::cout << line;
    return kExitOk;
}

int migrate(db::Store& store) {
    std::vector<std::string> applied;
    if (auto s = store.migrate(&applied); !s.ok()) return report_failure("db migrate", s);
    if (applied.empty()) std::cout << "schema is up to date\n";
    for (const auto& name : applied) std::cout << "applied " << name << "\n";
    return kExitOk;
}

int status(db::Store& store) {
    std::vector<db::MigrationState> states;
    if (auto s = store.migration_status(&states); !s.ok()) return report_failure("db status", s);
    int pending = 0;
    for (const auto& m : states) {
        if (!m.applied) ++pending;
        std::cout << (m.applied ? "applied  " : "pending  ") << m.name;
        if (m.applied) std::cout << "  " << m.applied_at;
        if (m.changed) std::cout << "  (file changed since it was applied)";
        std::cout << "\n";
    }
    if (pending) std::cout << pending << " pending: run 'bounced db migrate'\n";
    return pending ? kExitSchema : kExitOk;
}

}  // namespace

int run_db(const Args& args) {
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    const std::string action = inv.operands.size() == 1 ? inv.operands[0] : "";
    if (action != "migrate" && action != "status" && action != "prune") {
        return usage_error("db", "expected 'migrate', 'status' or 'prune'");
    }
    auto store = open_store("db", inv.settings);
    if (!store) return kExitConfig;
    if (action == "prune") return prune(*store, inv);
    return action == "migrate" ? migrate(*store) : status(*store);
}

}  // namespace bounced::cli
