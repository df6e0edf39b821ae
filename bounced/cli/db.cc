// bounced db migrate|status: apply the schema migrations (deploy/sql, compiled in),
// or say which are applied.
#include <iostream>

#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"

namespace bounced::cli {
namespace {

const config::CommandSpec kSpec{
    "bounced db migrate|status [OPTIONS]",
    "migrate: create or upgrade the store's schema (safe to run again, and from two\n"
    "  places at once: the second waits, then finds nothing to do).\n"
    "status: list the migrations and whether each is applied; exit 3 if any is pending.",
    {}};

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
    if (inv.operands.size() != 1 || (inv.operands[0] != "migrate" && inv.operands[0] != "status")) {
        return usage_error("db", "expected 'migrate' or 'status'");
    }
    auto store = open_store("db", inv.settings);
    if (!store) return kExitConfig;
    return inv.operands[0] == "migrate" ? migrate(*store) : status(*store);
}

}  // namespace bounced::cli
