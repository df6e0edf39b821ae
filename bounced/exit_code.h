// Exit statuses of the bounced executable: one meaning per code, the same for every
// command (kExitCodeHelp is the table every --help prints, README.md "Exit status"
// repeats it). They follow sysexits(3) where an MTA reads them: 75 tells Postfix's
// pipe(8) to keep the message and try again later. `bounced ingest` on standard input
// (pipe mode) exits 75 for every failure that is not the message's own fault.
#pragma once

namespace bounced {

constexpr int kExitOk = 0;
constexpr int kExitNo = 1;          // a question answered "no" (check: may not send)
constexpr int kExitFailure = 2;     // some input could not be read; the rest was processed
constexpr int kExitSchema = 3;      // the store's schema is missing or older than this program
constexpr int kExitUsage = 64;      // EX_USAGE: bad command line
constexpr int kExitDataErr = 65;    // EX_DATAERR: bad input data (e.g. CSV rows)
constexpr int kExitNoInput = 66;    // EX_NOINPUT: a named file does not exist
constexpr int kExitSoftware = 70;   // EX_SOFTWARE: a bug
constexpr int kExitTempFail = 75;   // EX_TEMPFAIL: database unreachable, retry later
constexpr int kExitConfig = 78;     // EX_CONFIG: bad configuration (settings, hook, privileges)

constexpr const char* kExitCodeHelp =
    "exit status (every command):\n"
    "   0  done; the answer is yes\n"
    "   1  the answer is no (check: may not send; verp verify: not valid; nothing found)\n"
    "   2  some input could not be read; the rest was processed\n"
    "   3  the store's schema is missing or older than this program: bounced db migrate\n"
    "  64  bad command line\n"
    "  65  bad input data (a row of an import file, an address)\n"
    "  66  a file named on the command line cannot be read\n"
    "  70  a bug in bounced (please report it)\n"
    "  75  the database is unreachable: try again later (ingest on standard input:\n"
    "      every failure that is not the message's own fault)\n"
    "  78  the configuration is wrong: a setting, the [database] hook, the database's grants\n";

}  // namespace bounced
