// The web page over plain HTTP (the browser's view is page_in_chromium_test.py): login
// and its cookie, CSRF on every change, Japanese, and bounce text escaped.
#include <catch2/catch.hpp>

#include <regex>

#include "tests/bounced/http/serve_fixture.h"

using classify::Reason;
using http_test::Served;

namespace {

const std::string kEvilDiagnostic = "550 5.1.1 <script>alert('d')</script> unknown";

// Logs in; the session cookie ("bounced_session=...") and the page's CSRF token.
std::pair<std::string, std::string> log_in(Served& s, const std::string& lang = "en") {
    auto client = s.bare();
    auto r = client.Post("/login", "token=" + std::string(http_test::kToken) + "&lang=" + lang,
                         "application/x-www-form-urlencoded");
    REQUIRE(r);
    REQUIRE(r->status == 303);
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto page = client.Get("/", {{"Cookie", cookie}});
    REQUIRE(page);
    std::smatch m;
    REQUIRE(std::regex_search(page->body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
    return {cookie, m[1]};
}

}  // namespace

TEST_CASE("page: the token logs in, a wrong one does not, the policy forbids scripts", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    auto client = s.bare();
    auto login = client.Get("/");
    REQUIRE(login);
    CHECK(login->status == 200);
    CHECK(login->body.find("name=\"token\"") != std::string::npos);
    CHECK(login->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);
    auto wrong = client.Post("/login", "token=nope&lang=en", "application/x-www-form-urlencoded");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(wrong->get_header_value("Set-Cookie").empty());
    CHECK(client.Get("/held", {{"Cookie", "bounced_session=forged"}})->body.find("name=\"token\"") != std::string::npos);

    const auto [cookie, csrf] = log_in(s, "ja");
    auto list = client.Get("/", {{"Cookie", cookie}});
    CHECK(list->body.find("配信停止リスト") != std::string::npos);
    CHECK(list->body.find("<script") == std::string::npos);
    for (const char* path : {"/held", "/throttled", "/report"}) {
        INFO(path);
        auto r = client.Get(path, {{"Cookie", cookie}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);
        CHECK(r->body.find("<script") == std::string::npos);
    }
    REQUIRE(s.store->apply({db_test::bounce("r1", "gone@example.org", Reason::userunknown)}).status.ok());
    auto report = client.Get("/report?since=2023-12-31&until=2024-01-02", {{"Cookie", cookie}});
    REQUIRE(report);
    CHECK(report->body.find("<svg") != std::string::npos);  // the report's chart, of the fixture's day
    CHECK(report->body.find("userunknown") != std::string::npos);
}

TEST_CASE("page: a change needs the session's CSRF token, and with it is audited like the CLI", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    bool changed = false;
    REQUIRE(s.store->suppress({"victim@example.org", "hard", "userunknown", std::nullopt, "manual", ""}, &changed).ok());
    const auto [cookie, csrf] = log_in(s);
    auto client = s.bare();
    const std::string form = "a=victim%40example.org&note=by+page";
    CHECK(client.Post("/reactivate", {{"Cookie", cookie}}, form, "application/x-www-form-urlencoded")->status == 403);
    CHECK(client.Post("/reactivate", {{"Cookie", cookie}}, form + "&csrf=" + std::string(64, 'a'),
                      "application/x-www-form-urlencoded")->status == 403);
    CHECK(client.Post("/reactivate", form + "&csrf=" + csrf, "application/x-www-form-urlencoded")->status == 403);  // no cookie
    CHECK(s.pg.count("SELECT count(*) FROM audit_log WHERE action = 'reactivate'") == 0);

    auto ok = client.Post("/reactivate", {{"Cookie", cookie}}, form + "&csrf=" + csrf, "application/x-www-form-urlencoded");
    REQUIRE(ok);
    CHECK(ok->status == 303);
    CHECK(s.pg.query("SELECT status FROM subscribers WHERE address = 'victim@example.org'") == std::vector<std::string>{"active"});
    CHECK(s.pg.query("SELECT action || '|' || note FROM audit_log WHERE address = 'victim@example.org' ORDER BY id DESC LIMIT 1") ==
          std::vector<std::string>{"reactivate|by page"});

    auto add = client.Post("/add", {{"Cookie", cookie}}, "a=new%40example.org&reason=complaint&note=asked&csrf=" + csrf,
                           "application/x-www-form-urlencoded");
    REQUIRE(add);
    CHECK(add->status == 303);
    CHECK(s.pg.query("SELECT suppressed_class FROM subscribers WHERE address = 'new@example.org'") ==
          std::vector<std::string>{"complaint"});
}

TEST_CASE("page: <script> in a diagnostic and in an address is shown as text", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    const std::string evil_address = "<script>alert(1)</script>@evil.example";
    auto m = db_test::bounce("e1", "victim@example.org", Reason::userunknown);
    m.report.recipients[0].diagnostic = kEvilDiagnostic;
    REQUIRE(s.store->apply({m}).status.ok());
    bool changed = false;
    REQUIRE(s.store->suppress({evil_address, "manual", "<b>bold</b>", std::nullopt, "manual", "<i>note</i>"}, &changed).ok());
    const auto [cookie, csrf] = log_in(s);
    auto client = s.bare();
    for (const std::string& path : {std::string("/address?a=victim%40example.org"), "/address?a=" + httplib::detail::encode_query_param(evil_address),
                                   std::string("/")}) {
        INFO(path);
        auto r = client.Get(path.c_str(), {{"Cookie", cookie}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->body.find("<script") == std::string::npos);
        CHECK(r->body.find("<b>bold") == std::string::npos);
        CHECK(r->body.find("&lt;/script&gt;") != std::string::npos);  // the store trims the leading "<" of an address
    }
    auto api = s.api().Get("/api/v1/suppressions/victim@example.org");
    CHECK(api->get_header_value("Content-Type") == "application/json");
    CHECK(http_test::json_of(api)["history"][0]["diagnostic"] == kEvilDiagnostic);  // JSON keeps the text as it is
}

TEST_CASE("page: the report for a chosen period, its chart, and a <script> diagnostic as text", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    auto m = db_test::bounce("r1", "victim@example.org", Reason::userunknown);
    m.report.recipients[0].diagnostic = kEvilDiagnostic;
    REQUIRE(s.store->apply({m}).status.ok());
    const auto [cookie, csrf] = log_in(s);
    auto client = s.bare();

    auto r = client.Get("/report?since=2023-12-31&until=2024-01-02", {{"Cookie", cookie}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);
    const std::string& page = r->body;
    CHECK(page.find("<nav>") != std::string::npos);  // inside the page, not a document of its own
    CHECK(page.find("id=\"period\"") != std::string::npos);
    CHECK(page.find("name=\"since\" id=\"since\" size=\"12\" maxlength=\"64\" placeholder=\"24h\" value=\"2023-12-31\"") !=
          std::string::npos);
    CHECK(page.find("href=\"/report?since=7d\"") != std::string::npos);
    CHECK(page.find("2023-12-31 00:00Z .. 2024-01-02 00:00Z") != std::string::npos);  // the period chosen
    CHECK(page.find("<svg") != std::string::npos);
    CHECK(page.find("data-k=\"failures.count\">1<") != std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(") != std::string::npos);  // the diagnostic, as text
    CHECK(page.find("<script") == std::string::npos);

    // Another period: the bounce is not in it.
    auto other = client.Get("/report?since=2024-02-01&until=2024-02-02", {{"Cookie", cookie}});
    REQUIRE(other);
    CHECK(other->status == 200);
    CHECK(other->body.find("data-k=\"failures.count\">0<") != std::string::npos);

    // A period the CLI would refuse: the form again, with why, and the typed text escaped.
    auto bad = client.Get("/report?since=%3Cscript%3Ex", {{"Cookie", cookie}});
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(bad->body.find("id=\"period-error\"") != std::string::npos);
    CHECK(bad->body.find("value=\"&lt;script&gt;x\"") != std::string::npos);
    CHECK(bad->body.find("<script") == std::string::npos);
}

TEST_CASE("page: the report page in Japanese", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    REQUIRE(s.store->apply({db_test::bounce("j1", "gone@example.org", Reason::userunknown)}).status.ok());
    const auto [cookie, csrf] = log_in(s, "ja");
    auto r = s.bare().Get("/report?since=2023-12-31&until=2024-01-02", {{"Cookie", cookie}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body.find("<html lang=\"ja\">") != std::string::npos);
    CHECK(r->body.find("過去 7 日間") != std::string::npos);  // the form's preset
    CHECK(r->body.find("<h1>バウンスレポート</h1>") != std::string::npos);  // the report's own Japanese labels
}
