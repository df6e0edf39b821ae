// Schema migrations: apply the pending ones, or report which are applied.
// Internal to db/ (Store::migrate is the public entry).
#pragma once

#include <string>
#include <vector>

#include "db/connection.h"
#include "db/store.h"

namespace db {

// Applies every migration not yet recorded in <schema>.schema_migrations, all in one
// transaction under an advisory lock (a second migrator waits, then finds nothing to
// do). Creates the schema if needed. `applied` receives the names it ran.
Status migrate(Connection& conn, std::vector<std::string>* applied);

// Every known migration with whether (and when) it is applied.
Status migration_status(Connection& conn, std::vector<MigrationState>* states);

}  // namespace db
