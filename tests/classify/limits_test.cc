// The classifier's safety limits (classify/limits.h): each has a safe default, and a
// message past it comes back as Outcome::limit_exceeded with a reason that names the
// limit, so the daemon quarantines it. Inputs are built here; most tests lower a
// limit so they stay small, and one per limit checks the default itself.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"

using namespace classify;

namespace {

const char kHeader[] = "From: MAILER-DAEMON@mx.example.net\nTo: bounces@list.example\nSubject: failure\n";

std::string nested_multiparts(int depth) {
    std::string m = kHeader;
    for (int i = 0; i < depth; ++i) m += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" + std::to_string(i) + "\n";
    m += "Content-Type: text/plain\n\nleaf\n";
    return m;
}

std::string nested_messages(int depth) {
    std::string m = kHeader;
    for (int i = 0; i < depth; ++i) m += "Content-Type: message/rfc822\n\nSubject: level " + std::to_string(i) + "\n";
    m += "\nleaf\n";
    return m;
}

std::string flat_multipart(int parts, bool with_content_type) {
    std::string m = std::string(kHeader) + "Content-Type: multipart/mixed; boundary=\"p\"\n\n";
    for (int i = 0; i < parts; ++i) m += with_content_type ? "--p\nContent-Type: text/plain\n\nx\n" : "--p\n\nx\n";
    return m + "--p--\n";
}

std::string dsn_with_recipients(int count) {
    std::string m = std::string(kHeader) +
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                    "--B\nContent-Type: text/plain\n\nDelivery failed.\n\n"
                    "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n";
    for (int i = 0; i < count; ++i)
        m += "\nFinal-Recipient: rfc822; user" + std::to_string(i) + "@example.org\nAction: failed\nStatus: 5.1.1\n";
    return m + "\n--B--\n";
}

// Refused by a limit, and the reason names it.
void require_refused(const Report& report, const std::string& limit_name) {
    CHECK(report.outcome == Outcome::limit_exceeded);
    CHECK(report.error.find(limit_name) != std::string::npos);
    CHECK(report.recipients.empty());
}

}  // namespace

TEST_CASE("limits: the defaults are the safe ones of the issue", "[classify][limits]") {
    Limits limits;
    CHECK(limits.max_message_bytes == 10u * 1024 * 1024);
    CHECK(limits.max_mime_depth == 32);
    CHECK(limits.max_mime_parts == 500);
    CHECK(limits.max_line_bytes <= 1024u * 1024);
    CHECK(limits.max_recipients <= 1000u);
    CHECK(limits.max_parse_work <= 1024u * 1024 * 1024);
}

TEST_CASE("limits: oversized_message is refused before parsing", "[classify][limits]") {
    std::string m = std::string(kHeader) + "\n" + std::string(10 * 1024 * 1024, 'x');
    require_refused(classify_message(m), "max_message_bytes");

    Limits small;
    small.max_message_bytes = 200;
    std::string body = std::string(kHeader) + "\nshort body\n";
    CHECK(classify_message(body, small).outcome != Outcome::limit_exceeded);
    require_refused(classify_message(body + std::string(200, 'y'), small), "max_message_bytes");
}

TEST_CASE("limits: deep_nesting of multiparts stops at max_mime_depth", "[classify][limits]") {
    CHECK(classify_message(nested_multiparts(30)).outcome != Outcome::limit_exceeded);
    require_refused(classify_message(nested_multiparts(40)), "max_mime_depth");
}

TEST_CASE("limits: deep_nesting of attached messages stops at max_mime_depth", "[classify][limits]") {
    CHECK(classify_message(nested_messages(30)).outcome != Outcome::limit_exceeded);
    require_refused(classify_message(nested_messages(40)), "max_mime_depth");
}

TEST_CASE("limits: too_many_parts, with or without Content-Type lines", "[classify][limits]") {
    CHECK(classify_message(flat_multipart(400, true)).outcome != Outcome::limit_exceeded);
    require_refused(classify_message(flat_multipart(600, true)), "max_mime_parts");
    require_refused(classify_message(flat_multipart(600, false)), "max_mime_parts");
}

TEST_CASE("limits: bare_boundary_lines are counted before mimetic sees them", "[classify][limits]") {
    // 10 MiB of "--b" lines: millions of empty parts if mimetic were handed them.
    std::string m = std::string(kHeader) + "Content-Type: multipart/mixed; boundary=\"b\"\n\n";
    while (m.size() < 10u * 1024 * 1024 - 16) m += "--b\n";
    require_refused(classify_message(m), "boundary lines");
    // A few hundred text lines that start with "--" are not refused for that.
    std::string text = std::string(kHeader) + "\nsome text\n";
    for (int i = 0; i < 300; ++i) text += "-- \nsignature\n";
    CHECK(classify_message(text).outcome != Outcome::limit_exceeded);
}

TEST_CASE("limits: megabyte_header_line is refused", "[classify][limits]") {
    std::string m = std::string(kHeader) + "X-Long: " + std::string(1024 * 1024, 'a') + "\n\nbody\n";
    require_refused(classify_message(m), "max_line_bytes");
}

TEST_CASE("limits: megabyte_body_line is refused", "[classify][limits]") {
    std::string m = std::string(kHeader) + "\n" + std::string(1024 * 1024, 'a') + "\n";
    require_refused(classify_message(m), "max_line_bytes");
}

TEST_CASE("limits: folded_header_megabytes_long is refused by the work budget", "[classify][limits]") {
    // Short lines, so the line limit does not see it; unfolded it is one 2 MB field,
    // which mimetic would take seconds to grow 128 bytes at a time.
    std::string m = std::string(kHeader) + "X-Folded: start\n";
    for (int i = 0; i < 40000; ++i) m += " folded continuation line number " + std::to_string(i) + " of a long field\n";
    m += "\nbody\n";
    require_refused(classify_message(m), "max_parse_work");
}

TEST_CASE("limits: folded_body_text is not mistaken for a header field", "[classify][limits]") {
    // Indented lines in a body are not header fields: they cost mimetic nothing.
    std::string m = std::string(kHeader) + "Content-Type: text/plain\n\nfirst\n";
    for (int i = 0; i < 40000; ++i) m += " an indented body line that goes on " + std::to_string(i) + "\n";
    CHECK(classify_message(m).outcome != Outcome::limit_exceeded);
}

TEST_CASE("limits: max_parse_work counts every header field", "[classify][limits]") {
    Limits limits;
    limits.max_parse_work = 64 * 1024;
    std::string ok = std::string(kHeader) + "\nbody\n";
    CHECK(classify_message(ok, limits).outcome != Outcome::limit_exceeded);
    // Twenty 1 KB fields: each costs about 8 KB of copying, 160 KB in all.
    std::string m = kHeader;
    for (int i = 0; i < 20; ++i) m += "X-Field-" + std::to_string(i) + ": " + std::string(1024, 'v') + "\n";
    require_refused(classify_message(m + "\nbody\n", limits), "max_parse_work");
}

TEST_CASE("limits: too_many_recipients in one delivery report is refused", "[classify][limits]") {
    Limits limits;
    limits.max_recipients = 5;
    Report five = classify_message(dsn_with_recipients(5), limits);
    CHECK(five.outcome == Outcome::bounce);
    CHECK(five.recipients.size() == 5);
    require_refused(classify_message(dsn_with_recipients(6), limits), "max_recipients");
    require_refused(classify_message(dsn_with_recipients(1001)), "max_recipients");
}

TEST_CASE("limits: diagnostic text is cut at max_diagnostic_bytes", "[classify][limits]") {
    std::string m = dsn_with_recipients(0);
    std::string group = "\nFinal-Recipient: rfc822; user@example.org\nAction: failed\nStatus: 5.1.1\n"
                        "Diagnostic-Code: smtp; 550 5.1.1 " + std::string(20000, 'z') + "\n";
    m.insert(m.find("\n--B--"), group);
    Report report = classify_message(m);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].diagnostic.size() <= Limits{}.max_diagnostic_bytes);
}
