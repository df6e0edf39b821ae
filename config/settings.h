// Everything bounced reads from its configuration, validated, in one value.
// Built once at start (and again on SIGHUP) by config::load; modules take the part
// that is theirs by const&.
#pragma once

#include <string>

#include "classify/limits.h"
#include "config/daemon_settings.h"
#include "config/http_settings.h"
#include "config/trust_settings.h"
#include "config/webhook_settings.h"
#include "db/store.h"

namespace config {

struct Settings {
    db::Options store;              // [database] and [suppression] / [throttle]
    std::string log_level = "info"; // [log] level: trace, debug, info, warn, error, off
    DaemonSettings daemon;          // [source], [daemon], [log] file: ingest and run
    TrustSettings trust;            // [trust]: VERP secrets, tag age, raw bounces (docs/verp.md)
    HttpSettings http;              // [http]: `bounced serve` (docs/http.md)
    WebhookSettings webhooks;       // [webhooks]: provider events into serve (docs/webhooks.md)
    classify::Limits limits;        // [limits]: the classifier's bounds on untrusted bounces
    std::string config_file;        // the file that was read; "" when none
};

}  // namespace config
