// The read-only view that every format decoder gets: the parsed message, the
// bounce's own human-readable text, and the RFC 3464 report when there is one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/parse/delivery_status.h"
#include "classify/rules/evidence.h"
#include "classify/limits.h"
#include "classify/parse/message.h"

namespace classify {

struct BounceView {
    const Message& message;
    const Limits& limits;
    // The bounce's own text: its text parts outside the attached original, joined,
    // bounded by limits.max_scan_bytes, and cut where an inline copy of the returned
    // message begins (returned_message.h). Everything a decoder reads about what
    // happened comes from here or from `dsn`.
    std::string_view text;
    // The inline copy of the returned message that `text` stops before (from its
    // separator line on), or "". Read only for the original's Message-ID, List-Id
    // and To (original_message.h).
    std::string_view returned;
    std::string_view subject;  // of the bounce, decoded
    std::string_view from;     // of the bounce, decoded
    const DeliveryStatus* dsn; // null when the bounce has no message/delivery-status

    // `text` before the first line that announces the copy of the original message
    // (formats/markers.h): searched once, for all the decoders that ask.
    std::string_view prose() const;
    mutable bool prose_found = false;
    mutable std::string_view prose_text;
};

// A decoder returns the recipients it found, in order, or nothing when the message
// is not in its format.
using DecodeFn = std::vector<Evidence> (*)(const BounceView&);

}  // namespace classify
