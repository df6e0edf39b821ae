// https_get's bounds, and CertCache's memory, against a server of the test's own on 127.0.0.1 (plain http,
// allowed only by the test switch): https only by default, no redirect followed, a
// non-200 answer and an answer over the size bound are errors.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "bounced/http/cert_cache.h"
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

TEST_CASE("cert cache: a certificate is fetched once, at most 16 are kept, the oldest dropped first", "[http]") {
    httplib::Server server;
    std::atomic<int> fetches{0};
    server.Get(R"(/cert-(\d+)\.pem)", [&](const httplib::Request& req, httplib::Response& res) {
        ++fetches;
        res.set_content("-----BEGIN CERTIFICATE-----\n" + req.matches[1].str() + "\n-----END CERTIFICATE-----\n",
                        "application/x-pem-file");
    });
    server.Get("/not-a-cert.pem", [&](const httplib::Request&, httplib::Response& res) {
        ++fetches;
        res.set_content("<html>hello</html>", "text/html");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { server.listen_after_bind(); });
    const auto url = [&](int i) { return "http://127.0.0.1:" + std::to_string(port) + "/cert-" + std::to_string(i) + ".pem"; };

    bounced::http::CertCache cache(/*plain_http_for_tests=*/true);
    std::string error;
    CHECK(cache.certificate(url(0), &error).find("\n0\n") != std::string::npos);
    CHECK(cache.certificate(url(0), &error).find("\n0\n") != std::string::npos);
    CHECK(fetches == 1);  // the second from memory
    for (int i = 1; i <= 16; ++i) cache.certificate(url(i), &error);
    CHECK(fetches == 17);
    cache.certificate(url(16), &error);  // still kept
    CHECK(fetches == 17);
    cache.certificate(url(0), &error);  // the 17th entry dropped the oldest, 0
    CHECK(fetches == 18);

    CHECK(cache.certificate("http://127.0.0.1:" + std::to_string(port) + "/not-a-cert.pem", &error).empty());
    CHECK(error.find("not a PEM certificate") != std::string::npos);
    // The https-only cache of the server refuses the same URL without fetching.
    const int before = fetches;
    CHECK(bounced::http::CertCache().certificate(url(3), &error).empty());
    CHECK(fetches == before);
    server.stop();
    serving.join();
}
