// Store::list and Store::show: reading the suppression list and one address's story.
#include "db/store_impl.h"

namespace db {
namespace {

constexpr const char* kList =
    "SELECT s.address, s.suppressed_class, s.suppressed_reason, extract(epoch FROM s.suppressed_at),"
    " s.suppressed_source, coalesce((SELECT a.note FROM audit_log a WHERE a.address = s.address"
    "   AND a.action = 'suppress' ORDER BY a.id DESC LIMIT 1), ''), count(*) OVER ()"
    " FROM subscribers s WHERE s.status = 'suppressed'"
    " AND ($1 = '' OR s.suppressed_class = $1) AND ($2 = '' OR s.suppressed_reason = $2)"
    " AND ($3 = '' OR s.domain = lower($3))"
    " AND ($4::float8 IS NULL OR s.suppressed_at >= to_timestamp($4::float8))"
    " AND ($6::float8 IS NULL OR s.suppressed_at < to_timestamp($6::float8))"
    " ORDER BY s.suppressed_at DESC, s.address LIMIT $5::bigint";

constexpr const char* kSubscriber =
    "SELECT address, status, coalesce(suppressed_class, ''), coalesce(suppressed_reason, ''),"
    " extract(epoch FROM suppressed_at), coalesce(suppressed_source, ''), soft_count, hard_count,"
    " complaint_count, bounce_count FROM subscribers WHERE address = normalise_address($1)";

const std::string kHistory = std::string("SELECT ") + kBounceEventColumns +
                            " FROM bounce_events WHERE address = normalise_address($1)"
                            " ORDER BY occurred_at DESC, id DESC LIMIT $2::bigint";

constexpr const char* kAudit =
    "SELECT extract(epoch FROM at), actor, action, detail, note FROM audit_log"
    " WHERE address = normalise_address($1) ORDER BY id DESC";

constexpr int kHistoryRows = 200;

Status read_history(Connection& conn, const std::string& address, SubscriberDetail* out) {
    Result r;
    if (auto s = conn.exec(kHistory.c_str(), {address, std::to_string(kHistoryRows)}, &r); !s.ok()) return s;
    for (int i = 0; i < PQntuples(r.get()); ++i) out->history.push_back(bounce_event_at(r, i, 0));
    Result a;
    if (auto s = conn.exec(kAudit, {address}, &a); !s.ok()) return s;
    for (int i = 0; i < PQntuples(a.get()); ++i) {
        out->audit.push_back({time_at(a, i, 0).value_or(Time{}), text_at(a, i, 1), text_at(a, i, 2),
                              text_at(a, i, 3), text_at(a, i, 4)});
    }
    return Status::success();
}

}  // namespace

Status Store::list(const ListFilter& filter, std::vector<Suppression>* out, long* total) {
    Result r;
    Status s = impl_->conn.exec(
        kList,
        {filter.bounce_class, filter.reason, filter.domain,
         filter.since ? Param(epoch_text(*filter.since)) : std::nullopt,
         filter.limit > 0 ? Param(std::to_string(filter.limit)) : std::nullopt,
         filter.until ? Param(epoch_text(*filter.until)) : std::nullopt},
        &r);
    if (!s.ok()) return s;
    if (total) *total = PQntuples(r.get()) > 0 ? std::stol(text_at(r, 0, 6)) : 0;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        out->push_back({text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2), time_at(r, i, 3),
                        text_at(r, i, 4), text_at(r, i, 5)});
    }
    return s;
}

Status Store::show(const std::string& address, SubscriberDetail* out) {
    *out = SubscriberDetail{};
    if (auto s = check(address, &out->now); !s.ok()) return s;
    Result r;
    if (auto s = impl_->conn.exec(kSubscriber, {address}, &r); !s.ok()) return s;
    if (PQntuples(r.get()) == 1) {
        out->known = true;
        out->address = text_at(r, 0, 0);
        out->status = text_at(r, 0, 1);
        out->suppression = {out->address, text_at(r, 0, 2), text_at(r, 0, 3), time_at(r, 0, 4),
                            text_at(r, 0, 5), ""};
        out->soft_count = std::stoi(text_at(r, 0, 6));
        out->hard_count = std::stoi(text_at(r, 0, 7));
        out->complaint_count = std::stoi(text_at(r, 0, 8));
        out->bounce_count = std::stoi(text_at(r, 0, 9));
    }
    // Events are kept for addresses that never got a subscriber row (e.g. autoreplies).
    if (auto s = read_history(impl_->conn, address, out); !s.ok()) return s;
    if (!out->audit.empty()) out->suppression.note = out->audit.front().note;
    out->known = out->known || !out->history.empty();
    return Status::success();
}

Status Store::raw_message(const std::string& fingerprint, std::string* bytes, bool* found) {
    Result r;
    // Hex, not base64: one less decoding step, and libpq's text results cannot hold NULs.
    Status s = impl_->conn.exec("SELECT encode(bytes, 'hex') FROM raw_messages WHERE fingerprint = $1",
                                {fingerprint}, &r);
    if (!s.ok()) return s;
    *found = PQntuples(r.get()) == 1;
    bytes->clear();
    if (!*found) return s;
    const std::string hex = text_at(r, 0, 0);
    bytes->reserve(hex.size() / 2);
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes->push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    return s;
}

}  // namespace db
