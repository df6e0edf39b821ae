// Suppression files: detect the format from the first bytes and the header, read
// every row, and report every bad row (line, field, why) so the whole file can be
// refused at once.
#include "db/import.h"

#include <cctype>
#include <sstream>
#include <streambuf>

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
    {ImportFormat::lines, "lines", nullptr},  // db/import_lines.cc
};

// Enough to see the first line of any export; a longer first line is not a list.
constexpr std::size_t kHeadBytes = 8192;

// The bytes read to tell the format, then the rest of the stream: the reader chosen
// sees the whole input from its first byte, without the input being held in memory.
class ReplayBuf : public std::streambuf {
public:
    ReplayBuf(std::string head, std::istream& rest) : head_(std::move(head)), rest_(rest) {
        setg(head_.data(), head_.data(), head_.data() + head_.size());
    }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        rest_.read(buf_, sizeof buf_);
        const std::streamsize n = rest_.gcount();
        if (n <= 0) return traits_type::eof();
        setg(buf_, buf_, buf_ + n);
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string head_;
    std::istream& rest_;
    char buf_[8192];
};

struct Head {
    std::string bytes;       // everything read
    char first = 0;          // the first byte that is not white space (nor a byte order mark)
    std::string first_line;  // from `first` to the end of its line
};

Head read_head(std::istream& in) {
    static const std::string kBom = "\xEF\xBB\xBF";
    Head h;
    for (int c; h.bytes.size() < kHeadBytes && (c = in.get()) != EOF;) {
        h.bytes += static_cast<char>(c);
        if (!h.first) {
            const bool in_bom = h.bytes.size() <= 3 && kBom.compare(0, h.bytes.size(), h.bytes) == 0;
            if (in_bom || std::isspace(c)) continue;
            h.first = static_cast<char>(c);
        }
        if (c == '\n' || h.first == '{' || h.first == '[') break;
        h.first_line += static_cast<char>(c);
    }
    return h;
}

// A list of addresses starts with a comment or an address alone on its line (an SES
// bulk file has ",BOUNCE" after it, and is_plausible_address refuses the comma).
bool looks_like_list(std::string line) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    return !line.empty() && (line[0] == '#' || is_plausible_address(line));
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

namespace {

ParsedImport parse_csv_file(std::istream& in, const ImportRequest& request) {
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
        } else {
            add_row_error(&out, "line " + std::to_string(row.line) + ", " + why, &unreported);
        }
    };
    if (headerless) take_row(first);
    for (CsvRow row; reader.next(&row, &error);) take_row(row);
    if (!error.empty()) {
        out.rows.clear();
        out.errors.push_back(error);
    }
    finish_errors(&out, unreported);
    return out;
}

}  // namespace

std::string normalise_column(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

void add_row_error(ParsedImport* out, std::string error, std::size_t* unreported) {
    out->rows.clear();
    if (out->errors.size() < kMaxErrors) out->errors.push_back(std::move(error));
    else ++*unreported;
}

void finish_errors(ParsedImport* out, std::size_t unreported) {
    if (unreported) out->errors.push_back("... and " + std::to_string(unreported) + " more bad rows");
}

ParsedImport parse_suppression_file(std::istream& in, const ImportRequest& request) {
    Head head = read_head(in);
    const bool json = head.first == '{' || head.first == '[';
    const bool list = request.format == ImportFormat::lines ||
                      (request.format == ImportFormat::automatic && !json && looks_like_list(head.first_line));
    ReplayBuf replay(std::move(head.bytes), in);
    std::istream whole(&replay);
    if (json && request.format != ImportFormat::automatic && request.format != ImportFormat::ses &&
        request.format != ImportFormat::postmark) {
        ParsedImport out;
        out.format = request.format;
        out.errors.push_back(std::string("the file is JSON; --format ") + to_string(request.format) +
                             " does not read JSON (ses and postmark do)");
        return out;
    }
    if (json) return parse_json_suppressions(whole, request);
    if (list) return parse_address_lines(whole, request);
    return parse_csv_file(whole, request);
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
