// POST /webhooks/postmark on a real server against a real PostgreSQL: bounce and
// spam-complaint webhooks in Postmark's documented shape (written here), with and
// without the basic-auth credentials, from inside and outside the allowed networks;
// the same event twice, and what each bounce type becomes.
#include <catch2/catch.hpp>

#include <memory>

#include "config/networks.h"
#include "tests/bounced/http/serve_fixture.h"

using http_test::json_of;
using nlohmann::json;

namespace {

constexpr const char* kUser = "postmark";
constexpr const char* kPassword = "a-password-of-some-length";

// `bounced serve` with Postmark's credentials and, optionally, an allow-list.
class Postmark : public http_test::Served {
public:
    explicit Postmark(const std::string& allow_from = "")
        : Served([&allow_from](config::Settings& s) {
              s.webhooks.postmark_user = kUser;
              s.webhooks.postmark_password = kPassword;
              s.webhooks.postmark_allow_from = allow_from;
              REQUIRE(config::parse_networks(allow_from, &s.webhooks.postmark_networks).empty());
          }) {}

    httplib::Result post(const json& body, const std::string& user = kUser, const std::string& password = kPassword) {
        auto client = bare();
        if (!user.empty()) client.set_basic_auth(user.c_str(), password.c_str());
        return client.Post("/webhooks/postmark", body.dump(), "application/json");
    }
};

// A bounce webhook as Postmark's documentation shows it.
json bounce(long long id, const std::string& email, const std::string& type, int type_code,
            const std::string& details) {
    return {{"RecordType", "Bounce"},
            {"MessageStream", "outbound"},
            {"ID", id},
            {"Type", type},
            {"TypeCode", type_code},
            {"Name", "Hard bounce"},
            {"Tag", "weekly"},
            {"MessageID", "883953f4-6105-42a2-a16a-77a8eac79483"},
            {"Metadata", {{"list", "weekly"}}},
            {"ServerID", 23},
            {"Description", "The server was unable to deliver your message (ex: unknown user, mailbox not found)."},
            {"Details", details},
            {"Email", email},
            {"From", "news@list.example"},
            {"BouncedAt", "2024-05-01T16:33:54.9070259Z"},
            {"DumpAvailable", true},
            {"Inactive", true},
            {"CanActivate", true},
            {"Subject", "May news"},
            {"Content", ""}};
}

json complaint(long long id, const std::string& email) {
    json c = bounce(id, email, "SpamComplaint", 100001, "");
    c["RecordType"] = "SpamComplaint";
    c.erase("Details");
    return c;
}

}  // namespace

TEST_CASE("postmark: bounces and complaints with the credentials are stored as their type says", "[pg][http]") {
    Postmark p;
    if (!p.ready()) return;
    // Details quoting the receiver's reply: the rules read it.
    auto r = p.post(bounce(1001, "Alice@Example.org", "HardBounce", 1,
                           "smtp;550 5.1.1 The email account that you tried to reach does not exist."));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    REQUIRE(json_of(r)["decisions"].size() == 1);
    CHECK(json_of(r)["decisions"][0]["kind"] == "suppressed");
    db::SendStatus status;
    REQUIRE(p.store->check("alice@example.org", &status).ok());
    CHECK(status.reason == "userunknown");
    CHECK(p.row("alice@example.org")[0].find("postmark:HardBounce") != std::string::npos);

    // Words that quote no reply: Postmark's Type decides, and its generic Description
    // ("unknown user, mailbox not found") is not read as a reason.
    CHECK(p.post(bounce(1002, "ben@example.org", "HardBounce", 1, "Test bounce details"))->status == 200);
    CHECK(p.row("ben@example.org") == std::vector<std::string>{"hard onhold postmark:HardBounce"});

    CHECK(p.post(bounce(1003, "sue@example.org", "SoftBounce", 4096, ""))->status == 200);
    REQUIRE(p.store->check("sue@example.org", &status).ok());
    CHECK(status.why == "backoff");

    CHECK(p.post(bounce(1004, "tim@example.org", "Transient", 2, "smtp;421 4.4.2 Connection timed out"))->status == 200);
    CHECK(p.row("tim@example.org")[0].find("delayed ") == 0);
    REQUIRE(p.store->check("tim@example.org", &status).ok());
    CHECK(status.allowed);

    CHECK(p.post(bounce(1005, "bo@example.net", "Blocked", 100006, ""))->status == 200);
    CHECK(p.row("bo@example.net") == std::vector<std::string>{"policy blocked postmark:Blocked"});

    CHECK(p.post(complaint(1006, "cy@example.org"))->status == 200);
    REQUIRE(p.store->check("cy@example.org", &status).ok());
    CHECK(status.bounce_class == "complaint");

    CHECK(p.post(bounce(1007, "una@example.org", "Unsubscribe", 16, ""))->status == 200);
    REQUIRE(p.store->check("una@example.org", &status).ok());
    CHECK(status.reason == "unsubscribed");

    // Types that say nothing about the address: answered, nothing stored.
    r = p.post(bounce(1008, "ooo@example.org", "AutoResponder", 64, ""));
    CHECK(r->status == 200);
    CHECK(json_of(r)["ignored"] == "AutoResponder");
    json delivery = {{"RecordType", "Delivery"}, {"Recipient", "del@example.org"}, {"MessageID", "x"}};
    CHECK(json_of(p.post(delivery))["ignored"] == "Delivery");
    CHECK(p.row("ooo@example.org").empty());

    db::SubscriberDetail detail;
    REQUIRE(p.store->show("alice@example.org", &detail).ok());
    REQUIRE(detail.history.size() == 1);
    CHECK(detail.history[0].source == "postmark");
    CHECK(detail.history[0].fingerprint == "postmark:1001");
    CHECK(detail.history[0].trust == "signed");
    CHECK(detail.history[0].raw_kept);

    // No ID, or no address: 400, nothing stored.
    json no_id = bounce(1, "x@example.org", "HardBounce", 1, "");
    no_id.erase("ID");
    CHECK(p.post(no_id)->status == 400);
    CHECK(p.post(bounce(1009, "not-an-address", "HardBounce", 1, ""))->status == 400);
    CHECK(p.post(json::array())->status == 400);
    CHECK(p.row("x@example.org").empty());
}

TEST_CASE("postmark: without the credentials, or from outside the allowed networks, nothing changes",
          "[pg][http]") {
    const auto event = bounce(2001, "bob@example.org", "HardBounce", 1, "smtp;550 5.1.1 user unknown");
    {
        Postmark p;
        if (!p.ready()) return;
        auto none = p.post(event, "");
        REQUIRE(none);
        CHECK(none->status == 401);
        CHECK(none->get_header_value("WWW-Authenticate").find("Basic") == 0);
        CHECK(p.post(event, kUser, "wrong-password")->status == 401);
        CHECK(p.post(event, "someone", kPassword)->status == 401);
        CHECK(p.post(event, kUser, std::string(kPassword) + "x")->status == 401);
        CHECK(p.events() == 0);
        db::SendStatus status;
        REQUIRE(p.store->check("bob@example.org", &status).ok());
        CHECK(status.allowed);
    }
    {
        Postmark p("192.0.2.0/24, 2001:db8::/32");  // the test connects from 127.0.0.1
        if (!p.ready()) return;
        auto outside = p.post(event);
        REQUIRE(outside);
        CHECK(outside->status == 403);
        CHECK(p.events() == 0);
    }
    {
        Postmark p("192.0.2.0/24, 127.0.0.0/8");
        if (!p.ready()) return;
        CHECK(p.post(event)->status == 200);
        CHECK(p.events() == 1);
    }
}

TEST_CASE("postmark: the same event twice changes nothing the second time", "[pg][http]") {
    Postmark p;
    if (!p.ready()) return;
    const auto event = bounce(3001, "dave@example.org", "HardBounce", 1, "smtp;550 5.1.1 user unknown");
    auto one = p.post(event);
    auto two = p.post(event);  // Postmark's retry, or a replay by whoever saw the request
    REQUIRE(one);
    REQUIRE(two);
    CHECK(one->status == 200);
    CHECK(two->status == 200);
    CHECK(json_of(one)["applied"] == 1);
    CHECK(json_of(two)["applied"] == 0);
    CHECK(json_of(two)["duplicates"] == 1);
    CHECK(p.events() == 1);
    CHECK(p.pg.count("SELECT hard_count FROM subscribers WHERE address = 'dave@example.org'") == 1);
    CHECK(p.pg.count("SELECT bounce_count FROM subscribers WHERE address = 'dave@example.org'") == 1);
}

TEST_CASE("postmark: without credentials configured the path does not exist", "[pg][http]") {
    http_test::Served s;
    if (!s.ready()) return;
    auto r = s.bare().Post("/webhooks/postmark", "{}", "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);
}
