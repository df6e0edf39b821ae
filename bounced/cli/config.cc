// `bounced config show|check`: show prints the effective settings as the daemon would
// read them (secrets hidden); check names every problem. `bounced config --help` lists
// every setting (config::settings_help, made from the settings table).
#include <iostream>

#include "bounced/cli/daemon_config.h"
#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"
#include "config/setting.h"

namespace bounced::cli {
namespace {

const config::CommandSpec kSpec{
    "bounced config show|check [--config FILE] [OPTIONS]",
    "Read the configuration as 'bounced run' would: the file (--config FILE, else\n"
    "$BOUNCED_CONFIG, else /etc/bounced/bounced.conf), the BOUNCED_* environment, the\n"
    "command line.\n"
    "  show   print every setting's effective value, one 'section.key = value' a line;\n"
    "         passwords and secrets are shown as ***\n"
    "  check  name every option that is wrong and why; print 'ok' when there is none\n"
    "Exit status: 0 the daemon can start with it, 78 it cannot.",
    {{"quiet", "", "check: print problems only"}}};

void print_problems(const std::string& lines) {
    for (std::size_t start = 0, end; start <= lines.size(); start = end + 1) {  // one problem a line
        end = lines.find('\n', start);
        if (end == std::string::npos) end = lines.size();
        std::cout << "problem: " << lines.substr(start, end - start) << "\n";
    }
}

}  // namespace

int run_config(const Args& args) {
    if (args.size() >= 2 && (args[1] == "--help" || args[1] == "-h" || args[1] == "--help-all")) {
        std::cout << config::help_all_text(kSpec);
        return kExitOk;
    }
    if (args.size() < 2 || (args[1] != "check" && args[1] != "show"))
        return usage_error("config", "expected 'show' or 'check'");
    const std::string action = args[1];
    const Args rest(args.begin() + 1, args.end());
    config::Invocation inv;
    std::string error;
    if (!config::load(rest, kSpec, &inv, &error)) {
        print_problems(error);
        return kExitConfig;
    }
    if (inv.help) {
        std::cout << config::help_all_text(kSpec);
        return kExitOk;
    }
    if (!inv.operands.empty()) return usage_error("config", action + " takes no operands");
    if (action == "show") {
        std::cout << "# config file: " << (inv.settings.config_file.empty() ? "(none)" : inv.settings.config_file) << "\n";
        for (const auto& line : config::describe(inv.settings)) std::cout << line << "\n";
        return kExitOk;
    }
    const auto problems = daemon_problems(inv.settings);
    for (const auto& p : problems) std::cout << "problem: " << p << "\n";
    if (problems.empty() && !inv.has("quiet")) std::cout << "ok\n";
    return problems.empty() ? kExitOk : kExitConfig;
}

}  // namespace bounced::cli
