// Where a bounce comes from (bounced/trust/own_mta.h): Received clients as the common
// MTAs write them, and when a bounce counts as the list's own.
#include <catch2/catch.hpp>

#include "bounced/trust/own_mta.h"

using bounced::trust::own_hosts;
using bounced::trust::received_client;
using bounced::trust::remote_sender_host;
using bounced::trust::written_by_own_mta;

namespace {

classify::Headers received(std::initializer_list<std::string> values) {
    classify::Headers h;
    for (const auto& v : values) h.add("Received", v);
    return h;
}

}  // namespace

TEST_CASE("own_mta: the client address is read from each MTA's Received layout", "[trust]") {
    // Postfix, Exim, Sendmail, Courier (IPv4-mapped), IPv6 literal
    CHECK(received_client("from mx.example.org (mx.example.org [192.0.2.25]) by list.example (Postfix)").ip == "192.0.2.25");
    CHECK(received_client("from [198.51.100.7] (helo=evil) by list.example with esmtp (Exim 4.96)").ip == "198.51.100.7");
    CHECK(received_client("from relay (relay.example.net [203.0.113.5]) by list.example (8.17.1/8.17.1)").ip == "203.0.113.5");
    CHECK(received_client("from host.example (host.example [::ffff:192.0.2.9]) by list.example with ESMTP").ip == "192.0.2.9");
    CHECK(received_client("from x (x [IPv6:2001:db8::1]) by list.example").ip == "2001:db8::1");
    CHECK(received_client("by list.example (Postfix) id 4B1; Mon, 1 Jan 2024").ip.empty());
    CHECK(received_client("by list.example (Postfix) id 4B1; Mon, 1 Jan 2024").name.empty());
    CHECK(received_client("from mail by list.example with local (Exim 4.96)").name == "mail");
}

TEST_CASE("own_mta: a bounce our MTA wrote, or passed on through loopback, is ours", "[trust]") {
    const auto own = own_hosts({".list.example", "192.0.2.10"});
    const std::string dsn = "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.list.example\r\n";
    CHECK(written_by_own_mta(received({"by list.example (Postfix) id 1"}), dsn, own));
    CHECK(written_by_own_mta(received({"from localhost (localhost [127.0.0.1]) by list.example", "by list.example id 1"}), dsn, own));
    CHECK(written_by_own_mta(received({"from out1 (out1.list.example [192.0.2.10]) by in.list.example"}), dsn, own));
    CHECK(written_by_own_mta(received({"from mail by list.example with local (Exim 4.96)"}), dsn, own));
    CHECK(remote_sender_host(received({"by list.example (Postfix) id 1"}), own).empty());
}

TEST_CASE("own_mta: a bounce from outside is not ours, whatever names it claims", "[trust]") {
    const auto own = own_hosts({".list.example"});
    const std::string claims_ours = "Reporting-MTA: dns; mx.list.example\r\n";
    // HELO as our host, Reporting-MTA ours: the address our MTA saw decides
    const auto forged = received({"from mx.list.example (mx.list.example [203.0.113.66]) by list.example (Postfix)"});
    CHECK_FALSE(written_by_own_mta(forged, claims_ours, own));
    CHECK(remote_sender_host(forged, own) == "203.0.113.66");
    // a content filter re-injects on loopback: the field below still names the outside host
    const auto filtered = received({"from localhost (localhost [127.0.0.1]) by list.example (Postfix)",
                                    "from relay (relay.example.net [198.51.100.7]) by list.example (Postfix)"});
    CHECK_FALSE(written_by_own_mta(filtered, claims_ours, own));
    CHECK(remote_sender_host(filtered, own) == "198.51.100.7");
    // our MTA's path, but a Reporting-MTA that is not ours
    CHECK_FALSE(written_by_own_mta(received({"by list.example (Postfix) id 1"}), "Reporting-MTA: dns; mx.other.example\r\n", own));
    // more Received fields than anyone writes
    std::initializer_list<std::string> none = {};
    classify::Headers many = received(none);
    for (int i = 0; i < 101; ++i) many.add("Received", "by list.example id " + std::to_string(i));
    CHECK_FALSE(written_by_own_mta(many, "", own));
}
