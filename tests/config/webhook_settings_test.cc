// [webhooks] mailgun_signing_key_file: read at load, and refused as the API token file
// is when others may read it (the key forges any event). [webhooks] ses_topic_arns and
// ses_certificate_file: read as a list and a path.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "config/load.h"
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
