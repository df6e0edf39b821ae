// One regression test per mimetic pitfall in ../shared/notes/mimetic.md: each input
// that hurt the raw library, through our MIME layer (classify/parse/message.cc), which
// must fence it off. Inputs are written here; none is read from a file.
#include <catch2/catch.hpp>

#include <string>
#include <type_traits>

#include "classify/classifier.h"
#include "classify/parse/delivery_status.h"
#include "classify/headers.h"
#include "classify/parse/message.h"

using namespace classify;

// 1. "A: 1\nB: 2\n" without a blank line gives mimetic one field.
TEST_CASE("mimetic hazards: dropped_last_header_field of a header-only message", "[classify][mimetic]") {
    for (std::string m : {"From: a@example.org\nSubject: last\n", "From: a@example.org\nSubject: last"}) {
        auto parsed = parse_message(m, Limits{});
        REQUIRE(parsed.outcome == Outcome::not_bounce);
        CHECK(parsed.message.headers.get("From") == "a@example.org");
        CHECK(parsed.message.headers.get("Subject") == "last");
    }
}

TEST_CASE("mimetic hazards: dropped_last_header_field of text/rfc822-headers", "[classify][mimetic]") {
    // The original's header block is the last thing in the part: no blank line after it.
    std::string m =
        "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\nfailed\n\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
        "Final-Recipient: rfc822; gone@example.org\nAction: failed\nStatus: 5.1.1\n"
        "--B\nContent-Type: text/rfc822-headers\n\n"
        "From: news@list.example\nMessage-ID: <issue-7@list.example>\nList-Id: <weekly.list.example>\n"
        "--B--\n";
    Report report = classify_message(m);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].status == "5.1.1");  // the last field of the last DSN group
    CHECK(report.original.list_id.find("weekly.list.example") != std::string::npos);
}

TEST_CASE("mimetic hazards: dropped_last_header_field of a DSN group", "[classify][mimetic]") {
    auto dsn = parse_delivery_status("Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; a@example.org\nStatus: 5.2.2", 10);
    REQUIRE(dsn.recipients.size() == 1);
    CHECK(dsn.recipients[0].get("Status") == "5.2.2");
    CHECK(dsn.per_message.get("Reporting-MTA") == "dns; mx.example.net");
}

// 4. A 49-byte CRLF input makes mimetic's copy_until_boundary underflow a size_t
// and throw std::length_error ("basic_string::_M_replace").
TEST_CASE("mimetic hazards: crlf_boundary_underflow does not throw", "[classify][mimetic]") {
    for (std::string m : {std::string("Content-Type: multipart/mixed; boundary=x\r\n\r\n\r--x"),
                          std::string("Content-Type: multipart/mixed; boundary=x\r\n\r\n\r--x\r"),
                          std::string("Content-Type: multipart/mixed; boundary=x\r\n\r\n\r--x\r\n\r--x")}) {
        ParsedMessage parsed;
        REQUIRE_NOTHROW(parsed = parse_message(m, Limits{}));
        CHECK(parsed.outcome != Outcome::limit_exceeded);
        REQUIRE_NOTHROW(classify_message(m));
    }
}

// 3. About 60,000 nested multiparts overflow an 8 MiB stack inside mimetic. mimetic
// also reads "Content-Type : ..." (blanks before the colon) as the field, so the
// pre-count must too, or this 4.6 MB message crashes the process.
TEST_CASE("mimetic hazards: deep_nesting is refused before mimetic recurses", "[classify][mimetic]") {
    for (const char* field : {"Content-Type: ", "content-type: ", "Content-Type : ", "Content-Type\t: "}) {
        std::string m;
        for (int i = 0; i < 100000; ++i) m += std::string(field) + "multipart/mixed; boundary=a\n\n--a\n";
        REQUIRE(m.size() < Limits{}.max_message_bytes);
        Report report = classify_message(m);
        CHECK(report.outcome == Outcome::limit_exceeded);
        CHECK(report.error.find("max_mime_parts") != std::string::npos);
    }
}

// 5. Header buffers grow 128 bytes at a time: a 1.6 MB line takes mimetic 1.4 s.
// The guards are structural (line length, and the work estimate for unfolded fields),
// so this checks the refusal, not a clock.
TEST_CASE("mimetic hazards: quadratic_long_header_line is refused before parsing", "[classify][mimetic]") {
    std::string m = "From: a@example.org\nX-Long: " + std::string(1600 * 1000, 'a') + "\n\nbody\n";
    Report report = classify_message(m);
    CHECK(report.outcome == Outcome::limit_exceeded);
    CHECK(report.error.find("max_line_bytes") != std::string::npos);
}

TEST_CASE("mimetic hazards: quadratic_folded_header is refused before parsing", "[classify][mimetic]") {
    std::string m = "From: a@example.org\nX-Folded: a\n";
    for (int i = 0; i < 32000; ++i) m += " bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
    m += "\nbody\n";
    Report report = classify_message(m);
    CHECK(report.outcome == Outcome::limit_exceeded);
    CHECK(report.error.find("max_parse_work") != std::string::npos);
}

TEST_CASE("mimetic hazards: folded_part_header_after_a_boundary is counted", "[classify][mimetic]") {
    std::string m = "From: a@example.org\nContent-Type: multipart/mixed; boundary=\"p\"\n\n--p\nX-Folded: a\n";
    for (int i = 0; i < 32000; ++i) m += "\tbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
    m += "\nbody\n--p--\n";
    CHECK(classify_message(m).error.find("max_parse_work") != std::string::npos);
}

TEST_CASE("mimetic hazards: folded_header_of_an_attached_message is counted", "[classify][mimetic]") {
    std::string m = "From: a@example.org\nContent-Type: message/rfc822\n\nSubject: inner\nX-Folded: a\n";
    for (int i = 0; i < 32000; ++i) m += " bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
    m += "\nbody\n";
    CHECK(classify_message(m).error.find("max_parse_work") != std::string::npos);
}

// 6. With no boundary parameter mimetic splits on "--", so a "-- " signature line
// would cut the text. The bounce text must survive, whole, as one part.
TEST_CASE("mimetic hazards: multipart_without_boundary keeps its text", "[classify][mimetic]") {
    std::string m =
        "From: MAILER-DAEMON@mx.example.net\nSubject: failure\nContent-Type: multipart/mixed\n\n"
        "This message was not delivered to gone@example.org.\n550 5.1.1 User unknown\n"
        "-- \nThe mail system\n";
    ParsedMessage parsed;
    REQUIRE_NOTHROW(parsed = parse_message(m, Limits{}));
    REQUIRE(parsed.outcome == Outcome::not_bounce);
    std::string all;
    for (const auto& part : parsed.message.parts) all += part.text;
    CHECK(all.find("550 5.1.1 User unknown") != std::string::npos);
    REQUIRE_NOTHROW(classify_message(m));
}

// 7. Copying a MimeEntity compiles and double-frees. Nothing of mimetic may leak out
// of message.cc: what parse_message returns owns plain strings, and copies of it
// outlive the original (ASan builds check the frees).
TEST_CASE("mimetic hazards: no_entity_copies_escape_the_parser", "[classify][mimetic]") {
    static_assert(std::is_copy_constructible<ParsedMessage>::value, "results are plain values");
    std::string m =
        "From: a@example.org\nContent-Type: multipart/mixed; boundary=\"X\"\n\n"
        "--X\nContent-Type: text/plain\n\nfirst\n--X\nContent-Type: message/rfc822\n\nSubject: inner\n\nsecond\n--X--\n";
    ParsedMessage copy;
    {
        ParsedMessage original = parse_message(m, Limits{});
        copy = original;
        ParsedMessage another(original);
        CHECK(another.message.parts.size() == original.message.parts.size());
    }
    REQUIRE(copy.message.parts.size() == 2);  // the text, and the attached message's header
    CHECK(copy.message.parts[0].text.find("first") != std::string::npos);
    CHECK(copy.message.parts[1].text.find("Subject: inner") != std::string::npos);
}

// 8. A missing Content-Type reads as type "" in mimetic, and its non-const getter
// inserts an empty field. Our parts say text/plain, and the headers stay as sent.
TEST_CASE("mimetic hazards: missing_content_type_is_text_plain", "[classify][mimetic]") {
    auto parsed = parse_message("From: a@example.org\nSubject: s\n\nhello\n", Limits{});
    REQUIRE(parsed.message.parts.size() == 1);
    CHECK(parsed.message.parts[0].type == "text/plain");
    CHECK_FALSE(parsed.message.headers.has("Content-Type"));
}
