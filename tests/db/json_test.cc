// db/json.h: what PostgreSQL's jsonb is handed. Bounce text is untrusted bytes; the
// document must parse whatever it holds.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "db/json.h"
#include "db/policy.h"

using namespace std::string_literals;

TEST_CASE("json: a document drops NUL, replaces invalid UTF-8 and escapes control bytes", "[db]") {
    const nlohmann::json doc = {{"d", db::jsonb_text("a\0b\xff\x01\"c\xC3\xA9"s)}};
    CHECK(db::to_jsonb(doc) == "{\"d\":\"ab\xEF\xBF\xBD\\u0001\\\"c\xC3\xA9\"}");
    std::string line;
    db::append_json_string(line, "a\0b\xff\x01\"c\xC3\xA9"s);
    CHECK(line == "\"ab\xEF\xBF\xBD\\u0001\\\"c\xC3\xA9\"");  // the line writers' escaper agrees
}

TEST_CASE("json: the policy document round-trips every number", "[db]") {
    db::Policy p;
    p.policy_rate = 0.1 + 0.2;
    p.trust_level = "signed";
    const auto parsed = nlohmann::json::parse(db::policy_json(p));
    CHECK(parsed.at("policy_rate").get<double>() == p.policy_rate);
    CHECK(parsed.at("soft_limit").get<int>() == p.soft_limit);
    CHECK(parsed.at("throttle_duration").get<double>() == p.throttle_duration);
    CHECK(parsed.at("trust_level") == "signed");
    CHECK(parsed.size() == 19);
}
