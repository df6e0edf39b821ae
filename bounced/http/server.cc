// Server (see server.h). Why cpp-httplib: it has the thread pool hook, the read/write
// timeouts and the payload limit built in, it is one small library, and Debian
// packages it (libcpp-httplib-dev); Boost.Beast would need all of those written here.
#include "bounced/http/server.h"

#include <algorithm>

#include "bounced/http/api.h"
#include "bounced/http/bounded_queue.h"
#include "bounced/http/metrics.h"
#include "bounced/http/page.h"
#include "bounced/http/webhooks.h"

namespace bounced::http {
namespace {

// Answers set before routing apply to every response: no caching of addresses, no
// framing, no sniffing. The page sets its own Content-Security-Policy (page.cc).
httplib::Headers default_headers() {
    return {{"Cache-Control", "no-store"},
            {"X-Content-Type-Options", "nosniff"},
            {"X-Frame-Options", "DENY"},
            {"Referrer-Policy", "no-referrer"}};
}

// From the Content-Length, before the body is read (chunked bodies are refused).
bool body_over_bound(const httplib::Request& req, const Bounds& b) {
    const bool webhook = req.path.rfind("/webhooks/", 0) == 0;
    return req.get_header_value<uint64_t>("Content-Length") > (webhook ? b.max_webhook_body_bytes : b.max_body_bytes);
}

}  // namespace

std::string bearer_token(const httplib::Request& req) {
    const std::string value = req.get_header_value("Authorization");
    constexpr const char* kScheme = "Bearer ";
    if (value.size() <= 7 || value.compare(0, 7, kScheme) != 0) return "";
    return value.substr(7);
}

Server::Server(Context& context, Bounds bounds) : context_(context), bounds_(bounds) { install(); }

Server::~Server() { stop(); }

void Server::install() {
    const Bounds b = bounds_;
    server_.new_task_queue = [b] { return new BoundedQueue(b.workers, b.max_queued); };
    // cpp-httplib has one payload limit for the whole server: the larger one; the
    // pre-routing handler holds every other path to the smaller one.
    server_.set_payload_max_length(std::max(b.max_body_bytes, b.max_webhook_body_bytes));
    server_.set_read_timeout(b.read_timeout_seconds, 0);
    server_.set_write_timeout(b.write_timeout_seconds, 0);
    // Small answers on kept-alive connections: without TCP_NODELAY, Nagle's algorithm
    // and the client's delayed ACK hold each answer's last segment back for tens of ms.
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(b.keep_alive_requests);
    server_.set_keep_alive_timeout(b.keep_alive_seconds);
    server_.set_default_headers(default_headers());
    Context& ctx = context_;
    server_.set_pre_routing_handler([&ctx, b](const httplib::Request& req, httplib::Response& res) {
        ++ctx.requests;
        if (req.headers.size() > b.max_headers) {
            json_error(res, 431, "more than " + std::to_string(b.max_headers) + " header fields");
            return httplib::Server::HandlerResponse::Handled;
        }
        // cpp-httplib 0.11 applies the payload limit to a Content-Length, not to a chunked
        // body: refuse chunked bodies (no client of this API needs them).
        if (req.has_header("Transfer-Encoding")) {
            json_error(res, 411, "send the body with a Content-Length, not chunked");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (body_over_bound(req, b)) {
            json_error(res, 413, "the body is larger than this path takes");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.path.rfind("/api/", 0) == 0 && !same_secret(bearer_token(req), ctx.settings()->http.token)) {
            ++ctx.unauthorized;
            res.set_header("WWW-Authenticate", "Bearer realm=\"bounced\"");
            json_error(res, 401, "this needs Authorization: Bearer <token> (the [http] token_file's token)");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        const std::string message = res.status == 404   ? "no such path"
                                    : res.status == 413 ? "the body is larger than the server takes"
                                                        : "the request could not be served";
        json_error(res, res.status, message);
    });
    server_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        json_error(res, 500, "internal error");
    });
    server_.Get("/healthz", [&ctx](const httplib::Request&, httplib::Response& res) {
        db::SendStatus status;
        auto store = ctx.stores().borrow();
        const auto s = store->check("healthz@localhost.invalid", &status);  // one round trip to the database
        res.status = s.ok() ? 200 : 503;
        res.set_content(s.ok() ? "ok\n" : "database unavailable\n", "text/plain");
    });
    add_api_routes(server_, ctx);
    add_metrics_route(server_, ctx);
    add_page_routes(server_, ctx);
    add_webhook_routes(server_, ctx);  // no token: each provider's signature is its auth
}

bool Server::start(const std::string& host, int port, std::string* error) {
    if (port == 0) {
        port_ = server_.bind_to_any_port(host);
        if (port_ < 0) port_ = 0;
    } else if (server_.bind_to_port(host, port)) {
        port_ = port;
    }
    if (port_ == 0) {
        *error = "cannot listen on " + host + ":" + std::to_string(port) + " (in use, or not an address of this host)";
        return false;
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    return true;
}

void Server::stop() {
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
}

}  // namespace bounced::http
