// The class of one recipient's result, from its reason and its RFC 3464 Action.
// A delay warning (Action: delayed, RFC 3464 2.3.3) is `delayed` whatever its
// cause: the reporting MTA is still trying and nothing has failed, so the store
// logs it and changes nothing (as SES's DeliveryDelay and Postmark's Transient
// do). Its reason still names the cause, for the reports' deferrals per domain.
#pragma once

#include <string_view>

#include "classify/reason.h"

namespace classify {

// Whether an Action field says the reporting MTA is still trying ("delayed",
// any case).
bool is_delay_warning(std::string_view action);

// `delayed` for a delay warning; otherwise the reason's class (class_of).
BounceClass result_class(Reason reason, bool temporary, std::string_view action);

}  // namespace classify
