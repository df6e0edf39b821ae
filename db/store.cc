// db::Store: connection, migrations, and the single-address operations (check,
// suppress, reactivate, record_send). apply() is in store_apply.cc, the listings in
// store_query.cc, import in store_import.cc.
#include "db/store.h"

#include "db/migrate.h"
#include "db/store_impl.h"

namespace db {

Store::Impl::Impl(Options o) : options(std::move(o)), conn(options.url, options.schema, options.url_for_logs) {}

Status Store::Impl::transaction(const std::function<Status()>& body, bool explicit_transaction) {
    Status s;
    for (int attempt = 0; attempt <= options.retries; ++attempt) {
        s = explicit_transaction ? conn.begin() : Status::success();
        if (s.ok()) s = body();
        if (s.ok() && explicit_transaction) s = conn.commit();
        if (s.ok()) return s;
        if (explicit_transaction) conn.rollback();
        if (s.code != Code::retry && s.code != Code::unavailable) return s;
        if (s.code == Code::unavailable && !conn.connect().ok()) return s;
        info("retrying transaction after: {}", s.message);
    }
    return s;
}

Status Store::check_hook() {
    if (impl_->options.hook_sql.empty()) return Status::success();
    Status s = impl_->conn.prepare_operators_statement(impl_->options.hook_sql.c_str(), 3);
    if (!s.ok() && s.code != Code::unavailable) s.message = "the hook statement is refused: " + s.message;
    return s;
}

Status Store::Impl::run_hook(const std::string& address, const std::string& bounce_class,
                             const std::string& reason) {
    if (options.hook_sql.empty()) return Status::success();
    Status s = conn.exec(options.hook_sql.c_str(), {address, bounce_class, reason}, nullptr, true);
    if (!s.ok()) s.message = "integration hook failed for " + address + ": " + s.message;
    return s;
}

Status Store::Impl::run_pending_hooks() {
    Result r;
    Status s = conn.exec("SELECT address, bounce_class, reason FROM take_pending_hooks($1::integer)",
                         {std::to_string(kPendingHooksPerCall)}, &r);
    if (options.hook_sql.empty()) return s;  // nothing to run: taking them dropped them
    for (int i = 0; s.ok() && i < PQntuples(r.get()); ++i) {
        const std::string address = text_at(r, i, 0);
        // A hook that refuses this row's data (Code::invalid) must not fail the batch it
        // runs in, nor every batch after it: that row alone is rolled back and dropped.
        s = conn.exec("SAVEPOINT pending_hook", {});
        if (s.ok()) s = run_hook(address, text_at(r, i, 1), text_at(r, i, 2));
        if (s.code == Code::invalid) {
            if (options.logger) options.logger->error("{}; not run again (held bounce released when its send was recorded)", s.message);
            s = conn.exec("ROLLBACK TO SAVEPOINT pending_hook", {});
        } else if (s.ok()) {
            s = conn.exec("RELEASE SAVEPOINT pending_hook", {});
            info("{} suppressed class={} reason={}: hook run (held bounce released when its send was recorded)",
                 address, text_at(r, i, 1), text_at(r, i, 2));
        }
    }
    return s;
}

Status Store::run_pending_hooks() {
    return impl_->transaction([&] { return impl_->run_pending_hooks(); }, !impl_->options.hook_sql.empty());
}

std::optional<Time> time_at(const Result& r, int row, int col) {
    if (is_null(r, row, col)) return std::nullopt;
    return time_from_epoch_text(text_at(r, row, col));
}

Store::Store(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
// Best effort, and only on a connection that is up: a process ending while the
// database is unreachable must not wait for a new connection to fail.
Store::~Store() {
    if (impl_->latency_pending && impl_->conn.connected()) flush_apply_latency();
}

Status Store::connect() { return impl_->conn.connect(); }

Status Store::migrate(std::vector<std::string>* applied) { return db::migrate(impl_->conn, applied); }

Status Store::migration_status(std::vector<MigrationState>* states) {
    return db::migration_status(impl_->conn, states);
}

Status Store::check(const std::string& address, SendStatus* out) {
    Result r;
    Status s = impl_->conn.exec(
        "SELECT allowed, why, extract(epoch FROM since), extract(epoch FROM until),"
        " bounce_class, reason FROM send_status($1, to_timestamp($2::float8))",
        {address, epoch_text(impl_->now())}, &r);
    if (!s.ok()) return s;
    *out = SendStatus{text_at(r, 0, 0) == "t", text_at(r, 0, 1), time_at(r, 0, 2),
                      time_at(r, 0, 3), text_at(r, 0, 4), text_at(r, 0, 5)};
    return s;
}

Status Store::suppress(const Suppression& entry, bool* changed) {
    return impl_->transaction([&] {
        Result r;
        const auto at = entry.since.value_or(impl_->now());
        Status s = impl_->conn.exec(
            "SELECT suppress($1, $2, $3, $4, $5, $6, to_timestamp($7::float8)), normalise_address($1)",
            {entry.address, entry.bounce_class, entry.reason,
             entry.source.empty() ? std::string("manual") : entry.source, entry.note,
             impl_->options.actor, epoch_text(at)},
            &r);
        if (!s.ok()) return s;
        *changed = text_at(r, 0, 0) == "t";
        if (!*changed) return s;
        impl_->info("{} suppressed class={} reason={} source={}", text_at(r, 0, 1),
                    entry.bounce_class, entry.reason, entry.source);
        return impl_->run_hook(text_at(r, 0, 1), entry.bounce_class, entry.reason);
    });
}

Status Store::reactivate(const std::string& address, const std::string& note, bool* changed) {
    return impl_->transaction([&] {
        Result r;
        Status s = impl_->conn.exec(
            "SELECT reactivate($1, $2, $3, to_timestamp($4::float8)), normalise_address($1)",
            {address, note, impl_->options.actor, epoch_text(impl_->now())}, &r);
        if (!s.ok()) return s;
        *changed = text_at(r, 0, 0) == "t";
        if (!*changed) return s;
        impl_->info("{} reactivated note={}", text_at(r, 0, 1), note);
        return impl_->run_hook(text_at(r, 0, 1), "active", "reactivated");
    });
}

Status Store::record_send(const std::string& address, const std::string& message_id,
                          const std::string& list_id, std::optional<Time> at) {
    const std::string when = epoch_text(at.value_or(impl_->now()));
    auto record = [&] {
        return impl_->conn.exec("SELECT record_send($1, $2, $3, to_timestamp($4::float8))",
                                {address, message_id, list_id, when});
    };
    if (impl_->options.hook_sql.empty()) return record();
    // The hook for what the send released, in the same transaction (0009).
    return impl_->transaction([&] {
        Status s = record();
        return s.ok() ? impl_->run_pending_hooks() : s;
    });
}

}  // namespace db
