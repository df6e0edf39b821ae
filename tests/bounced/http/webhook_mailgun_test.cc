// POST /webhooks/mailgun on a real server against a real PostgreSQL: events in
// Mailgun's documented webhook shape (written here, signed here with a test key);
// valid, forged, expired and replayed requests, the same event twice, and what each
// event type becomes in the store.
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>

#include "tests/bounced/http/serve_fixture.h"

using http_test::json_of;
using nlohmann::json;

namespace {

constexpr const char* kKey = "key-test-0123456789abcdef0123456789";

std::string hmac_hex(const std::string& key, const std::string& data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), mac, &n);
    std::string out;
    char buf[3];
    for (unsigned int i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", mac[i]);
        out += buf;
    }
    return out;
}

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// `bounced serve` with a Mailgun signing key (and no API token use here).
class Mailgun : public http_test::Served {
public:
    Mailgun() : Served([](config::Settings& s) { s.webhooks.mailgun_signing_key = kKey; }) {}

    httplib::Result post(const json& body) { return bare().Post("/webhooks/mailgun", body.dump(), "application/json"); }
};

// The signature block Mailgun sends, signed with `key`.
json signature(const std::string& token, long long timestamp, const std::string& key = kKey) {
    const std::string ts = std::to_string(timestamp);
    return {{"timestamp", ts}, {"token", token}, {"signature", hmac_hex(key, ts + token)}};
}

// A permanent failure as Mailgun's webhook documentation shows it: the receiver's
// reply in delivery-status.message, its code in delivery-status.code.
json failed_event(const std::string& id, const std::string& recipient, const std::string& severity,
                  const std::string& message, int code) {
    return {{"event", "failed"},
            {"id", id},
            {"timestamp", 1714566600.25},
            {"log-level", "error"},
            {"severity", severity},
            {"reason", "bounce"},
            {"recipient", recipient},
            {"recipient-domain", recipient.substr(recipient.find('@') + 1)},
            {"envelope", {{"transport", "smtp"}, {"sender", "news@mg.list.example"}, {"sending-ip", "192.0.2.5"}}},
            {"message", {{"headers", {{"to", recipient}, {"message-id", "20240501.1234@mg.list.example"},
                                      {"from", "news@mg.list.example"}, {"subject", "May news"}}},
                         {"attachments", json::array()}, {"size", 4321}}},
            {"delivery-status", {{"attempt-no", 1}, {"code", code}, {"message", message}, {"description", ""},
                                 {"mx-host", "mx.example.org"}, {"session-seconds", 0.4}, {"tls", true}}},
            {"flags", {{"is-routed", false}, {"is-authenticated", true}, {"is-test-mode", false}}},
            {"user-variables", json::object()}};
}

json body(const json& event, const std::string& token, long long timestamp = unix_now(), const std::string& key = kKey) {
    return {{"signature", signature(token, timestamp, key)}, {"event-data", event}};
}

const std::string kUnknownUser = "5.1.1 The email account that you tried to reach does not exist. Please try "
                                 "double-checking the recipient's email address for typos or unnecessary spaces.";

}  // namespace

TEST_CASE("mailgun: a signed permanent failure is classified by the rules and suppresses", "[pg][http]") {
    Mailgun m;
    if (!m.ready()) return;
    auto r = m.post(body(failed_event("ev-perm-1", "Alice@Example.org", "permanent", kUnknownUser, 550), "tok-1"));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    const auto answer = json_of(r);
    CHECK(answer["applied"] == 1);
    REQUIRE(answer["decisions"].size() == 1);
    CHECK(answer["decisions"][0]["kind"] == "suppressed");

    db::SendStatus status;
    REQUIRE(m.store->check("alice@example.org", &status).ok());
    CHECK_FALSE(status.allowed);
    CHECK(status.bounce_class == "hard");
    CHECK(status.reason == "userunknown");  // what the rules make of a mailbox bounce with these words

    db::SubscriberDetail detail;
    REQUIRE(m.store->show("alice@example.org", &detail).ok());
    REQUIRE(detail.history.size() == 1);
    const auto& e = detail.history.front();
    CHECK(e.source == "mailgun");
    CHECK(e.fingerprint == "mailgun:ev-perm-1");
    CHECK(e.trusted);
    CHECK(e.trust == "signed");
    CHECK(e.signature == "valid");
    CHECK(e.reply_code == 550);
    CHECK(e.status_code == "5.1.1");
    CHECK(e.remote_mta == "mx.example.org");
    CHECK(e.rule.find("mailgun:permanent") != std::string::npos);
    CHECK(e.original_message_id.find("20240501.1234@mg.list.example") != std::string::npos);
    CHECK(e.raw_kept);
    std::string raw;
    bool found = false;
    REQUIRE(m.store->raw_message("mailgun:ev-perm-1", &raw, &found).ok());
    CHECK(found);
    CHECK(json::parse(raw)["event-data"]["id"] == "ev-perm-1");  // the payload as it came
}

TEST_CASE("mailgun: forged, expired and replayed requests are refused and change nothing", "[pg][http]") {
    Mailgun m;
    if (!m.ready()) return;
    const auto event = failed_event("ev-x", "bob@example.org", "permanent", kUnknownUser, 550);

    auto forged = m.post(body(event, "tok-forged", unix_now(), "key-someone-else-0123456789abcdef"));
    REQUIRE(forged);
    CHECK(forged->status == 401);
    auto tampered = body(event, "tok-tampered");
    tampered["signature"]["token"] = "tok-tampered-2";  // signature of another token
    CHECK(m.post(tampered)->status == 401);
    auto no_signature = body(event, "tok-none");
    no_signature["signature"].erase("signature");
    CHECK(m.post(no_signature)->status == 401);

    auto expired = m.post(body(event, "tok-old", unix_now() - 10 * 60));
    REQUIRE(expired);
    CHECK(expired->status == 406);
    CHECK(m.post(body(event, "tok-future", unix_now() + 10 * 60))->status == 406);
    CHECK(m.post(json{{"event-data", event}})->status == 400);
    CHECK(m.post(json::array())->status == 400);
    CHECK(m.events() == 0);
    CHECK(m.tokens() == 0);

    const auto first = body(event, "tok-once");
    CHECK(m.post(first)->status == 200);
    CHECK(m.events() == 1);
    auto replay = m.post(first);
    REQUIRE(replay);
    CHECK(replay->status == 406);
    CHECK(json_of(replay)["error"].get<std::string>().find("replay") != std::string::npos);
    // Another event under a token already used: refused too, its event not stored.
    CHECK(m.post(body(failed_event("ev-y", "carol@example.org", "permanent", kUnknownUser, 550), "tok-once"))->status ==
          406);
    CHECK(m.events() == 1);
    db::SendStatus carol;
    REQUIRE(m.store->check("carol@example.org", &carol).ok());
    CHECK(carol.allowed);
}

TEST_CASE("mailgun: the same event id posted twice leaves one decision", "[pg][http]") {
    Mailgun m;
    if (!m.ready()) return;
    const auto event = failed_event("ev-dup", "dave@example.org", "permanent", kUnknownUser, 550);
    auto one = m.post(body(event, "tok-a"));
    auto two = m.post(body(event, "tok-b"));  // Mailgun's retry: a new token, the same event
    REQUIRE(one);
    REQUIRE(two);
    CHECK(one->status == 200);
    CHECK(two->status == 200);
    CHECK(json_of(one)["decisions"].size() == 1);
    CHECK(json_of(two)["applied"] == 0);
    CHECK(json_of(two)["duplicates"] == 1);
    CHECK(json_of(two)["decisions"].empty());
    CHECK(m.events() == 1);
    CHECK(m.pg.count("SELECT hard_count FROM subscribers WHERE address = 'dave@example.org'") == 1);
}

TEST_CASE("mailgun: temporary failures back off, complaints and unsubscribes suppress", "[pg][http]") {
    Mailgun m;
    if (!m.ready()) return;
    // A temporary failure that gives no reply the rules read: the severity decides (soft).
    auto temp = failed_event("ev-temp", "erin@example.org", "temporary", "", 0);
    auto r = m.post(body(temp, "tok-t"));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    REQUIRE(json_of(r)["decisions"].size() == 1);
    CHECK(json_of(r)["decisions"][0]["kind"] == "backoff");
    db::SendStatus erin;
    REQUIRE(m.store->check("erin@example.org", &erin).ok());
    CHECK(erin.why == "backoff");
    CHECK(m.pg.query("SELECT bounce_class || ' ' || rule FROM bounce_events WHERE address = 'erin@example.org'") ==
          std::vector<std::string>{"soft mailgun:temporary"});

    // Temporary with a user-unknown reply: the reason is the rules', but Mailgun still
    // retries, so it is not final: soft.
    r = m.post(body(failed_event("ev-temp2", "fay@example.org", "temporary", kUnknownUser, 550), "tok-t2"));
    CHECK(r->status == 200);
    CHECK(m.pg.query("SELECT bounce_class || ' ' || reason FROM bounce_events WHERE address = 'fay@example.org'") ==
          std::vector<std::string>{"soft userunknown"});

    // A permanent failure with words no rule knows: the severity decides (hard).
    r = m.post(body(failed_event("ev-perm-odd", "gus@example.org", "permanent", "", 605), "tok-p"));
    CHECK(r->status == 200);
    CHECK(m.pg.query("SELECT bounce_class || ' ' || rule FROM bounce_events WHERE address = 'gus@example.org'") ==
          std::vector<std::string>{"hard mailgun:permanent"});

    json complained = {{"event", "complained"}, {"id", "ev-c"}, {"timestamp", 1714566600.0},
                       {"recipient", "hal@example.org"}, {"message", {{"headers", {{"message-id", "c@mg"}}}}}};
    r = m.post(body(complained, "tok-c"));
    CHECK(r->status == 200);
    db::SendStatus hal;
    REQUIRE(m.store->check("hal@example.org", &hal).ok());
    CHECK(hal.why == "suppressed");
    CHECK(hal.bounce_class == "complaint");
    CHECK(hal.reason == "feedback");

    json unsubscribed = {{"event", "unsubscribed"}, {"id", "ev-u"}, {"timestamp", 1714566600.0},
                         {"recipient", "ivy@example.org"}};
    r = m.post(body(unsubscribed, "tok-u"));
    CHECK(r->status == 200);
    db::SendStatus ivy;
    REQUIRE(m.store->check("ivy@example.org", &ivy).ok());
    CHECK(ivy.why == "suppressed");
    CHECK(ivy.reason == "unsubscribed");

    // Signed events of other types change nothing.
    json opened = {{"event", "opened"}, {"id", "ev-o"}, {"recipient", "jo@example.org"}};
    r = m.post(body(opened, "tok-o"));
    CHECK(r->status == 200);
    CHECK(json_of(r)["ignored"] == "opened");
    CHECK(m.pg.count("SELECT count(*) FROM bounce_events WHERE address = 'jo@example.org'") == 0);

    // A failed event without severity, or without a usable recipient: 400, nothing stored.
    auto bad = failed_event("ev-bad", "kim@example.org", "permanent", kUnknownUser, 550);
    bad.erase("severity");
    CHECK(m.post(body(bad, "tok-bad"))->status == 400);
    CHECK(m.post(body(failed_event("ev-bad2", "not-an-address", "permanent", "", 0), "tok-bad2"))->status == 400);
    CHECK(m.pg.count("SELECT count(*) FROM webhook_tokens WHERE token LIKE 'tok-bad%'") == 0);
}

TEST_CASE("mailgun: without a signing key the path does not exist", "[pg][http]") {
    http_test::Served s;  // no [webhooks] key
    if (!s.ready()) return;
    auto r = s.bare().Post("/webhooks/mailgun", body(json::object(), "t").dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);
}
