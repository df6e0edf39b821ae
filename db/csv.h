// CSV as RFC 4180 writes it (quoted fields, "" inside quotes, CRLF or LF line ends,
// line breaks inside quoted fields), as exported by ESPs and spreadsheets.
//
// The reader streams: it holds one row at a time, and refuses a field longer than
// kMaxCsvField or a row of more than kMaxCsvFields fields, so a file of any size (or
// one 1 GiB line) is read in bounded memory.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace db {

constexpr std::size_t kMaxCsvField = 4096;  // an address, a note, a date: far less
constexpr std::size_t kMaxCsvFields = 64;   // ESP exports have a dozen columns

struct CsvRow {
    std::size_t line = 0;  // 1-based line where the row starts
    std::vector<std::string> fields;
};

class CsvReader {
public:
    explicit CsvReader(std::istream& in) : in_(in) {}
    // The next row that is not blank. False at the end, or with "line N: why" in
    // `error` (an unterminated quote, text after one, a field or row too large).
    bool next(CsvRow* row, std::string* error);

private:
    int get() { return in_.get(); }
    int peek() { return in_.peek(); }
    bool read_row(CsvRow* row, std::string* error);
    bool read_quoted(std::string* field, std::size_t row_line, std::string* error);
    bool take(std::string* field, char c, std::string* error);

    std::istream& in_;
    std::size_t line_ = 1;
    bool started_ = false;
};

// Splits `text` into rows. Blank lines are skipped; a UTF-8 byte order mark is ignored.
// False with "line N: why" in `error` for an unterminated quote or text after one.
bool parse_csv(std::string_view text, std::vector<CsvRow>* rows, std::string* error);

// `value` as one CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view value);

}  // namespace db
