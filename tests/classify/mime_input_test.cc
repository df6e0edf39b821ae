// What mimetic is spared (classify/parse/mime_input.h): parse_message reads the top-level
// header itself and hands mimetic only its MIME fields, and keeps attached messages
// whole. These cases check that the results agree with what mimetic makes of the
// whole text, on the malformed headers that decide where a header ends.
#include <catch2/catch.hpp>

#include <mimetic/mimetic.h>

#include <string>
#include <utility>
#include <vector>

#include "classify/headers.h"

namespace Catch {
template <>
struct StringMaker<std::pair<std::string, std::string>> {
    static std::string convert(const std::pair<std::string, std::string>& f) { return f.first + ": " + f.second; }
};
}  // namespace Catch
#include "classify/parse/message.h"
#include "classify/parse/mime_input.h"
#include "classify/parse/original_message.h"

using namespace classify;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields fields_of(const Headers& headers) {
    Fields out;
    for (const auto& f : headers.fields()) out.emplace_back(f.name, f.value);
    return out;
}

// mimetic over the whole text, as parse_message prepares it (LF, a blank line at
// the end): its top-level fields read the way Headers reads a field, and its body.
std::pair<Fields, std::string> mimetic_reading(const std::string& message) {
    std::string lf = normalise_line_endings(message);
    if (lf.size() < 2 || lf.compare(lf.size() - 2, 2, "\n\n") != 0) lf += lf.empty() || lf.back() != '\n' ? "\n\n" : "\n";
    mimetic::MimeEntity entity(lf.begin(), lf.end());
    Headers headers;
    for (const auto& field : entity.header()) add_header_field(headers, field.name(), field.value());
    return {fields_of(headers), entity.body()};
}

}  // namespace

TEST_CASE("message: the top-level header ends where mimetic ends it", "[classify][mimetic]") {
    const std::vector<std::string> cases = {
        // An mbox "From " line: a name, a blank and a word. mimetic reads it all as body.
        "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\nFrom: a@example.org\n\nbody\n",
        // A line of blanks is a folded continuation, not the end of the header.
        "Subject: a\n \t \nX-After: b\n\nbody\n",
        // A name with 8-bit bytes ends the header; that line is the body's first.
        "Subject: a\nX-Caf\xc3\xa9: 1\nTo: c@example.org\n\nbody\n",
        // A line starting with ':' is skipped; the header goes on.
        "Subject: a\n: stray\nTo: c@example.org\n\nbody\n",
        // Prose without a colon ends the header.
        "Subject: a\nthis is no field\nTo: c@example.org\n\nbody\n",
        // Blanks before the colon, no space after it, no line end at the end.
        "Subject : spaced name\nTo:c@example.org\n\nbody",
        "Subject: no blank line, no body",
        // An empty header, and a first line that starts with a blank.
        "\nSubject: in the body\n",
        " indented first line\nSubject: x\n\nbody\n",
        // Empty values, and a field at the very end of the header with no blank line.
        "X-Empty:\nX-Blank:   \nSubject: s\nbody line without colon\n",
    };
    for (const auto& message : cases) {
        INFO(message);
        auto [expected_fields, expected_body] = mimetic_reading(message);
        auto parsed = parse_message(message, Limits{});
        REQUIRE(parsed.outcome == Outcome::not_bounce);
        CHECK(fields_of(parsed.message.headers) == expected_fields);
        REQUIRE(parsed.message.parts.size() == 1);
        CHECK(parsed.message.parts[0].text == expected_body);
    }
}

TEST_CASE("message: MIME fields among the others still shape the parts", "[classify][mimetic]") {
    SECTION("folded Content-Type and a transfer encoding after other fields") {
        const std::string m =
            "Received: from a.example by b.example\n\twith ESMTP\nContent-Type: text/plain;\n\tcharset=iso-8859-1\n"
            "Subject: s\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9 =3D\n";
        auto parsed = parse_message(m, Limits{});
        REQUIRE(parsed.message.parts.size() == 1);
        CHECK(parsed.message.parts[0].text.rfind("caf\xc3\xa9 =\n", 0) == 0);
        // Not compared with mimetic's fields: once it has parsed a Content-Type, it
        // gives the value back rewritten (charset="iso-8859-1"). Ours is as written.
        const Fields expected = {{"Received", "from a.example by b.example with ESMTP"},
                                 {"Content-Type", "text/plain; charset=iso-8859-1"},
                                 {"Subject", "s"},
                                 {"Content-Transfer-Encoding", "quoted-printable"}};
        CHECK(fields_of(parsed.message.headers) == expected);
    }
    SECTION("the first of two Content-Type fields decides, as in mimetic") {
        const std::string m = "Content-Type: text/html\nX-Mid: 1\nContent-Type: text/plain\n\n<b>x</b>\n";
        auto parsed = parse_message(m, Limits{});
        REQUIRE(parsed.message.parts.size() == 1);
        CHECK(parsed.message.parts[0].type == "text/html");
        CHECK(fields_of(parsed.message.headers) == mimetic_reading(m).first);
    }
    SECTION("a multipart whose Content-Type comes first, with fields after it") {
        const std::string m =
            "Content-Type: multipart/mixed; boundary=\"B\"\nSubject: s\nX-Long: " + std::string(300, 'x') +
            "\n\n--B\nContent-Type: text/plain\n\none\n--B\nContent-Type: text/plain\n\ntwo\n--B--\n";
        auto parsed = parse_message(m, Limits{});
        REQUIRE(parsed.message.parts.size() == 2);
        CHECK(parsed.message.parts[0].text == "one");
        CHECK(parsed.message.parts[1].text == "two");
        CHECK(parsed.message.headers.get("Subject") == "s");
        CHECK(fields_of(parsed.message.headers) == mimetic_reading(m).first);
    }
}

namespace {

const Part* part_of_type(const Message& message, std::string_view type) {
    for (const auto& part : message.parts)
        if (part.type == type) return &part;
    return nullptr;
}

bool mentions_hidden_type(const Message& message) {
    for (const auto& part : message.parts)
        if (part.text.find(kHiddenAttachedMessage) != std::string::npos) return true;
    return false;
}

const std::string kReportHead =
    "From: MAILER-DAEMON@mx.example.net\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n\n"
    "--R\nContent-Type: text/plain\n\nDelivery failed.\n";

// A delivery report whose second part attaches `original` as message/rfc822, parsed.
ParsedMessage report_attaching(const std::string& original) {
    return parse_message(kReportHead + "--R\nContent-Type: message/rfc822\n\n" + original + "--R--\n", Limits{});
}

// The part of `type` that came from the attached message; it must be there.
const Part& part_from_original(const ParsedMessage& parsed, std::string_view type) {
    REQUIRE(parsed.outcome == Outcome::not_bounce);
    const Part* part = part_of_type(parsed.message, type);
    REQUIRE(part != nullptr);
    CHECK(part->in_original);
    return *part;
}

}  // namespace

TEST_CASE("message: an attached message's header is cut where mimetic cuts it", "[classify][mimetic]") {
    const std::string original =
        "Received: from list.example\n\tby mx.example.net; Mon, 1 Jan 2024 00:00:00 +0000\n"
        "Message-ID:\n <orig@list.example>\nSubject: =?UTF-8?B?5pel5pys?=\n \t \nList-Id: <news.list.example>\n"
        "Content-Type: multipart/alternative; boundary=\"A\"\n\n"
        "--A\nContent-Type: text/plain\n\nThe newsletter.\n--A--\n";
    const ParsedMessage parsed = report_attaching(original);
    const Part& header = part_from_original(parsed, "message/rfc822-headers");
    // Its fields are mimetic's reading of the attached message's header.
    std::string lf = original + "\n";
    mimetic::MimeEntity entity(lf.begin(), lf.end());
    Headers expected;
    for (const auto& field : entity.header())
        if (field.name() != "Content-Type") add_header_field(expected, field.name(), field.value());
    Headers got;
    const Headers read = parse_header_fields(header.text, 500);
    for (const auto& f : read.fields())
        if (f.name != "Content-Type") got.add(f.name, f.value);
    CHECK(fields_of(got) == fields_of(expected));
    auto found = find_original_message(parsed.message, "");
    CHECK(found.message_id == "<orig@list.example>");
    CHECK(found.subject == "\xe6\x97\xa5\xe6\x9c\xac");
    CHECK(found.list_id == "<news.list.example>");
    // The newsletter's own parts are no parts of the bounce: nothing reads them.
    for (const auto& part : parsed.message.parts) CHECK(part.text.find("The newsletter.") == std::string::npos);
    CHECK_FALSE(mentions_hidden_type(parsed.message));
}

TEST_CASE("message: an attached message that is a report keeps its parts", "[classify][mimetic]") {
    const std::string inner =
        "From: MAILER-DAEMON@inner.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"I\"\n\n"
        "--I\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; inner.example\n\n"
        "Final-Recipient: rfc822; user@example.org\nAction: failed\nStatus: 5.1.1\n\n--I--\n";
    const ParsedMessage parsed = report_attaching(inner);
    const Part& status = part_from_original(parsed, "message/delivery-status");
    CHECK(status.text.find("Final-Recipient: rfc822; user@example.org") != std::string::npos);
    CHECK_FALSE(mentions_hidden_type(parsed.message));
}

TEST_CASE("message: a base64 attached message is decoded before its header is read", "[classify][mimetic]") {
    // "Message-ID: <b64@list.example>\nSubject: hi\n\nbody\n" in base64.
    const std::string m = kReportHead +
                          "--R\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
                          "TWVzc2FnZS1JRDogPGI2NEBsaXN0LmV4YW1wbGU+ClN1YmplY3Q6IGhpCgpib2R5Cg==\n--R--\n";
    auto parsed = parse_message(m, Limits{});
    CHECK(find_original_message(parsed.message, "").message_id == "<b64@list.example>");
}

TEST_CASE("message: a Content-Type line in a text body is left as written", "[classify][mimetic]") {
    // After a "--" signature line the pre-pass takes the next lines for a part's
    // header and renames the type; mimetic reads them as text, so parse_message
    // reads the message again without renaming.
    const std::string m =
        "From: postmaster@example.net\nContent-Type: text/plain\n\nYour message was not delivered.\n--\n"
        "Content-Type: message/rfc822\n\nquoted lines\n";
    auto parsed = parse_message(m, Limits{});
    REQUIRE(parsed.message.parts.size() == 1);
    CHECK(parsed.message.parts[0].text.find("--\nContent-Type: message/rfc822\n") != std::string::npos);
    CHECK_FALSE(mentions_hidden_type(parsed.message));
}
