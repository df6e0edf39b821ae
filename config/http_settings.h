// What `bounced serve` reads from the configuration ([http]): where it listens and the
// API token. Filled by config::load; plain data. The server's bounds (payload, time,
// workers) are fixed in bounced/http/server.h, not settings.
#pragma once

#include <string>

namespace config {

struct HttpSettings {
    std::string listen = "127.0.0.1:8025";  // [http] listen = HOST:PORT
    std::string host = "127.0.0.1";         // split from listen
    int port = 8025;
    std::string token_file;                 // [http] token_file: one line, the bearer token
    std::string token;                      // read from token_file at load (and on SIGHUP)
};

constexpr std::size_t kMinTokenLength = 16;

// "HOST:PORT" or "[v6]:PORT" into settings; "" or why not.
std::string parse_listen(const std::string& value, HttpSettings* settings);

// Reads the token: the file's first non-blank line, trimmed. "" or why the file is
// refused: unreadable, not a regular file, readable or writable by its group or others
// (the token grants every change), empty, or shorter than kMinTokenLength.
std::string read_token_file(const std::string& path, std::string* token);

}  // namespace config
