// Signed VERP: the test vectors of docs/verp.md (any implementation must give these),
// encoding, and every verdict of verify_verp.
#include <catch2/catch.hpp>

#include "bounced/trust/verp_signature.h"

using bounced::trust::encode_verp;
using bounced::trust::verify_verp;
using bounced::trust::verp_tag;

namespace {

const std::string kSecret = "correct horse battery staple";
const std::string kOldSecret = "old secret rotated 2024";

struct Vector {
    std::string secret, address, list;
    long day;
    std::string tag;
};

// The table in docs/verp.md, "Test vectors".
const Vector kVectors[] = {
    {kSecret, "alice@example.org", "bounces@list.example", 20000, "RAVBG6C53Y"},
    {kSecret, "alice@example.org", "bounces@list.example", 20023, "RXDSCQ7W3H"},
    {kOldSecret, "alice@example.org", "bounces@list.example", 20023, "RXQT2ZXGIK"},
    {kSecret, "alice@example.org", "news@other.example", 20023, "RXQDI6PC7A"},
    {kSecret, "Carol+Tag@Example.NET", "bounces@list.example", 20500, "AUMUCKJQAS"},
    {kSecret, "bob.smith@example.com", "bounces@list.example", 20023, "RXV3ZUZQZR"},
};

std::string encoded(const std::string& address, long day, const std::string& secret = kSecret) {
    std::string out, error;
    REQUIRE(encode_verp(secret, "bounces@list.example", address, day, &out, &error));
    return out;
}

}  // namespace

TEST_CASE("verp_signature: the documented test vectors", "[trust]") {
    for (const auto& v : kVectors) {
        INFO(v.address << " " << v.list << " day " << v.day);
        CHECK(verp_tag(v.secret, v.address, v.list, v.day) == v.tag);
    }
}

TEST_CASE("verp_signature: encode builds prefix+local=domain.TAG@host in lower case", "[trust]") {
    CHECK(encoded("Alice@Example.ORG", 20000) == "bounces+alice=example.org.RAVBG6C53Y@list.example");
    CHECK(encoded("carol+tag@example.net", 20500) == "bounces+carol+tag=example.net.AUMUCKJQAS@list.example");
    std::string out, error;
    CHECK_FALSE(encode_verp(kSecret, "bounces+x@list.example", "a@b.example", 1, &out, &error));
    CHECK(error.find("'+'") != std::string::npos);
    CHECK_FALSE(encode_verp(kSecret, "bounces@list.example", "not an address", 1, &out, &error));
    CHECK_FALSE(encode_verp(kSecret, "list.example", "a@b.example", 1, &out, &error));
}

TEST_CASE("verp_signature: a genuine tag is valid, also inside a header value and lower-cased", "[trust]") {
    const std::string verp = encoded("alice@example.org", 20023);
    for (const std::string& text : {verp, "Bounces <" + verp + ">", std::string("bounces+alice=example.org.rxdscq7w3h@list.example")}) {
        const auto v = verify_verp(text, {kSecret}, 20023, 30);
        INFO(text);
        CHECK(v.verdict == "valid");
        CHECK(v.recipient == "alice@example.org");
        CHECK(v.list == "bounces@list.example");
        CHECK(v.age_days == 0);
    }
}

TEST_CASE("verp_signature: a tag for another address is invalid", "[trust]") {
    // alice's genuine tag pasted into a VERP naming bob
    const std::string forged = "bounces+bob=example.org.RXDSCQ7W3H@list.example";
    const auto v = verify_verp(forged, {kSecret}, 20023, 30);
    CHECK(v.verdict == "invalid");
    CHECK(v.recipient == "bob@example.org");
}

TEST_CASE("verp_signature: a tampered tag is invalid", "[trust]") {
    CHECK(verify_verp("bounces+alice=example.org.RXDSCQ7W3I@list.example", {kSecret}, 20023, 30).verdict == "invalid");
    CHECK(verify_verp("bounces+alice=example.org.AXDSCQ7W3H@list.example", {kSecret}, 20023, 30).verdict == "invalid");
    // the right tag for another list
    CHECK(verify_verp("bounces+alice=example.org.RXQDI6PC7A@list.example", {kSecret}, 20023, 30).verdict == "invalid");
}

TEST_CASE("verp_signature: a tag older than the maximum age is stale", "[trust]") {
    const std::string verp = encoded("alice@example.org", 20000);
    CHECK(verify_verp(verp, {kSecret}, 20030, 30).verdict == "valid");
    const auto v = verify_verp(verp, {kSecret}, 20031, 30);
    CHECK(v.verdict == "stale");
    CHECK(v.age_days == 31);
    // a day ahead (the sender's clock) is forgiven; two are not a valid tag
    CHECK(verify_verp(encoded("alice@example.org", 20001), {kSecret}, 20000, 30).verdict == "valid");
    CHECK(verify_verp(encoded("alice@example.org", 20002), {kSecret}, 20000, 30).verdict == "invalid");
}

TEST_CASE("verp_signature: rotation: old secrets verify until removed", "[trust]") {
    const std::string verp = encoded("alice@example.org", 20023, kOldSecret);
    const auto both = verify_verp(verp, {kSecret, kOldSecret}, 20023, 30);
    CHECK(both.verdict == "valid");
    CHECK(both.key == 1);
    CHECK(verify_verp(verp, {kSecret}, 20023, 30).verdict == "invalid");
}

TEST_CASE("verp_signature: addresses that are not signed VERP give none", "[trust]") {
    for (const char* text : {"bounces@list.example", "bounces+alice=example.org@list.example",
                             "bounces+alice=example.org.ABCDEFG@list.example", "", "garbage <<>>"}) {
        INFO(text);
        CHECK(verify_verp(text, {kSecret}, 20023, 30).verdict == "none");
    }
}
