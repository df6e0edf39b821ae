// One libpq connection, owned (RAII), bound to the store's schema: every session
// starts with search_path set to that schema, so statements name no schema.
// Not thread-safe: one Connection per thread. Internal to db/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/result.h"
#include "db/status.h"

namespace db {

using Param = std::optional<std::string>;  // std::nullopt is SQL NULL

class Connection {
public:
    // Does not connect yet. `url` is a libpq URL or conninfo string; `shown` is what
    // error messages call it (its password masked by the caller), "" for none.
    Connection(std::string url, std::string schema, std::string shown = "");
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Connects, or reconnects a broken connection. Unavailable with one readable
    // line (no password) when the server cannot be reached.
    Status connect();
    bool connected() const;

    // Runs one parameterised statement. Parameters are sent as text; the statement
    // casts them ($1::int). A missing table or function of ours is Code::schema. With
    // `operators_statement` (the [database] hook), parameters the statement does not
    // constrain are taken as text, and its errors are its own: Code::permanent, no
    // "run 'bounced db migrate'" (the store's schema is not what is wrong).
    Status exec(const char* sql, const std::vector<Param>& params, Result* out = nullptr,
                bool operators_statement = false);
    // Parses and plans `sql` with `text_params` text parameters without running it
    // (PQprepare, the unnamed statement): an operator's statement, checked.
    Status prepare_operators_statement(const char* sql, int text_params);
    // Runs a script of several statements without parameters (migration files only).
    Status exec_script(const std::string& sql);

    Status begin() { return exec("BEGIN", {}); }
    Status commit() { return exec("COMMIT", {}); }
    void rollback();

    const std::string& schema() const { return schema_; }
    // " at <shown>" or "" (for messages).
    std::string where() const;

private:
    Status error_of(const PGresult* result, bool operators_statement) const;

    std::string url_;
    std::string schema_;
    std::string shown_;
    PGconn* conn_ = nullptr;
};

// validate_schema_name is declared in store.h. The schema is the one name put into SQL
// text: validated, then quoted by this.
std::string quote_identifier(const std::string& name);

}  // namespace db
