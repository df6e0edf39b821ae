// RFC 4180 reader (streaming, bounded) and field writer.
#include "db/csv.h"

#include <sstream>

namespace db {

bool CsvReader::take(std::string* field, char c, std::string* error) {
    if (field->size() >= kMaxCsvField) {
        *error = "line " + std::to_string(line_) + ": a field is longer than " + std::to_string(kMaxCsvField) + " bytes";
        return false;
    }
    *field += c;
    return true;
}

bool CsvReader::read_quoted(std::string* field, std::size_t row_line, std::string* error) {
    get();  // the opening quote
    for (;;) {
        const int c = get();
        if (c == EOF) {
            *error = "line " + std::to_string(row_line) + ": a quoted field is not closed";
            return false;
        }
        if (c == '"' && peek() == '"') {
            get();
        } else if (c == '"') {
            break;
        } else if (c == '\n') {
            ++line_;
        }
        if (!take(field, static_cast<char>(c), error)) return false;
    }
    const int after = peek();
    if (after != EOF && after != ',' && after != '\n' && after != '\r') {
        *error = "line " + std::to_string(line_) + ": text after a closing quote";
        return false;
    }
    return true;
}

bool CsvReader::read_row(CsvRow* row, std::string* error) {
    row->line = line_;
    row->fields.clear();
    for (;;) {
        std::string field;
        if (peek() == '"') {
            if (!read_quoted(&field, row->line, error)) return false;
        } else {
            for (int c = peek(); c != EOF && c != ',' && c != '\n' && c != '\r'; c = peek())
                if (!take(&field, static_cast<char>(get()), error)) return false;
        }
        if (row->fields.size() >= kMaxCsvFields) {
            *error = "line " + std::to_string(row->line) + ": more than " + std::to_string(kMaxCsvFields) + " fields";
            return false;
        }
        row->fields.push_back(std::move(field));
        if (peek() == ',') {
            get();
            continue;
        }
        if (peek() == '\r') get();
        if (peek() == '\n') get();
        ++line_;
        return true;
    }
}

bool CsvReader::next(CsvRow* row, std::string* error) {
    error->clear();
    if (!started_) {
        started_ = true;
        if (peek() == 0xEF) {  // a UTF-8 byte order mark
            char bom[3] = {};
            in_.read(bom, 3);
            if (std::string_view(bom, static_cast<std::size_t>(in_.gcount())) != "\xEF\xBB\xBF") {
                in_.clear();
                for (std::streamsize i = in_.gcount(); i > 0; --i) in_.unget();
            }
        }
    }
    while (peek() != EOF) {
        if (!read_row(row, error)) return false;
        const bool blank = row->fields.size() == 1 && row->fields[0].find_first_not_of(" \t") == std::string::npos;
        if (!blank) return true;
    }
    return false;
}

bool parse_csv(std::string_view text, std::vector<CsvRow>* rows, std::string* error) {
    std::istringstream in{std::string(text)};
    CsvReader reader(in);
    CsvRow row;
    while (reader.next(&row, error)) rows->push_back(row);
    return error->empty();
}

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace db
