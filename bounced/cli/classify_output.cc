#include "bounced/cli/classify_output.h"

#include <cstdint>
#include <cstring>
#include <iomanip>

#include "classify/text.h"
#include "db/json.h"

namespace bounced::cli {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;

// Whether any byte of `word` is zero (exact, the usual bit trick).
bool has_zero_byte(std::uint64_t word) { return ((word - kOnes) & ~word & kHigh) != 0; }

// Plain printable ASCII without '"' or '\\' is its own JSON string body; checked
// eight bytes a step (diagnostics are a few hundred bytes).
bool needs_no_escaping(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        const bool below_space = ((word - 0x20 * kOnes) & ~word & kHigh) != 0;  // exact for bytes under 0x80
        if ((word & kHigh) != 0 || below_space || has_zero_byte(word ^ (0x7F * kOnes)) ||
            has_zero_byte(word ^ ('"' * kOnes)) || has_zero_byte(word ^ ('\\' * kOnes)))
            return false;
    }
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
    }
    return true;
}

// RFC 8259 string: most values (addresses, codes, names) take the fast path; the
// rest go through the store's escaper, byte for byte the same as before.
void append_json_string(std::string& out, std::string_view text) {
    if (!needs_no_escaping(text)) {
        db::append_json_string(out, text);
        return;
    }
    out += '"';
    out.append(text.data(), text.size());
    out += '"';
}

// Builds one JSON object into a line buffer that is reused for every line: no
// allocation per field or per line once the buffer has grown.
class JsonObject {
public:
    explicit JsonObject(std::string& text) : text_(text) {
        text_.clear();
        text_ += '{';
    }
    JsonObject& field(const char* key, std::string_view value) {
        key_(key);
        append_json_string(text_, value);
        return *this;
    }
    JsonObject& optional(const char* key, std::string_view value) {
        if (value.empty()) return null(key);
        return field(key, value);
    }
    JsonObject& number(const char* key, long value) {
        key_(key);
        text_ += std::to_string(value);
        return *this;
    }
    JsonObject& null(const char* key) {
        key_(key);
        text_ += "null";
        return *this;
    }
    // Ends the object and the line.
    void write_line(std::ostream& out) {
        text_ += "}\n";
        out.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    }

private:
    // Keys are this file's own literals, plain ASCII with nothing to escape.
    void key_(const char* key) {
        if (text_.size() > 1) text_ += ',';
        text_ += '"';
        text_ += key;
        text_ += "\":";
    }
    std::string& text_;
};

void add_message_fields(JsonObject& o, const std::string& source, const classify::Report& report) {
    o.field("source", source)
        .optional("message_id", report.message_id)
        .field("outcome", classify::to_string(report.outcome))
        .optional("format", report.format)
        .optional("original_message_id", report.original.message_id)
        .optional("list_id", report.original.list_id)
        .optional("verp_recipient", report.verp_recipient);
}

}  // namespace

void write_jsonl(std::ostream& out, const std::string& source, const classify::Report& report) {
    thread_local std::string line;
    if (report.recipients.empty()) {
        JsonObject o(line);
        add_message_fields(o, source, report);
        o.null("recipient").null("reason").field("class", "none");
        if (!report.error.empty()) o.field("error", report.error);
        o.write_line(out);
        return;
    }
    for (const auto& r : report.recipients) {
        JsonObject o(line);
        add_message_fields(o, source, report);
        o.field("recipient", r.recipient)
            .optional("action", r.action)
            .optional("status", r.status);
        if (r.reply_code) o.number("reply_code", r.reply_code);
        else o.null("reply_code");
        o.field("reason", classify::to_string(r.reason))
            .field("class", classify::to_string(r.bounce_class))
            .optional("diagnostic", r.diagnostic)
            .optional("remote_mta", r.remote_mta)
            .optional("smtp_command", r.smtp_command)
            .optional("feedback_type", r.feedback_type)
            .field("rule", r.rule)
            .field("recipient_source", classify::to_string(r.source));
        o.write_line(out);
    }
}

void TableWriter::header_once() {
    if (header_written_) return;
    header_written_ = true;
    out_ << std::left << std::setw(34) << "RECIPIENT" << std::setw(10) << "CLASS" << std::setw(16) << "REASON"
         << std::setw(9) << "STATUS" << std::setw(6) << "REPLY" << "DIAGNOSTIC\n";
}

void TableWriter::write(const std::string& source, const classify::Report& report) {
    header_once();
    ++messages_;
    out_ << "# " << source;
    if (!report.format.empty()) out_ << "  (" << report.format << ")";
    if (report.outcome != classify::Outcome::bounce) out_ << "  " << classify::to_string(report.outcome);
    if (!report.error.empty()) out_ << ": " << report.error;
    out_ << '\n';
    if (report.recipients.empty()) ++per_class_["none"];
    for (const auto& r : report.recipients) {
        ++recipients_;
        ++per_class_[std::string(classify::to_string(r.bounce_class))];
        out_ << std::left << std::setw(34) << r.recipient << std::setw(10) << classify::to_string(r.bounce_class)
             << std::setw(16) << classify::to_string(r.reason) << std::setw(9) << r.status << std::setw(6)
             << (r.reply_code ? std::to_string(r.reply_code) : "") << classify::printable(r.diagnostic, 90) << '\n';
    }
}

void TableWriter::finish() {
    out_ << "\n" << messages_ << " messages, " << recipients_ << " recipients:";
    for (const auto& [name, count] : per_class_) out_ << " " << name << "=" << count;
    out_ << '\n';
}

}  // namespace bounced::cli
