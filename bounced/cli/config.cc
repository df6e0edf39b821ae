// `bounced config check`: read the configuration as `bounced run` would, print the
// effective settings, and name every problem. Exit 0 usable, 78 not.
#include <iostream>

#include "bounced/cli/daemon_config.h"
#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"

namespace bounced::cli {
namespace {

const config::CommandSpec kSpec{
    "bounced config check [--config FILE] [OPTIONS]",
    "Read the configuration (file, BOUNCED_* environment, command line), print the\n"
    "effective settings, and name every option that is wrong and why.\n"
    "Exit status: 0 the daemon can start with it, 78 it cannot.",
    {{"quiet", "", "print problems only"}}};

}  // namespace

int run_config(const Args& args) {
    if (args.size() < 2 || (args[1] != "check" && args[1] != "--help" && args[1] != "-h"))
        return usage_error("config", "the only subcommand is 'check'");
    const Args rest(args.begin() + (args[1] == "check" ? 1 : 0), args.end());
    config::Invocation inv;
    std::string error;
    if (!config::load(rest, kSpec, &inv, &error)) {
        for (std::size_t start = 0, end; start <= error.size(); start = end + 1) {  // one problem a line
            end = error.find('\n', start);
            if (end == std::string::npos) end = error.size();
            std::cout << "problem: " << error.substr(start, end - start) << "\n";
        }
        return kExitConfig;
    }
    if (inv.help) {
        std::cout << config::help_text(kSpec);
        return kExitOk;
    }
    if (!inv.has("quiet"))
        for (const auto& line : describe_settings(inv.settings)) std::cout << line << "\n";
    const auto problems = daemon_problems(inv.settings);
    for (const auto& p : problems) std::cout << "problem: " << p << "\n";
    if (problems.empty() && !inv.has("quiet")) std::cout << "ok\n";
    return problems.empty() ? kExitOk : kExitConfig;
}

}  // namespace bounced::cli
