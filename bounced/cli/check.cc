// bounced check ADDRESS...: may the newsletter send to these addresses now?
// Exit 0 when every address may be sent to, 1 when any may not; one line each says why.
#include <iostream>

#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"

namespace bounced::cli {
namespace {

const config::CommandSpec kSpec{
    "bounced check [OPTIONS] ADDRESS...",
    "Says for each address whether sending to it is allowed now, and if not why:\n"
    "suppressed (since when, for what), backing off after soft bounces (until when),\n"
    "or its domain throttled after policy bounces (until when).\n"
    "Exit status: 0 all allowed, 1 some not allowed, 75 database unavailable.",
    {{"quiet", "", "print nothing; answer with the exit status only"}}};

std::string explain(const db::SendStatus& s) {
    const auto when = [](const std::optional<db::Time>& t) { return t ? db::format_time(*t) : std::string("?"); };
    if (s.why == "suppressed") {
        return "suppressed since " + when(s.since) + " (" + s.bounce_class +
               (s.reason.empty() ? "" : ": " + s.reason) + ")";
    }
    if (s.why == "backoff") {
        return "backing off until " + when(s.until) + " after soft bounces (last: " + s.reason + ")";
    }
    if (s.why == "throttled") {
        return "domain throttled until " + when(s.until) + " after policy bounces";
    }
    return "may be sent to";
}

}  // namespace

int run_check(const Args& args) {
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    if (inv.operands.empty()) return usage_error("check", "name at least one ADDRESS");
    auto store = open_store("check", inv.settings);
    if (!store) return kExitConfig;
    bool all_allowed = true;
    for (const auto& address : inv.operands) {
        db::SendStatus status;
        if (auto s = store->check(address, &status); !s.ok()) return report_failure("check", s);
        all_allowed = all_allowed && status.allowed;
        if (!inv.has("quiet")) {
            std::cout << (status.allowed ? "ok  " : "no  ") << address << ": " << explain(status) << "\n";
        }
    }
    return all_allowed ? kExitOk : kExitNo;
}

}  // namespace bounced::cli
