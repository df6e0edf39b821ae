// The /api/v1/ routes (see api.h).
#include "bounced/http/api.h"

#include <sstream>

#include "bounced/http/json_views.h"
#include "bounced/report/build.h"
#include "bounced/report/labels.h"
#include "bounced/report/period.h"
#include "bounced/report/writers.h"
#include "db/field_bounds.h"
#include "db/import.h"

namespace bounced::http {
namespace {

constexpr long kDefaultPage = 100;
constexpr long kMaxLimit = 1000;              // rows in one answer
constexpr std::size_t kMaxIds = 1000;       // held bounces released or discarded in one call
constexpr std::size_t kMaxNoteBytes = 1000;  // as much as anyone writes in a note

void send_json(httplib::Response& res, const Json& body, int status = 200) {
    res.status = status;
    res.set_content(dump(body), "application/json");
}

bool read_limit(const httplib::Request& req, long fallback, long* limit, httplib::Response& res) {
    *limit = fallback;
    if (!req.has_param("limit")) return true;
    const std::string v = req.get_param_value("limit");
    if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos || std::stol(v) < 1 ||
        std::stol(v) > kMaxLimit) {
        json_error(res, 400, "limit: must be a whole number from 1 to " + std::to_string(kMaxLimit));
        return false;
    }
    *limit = std::stol(v);
    return true;
}

bool read_since(const httplib::Request& req, std::optional<db::Time>* since, httplib::Response& res) {
    if (!req.has_param("since") || req.get_param_value("since").empty()) return true;
    if (!(*since = db::parse_time(req.get_param_value("since")))) {
        json_error(res, 400, "since: '" + db::quoted_prefix(req.get_param_value("since")) + "' is not a date");
        return false;
    }
    return true;
}

bool read_address(const httplib::Request& req, std::string* address, httplib::Response& res) {
    *address = req.matches[1];
    if (db::is_plausible_address(*address)) return true;
    json_error(res, 400, "'" + db::quoted_prefix(*address) + "' is not an email address");
    return false;
}

bool read_note(const std::string& note, httplib::Response& res) {
    if (note.size() <= kMaxNoteBytes) return true;
    json_error(res, 400, "note: at most " + std::to_string(kMaxNoteBytes) + " bytes");
    return false;
}

// The JSON body as an object; false after answering 400.
bool read_body(const httplib::Request& req, Json* body, httplib::Response& res) {
    *body = Json::object();
    if (req.body.empty()) return true;
    *body = Json::parse(req.body, nullptr, false);
    if (!body->is_discarded() && body->is_object()) return true;
    json_error(res, 400, "the body must be a JSON object");
    return false;
}

std::string string_field(const Json& body, const char* name, bool* ok) {
    if (!body.contains(name) || body[name].is_null()) return "";
    if (!body[name].is_string()) return *ok = false, "";
    return body[name].get<std::string>();
}

void list_suppressions(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    db::PageRequest page;
    page.filter.bounce_class = req.get_param_value("class");
    page.filter.reason = req.get_param_value("reason");
    page.filter.domain = req.get_param_value("domain");
    page.query = req.get_param_value("q");
    page.cursor = req.get_param_value("cursor");
    if (!read_since(req, &page.filter.since, res) || !read_limit(req, kDefaultPage, &page.filter.limit, res)) return;
    db::Page out;
    auto store = ctx.stores().borrow();
    if (auto s = store->page(page, &out); !s.ok()) return store_error(res, s);
    Json items = Json::array();
    for (const auto& s : out.items) items.push_back(suppression_json(s));
    send_json(res, {{"items", items}, {"total", out.total}, {"next", out.next.empty() ? Json(nullptr) : Json(out.next)}});
}

void show_suppression(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    std::string address;
    if (!read_address(req, &address, res)) return;
    db::SubscriberDetail detail;
    auto store = ctx.stores().borrow();
    if (auto s = store->show(address, &detail); !s.ok()) return store_error(res, s);
    if (!detail.known) return json_error(res, 404, "never bounced, never suppressed");
    send_json(res, detail_json(detail));
}

// PUT: what `bounced suppressions add ADDRESS --reason R --note N` does.
void add_suppression(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    std::string address;
    Json body;
    if (!read_address(req, &address, res) || !read_body(req, &body, res)) return;
    bool ok = true;
    std::string reason = string_field(body, "reason", &ok);
    const std::string note = string_field(body, "note", &ok);
    if (!ok) return json_error(res, 400, "reason and note must be strings");
    if (!read_note(note, res)) return;
    if (reason.empty()) reason = "manual";
    const std::string cls = db::suppression_class_of(reason).value_or("manual");
    bool changed = false;
    auto store = ctx.stores().borrow();
    if (auto s = store->suppress({address, cls, reason, std::nullopt, "manual", note}, &changed); !s.ok())
        return store_error(res, s);
    send_json(res, {{"address", address}, {"changed", changed}, {"status", "suppressed"}}, changed ? 201 : 200);
}

// DELETE: what `bounced suppressions remove ADDRESS --note N` does; lifts a backoff too.
void remove_suppression(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    std::string address;
    if (!read_address(req, &address, res)) return;
    const std::string note = req.get_param_value("note");
    if (!read_note(note, res)) return;
    bool changed = false;
    auto store = ctx.stores().borrow();
    if (auto s = store->reactivate(address, note, &changed); !s.ok()) return store_error(res, s);
    send_json(res, {{"address", address}, {"changed", changed}, {"status", "active"}});
}

void check(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    std::string address;
    if (!read_address(req, &address, res)) return;
    db::SendStatus status;
    auto store = ctx.stores().borrow();
    if (auto s = store->check(address, &status); !s.ok()) return store_error(res, s);
    send_json(res, send_status_json(status));
}

void list_held(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    db::HeldFilter filter;
    filter.held = req.get_param_value("held");
    filter.sender_host = req.get_param_value("host");
    filter.address = req.get_param_value("address");
    if (!read_since(req, &filter.since, res) || !read_limit(req, kDefaultPage, &filter.limit, res)) return;
    std::vector<db::HeldBounce> rows;
    long total = 0;
    auto store = ctx.stores().borrow();
    if (auto s = store->held_list(filter, &rows, &total); !s.ok()) return store_error(res, s);
    Json items = Json::array();
    for (const auto& h : rows) items.push_back(held_json(h));
    send_json(res, {{"items", items}, {"total", total}});
}

void show_held(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (id.size() > 18) return json_error(res, 404, "no held bounce " + id);
    db::HeldBounce held;
    bool found = false;
    auto store = ctx.stores().borrow();
    if (auto s = store->held_get(std::stol(id), &held, &found); !s.ok()) return store_error(res, s);
    if (!found) return json_error(res, 404, "no held bounce " + id);
    send_json(res, held_json(held));
}

// POST {"ids":[1,2],"note":"..."}: `bounced held release|discard ID... --note N`.
void resolve_held(Context& ctx, const httplib::Request& req, httplib::Response& res, bool release) {
    Json body;
    if (!read_body(req, &body, res)) return;
    std::vector<long> ids;
    if (!body.contains("ids") || !body["ids"].is_array() || body["ids"].empty() || body["ids"].size() > kMaxIds)
        return json_error(res, 400, "ids: a list of 1 to " + std::to_string(kMaxIds) + " held bounce ids");
    for (const auto& id : body["ids"]) {
        if (!id.is_number_integer() || id.get<long>() < 1) return json_error(res, 400, "ids: whole numbers from 1");
        ids.push_back(id.get<long>());
    }
    bool ok = true;
    const std::string note = string_field(body, "note", &ok);
    if (!ok) return json_error(res, 400, "note must be a string");
    if (!read_note(note, res)) return;
    auto store = ctx.stores().borrow();
    if (release) {
        std::vector<db::Decision> decisions;
        if (auto s = store->held_release(ids, note, &decisions); !s.ok()) return store_error(res, s);
        Json out = Json::array();
        for (const auto& d : decisions) out.push_back(decision_json(d));
        return send_json(res, {{"decisions", out}});
    }
    long discarded = 0;
    if (auto s = store->held_discard(ids, note, &discarded); !s.ok()) return store_error(res, s);
    send_json(res, {{"discarded", discarded}});
}

void throttled(Context& ctx, const httplib::Request&, httplib::Response& res) {
    std::vector<db::ThrottleNow> rows;
    auto store = ctx.stores().borrow();
    if (auto s = store->throttled_now(&rows); !s.ok()) return store_error(res, s);
    Json items = Json::array();
    for (const auto& t : rows) items.push_back(throttle_json(t));
    send_json(res, {{"items", items}});
}

}  // namespace

void json_error(httplib::Response& res, int http_status, const std::string& message) {
    send_json(res, {{"error", message}}, http_status);
}

int http_status_of(const db::Status& status) {
    switch (status.code) {
        case db::Code::unavailable:
        case db::Code::retry: return 503;
        case db::Code::invalid: return 400;
        default: return 500;
    }
}

void store_error(httplib::Response& res, const db::Status& status) { json_error(res, http_status_of(status), status.message); }

bool period_report(Context& ctx, const std::string& since, const std::string& until, report::Language language,
                   std::optional<report::Report>* out, int* http_status, std::string* error) {
    const auto now = db::Clock::now();
    report::Period period;
    if (!report::parse_period(since, until, now, &period, error)) {
        *http_status = 400;
        return false;
    }
    const auto settings = ctx.settings();
    db::ReportData data;
    auto store = ctx.stores().borrow();
    if (auto s = store->report(report::report_query(period, settings->store.policy), &data); !s.ok()) {
        *http_status = http_status_of(s);
        *error = s.message;
        return false;
    }
    out->emplace(report::build_report(period, std::move(data), settings->store.policy, language, now));
    return true;
}

bool write_report(Context& ctx, const httplib::Request& req, httplib::Response& res, report::ReportFormat format) {
    report::Language language = report::Language::en;
    if (!report::parse_language(req.has_param("lang") ? req.get_param_value("lang") : "en", &language)) {
        json_error(res, 400, "lang: en or ja");
        return false;
    }
    std::optional<report::Report> built;
    int status = 0;
    std::string error;
    if (!period_report(ctx, req.get_param_value("since"), req.get_param_value("until"), language, &built, &status, &error)) {
        json_error(res, status, error);
        return false;
    }
    std::ostringstream out;
    report::write_report(out, *built, format);
    res.set_content(out.str(), format == report::ReportFormat::json ? "application/json" : "text/html; charset=utf-8");
    return true;
}

void add_api_routes(httplib::Server& server, Context& ctx) {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    const std::string address = "/api/v1/suppressions/([^/]+)";
    server.Get("/api/v1/suppressions", [&ctx](Req req, Res res) { list_suppressions(ctx, req, res); });
    server.Get(address, [&ctx](Req req, Res res) { show_suppression(ctx, req, res); });
    server.Put(address, [&ctx](Req req, Res res) { add_suppression(ctx, req, res); });
    server.Delete(address, [&ctx](Req req, Res res) { remove_suppression(ctx, req, res); });
    server.Get("/api/v1/check/([^/]+)", [&ctx](Req req, Res res) { check(ctx, req, res); });
    server.Get("/api/v1/held", [&ctx](Req req, Res res) { list_held(ctx, req, res); });
    server.Get("/api/v1/held/([0-9]+)", [&ctx](Req req, Res res) { show_held(ctx, req, res); });
    server.Post("/api/v1/held/release", [&ctx](Req req, Res res) { resolve_held(ctx, req, res, true); });
    server.Post("/api/v1/held/discard", [&ctx](Req req, Res res) { resolve_held(ctx, req, res, false); });
    server.Get("/api/v1/throttled", [&ctx](Req req, Res res) { throttled(ctx, req, res); });
    server.Get("/api/v1/report", [&ctx](Req req, Res res) { write_report(ctx, req, res, report::ReportFormat::json); });
}

}  // namespace bounced::http
