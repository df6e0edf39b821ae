// The decisions of diagnosis.cc, one test per decision: which status code is
// reported, which reason the words or the codes give, and when a bounce counts as
// temporary. Each case is Evidence as a decoder would hand it over.
#include <catch2/catch.hpp>

#include "classify/diagnosis.h"

namespace {

classify::Evidence evidence(const std::string& diagnostic, const std::string& status = "",
                            const std::string& command = "",
                            classify::RecipientSource source = classify::RecipientSource::dsn) {
    classify::Evidence e;
    e.recipient = "taro@example.jp";
    e.action = "failed";
    e.status = status;
    e.diagnostic = diagnostic;
    e.smtp_command = command;
    e.source = source;
    return e;
}

classify::RecipientResult diagnosed(const classify::Evidence& e) { return classify::diagnose(e, classify::Limits{}); }

}  // namespace

TEST_CASE("diagnosis: the receiver's specific code wins over the reporting MTA's summary", "[classify][diagnosis]") {
    // sendmail states 4.4.7 (delivery time expired) for a receiver that said 4.7.1.
    auto r = diagnosed(evidence("450 4.7.1 <c1.example.net[192.0.2.56]>: Client host rejected: may not be "
                                "mail exchanger", "4.4.7"));
    CHECK(r.status == "4.7.1");
    CHECK(r.reply_code == 450);
    // A stated 5.1.1 beside a receiver's 5.7.1.
    CHECK(diagnosed(evidence("550 5.7.1 IP address blacklisted by recipient", "5.1.1")).status == "5.7.1");
}

TEST_CASE("diagnosis: the stated code stays when the receiver said it too, or quoted only a vague code",
          "[classify][diagnosis]") {
    // SES quotes the receiver after its own code; a decoder that picked the quoted one keeps it.
    CHECK(diagnosed(evidence("554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection "
                             "timed out>", "4.4.2")).status == "4.4.2");
    CHECK(diagnosed(evidence("550 5.0.0 Mailbox unavailable", "5.1.1")).status == "5.1.1");
    // Codes with a multi-digit detail are not taken over the stated one.
    CHECK(diagnosed(evidence("550 5.7.606 Access denied, banned sending IP", "5.7.1")).status == "5.7.1");
}
