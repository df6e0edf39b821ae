// The SQL migrations of deploy/sql/NNNN_name.sql, compiled into the program (the
// build generates migrations_data.cc from them), in version order.
#pragma once

#include <vector>

namespace db {

struct Migration {
    int version;       // NNNN of the file name
    const char* name;  // the file name, e.g. "0001_init.sql"
    const char* sql;   // its text, run as one script
};

const std::vector<Migration>& migrations();

}  // namespace db
