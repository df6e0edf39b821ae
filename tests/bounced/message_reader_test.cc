#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bounced/message_reader.h"

namespace {

std::string write_temp(const std::string& bytes) {
    char name[] = "/tmp/bounced-reader-XXXXXX";
    int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(name, std::ios::binary) << bytes;
    return name;
}

std::vector<bounced::InputMessage> read_all(const std::string& path) {
    std::vector<bounced::InputMessage> out;
    bounced::read_messages(path, 1 << 20, [&](bounced::InputMessage&& m) { out.push_back(std::move(m)); },
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
