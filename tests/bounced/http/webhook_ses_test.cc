// POST /webhooks/ses on a real server against a real PostgreSQL: SES events inside SNS
// messages in the shapes AWS documents (written here), signed here with an RSA key and
// a self-signed certificate made at test time, given to the server as
// [webhooks] ses_certificate_file (tests have no internet). Valid v1 and v2 signatures,
// forged ones, another topic, a certificate URL off SNS's hosts, an old timestamp and
// a replayed MessageId; what each SES event becomes; subscription confirmation against
// a server of the test's own on 127.0.0.1.
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "bounced/http/sns_url.h"
#include "tests/bounced/http/serve_fixture.h"

using http_test::json_of;
using nlohmann::json;

namespace {

constexpr const char* kTopic = "arn:aws:sns:us-east-1:123456789012:ses-bounces";
constexpr const char* kCertUrl =
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem";

// An RSA key and a self-signed certificate for it, valid from an hour ago for a day.
struct Signer {
    EVP_PKEY* key = nullptr;
    std::string pem;

    Signer() {
        key = EVP_RSA_gen(2048);
        REQUIRE(key);
        X509* cert = X509_new();
        X509_set_version(cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
        X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
        X509_set_pubkey(cert, key);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sns.amazonaws.com"),
                                   -1, -1, 0);
        X509_set_issuer_name(cert, name);
        REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_X509(bio, cert);
        char* data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        pem.assign(data, static_cast<std::size_t>(n));
        BIO_free(bio);
        X509_free(cert);
    }
    ~Signer() { EVP_PKEY_free(key); }

    // Base64 of the SHA1withRSA (version "1") or SHA256withRSA ("2") signature.
    std::string sign(const std::string& text, const std::string& version) const {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        REQUIRE(EVP_DigestSignInit(ctx, nullptr, version == "1" ? EVP_sha1() : EVP_sha256(), nullptr, key) == 1);
        std::size_t n = 0;
        REQUIRE(EVP_DigestSign(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1);
        std::vector<unsigned char> sig(n);
        REQUIRE(EVP_DigestSign(ctx, sig.data(), &n, reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1);
        EVP_MD_CTX_free(ctx);
        std::string out(4 * ((n + 2) / 3) + 1, '\0');
        const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), sig.data(), static_cast<int>(n));
        out.resize(static_cast<std::size_t>(len));
        return out;
    }
};

const Signer& signer() {
    static const Signer s;  // one key for the process: RSA key generation is slow
    return s;
}

const Signer& other_signer() {
    static const Signer s;
    return s;
}

std::string iso_time(long long seconds_from_now) {
    const std::time_t t = std::time(nullptr) + seconds_from_now;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.123Z", &tm);
    return buf;
}

// The text SNS signs, written here from AWS's description (not the server's code).
std::string string_to_sign(const json& m) {
    std::vector<std::string> names;
    if (m["Type"] == "Notification") {
        names = {"Message", "MessageId"};
        if (m.contains("Subject")) names.push_back("Subject");
        names.insert(names.end(), {"Timestamp", "TopicArn", "Type"});
    } else {
        names = {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
    }
    std::string text;
    for (const auto& n : names) text += n + "\n" + m[n].get<std::string>() + "\n";
    return text;
}

json signed_message(json m, const std::string& version = "1", const Signer& by = signer()) {
    m["SignatureVersion"] = version;
    m["Signature"] = by.sign(string_to_sign(m), version);
    return m;
}

// An SNS Notification carrying `event`, signed with SignatureVersion `version`.
json notification(const json& event, const std::string& message_id, const std::string& version = "1",
                  long long age_seconds = 0, const std::string& topic = kTopic) {
    json m = {{"Type", "Notification"},
              {"MessageId", message_id},
              {"TopicArn", topic},
              {"Message", event.dump()},
              {"Timestamp", iso_time(-age_seconds)},
              {"SigningCertURL", kCertUrl},
              {"UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x"}};
    return signed_message(m, version);
}

json mail_of(const std::string& recipient) {
    return {{"timestamp", "2026-12-03T09:00:00.000Z"},
            {"source", "news@list.example"},
            {"messageId", "0100018c2f0a1b2c-ses-id-000000"},
            {"destination", {recipient}},
            {"commonHeaders", {{"from", {"news@list.example"}}, {"to", {recipient}},
                               {"messageId", "<20261203.42@list.example>"}, {"subject", "December news"}}}};
}

// A bounce notification as SES documents it (notification-contents).
json bounce(const std::string& type, const std::string& feedback_id, const std::vector<std::string>& recipients,
            const std::string& diagnostic, const std::string& status = "5.1.1") {
    json list = json::array();
    for (const auto& r : recipients)
        list.push_back({{"emailAddress", r}, {"action", "failed"}, {"status", status}, {"diagnosticCode", diagnostic}});
    return {{"notificationType", "Bounce"},
            {"bounce", {{"bounceType", type}, {"bounceSubType", "General"}, {"bouncedRecipients", list},
                        {"timestamp", "2026-12-03T09:00:05.000Z"}, {"feedbackId", feedback_id},
                        {"remoteMtaIp", "192.0.2.25"},
                        {"reportingMTA", "dsn; a8-19.smtp-out.amazonses.com"}}},
            {"mail", mail_of(recipients.front())}};
}

json complaint(const std::string& feedback_id, const std::string& recipient) {
    return {{"notificationType", "Complaint"},
            {"complaint", {{"complainedRecipients", {{{"emailAddress", recipient}}}},
                           {"timestamp", "2026-12-03T09:10:00.000Z"}, {"feedbackId", feedback_id},
                           {"complaintFeedbackType", "abuse"}, {"userAgent", "Mail ISP"}}},
            {"mail", mail_of(recipient)}};
}

// Event publishing's delay warning (eventType, not notificationType).
json delay(const std::string& recipient, const std::string& diagnostic) {
    return {{"eventType", "DeliveryDelay"},
            {"deliveryDelay", {{"timestamp", "2026-12-03T09:30:00.000Z"}, {"delayType", "MailboxFull"},
                               {"expirationTime", "2026-12-04T09:00:00.000Z"},
                               {"delayedRecipients", {{{"emailAddress", recipient}, {"status", "4.2.2"},
                                                       {"diagnosticCode", diagnostic}}}},
                               {"reportingMTA", "a8-19.smtp-out.amazonses.com"}}},
            {"mail", mail_of(recipient)}};
}

// The test's signing certificate in a file of its own; a base of the fixture, so that
// the file exists before the server is configured with it.
class CertificateFile {
public:
    CertificateFile() {
        static int made = 0;
        path_ = (std::filesystem::temp_directory_path() /
                 ("bounced-ses-test-" + std::to_string(::getpid()) + "-" + std::to_string(++made) + ".pem"))
                    .string();
        std::ofstream(path_) << signer().pem;
    }
    ~CertificateFile() { std::filesystem::remove(path_); }
    CertificateFile(const CertificateFile&) = delete;
    CertificateFile& operator=(const CertificateFile&) = delete;
    const std::string& cert_file() const { return path_; }

private:
    std::string path_;
};

// `bounced serve` taking kTopic, with the test's certificate from a file.
class Ses : public CertificateFile, public http_test::Served {
public:
    explicit Ses(bool with_topic = true)
        : Served([this, with_topic](config::Settings& s) {
              if (with_topic) s.webhooks.ses_topic_arns = {kTopic, "arn:aws:sns:eu-west-1:123456789012:other"};
              s.webhooks.ses_certificate_file = cert_file();
              s.webhooks.ses_confirm_loopback_for_tests = true;
          }) {}

    httplib::Result post(const json& body) {
        // SNS posts with text/plain and names the type in a header.
        httplib::Headers headers = {{"x-amz-sns-message-type", body.is_object() ? body.value("Type", "") : ""}};
        return bare().Post("/webhooks/ses", headers, body.dump(), "text/plain; charset=UTF-8");
    }
};

const std::string kUnknownUser = "smtp; 550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown";

}  // namespace

TEST_CASE("ses: the SNS host rule for SigningCertURL and SubscribeURL", "[http]") {
    using bounced::http::check_sns_url;
    CHECK(check_sns_url(kCertUrl).empty());
    CHECK(check_sns_url("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-1.pem").empty());
    CHECK(check_sns_url("https://sns.us-gov-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=x").empty());
    CHECK_FALSE(check_sns_url("http://sns.us-east-1.amazonaws.com/a.pem").empty());
    CHECK_FALSE(check_sns_url("https://sns.us-east-1.amazonaws.com.evil.example/a.pem").empty());
    CHECK_FALSE(check_sns_url("https://evil.example/sns.us-east-1.amazonaws.com/a.pem").empty());
    CHECK_FALSE(check_sns_url("https://sns.us-east-1.amazonaws.com@evil.example/a.pem").empty());
    CHECK_FALSE(check_sns_url("https://sns.us-east-1.amazonaws.com:8443/a.pem").empty());
    CHECK_FALSE(check_sns_url("https://s3.us-east-1.amazonaws.com/a.pem").empty());
    CHECK_FALSE(check_sns_url("https://sns..amazonaws.com/a.pem").empty());
    CHECK_FALSE(check_sns_url("https://sns.us-east-1.amazonaws.com").empty());  // no path
    CHECK_FALSE(check_sns_url("https://sns.us east.amazonaws.com/a.pem").empty());
    // Plain http to loopback only when the test switch is on, and only to 127.0.0.1.
    CHECK_FALSE(check_sns_url("http://127.0.0.1:8080/confirm").empty());
    CHECK(check_sns_url("http://127.0.0.1:8080/confirm", true).empty());
    CHECK_FALSE(check_sns_url("http://localhost:8080/confirm", true).empty());
    CHECK_FALSE(check_sns_url("http://10.0.0.1:8080/confirm", true).empty());
}

TEST_CASE("ses: a hard bounce signed with SignatureVersion 1 is classified by the rules and suppresses",
          "[pg][http]") {
    Ses s;
    if (!s.ready()) return;
    auto r = s.post(notification(bounce("Permanent", "fb-perm-1", {"Alice@Example.org"}, kUnknownUser), "msg-1", "1"));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    const auto answer = json_of(r);
    CHECK(answer["applied"] == 1);
    REQUIRE(answer["decisions"].size() == 1);
    CHECK(answer["decisions"][0]["kind"] == "suppressed");

    db::SendStatus status;
    REQUIRE(s.store->check("alice@example.org", &status).ok());
    CHECK_FALSE(status.allowed);
    CHECK(status.bounce_class == "hard");
    CHECK(status.reason == "userunknown");

    db::SubscriberDetail detail;
    REQUIRE(s.store->show("alice@example.org", &detail).ok());
    REQUIRE(detail.history.size() == 1);
    const auto& e = detail.history.front();
    CHECK(e.source == "ses");
    CHECK(e.fingerprint == "ses:fb-perm-1/alice@example.org");
    CHECK(e.trust == "signed");
    CHECK(e.signature == "valid");
    CHECK(e.reply_code == 550);
    CHECK(e.status_code == "5.1.1");
    CHECK(e.diagnostic.rfind("550 5.1.1 <alice@example.org>", 0) == 0);  // without its "smtp; " type
    CHECK(e.remote_mta == "192.0.2.25");
    CHECK(e.rule.find("ses:Permanent") != std::string::npos);
    CHECK(e.original_message_id.find("20261203.42@list.example") != std::string::npos);
    std::string raw;
    bool found = false;
    REQUIRE(s.store->raw_message("ses:fb-perm-1/alice@example.org", &raw, &found).ok());
    CHECK(found);
    CHECK(json::parse(raw)["MessageId"] == "msg-1");  // the SNS message as it came
}

TEST_CASE("ses: SignatureVersion 2 complaint suppresses, a delay is logged and changes nothing", "[pg][http]") {
    Ses s;
    if (!s.ready()) return;
    auto r = s.post(notification(complaint("fb-c-1", "bob@example.org"), "msg-c", "2"));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    db::SendStatus bob;
    REQUIRE(s.store->check("bob@example.org", &bob).ok());
    CHECK(bob.why == "suppressed");
    CHECK(bob.bounce_class == "complaint");
    CHECK(bob.reason == "feedback");

    r = s.post(notification(delay("carol@example.org", "smtp; 452 4.2.2 The email account is over quota"), "msg-d", "2"));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    CHECK(json_of(r)["applied"] == 1);
    CHECK(s.pg.query("SELECT bounce_class || ' ' || reason FROM bounce_events WHERE address = 'carol@example.org'") ==
          std::vector<std::string>{"delayed mailboxfull"});
    CHECK(s.pg.query("SELECT rule FROM bounce_events WHERE address = 'carol@example.org'").front().find(
              "ses:DeliveryDelay") != std::string::npos);
    db::SendStatus carol;
    REQUIRE(s.store->check("carol@example.org", &carol).ok());
    CHECK(carol.allowed);
    CHECK(s.pg.count("SELECT count(*) FROM subscribers WHERE address = 'carol@example.org' "
                     "AND (soft_count > 0 OR hard_count > 0 OR status <> 'active')") == 0);
}

TEST_CASE("ses: Transient and Undetermined back off, every recipient is its own event, applied once", "[pg][http]") {
    Ses s;
    if (!s.ready()) return;
    // Transient with nothing the rules read: the bounce type decides (soft).
    auto r = s.post(notification(bounce("Transient", "fb-t", {"dan@example.org", "eve@example.org"}, "", ""), "msg-t"));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    CHECK(json_of(r)["applied"] == 2);
    CHECK(s.pg.query("SELECT bounce_class || ' ' || rule FROM bounce_events WHERE address = 'dan@example.org'") ==
          std::vector<std::string>{"soft ses:Transient"});
    db::SendStatus eve;
    REQUIRE(s.store->check("eve@example.org", &eve).ok());
    CHECK(eve.why == "backoff");

    // Undetermined with a user-unknown reply: the reason is the rules', the class soft at most.
    r = s.post(notification(bounce("Undetermined", "fb-u", {"fay@example.org"}, kUnknownUser), "msg-u", "2"));
    CHECK(r->status == 200);
    CHECK(s.pg.query("SELECT bounce_class || ' ' || reason FROM bounce_events WHERE address = 'fay@example.org'") ==
          std::vector<std::string>{"soft userunknown"});

    // The same SES event in another SNS message (SES published it twice): a duplicate.
    r = s.post(notification(bounce("Transient", "fb-t", {"dan@example.org", "eve@example.org"}, "", ""), "msg-t2"));
    CHECK(r->status == 200);
    CHECK(json_of(r)["applied"] == 0);
    CHECK(json_of(r)["duplicates"] == 2);
    CHECK(s.events() == 3);

    // Signed events of other types change nothing.
    json delivery = {{"notificationType", "Delivery"}, {"mail", mail_of("gus@example.org")},
                     {"delivery", {{"recipients", {"gus@example.org"}}, {"smtpResponse", "250 ok"}}}};
    r = s.post(notification(delivery, "msg-del"));
    CHECK(r->status == 200);
    CHECK(json_of(r)["ignored"] == "Delivery");
    CHECK(s.events() == 3);
}

TEST_CASE("ses: forged, other-topic, off-SNS certificate, old and replayed messages are refused and change nothing",
          "[pg][http]") {
    Ses s;
    if (!s.ready()) return;
    const json event = bounce("Permanent", "fb-x", {"hal@example.org"}, kUnknownUser);

    // Signed by a key that is not the certificate's.
    json forged = notification(event, "msg-forged");
    forged = signed_message(forged, "1", other_signer());
    CHECK(s.post(forged)->status == 401);
    // Signed, then the event changed: another recipient.
    json tampered = notification(event, "msg-tampered", "2");
    tampered["Message"] = bounce("Permanent", "fb-x", {"ivy@example.org"}, kUnknownUser).dump();
    CHECK(s.post(tampered)->status == 401);
    // A version-1 signature presented as version 2.
    json relabelled = notification(event, "msg-relabelled", "1");
    relabelled["SignatureVersion"] = "2";
    CHECK(s.post(relabelled)->status == 401);
    json unsigned_message = notification(event, "msg-unsigned");
    unsigned_message.erase("Signature");
    CHECK(s.post(unsigned_message)->status == 401);

    // A valid signature for a topic that is not ours.
    auto other = s.post(notification(event, "msg-topic", "1", 0, "arn:aws:sns:us-east-1:999999999999:theirs"));
    REQUIRE(other);
    CHECK(other->status == 403);

    // A certificate URL off SNS's hosts (the signature would verify, the URL is refused).
    for (const std::string url : {"https://evil.example/SimpleNotificationService-1.pem",
                                  "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
                                  "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-1.pem"}) {
        json m = notification(event, "msg-url");
        m["SigningCertURL"] = url;
        auto r = s.post(m);
        REQUIRE(r);
        INFO(url << ": " << r->body);
        CHECK(r->status == 401);
    }

    // Older than SNS's hour of retries (and five minutes), or from the future.
    auto old = s.post(notification(event, "msg-old", "2", 2 * 3600));
    REQUIRE(old);
    CHECK(old->status == 406);
    CHECK(s.post(notification(event, "msg-future", "2", -15 * 60))->status == 406);
    CHECK(s.post(json::array())->status == 400);
    CHECK(s.post(json{{"Type", "Notification"}})->status == 403);  // no topic: not ours
    CHECK(s.events() == 0);
    CHECK(s.tokens() == 0);

    // Within the hour SNS may retry: taken. Then the same message again: a replay.
    const json first = notification(event, "msg-once", "2", 50 * 60);
    auto ok = s.post(first);
    REQUIRE(ok);
    INFO(ok->body);
    CHECK(ok->status == 200);
    CHECK(s.events() == 1);
    auto replay = s.post(first);
    REQUIRE(replay);
    CHECK(replay->status == 406);
    CHECK(json_of(replay)["error"].get<std::string>().find("replay") != std::string::npos);
    // Another event under a MessageId already used: refused, its recipient untouched.
    CHECK(s.post(notification(bounce("Permanent", "fb-y", {"jo@example.org"}, kUnknownUser), "msg-once"))->status ==
          406);
    CHECK(s.events() == 1);
    db::SendStatus jo;
    REQUIRE(s.store->check("jo@example.org", &jo).ok());
    CHECK(jo.allowed);
}

TEST_CASE("ses: a subscription is confirmed for a configured topic only, on SNS's hosts only", "[pg][http]") {
    Ses s;
    if (!s.ready()) return;
    // The test's own stand-in for SNS's ConfirmSubscription, on 127.0.0.1.
    httplib::Server sns;
    std::atomic<int> visits{0};
    std::string token_seen;
    sns.Get("/confirm", [&](const httplib::Request& req, httplib::Response& res) {
        ++visits;
        token_seen = req.get_param_value("Token");
        res.set_content("<ConfirmSubscriptionResponse/>", "text/xml");
    });
    const int port = sns.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { sns.listen_after_bind(); });

    auto confirmation = [&](const std::string& topic, const std::string& url) {
        json m = {{"Type", "SubscriptionConfirmation"},
                  {"MessageId", "conf-1"},
                  {"Token", "tok-2336412f37"},
                  {"TopicArn", topic},
                  {"Message", "You have chosen to subscribe to the topic " + topic + ". To confirm, visit the SubscribeURL."},
                  {"SubscribeURL", url},
                  {"Timestamp", iso_time(0)},
                  {"SigningCertURL", kCertUrl}};
        return signed_message(m, "1");
    };
    const std::string local = "http://127.0.0.1:" + std::to_string(port) + "/confirm?Action=ConfirmSubscription&Token=tok-2336412f37";

    auto r = s.post(confirmation("arn:aws:sns:us-east-1:999999999999:theirs", local));
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(visits == 0);
    r = s.post(confirmation(kTopic, "https://evil.example/confirm?Token=tok-2336412f37"));
    CHECK(r->status == 400);
    CHECK(visits == 0);
    json forged = confirmation(kTopic, local);
    forged["Token"] = "tok-other";
    CHECK(s.post(forged)->status == 401);
    CHECK(visits == 0);

    r = s.post(confirmation(kTopic, local));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    CHECK(json_of(r)["confirmed"] == kTopic);
    CHECK(visits == 1);
    CHECK(token_seen == "tok-2336412f37");

    // The confirming server is gone: 502, so SNS sends the confirmation again.
    sns.stop();
    serving.join();
    CHECK(s.post(confirmation(kTopic, local))->status == 502);
    CHECK(s.events() == 0);
}

TEST_CASE("ses: without topic ARNs the path does not exist", "[pg][http]") {
    Ses s(/*with_topic=*/false);
    if (!s.ready()) return;
    auto r = s.post(notification(complaint("fb", "kim@example.org"), "m"));
    REQUIRE(r);
    CHECK(r->status == 404);
}

TEST_CASE("ses: a certificate that cannot be had answers 502 (SNS retries) and changes nothing", "[pg][http]") {
    Ses s;
    if (!s.ready()) return;
    std::ofstream(s.cert_file(), std::ios::trunc) << "";  // empty: no certificate
    auto r = s.post(notification(complaint("fb-502", "lou@example.org"), "msg-502"));
    REQUIRE(r);
    CHECK(r->status == 502);
    CHECK(json_of(r)["error"].get<std::string>().find("ses_certificate_file") != std::string::npos);
    std::ofstream(s.cert_file(), std::ios::trunc) << other_signer().pem;  // another key's certificate
    CHECK(s.post(notification(complaint("fb-502", "lou@example.org"), "msg-502"))->status == 401);
    CHECK(s.events() == 0);
    CHECK(s.tokens() == 0);
    std::ofstream(s.cert_file(), std::ios::trunc) << signer().pem;  // read again for each message
    CHECK(s.post(notification(complaint("fb-502", "lou@example.org"), "msg-502"))->status == 200);
    CHECK(s.events() == 1);
}
