#include <catch2/catch.hpp>

#include "classify/parse/address.h"
#include "classify/rules/verp.h"

using namespace classify;

TEST_CASE("address: finds addresses in header values and prose, lower-cased", "[classify]") {
    CHECK(find_first_address("Taro Yamada <Taro@Example.JP>") == "taro@example.jp");
    CHECK(find_first_address("rfc822; kijitora@example.org") == "kijitora@example.org");
    CHECK(find_first_address("mail to user@example.org.") == "user@example.org");
    CHECK(find_first_address("no address here, just an @ sign") == "");
    auto all = find_addresses("a@x.example, b@y.example and c@z.example");
    REQUIRE(all.size() == 3);
    CHECK(all[2].address == "c@z.example");
}

TEST_CASE("address: a domain without a dot is not an address", "[classify]") {
    CHECK_FALSE(is_address("root@localhost"));
    CHECK(is_address("root@[192.0.2.1]"));
    CHECK(is_address("first.last+tag@sub.example.co.jp"));
}

TEST_CASE("address: scanning a megabyte of '@' is linear and bounded", "[classify]") {
    std::string hostile(1 << 20, '@');
    CHECK(find_addresses(hostile).empty());
    std::string many;
    for (int i = 0; i < 5000; ++i) many += "u" + std::to_string(i) + "@example.org ";
    CHECK(find_addresses(many, 1000).size() == 1000);
}

TEST_CASE("address: a NUL or other control byte touching a token makes it no address", "[classify]") {
    using namespace std::string_literals;
    CHECK(find_first_address("nul\0byte@example.org"s).empty());
    CHECK(find_first_address("victim@example.org\0junk"s).empty());
    CHECK(find_first_address("esc\x1b""x@example.org"s).empty());
    CHECK(find_first_address("line\nstart@example.org"s) == "start@example.org");
    CHECK_FALSE(is_address("nul\0byte@example.org"s));
}

TEST_CASE("address: longer than RFC 5321's 64 + 255 octets is not an address", "[classify]") {
    const std::string local64(64, 'a'), local65(65, 'a');
    CHECK(find_first_address(local64 + "@example.org") == local64 + "@example.org");
    CHECK(find_first_address(local65 + "@example.org").empty());
    CHECK(find_first_address(std::string(3000, 'x') + "@example.org").empty());
    const std::string label(60, 'd');
    const std::string domain255 = label + "." + label + "." + label + "." + label + ".example.org";  // 255
    REQUIRE(domain255.size() == 255);
    CHECK(find_first_address("a@" + domain255) == "a@" + domain255);
    CHECK(find_first_address("a@x" + domain255).empty());
    CHECK(find_first_address("a@" + std::string(3000, 'y') + ".example").empty());
}

TEST_CASE("verp: decodes the subscriber from the return path", "[classify]") {
    CHECK(decode_verp("bounces+alice=example.org@list.example").recipient == "alice@example.org");
    CHECK(decode_verp("<bounces+bob.smith=mail.example.co.jp@list.example>").recipient == "bob.smith@mail.example.co.jp");
    CHECK(decode_verp("bounces@list.example").recipient.empty());
    CHECK(decode_verp("bounces+nothing@list.example").recipient.empty());
}

TEST_CASE("verp: a signed tag is split off the domain", "[classify]") {
    auto verp = decode_verp("bounces+alice=example.org.K7Q2M4XA@list.example");
    CHECK(verp.recipient == "alice@example.org");
    CHECK(verp.tag == "K7Q2M4XA");
}

TEST_CASE("verp: found in Delivered-To before To", "[classify]") {
    Headers h;
    h.add("To", "bounces@list.example");
    h.add("Delivered-To", "bounces+carol=example.net@list.example");
    CHECK(find_verp(h).recipient == "carol@example.net");
}
