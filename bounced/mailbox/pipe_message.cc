// read_pipe_message (see pipe_message.h).
#include "bounced/mailbox/pipe_message.h"

#include <algorithm>
#include <vector>

namespace bounced::mailbox {

PipeMessage read_pipe_message(std::istream& in, std::size_t max_bytes) {
    PipeMessage message;
    // Never past max_bytes: an endless input must not keep the reader (or its memory).
    std::vector<char> buffer(64 * 1024);
    while (message.bytes.size() < max_bytes) {
        const std::size_t want = std::min(buffer.size(), max_bytes - message.bytes.size());
        in.read(buffer.data(), static_cast<std::streamsize>(want));
        if (in.gcount() <= 0) break;
        message.bytes.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    message.truncated = message.bytes.size() >= max_bytes && in.peek() != std::char_traits<char>::eof();
    if (message.bytes.rfind("From ", 0) == 0) {
        const auto eol = message.bytes.find('\n');
        message.bytes.erase(0, eol == std::string::npos ? message.bytes.size() : eol + 1);
    }
    return message;
}

}  // namespace bounced::mailbox
