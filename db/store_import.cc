// Store::import: a whole suppression file in one transaction, so a failure anywhere
// leaves the list as it was. Rows are validated before they get here (db/import.h).
#include <nlohmann/json.hpp>

#include <map>

#include "db/json.h"
#include "db/store_impl.h"

namespace db {
namespace {

// Each address of a batch (a jsonb array: a parameter, never SQL text) normalised as
// suppress() does, with its class when it is suppressed now ('' when it is not).
constexpr const char* kCurrentClasses =
    "SELECT normalise_address(x.a), coalesce(s.suppressed_class, '')"
    " FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS x(a, n)"
    " LEFT JOIN subscribers s ON s.address = normalise_address(x.a) AND s.status = 'suppressed'"
    " ORDER BY x.n";

constexpr std::size_t kPreviewBatch = 1000;

}  // namespace

Status Store::preview_import(const std::vector<Suppression>& rows, ImportPreview* out) {
    *out = ImportPreview{};
    // The class each address has so far: the store's, then the file's earlier rows
    // (import suppresses an address once; its later rows find it suppressed).
    std::map<std::string, std::string> seen;
    for (std::size_t from = 0; from < rows.size(); from += kPreviewBatch) {
        const std::size_t to = std::min(rows.size(), from + kPreviewBatch);
        nlohmann::json batch = nlohmann::json::array();
        for (std::size_t i = from; i < to; ++i) batch.push_back(jsonb_text(rows[i].address));
        Result r;
        if (auto s = impl_->conn.exec(kCurrentClasses, {to_jsonb(batch)}, &r); !s.ok()) return s;
        if (static_cast<std::size_t>(PQntuples(r.get())) != to - from) return Status::error(Code::permanent, "preview: row count mismatch");
        for (std::size_t i = from; i < to; ++i) {
            const int k = static_cast<int>(i - from);
            const auto known = seen.emplace(text_at(r, k, 0), text_at(r, k, 1)).first;
            if (known->second.empty()) {
                ++out->fresh;
                known->second = rows[i].bounce_class;
            } else if (known->second == rows[i].bounce_class) {
                ++out->same;
            } else {
                ++out->differ;
            }
        }
    }
    return Status::success();
}

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
