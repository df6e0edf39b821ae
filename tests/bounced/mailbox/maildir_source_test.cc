// MaildirSource with a message it cannot read: logged once, counted once, retried
// with backoff while the other messages go on. Tests run as root in CI, and root reads
// a 0000 file, so the unreadable message here is a directory (read(2): EISDIR), which
// takes the same path as Postfix's 0600 files read by another user (open(2): EACCES).
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "bounced/mailbox/maildir_source.h"

using namespace bounced::mailbox;

namespace {

struct TempMaildir {
    std::string path;
    TempMaildir() {
        char tmpl[] = "/tmp/maildir_source_test.XXXXXX";
        path = ::mkdtemp(tmpl);
        for (const char* sub : {"/new", "/cur", "/tmp"}) ::mkdir((path + sub).c_str(), 0700);
    }
    ~TempMaildir() { std::system(("rm -rf '" + path + "'").c_str()); }
    void write(const std::string& rel, const std::string& text) const { std::ofstream(path + "/" + rel) << text; }
};

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("maildir: an unreadable message is logged and counted once, retried with backoff, then processed", "[maildir]") {
    TempMaildir maildir;
    ::mkdir((maildir.path + "/new/1000.bad").c_str(), 0700);  // cannot be read, even by root
    maildir.write("new/1001.good", "Subject: fine\r\n\r\nbody\r\n");
    std::ostringstream log;
    auto logger = std::make_shared<spdlog::logger>("maildir_source_test", std::make_shared<spdlog::sinks::ostream_sink_st>(log));
    MaildirSource source(maildir.path, config::DaemonSettings{}, 1 << 20, logger);
    double now = 100;
    source.set_retry_backoff(1, 300, [&] { return now; });

    // The readable message is claimed; the unreadable one logged with its reason, and given back.
    auto claimed = source.claim(10);
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].id == "1001.good");
    source.processed(claimed[0]);
    CHECK(count(log.str(), "cannot read") == 1);
    CHECK(count(log.str(), "1000.bad") == 1);
    CHECK(log.str().find("Is a directory") != std::string::npos);
    CHECK(source.take_unreadable() == 1);
    struct stat st;
    CHECK(::stat((maildir.path + "/new/1000.bad").c_str(), &st) == 0);

    // Within the backoff it is not claimed, even once readable, and nothing is logged.
    ::rmdir((maildir.path + "/new/1000.bad").c_str());
    maildir.write("new/1000.bad", "Subject: now readable\r\n\r\nbody\r\n");
    for (int i = 0; i < 2; ++i) {
        now += 0.4;
        source.rescan();
        CHECK(source.claim(10).empty());
    }
    CHECK(count(log.str(), "cannot read") == 1);
    CHECK(source.take_unreadable() == 0);

    // After the backoff it is claimed and read like any other.
    now += 0.3;
    source.rescan();
    claimed = source.claim(10);
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].id == "1000.bad");
    CHECK(claimed[0].bytes.find("now readable") != std::string::npos);
    source.processed(claimed[0]);
    CHECK(source.take_unreadable() == 0);
    CHECK(::stat((maildir.path + "/.Processed/cur/1000.bad:2,S").c_str(), &st) == 0);
}

TEST_CASE("maildir: each failed retry of an unreadable message doubles the wait, silently", "[maildir]") {
    TempMaildir maildir;
    ::mkdir((maildir.path + "/new/2000.bad").c_str(), 0700);
    std::ostringstream log;
    auto logger = std::make_shared<spdlog::logger>("maildir_source_test", std::make_shared<spdlog::sinks::ostream_sink_st>(log));
    MaildirSource source(maildir.path, config::DaemonSettings{}, 1 << 20, logger);
    double now = 0;
    source.set_retry_backoff(1, 300, [&] { return now; });
    const auto tries_at = [&](double t) {
        now = t;
        source.rescan();
        CHECK(source.claim(10).empty());
    };
    tries_at(0);    // fails: next try at 1, then a wait of 2
    tries_at(1);    // fails: next try at 3
    ::rmdir((maildir.path + "/new/2000.bad").c_str());
    maildir.write("new/2000.bad", "Subject: readable\r\n\r\nbody\r\n");
    tries_at(2.9);  // still waiting
    now = 3;
    source.rescan();
    CHECK(source.claim(10).size() == 1);
    CHECK(count(log.str(), "cannot read") == 1);
    CHECK(source.take_unreadable() == 1);
}
