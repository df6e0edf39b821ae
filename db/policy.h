// The retry-suppression thresholds. Every number here is a setting (config/ fills it);
// the defaults are the product's defaults. Durations are in seconds.
#pragma once

#include <string>

namespace db {

struct Policy {
    // soft: each soft bounce pushes next_send_after out by initial * 2^(n-1), capped;
    // soft_limit soft bounces within soft_window from at least soft_min_messages
    // different sent messages suppress the address. Older bounces stop counting.
    double soft_backoff_initial = 86400;     // 1 day
    double soft_backoff_max = 7 * 86400;     // 7 days
    int soft_limit = 5;
    double soft_window = 30 * 86400;         // 30 days
    int soft_min_messages = 3;
    // policy: policy_limit policy bounces for one domain within policy_window throttle
    // it for throttle_duration, doubling when it repeats within throttle_memory.
    int policy_limit = 20;
    double policy_window = 3600;             // 1 hour
    double policy_rate = 0.05;               // with recorded sends: 5 % of the domain's sends
    int policy_min_count = 5;                // ... but never fewer bounces than this
    double throttle_duration = 6 * 3600;     // 6 hours
    double throttle_max = 7 * 86400;
    double throttle_memory = 7 * 86400;
    // A recipient the classifier only guessed from free text is logged, never acted on.
    bool act_on_guessed_recipients = false;
    // Which bounces may change a status (docs/verp.md): "signed" (a valid VERP tag for
    // the address, or an original Message-ID recorded as sent to it), "dsn" (also an
    // address from a structured part; never one whose Message-ID was not sent to it)
    // or "any". The others are stored with trusted = false and the reason in `held`.
    std::string trust_level = "dsn";
    // The rate budget of a remote host (or bounce sender address), docs/trust.md: the
    // bounces that may suppress and rest on structure alone or on a Message-ID shared
    // by many sends count; within rate_window it may make the larger of rate_cap and
    // baseline_factor times its own average per window over baseline_window; the rest
    // are held (rate-cap-host / rate-cap-sender). Bounces our own MTAs wrote, signed
    // ones and ones tied to a personal Message-ID are not counted.
    int rate_cap = 100;
    double rate_window = 3600;               // 1 hour
    double baseline_window = 30 * 86400;     // 30 days
    double baseline_factor = 4;
    // Our own MTA's bounce without the original message is expected when a send to
    // the address was recorded within send_window (only when sends are recorded).
    double send_window = 7 * 86400;          // 7 days
    // Raw bounces kept in the database (IncomingMessage::raw) are deleted this long
    // after they arrived.
    double raw_retention = 90 * 86400;       // 90 days
};

// The policy as the JSON object apply_batch (deploy/sql/0002_apply.sql) reads.
std::string policy_json(const Policy& policy);

}  // namespace db
