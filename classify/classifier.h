// The classifier's entry point: the bytes of one received message in, a Report out.
// Pure: no files, no database, no clock, no globals but the compiled rule table.
// Never throws for any input.
#pragma once

#include <string_view>

#include "classify/limits.h"
#include "classify/result.h"

namespace classify {

Report classify_message(std::string_view bytes, const Limits& limits = Limits{});

}  // namespace classify
