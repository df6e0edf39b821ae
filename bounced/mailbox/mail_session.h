// One connection to a mailbox server (IMAP or POP3, plain, STARTTLS or TLS) through
// libcurl, shared by the IMAP and POP3 sources: an RAII easy handle that keeps its
// connection between commands, and the settings every command needs. The only
// includer of <curl/curl.h>.
//
// Each command is one curl_easy_perform. libcurl reuses the connection (and, for IMAP,
// the selected mailbox) from one command to the next; Result::new_connection says
// when it had to connect again, which matters for POP3, whose message numbers are
// valid only within one session. Not thread-safe; one per source.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/daemon_settings.h"

namespace bounced::mailbox {

struct MailServerOptions {
    std::string url;             // imap[s]://host[:port][/MAILBOX] or pop3[s]://host[:port]
    std::string user;
    std::string password;
    long connect_timeout = 15;   // seconds
    long stall_timeout = 60;     // a command that receives nothing this long fails
};

// The password for source.imap: source.imap_password, else the first line of
// source.imap_password_file (config check has refused files others may read).
// Throws std::runtime_error naming the option when the file cannot be read.
std::string mail_password(const std::string& password, const std::string& password_file);

// The server, user and password of [source] imap (which names a POP3 server too).
MailServerOptions mail_server_options(const config::DaemonSettings& settings);

// scheme://host[:port]/ of a URL ("" when it has no host), and its path without the
// leading '/' ("" when none).
std::string url_base(const std::string& url);
std::string url_path(const std::string& url);
// A URL path with its %XX escapes decoded: the mailbox name a server knows.
std::string url_decoded(const std::string& text);

class MailSession {
public:
    struct Result {
        bool ok = false;
        std::string error;           // libcurl's text and the server's last reply when !ok
        std::string body;            // what libcurl hands over as data (RETR's message, untagged lines)
        std::string response;        // every protocol line received, as received (see literal_of)
        bool new_connection = false; // this command had to (re)connect and log in
    };
    // Throws std::runtime_error when libcurl cannot be initialised.
    explicit MailSession(MailServerOptions options);
    ~MailSession();
    MailSession(const MailSession&) = delete;
    MailSession& operator=(const MailSession&) = delete;

    // Performs one request: `url` (a full URL), with `command` as the custom request
    // when not empty (CURLOPT_CUSTOMREQUEST), `no_body` for commands without data.
    // `fresh` forces a new connection (a new POP3 session). The response lines are
    // kept only up to `max_response` bytes (plus one, so "too large" can be seen).
    Result perform(const std::string& url, const std::string& command, bool no_body = false, bool fresh = false,
                   std::size_t max_response = 1 << 20);
    // Closes the connection (POP3: QUIT, which commits the session's deletions).
    void close();

    const MailServerOptions& options() const { return options_; }

private:
    void open();
    MailServerOptions options_;
    void* curl_ = nullptr;   // CURL*
};

// The first IMAP literal of a FETCH response ("* 1 FETCH (UID 7 BODY[] {1234}\r\n"
// followed by 1234 bytes) in `response`, cut to max_bytes + 1; false when there is none.
bool literal_of(const std::string& response, std::size_t max_bytes, std::string* out);

}  // namespace bounced::mailbox
