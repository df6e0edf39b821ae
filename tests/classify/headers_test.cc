// Headers: a message's own header is read on demand, a field group at once; both
// give the same values.
#include <catch2/catch.hpp>

#include <string>

#include "classify/headers.h"

using namespace classify;

TEST_CASE("headers: a value added unread is unfolded and decoded when first read", "[classify]") {
    Headers headers;
    headers.add_unread("Received", " from a.example\n\tby b.example ");
    headers.add("X-Plain", "as given");
    headers.add_unread("Subject", " =?UTF-8?B?5pel5pys?=\n  news ");
    CHECK(headers.has("subject"));
    CHECK(headers.get("subject") == "\xe6\x97\xa5\xe6\x9c\xac news");
    CHECK(headers.get("Subject") == "\xe6\x97\xa5\xe6\x9c\xac news");  // read once, kept
    const Headers copy = headers;                                     // a copy reads its own
    CHECK(copy.fields()[0].value == "from a.example by b.example");
    CHECK(headers.fields()[0].value == "from a.example by b.example");
    CHECK(headers.fields()[1].value == "as given");
    CHECK(headers.get("X-Missing").empty());
}

TEST_CASE("headers: a message's header and a field group read the same values", "[classify]") {
    const std::string block =
        "Received: from mx.example.net (mx.example.net [192.0.2.1])\n\tby list.example (Postfix)\n"
        "Subject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=\nX-Spaces:   a    b  \nTo: <user@example.org>\n";
    const Headers own = parse_header_fields(block, 100);
    const Headers group = parse_header_block(block, 100);
    REQUIRE(own.fields().size() == group.fields().size());
    for (std::size_t i = 0; i < own.fields().size(); ++i) {
        CHECK(own.fields()[i].name == group.fields()[i].name);
        CHECK(own.fields()[i].value == group.fields()[i].value);
    }
    CHECK(own.get("X-Spaces") == "a b");
}
