// Suppression files: detect the format from the header, read every row, and report
// every bad row (line, field, why) so the whole file can be refused at once.
#include "db/import.h"

#include <cctype>
#include <sstream>

#include "classify/reason.h"
#include "db/field_bounds.h"
#include "db/import_formats.h"

namespace db {
namespace {

constexpr std::size_t kMaxErrors = 20;

struct FormatInfo {
    ImportFormat format;
    const char* name;
    RowReader read;
};

const FormatInfo kFormats[] = {
    {ImportFormat::bounced, "bounced", read_bounced_row},
    {ImportFormat::ses, "ses", read_ses_row},
    {ImportFormat::postmark, "postmark", read_postmark_row},
    {ImportFormat::sendgrid, "sendgrid", read_sendgrid_row},
    {ImportFormat::mailgun, "mailgun", read_mailgun_row},
};

std::string normalise_column(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

Header header_of(const CsvRow& row) {
    Header header;
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
        header.emplace(normalise_column(row.fields[i]), std::make_pair(i, row.fields[i]));
    }
    return header;
}

bool is_ses_reason(const std::string& field) {
    std::string word;
    for (char c : field) if (c != ' ') word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return word == "BOUNCE" || word == "COMPLAINT";
}

// The format a file's first row says it is; automatic when it says none.
ImportFormat detect(const CsvRow& first, const Header& h) {
    if (first.fields.size() >= 2 && is_plausible_address(first.fields[0]) && is_ses_reason(first.fields[1])) {
        return ImportFormat::ses;  // SES files have no header
    }
    if (h.count("address") && h.count("class")) return ImportFormat::bounced;
    if (h.count("suppressionreason")) return ImportFormat::postmark;
    if (h.count("emailaddress") && h.count("reason")) return ImportFormat::ses;
    if (h.count("email")) return ImportFormat::sendgrid;
    if (h.count("address")) return ImportFormat::mailgun;
    return ImportFormat::automatic;
}

}  // namespace

std::optional<ImportFormat> parse_import_format(std::string_view name) {
    if (name == "auto") return ImportFormat::automatic;
    for (const auto& f : kFormats)
        if (name == f.name) return f.format;
    return std::nullopt;
}

const char* to_string(ImportFormat format) {
    for (const auto& f : kFormats)
        if (f.format == format) return f.name;
    return "auto";
}

ParsedImport parse_suppression_file(std::istream& in, const ImportRequest& request) {
    ParsedImport out;
    CsvReader reader(in);
    CsvRow first;
    std::string error;
    if (!reader.next(&first, &error)) {
        if (!error.empty()) out.errors.push_back(error);
        return out;
    }
    Header header = header_of(first);
    const ImportFormat detected = detect(first, header);
    out.format = request.format == ImportFormat::automatic ? detected : request.format;
    if (out.format == ImportFormat::automatic) {
        out.errors.push_back("line 1: cannot tell the format from the header; name it with --format");
        return out;
    }
    // Only a headerless SES file starts with data.
    const bool headerless = out.format == ImportFormat::ses && detected == ImportFormat::ses && !header.count("emailaddress");
    if (headerless) header.clear();
    RowReader read = nullptr;
    for (const auto& f : kFormats)
        if (f.format == out.format) read = f.read;
    std::size_t unreported = 0;
    const auto take_row = [&](const CsvRow& row) {
        Suppression s;
        const std::string why = read(Row{row, header}, request, &s);
        if (why.empty()) {
            if (out.errors.empty()) out.rows.push_back(std::move(s));  // a bad file is refused whole
        } else if (out.errors.size() < kMaxErrors) {
            out.rows.clear();
            out.errors.push_back("line " + std::to_string(row.line) + ", " + why);
        } else {
            ++unreported;
        }
    };
    if (headerless) take_row(first);
    for (CsvRow row; reader.next(&row, &error);) take_row(row);
    if (!error.empty()) {
        out.rows.clear();
        out.errors.push_back(error);
    }
    if (unreported) out.errors.push_back("... and " + std::to_string(unreported) + " more bad rows");
    return out;
}

ParsedImport parse_suppression_file(std::string_view text, const ImportRequest& request) {
    std::istringstream in{std::string(text)};
    return parse_suppression_file(in, request);
}

const char* const kSuppressionCsvHeader = "address,class,reason,suppressed_at,source,note";

std::string suppression_csv_row(const Suppression& s) {
    return csv_field(s.address) + ',' + csv_field(s.bounce_class) + ',' + csv_field(s.reason) + ',' +
           (s.since ? format_time(*s.since) : "") + ',' + csv_field(s.source) + ',' + csv_field(s.note);
}

std::optional<std::string> suppression_class_of(std::string_view word) {
    for (const char* c : {"hard", "soft", "complaint", "manual"})
        if (word == c) return std::string(c);
    if (const auto reason = classify::parse_reason(word)) {
        const auto cls = classify::class_of(*reason, false);
        if (cls == classify::BounceClass::hard || cls == classify::BounceClass::soft ||
            cls == classify::BounceClass::complaint) {
            return std::string(classify::to_string(cls));
        }
    }
    return std::nullopt;
}

bool is_plausible_address(std::string_view a) {
    const auto at = a.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return false;
    if (!address_problem(a).empty()) return false;  // too long, NUL or other control byte
    for (char c : a)
        if (c == ',' || c == '<' || c == '>') return false;
    return a.substr(at + 1).find('.') != std::string_view::npos || a.substr(at + 1) == "localhost";
}

}  // namespace db
