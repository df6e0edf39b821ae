// CSV as RFC 4180 writes it (quoted fields, "" inside quotes, CRLF or LF line ends,
// line breaks inside quoted fields), as exported by ESPs and spreadsheets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace db {

struct CsvRow {
    std::size_t line = 0;  // 1-based line where the row starts
    std::vector<std::string> fields;
};

// Splits `text` into rows. Blank lines are skipped; a UTF-8 byte order mark is ignored.
// False with "line N: why" in `error` for an unterminated quote or text after one.
bool parse_csv(std::string_view text, std::vector<CsvRow>* rows, std::string* error);

// `value` as one CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view value);

}  // namespace db
