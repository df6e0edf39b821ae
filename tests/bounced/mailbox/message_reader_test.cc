#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bounced/mailbox/message_reader.h"

namespace {

std::string write_temp(const std::string& bytes) {
    char name[] = "/tmp/bounced-reader-XXXXXX";
    int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(name, std::ios::binary) << bytes;
    return name;
}

std::vector<bounced::mailbox::InputMessage> read_all(const std::string& path) {
    std::vector<bounced::mailbox::InputMessage> out;
    bounced::mailbox::read_messages(path, 1 << 20, [&](bounced::mailbox::InputMessage&& m) { out.push_back(std::move(m)); },
                           [](const std::string&, const std::string&) { FAIL("read error"); });
    return out;
}

}  // namespace

TEST_CASE("message_reader: an mbox is split at From lines and numbered", "[bounced]") {
    auto path = write_temp("From a@example.org Mon Nov 16 09:00:00 2026\nSubject: one\n\nbody\n>From quoted\n\n"
                           "From b@example.org Mon Nov 16 09:01:00 2026\nSubject: two\n\nbody\n");
    auto messages = read_all(path);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].source == path + "#1");
    CHECK(messages[0].bytes.find("Subject: one") != std::string::npos);
    CHECK(messages[0].bytes.find("\nFrom quoted") != std::string::npos);
    CHECK(messages[1].bytes.find("Subject: two") != std::string::npos);
    std::remove(path.c_str());
}

TEST_CASE("message_reader: bare-CR line endings read like LF, mbox or not", "[bounced]") {
    auto mbox = write_temp("From a@example.org Mon Nov 16 09:00:00 2026\rSubject: one\r\rbody\r");
    auto messages = read_all(mbox);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].bytes == "Subject: one\n\nbody\n");
    auto single = write_temp("Subject: two\r\rbody\r");
    messages = read_all(single);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].bytes.find("Subject: two\n") == 0);
    std::remove(mbox.c_str());
    std::remove(single.c_str());
}

// The edge cases below use a small limit so that "too large" costs a few bytes.
namespace {

constexpr std::size_t kSmallLimit = 100;

struct ReadResult {
    std::vector<bounced::mailbox::InputMessage> messages;
    std::vector<std::string> errors;
    bool ok = false;
};

ReadResult read_with_limit(const std::string& path, std::size_t max_bytes) {
    ReadResult result;
    result.ok = bounced::mailbox::read_messages(
        path, max_bytes, [&](bounced::mailbox::InputMessage&& m) { result.messages.push_back(std::move(m)); },
        [&](const std::string& where, const std::string&) { result.errors.push_back(where); });
    return result;
}

std::vector<std::string> sources_of(const std::vector<bounced::mailbox::InputMessage>& messages) {
    std::vector<std::string> sources;
    for (const auto& m : messages) sources.push_back(m.source);
    return sources;
}

// A fresh directory under /tmp, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        char name[] = "/tmp/bounced-reader-dir-XXXXXX";
        REQUIRE(mkdtemp(name) != nullptr);
        path_ = name;
    }
    ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
    const std::string& path() const { return path_; }
    std::string write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path_ + "/" + name, std::ios::binary) << bytes;
        return path_ + "/" + name;
    }
    void mkdir(const std::string& name) const { REQUIRE(::mkdir((path_ + "/" + name).c_str(), 0700) == 0); }
    void symlink(const std::string& target, const std::string& name) const {
        REQUIRE(::symlink(target.c_str(), (path_ + "/" + name).c_str()) == 0);
    }

private:
    std::string path_;
};

// Runs read_messages("-") with `bytes` as standard input (a pipe, as from a shell).
ReadResult read_stdin(const std::string& bytes, std::size_t max_bytes) {
    const std::string path = write_temp(bytes);
    std::FILE* in = std::freopen(path.c_str(), "rb", stdin);
    REQUIRE(in != nullptr);
    std::cin.clear();
    ReadResult result = read_with_limit("-", max_bytes);
    std::freopen("/dev/null", "rb", stdin);
    std::cin.clear();
    std::remove(path.c_str());
    return result;
}

std::string lines_of(std::size_t bytes) {
    std::string text;
    while (text.size() < bytes) text += std::string(std::min<std::size_t>(39, bytes - text.size() - 1), 'x') + "\n";
    return text;
}

}  // namespace

TEST_CASE("message_reader: a file over the limit keeps limit + 1 bytes and says it was cut", "[bounced]") {
    const std::string text = "Subject: big\n\n" + lines_of(10 * kSmallLimit);
    auto path = write_temp(text);
    auto result = read_with_limit(path, kSmallLimit);
    CHECK(result.ok);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].source == path);
    CHECK(result.messages[0].bytes == text.substr(0, kSmallLimit + 1));
    CHECK(result.messages[0].truncated);
    std::remove(path.c_str());
}

TEST_CASE("message_reader: a file of exactly the limit is whole and not cut", "[bounced]") {
    const std::string text = lines_of(kSmallLimit);
    REQUIRE(text.size() == kSmallLimit);
    auto path = write_temp(text);
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].bytes == text);
    CHECK_FALSE(result.messages[0].truncated);
    std::remove(path.c_str());
}

TEST_CASE("message_reader: a file one byte over the limit is kept whole (too large, nothing dropped)", "[bounced]") {
    const std::string text = lines_of(kSmallLimit + 1);
    auto path = write_temp(text);
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].bytes == text);
    CHECK(result.messages[0].bytes.size() > kSmallLimit);  // the classifier refuses it as too large
    CHECK_FALSE(result.messages[0].truncated);
    std::remove(path.c_str());
}

TEST_CASE("message_reader: an empty file is one empty message", "[bounced]") {
    auto path = write_temp("");
    auto result = read_with_limit(path, kSmallLimit);
    CHECK(result.ok);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].source == path);
    CHECK(result.messages[0].bytes.empty());
    CHECK_FALSE(result.messages[0].truncated);
    std::remove(path.c_str());
}

TEST_CASE("message_reader: a one-line file without its newline gets one", "[bounced]") {
    auto path = write_temp("Subject: only");
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].bytes == "Subject: only\n");
    std::remove(path.c_str());
}

TEST_CASE("message_reader: a message cut at the end of the file keeps its last line as it is", "[bounced]") {
    auto path = write_temp("Subject: cut\n\nlast line");
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].bytes == "Subject: cut\n\nlast line");
    std::remove(path.c_str());
}

TEST_CASE("message_reader: a bare-CR file over the limit is cut at the limit", "[bounced]") {
    std::string text = "Subject: mac\r\r";
    while (text.size() < 10 * kSmallLimit) text += "xxxxxxxxxxxxxxxxxxx\r";
    auto path = write_temp(text);
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 1);
    std::string lf = text;
    for (auto& c : lf)
        if (c == '\r') c = '\n';
    CHECK(result.messages[0].bytes == lf.substr(0, kSmallLimit + 1));
    CHECK(result.messages[0].truncated);
    std::remove(path.c_str());
}

TEST_CASE("message_reader: a bare-CR mbox larger than four limits keeps every message", "[bounced]") {
    std::string text;
    for (int i = 1; i <= 2000; ++i)  // past the 64 KiB read at the start, too
        text += "From a@example.org Mon Nov 16 09:00:00 2026\rSubject: m" + std::to_string(i) + "\r\rbody\r\r";
    REQUIRE(text.size() > 4 * kSmallLimit + 64 * 1024);
    auto path = write_temp(text);
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 2000);
    CHECK(result.messages[1999].source == path + "#2000");
    CHECK(result.messages[1999].bytes == "Subject: m2000\n\nbody\n\n");
    std::remove(path.c_str());
}

TEST_CASE("message_reader: a directory reads its regular files in name order, not hidden ones", "[bounced]") {
    TempDir dir;
    dir.write("b.eml", "Subject: b\n");
    dir.write("a.eml", "Subject: a\n");
    dir.write("B.eml", "Subject: B\n");
    dir.write(".hidden.eml", "Subject: hidden\n");
    dir.mkdir("sub");
    dir.write("sub/c.eml", "Subject: in a subdirectory\n");
    auto result = read_with_limit(dir.path(), kSmallLimit);
    CHECK(result.ok);
    const std::string d = dir.path() + "/";
    CHECK(sources_of(result.messages) == std::vector<std::string>{d + "B.eml", d + "a.eml", d + "b.eml"});
}

TEST_CASE("message_reader: a symlink to a file is read, to a directory or nowhere is not", "[bounced]") {
    TempDir dir, elsewhere;
    const std::string target = elsewhere.write("target.eml", "Subject: linked\n");
    dir.write("a.eml", "Subject: a\n");
    dir.symlink(target, "link.eml");
    dir.symlink(elsewhere.path(), "linkdir");
    dir.symlink(elsewhere.path() + "/missing.eml", "dangling.eml");
    auto result = read_with_limit(dir.path(), kSmallLimit);
    const std::string d = dir.path() + "/";
    CHECK(sources_of(result.messages) == std::vector<std::string>{d + "a.eml", d + "link.eml"});
    REQUIRE(result.messages.size() == 2);
    CHECK(result.messages[1].bytes == "Subject: linked\n");
}

TEST_CASE("message_reader: a Maildir reads new before cur, each sorted, and never tmp", "[bounced]") {
    TempDir dir;
    for (const char* sub : {"new", "cur", "tmp", ".Sent", ".Sent/new", ".Sent/cur"}) dir.mkdir(sub);
    dir.write("cur/1.host:2,S", "Subject: cur 1\n");
    dir.write("cur/0.host:2,", "Subject: cur 0\n");
    dir.write("new/9.host", "Subject: new 9\n");
    dir.write("new/2.host", "Subject: new 2\n");
    dir.write("tmp/3.host", "Subject: still being delivered\n");
    dir.write(".Sent/new/4.host", "Subject: a subfolder\n");
    auto result = read_with_limit(dir.path(), kSmallLimit);
    CHECK(result.ok);
    const std::string d = dir.path() + "/";
    CHECK(sources_of(result.messages) ==
          std::vector<std::string>{d + "new/2.host", d + "new/9.host", d + "cur/0.host:2,", d + "cur/1.host:2,S"});
}

TEST_CASE("message_reader: a missing path is an error, and nothing is read", "[bounced]") {
    auto result = read_with_limit("/tmp/bounced-reader-no-such-path", kSmallLimit);
    CHECK_FALSE(result.ok);
    CHECK(result.errors == std::vector<std::string>{"/tmp/bounced-reader-no-such-path"});
    CHECK(result.messages.empty());
}

namespace {
const std::string kMboxrd =
    "From a@example.org Mon Nov 16 09:00:00 2026\n"
    "Subject: one\n\n>From the start\n>>From quoted twice\n> From not quoted\n\n"
    "From b@example.org Mon Nov 16 09:01:00 2026\n"
    "Subject: two\n\nbody\nFrom inside a paragraph is no separator\nlast line without newline";
}  // namespace

TEST_CASE("message_reader: an mboxrd file is split, unquoted and numbered", "[bounced]") {
    auto path = write_temp(kMboxrd);
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 2);
    CHECK(result.messages[0].source == path + "#1");
    CHECK(result.messages[0].bytes == "Subject: one\n\nFrom the start\n>From quoted twice\n> From not quoted\n\n");
    CHECK(result.messages[1].source == path + "#2");
    CHECK(result.messages[1].bytes ==
          "Subject: two\n\nbody\nFrom inside a paragraph is no separator\nlast line without newline\n");
    std::remove(path.c_str());
}

TEST_CASE("message_reader: an mbox on standard input reads as the same mbox in a file", "[bounced]") {
    auto result = read_stdin(kMboxrd, kSmallLimit);
    REQUIRE(result.messages.size() == 2);
    CHECK(result.messages[0].source == "-#1");
    CHECK(result.messages[0].bytes == "Subject: one\n\nFrom the start\n>From quoted twice\n> From not quoted\n\n");
    CHECK(result.messages[1].bytes ==
          "Subject: two\n\nbody\nFrom inside a paragraph is no separator\nlast line without newline\n");
}

TEST_CASE("message_reader: one message on standard input, over the limit, is cut", "[bounced]") {
    const std::string text = "Subject: stdin\n\n" + lines_of(10 * kSmallLimit);
    auto result = read_stdin(text, kSmallLimit);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].source == "-");
    CHECK(result.messages[0].bytes == text.substr(0, kSmallLimit + 1));
    CHECK(result.messages[0].truncated);
}

TEST_CASE("message_reader: a CRLF mbox gives LF messages", "[bounced]") {
    auto path = write_temp("From a@example.org Mon Nov 16 09:00:00 2026\r\nSubject: one\r\n\r\nbody\r\n\r\n"
                           "From b@example.org Mon Nov 16 09:01:00 2026\r\nSubject: two\r\n\r\n>From x\r\n");
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 2);
    CHECK(result.messages[0].bytes == "Subject: one\n\nbody\n\n");
    CHECK(result.messages[1].bytes == "Subject: two\n\nFrom x\n");
    std::remove(path.c_str());
}

TEST_CASE("message_reader: an mbox message over the limit is cut at the limit, the next one is whole", "[bounced]") {
    const std::string big(10 * kSmallLimit, 'y');  // one line, longer than the limit
    auto path = write_temp("From a@example.org Mon Nov 16 09:00:00 2026\nSubject: big\n\n" + big +
                           "\n\nFrom b@example.org Mon Nov 16 09:01:00 2026\nSubject: small\n\nbody\n");
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 2);
    CHECK(result.messages[0].bytes == ("Subject: big\n\n" + big).substr(0, kSmallLimit + 1));
    CHECK(result.messages[0].truncated);
    CHECK(result.messages[1].bytes == "Subject: small\n\nbody\n");
    CHECK_FALSE(result.messages[1].truncated);
    std::remove(path.c_str());
}

TEST_CASE("message_reader: an mbox line longer than the first read is cut, not held whole", "[bounced]") {
    const std::string huge(300 * 1024, 'z');  // past the 64 KiB sniff and a 256 KiB block
    auto path = write_temp("From a@example.org Mon Nov 16 09:00:00 2026\nSubject: huge\n\n" + huge +
                           "\nFrom not a separator\n\nFrom b@example.org Mon Nov 16 09:01:00 2026\nSubject: after\n\nbody");
    auto result = read_with_limit(path, kSmallLimit);
    REQUIRE(result.messages.size() == 2);
    CHECK(result.messages[0].bytes == ("Subject: huge\n\n" + huge).substr(0, kSmallLimit + 1));
    CHECK(result.messages[0].truncated);
    CHECK(result.messages[1].source == path + "#2");
    CHECK(result.messages[1].bytes == "Subject: after\n\nbody\n");
    std::remove(path.c_str());
}

// A path that exists but cannot be opened names the system's reason. (A unix socket:
// permissions cannot make a file unreadable when the tests run as root.)
TEST_CASE("message_reader: a path that cannot be opened says why", "[bounced]") {
    const std::string path = "/tmp/bounced-reader-socket-" + std::to_string(::getpid());
    const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(sock >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, sizeof address.sun_path - 1);
    REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    std::string why;
    std::size_t messages = 0;
    CHECK_FALSE(bounced::mailbox::read_messages(path, 1 << 20, [&](bounced::mailbox::InputMessage&&) { ++messages; },
                                       [&](const std::string&, const std::string& w) { why = w; }));
    CHECK(messages == 0);
    CHECK(why == "cannot open for reading: No such device or address");
    ::close(sock);
    std::remove(path.c_str());
}
