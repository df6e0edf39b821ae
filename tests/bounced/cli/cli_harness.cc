// The command-line test harness (see cli_harness.h): fork, exec, wait.
#include "tests/bounced/cli/cli_harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace cli_test {
namespace fs = boost::filesystem;

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/bounced-cli-XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
}

TempDir::~TempDir() {
    boost::system::error_code ec;
    fs::remove_all(path_, ec);
}

std::vector<std::string> fixture_env(const db_test::PgFixture& pg) {
    return {"BOUNCED_DATABASE_URL=" + pg.url(), "BOUNCED_DATABASE_SCHEMA=" + pg.schema(), "BOUNCED_CONFIG=/dev/null"};
}

namespace {

int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// fork + exec of the binary with stdin, stdout, stderr redirected to these files.
pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& in,
            const std::string& out, const std::string& err) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid > 0) return pid;
    ::setpgid(0, 0);
    const auto redirect = [](const std::string& path, int fd, int flags) {
        const int f = ::open(path.c_str(), flags, 0600);
        if (f < 0 || ::dup2(f, fd) < 0) ::_exit(127);
        ::close(f);
    };
    redirect(in, 0, O_RDONLY);
    redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
    redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
    for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv{const_cast<char*>(BOUNCED_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(BOUNCED_BINARY, argv.data());
    ::_exit(127);
}

}  // namespace

CliRun run_bounced(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& input) {
    TempDir io;
    write_file(io / "in", input);
    const pid_t pid = spawn(args, env, io / "in", io / "out", io / "err");
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CliRun run;
    run.status = decode_status(status);
    run.out = read_file(io / "out");
    run.err = read_file(io / "err");
    return run;
}

Daemon::Daemon(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& log_path) {
    pid_ = spawn(args, env, "/dev/null", "/dev/null", log_path);
}

Daemon::~Daemon() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

void Daemon::signal(int signo) const {
    if (pid_ > 0) ::kill(pid_, signo);
}

int Daemon::wait(double seconds) {
    if (pid_ <= 0) return -1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    int status = 0;
    while (true) {
        const pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            pid_ = -1;
            return decode_status(status);
        }
        if (std::chrono::steady_clock::now() > deadline) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> names;
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (fs::is_regular_file(it->path())) names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

bool eventually(double seconds, const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

}  // namespace cli_test
