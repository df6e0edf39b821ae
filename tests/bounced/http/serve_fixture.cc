// Served (see serve_fixture.h).
#include "tests/bounced/http/serve_fixture.h"

#include <catch2/catch.hpp>

namespace http_test {

Served::Served(bounced::http::Bounds bounds) : Served([](config::Settings&) {}, bounds) {}

Served::Served(const std::function<void(config::Settings&)>& configure, bounced::http::Bounds bounds) {
    if (!pg.ready()) return;
    store = pg.store();
    config::Settings settings;
    settings.store = pg.options();
    settings.http.token = kToken;
    configure(settings);
    context_ = std::make_unique<bounced::http::Context>(settings);
    server_ = std::make_unique<bounced::http::Server>(*context_, bounds);
    std::string error;
    REQUIRE(server_->start("127.0.0.1", 0, &error));
    api_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    api_->set_bearer_token_auth(kToken);
    api_->set_read_timeout(30, 0);
    ready_ = true;
}

httplib::Client Served::bare() const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    return client;
}

nlohmann::json json_of(const httplib::Result& r) {
    REQUIRE(r);
    const auto j = nlohmann::json::parse(r->body, nullptr, false);
    INFO(r->body);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

}  // namespace http_test
