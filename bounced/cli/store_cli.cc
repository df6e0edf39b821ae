// Shared plumbing of the store subcommands.
#include "bounced/cli/store_cli.h"

#include <iostream>

#include "bounced/exit_code.h"

namespace bounced::cli {

int load_invocation(const Args& args, const config::CommandSpec& spec, config::Invocation* out) {
    std::string error;
    const std::string name = args.empty() ? "?" : args[0];
    if (!config::load(args, spec, out, &error)) {
        std::cerr << "bounced " << name << ": " << error << "\n";
        return error.rfind("option '", 0) == 0 || error.rfind("cannot read configuration", 0) == 0
                   ? kExitConfig : kExitUsage;
    }
    if (out->help) {
        std::cout << (out->help_all ? config::help_all_text(spec) : config::help_text(spec)) << "\n" << kExitCodeHelp;
        return kExitOk;
    }
    return -1;
}

std::unique_ptr<db::Store> open_store(const std::string& command, const config::Settings& settings) {
    if (settings.store.url.empty()) {
        std::cerr << "bounced " << command << ": no database configured: set [database] url in "
                  << (settings.config_file.empty() ? "/etc/bounced/bounced.conf" : settings.config_file)
                  << ", BOUNCED_DATABASE_URL, or --database.url\n";
        return nullptr;
    }
    return std::make_unique<db::Store>(settings.store);
}

int report_failure(const std::string& command, const db::Status& status) {
    std::cerr << "bounced " << command << ": " << status.message << "\n";
    return report_exit_code(status);
}

int report_exit_code(const db::Status& status) {
    switch (status.code) {
        case db::Code::unavailable:
        case db::Code::retry: return kExitTempFail;
        case db::Code::invalid: return kExitDataErr;
        case db::Code::schema: return kExitSchema;
        default: return kExitConfig;  // permanent: the hook, grants; ok never comes here
    }
}

int usage_error(const std::string& command, const std::string& message) {
    std::cerr << "bounced " << command << ": " << message << "\n(see 'bounced " << command << " --help')\n";
    return kExitUsage;
}

}  // namespace bounced::cli
