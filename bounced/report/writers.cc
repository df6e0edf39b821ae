// Choosing a report layout by name (see writers.h).
#include "bounced/report/writers.h"

namespace bounced::report {

bool parse_report_format(std::string_view name, ReportFormat* out) {
    if (name == "text") *out = ReportFormat::text;
    else if (name == "csv") *out = ReportFormat::csv;
    else if (name == "json") *out = ReportFormat::json;
    else if (name == "html") *out = ReportFormat::html;
    else return false;
    return true;
}

void write_report(std::ostream& out, const Report& report, ReportFormat format) {
    switch (format) {
        case ReportFormat::text: write_text_report(out, report); break;
        case ReportFormat::csv: write_csv_report(out, report); break;
        case ReportFormat::json: write_json_report(out, report); break;
        case ReportFormat::html: write_html_report(out, report); break;
    }
}

}  // namespace bounced::report
