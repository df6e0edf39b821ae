// The held queue (deploy/sql/0008_trust_queue.sql): bounces that changed nothing
// because they could not be believed, listed, shown, released or discarded by a
// person (`bounced held`).
#include "db/store_impl.h"

namespace db {
namespace {

// The held row's own columns, then the event's from column 6 on (bounce_event_at).
const std::string kColumns = std::string("SELECT id, address, origin, resolution, resolved_by,"
                                         " extract(epoch FROM resolved_at), ") + kBounceEventColumns;
constexpr int kFirstEventColumn = 6;

// The open queue: what the partial index bounce_events_held_open covers.
constexpr const char* kOpen =
    " FROM bounce_events WHERE NOT trusted AND held <> '' AND resolution = ''"
    " AND bounce_class IN ('hard', 'soft', 'complaint', 'policy')";

HeldBounce held_at(const Result& r, int i) {
    HeldBounce h;
    h.id = std::stol(text_at(r, i, 0));
    h.address = text_at(r, i, 1);
    h.origin = text_at(r, i, 2);
    h.resolution = text_at(r, i, 3);
    h.resolved_by = text_at(r, i, 4);
    h.resolved_at = time_at(r, i, 5);
    h.event = bounce_event_at(r, i, kFirstEventColumn);
    return h;
}

// {1,2,3} as a PostgreSQL array literal of bigint.
std::string id_array(const std::vector<long>& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "}";
}

}  // namespace

Status Store::held_list(const HeldFilter& filter, std::vector<HeldBounce>* out, long* open_total) {
    const std::string sql = kColumns + kOpen +
                            " AND ($1 = '' OR held = $1) AND ($2 = '' OR sender_host = lower($2))"
                            " AND ($3 = '' OR address = normalise_address($3))"
                            " AND ($4::float8 IS NULL OR occurred_at >= to_timestamp($4::float8))"
                            " ORDER BY occurred_at, id LIMIT $5::bigint";
    Result r;
    Status s = impl_->conn.exec(
        sql.c_str(),
        {filter.held, filter.sender_host, filter.address,
         filter.since ? Param(epoch_text(*filter.since)) : std::nullopt,
         filter.limit > 0 ? Param(std::to_string(filter.limit)) : std::nullopt},
        &r);
    if (!s.ok()) return s;
    for (int i = 0; i < PQntuples(r.get()); ++i) out->push_back(held_at(r, i));
    if (!open_total) return s;
    Result n;
    const std::string count = std::string("SELECT count(*)") + kOpen;
    s = impl_->conn.exec(count.c_str(), {}, &n);
    if (s.ok()) *open_total = std::stol(text_at(n, 0, 0));
    return s;
}

Status Store::held_get(long id, HeldBounce* out, bool* found) {
    const std::string sql = kColumns + " FROM bounce_events WHERE id = $1::bigint";
    Result r;
    Status s = impl_->conn.exec(sql.c_str(), {std::to_string(id)}, &r);
    *found = s.ok() && PQntuples(r.get()) == 1;
    if (*found) *out = held_at(r, 0);
    return s;
}

Status Store::held_release(const std::vector<long>& ids, const std::string& note, std::vector<Decision>* decisions) {
    const std::string policy = policy_json(impl_->options.policy);
    return impl_->transaction([&] {
        decisions->clear();
        Result r;
        Status s = impl_->conn.exec(
            "SELECT kind, subject, bounce_class, reason, extract(epoch FROM until)"
            " FROM release_held($1::bigint[], $2::jsonb, to_timestamp($3::float8), $4, $5)",
            {id_array(ids), policy, epoch_text(impl_->now()), impl_->options.actor, note}, &r);
        for (int i = 0; s.ok() && i < PQntuples(r.get()); ++i) {
            decisions->push_back({text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3),
                                  time_at(r, i, 4)});
            if (decisions->back().kind == "suppressed")
                s = impl_->run_hook(text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3));
        }
        for (const auto& d : *decisions)
            if (s.ok()) impl_->info("{} {} class={} reason={} (held bounce released)", d.subject, d.kind,
                                    d.bounce_class, d.reason);
        return s;
    });
}

Status Store::held_discard(const std::vector<long>& ids, const std::string& note, long* discarded) {
    Result r;
    Status s = impl_->conn.exec("SELECT discard_held($1::bigint[], to_timestamp($2::float8), $3, $4)",
                                {id_array(ids), epoch_text(impl_->now()), impl_->options.actor, note}, &r);
    *discarded = s.ok() ? std::stol(text_at(r, 0, 0)) : 0;
    return s;
}

}  // namespace db
