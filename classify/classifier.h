// The classifier's entry point: the bytes of one received message in, a Report out.
// Pure: no files, no database, no clock, no globals but the compiled rule table.
// Never throws for any input.
#pragma once

#include <string_view>

#include "classify/limits.h"
#include "classify/result.h"

namespace classify {

Report classify_message(std::string_view bytes, const Limits& limits = Limits{});
// The same without the rule rows and the format decoder written for one family of
// the development corpus ("lhost-postfix"; hold_out.h): how the rest of the rules do
// on bounces they were not written for. For bench/leave_one_out.py, through
// `bounced classify --hold-out FAMILY`; empty is the call above.
Report classify_message(std::string_view bytes, const Limits& limits, std::string_view hold_out_family);

}  // namespace classify
