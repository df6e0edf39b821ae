// What `bounced serve`'s provider webhooks read from the configuration ([webhooks],
// docs/webhooks.md). Filled by config::load; plain data. A provider without its key
// has no webhook: its path answers 404.
#pragma once

#include <string>
#include <vector>

#include "config/networks.h"

namespace config {

struct WebhookSettings {
    // [webhooks] mailgun_signing_key_file: Mailgun's HTTP webhook signing key, the
    // file's first line; owner-only, as http.token_file (config/http_settings.h).
    std::string mailgun_signing_key_file;
    std::string mailgun_signing_key;  // read from the file at load (and on SIGHUP)

    // [webhooks] ses_topic_arns: the SNS topics whose messages /webhooks/ses takes
    // (any other topic is refused); empty: no /webhooks/ses.
    std::vector<std::string> ses_topic_arns;
    // [webhooks] ses_certificate_file: SNS's signing certificate (PEM), read from this
    // file instead of fetched from SigningCertURL (tests; hosts without egress).
    std::string ses_certificate_file;
    // Tests only, never read from a configuration: a SubscribeURL may also be plain
    // http on 127.0.0.1, so that a test confirms a subscription against its own server.
    bool ses_confirm_loopback_for_tests = false;
    // [webhooks] sendgrid_public_key_file: the Signed Event Webhook's verification key
    // (config/webhook_keys.h says which forms); refused when others may write it.
    std::string sendgrid_public_key_file;
    std::string sendgrid_public_key;  // DER SubjectPublicKeyInfo of an EC P-256 key, read at load

    // [webhooks] postmark_credentials_file: "user:password" for HTTP basic auth, the
    // file's first line; owner-only. postmark_allow_from: the source networks
    // Postmark posts from (CIDR, comma-separated); empty: any.
    std::string postmark_credentials_file;
    std::string postmark_user, postmark_password;  // read from the file at load
    std::string postmark_allow_from;
    std::vector<Network> postmark_networks;  // parsed from postmark_allow_from
};

}  // namespace config
