#include <catch2/catch.hpp>

#include "classify/rules/status_code.h"

using namespace classify;

TEST_CASE("status_code: finds the enhanced code in a reply", "[classify]") {
    CHECK(find_status_code("550 5.1.1 <a@b.example>... User unknown") == "5.1.1");
    CHECK(find_status_code("Sorry, no mailbox here by that name. (#5.1.1)") == "5.1.1");
    CHECK(find_status_code("421-4.7.650 The mail server has been temporarily rate limited") == "4.7.650");
    CHECK(find_status_code("nothing here") == "");
}

TEST_CASE("status_code: IP addresses and versions are not codes", "[classify]") {
    CHECK(find_status_code("host 192.0.2.4 said: hello") == "");
    CHECK(find_status_code("Exim 4.5.2.1 here") == "");
    CHECK(find_status_code("relay 10.5.0.1 then 5.7.1 denied") == "5.7.1");
}

TEST_CASE("status_code: finds the reply code that stands as a reply", "[classify]") {
    CHECK(find_reply_code("host mx.example.org [192.0.2.1]: 550 5.1.1 User unknown") == 550);
    CHECK(find_reply_code("said: 452-4.2.2 The email account is over quota") == 452);
    CHECK(find_reply_code("port 25025 and id 5501x") == 0);
    CHECK(find_reply_code("no code at all") == 0);
}

TEST_CASE("status_code: vague codes are X.0.0 and the pseudo codes", "[classify]") {
    CHECK(is_vague_status("5.0.0"));
    CHECK(is_vague_status("5.0.911"));
    CHECK_FALSE(is_vague_status("5.1.1"));
    CHECK_FALSE(is_vague_status("4.7.650"));
}

TEST_CASE("status_code: a specific code alone names a reason", "[classify]") {
    CHECK(reason_for_status("5.1.1") == Reason::userunknown);
    CHECK(reason_for_status("5.2.2") == Reason::mailboxfull);
    CHECK(reason_for_status("5.7.25") == Reason::requireptr);
    CHECK(reason_for_status("4.4.7") == Reason::expired);
    // RFC 3463 X.5.3: more recipients than the protocol allows at once. The sender
    // must split the message, as with a rate limit: not the recipient's size limit.
    CHECK(reason_for_status("4.5.3") == Reason::toomanyconn);
    CHECK(reason_for_status("2.0.0") == Reason::delivered);
    CHECK_FALSE(reason_for_status("5.9.99").has_value());
}

TEST_CASE("status_code: pseudo codes follow the sisimai convention", "[classify]") {
    CHECK(pseudo_status(Reason::userunknown, false) == "5.0.911");
    CHECK(pseudo_status(Reason::mailboxfull, false) == "5.0.922");
    CHECK(pseudo_status(Reason::expired, true) == "4.0.947");
    CHECK(pseudo_status(Reason::filtered, true) == "4.0.924");
}
