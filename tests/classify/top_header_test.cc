// parse_message reads the top-level header itself and hands mimetic only its MIME
// fields (classify/message.cc). These cases check that the split and the fields
// agree with what mimetic makes of the whole text, on the malformed headers that
// decide where its header ends.
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
#include "classify/message.h"

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
    for (const auto& field : entity.header()) add_header_field_reusing(headers, field.name(), field.value());
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
