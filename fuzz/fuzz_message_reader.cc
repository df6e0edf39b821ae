// libFuzzer target: the message reader behind `bounced classify` and `bounced ingest`
// (bounced/mailbox/message_reader.cc) given one file: a message, an mbox (it starts with
// "From "), or an old Mac file with bare CR line ends. The file is a memfd, so
// nothing on disk is read or written.
//
// Checks what the rest of bounced relies on: no message is longer than the limit
// plus one byte (the sign of "too large"), the reader invents no text (all the
// messages together are no longer than the file plus a line end each), and an mbox
// splits into no more messages than it has lines.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bounced/mailbox/message_reader.h"
#include "fuzz/memory_file.h"

namespace {

constexpr std::size_t kMaxBytes = 4096;  // small, so inputs reach it

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fuzz::MemoryFile file(data, size);
    if (!file.ok()) return 0;
    std::size_t messages = 0, total = 0;
    bounced::mailbox::read_messages(
        file.path(), kMaxBytes,
        [&](bounced::mailbox::InputMessage&& m) {
            if (m.bytes.size() > kMaxBytes + 1) std::abort();
            ++messages;
            total += m.bytes.size();
        },
        [](const std::string&, const std::string&) {});
    const auto lines = static_cast<std::size_t>(std::count(data, data + size, '\n') + std::count(data, data + size, '\r'));
    if (total > size + messages) std::abort();
    if (messages > lines + 1) std::abort();
    return 0;
}
