// https_get's bounds against a server of the test's own on 127.0.0.1 (plain http,
// allowed only by the test switch): https only by default, no redirect followed, a
// non-200 answer and an answer over the size bound are errors.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <thread>

#include "bounced/http/https_fetch.h"

using bounced::http::FetchLimits;
using bounced::http::https_get;

TEST_CASE("https_get: https only, no redirects, a status other than 200 and a large answer are errors", "[http]") {
    httplib::Server server;
    server.Get("/small", [](const httplib::Request&, httplib::Response& res) { res.set_content("hello", "text/plain"); });
    server.Get("/large", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(100 * 1024, 'x'), "text/plain");
    });
    server.Get("/stream", [](const httplib::Request&, httplib::Response& res) {  // no Content-Length
        res.set_chunked_content_provider("text/plain", [](std::size_t offset, httplib::DataSink& sink) {
            const std::string chunk(8 * 1024, 'y');
            if (offset < 200 * 1024) sink.write(chunk.data(), chunk.size());
            else sink.done();
            return true;
        });
    });
    server.Get("/moved", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/small"); });
    server.Get("/missing", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { server.listen_after_bind(); });
    const std::string base = "http://127.0.0.1:" + std::to_string(port);

    FetchLimits plain;
    plain.allow_plain_http = true;
    std::string body, error;
    CHECK(https_get(base + "/small", plain, &body, &error));
    CHECK(body == "hello");

    CHECK_FALSE(https_get(base + "/small", FetchLimits{}, &body, &error));  // http refused by default
    CHECK(error.find(base + "/small") != std::string::npos);                // the error names the URL

    CHECK_FALSE(https_get(base + "/large", plain, &body, &error));
    CHECK(error.find("over 65536 bytes") != std::string::npos);
    CHECK(body.size() <= 64 * 1024);
    CHECK_FALSE(https_get(base + "/stream", plain, &body, &error));
    CHECK(error.find("over 65536 bytes") != std::string::npos);
    CHECK(body.size() <= 64 * 1024);

    CHECK_FALSE(https_get(base + "/moved", plain, &body, &error));
    CHECK(error.find("answered 302") != std::string::npos);
    CHECK_FALSE(https_get(base + "/missing", plain, &body, &error));
    CHECK(error.find("answered 404") != std::string::npos);

    server.stop();
    serving.join();
    CHECK_FALSE(https_get(base + "/small", plain, &body, &error));  // nobody listens
}
