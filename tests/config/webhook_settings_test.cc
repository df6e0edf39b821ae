// [webhooks] mailgun_signing_key_file: read at load, and refused as the API token file
// is when others may read it (the key forges any event). [webhooks] ses_topic_arns and
// ses_certificate_file: read as a list and a path.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "config/load.h"
#include "config/networks.h"
#include "tests/config/private_file.h"

TEST_CASE("webhook settings: the Mailgun signing key file is read, and refused when others may read it", "[config]") {
    const auto good = config_test::file_with("\n  key-0123456789abcdef0123  \n", 0600);
    const auto group_readable = config_test::file_with("key-0123456789abcdef0123\n", 0640);
    const auto env = [](const char* name) -> const char* {
        return std::string(name) == "BOUNCED_CONFIG" ? "/dev/null" : nullptr;
    };
    config::Invocation inv;
    std::string error;
    REQUIRE(config::load({"serve"}, config::CommandSpec{"u", "s", {}}, &inv, &error, env));
    CHECK(inv.settings.webhooks.mailgun_signing_key.empty());  // unset: no webhook
    REQUIRE(config::load({"serve", "--webhooks.mailgun_signing_key_file=" + good}, config::CommandSpec{"u", "s", {}},
                         &inv, &error, env));
    CHECK(inv.settings.webhooks.mailgun_signing_key == "key-0123456789abcdef0123");
    CHECK_FALSE(config::load({"serve", "--webhooks.mailgun_signing_key_file=" + group_readable},
                             config::CommandSpec{"u", "s", {}}, &inv, &error, env));
    CHECK(error.find("option 'webhooks.mailgun_signing_key_file'") == 0);
    CHECK(error.find("chmod 600") != std::string::npos);
    CHECK_FALSE(config::load({"serve", "--webhooks.mailgun_signing_key_file=/nonexistent/key"},
                             config::CommandSpec{"u", "s", {}}, &inv, &error, env));
    for (const auto& p : {good, group_readable}) std::remove(p.c_str());
}

TEST_CASE("webhook settings: the SES topic ARNs are a list, and the test-only switch is out of reach", "[config]") {
    const auto env = [](const char* name) -> const char* {
        if (std::string(name) == "BOUNCED_CONFIG") return "/dev/null";
        if (std::string(name) == "BOUNCED_WEBHOOKS_SES_TOPIC_ARNS")
            return "arn:aws:sns:us-east-1:123456789012:a, arn:aws:sns:eu-west-1:123456789012:b";
        return nullptr;
    };
    config::Invocation inv;
    std::string error;
    REQUIRE(config::load({"serve", "--webhooks.ses_certificate_file=/etc/bounced/sns.pem"},
                         config::CommandSpec{"u", "s", {}}, &inv, &error, env));
    CHECK(inv.settings.webhooks.ses_topic_arns ==
          std::vector<std::string>{"arn:aws:sns:us-east-1:123456789012:a", "arn:aws:sns:eu-west-1:123456789012:b"});
    CHECK(inv.settings.webhooks.ses_certificate_file == "/etc/bounced/sns.pem");
    CHECK_FALSE(inv.settings.webhooks.ses_confirm_loopback_for_tests);
    CHECK_FALSE(config::load({"serve", "--webhooks.ses_confirm_loopback_for_tests=true"},
                             config::CommandSpec{"u", "s", {}}, &inv, &error, env));
}

namespace {

const char* kSendGridKey =
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqAUv6b0vLDfOk2y/aAJ/fUaG6Bj7wMgwlkuPxjzM1bLBYBk4DtVl2AbiMqCNQTpRgV0lvGzOhF8hPwnnICPjaw==";

const char* no_config(const char* name) { return std::string(name) == "BOUNCED_CONFIG" ? "/dev/null" : nullptr; }

bool load_with(const std::string& option, config::Invocation* inv, std::string* error) {
    return config::load({"serve", option}, config::CommandSpec{"u", "s", {}}, inv, error, no_config);
}

}  // namespace

TEST_CASE("webhook settings: SendGrid's key is read as SendGrid shows it or as PEM, and checked", "[config]") {
    const std::string b64(kSendGridKey);
    std::string pem = "-----BEGIN PUBLIC KEY-----\n";
    for (std::size_t i = 0; i < b64.size(); i += 64) pem += b64.substr(i, 64) + "\n";
    pem += "-----END PUBLIC KEY-----\n";
    const auto one_line = config_test::file_with(b64 + "\n", 0644);
    const auto as_pem = config_test::file_with(pem, 0644);
    const auto group_writable = config_test::file_with(b64 + "\n", 0664);
    const auto garbage = config_test::file_with("not a key at all\n", 0644);
    // An RSA key is a public key too, but not what SendGrid signs with.
    const auto rsa = config_test::file_with(
        "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANu4ZFIIcLwsjzS5hCsvaiwJv9DwIuqtf6GWgRyGWf2xKlJ+djyf21racmJsWJp1SBPf7UgCz5GQb"
        "MKeIcHX9B0CAwEAAQ==\n",
        0644);
    config::Invocation inv;
    std::string error;
    REQUIRE(load_with("--webhooks.sendgrid_public_key_file=" + one_line, &inv, &error));
    const std::string der = inv.settings.webhooks.sendgrid_public_key;
    CHECK(der.size() == 91);  // SubjectPublicKeyInfo of a P-256 key
    REQUIRE(load_with("--webhooks.sendgrid_public_key_file=" + as_pem, &inv, &error));
    CHECK(inv.settings.webhooks.sendgrid_public_key == der);
    for (const auto& bad : {group_writable, garbage, rsa, std::string("/nonexistent/key")}) {
        INFO(bad);
        CHECK_FALSE(load_with("--webhooks.sendgrid_public_key_file=" + bad, &inv, &error));
        CHECK(error.find("option 'webhooks.sendgrid_public_key_file'") == 0);
    }
    load_with("--webhooks.sendgrid_public_key_file=" + rsa, &inv, &error);
    CHECK(error.find("P-256") != std::string::npos);
    for (const auto& p : {one_line, as_pem, group_writable, garbage, rsa}) std::remove(p.c_str());
}

TEST_CASE("webhook settings: Postmark's credentials are user:password, owner-only", "[config]") {
    const auto good = config_test::file_with("postmark:pass:with:colons-0123\n", 0600);
    const auto no_colon = config_test::file_with("postmark-without-a-password\n", 0600);
    const auto readable = config_test::file_with("postmark:pass:with:colons-0123\n", 0644);
    config::Invocation inv;
    std::string error;
    REQUIRE(load_with("--webhooks.postmark_credentials_file=" + good, &inv, &error));
    CHECK(inv.settings.webhooks.postmark_user == "postmark");
    CHECK(inv.settings.webhooks.postmark_password == "pass:with:colons-0123");
    CHECK_FALSE(load_with("--webhooks.postmark_credentials_file=" + no_colon, &inv, &error));
    CHECK(error.find("user:password") != std::string::npos);
    CHECK_FALSE(load_with("--webhooks.postmark_credentials_file=" + readable, &inv, &error));
    CHECK(error.find("chmod 600") != std::string::npos);
    for (const auto& p : {good, no_colon, readable}) std::remove(p.c_str());
}

TEST_CASE("webhook settings: Postmark's allow-list takes IPv4 and IPv6 networks", "[config]") {
    config::Invocation inv;
    std::string error;
    REQUIRE(load_with("--webhooks.postmark_allow_from=192.0.2.0/24, 198.51.100.7 2001:db8::/32", &inv, &error));
    const auto& nets = inv.settings.webhooks.postmark_networks;
    CHECK(nets.size() == 3);
    CHECK(config::network_contains(nets, "192.0.2.200"));
    CHECK(config::network_contains(nets, "::ffff:192.0.2.1"));  // an IPv4 peer on a dual-stack socket
    CHECK(config::network_contains(nets, "198.51.100.7"));
    CHECK_FALSE(config::network_contains(nets, "198.51.100.8"));
    CHECK(config::network_contains(nets, "2001:db8:ffff::1"));
    CHECK_FALSE(config::network_contains(nets, "2001:db9::1"));
    CHECK_FALSE(config::network_contains(nets, "192.0.3.1"));
    CHECK_FALSE(config::network_contains(nets, "not an address"));
    REQUIRE(load_with("--webhooks.postmark_allow_from=0.0.0.0/0", &inv, &error));
    CHECK(config::network_contains(inv.settings.webhooks.postmark_networks, "203.0.113.9"));
    for (const char* bad : {"192.0.2.0/33", "192.0.2.7/24", "example.org", "2001:db8::/129", "192.0.2.0/"}) {
        INFO(bad);
        CHECK_FALSE(load_with(std::string("--webhooks.postmark_allow_from=") + bad, &inv, &error));
        CHECK(error.find("option 'webhooks.postmark_allow_from'") == 0);
    }
}
