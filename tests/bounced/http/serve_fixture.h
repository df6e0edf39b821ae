// A `bounced serve` server in the test process: a fresh schema (PgFixture), the real
// bounced::http::Server on a free port of 127.0.0.1, and a client that sends the token
// (or not).
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bounced/http/context.h"
#include "bounced/http/server.h"
#include "tests/db/pg_fixture.h"

namespace http_test {

constexpr const char* kToken = "test-token-0123456789abcdef";

class Served {
public:
    explicit Served(bounced::http::Bounds bounds = {});
    // With settings of the test's own (a webhook's key, ...) on top of the store and token.
    explicit Served(const std::function<void(config::Settings&)>& configure, bounced::http::Bounds bounds = {});
    bool ready() const { return ready_; }

    db_test::PgFixture pg;
    std::unique_ptr<db::Store> store;  // for setting up and checking, beside the server's own

    // A client with Authorization: Bearer kToken; bare() sends no token.
    httplib::Client& api() { return *api_; }
    httplib::Client bare() const;
    int port() const { return server_->port(); }

    // What the store holds: bounce events, webhook replay tokens, and one address's
    // events as "class reason rule".
    long events() { return pg.count("SELECT count(*) FROM bounce_events"); }
    long tokens() { return pg.count("SELECT count(*) FROM webhook_tokens"); }
    std::vector<std::string> row(const std::string& address) {
        return pg.query("SELECT bounce_class || ' ' || reason || ' ' || rule FROM bounce_events WHERE address = $1",
                        {address});
    }

private:
    bool ready_ = false;
    std::unique_ptr<bounced::http::Context> context_;
    std::unique_ptr<bounced::http::Server> server_;
    std::unique_ptr<httplib::Client> api_;
};

nlohmann::json json_of(const httplib::Result& r);

}  // namespace http_test
