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
    if (class_is("22")) return Code::invalid;                   // data exception
    return Code::permanent;
}

}  // namespace db
