#include <catch2/catch.hpp>

#include "bounced/report/remedies.h"

using bounced::report::Language;
using bounced::report::remedies_for;
using classify::Reason;

TEST_CASE("remedies: every failure reason has advice in both languages", "[bounced]") {
    std::size_t count = 0;
    const Reason* reasons = classify::all_reasons(&count);
    for (std::size_t i = 0; i < count; ++i) {
        auto cls = classify::class_of(reasons[i], false);
        bool failure = cls == classify::BounceClass::hard || cls == classify::BounceClass::soft ||
                       cls == classify::BounceClass::policy || cls == classify::BounceClass::complaint;
        INFO("reason " << classify::to_string(reasons[i]));
        CHECK(remedies_for(reasons[i], "", "", Language::en).empty() == !failure);
        CHECK(remedies_for(reasons[i], "", "", Language::ja).empty() == !failure);
    }
}

TEST_CASE("remedies: the specific advice comes first", "[bounced]") {
    auto outlook = remedies_for(Reason::userunknown, "5.4.1", "Recipient address rejected: Access denied", Language::en);
    REQUIRE(outlook.size() == 1);
    CHECK(outlook[0].topic == "outlook-5.4.1");
    auto plain = remedies_for(Reason::userunknown, "5.1.1", "User unknown", Language::en);
    REQUIRE(plain.size() == 1);
    CHECK(plain[0].topic == "address-typo");
    auto listed = remedies_for(Reason::blocked, "5.7.1", "blocked using zen.spamhaus.org", Language::en);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].topic == "blocklist");
    CHECK(listed[1].topic == "sender-blocked");
    auto unlisted = remedies_for(Reason::blocked, "5.7.1", "Access denied", Language::en);
    REQUIRE(unlisted.size() == 1);
    CHECK(unlisted[0].topic == "sender-blocked");
}

TEST_CASE("remedies: the Japanese text is Japanese", "[bounced]") {
    auto ja = remedies_for(Reason::requireptr, "5.7.25", "", Language::ja);
    REQUIRE(ja.size() == 1);
    CHECK(ja[0].text.find("PTR") != std::string_view::npos);
    CHECK(ja[0].text.find("逆引き") != std::string_view::npos);
    Language lang;
    CHECK(bounced::report::parse_language("ja", &lang));
    CHECK(lang == Language::ja);
    CHECK_FALSE(bounced::report::parse_language("fr", &lang));
}
