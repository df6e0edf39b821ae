// The providers' suppression lists as their APIs answer them:
//   Postmark, the suppressions dump (GET /message-streams/{stream}/suppressions/dump):
//     {"Suppressions": [{"EmailAddress", "SuppressionReason", "Origin", "CreatedAt"}]}
//   Amazon SES, `aws sesv2 list-suppressed-destinations` (ListSuppressedDestinations):
//     {"SuppressedDestinationSummaries": [{"EmailAddress", "Reason", "LastUpdateTime"}],
//      "NextToken": "..."}
// Each entry's fields go through the row reader of the provider's CSV export, so a
// reason maps to the same class whichever way the list was fetched.
//
// The file is untrusted: its size and nesting are checked before nlohmann builds a
// document, every field is bounded as a CSV field is, and an error quotes at most a
// short printable prefix of what it found.
#include <nlohmann/json.hpp>

#include <iterator>

#include "db/csv.h"
#include "db/field_bounds.h"
#include "db/import_formats.h"

namespace db {
namespace {

struct Layout {
    ImportFormat format;
    const char* key;  // the array of entries
    const char* provider;
    RowReader read;
};

const Layout kLayouts[] = {
    {ImportFormat::postmark, "Suppressions", "a Postmark suppression dump", read_postmark_row},
    {ImportFormat::ses, "SuppressedDestinationSummaries", "an SES list-suppressed-destinations answer", read_ses_row},
};

// "line L, column C" of byte `offset`, for an editor.
std::string position(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++line, column = 1;
        else ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// "" or where the nesting first goes deeper than kMaxImportJsonDepth. One linear pass,
// so a file of ten million '[' is refused before any parser recurses or allocates.
std::string depth_problem(std::string_view text) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxImportJsonDepth) {
                return position(text, i) + ": nested deeper than " + std::to_string(kMaxImportJsonDepth) +
                       " levels (an export has 3: the object, its list, an entry)";
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return "";
}

// The whole input, or false when it is larger than kMaxImportJsonBytes.
bool read_bounded(std::istream& in, std::string* text) {
    char buf[65536];
    while (in.read(buf, sizeof buf), in.gcount() > 0) {
        if (text->size() + static_cast<std::size_t>(in.gcount()) > kMaxImportJsonBytes) return false;
        text->append(buf, static_cast<std::size_t>(in.gcount()));
    }
    return true;
}

// One entry as the CSV row readers see a row: its scalar fields as text under their
// normalised names. "" or why the entry cannot be one.
std::string entry_row(const nlohmann::json& entry, CsvRow* row, Header* header) {
    if (!entry.is_object()) return std::string("is ") + entry.type_name() + ", not an object";
    for (const auto& [key, value] : entry.items()) {
        if (value.is_null() || value.is_structured()) continue;  // no reader uses one
        const std::string name = "field '" + quoted_prefix(key) + "'";
        if (row->fields.size() >= kMaxCsvFields) return "has more than " + std::to_string(kMaxCsvFields) + " fields";
        if (key.size() > kMaxCsvField) return name + ": the name is longer than " + std::to_string(kMaxCsvField) + " bytes";
        std::string text = value.is_string() ? value.get<std::string>() : value.dump();
        if (text.size() > kMaxCsvField) return name + ": longer than " + std::to_string(kMaxCsvField) + " bytes";
        header->emplace(normalise_column(key), std::make_pair(row->fields.size(), key));
        row->fields.push_back(std::move(text));
    }
    if (header->empty()) return "has no fields";
    return "";
}

ParsedImport refuse(ImportFormat format, std::string error) {
    ParsedImport out;
    out.format = format;
    out.errors.push_back(std::move(error));
    return out;
}

// The layout the request names, or the one whose key the document has.
const Layout* layout_of(const nlohmann::json& doc, ImportFormat format) {
    for (const auto& l : kLayouts) {
        if (format == ImportFormat::automatic ? doc.contains(l.key) : format == l.format) return &l;
    }
    return nullptr;
}

}  // namespace

ParsedImport parse_json_suppressions(std::istream& in, const ImportRequest& request) {
    std::string text;
    if (!read_bounded(in, &text)) {
        return refuse(request.format, "JSON larger than " + std::to_string(kMaxImportJsonBytes >> 20) +
                                          " MiB: split the list and import each part");
    }
    if (auto why = depth_problem(text); !why.empty()) return refuse(request.format, why);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // e.what() quotes the token it choked on, which can be long: say where instead.
        const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
        if (at >= text.size()) return refuse(request.format, "not valid JSON: it ends too early");
        return refuse(request.format, position(text, at) + ": not valid JSON at '" +
                                          quoted_prefix(std::string_view(text).substr(at), 20) + "'");
    } catch (const nlohmann::json::exception&) {
        return refuse(request.format, "not valid JSON: a number out of range");
    }
    const Layout* layout = doc.is_object() ? layout_of(doc, request.format) : nullptr;
    if (!doc.is_object() || !layout || !doc.contains(layout->key)) {
        const std::string want = layout ? std::string("'") + layout->key + "'" : "'Suppressions' (Postmark) or 'SuppressedDestinationSummaries' (SES)";
        return refuse(request.format, std::string("not ") + (layout ? layout->provider : "a known suppression list") +
                                          ": expected an object with " + want);
    }
    const nlohmann::json& entries = doc[layout->key];
    if (!entries.is_array()) {
        return refuse(layout->format, std::string("field '") + layout->key + "': " + entries.type_name() + ", not a list");
    }
    ParsedImport out;
    out.format = layout->format;
    std::size_t unreported = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string where = std::string(layout->key) + "[" + std::to_string(i) + "]";
        CsvRow row;
        Header header;
        std::string why = entry_row(entries[i], &row, &header);
        Suppression s;
        if (why.empty()) why = layout->read(Row{row, header}, request, &s);
        if (!why.empty()) add_row_error(&out, where + (why.rfind("field", 0) == 0 ? ", " : " ") + why, &unreported);
        else if (out.errors.empty()) out.rows.push_back(std::move(s));
    }
    finish_errors(&out, unreported);
    const auto next = doc.find("NextToken");
    if (layout->format == ImportFormat::ses && next != doc.end() && next->is_string() && !next->get<std::string>().empty()) {
        out.warning = "NextToken is set: this is one page of the list; fetch the others with --next-token and import each";
    }
    return out;
}

}  // namespace db
