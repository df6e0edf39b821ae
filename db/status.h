// The outcome of a store operation: a code the caller acts on and a one-line text for
// people. The store never throws; every public call returns a Status.
#pragma once

#include <string>
#include <utility>

namespace db {

enum class Code {
    ok,
    unavailable,  // cannot reach the database: try again later (EX_TEMPFAIL)
    retry,        // deadlock or serialization failure: the same call may succeed now
    permanent,    // the database refused the statement: privileges, the operator's hook, ...
                  // (configuration: a person must fix it; nothing in the input is at fault)
    schema,       // the store's own tables or functions are missing: the schema is not set
                  // up, or older than this program ('bounced db migrate' fixes it)
    invalid,      // the input cannot be stored (bad address, bad CSV row, a field too large
                  // for an index, SQLSTATE classes 22, 23, 54): the batch is at fault
};

struct Status {
    Code code = Code::ok;
    std::string message;

    bool ok() const { return code == Code::ok; }
    static Status success() { return {}; }
    static Status error(Code c, std::string text) { return {c, std::move(text)}; }
};

const char* to_string(Code code);

}  // namespace db
