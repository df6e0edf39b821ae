// libpq connection handling: connect with a timeout, bind the schema, classify errors.
#include "db/connection.h"

#include <cctype>
#include <cstring>

#include "db/sql_state.h"
#include "db/store.h"

namespace db {
namespace {

// The first line of a libpq message, without libpq's "connection to server ... failed: ".
std::string first_line(const char* message) {
    std::string text = message ? message : "";
    text = text.substr(0, text.find('\n'));
    const auto failed = text.find("failed: ");
    if (failed != std::string::npos) text = text.substr(failed + 8);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

// libpq quotes the part of a connection string it cannot parse, which may be the
// password ('missing "=" after "secret"'): the quoted text is not repeated.
// Only parse errors do that; host names in other errors stay readable.
std::string without_quoted(std::string text) {
    const bool parse_error = text.find("connection info string") != std::string::npos ||
                             text.find("URI") != std::string::npos || text.find("percent-encoded") != std::string::npos ||
                             text.find("connection option") != std::string::npos;
    if (!parse_error) return text;
    for (auto open = text.find('"'); open != std::string::npos; open = text.find('"', open + 5)) {
        const auto close = text.find('"', open + 1);
        if (close == std::string::npos) break;
        text.replace(open + 1, close - open - 1, "...");
    }
    return text;
}

bool is_undefined_object(const char* state) {
    return state && (std::strcmp(state, "42P01") == 0 || std::strcmp(state, "42883") == 0 ||
                     std::strcmp(state, "3F000") == 0);
}

}  // namespace

Connection::Connection(std::string url, std::string schema, std::string shown)
    : url_(std::move(url)), schema_(std::move(schema)), shown_(std::move(shown)) {}

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

bool Connection::connected() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

Status Connection::connect() {
    if (auto s = validate_schema_name(schema_); !s.ok()) return s;
    if (conn_) PQfinish(conn_);
    // Keywords before dbname are defaults the URL may override (libpq processes them in order).
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "bounced", url_.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (PQstatus(conn_) != CONNECTION_OK) {
        Status s = Status::error(Code::unavailable, "database unavailable" + where() + ": " +
                                                        without_quoted(first_line(PQerrorMessage(conn_))));
        PQfinish(conn_);
        conn_ = nullptr;
        return s;
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);  // notices are not errors
    return exec("SELECT set_config('search_path', $1, false)", {quote_identifier(schema_)});
}

Status Connection::exec(const char* sql, const std::vector<Param>& params, Result* out,
                        bool operators_statement) {
    if (!connected()) {
        if (auto s = connect(); !s.ok()) return s;
    }
    // libpq sends a parameter as a C string: a NUL would cut it short silently, and
    // "victim@example.org\0junk" would be stored as "victim@example.org".
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i] && params[i]->find('\0') != std::string::npos)
            return Status::error(Code::invalid, "value " + std::to_string(i + 1) + " holds a NUL byte");
    }
    std::vector<const char*> values;
    std::vector<Oid> types(params.size(), operators_statement ? 25 /* text */ : 0);
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    Result result(PQexecParams(conn_, sql, static_cast<int>(params.size()), types.data(),
                               values.data(), nullptr, nullptr, 0));
    const auto st = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return error_of(result.get(), operators_statement);
    if (out) *out = std::move(result);
    return Status::success();
}

Status Connection::prepare_operators_statement(const char* sql, int text_params) {
    if (!connected()) {
        if (auto s = connect(); !s.ok()) return s;
    }
    const std::vector<Oid> types(static_cast<std::size_t>(text_params), 25 /* text */);
    Result result(PQprepare(conn_, "", sql, text_params, types.data()));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) return error_of(result.get(), true);
    return Status::success();
}

Status Connection::exec_script(const std::string& sql) {
    if (!connected()) {
        if (auto s = connect(); !s.ok()) return s;
    }
    Result result(PQexec(conn_, sql.c_str()));
    const auto st = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return error_of(result.get(), false);
    return Status::success();
}

void Connection::rollback() {
    if (connected()) Result(PQexec(conn_, "ROLLBACK"));
}

Status Connection::error_of(const PGresult* result, bool operators_statement) const {
    if (!connected()) {
        return Status::error(Code::unavailable, "database connection" + where() + " lost: " +
                                                    first_line(PQerrorMessage(conn_)));
    }
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string text = primary ? primary : first_line(PQerrorMessage(conn_));
    if (is_undefined_object(state) && !operators_statement) {
        text += " (schema \"" + schema_ + "\" is not set up: run 'bounced db migrate')";
        return Status::error(Code::schema, text);
    }
    return Status::error(code_of_sql_state(state), text);
}

std::string Connection::where() const { return shown_.empty() ? std::string() : " at " + shown_; }

Status validate_schema_name(const std::string& schema) {
    bool good = !schema.empty() && schema.size() <= 63 && !std::isdigit(static_cast<unsigned char>(schema[0]));
    for (char c : schema) good = good && (std::islower(static_cast<unsigned char>(c)) ||
                                          std::isdigit(static_cast<unsigned char>(c)) || c == '_');
    if (good) return Status::success();
    return Status::error(Code::invalid, "schema name '" + schema +
                                            "' is not a plain identifier (a-z, 0-9, _; at most 63)");
}

std::string quote_identifier(const std::string& name) { return "\"" + name + "\""; }

}  // namespace db
