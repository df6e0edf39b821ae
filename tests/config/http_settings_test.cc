// [http] listen and token_file: parsed, and a token file others may read is refused.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "config/http_settings.h"
#include "config/load.h"
#include "tests/config/private_file.h"

TEST_CASE("http settings: listen is HOST:PORT or [v6]:PORT", "[config]") {
    config::HttpSettings h;
    CHECK(config::parse_listen("0.0.0.0:9000", &h).empty());
    CHECK(h.host == "0.0.0.0");
    CHECK(h.port == 9000);
    CHECK(config::parse_listen("[::1]:8025", &h).empty());
    CHECK(h.host == "::1");
    for (const char* bad : {"8025", "localhost", ":8025", "host:", "host:0", "host:65536", "host:80a", "[::1:80", "h:1234567"}) {
        INFO(bad);
        CHECK_FALSE(config::parse_listen(bad, &h).empty());
    }
}

TEST_CASE("http settings: the token file is read, and refused when others may read it", "[config]") {
    std::string token;
    const auto good = config_test::file_with("\n  a-token-of-twenty-chars  \nsecond line\n", 0600);
    CHECK(config::read_token_file(good, &token).empty());
    CHECK(token == "a-token-of-twenty-chars");
    const auto group_readable = config_test::file_with("a-token-of-twenty-chars\n", 0640);
    CHECK(config::read_token_file(group_readable, &token).find("chmod 600") != std::string::npos);
    CHECK(token.empty());
    const auto short_token = config_test::file_with("short\n", 0600);
    CHECK(config::read_token_file(short_token, &token).find("at least 16") != std::string::npos);
    CHECK_FALSE(config::read_token_file("/nonexistent/token", &token).empty());

    // Through the loader, from the environment as every setting can be.
    config::Invocation inv;
    std::string error;
    const auto env = [&](const char* name) -> const char* {
        const std::string n = name;
        if (n == "BOUNCED_HTTP_LISTEN") return "127.0.0.1:9999";
        if (n == "BOUNCED_HTTP_TOKEN_FILE") return good.c_str();
        if (n == "BOUNCED_CONFIG") return "/dev/null";
        return nullptr;
    };
    REQUIRE(config::load({"serve"}, config::CommandSpec{"u", "s", {}}, &inv, &error, env));
    CHECK(inv.settings.http.port == 9999);
    CHECK(inv.settings.http.token == "a-token-of-twenty-chars");
    CHECK_FALSE(config::load({"serve", "--http.token_file=" + group_readable}, config::CommandSpec{"u", "s", {}}, &inv, &error, env));
    CHECK(error.find("option 'http.token_file'") == 0);
    for (const auto& p : {good, group_readable, short_token}) std::remove(p.c_str());
}
