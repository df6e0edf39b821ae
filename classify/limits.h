// Safety limits of the classifier. Bounces are untrusted input from the internet:
// every size, depth and count the parser walks is bounded here, and a message that
// crosses a bound is reported as Outcome::limit_exceeded (the daemon quarantines it).
#pragma once

#include <cstddef>

namespace classify {

struct Limits {
    std::size_t max_message_bytes = 10 * 1024 * 1024;  // whole message as received
    int max_mime_depth = 32;                           // nested multiparts/messages
    int max_mime_parts = 500;                          // entities in the whole tree
    std::size_t max_line_bytes = 256 * 1024;           // any one line (mimetic grows line buffers quadratically)
    std::size_t max_recipients = 1000;                 // recipients reported per bounce
    std::size_t max_diagnostic_bytes = 2048;           // diagnostic text kept per recipient
    std::size_t max_scan_bytes = 256 * 1024;           // bounce text scanned by decoders
};

}  // namespace classify
