// The pipe source: one message on standard input, as Postfix pipe(8) or a local(8)
// alias "|bounced ingest" hands it over. A leading "From sender date" envelope line
// (local(8) adds one; pipe(8) with flag F does) is not part of the message and is
// dropped, so the fingerprint matches the same message delivered to a Maildir.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace bounced::mailbox {

struct PipeMessage {
    std::string bytes;
    bool truncated = false;  // more than max_bytes arrived; the rest was read and dropped
};

// Reads `in` to the end, keeping at most max_bytes.
PipeMessage read_pipe_message(std::istream& in, std::size_t max_bytes);

}  // namespace bounced::mailbox
