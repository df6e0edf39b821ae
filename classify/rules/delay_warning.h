// Delay warnings written as prose: the notice an MTA sends while it is still
// retrying ("THIS IS A WARNING ONLY", "Delivery attempts will continue"), for the
// bounces whose structured part (RFC 3464 Action: delayed) is missing or unread.
// Such a notice reports no failure: its recipients are `delayed` (reason.h).
#pragma once

#include <string_view>
#include <vector>

#include "classify/rules/evidence.h"

namespace classify {

// Whether the bounce's own Subject or prose (the text before the returned
// message) says that delivery is still being attempted. Only the bounce's words:
// the returned message's subject may say anything.
bool says_still_trying(std::string_view subject, std::string_view prose);

// Marks as delayed the recipients of a still-trying notice that no structured
// field called otherwise: an empty action, and no permanent (5.x.x / 5xx) code
// stated for them. A stated Action (failed, delivered) is the MTA's own word and
// stays.
void mark_delay_warning(std::string_view subject, std::string_view prose, std::vector<Evidence>& found);

}  // namespace classify
