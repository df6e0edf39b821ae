// The pieces of the IMAP and POP3 sources that read server replies: the literal of a
// FETCH, SEARCH and UIDL listings, URLs, folder names, the password file. The
// sources themselves run against a real Dovecot in tests/e2e/imap_dovecot.sh.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "bounced/common/logging.h"
#include "bounced/mailbox/imap_source.h"
#include "bounced/mailbox/mail_session.h"
#include "bounced/mailbox/pop3_source.h"

using namespace bounced::mailbox;
using bounced::common::null_logger;

namespace {
const auto logger = null_logger("mail_source_test");
}

TEST_CASE("mail_session: the literal of a FETCH is taken byte for byte, lines that look like replies included", "[imap]") {
    const std::string message = "Subject: x\r\n\r\n* 3 EXISTS\r\nA0001 OK not the end\r\n{5}\r\nend";
    const std::string response = "* OK [CAPABILITY IMAP4rev1] ready\r\nA001 OK Logged in\r\n* 1 FETCH (UID 7 BODY[] {" +
                                 std::to_string(message.size()) + "}\r\n" + message + ")\r\nA003 OK Fetch completed.\r\n";
    std::string out;
    REQUIRE(literal_of(response, 1 << 20, &out));
    CHECK(out == message);
}

TEST_CASE("mail_session: a literal larger than the limit is cut to limit + 1, so the classifier calls it too large", "[imap]") {
    const std::string response = "* 1 FETCH (UID 2 BODY[] {20}\r\n0123456789abcdefghij)\r\n";
    std::string out;
    REQUIRE(literal_of(response, 9, &out));
    CHECK(out == "0123456789");
}

TEST_CASE("mail_session: no FETCH literal (message expunged meanwhile) is reported as none", "[imap]") {
    std::string out;
    CHECK_FALSE(literal_of("A003 OK Fetch completed.\r\n", 100, &out));
    CHECK_FALSE(literal_of("* 1 FETCH (FLAGS (\\Seen))\r\n", 100, &out));
    CHECK_FALSE(literal_of("* 1 FETCH (UID 2 BODY[] {2x}\r\nab)\r\n", 100, &out));
    CHECK_FALSE(literal_of("", 100, &out));
}

TEST_CASE("mail_session: a truncated response gives what arrived", "[imap]") {
    std::string out;
    REQUIRE(literal_of("* 1 FETCH (UID 2 BODY[] {100}\r\nabc", 1000, &out));
    CHECK(out == "abc");
}

TEST_CASE("imap: UIDs of SEARCH lines, other untagged lines ignored", "[imap]") {
    CHECK(search_uids("* SEARCH 3 7 19\r\n") == std::deque<std::string>{"3", "7", "19"});
    CHECK(search_uids("* SEARCH\r\n").empty());
    CHECK(search_uids("* 4 EXISTS\r\n* SEARCH 5\r\n* OK x\r\n") == std::deque<std::string>{"5"});
    CHECK(search_uids("* SEARCH 5 (MODSEQ 12)\r\n") == std::deque<std::string>{"5"});
}

TEST_CASE("imap: the UIDVALIDITY of a STATUS line", "[imap]") {
    CHECK(status_uid_validity("* STATUS INBOX (UIDVALIDITY 1700000000)\r\n") == "1700000000");
    CHECK(status_uid_validity("* STATUS \"Bounces In\" (MESSAGES 3 UIDVALIDITY 42 UIDNEXT 9)\r\n") == "42");
    CHECK(status_uid_validity("* OK [UIDVALIDITY 7] not a STATUS line\r\n").empty());
    CHECK(status_uid_validity("* STATUS INBOX (UIDVALIDITY )\r\n").empty());
    CHECK(status_uid_validity("* STATUS INBOX (UIDVALIDITY 99999999999)\r\n").empty());  // past 32 bits of digits
}

TEST_CASE("imap: a mailbox name is decoded from its URL path", "[imap]") {
    CHECK(url_decoded("INBOX") == "INBOX");
    CHECK(url_decoded("Bounces%20In") == "Bounces In");
    CHECK(url_decoded("50%") == "50%");
    CHECK(url_decoded("%zz%41") == "%zzA");
}

TEST_CASE("imap: a Maildir++ folder name becomes an IMAP one", "[imap]") {
    CHECK(imap_folder_name(".Processed") == "Processed");
    CHECK(imap_folder_name("Bounces/Done") == "Bounces/Done");
    CHECK(imap_folder_name("").empty());
}

TEST_CASE("pop3: UIDL entries, malformed lines skipped", "[pop3]") {
    const auto entries = uidl_entries("1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\nbogus\r\nx y\r\n");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0] == std::make_pair(std::string("1"), std::string("whqtswO00WBw418f9t5JxYwZ")));
    CHECK(entries[1].first == "2");
    CHECK(uidl_entries("").empty());
}

TEST_CASE("mail_session: URL base and mailbox path", "[imap]") {
    CHECK(url_base("imaps://mail.example.org:993/INBOX") == "imaps://mail.example.org:993/");
    CHECK(url_path("imaps://mail.example.org:993/INBOX") == "INBOX");
    CHECK(url_base("pop3://127.0.0.1") == "pop3://127.0.0.1/");
    CHECK(url_path("pop3://127.0.0.1").empty());
    CHECK(url_path("imap://h/Bounces/In").empty() == false);
    CHECK(url_base("not a url").empty());
}

TEST_CASE("mail_session: the password file's first line, without its line end", "[imap]") {
    char path[] = "/tmp/bounced-password-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(path) << "s3cret\r\nsecond line\n";
    CHECK(mail_password("ignored", path) == "s3cret");
    CHECK(mail_password("inline", "") == "inline");
    std::remove(path);
    CHECK_THROWS_AS(mail_password("", path), std::runtime_error);
}

TEST_CASE("imap: the source refuses a URL of another kind, and does not connect when made", "[imap]") {
    config::DaemonSettings settings;
    settings.imap_url = "pop3://127.0.0.1:1";
    CHECK_THROWS_AS(ImapSource(settings, 1000, logger), std::runtime_error);
    settings.imap_url = "imap://127.0.0.1:1/INBOX";
    ImapSource imap(settings, 1000, logger);
    CHECK(imap.name() == "imap imap://127.0.0.1:1/INBOX");
    settings.imap_url = "imap://127.0.0.1:1";
    CHECK(ImapSource(settings, 1000, logger).name() == "imap imap://127.0.0.1:1/INBOX");
    CHECK_THROWS_AS(Pop3Source(settings, 1000, logger), std::runtime_error);
}

TEST_CASE("imap: a server that cannot be reached makes claim() throw, for the daemon to log and retry", "[imap]") {
    config::DaemonSettings settings;
    settings.imap_url = "imap://127.0.0.1:1/INBOX";  // nothing listens on port 1
    settings.imap_user = "u";
    ImapSource imap(settings, 1000, logger);
    CHECK_THROWS_AS(imap.claim(10), std::runtime_error);
    CHECK(imap.claim(10).empty());  // not again until the next rescan
}
