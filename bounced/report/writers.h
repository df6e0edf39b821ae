// The report's four layouts. Each writes the whole Report (model.h) to `out`:
// text for a terminal or a mail body, CSV (one row per figure, RFC 4180) for a
// spreadsheet, JSON for programs, HTML (one self-contained file, inline SVG chart)
// for a browser or an HTML mail. None of them throws on odd data: text from bounces
// is escaped for the format (and made printable in text).
//
// Errors (the report -> cli edge): builders and writers never fail on data; parsing
// what a person typed (period, format, language) returns false + why; sending the
// mail (mail.h) returns "" or why not; the store's failure arrives as its db::Status.
#pragma once

#include <ostream>
#include <string_view>

#include "bounced/report/model.h"

namespace bounced::report {

enum class ReportFormat { text, csv, json, html };

bool parse_report_format(std::string_view name, ReportFormat* out);

void write_text_report(std::ostream& out, const Report& report);   // text.cc
void write_csv_report(std::ostream& out, const Report& report);    // csv.cc
void write_json_report(std::ostream& out, const Report& report);   // json.cc
void write_html_report(std::ostream& out, const Report& report);   // html.cc
// The HTML report's <main> element and its style sheet, for a page that has its own
// document around them (bounced serve's report page).
void write_html_report_main(std::ostream& out, const Report& report);
const char* html_report_style();

void write_report(std::ostream& out, const Report& report, ReportFormat format);

}  // namespace bounced::report
