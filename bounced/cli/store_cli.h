// What the store's subcommands (db, check, suppressions) share: reading the
// configuration, opening the store, and turning a db::Status into a message and an
// exit status. Used only by db.cc, check.cc and suppressions.cc.
#pragma once

#include <memory>
#include <string>

#include "bounced/cli/commands.h"
#include "config/load.h"
#include "db/store.h"

namespace bounced::cli {

// Parses the command line and configuration into `out`. Returns -1 to go on, or the
// exit status to stop with (after printing help, or a one-line error).
int load_invocation(const Args& args, const config::CommandSpec& spec, config::Invocation* out);

// A store for the configured database, or null after printing why not (no URL).
std::unique_ptr<db::Store> open_store(const std::string& command, const config::Settings& settings);

// Prints "bounced COMMAND: message" and returns the matching exit status:
// unavailable/retry -> 75, invalid -> 65, schema -> 3, permanent -> 78.
int report_failure(const std::string& command, const db::Status& status);

// The exit status report_failure gives for `status`, without printing.
int report_exit_code(const db::Status& status);

// "bounced COMMAND: message" on stderr with EX_USAGE, for bad operands.
int usage_error(const std::string& command, const std::string& message);

}  // namespace bounced::cli
