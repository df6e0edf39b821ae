// Store::page, Store::counts, Store::throttled_now: what `bounced serve` reads besides
// the calls the CLI makes (bounced/http).
#include <cctype>

#include "db/store_impl.h"

namespace db {
namespace {

// The filter of Store::list plus a part of the address; $1..$5.
constexpr const char* kPageWhere =
    " FROM subscribers s WHERE s.status = 'suppressed'"
    " AND ($1 = '' OR s.suppressed_class = $1) AND ($2 = '' OR s.suppressed_reason = $2)"
    " AND ($3 = '' OR s.domain = lower($3))"
    " AND ($4::float8 IS NULL OR s.suppressed_at >= to_timestamp($4::float8))"
    " AND ($5 = '' OR strpos(s.address, lower($5)) > 0)";

// The cursor is compared in whole microseconds (timestamptz's own precision), never
// through a float, so no row is skipped or repeated at a page boundary. The row
// comparison and the order match the index subscribers_suppressed_page (0010_serve.sql).
constexpr const char* kPageRows =
    "SELECT s.address, s.suppressed_class, s.suppressed_reason, extract(epoch FROM s.suppressed_at),"
    " s.suppressed_source, coalesce((SELECT a.note FROM audit_log a WHERE a.address = s.address"
    "   AND a.action = 'suppress' ORDER BY a.id DESC LIMIT 1), ''),"
    " (extract(epoch FROM s.suppressed_at) * 1000000)::bigint";

constexpr const char* kPageAfter =
    " AND ($6::bigint IS NULL OR (s.suppressed_at, s.address) <"
    "      (timestamptz 'epoch' + $6::bigint * interval '1 microsecond', $7))"
    " ORDER BY s.suppressed_at DESC, s.address DESC LIMIT $8::bigint";

constexpr long kMaxPage = 1000;

// "<digits>_<address>" -> (digits, address); false when it is not one.
bool split_cursor(const std::string& cursor, std::string* micros, std::string* address) {
    const auto sep = cursor.find('_');
    if (sep == 0 || sep == std::string::npos || sep > 19 || sep + 1 == cursor.size()) return false;
    for (std::size_t i = 0; i < sep; ++i)
        if (!std::isdigit(static_cast<unsigned char>(cursor[i]))) return false;
    *micros = cursor.substr(0, sep);
    *address = cursor.substr(sep + 1);
    return true;
}

}  // namespace

Status Store::page(const PageRequest& request, Page* out) {
    *out = Page{};
    const auto& f = request.filter;
    if (f.limit < 1 || f.limit > kMaxPage) {
        return Status::error(Code::invalid, "limit must be from 1 to " + std::to_string(kMaxPage));
    }
    Param micros, after;
    if (!request.cursor.empty()) {
        std::string m, a;
        if (!split_cursor(request.cursor, &m, &a)) return Status::error(Code::invalid, "cursor is not one this server gave");
        micros = m;
        after = a;
    } else {
        after = std::string();
    }
    const Param since = f.since ? Param(epoch_text(*f.since)) : std::nullopt;
    std::vector<Param> params = {f.bounce_class, f.reason, f.domain, since, request.query};
    // A snapshot for both statements, so `total` and the rows agree.
    return impl_->transaction([&] {
        out->items.clear();
        Result count;
        if (auto s = impl_->conn.exec((std::string("SELECT count(*)") + kPageWhere).c_str(), params, &count); !s.ok())
            return s;
        out->total = std::stol(text_at(count, 0, 0));
        auto page_params = params;
        page_params.insert(page_params.end(), {micros, after, std::to_string(f.limit + 1)});
        Result r;
        if (auto s = impl_->conn.exec((std::string(kPageRows) + kPageWhere + kPageAfter).c_str(), page_params, &r); !s.ok())
            return s;
        const int rows = PQntuples(r.get());
        for (int i = 0; i < rows && i < f.limit; ++i) {
            out->items.push_back({text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2), time_at(r, i, 3),
                                  text_at(r, i, 4), text_at(r, i, 5)});
        }
        if (rows > f.limit) out->next = text_at(r, f.limit - 1, 6) + "_" + text_at(r, f.limit - 1, 0);
        return Status::success();
    });
}

Status Store::counts(StoreCounts* out) {
    *out = StoreCounts{};
    return impl_->transaction([&] {
        out->events_by_class_reason.clear();
        out->suppressed_by_class.clear();
        Result r;
        if (auto s = impl_->conn.exec("SELECT bounce_class || '/' || reason, count(*) FROM bounce_events"
                                      " GROUP BY 1 ORDER BY 1", {}, &r); !s.ok())
            return s;
        for (int i = 0; i < PQntuples(r.get()); ++i)
            out->events_by_class_reason.emplace_back(text_at(r, i, 0), std::stol(text_at(r, i, 1)));
        Result c;
        if (auto s = impl_->conn.exec("SELECT suppressed_class, count(*) FROM subscribers WHERE status = 'suppressed'"
                                      " GROUP BY 1 ORDER BY 1", {}, &c); !s.ok())
            return s;
        for (int i = 0; i < PQntuples(c.get()); ++i)
            out->suppressed_by_class.emplace_back(text_at(c, i, 0), std::stol(text_at(c, i, 1)));
        Result h;
        if (auto s = impl_->conn.exec(
                "SELECT (SELECT count(*) FROM bounce_events WHERE NOT trusted AND held <> '' AND resolution = ''),"
                " (SELECT count(*) FROM domain_health WHERE throttled_until > to_timestamp($1::float8))",
                {epoch_text(impl_->now())}, &h); !s.ok())
            return s;
        out->held_open = std::stol(text_at(h, 0, 0));
        out->throttled_domains = std::stol(text_at(h, 0, 1));
        Result a;
        if (auto s = impl_->conn.exec("SELECT le, sum(batches), sum(seconds), sum(messages) FROM apply_latency"
                                      " GROUP BY le ORDER BY le", {}, &a); !s.ok())
            return s;
        out->apply_latency.clear();
        for (int i = 0; i < PQntuples(a.get()); ++i)  // strtod reads the last bound, "Infinity"
            out->apply_latency.push_back({std::stod(text_at(a, i, 0)), std::stol(text_at(a, i, 1)),
                                          std::stod(text_at(a, i, 2)), std::stol(text_at(a, i, 3))});
        return Status::success();
    });
}

Status Store::throttled_now(std::vector<ThrottleNow>* out) {
    out->clear();
    Result r;
    Status s = impl_->conn.exec(
        "SELECT domain, extract(epoch FROM throttled_at), extract(epoch FROM throttled_until), throttle_count"
        " FROM domain_health WHERE throttled_until > to_timestamp($1::float8) ORDER BY throttled_until DESC, domain",
        {epoch_text(impl_->now())}, &r);
    if (!s.ok()) return s;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        out->push_back({text_at(r, i, 0), time_at(r, i, 1).value_or(Time{}), time_at(r, i, 2).value_or(Time{}),
                        std::stoi(text_at(r, i, 3))});
    }
    return s;
}

}  // namespace db
