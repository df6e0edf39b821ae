// The JSON API of `bounced serve` over real HTTP, against a real PostgreSQL: the token,
// every endpoint, 404s, keyset pagination over 10,000 rows, the audit row of every
// change, and the server's bounds.
#include <catch2/catch.hpp>

#include <set>

#include "db/import.h"
#include "tests/bounced/http/serve_fixture.h"

using classify::Reason;
using http_test::json_of;
using http_test::Served;
using nlohmann::json;

TEST_CASE("api: every /api/v1/ path needs the bearer token, /healthz does not", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    auto bare = s.bare();
    for (const char* path : {"/api/v1/suppressions", "/api/v1/suppressions/a@example.org", "/api/v1/check/a@example.org",
                             "/api/v1/held", "/api/v1/throttled", "/api/v1/report", "/api/v1/nothing"}) {
        INFO(path);
        auto r = bare.Get(path);
        REQUIRE(r);
        CHECK(r->status == 401);
        CHECK(r->get_header_value("WWW-Authenticate").find("Bearer") == 0);
    }
    httplib::Client wrong("127.0.0.1", s.port());
    wrong.set_bearer_token_auth("test-token-0123456789abcdeX");  // same length, last byte differs
    CHECK(wrong.Get("/api/v1/check/a@example.org")->status == 401);
    CHECK(bare.Delete("/api/v1/suppressions/a@example.org")->status == 401);
    CHECK(s.api().Get("/api/v1/check/a@example.org")->status == 200);
    auto health = bare.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(bare.Get("/no/such/page")->status == 404);
}

TEST_CASE("api: PUT, GET, check and DELETE write the same audit rows as the CLI's store calls", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    CHECK(s.api().Get("/api/v1/suppressions/nobody@example.org")->status == 404);
    CHECK(s.api().Get("/api/v1/suppressions/not-an-address")->status == 400);

    auto put = s.api().Put("/api/v1/suppressions/Someone@Example.org", R"({"reason":"asked by phone","note":"ticket 7"})",
                           "application/json");
    REQUIRE(put);
    CHECK(put->status == 201);
    CHECK(json_of(put)["changed"] == true);
    CHECK(json_of(s.api().Put("/api/v1/suppressions/someone@example.org", "{}", "application/json"))["changed"] == false);

    auto check = json_of(s.api().Get("/api/v1/check/someone@example.org"));
    CHECK(check["may_send"] == false);
    CHECK(check["why"] == "suppressed");
    CHECK(check["reason"] == "asked by phone");

    auto shown = json_of(s.api().Get("/api/v1/suppressions/someone@example.org"));
    CHECK(shown["status"] == "suppressed");
    CHECK(shown["suppression"]["class"] == "manual");
    CHECK(shown["suppression"]["note"] == "ticket 7");
    REQUIRE(shown["audit"].size() == 1);

    auto del = s.api().Delete("/api/v1/suppressions/someone@example.org?note=called%20back");
    REQUIRE(del);
    CHECK(del->status == 200);
    CHECK(json_of(del)["changed"] == true);
    CHECK(json_of(s.api().Get("/api/v1/check/someone@example.org"))["may_send"] == true);

    // The same two changes through the store functions the CLI calls, on another address:
    // the audit rows differ only in the address.
    bool changed = false;
    REQUIRE(s.store->suppress({"other@example.org", "manual", "asked by phone", std::nullopt, "manual", "ticket 7"}, &changed).ok());
    REQUIRE(s.store->reactivate("other@example.org", "called back", &changed).ok());
    const std::string audit = "SELECT actor || '|' || action || '|' || detail || '|' || note FROM audit_log"
                              " WHERE address = $1 ORDER BY id";
    const auto api_rows = s.pg.query(audit, {std::string("someone@example.org")});
    CHECK(api_rows.size() == 2);
    CHECK(api_rows == s.pg.query(audit, {std::string("other@example.org")}));
}

TEST_CASE("api: DELETE lifts a soft backoff, audited", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    REQUIRE(s.store->apply({db_test::bounce("f1", "full@example.org", Reason::mailboxfull, "<m1@list>")}).status.ok());
    CHECK(json_of(s.api().Get("/api/v1/check/full@example.org"))["why"] == "backoff");
    auto del = json_of(s.api().Delete("/api/v1/suppressions/full@example.org?note=mailbox%20emptied"));
    CHECK(del["changed"] == true);
    CHECK(json_of(s.api().Get("/api/v1/check/full@example.org"))["may_send"] == true);
    CHECK(s.pg.query("SELECT action || ' ' || note FROM audit_log WHERE address = 'full@example.org'") ==
          std::vector<std::string>{"reactivate mailbox emptied"});
}

TEST_CASE("api: the list pages through 10,000 rows by cursor, each once, newest first", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    std::vector<db::Suppression> rows;
    const auto base = s.pg.now();
    for (int i = 0; i < 10000; ++i) {
        // Ten rows share each timestamp, so the cursor's address part matters.
        rows.push_back({"user" + std::to_string(i) + (i % 2 ? "@odd.example" : "@even.example"), i % 3 ? "hard" : "complaint",
                        i % 3 ? "userunknown" : "feedback", base - std::chrono::seconds(i / 10), "import:test", ""});
    }
    db::ImportOutcome outcome;
    REQUIRE(s.store->import(rows, &outcome).ok());
    REQUIRE(outcome.suppressed == 10000);

    std::set<std::string> seen;
    std::string cursor, last_since = "9999";
    int pages = 0;
    for (;;) {
        const std::string path = "/api/v1/suppressions?limit=700" + (cursor.empty() ? "" : "&cursor=" + httplib::detail::encode_query_param(cursor));
        auto page = json_of(s.api().Get(path.c_str()));
        ++pages;
        CHECK(page["total"] == 10000);
        for (const auto& item : page["items"]) {
            CHECK(seen.insert(item["address"].get<std::string>()).second);
            CHECK(item["since"].get<std::string>() <= last_since);  // newest first
            last_since = item["since"].get<std::string>();
        }
        if (page["next"].is_null()) break;
        cursor = page["next"].get<std::string>();
        REQUIRE(pages < 20);
    }
    CHECK(pages == 15);
    CHECK(seen.size() == 10000);

    auto odd = json_of(s.api().Get("/api/v1/suppressions?domain=odd.example&class=complaint&limit=1000"));
    CHECK(odd["total"] == 1667);  // odd i, multiple of 3: 3, 9, 15, ... 9999
    for (const auto& item : odd["items"]) CHECK(item["class"] == "complaint");
    CHECK(json_of(s.api().Get("/api/v1/suppressions?q=user123%40"))["total"] == 1);
    CHECK(s.api().Get("/api/v1/suppressions?cursor=garbage")->status == 400);
    CHECK(s.api().Get("/api/v1/suppressions?limit=0")->status == 400);
    CHECK(s.api().Get("/api/v1/suppressions?since=yesterday-ish")->status == 400);
}

TEST_CASE("api: held queue, release and discard, audited", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    // With sends recorded, bounces that name no sent message are held.
    REQUIRE(s.store->record_send("someone@example.org", "<c1@list.example>", "", std::nullopt).ok());
    REQUIRE(s.store->apply({db_test::bounce("h1", "a@example.org", Reason::userunknown),
                            db_test::bounce("h2", "b@example.org", Reason::userunknown)}).status.ok());
    auto held = json_of(s.api().Get("/api/v1/held"));
    REQUIRE(held["total"] == 2);
    REQUIRE(held["items"].size() == 2);
    const long first = held["items"][0]["id"], second = held["items"][1]["id"];
    CHECK(json_of(s.api().Get(("/api/v1/held/" + std::to_string(first)).c_str()))["address"] == held["items"][0]["address"]);
    CHECK(s.api().Get("/api/v1/held/999999")->status == 404);

    auto released = json_of(s.api().Post("/api/v1/held/release", json({{"ids", {first}}, {"note", "checked"}}).dump(),
                                         "application/json"));
    CHECK(released["decisions"][0]["kind"] == "released");
    auto discarded = json_of(s.api().Post("/api/v1/held/discard", json({{"ids", {second}}}).dump(), "application/json"));
    CHECK(discarded["discarded"] == 1);
    CHECK(json_of(s.api().Get("/api/v1/held"))["total"] == 0);
    CHECK(s.pg.count("SELECT count(*) FROM audit_log WHERE action IN ('release', 'discard')") == 2);
    CHECK(s.api().Post("/api/v1/held/release", R"({"ids":"all"})", "application/json")->status == 400);
    CHECK(s.api().Post("/api/v1/held/release", "not json", "application/json")->status == 400);
}

TEST_CASE("api: throttled domains, the report as JSON, and /metrics", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    REQUIRE(db_test::policy_bounces(*s.store, "blocking.example", 25, "p").status.ok());
    REQUIRE(s.store->apply({db_test::bounce("u1", "gone@example.org", Reason::userunknown)}).status.ok());
    auto throttled = json_of(s.api().Get("/api/v1/throttled"));
    REQUIRE(throttled["items"].size() == 1);
    CHECK(throttled["items"][0]["domain"] == "blocking.example");

    auto report = json_of(s.api().Get("/api/v1/report?since=2023-12-15&until=2024-01-15"));
    CHECK(report.is_object());
    INFO(report.dump().substr(0, 1500));
    CHECK(report.dump().find("userunknown") != std::string::npos);
    CHECK(s.api().Get("/api/v1/report?lang=fr")->status == 400);

    auto metrics = s.bare().Get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->status == 200);
    const std::string& m = metrics->body;
    CHECK(m.find("bounced_bounces_total{class=\"hard\",reason=\"userunknown\"} 1\n") != std::string::npos);
    CHECK(m.find("bounced_bounces_total{class=\"policy\",reason=\"blocked\"} 25\n") != std::string::npos);
    CHECK(m.find("bounced_suppressions{class=\"hard\"} 1\n") != std::string::npos);
    CHECK(m.find("bounced_throttled_domains 1\n") != std::string::npos);
    CHECK(m.find("bounced_held_bounces 0\n") != std::string::npos);
    CHECK(m.find("bounced_store_query_seconds ") != std::string::npos);
}

namespace {

// The value of the series `name` (the whole name with its labels) in an exposition; -1 when absent.
double series(const std::string& text, const std::string& name) {
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + name.size() + 2));
}

}  // namespace

TEST_CASE("api: /metrics: the apply latency the store measured and wrote", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    const auto before = s.bare().Get("/metrics");
    REQUIRE(before);
    CHECK(before->body.find("# TYPE bounced_apply_seconds histogram\n") != std::string::npos);
    CHECK(series(before->body, "bounced_apply_seconds_count") == 0);
    CHECK(series(before->body, "bounced_apply_seconds_sum") == 0);

    REQUIRE(s.store->apply({db_test::bounce("l1", "one@example.org", Reason::userunknown),
                            db_test::bounce("l2", "two@example.org", Reason::mailboxfull)}).status.ok());
    REQUIRE(s.store->apply({db_test::bounce("l3", "three@example.org", Reason::userunknown)}).status.ok());
    REQUIRE(s.store->apply({db_test::bounce("l3", "three@example.org", Reason::userunknown)}).status.ok());  // a duplicate
    // Kept in memory until a flush (every 10 s of applying, the daemon's rescan, the end).
    CHECK(series(s.bare().Get("/metrics")->body, "bounced_apply_seconds_count") == 0);
    REQUIRE(s.store->flush_apply_latency().ok());
    const auto after = s.bare().Get("/metrics");
    REQUIRE(after);
    const std::string& m = after->body;
    INFO(m);
    CHECK(series(m, "bounced_apply_seconds_count") == 3);
    CHECK(series(m, "bounced_apply_seconds_sum") > 0);
    CHECK(series(m, "bounced_apply_seconds_bucket{le=\"+Inf\"}") == 3);
    CHECK(series(m, "bounced_applied_messages_total") == 4);
    // Cumulative buckets: each at least the one before, in the order of their bounds.
    double last = 0, last_le = 0;
    for (const char* le : {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"}) {
        const double n = series(m, std::string("bounced_apply_seconds_bucket{le=\"") + le + "\"}");
        CHECK(n >= last);
        CHECK(std::stod(le) > last_le);
        last = n;
        last_le = std::stod(le);
    }
    // The migration's bounds are the store's: the flush added no row, and a second
    // flush with nothing new changes nothing.
    CHECK(s.pg.count("SELECT count(*) FROM apply_latency") == 14);
    REQUIRE(s.store->flush_apply_latency().ok());
    REQUIRE(s.store->apply({db_test::bounce("l4", "four@example.org", Reason::userunknown)}).status.ok());
    REQUIRE(s.store->flush_apply_latency().ok());
    CHECK(s.pg.count("SELECT sum(batches) FROM apply_latency") == 4);
    CHECK(s.pg.count("SELECT count(*) FROM apply_latency") == 14);
}

TEST_CASE("api: bounds: a body over 64 KiB is 413 (1 MiB on /webhooks/), too many header fields 431", "[pg][http]") {
    Served s;
    if (!s.ready()) return;
    const std::string big(70 * 1024, 'x');
    auto r = s.api().Put("/api/v1/suppressions/a@example.org", big, "application/json");
    REQUIRE(r);
    CHECK(r->status == 413);
    // A provider's batch may be larger: the webhook paths take up to 1 MiB. No provider
    // is configured here, so the path answers 404, not 413: the size passed.
    auto batch = s.api().Post("/webhooks/sendgrid", std::string(700 * 1024, ' '), "application/json");
    REQUIRE(batch);
    CHECK(batch->status == 404);
    auto huge = s.api().Post("/webhooks/sendgrid", std::string(1100 * 1024, ' '), "application/json");
    // The server answers 413 from the Content-Length and closes; a client still
    // writing its megabyte may see the connection reset instead of the answer.
    CHECK((!huge || huge->status == 413));
    httplib::Headers many;
    for (int i = 0; i < 80; ++i) many.emplace("X-Filler-" + std::to_string(i), "1");
    auto h = s.api().Get("/api/v1/check/a@example.org", many);
    REQUIRE(h);
    CHECK(h->status == 431);
    CHECK(s.pg.count("SELECT count(*) FROM audit_log") == 0);
}

TEST_CASE("api: /healthz is 503 while the database cannot be reached", "[http]") {
    config::Settings settings;
    settings.store.url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2";
    settings.http.token = http_test::kToken;
    bounced::http::Context context(settings);
    bounced::http::Server server(context);
    std::string error;
    REQUIRE(server.start("127.0.0.1", 0, &error));
    httplib::Client client("127.0.0.1", server.port());
    auto r = client.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 503);
    client.set_bearer_token_auth(http_test::kToken);
    CHECK(client.Get("/api/v1/check/a@example.org")->status == 503);
}
