// The subcommands of `bounced`. Each takes the arguments after its own name
// (args[0] is the subcommand name) and returns an exit status from exit_code.h.
//
// Errors (the cli -> main edge): every failure a person can act on is one line on
// standard error and an exit status; an exception that escapes is a bug, which
// main.cc reports as EX_SOFTWARE (70).
#pragma once

#include <string>
#include <vector>

namespace bounced::cli {

using Args = std::vector<std::string>;

int run_classify(const Args& args);
int run_db(const Args& args);            // db.cc
int run_check(const Args& args);         // check.cc
int run_suppressions(const Args& args);  // suppressions.cc
int run_ingest(const Args& args);        // ingest.cc
int run_daemon(const Args& args);        // run.cc
int run_config(const Args& args);        // config.cc
int run_verp(const Args& args);          // verp.cc
int run_report(const Args& args);        // report.cc
int run_held(const Args& args);          // held.cc
int run_serve(const Args& args);         // serve.cc

}  // namespace bounced::cli
