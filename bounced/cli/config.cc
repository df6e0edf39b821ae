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
    "  check  name every option that is wrong and why; print 'ok' when there is none.\n"
    "         With --connect, also connect to the database, compare its schema with\n"
    "         this program's migrations, and have the server parse the [database] hook.\n"
    "Exit status: 0 the daemon can start with it; 78 a setting or the hook is wrong;\n"
    "check --connect: 75 the database is unreachable, 3 migrations are pending.",
    {{"quiet", "", "check: print problems only"},
     {"connect", "", "check: connect, compare the schema version, prepare the hook"}}};

void print_problems(const std::string& lines) {
    for (std::size_t start = 0, end; start <= lines.size(); start = end + 1) {  // one problem a line
        end = lines.find('\n', start);
        if (end == std::string::npos) end = lines.size();
        std::cout << "problem: " << lines.substr(start, end - start) << "\n";
    }
}

// check --connect: what only the database can tell. Prints a line per finding and
// returns the exit status: 75 unreachable, 78 the hook is refused, 3 migrations pending.
int check_database(const config::Settings& settings, bool quiet) {
    auto store = open_store("config", settings);
    if (!store) return kExitConfig;
    if (auto s = store->connect(); !s.ok()) {
        std::cout << "problem: option 'database.url': " << s.message << "\n";
        return kExitTempFail;
    }
    std::vector<db::MigrationState> states;
    if (auto s = store->migration_status(&states); !s.ok()) {
        std::cout << "problem: cannot read the schema's migrations: " << s.message << "\n";
        return report_exit_code(s);
    }
    std::size_t applied = 0;
    std::string pending;
    for (const auto& m : states) {
        if (m.applied) ++applied;
        else pending += (pending.empty() ? "" : ", ") + m.name;
    }
    const std::string schema = "schema \"" + settings.store.schema + "\": ";
    if (!quiet || !pending.empty())
        std::cout << (pending.empty() ? "" : "problem: ") << schema << applied << " of " << states.size()
                  << " migrations of this program applied"
                  << (pending.empty() ? "" : "; pending: " + pending + " (run 'bounced db migrate')") << "\n";
    if (auto s = store->check_hook(); !s.ok()) {
        std::cout << "problem: option 'database.hook': " << s.message << "\n";
        return s.code == db::Code::unavailable ? kExitTempFail : kExitConfig;
    }
    if (!quiet && !settings.store.hook_sql.empty()) std::cout << "database.hook: the server accepts the statement\n";
    return pending.empty() ? kExitOk : kExitSchema;
}

}  // namespace

int run_config(const Args& args) {
    if (args.size() >= 2 && (args[1] == "--help" || args[1] == "-h" || args[1] == "--help-all")) {
        std::cout << config::help_all_text(kSpec) << "\n" << kExitCodeHelp;
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
        std::cout << config::help_all_text(kSpec) << "\n" << kExitCodeHelp;
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
    int status = problems.empty() ? kExitOk : kExitConfig;
    // A setting that is wrong (78) is said first; the database can only be asked with a URL.
    if (inv.has("connect") && !inv.settings.store.url.empty()) {
        const int database = check_database(inv.settings, inv.has("quiet"));
        if (status == kExitOk) status = database;
    }
    if (status == kExitOk && !inv.has("quiet")) std::cout << "ok\n";
    return status;
}

}  // namespace bounced::cli
