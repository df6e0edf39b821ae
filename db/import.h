// Suppression files: bounced's own CSV (what `suppressions export` writes), the
// suppression exports of Amazon SES, Postmark, SendGrid and Mailgun (CSV), the JSON
// answers of Postmark's suppression dump and `aws sesv2 list-suppressed-destinations`,
// and a plain list of addresses, one a line; read into validated db::Suppression rows. Nothing here touches the database: a file with any
// bad row is refused whole, with every bad row named by line and field.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/store.h"

namespace db {

enum class ImportFormat { automatic, bounced, ses, postmark, sendgrid, mailgun, lines };

// JSON is read whole: a larger file is refused (the CSV and list readers stream).
constexpr std::size_t kMaxImportJsonBytes = 64u << 20;
// An export nests three levels (object, array, entry); one more is allowed in an entry.
constexpr int kMaxImportJsonDepth = 4;

std::optional<ImportFormat> parse_import_format(std::string_view name);
const char* to_string(ImportFormat format);

struct ImportRequest {
    ImportFormat format = ImportFormat::automatic;
    std::string default_class = "manual";  // for exports that do not say (spam reports, unsubscribes)
    std::string note;                       // recorded with every row
};

struct ParsedImport {
    ImportFormat format = ImportFormat::automatic;  // the one used (detected or given)
    std::vector<Suppression> rows;
    std::vector<std::string> errors;  // "line 7, field 'reason': why"; empty when all rows are good
    std::string warning;              // the file is good but not everything: one page of a paged list
};

// Tells the format from the first bytes (JSON: '{' or '['; a list: the first line is
// an address or a '#' comment; else the CSV header) unless the request names it.
// Reads CSV and lists row by row (db/csv.h bounds each field), JSON whole within
// kMaxImportJsonBytes and kMaxImportJsonDepth; only the good rows are kept, and none
// once a row is bad. JSON errors name the entry: "Suppressions[3], field 'EmailAddress': why".
ParsedImport parse_suppression_file(std::istream& in, const ImportRequest& request);
ParsedImport parse_suppression_file(std::string_view text, const ImportRequest& request);

// The header of bounced's own format, and one row in it.
extern const char* const kSuppressionCsvHeader;
std::string suppression_csv_row(const Suppression& s);

// The suppression class a word names: hard, soft, complaint, manual, or the class of a
// classify reason ("userunknown" -> hard). nullopt when it names none.
std::optional<std::string> suppression_class_of(std::string_view word);

// Whether `address` looks like an email address: local@domain, a dot in the domain,
// within RFC 5321's lengths (64 + 255), no space or control byte (NUL included).
bool is_plausible_address(std::string_view address);

}  // namespace db
