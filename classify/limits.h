// Safety limits of the classifier. Bounces are untrusted input from the internet:
// every size, depth and count the parser walks is bounded here, and a message that
// crosses a bound is reported as Outcome::limit_exceeded (the daemon quarantines it).
#pragma once

#include <cstddef>

namespace classify {

struct Limits {
    std::size_t max_message_bytes = 10 * 1024 * 1024;  // whole message as received
    int max_mime_depth = 32;                           // nested multiparts/messages
    int max_mime_parts = 500;                          // entities in the whole tree; also caps the
                                                       // Content-Type fields, which bound mimetic's
                                                       // recursion: keep it in the thousands at most
    std::size_t max_line_bytes = 256 * 1024;           // any one line (mimetic grows line buffers quadratically)
    // The time guard, as work rather than a clock: an upper bound of the bytes the
    // MIME parser copies, estimated before it runs (the text once, plus n*n/128 for
    // every unfolded header field of n bytes). 256 MiB is a few tens of milliseconds.
    std::size_t max_parse_work = 256 * 1024 * 1024;
    std::size_t max_recipients = 1000;                 // DSN recipient groups per bounce (more: refused)
    std::size_t max_diagnostic_bytes = 2048;           // diagnostic text kept per recipient
    std::size_t max_scan_bytes = 256 * 1024;           // bounce text scanned by decoders
};

}  // namespace classify
