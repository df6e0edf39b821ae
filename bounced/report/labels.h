// The words of the report around the numbers, in English and Japanese. Class and
// reason names stay as the program writes them (hard, userunknown): they are the
// names the configuration, the logs and `bounced suppressions` use.
#pragma once

#include <string>
#include <string_view>

#include "bounced/report/remedies.h"

namespace bounced::report {

struct Labels {
    std::string_view title, period, previous_period, generated, utc_note;
    std::string_view summary, failures, empty_period, store_never_used, last_event;
    std::string_view by_class, by_reason, klass, reason, count, previous, change, total;
    std::string_view chart, chart_caption, day;
    std::string_view new_suppressions, reactivations, address, when, source, actor, detail, note;
    std::string_view top_domains, domain;
    std::string_view throttled, throttled_since, throttled_until, repeats, policy_bounces, top_reason;
    std::string_view deferrals, deferrals_intro, warnings, addresses;
    std::string_view diagnostics, diagnostic, status;
    std::string_view at_risk, at_risk_intro, soft_bounces, messages, last_bounce, next_send;
    std::string_view quarantined, quarantined_intro, fingerprint, outcome;
    std::string_view unverified, not_sent, guessed, sends_not_recorded, message_id, why;
    std::string_view remedies, topic, advice, reasons, codes;
    std::string_view none, more;  // more: "... and {} more"
    std::string_view held, held_intro, held_open, held_period, released_period;  // the held queue
};

const Labels& labels(Language language);

// "+3", "-2", "0"; "new" (or its translation) when the previous period had none.
std::string change_text(long current, long previous, Language language);

// "... and 12 more" in the language.
std::string more_text(long more, Language language);

}  // namespace bounced::report
