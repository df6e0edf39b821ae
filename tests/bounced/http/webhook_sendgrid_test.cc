// POST /webhooks/sendgrid on a real server against a real PostgreSQL: event batches in
// SendGrid's documented Event Webhook shape (written here), signed here with an EC
// P-256 key made at test time, as SendGrid's Signed Event Webhook signs them; valid,
// forged, expired and replayed requests, and what each event type becomes.
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>

#include "classify/classifier.h"

#include "tests/bounced/http/serve_fixture.h"

using http_test::json_of;
using nlohmann::json;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Key new_key() { return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), &EVP_PKEY_free); }

std::string public_der(EVP_PKEY* key) {
    unsigned char* out = nullptr;
    const int n = i2d_PUBKEY(key, &out);
    REQUIRE(n > 0);
    std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
    OPENSSL_free(out);
    return der;
}

std::string base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// The base64 DER ECDSA-SHA256 signature of timestamp + body, as SendGrid sends it.
std::string sign(EVP_PKEY* key, const std::string& timestamp, const std::string& body) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const std::string text = timestamp + body;
    std::size_t length = 0;
    REQUIRE(EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key) == 1);
    REQUIRE(EVP_DigestSign(md.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(text.data()),
                           text.size()) == 1);
    std::string sig(length, '\0');
    REQUIRE(EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &length,
                           reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1);
    sig.resize(length);
    return base64(sig);
}

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The key SendGrid signs with; a base of the fixture, so that it exists before the
// server is configured with its public half.
struct SigningKey {
    Key key = new_key();
};

// `bounced serve` with SendGrid's public key (of `key`).
class SendGrid : public SigningKey, public http_test::Served {
public:
    SendGrid()
        : Served([this](config::Settings& s) {
              REQUIRE(key);
              s.webhooks.sendgrid_public_key = public_der(key.get());
          }) {}

    // Posts `body` with the headers SendGrid sends; signature "" signs with `signer`.
    httplib::Result post(const std::string& body, long long timestamp, EVP_PKEY* signer = nullptr,
                         std::string signature = "") {
        const std::string ts = std::to_string(timestamp);
        if (signature.empty()) signature = sign(signer ? signer : key.get(), ts, body);
        httplib::Headers headers{{"X-Twilio-Email-Event-Webhook-Signature", signature},
                                 {"X-Twilio-Email-Event-Webhook-Timestamp", ts}};
        return bare().Post("/webhooks/sendgrid", headers, body, "application/json");
    }
    httplib::Result post(const json& events) { return post(events.dump(), unix_now()); }
    httplib::Result unsigned_post(const std::string& body) {
        return bare().Post("/webhooks/sendgrid", body, "application/json");
    }
};

// Events as SendGrid's Event Webhook reference shows them (the fields bounced reads,
// and some it does not).
json event(const std::string& kind, const std::string& id, const std::string& email) {
    return {{"email", email},
            {"timestamp", 1714566600},
            {"event", kind},
            {"smtp-id", "<20240501.news.1@list.example>"},
            {"sg_event_id", id},
            {"sg_message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
            {"category", json::array({"newsletter"})}};
}

json bounce(const std::string& id, const std::string& email, const std::string& type, const std::string& reason,
            const std::string& status) {
    json e = event("bounce", id, email);
    e["type"] = type;
    e["reason"] = reason;
    e["status"] = status;
    e["bounce_classification"] = "Invalid Address";
    e["tls"] = 1;
    return e;
}

const std::string kUnknownUser = "550 5.1.1 The email account that you tried to reach does not exist.";

}  // namespace

TEST_CASE("sendgrid: a signed batch is stored, each event as its type says", "[pg][http]") {
    SendGrid s;
    if (!s.ready()) return;
    json deferred = event("deferred", "ev-def", "dora@example.org");
    deferred["response"] = "452 4.2.2 The email account that you tried to reach is over quota.";
    deferred["attempt"] = "3";
    json dropped = event("dropped", "ev-drop", "dan@example.org");
    dropped["reason"] = "Bounced Address";
    json dropped_other = event("dropped", "ev-drop2", "dirk@example.org");
    dropped_other["reason"] = "Spam Content (if spam checker app enabled)";
    json invalid = event("dropped", "ev-inv", "not an address@");
    invalid["reason"] = "Invalid";
    const json batch = json::array(
        {bounce("ev-hard", "Alice@Example.org", "bounce", kUnknownUser, "5.1.1"),
         bounce("ev-block", "bert@example.net", "blocked",
                "550 5.7.1 Service unavailable; client host [192.0.2.5] blocked using zen.spamhaus.org", "5.7.1"),
         bounce("ev-block2", "bea@example.net", "blocked", "", ""), deferred, dropped, dropped_other,
         event("spamreport", "ev-spam", "sam@example.org"), event("unsubscribe", "ev-unsub", "una@example.org"),
         event("group_unsubscribe", "ev-gunsub", "gus@example.org"), event("delivered", "ev-del", "del@example.org"),
         event("open", "ev-open", "opal@example.org"), invalid});
    auto r = s.post(batch);
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    CHECK(json_of(r)["applied"] == 8);  // the ignored dropped, delivered and open are not
    CHECK(json_of(r)["ignored"] == "(no usable email),delivered,dropped,open");

    db::SendStatus status;
    REQUIRE(s.store->check("alice@example.org", &status).ok());
    CHECK(status.why == "suppressed");
    CHECK(status.reason == "userunknown");  // the rules' reading of the relayed reply
    CHECK(s.row("alice@example.org")[0].find("hard userunknown") == 0);
    CHECK(s.row("alice@example.org")[0].find("sendgrid:bounce") != std::string::npos);

    // blocked: the reply's words decide (a blocklist: policy); without words, policy.
    CHECK(s.row("bert@example.net")[0].find("policy ") == 0);
    CHECK(s.row("bert@example.net")[0].find("sendgrid:blocked") != std::string::npos);
    CHECK(s.row("bea@example.net") == std::vector<std::string>{"policy blocked sendgrid:blocked"});
    REQUIRE(s.store->check("bert@example.net", &status).ok());
    CHECK(status.allowed);  // the subscriber is untouched

    // deferred: delayed with the cause the reply gives; changes no status.
    CHECK(s.row("dora@example.org")[0].find("delayed mailboxfull") == 0);
    REQUIRE(s.store->check("dora@example.org", &status).ok());
    CHECK(status.allowed);

    REQUIRE(s.store->check("dan@example.org", &status).ok());
    CHECK(status.why == "suppressed");
    CHECK(status.bounce_class == "hard");
    CHECK(s.row("dirk@example.org").empty());  // dropped for a reason about the content: not the address

    REQUIRE(s.store->check("sam@example.org", &status).ok());
    CHECK(status.bounce_class == "complaint");
    CHECK(status.reason == "feedback");
    for (const char* who : {"una@example.org", "gus@example.org"}) {
        REQUIRE(s.store->check(who, &status).ok());
        CHECK(status.why == "suppressed");
        CHECK(status.reason == "unsubscribed");
    }
    CHECK(s.row("del@example.org").empty());
    CHECK(s.row("opal@example.org").empty());

    db::SubscriberDetail detail;
    REQUIRE(s.store->show("alice@example.org", &detail).ok());
    REQUIRE(detail.history.size() == 1);
    const auto& e = detail.history.front();
    CHECK(e.source == "sendgrid");
    CHECK(e.fingerprint == "sendgrid:ev-hard");
    CHECK(e.trust == "signed");
    CHECK(e.reply_code == 550);
    CHECK(e.status_code == "5.1.1");
    CHECK(e.original_message_id.find("20240501.news.1@list.example") != std::string::npos);
    std::string raw;
    bool found = false;
    REQUIRE(s.store->raw_message("sendgrid:ev-hard", &raw, &found).ok());
    CHECK(found);
    CHECK(json::parse(raw)["sg_event_id"] == "ev-hard");  // the event itself, not the whole batch
}

TEST_CASE("sendgrid: forged, expired and replayed batches are refused and change nothing", "[pg][http]") {
    SendGrid s;
    if (!s.ready()) return;
    const std::string body = json::array({bounce("ev-1", "bob@example.org", "bounce", kUnknownUser, "5.1.1")}).dump();
    const long long now = unix_now();

    const Key other = new_key();
    auto forged = s.post(body, now, other.get());  // signed with someone else's key
    REQUIRE(forged);
    CHECK(forged->status == 401);
    // A valid signature over another body, or over another timestamp.
    const std::string other_body = json::array({bounce("ev-2", "eve@example.org", "bounce", kUnknownUser, "5.1.1")}).dump();
    CHECK(s.post(body, now, nullptr, sign(s.key.get(), std::to_string(now), other_body))->status == 401);
    CHECK(s.post(body, now, nullptr, sign(s.key.get(), std::to_string(now - 1), body))->status == 401);
    CHECK(s.post(body, now, nullptr, "not base64!")->status == 401);
    CHECK(s.unsigned_post(body)->status == 401);  // the Event Webhook without signing turned on

    auto expired = s.post(body, now - 10 * 60);
    REQUIRE(expired);
    CHECK(expired->status == 406);
    CHECK(s.post(body, now + 10 * 60)->status == 406);
    CHECK(s.events() == 0);
    CHECK(s.pg.count("SELECT count(*) FROM webhook_tokens") == 0);

    // Signed, but not a batch: 400 (after the signature: nothing unsigned is parsed).
    CHECK(s.post("{\"event\":\"bounce\"}", now)->status == 400);
    json no_id = bounce("ev-3", "bob@example.org", "bounce", kUnknownUser, "5.1.1");
    no_id.erase("sg_event_id");
    CHECK(s.post(json::array({no_id}).dump(), now)->status == 400);
    CHECK(s.events() == 0);

    const std::string signature = sign(s.key.get(), std::to_string(now), body);
    CHECK(s.post(body, now, nullptr, signature)->status == 200);
    CHECK(s.events() == 1);
    auto replay = s.post(body, now, nullptr, signature);
    REQUIRE(replay);
    CHECK(replay->status == 406);
    CHECK(json_of(replay)["error"].get<std::string>().find("replay") != std::string::npos);
    // The same signed text under another valid signature (ECDSA signs at random): still a replay.
    CHECK(s.post(body, now)->status == 406);
    CHECK(s.events() == 1);
}

TEST_CASE("sendgrid: the same event in a new batch changes nothing", "[pg][http]") {
    SendGrid s;
    if (!s.ready()) return;
    const auto e = bounce("ev-dup", "dave@example.org", "bounce", kUnknownUser, "5.1.1");
    auto one = s.post(json::array({e}));
    auto two = s.post(json::array({e, event("open", "ev-o", "dave@example.org")}));  // SendGrid's retry, rebatched
    REQUIRE(one);
    REQUIRE(two);
    CHECK(one->status == 200);
    CHECK(two->status == 200);
    CHECK(json_of(two)["applied"] == 0);
    CHECK(json_of(two)["duplicates"] == 1);
    CHECK(s.events() == 1);
    CHECK(s.pg.count("SELECT hard_count FROM subscribers WHERE address = 'dave@example.org'") == 1);
}

TEST_CASE("sendgrid: without a public key the path does not exist", "[pg][http]") {
    http_test::Served s;
    if (!s.ready()) return;
    auto r = s.bare().Post("/webhooks/sendgrid", "[]", "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);
}

namespace {

// deploy/samples/01-postfix-user-unknown.eml as the mailbox path stores it (the
// pipeline's classify, then Store::apply): Postfix's DSN for hanako@example.org,
// 550 5.1.1, original Message-ID <weekly-2026-46.hanako@list.example>.
db::IncomingMessage mailbox_bounce() {
    std::ifstream in(BOUNCED_SOURCE_DIR "/deploy/samples/01-postfix-user-unknown.eml", std::ios::binary);
    std::stringstream raw;
    raw << in.rdbuf();
    REQUIRE(!raw.str().empty());
    db::IncomingMessage m;
    m.fingerprint = db::fingerprint_of(raw.str());
    m.source = "maildir:new/01-postfix-user-unknown.eml";
    m.report = classify::classify_message(raw.str());
    m.raw = raw.str();
    return m;
}

// The same failure as SendGrid reports it: same recipient, same original message.
json same_failure_from_sendgrid(const std::string& id) {
    json e = bounce(id, "hanako@example.org", "bounce",
                    "550 5.1.1 <hanako@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
                    "5.1.1");
    e["smtp-id"] = "<weekly-2026-46.hanako@list.example>";
    return e;
}

void check_one_decision(SendGrid& s) {
    db::SendStatus status;
    REQUIRE(s.store->check("hanako@example.org", &status).ok());
    CHECK(status.why == "suppressed");
    CHECK(status.bounce_class == "hard");
    CHECK(status.reason == "userunknown");
    CHECK(s.pg.query("SELECT concat_ws(' ', hard_count, bounce_count, complaint_count) FROM subscribers"
                     " WHERE address = 'hanako@example.org'") == std::vector<std::string>{"1 1 0"});
    // Both reports are kept as evidence.
    CHECK(s.pg.count("SELECT count(*) FROM bounce_events WHERE address = 'hanako@example.org'") == 2);
}

}  // namespace

TEST_CASE("one decision: the same hard bounce by mail, then by webhook, counts once", "[pg][http]") {
    SendGrid s;
    if (!s.ready()) return;
    const auto mail = s.store->apply({mailbox_bounce()});
    REQUIRE(mail.status.ok());
    REQUIRE(mail.decisions.size() == 1);
    CHECK(mail.decisions[0].kind == "suppressed");
    const db::Time suppressed_at = s.pg.now();
    s.pg.advance(3600);
    auto r = s.post(json::array({same_failure_from_sendgrid("ev-hanako")}));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    CHECK(json_of(r)["applied"] == 1);         // stored, as evidence
    CHECK(json_of(r)["decisions"].empty());    // and decides nothing
    check_one_decision(s);
    // The first report decided: the suppression is the mailbox bounce's.
    db::SubscriberDetail detail;
    REQUIRE(s.store->show("hanako@example.org", &detail).ok());
    CHECK(detail.suppression.source == "bounce");
    REQUIRE(detail.suppression.since);
    CHECK(*detail.suppression.since == suppressed_at);
}

TEST_CASE("one decision: the same hard bounce by webhook, then by mail, counts once", "[pg][http]") {
    SendGrid s;
    if (!s.ready()) return;
    auto r = s.post(json::array({same_failure_from_sendgrid("ev-hanako-2")}));
    REQUIRE(r);
    CHECK(r->status == 200);
    REQUIRE(json_of(r)["decisions"].size() == 1);
    s.pg.advance(60);
    const auto mail = s.store->apply({mailbox_bounce()});
    REQUIRE(mail.status.ok());
    CHECK(mail.applied == 1);
    CHECK(mail.decisions.empty());
    check_one_decision(s);
    // Another send to the same address that fails again is news: it counts.
    json later = same_failure_from_sendgrid("ev-hanako-3");
    later["smtp-id"] = "<weekly-2026-47.hanako@list.example>";
    CHECK(s.post(json::array({later}))->status == 200);
    CHECK(s.pg.count("SELECT hard_count FROM subscribers WHERE address = 'hanako@example.org'") == 2);
}
