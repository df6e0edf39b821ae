// The read-only view that every format decoder gets: the parsed message, the
// human-readable bounce text, and the RFC 3464 report when there is one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/delivery_status.h"
#include "classify/evidence.h"
#include "classify/limits.h"
#include "classify/message.h"

namespace classify {

struct BounceView {
    const Message& message;
    const Limits& limits;
    // Text parts outside the attached original, joined, bounded by
    // limits.max_scan_bytes. For a single-part bounce it is the whole body,
    // including any inline copy of the original.
    std::string_view text;
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
