// Store::import: a whole suppression file in one transaction, so a failure anywhere
// leaves the list as it was. Rows are validated before they get here (db/import.h).
#include "db/store_impl.h"

namespace db {

Status Store::import(const std::vector<Suppression>& rows, ImportOutcome* out) {
    *out = ImportOutcome{};
    return impl_->transaction([&] {
        *out = ImportOutcome{};
        const std::string now = epoch_text(impl_->now());
        for (const auto& row : rows) {
            Result r;
            Status s = impl_->conn.exec(
                "SELECT suppress($1, $2, $3, $4, $5, $6, to_timestamp($7::float8)), normalise_address($1)",
                {row.address, row.bounce_class, row.reason, row.source, row.note, impl_->options.actor,
                 row.since ? epoch_text(*row.since) : now},
                &r);
            if (!s.ok()) return Status::error(s.code, row.address + ": " + s.message);
            if (text_at(r, 0, 0) != "t") {
                ++out->unchanged;
                continue;
            }
            ++out->suppressed;
            if (auto h = impl_->run_hook(text_at(r, 0, 1), row.bounce_class, row.reason); !h.ok()) return h;
        }
        impl_->info("import: {} suppressed, {} already suppressed", out->suppressed, out->unchanged);
        return Status::success();
    });
}

}  // namespace db
