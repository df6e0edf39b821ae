// SQLSTATE classes from PostgreSQL's errcodes table (Appendix A of its manual).
#include "db/sql_state.h"

#include <cstring>

namespace db {

const char* to_string(Code code) {
    switch (code) {
        case Code::ok: return "ok";
        case Code::unavailable: return "unavailable";
        case Code::retry: return "retry";
        case Code::permanent: return "permanent";
        case Code::schema: return "schema";
        case Code::invalid: return "invalid";
    }
    return "?";
}

Code code_of_sql_state(const char* sql_state) {
    if (sql_state == nullptr || std::strlen(sql_state) != 5) return Code::unavailable;
    const auto is = [&](const char* s) { return std::strcmp(sql_state, s) == 0; };
    const auto class_is = [&](const char* c) { return std::strncmp(sql_state, c, 2) == 0; };
    if (class_is("08")) return Code::unavailable;               // connection exception
    if (is("57P01") || is("57P02") || is("57P03")) return Code::unavailable;  // shutdown
    if (is("40001") || is("40P01")) return Code::retry;         // serialization, deadlock
    if (class_is("53")) return Code::retry;                     // insufficient resources
    if (is("55P03")) return Code::retry;                        // lock not available
    // What a batch holds that the server cannot store is the batch's fault, not the
    // server's: the caller sets the message at fault aside instead of retrying forever.
    // (A duplicate fingerprint is not an error: apply_batch skips it with ON CONFLICT.)
    if (class_is("22")) return Code::invalid;                   // data exception
    if (class_is("23")) return Code::invalid;                   // integrity constraint violation
    if (class_is("54")) return Code::invalid;                   // program limit, e.g. index row too large
    // Class 42 (syntax, undefined table, privileges), 3F (no schema) and the rest say the
    // schema or the configuration is wrong: permanent until a person fixes it.
    return Code::permanent;
}

}  // namespace db
