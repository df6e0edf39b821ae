// The JSON API under /api/v1/ (docs/http.md). Every route calls the same db::Store
// functions as the CLI, so an API change writes the same audit row as the command.
// Authentication happens before routing (server.cc): these handlers see only requests
// that carried the token.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

#include "bounced/http/context.h"
#include "bounced/report/model.h"
#include "bounced/report/writers.h"
#include "db/status.h"

namespace bounced::http {

void add_api_routes(httplib::Server& server, Context& context);

// Answers {"error": message} with the HTTP status for a store failure: unavailable
// and retry 503, invalid 400, anything else 500 (http_status_of).
void store_error(httplib::Response& res, const db::Status& status);
int http_status_of(const db::Status& status);
// The period report for since/until as people write them (report/period.h), read from
// the store: false with the HTTP status (400 for the period, else the store's) and why.
bool period_report(Context& context, const std::string& since, const std::string& until, report::Language language,
                   std::optional<report::Report>* out, int* http_status, std::string* error);
// The period report (?since=&until=&lang=) as `bounced report` writes it; false after
// answering the error.
bool write_report(Context& context, const httplib::Request& req, httplib::Response& res, report::ReportFormat format);

void json_error(httplib::Response& res, int http_status, const std::string& message);

}  // namespace bounced::http
