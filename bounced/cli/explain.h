// `bounced suppressions show ADDRESS`: the evidence chain behind an address's status —
// each bounce that arrived for it (fingerprint, arrival, sending host), what the bounce
// said (DSN action, status, reply, remote MTA, diagnostic), the rule that read it, and
// the trust decision (docs/verp.md): counted, or held and why. Text from bounces is
// made printable before it reaches the terminal.
#pragma once

#include <ostream>
#include <string>

#include "db/store.h"

namespace bounced::cli {

// The events that decided the current status: for a suppression by bounce, the
// trusted bounces of its class up to the moment it was suppressed; else none.
bool decided_status(const db::SubscriberDetail& detail, const db::BounceEvent& event);

// Prints the status, the counts, each bounce newest first with its trust decision,
// and the audit log.
void print_explanation(std::ostream& out, const db::SubscriberDetail& detail);

// One sentence for a `held` reason ("its VERP tag does not verify ...").
std::string held_text(const std::string& held);

// Terminal-safe: control characters become spaces.
std::string printable_text(const std::string& text);

}  // namespace bounced::cli
