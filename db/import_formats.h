// The row readers of import.cc, one per format (import_formats.cc). Internal to db/.
#pragma once

#include <initializer_list>
#include <istream>
#include <map>
#include <string>
#include <utility>

#include "db/csv.h"
#include "db/import.h"

namespace db {

// A header: normalised column name (lower case, no spaces, '_' or '-') ->
// (column, the name as the file writes it).
using Header = std::map<std::string, std::pair<std::size_t, std::string>>;

struct Field {
    std::string name;   // as the file names it, for error messages
    std::string value;
    bool present = false;
};

struct Row {
    const CsvRow& row;
    const Header& header;  // empty for headerless files
    Field get(std::initializer_list<const char*> normalised_names) const;
    Field at(std::size_t column, const char* name) const;
};

using RowReader = std::string (*)(const Row&, const ImportRequest&, Suppression*);

std::string read_bounced_row(const Row&, const ImportRequest&, Suppression*);
std::string read_ses_row(const Row&, const ImportRequest&, Suppression*);
std::string read_postmark_row(const Row&, const ImportRequest&, Suppression*);
std::string read_sendgrid_row(const Row&, const ImportRequest&, Suppression*);
std::string read_mailgun_row(const Row&, const ImportRequest&, Suppression*);

// A column name as the readers look it up: lower case, no spaces, '_' or '-'.
std::string normalise_column(const std::string& name);

// Records a bad row in out->errors (and drops the good rows: a bad file is refused
// whole); past the first few, only counts it in `unreported`.
void add_row_error(ParsedImport* out, std::string error, std::size_t* unreported);
// Closes the error list with "... and N more bad rows".
void finish_errors(ParsedImport* out, std::size_t unreported);

// The JSON dumps (db/import_json.cc): `format` is ses, postmark or automatic.
ParsedImport parse_json_suppressions(std::istream& in, const ImportRequest& request);
// One address a line (db/import_lines.cc); blank lines and '#' comments skipped.
ParsedImport parse_address_lines(std::istream& in, const ImportRequest& request);

}  // namespace db
