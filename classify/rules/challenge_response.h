// Challenge-response notices (Boxbe, SpamArrest, Mailinblack, cPanel BoxTrapper,
// TMDA): the recipient's filter holds the message until the sender proves to be a
// person. Nothing failed and the address is alive: such a notice is an automatic
// reply (class autoreply, reason vacation, rule "autoreply:challenge-response"),
// never a bounce, even when it comes as a DSN with a 4.7.0 status.
#pragma once

#include <string_view>
#include <vector>

#include "classify/rules/evidence.h"

namespace classify {

// Whether the notice's own Subject or prose (before the returned message) asks the
// sender to confirm or authenticate before a held message is delivered.
bool is_challenge_response(std::string_view subject, std::string_view prose);

// Turns every recipient of a challenge-response notice into an automatic reply;
// `diagnostic` is each recipient's own reply text, read too (a DSN's Diagnostic-Code).
void mark_challenge_response(std::string_view subject, std::string_view prose, std::vector<Evidence>& found);

}  // namespace classify
