// Versioned migrations (deploy/sql), recorded in schema_migrations with a checksum so
// `bounced db status` can tell when an applied file has since been edited.
#include "db/migrate.h"

#include <set>

#include "db/migrations.h"

namespace db {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

Status apply_pending(Connection& conn, std::vector<std::string>* applied) {
    // The schema name is the one identifier put into SQL text: validated, then quoted.
    if (auto s = conn.exec_script("CREATE SCHEMA IF NOT EXISTS " + quote_identifier(conn.schema()));
        !s.ok())
        return s;
    if (auto s = conn.exec(kCreateTable, {}); !s.ok()) return s;
    Result done;
    if (auto s = conn.exec("SELECT version FROM schema_migrations", {}, &done); !s.ok()) return s;
    std::set<int> versions;
    for (int i = 0; i < PQntuples(done.get()); ++i) versions.insert(std::stoi(text_at(done, i, 0)));
    for (const auto& m : migrations()) {
        if (versions.count(m.version)) continue;
        if (auto s = conn.exec_script(m.sql); !s.ok()) {
            return Status::error(s.code, std::string(m.name) + ": " + s.message);
        }
        if (auto s = conn.exec("INSERT INTO schema_migrations (version, name, checksum)"
                               " VALUES ($1::int, $2, md5($3))",
                               {std::to_string(m.version), std::string(m.name), std::string(m.sql)});
            !s.ok())
            return s;
        if (applied) applied->push_back(m.name);
    }
    return Status::success();
}

}  // namespace

Status migrate(Connection& conn, std::vector<std::string>* applied) {
    if (auto s = conn.begin(); !s.ok()) return s;
    Status s = conn.exec("SELECT pg_advisory_xact_lock(hashtext($1))",
                         {"bounced migrate " + conn.schema()});
    if (s.ok()) s = apply_pending(conn, applied);
    if (s.ok()) s = conn.commit();
    if (!s.ok()) {
        conn.rollback();
        if (applied) applied->clear();
    }
    return s;
}

Status migration_status(Connection& conn, std::vector<MigrationState>* states) {
    Result exists;
    if (auto s = conn.exec("SELECT to_regclass($1) IS NOT NULL",
                           {quote_identifier(conn.schema()) + ".schema_migrations"}, &exists);
        !s.ok())
        return s;
    Result rows;
    if (text_at(exists, 0, 0) == "t") {
        if (auto s = conn.exec("SELECT version, checksum, to_char(applied_at AT TIME ZONE 'UTC',"
                               " 'YYYY-MM-DD HH24:MI:SS\"Z\"') FROM schema_migrations",
                               {}, &rows);
            !s.ok())
            return s;
    }
    for (const auto& m : migrations()) {
        MigrationState state{m.version, m.name, false, "", false};
        for (int i = 0; rows && i < PQntuples(rows.get()); ++i) {
            if (std::stoi(text_at(rows, i, 0)) != m.version) continue;
            state.applied = true;
            state.applied_at = text_at(rows, i, 2);
            Result sum;
            if (auto s = conn.exec("SELECT md5($1)", {std::string(m.sql)}, &sum); !s.ok()) return s;
            state.changed = text_at(sum, 0, 0) != text_at(rows, i, 1);
        }
        states->push_back(state);
    }
    return Status::success();
}

}  // namespace db
