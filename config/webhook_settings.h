// What `bounced serve`'s provider webhooks read from the configuration ([webhooks],
// docs/webhooks.md). Filled by config::load; plain data. A provider without its key
// has no webhook: its path answers 404.
#pragma once

#include <string>

namespace config {

struct WebhookSettings {
    // [webhooks] mailgun_signing_key_file: Mailgun's HTTP webhook signing key, the
    // file's first line; owner-only, as http.token_file (config/http_settings.h).
    std::string mailgun_signing_key_file;
    std::string mailgun_signing_key;  // read from the file at load (and on SIGHUP)
};

}  // namespace config
