// Runs the real `bounced` binary for the command-line tests: once to completion
// (run_bounced) or in the background (Daemon), with the test's schema in its
// environment, and temporary directories that remove themselves.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/db/pg_fixture.h"

namespace cli_test {

struct CliRun {
    int status = -1;  // exit status; 128+N when killed by signal N
    std::string out, err;
};

// A directory under $TMPDIR (or /tmp), removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return path_; }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

// Environment entries are "NAME=value", or "NAME" to remove NAME (glibc putenv).
// The environment the binary sees: BOUNCED_DATABASE_URL and _SCHEMA of the fixture.
std::vector<std::string> fixture_env(const db_test::PgFixture& pg);

// Runs bounced ARGS with `input` on standard input; waits for it.
CliRun run_bounced(const std::vector<std::string>& args, const std::vector<std::string>& env,
                   const std::string& input = "");

// A bounced process in the background (bounced run ...): its standard error goes to a file.
class Daemon {
public:
    Daemon(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& log_path);
    ~Daemon();  // SIGKILL if still running
    void signal(int signo) const;
    // Waits up to `seconds` for the exit; -1 when still running, else as CliRun::status.
    int wait(double seconds);
    bool running() const { return pid_ > 0; }

private:
    pid_t pid_ = -1;
};

void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);
// Names of the regular files directly in `dir`, sorted ([] when it does not exist).
std::vector<std::string> files_in(const std::string& dir);
// Polls `condition` every 50 ms for up to `seconds`.
bool eventually(double seconds, const std::function<bool()>& condition);

}  // namespace cli_test
