// One row reader per suppression-file format. Each quotes the layout it reads and
// where that layout is documented; each returns "" or "field 'NAME': why".
#include "db/import_formats.h"

#include <algorithm>
#include <cctype>

#include "db/field_bounds.h"

namespace db {
namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return "";
    return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Header names and values come from the file: quote a short printable prefix only.
std::string quoted_field(const Field& f) { return "field '" + quoted_prefix(f.name) + "'"; }

// Reads the address field into out->address.
std::string take_address(const Field& f, Suppression* out) {
    out->address = trim(f.value);
    if (!f.present || out->address.empty()) return quoted_field(f) + ": no address";
    if (!is_plausible_address(out->address)) return quoted_field(f) + ": '" + quoted_prefix(out->address) + "' is not an email address";
    return "";
}

// Reads an optional date field into out->since.
std::string take_date(const Field& f, Suppression* out) {
    const std::string text = trim(f.value);
    if (!f.present || text.empty()) return "";
    out->since = parse_time(text);
    if (!out->since) return quoted_field(f) + ": '" + quoted_prefix(text) + "' is not a date (ISO 8601, RFC 2822 or Unix seconds)";
    return "";
}

// The class an SMTP reply or enhanced status code means: 5 hard, 4 soft.
std::string class_of_code(const std::string& code, const std::string& fallback) {
    if (code.empty()) return fallback;
    return code[0] == '4' ? "soft" : code[0] == '5' ? "hard" : "";
}

}  // namespace

Field Row::get(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
        const auto it = header.find(name);
        if (it != header.end()) {
            const std::size_t col = it->second.first;
            return {it->second.second, col < row.fields.size() ? row.fields[col] : "", col < row.fields.size()};
        }
    }
    return {*names.begin(), "", false};
}

Field Row::at(std::size_t column, const char* name) const {
    return {name, column < row.fields.size() ? row.fields[column] : "", column < row.fields.size()};
}

// bounced: address,class,reason,suppressed_at,source,note (what `suppressions export` writes).
std::string read_bounced_row(const Row& row, const ImportRequest& request, Suppression* out) {
    if (auto e = take_address(row.get({"address"}), out); !e.empty()) return e;
    const Field cls = row.get({"class"});
    const auto known = suppression_class_of(trim(cls.value));
    if (!known) return quoted_field(cls) + ": '" + quoted_prefix(trim(cls.value)) + "' is not hard, soft, complaint or manual";
    out->bounce_class = *known;
    out->reason = trim(row.get({"reason"}).value);
    out->source = trim(row.get({"source"}).value);
    if (out->source.empty()) out->source = "import";
    out->note = row.get({"note"}).value;
    if (out->note.empty()) out->note = request.note;
    return take_date(row.get({"suppressedat"}), out);
}

// Amazon SES account-level suppression list, bulk import/export file: no header,
// "recipient1@example.com,BOUNCE" / "recipient2@example.com, COMPLAINT" (SES Developer
// Guide, "Adding email addresses to your account-level suppression list"); with a
// header when made from list-suppressed-destinations: EmailAddress,Reason,LastUpdateTime.
std::string read_ses_row(const Row& row, const ImportRequest& request, Suppression* out) {
    const bool headed = !row.header.empty();
    if (auto e = take_address(headed ? row.get({"emailaddress", "email"}) : row.at(0, "address"), out); !e.empty()) {
        return e;
    }
    const Field reason = headed ? row.get({"reason"}) : row.at(1, "reason");
    const std::string word = trim(reason.value);
    if (lower(word) == "bounce") out->bounce_class = "hard";
    else if (lower(word) == "complaint") out->bounce_class = "complaint";
    else return quoted_field(reason) + ": '" + quoted_prefix(word) + "' is not BOUNCE or COMPLAINT";
    out->reason = word;
    out->source = "import:ses";
    out->note = request.note;
    return headed ? take_date(row.get({"lastupdatetime", "lastupdatetimestamp"}), out) : "";
}

// Postmark suppressions (Suppressions API "dump", and the UI's export):
// EmailAddress,SuppressionReason,Origin,CreatedAt with SuppressionReason one of
// HardBounce, SpamComplaint, ManualSuppression.
std::string read_postmark_row(const Row& row, const ImportRequest& request, Suppression* out) {
    if (auto e = take_address(row.get({"emailaddress", "email"}), out); !e.empty()) return e;
    const Field reason = row.get({"suppressionreason", "reason"});
    const std::string word = trim(reason.value);
    if (word == "HardBounce") out->bounce_class = "hard";
    else if (word == "SpamComplaint") out->bounce_class = "complaint";
    else if (word == "ManualSuppression") out->bounce_class = "manual";
    else return quoted_field(reason) + ": '" + quoted_prefix(word) + "' is not HardBounce, SpamComplaint or ManualSuppression";
    out->reason = word;
    out->source = "import:postmark";
    const std::string origin = trim(row.get({"origin"}).value);
    out->note = request.note.empty() && !origin.empty() ? "origin " + origin : request.note;
    return take_date(row.get({"createdat"}), out);
}

// SendGrid suppression lists (bounces: email,created,reason,status; spam reports,
// unsubscribes, blocks: email,created[,...]); created is Unix seconds in v3 and
// "2014-12-06 08:34:48" in v2. status is the enhanced code: 5.x.x hard, 4.x.x soft.
std::string read_sendgrid_row(const Row& row, const ImportRequest& request, Suppression* out) {
    if (auto e = take_address(row.get({"email"}), out); !e.empty()) return e;
    const Field status = row.get({"status"});
    out->bounce_class = class_of_code(trim(status.value), request.default_class);
    if (out->bounce_class.empty()) return quoted_field(status) + ": '" + quoted_prefix(trim(status.value)) + "' is not a 4.x.x or 5.x.x status";
    out->reason = trim(row.get({"reason"}).value);
    if (out->reason.empty()) out->reason = "sendgrid";
    out->source = "import:sendgrid";
    out->note = request.note;
    return take_date(row.get({"created", "createdat"}), out);
}

// Mailgun bounces (the bounces import/export CSV: address,code,error,created_at, with
// code defaulting to 550 and created_at in RFC 2822); complaints and unsubscribes
// files have address,created_at (and tags) and take the default class.
std::string read_mailgun_row(const Row& row, const ImportRequest& request, Suppression* out) {
    if (auto e = take_address(row.get({"address"}), out); !e.empty()) return e;
    const bool bounce_list = row.header.count("code") || row.header.count("error");
    const Field code = row.get({"code"});
    out->bounce_class = bounce_list ? class_of_code(trim(code.value), "hard") : request.default_class;
    if (out->bounce_class.empty()) return quoted_field(code) + ": '" + quoted_prefix(trim(code.value)) + "' is not a 4xx or 5xx code";
    out->reason = trim(row.get({"error"}).value);
    if (out->reason.empty()) out->reason = bounce_list ? trim(code.value.empty() ? "550" : code.value) : "mailgun";
    out->source = "import:mailgun";
    out->note = request.note;
    return take_date(row.get({"createdat"}), out);
}

}  // namespace db
