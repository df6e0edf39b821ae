// `bounced run` under systemd's Type=notify: the real binary sends its sd_notify
// datagrams to a socket this test opens, as systemd would (NOTIFY_SOCKET).
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>

#include "tests/bounced/cli/cli_harness.h"

namespace {

// An AF_UNIX datagram socket bound at `path`: systemd's end of NOTIFY_SOCKET.
class NotifySocket {
public:
    explicit NotifySocket(const std::string& path) : path_(path) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(path.size() < sizeof addr.sun_path);
        std::memcpy(addr.sun_path, path.c_str(), path.size());
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    }
    ~NotifySocket() { ::close(fd_); }

    // The datagrams received until one contains `wanted` (true) or `seconds` pass (false).
    bool receive_until(const std::string& wanted, double seconds) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < end) {
            pollfd fd{fd_, POLLIN, 0};
            if (::poll(&fd, 1, 100) <= 0) continue;
            char buf[4096];
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) continue;
            messages.emplace_back(buf, static_cast<std::size_t>(n));
            if (messages.back().find(wanted) != std::string::npos) return true;
        }
        return false;
    }
    // How many received datagrams contain `text`.
    int count(const std::string& text) const {
        int n = 0;
        for (const auto& m : messages) n += m.find(text) != std::string::npos;
        return n;
    }
    std::string all() const {
        std::string out;
        for (const auto& m : messages) out += "[" + m + "] ";
        return out;
    }

    std::vector<std::string> messages;

private:
    std::string path_;
    int fd_ = -1;
};

void make_maildir(const std::string& path) {
    ::mkdir(path.c_str(), 0700);
    for (const char* sub : {"/new", "/cur", "/tmp"}) ::mkdir((path + sub).c_str(), 0700);
}

std::vector<std::string> run_args(const std::string& maildir) {
    return {"run", "--source.maildir=" + maildir, "--daemon.rescan_interval=1h", "--daemon.backoff_max=1s"};
}

}  // namespace

TEST_CASE("run: under systemd says READY=1 once connected, WATCHDOG=1 while idle, STOPPING=1 on SIGTERM",
          "[pg][cli][daemon][notify]") {
    db_test::PgFixture pg;
    if (!pg.ready()) return;
    cli_test::TempDir dir;
    make_maildir(dir / "Maildir");
    NotifySocket systemd(dir / "notify");
    auto env = cli_test::fixture_env(pg);
    env.push_back("NOTIFY_SOCKET=" + (dir / "notify"));
    env.push_back("WATCHDOG_USEC=400000");  // pinged every 0.2 s
    cli_test::Daemon daemon(run_args(dir / "Maildir"), env, dir / "log");

    REQUIRE(systemd.receive_until("READY=1", 20));
    INFO(systemd.all() << "\nlog:\n" << cli_test::read_file(dir / "log"));
    CHECK(systemd.messages.back().find("STATUS=draining maildir") != std::string::npos);
    // Idle, waiting on inotify with the rescan an hour away: the watchdog still hears from it.
    CHECK(systemd.receive_until("WATCHDOG=1", 5));
    CHECK(systemd.receive_until("WATCHDOG=1", 5));
    CHECK(systemd.count("STOPPING=1") == 0);
    daemon.signal(SIGTERM);
    CHECK(systemd.receive_until("STOPPING=1", 10));
    CHECK(daemon.wait(10) == 0);
    CHECK(systemd.count("READY=1") == 1);
}

TEST_CASE("run: with the database down, READY=1 still comes and STATUS says the database is unavailable",
          "[cli][daemon][notify]") {
    cli_test::TempDir dir;
    make_maildir(dir / "Maildir");
    NotifySocket systemd(dir / "notify");
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const std::vector<std::string> env{"BOUNCED_DATABASE_URL=postgresql://bounced@127.0.0.1:1/bounced",
                                       "BOUNCED_CONFIG=/dev/null", "NOTIFY_SOCKET=" + (dir / "notify"),
                                       "WATCHDOG_USEC"};
    cli_test::Daemon daemon(run_args(dir / "Maildir"), env, dir / "log");
    REQUIRE(systemd.receive_until("READY=1", 20));
    INFO(systemd.all() << "\nlog:\n" << cli_test::read_file(dir / "log"));
    CHECK(systemd.all().find("STATUS=started; database unavailable, retrying") != std::string::npos);
    CHECK(systemd.count("WATCHDOG=1") == 0);  // no WATCHDOG_USEC: no pings
    daemon.signal(SIGTERM);
    CHECK(systemd.receive_until("STOPPING=1", 10));
    CHECK(daemon.wait(10) == 0);
}
