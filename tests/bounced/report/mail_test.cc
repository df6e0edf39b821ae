// The report as a mail: the MIME message, and sendmail run with it, its exit status
// checked. The "sendmail" here is a shell script that records what it was given: a
// stand-in for the MTA's binary, not for any part of bounced.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "bounced/report/mail.h"
#include "tests/bounced/cli/cli_harness.h"

using namespace bounced::report;

namespace {

std::string decode_base64(const std::string& text) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned value = 0;
    int bits = 0;
    for (char c : text) {
        const auto i = alphabet.find(c);
        if (i == std::string::npos) continue;
        value = (value << 6) | static_cast<unsigned>(i);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((value >> bits) & 0xFF);
        }
    }
    return out;
}

// A fake sendmail in `dir` that saves its arguments and input, then exits `status`.
std::string fake_sendmail(const cli_test::TempDir& dir, int status) {
    const std::string path = dir / "sendmail";
    cli_test::write_file(path, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + dir.path() + "/args\"\ncat > \"" + dir.path() +
                                   "/message\"\nexit " + std::to_string(status) + "\n");
    ::chmod(path.c_str(), 0755);
    return path;
}

const db::Time kDate = *db::parse_time("2024-05-10T06:30:00Z");

}  // namespace

TEST_CASE("report_mail: headers, an encoded Japanese subject and a base64 body", "[report]") {
    const std::string body = "バウンスレポート\nhard 3\n";
    const std::string m = mail_message("ops@list.example", "バウンスレポート 2024-05-10: 配信失敗 3 件 (+1)", body,
                                       ReportFormat::text, kDate);
    CHECK(m.rfind("To: ops@list.example\r\n", 0) == 0);
    CHECK(m.find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(m.find("Date: Fri, 10 May 2024 06:30:00 +0000\r\n") != std::string::npos);
    CHECK(m.find("Auto-Submitted: auto-generated\r\n") != std::string::npos);
    CHECK(m.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
    const auto start = m.find("\r\n\r\n");
    REQUIRE(start != std::string::npos);
    CHECK(decode_base64(m.substr(start + 4)) == body);
    for (std::size_t p = 0, e; (e = m.find("\r\n", p)) != std::string::npos; p = e + 2) CHECK(e - p <= 78);
    // Every encoded word decodes to whole characters and the words join to the subject.
    std::string subject;
    for (std::size_t p = m.find("=?UTF-8?B?"); p != std::string::npos; p = m.find("=?UTF-8?B?", p + 1))
        subject += decode_base64(m.substr(p + 10, m.find("?=", p + 10) - p - 10));
    CHECK(subject == "バウンスレポート 2024-05-10: 配信失敗 3 件 (+1)");
}

TEST_CASE("report_mail: html, csv and json have their content types", "[report]") {
    CHECK(mail_message("a@b", "s", "x", ReportFormat::html, kDate).find("Content-Type: text/html; charset=utf-8") !=
          std::string::npos);
    CHECK(mail_message("a@b", "s", "x", ReportFormat::csv, kDate).find("filename=\"bounced-report-2024-05-10.csv\"") !=
          std::string::npos);
    CHECK(mail_message("a@b", "s", "x", ReportFormat::json, kDate).find("Content-Type: application/json") !=
          std::string::npos);
}

TEST_CASE("report_mail: only one plain address is passed to sendmail", "[report]") {
    CHECK(valid_mail_to("ops@list.example"));
    CHECK(valid_mail_to("postmaster"));
    CHECK_FALSE(valid_mail_to(""));
    CHECK_FALSE(valid_mail_to("-oQ/tmp/x@example.org"));
    CHECK_FALSE(valid_mail_to("a@example.org b@example.org"));
    CHECK_FALSE(valid_mail_to("a@example.org,b@example.org"));
    CHECK_FALSE(valid_mail_to("a@b@c"));
    CHECK_FALSE(valid_mail_to("Ops <ops@example.org>"));
}

TEST_CASE("report_mail: sendmail gets -oi, the address and the message", "[report]") {
    cli_test::TempDir dir;
    const std::string message = mail_message("ops@list.example", "s", "body", ReportFormat::text, kDate);
    CHECK(send_mail(fake_sendmail(dir, 0), "ops@list.example", message) == "");
    CHECK(cli_test::read_file(dir / "args") == "-oi\nops@list.example\n");
    CHECK(cli_test::read_file(dir / "message") == message);
}

TEST_CASE("report_mail: a failing sendmail is an error that names its status", "[report]") {
    cli_test::TempDir dir;
    const std::string why = send_mail(fake_sendmail(dir, 75), "ops@list.example", "To: x\r\n\r\nbody\r\n");
    CHECK(why.find("exited with status 75: the report was not sent") != std::string::npos);
    CHECK(send_mail("", "ops@list.example", "x").find("no sendmail command found") != std::string::npos);
    CHECK(send_mail(dir / "missing", "ops@list.example", "x").find("could not be run") != std::string::npos);
}
