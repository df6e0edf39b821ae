// The web page (see page.h): server-rendered HTML and plain forms. GETs only read;
// every POST needs the session cookie and the session's CSRF token in the form.
#include "bounced/http/page.h"

#include <sstream>

#include "bounced/http/api.h"
#include "bounced/report/svg.h"
#include "bounced/report/writers.h"
#include "db/field_bounds.h"
#include "db/import.h"

namespace bounced::http {
namespace {

constexpr const char* kCookie = "bounced_session";
constexpr std::size_t kRawShown = 256 * 1024;  // bytes of a raw bounce put on the page
constexpr long kPageRows = 50;

// Nothing but this server's own page: no script at all, styles inline, forms post here.
constexpr const char* kPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

struct Words {
    const char *title, *login, *token, *language, *log_in, *log_out, *wrong_token, *suppressions, *held, *throttled,
        *report, *search, *address, *klass, *reason, *domain, *since, *until, *source, *note, *next, *total, *add,
        *reactivate, *status, *may_send, *evidence, *at, *diagnostic, *rule, *raw, *audit, *actor, *action, *detail,
        *release, *discard, *why_held, *nothing, *repeats, *not_found, *show, *period_hint, *last_24h, *last_7d,
        *last_30d, *yesterday, *today;
};

const Words kEnglish{"bounced", "Log in", "API token", "Language", "Log in", "Log out",
                     "That token is not the one in the token file.", "Suppressions", "Held bounces",
                     "Throttled domains", "Report", "Search", "Address", "Class", "Reason", "Domain", "Since", "Until",
                     "Source", "Note", "Next page", "matching", "Suppress", "Reactivate", "Status", "May send now",
                     "Evidence", "When", "Diagnostic", "Rule", "Raw bounce", "Audit log", "Who", "Action", "Detail",
                     "Release (apply)", "Discard", "Held because", "None.", "Repeats",
                     "This address never bounced and was never suppressed.", "Show",
                     "A time back from now (24h, 7d, 2w), a date (2024-05-01), today or yesterday; times in UTC.",
                     "Last 24 hours", "Last 7 days", "Last 30 days", "Yesterday", "Today"};
const Words kJapanese{"bounced", "ログイン", "API トークン", "言語", "ログイン", "ログアウト",
                      "トークンがトークンファイルのものと一致しません。", "配信停止リスト", "保留中のバウンス",
                      "スロットル中のドメイン", "レポート", "検索", "アドレス", "分類", "理由", "ドメイン", "開始",
                      "終了", "出所", "メモ", "次のページ", "件が該当", "配信停止にする", "再開する", "状態",
                      "現在の送信可否", "根拠", "日時", "診断メッセージ", "ルール", "バウンス原文", "監査ログ",
                      "実行者", "操作", "詳細", "適用する", "破棄する", "保留の理由", "ありません。", "回数",
                      "このアドレスはバウンスしたことも配信停止されたこともありません。", "表示",
                      "現在からさかのぼる期間（24h、7d、2w）、日付（2024-05-01）、today または yesterday。時刻は UTC です。",
                      "過去 24 時間", "過去 7 日間", "過去 30 日間", "昨日", "今日"};

const Words& words(const std::string& lang) { return lang == "ja" ? kJapanese : kEnglish; }

// The report's escaping: entities for & < > " ', control characters dropped.
std::string esc(std::string_view text) { return report::xml_escape(text); }
std::string url(const std::string& text) { return httplib::detail::encode_query_param(text); }
std::string when(const std::optional<db::Time>& t) { return t ? db::format_time(*t) : "-"; }

std::string cookie_value(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < header.size()) {
        const auto end = header.find(';', pos);
        std::string part = header.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        const auto first = part.find_first_not_of(' ');
        if (first != std::string::npos) part = part.substr(first);
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return "";
}

struct Visit {
    Session session;
    const Words* w;
};

std::optional<Visit> visit_of(Context& ctx, const httplib::Request& req) {
    const auto session = ctx.sessions().find(cookie_value(req, kCookie));
    if (!session) return std::nullopt;
    return Visit{*session, &words(session->lang)};
}

// `style`: more CSS after the page's own (the report's).
void send_page(httplib::Response& res, const std::string& lang, const Words& w, const std::string& body,
               const std::optional<Visit>& visit, int status = 200, const char* style = "") {
    std::ostringstream out;
    out << "<!DOCTYPE html><html lang=\"" << (lang == "ja" ? "ja" : "en") << "\"><head><meta charset=\"utf-8\">"
        << "<meta name=\"viewport\" content=\"width=device-width\"><title>" << w.title << "</title><style>"
        << "body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}"
        << "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
        << "nav a,nav form{margin-right:1em;display:inline}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}"
        << ".error{color:#b3261e}form.inline{display:inline}" << style << "</style></head><body>";
    if (visit) {
        out << "<nav><a href=\"/\">" << w.suppressions << "</a><a href=\"/held\">" << w.held << "</a><a href=\"/throttled\">"
            << w.throttled << "</a><a href=\"/report\">" << w.report << "</a><form method=\"post\" action=\"/logout\">"
            << "<input type=\"hidden\" name=\"csrf\" value=\"" << esc(visit->session.csrf) << "\"><button>" << w.log_out
            << "</button></form></nav>";
    }
    out << body << "</body></html>";
    res.status = status;
    res.set_header("Content-Security-Policy", kPolicy);
    res.set_content(out.str(), "text/html; charset=utf-8");
}

std::string csrf_field(const Visit& v) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(v.session.csrf) + "\">";
}

void login_page(httplib::Response& res, const std::string& lang, bool wrong) {
    const Words& w = words(lang);
    std::string body = "<h1>" + std::string(w.login) + "</h1>";
    if (wrong) body += "<p class=\"error\" id=\"wrong\">" + std::string(w.wrong_token) + "</p>";
    body += "<form method=\"post\" action=\"/login\"><label>" + std::string(w.token) +
            " <input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\"></label> <label>" + w.language +
            " <select name=\"lang\"><option value=\"en\">English</option><option value=\"ja\"" +
            (lang == "ja" ? " selected" : "") + ">日本語</option></select></label> <button id=\"login\">" + w.log_in +
            "</button></form>";
    send_page(res, lang, w, body, std::nullopt, wrong ? 401 : 200);
}

void redirect(httplib::Response& res, const std::string& to) {
    res.status = 303;
    res.set_header("Location", to);
}

// A POST from a logged-in page with its CSRF token; otherwise 403 and nothing changes.
std::optional<Visit> checked_post(Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto visit = visit_of(ctx, req);
    if (visit && same_secret(req.get_param_value("csrf"), visit->session.csrf)) return visit;
    res.status = 403;
    res.set_header("Content-Security-Policy", kPolicy);
    res.set_content("forbidden: log in again (missing or wrong session or CSRF token)\n", "text/plain; charset=utf-8");
    return std::nullopt;
}

void store_failed(httplib::Response& res, const Visit& v, const db::Status& s) {
    send_page(res, v.session.lang, *v.w, "<p class=\"error\">" + esc(s.message) + "</p>", v,
              s.code == db::Code::unavailable ? 503 : 500);
}

void list_page(Context& ctx, const httplib::Request& req, httplib::Response& res, const Visit& v) {
    const Words& w = *v.w;
    db::PageRequest request;
    request.filter.bounce_class = req.get_param_value("class");
    request.filter.reason = req.get_param_value("reason");
    request.filter.domain = req.get_param_value("domain");
    request.filter.limit = kPageRows;
    request.query = req.get_param_value("q");
    request.cursor = req.get_param_value("cursor");
    const std::string since = req.get_param_value("since");
    if (!since.empty()) request.filter.since = db::parse_time(since);
    std::ostringstream b;
    b << "<h1>" << w.suppressions << "</h1><form method=\"get\" action=\"/\" id=\"search\">"
      << "<input name=\"q\" id=\"q\" placeholder=\"" << w.address << "\" value=\"" << esc(request.query) << "\"> "
      << "<select name=\"class\"><option value=\"\">" << w.klass << "</option>";
    for (const char* c : {"hard", "soft", "complaint", "manual"})
        b << "<option" << (request.filter.bounce_class == c ? " selected" : "") << ">" << c << "</option>";
    b << "</select> <input name=\"reason\" placeholder=\"" << w.reason << "\" value=\"" << esc(request.filter.reason)
      << "\"> <input name=\"domain\" placeholder=\"" << w.domain << "\" value=\"" << esc(request.filter.domain)
      << "\"> <input name=\"since\" type=\"date\" value=\"" << esc(since) << "\"> <button>" << w.search << "</button></form>";
    db::Page page;
    auto store = ctx.stores().borrow();
    if (auto s = store->page(request, &page); !s.ok()) return store_failed(res, v, s);
    b << "<p><span id=\"total\">" << page.total << "</span> " << w.total << "</p><table id=\"list\"><tr><th>" << w.address
      << "</th><th>" << w.klass << "</th><th>" << w.reason << "</th><th>" << w.since << "</th><th>" << w.source << "</th></tr>";
    for (const auto& s : page.items) {
        b << "<tr><td><a href=\"/address?a=" << esc(url(s.address)) << "\">" << esc(s.address) << "</a></td><td>"
          << esc(s.bounce_class) << "</td><td>" << esc(s.reason) << "</td><td>" << when(s.since) << "</td><td>"
          << esc(s.source) << "</td></tr>";
    }
    b << "</table>";
    if (!page.next.empty()) {
        b << "<p><a id=\"next\" href=\"/?q=" << esc(url(request.query)) << "&amp;class=" << esc(url(request.filter.bounce_class))
          << "&amp;reason=" << esc(url(request.filter.reason)) << "&amp;domain=" << esc(url(request.filter.domain))
          << "&amp;since=" << esc(url(since)) << "&amp;cursor=" << esc(url(page.next)) << "\">" << w.next << "</a></p>";
    }
    b << "<h2>" << w.add << "</h2><form method=\"post\" action=\"/add\">" << csrf_field(v) << "<input name=\"a\" placeholder=\""
      << w.address << "\"> <input name=\"reason\" placeholder=\"" << w.reason << "\"> <input name=\"note\" placeholder=\""
      << w.note << "\"> <button>" << w.add << "</button></form>";
    send_page(res, v.session.lang, w, b.str(), v);
}

void address_page(Context& ctx, const httplib::Request& req, httplib::Response& res, const Visit& v) {
    const Words& w = *v.w;
    const std::string address = req.get_param_value("a");
    db::SubscriberDetail d;
    auto store = ctx.stores().borrow();
    if (auto s = store->show(address, &d); !s.ok()) return store_failed(res, v, s);
    std::ostringstream b;
    b << "<h1 id=\"address\">" << esc(address) << "</h1>";
    if (!d.known) {
        b << "<p>" << w.not_found << "</p>";
        return send_page(res, v.session.lang, w, b.str(), v, 404);
    }
    b << "<p>" << w.status << ": <b id=\"status\">" << esc(d.status) << "</b>";
    if (d.status == "suppressed")
        b << " (" << esc(d.suppression.bounce_class) << ", " << esc(d.suppression.reason) << ", " << when(d.suppression.since) << ")";
    b << "<br>" << w.may_send << ": <b id=\"now\">" << esc(d.now.why) << "</b></p>";
    if (!d.now.allowed) {
        b << "<form method=\"post\" action=\"/reactivate\" id=\"reactivate\">" << csrf_field(v)
          << "<input type=\"hidden\" name=\"a\" value=\"" << esc(address) << "\"><input name=\"note\" id=\"note\" placeholder=\""
          << w.note << "\"> <button id=\"reactivate-button\">" << w.reactivate << "</button></form>";
    }
    b << "<h2>" << w.evidence << "</h2><table id=\"evidence\"><tr><th>" << w.at << "</th><th>" << w.klass << "</th><th>"
      << w.reason << "</th><th>" << w.diagnostic << "</th><th>" << w.rule << "</th><th>" << w.raw << "</th></tr>";
    for (const auto& e : d.history) {
        b << "<tr><td>" << db::format_time(e.at) << "</td><td>" << esc(e.bounce_class) << "</td><td>" << esc(e.reason)
          << "</td><td class=\"diagnostic\">" << esc(e.status_code) << " " << esc(e.diagnostic) << "</td><td>" << esc(e.rule)
          << (e.held.empty() ? "" : " (held: " + esc(e.held) + ")") << "</td><td>";
        if (e.raw_kept) b << "<a href=\"/raw?fp=" << esc(url(e.fingerprint)) << "\">" << w.show << "</a>";
        b << "</td></tr>";
    }
    b << "</table><h2>" << w.audit << "</h2><table id=\"audit\"><tr><th>" << w.at << "</th><th>" << w.actor << "</th><th>"
      << w.action << "</th><th>" << w.detail << "</th><th>" << w.note << "</th></tr>";
    for (const auto& a : d.audit) {
        b << "<tr><td>" << db::format_time(a.at) << "</td><td>" << esc(a.actor) << "</td><td>" << esc(a.action) << "</td><td>"
          << esc(a.detail) << "</td><td>" << esc(a.note) << "</td></tr>";
    }
    b << "</table>";
    send_page(res, v.session.lang, w, b.str(), v);
}

void raw_page(Context& ctx, const httplib::Request& req, httplib::Response& res, const Visit& v) {
    std::string bytes;
    bool found = false;
    auto store = ctx.stores().borrow();
    if (auto s = store->raw_message(req.get_param_value("fp"), &bytes, &found); !s.ok()) return store_failed(res, v, s);
    if (!found) return send_page(res, v.session.lang, *v.w, "<p>" + std::string(v.w->nothing) + "</p>", v, 404);
    const bool cut = bytes.size() > kRawShown;
    if (cut) bytes.resize(kRawShown);
    send_page(res, v.session.lang, *v.w,
              "<h1>" + std::string(v.w->raw) + "</h1><pre id=\"raw\">" + esc(bytes) + (cut ? "\n[...]" : "") + "</pre>", v);
}

void held_page(Context& ctx, const httplib::Request&, httplib::Response& res, const Visit& v) {
    const Words& w = *v.w;
    db::HeldFilter filter;
    filter.limit = 200;
    std::vector<db::HeldBounce> rows;
    long total = 0;
    auto store = ctx.stores().borrow();
    if (auto s = store->held_list(filter, &rows, &total); !s.ok()) return store_failed(res, v, s);
    std::ostringstream b;
    b << "<h1>" << w.held << " (" << total << ")</h1>";
    if (rows.empty()) b << "<p>" << w.nothing << "</p>";
    else b << "<table id=\"held\"><tr><th>" << w.at << "</th><th>" << w.address << "</th><th>" << w.reason << "</th><th>"
           << w.why_held << "</th><th>" << w.diagnostic << "</th><th></th></tr>";
    for (const auto& h : rows) {
        b << "<tr><td>" << db::format_time(h.event.at) << "</td><td><a href=\"/address?a=" << esc(url(h.address)) << "\">"
          << esc(h.address) << "</a></td><td>" << esc(h.event.reason) << "</td><td>" << esc(h.event.held) << "</td><td>"
          << esc(h.event.diagnostic) << "</td><td>";
        for (const char* what : {"release", "discard"}) {
            b << "<form class=\"inline\" method=\"post\" action=\"/held/" << what << "\">" << csrf_field(v)
              << "<input type=\"hidden\" name=\"id\" value=\"" << h.id << "\"><input name=\"note\" size=\"10\" placeholder=\""
              << w.note << "\"> <button>" << (what[0] == 'r' ? w.release : w.discard) << "</button></form> ";
        }
        b << "</td></tr>";
    }
    if (!rows.empty()) b << "</table>";
    send_page(res, v.session.lang, w, b.str(), v);
}

void throttled_page(Context& ctx, const httplib::Request&, httplib::Response& res, const Visit& v) {
    const Words& w = *v.w;
    std::vector<db::ThrottleNow> rows;
    auto store = ctx.stores().borrow();
    if (auto s = store->throttled_now(&rows); !s.ok()) return store_failed(res, v, s);
    std::ostringstream b;
    b << "<h1>" << w.throttled << "</h1>";
    if (rows.empty()) b << "<p>" << w.nothing << "</p>";
    else b << "<table id=\"throttled\"><tr><th>" << w.domain << "</th><th>" << w.since << "</th><th>" << w.until
           << "</th><th>" << w.repeats << "</th></tr>";
    for (const auto& t : rows)
        b << "<tr><td>" << esc(t.domain) << "</td><td>" << db::format_time(t.since) << "</td><td>" << db::format_time(t.until)
          << "</td><td>" << t.repeats << "</td></tr>";
    if (!rows.empty()) b << "</table>";
    send_page(res, v.session.lang, w, b.str(), v);
}

// The period report as `bounced report --format html` writes it (its chart included),
// under a form that chooses the period: since/until as the CLI reads them, or a preset.
void report_page(Context& ctx, const httplib::Request& req, httplib::Response& res, const Visit& v) {
    const Words& w = *v.w;
    const std::string since = req.get_param_value("since"), until = req.get_param_value("until");
    std::ostringstream b;
    b << "<form method=\"get\" action=\"/report\" id=\"period\"><label>" << w.since
      << " <input name=\"since\" id=\"since\" size=\"12\" maxlength=\"64\" placeholder=\"24h\" value=\"" << esc(since)
      << "\"></label> <label>" << w.until << " <input name=\"until\" id=\"until\" size=\"12\" maxlength=\"64\" value=\""
      << esc(until) << "\"></label> <button>" << w.show << "</button> ";
    const std::pair<const char*, const char*> presets[] = {
        {"24h", w.last_24h}, {"7d", w.last_7d}, {"30d", w.last_30d}, {"yesterday", w.yesterday}, {"today", w.today}};
    for (const auto& [value, name] : presets) b << "<a class=\"preset\" href=\"/report?since=" << value << "\">" << name << "</a> ";
    b << "<br><small>" << w.period_hint << "</small></form>";
    std::optional<report::Report> built;
    int status = 200;
    std::string error;
    if (!period_report(ctx, since, until, v.session.lang == "ja" ? report::Language::ja : report::Language::en, &built,
                       &status, &error)) {
        b << "<p class=\"error\" id=\"period-error\">" << esc(error) << "</p>";
        return send_page(res, v.session.lang, w, b.str(), v, status);
    }
    report::write_html_report_main(b, *built);
    static const std::string style = std::string(report::html_report_style()) + "nav,#period{margin-bottom:.75em}";
    send_page(res, v.session.lang, w, b.str(), v, 200, style.c_str());
}

// A GET route for people: the page when logged in, else the login form.
template <typename Page>
httplib::Server::Handler page_route(Context& ctx, Page page) {
    return [&ctx, page](const httplib::Request& req, httplib::Response& res) {
        const auto visit = visit_of(ctx, req);
        if (!visit) return login_page(res, req.get_param_value("lang"), false);
        page(ctx, req, res, *visit);
    };
}

}  // namespace

void add_page_routes(httplib::Server& server, Context& ctx) {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    server.Get("/", page_route(ctx, list_page));
    server.Get("/address", page_route(ctx, address_page));
    server.Get("/raw", page_route(ctx, raw_page));
    server.Get("/held", page_route(ctx, held_page));
    server.Get("/throttled", page_route(ctx, throttled_page));
    server.Get("/report", page_route(ctx, report_page));
    server.Post("/login", [&ctx](Req req, Res res) {
        const std::string lang = req.get_param_value("lang") == "ja" ? "ja" : "en";
        if (!same_secret(req.get_param_value("token"), ctx.settings()->http.token)) {
            ++ctx.unauthorized;
            return login_page(res, lang, true);
        }
        const auto [id, csrf] = ctx.sessions().create(lang);
        res.set_header("Set-Cookie", std::string(kCookie) + "=" + id + "; HttpOnly; SameSite=Strict; Path=/");
        redirect(res, "/");
    });
    server.Post("/logout", [&ctx](Req req, Res res) {
        if (!checked_post(ctx, req, res)) return;
        ctx.sessions().end(cookie_value(req, kCookie));
        res.set_header("Set-Cookie", std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
        redirect(res, "/");
    });
    // The same store calls as `bounced suppressions remove|add`: the same audit rows.
    server.Post("/reactivate", [&ctx](Req req, Res res) {
        const auto v = checked_post(ctx, req, res);
        if (!v) return;
        const std::string address = req.get_param_value("a");
        bool changed = false;
        auto store = ctx.stores().borrow();
        if (auto s = store->reactivate(address, req.get_param_value("note"), &changed); !s.ok()) return store_failed(res, *v, s);
        redirect(res, "/address?a=" + url(address));
    });
    server.Post("/add", [&ctx](Req req, Res res) {
        const auto v = checked_post(ctx, req, res);
        if (!v) return;
        const std::string address = req.get_param_value("a");
        if (!db::is_plausible_address(address))
            return send_page(res, v->session.lang, *v->w, "<p class=\"error\">'" + esc(db::quoted_prefix(address)) + "'</p>", v, 400);
        const std::string reason = req.get_param_value("reason").empty() ? "manual" : req.get_param_value("reason");
        bool changed = false;
        auto store = ctx.stores().borrow();
        const db::Suppression entry{address, db::suppression_class_of(reason).value_or("manual"), reason, std::nullopt, "manual",
                                    req.get_param_value("note")};
        if (auto s = store->suppress(entry, &changed); !s.ok()) return store_failed(res, *v, s);
        redirect(res, "/address?a=" + url(address));
    });
    for (const char* what : {"release", "discard"}) {
        const bool release = what[0] == 'r';
        server.Post(std::string("/held/") + what, [&ctx, release](Req req, Res res) {
            const auto v = checked_post(ctx, req, res);
            if (!v) return;
            const std::string id = req.get_param_value("id");
            if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) return redirect(res, "/held");
            auto store = ctx.stores().borrow();
            std::vector<db::Decision> decisions;
            long discarded = 0;
            const auto s = release ? store->held_release({std::stol(id)}, req.get_param_value("note"), &decisions)
                                   : store->held_discard({std::stol(id)}, req.get_param_value("note"), &discarded);
            if (!s.ok()) return store_failed(res, *v, s);
            redirect(res, "/held");
        });
    }
}

}  // namespace bounced::http
