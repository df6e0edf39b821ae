// Reads messages from what a person names on the command line: a message file, a
// Maildir, a directory of .eml files, an mbox file, or "-" for standard input.
// Read-only. An mbox is streamed one message at a time, never held whole, from a
// file or standard input alike; old Mac files (bare CR line ends) read as LF.
// In a directory, regular files and links to them are read; names starting with
// '.' (Maildir's hidden and temporary files) and subdirectories are not. A Maildir
// (cur/ and new/) is read new/ first, then cur/; never tmp/.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace bounced::mailbox {

struct InputMessage {
    std::string source;   // the path, with "#N" for the Nth message of an mbox
    std::string bytes;    // at most max_bytes + 1 bytes: more means "too large"
    bool truncated = false;
};

using MessageSink = std::function<void(InputMessage&&)>;
using ErrorSink = std::function<void(const std::string& path, const std::string& why)>;

// Calls `on_message` for every message under `path`, in a stable order (names
// sorted), and `on_error` for every path that cannot be read. Returns false when
// any error was reported.
bool read_messages(const std::string& path, std::size_t max_bytes, const MessageSink& on_message,
                   const ErrorSink& on_error);

}  // namespace bounced::mailbox
