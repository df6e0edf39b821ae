// bounced: the executable. The first word is a subcommand; everything after it is
// that subcommand's business. Exceptions that escape a subcommand are bugs: they are
// reported in one line and give EX_SOFTWARE rather than a core dump.
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "bounced/cli/commands.h"
#include "bounced/exit_code.h"

namespace {

struct Command {
    const char* name;
    int (*run)(const bounced::cli::Args&);
    const char* summary;
};

const Command kCommands[] = {
    {"classify", bounced::cli::run_classify,
     "parse bounce messages and print what happened to each recipient"},
    {"db", bounced::cli::run_db, "create or upgrade the store's schema (migrate), or show it (status)"},
    {"check", bounced::cli::run_check, "may mail be sent to these addresses now? exit 0 yes, 1 no, and why"},
    {"suppressions", bounced::cli::run_suppressions,
     "list, show, add, remove, export and import suppressed addresses"},
    {"held", bounced::cli::run_held, "the bounces not believed: list, show, release (apply) or discard them"},
    {"ingest", bounced::cli::run_ingest, "classify messages (stdin, files, Maildirs, mbox) and apply them to the store"},
    {"run", bounced::cli::run_daemon, "the daemon: drain Maildirs and mailboxes into the store until stopped"},
    {"serve", bounced::cli::run_serve, "the suppression list over HTTP: JSON API, /healthz, /metrics and a web page"},
    {"report", bounced::cli::run_report, "what bounced over a period, with remedies: text, html, csv or json; mailed for cron"},
    {"config", bounced::cli::run_config, "check: print the effective configuration and name every problem"},
    {"verp", bounced::cli::run_verp, "signed VERP: the return path to send from (encode), or check one (verify)"},
};

void print_usage(std::ostream& out) {
    out << "usage: bounced COMMAND [OPTIONS] [ARGS...]\n\n"
           "bounced reads the mail that comes back to a newsletter's return address\n"
           "(delivery status notifications, MTA bounce texts, spam complaints,\n"
           "auto-replies), classifies every recipient, and keeps subscriber status.\n\n"
           "commands:\n";
    for (const auto& c : kCommands) out << "  " << c.name << std::string(14 - std::strlen(c.name), ' ') << c.summary << "\n";
    out << "\n'bounced COMMAND --help' explains each command.\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
        print_usage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? bounced::kExitUsage : bounced::kExitOk;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        std::cout << "bounced " BOUNCED_VERSION "\n";
        return bounced::kExitOk;
    }
    for (const auto& c : kCommands) {
        if (std::strcmp(argv[1], c.name) != 0) continue;
        try {
            return c.run(bounced::cli::Args(argv + 1, argv + argc));
        } catch (const std::exception& e) {
            std::cerr << "bounced " << c.name << ": internal error: " << e.what() << "\n";
            return bounced::kExitSoftware;
        }
    }
    std::cerr << "bounced: unknown command '" << argv[1] << "'\n\n";
    print_usage(std::cerr);
    return bounced::kExitUsage;
}
