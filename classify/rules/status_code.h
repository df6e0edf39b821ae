// RFC 3463 enhanced status codes and RFC 5321 reply codes: finding them in text,
// and what a code alone says about the reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "classify/reason.h"

namespace classify {

// The first enhanced status code ("5.1.1", "4.7.650") in `text`, or "". Dotted
// numbers that belong to an IP address or a version are not codes.
std::string find_status_code(std::string_view text);
// The first SMTP reply code (200-599) that stands as a reply in `text`, or 0.
int find_reply_code(std::string_view text);
bool is_valid_status_code(std::string_view code);

// True when the code is unspecific: "X.0.0", or one of the pseudo codes below.
bool is_vague_status(std::string_view code);

// What the code alone means, when it is specific enough to mean one reason.
std::optional<Reason> reason_for_status(std::string_view code);

// The pseudo code for a reason when the bounce gave none: "5.0.911" for userunknown.
// These X.0.9NN numbers are the convention of the sisimai library, so results can be
// compared with tools that use it.
std::string pseudo_status(Reason reason, bool temporary);

}  // namespace classify
