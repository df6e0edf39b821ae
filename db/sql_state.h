// SQLSTATE (PostgreSQL Appendix A) -> what the caller should do about it.
#pragma once

#include "db/status.h"

namespace db {

// The code for a failed statement's SQLSTATE; null or empty (no server answer,
// e.g. the connection dropped) counts as unavailable.
Code code_of_sql_state(const char* sql_state);

}  // namespace db
