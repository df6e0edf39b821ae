// RAII ownership of a libpq PGresult. Internal to db/: only db .cc files include it.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>

namespace db {

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// The text of row `row`, column `col`; "" for NULL.
inline std::string text_at(const Result& r, int row, int col) {
    return PQgetisnull(r.get(), row, col) ? std::string() : std::string(PQgetvalue(r.get(), row, col));
}
inline bool is_null(const Result& r, int row, int col) { return PQgetisnull(r.get(), row, col) != 0; }

}  // namespace db
