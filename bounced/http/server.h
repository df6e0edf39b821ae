// `bounced serve`'s HTTP server: cpp-httplib with every bound set (docs/http.md), the
// token checked before any /api/ route runs, and the routes of api.h, metrics.h and
// page.h. start() binds and serves on a thread of its own; stop() ends it.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <memory>
#include <string>
#include <thread>

#include "bounced/http/context.h"

namespace bounced::http {

// The bounds. Requests are untrusted: none of these is a setting an attacker can
// meet by surprise; all are documented in docs/http.md.
struct Bounds {
    std::size_t max_body_bytes = 64 * 1024;  // larger: 413 (from Content-Length, before reading)
    // A provider's batch (SendGrid posts up to 768 KB of events at once) may be larger
    // than anything a person sends the API, so /webhooks/ has a bound of its own.
    std::size_t max_webhook_body_bytes = 1024 * 1024;
    int read_timeout_seconds = 5;            // per read of the request
    int write_timeout_seconds = 5;           // per write of the answer
    std::size_t workers = 8;                 // requests served at once
    std::size_t max_queued = 64;             // accepted connections waiting for a worker
    std::size_t max_headers = 64;            // more header fields: 431
    std::size_t keep_alive_requests = 100;   // then the connection is closed
    int keep_alive_seconds = 5;              // idle time of a kept-alive connection
};

class Server {
public:
    Server(Context& context, Bounds bounds = {});
    ~Server();

    // Binds host:port and serves on a new thread. False with `error` when the address
    // cannot be bound. Port 0 picks a free port (tests): port() tells which.
    bool start(const std::string& host, int port, std::string* error);
    int port() const { return port_; }
    void stop();  // stops accepting, finishes the requests in hand, joins

private:
    void install();

    Context& context_;
    Bounds bounds_;
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
};

// The Authorization header's bearer token, or "" when there is none.
std::string bearer_token(const httplib::Request& req);

}  // namespace bounced::http
