// The SES JSON notification read with nlohmann-json (classify/formats/amazon_ses.cc):
// a deep or broken document is no crash and no bounce, and values nested deeper than
// a notification ever is are dropped while parsing.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"

namespace {

std::string ses_mail(const std::string& json) {
    return "From: SES <no-reply@sns.amazonaws.com>\nTo: ops@list.example\nSubject: AWS Notification Message\n"
           "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + json + "\n";
}

const std::string kBounce =
    "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
    "\"bouncedRecipients\":[{\"emailAddress\":\"a@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\","
    "\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}]";

}  // namespace

TEST_CASE("ses json: a hostile nesting inside the notification is dropped, the bounce still read",
          "[classify][providers]") {
    const std::string deep = std::string(50000, '[') + std::string(50000, ']');
    const auto report = classify::classify_message(ses_mail(kBounce + ",\"extra\":" + deep + "}}"), classify::Limits{});
    REQUIRE(report.format == "amazon-ses");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "a@example.org");
    CHECK(report.recipients[0].status == "5.1.1");
}

TEST_CASE("ses json: an unclosed or non-object document is not read as a notification", "[classify][providers]") {
    CHECK(classify::classify_message(ses_mail(kBounce), classify::Limits{}).format != "amazon-ses");
    CHECK(classify::classify_message(ses_mail(std::string(50000, '{')), classify::Limits{}).format != "amazon-ses");
    CHECK(classify::classify_message(ses_mail("{\"notificationType\":\"Bounce\",\"bounce\":[1,2]}"),
                                     classify::Limits{})
              .recipients.empty());
}
