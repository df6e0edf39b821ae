// read_pipe_message (see pipe_message.h).
#include "bounced/mailbox/pipe_message.h"

#include <vector>

namespace bounced::mailbox {

PipeMessage read_pipe_message(std::istream& in, std::size_t max_bytes) {
    PipeMessage message;
    std::vector<char> buffer(64 * 1024);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        const auto n = static_cast<std::size_t>(in.gcount());
        const std::size_t room = max_bytes > message.bytes.size() ? max_bytes - message.bytes.size() : 0;
        message.bytes.append(buffer.data(), n < room ? n : room);
        if (n > room) message.truncated = true;
    }
    if (message.bytes.rfind("From ", 0) == 0) {
        const auto eol = message.bytes.find('\n');
        message.bytes.erase(0, eol == std::string::npos ? message.bytes.size() : eol + 1);
    }
    return message;
}

}  // namespace bounced::mailbox
