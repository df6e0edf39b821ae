// Exit statuses of the bounced executable. They follow sysexits(3) where an MTA reads
// them: 75 tells Postfix's pipe(8) to keep the message and try again later.
#pragma once

namespace bounced {

constexpr int kExitOk = 0;
constexpr int kExitNo = 1;          // a question answered "no" (check: may not send)
constexpr int kExitFailure = 2;     // some input could not be processed; the rest was
constexpr int kExitUsage = 64;      // EX_USAGE: bad command line
constexpr int kExitDataErr = 65;    // EX_DATAERR: bad input data (e.g. CSV rows)
constexpr int kExitNoInput = 66;    // EX_NOINPUT: a named file does not exist
constexpr int kExitSoftware = 70;   // EX_SOFTWARE: a bug
constexpr int kExitTempFail = 75;   // EX_TEMPFAIL: database unreachable, retry later
constexpr int kExitConfig = 78;     // EX_CONFIG: bad configuration

}  // namespace bounced
