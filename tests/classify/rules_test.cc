// The reason table as a whole.
#include <catch2/catch.hpp>

#include "classify/reason.h"
#include "classify/rules/rules.h"

using namespace classify;

TEST_CASE("rules: every row compiles (an unknown text matches nothing, a known one matches)", "[classify]") {
    CHECK(reason_rule_count() > 20);
    CHECK_FALSE(match_reason_rules("the weather is fine today").has_value());
    auto m = match_reason_rules("550 5.1.1 user unknown");
    REQUIRE(m.has_value());
    CHECK(m->reason == Reason::userunknown);
}

TEST_CASE("rules: a full mailbox wins over a policy code", "[classify]") {
    auto m = match_reason_rules("550 5.7.1 email quota exceeded");
    REQUIRE(m.has_value());
    CHECK(m->reason == Reason::mailboxfull);
}

TEST_CASE("rules: a megabyte of near-matches is matched in linear time without a crash", "[classify]") {
    std::string hostile;
    while (hostile.size() < (1 << 20)) hostile += "user is not known to be unknow ";
    CHECK_NOTHROW(match_reason_rules(hostile));
}

TEST_CASE("reason: names round-trip and classes follow the contract", "[classify]") {
    std::size_t count = 0;
    const Reason* reasons = all_reasons(&count);
    CHECK(count == 36);
    for (std::size_t i = 0; i < count; ++i) {
        auto name = to_string(reasons[i]);
        REQUIRE(parse_reason(name).has_value());
        CHECK(*parse_reason(name) == reasons[i]);
    }
    CHECK(class_of(Reason::notaccept, false) == BounceClass::hard);
    CHECK(class_of(Reason::notaccept, true) == BounceClass::soft);
    CHECK(class_of(Reason::blocked, false) == BounceClass::policy);
    CHECK(class_of(Reason::feedback, false) == BounceClass::complaint);
    CHECK(to_string(BounceClass::delayed) == "delayed");
}

TEST_CASE("rules: every row says where its wording comes from", "[classify]") {
    for (std::size_t row = 0; row < reason_rule_count(); ++row) {
        INFO(reason_rule_name(row));
        CHECK_FALSE(rule_source(reason_rule_name(row)).empty());
    }
}

TEST_CASE("rules: a mailing list refusing the sender's post is rejected, not an unknown address", "[classify]") {
    for (const char* said : {"you are not allowed to post to this mailing list, and your message has been rejected",
                             "post by non-member to a members-only list",
                             "you are not a member of this mailing list",
                             "you may not have permission to post messages to the group"}) {
        INFO(said);
        auto m = match_reason_rules(said);
        REQUIRE(m.has_value());
        CHECK(m->reason == Reason::rejected);
        CHECK(std::string(m->name) == "list-posting-refused");
    }
}
