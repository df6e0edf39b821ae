// A plain list of addresses, one a line, as people keep them by hand or pull out of
// a spreadsheet: blank lines and lines starting with '#' are skipped; every other
// line is one address, suppressed with the request's class (manual unless --class).
#include <cctype>

#include "db/csv.h"
#include "db/field_bounds.h"
#include "db/import_formats.h"

namespace db {
namespace {

// The next line into `line` (without its end), at most kMaxCsvField bytes of it:
// `too_long` says more were skipped, so one 1 GiB line costs no memory. False at
// the end of the input.
bool read_line(std::istream& in, std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    int c = in.get();
    if (c == EOF) return false;
    for (; c != EOF && c != '\n'; c = in.get()) {
        if (line->size() < kMaxCsvField) *line += static_cast<char>(c);
        else *too_long = true;
    }
    return true;
}

std::string trim(const std::string& s) {
    std::size_t b = 0, e = s.size();
    if (s.compare(0, 3, "\xEF\xBB\xBF") == 0) b = 3;  // a byte order mark
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

}  // namespace

ParsedImport parse_address_lines(std::istream& in, const ImportRequest& request) {
    ParsedImport out;
    out.format = ImportFormat::lines;
    std::size_t number = 0, unreported = 0;
    std::string line;
    for (bool too_long = false; read_line(in, &line, &too_long);) {
        ++number;
        const std::string where = "line " + std::to_string(number) + ": ";
        const std::string text = trim(line);
        if (too_long) {
            add_row_error(&out, where + "longer than " + std::to_string(kMaxCsvField) + " bytes", &unreported);
        } else if (text.empty() || text[0] == '#') {
            continue;
        } else if (!is_plausible_address(text)) {
            add_row_error(&out, where + "'" + quoted_prefix(text) + "' is not an email address (one address a line)",
                          &unreported);
        } else if (out.errors.empty()) {
            out.rows.push_back({text, request.default_class, "import", std::nullopt, "import:lines", request.note});
        }
    }
    finish_errors(&out, unreported);
    return out;
}

}  // namespace db
