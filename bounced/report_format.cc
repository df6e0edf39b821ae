#include "bounced/report_format.h"

#include <iomanip>

#include "classify/text.h"
#include "db/json.h"

namespace bounced {
namespace {

class JsonObject {
public:
    JsonObject& field(const char* key, std::string_view value) {
        key_(key);
        db::append_json_string(text_, value);
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
    std::string done() { return text_ + "}"; }

private:
    void key_(const char* key) {
        text_ += text_.size() == 1 ? "" : ",";
        db::append_json_string(text_, key);
        text_ += ':';
    }
    std::string text_ = "{";
};

JsonObject message_fields(const std::string& source, const classify::Report& report) {
    JsonObject o;
    o.field("source", source)
        .optional("message_id", report.message_id)
        .field("outcome", classify::to_string(report.outcome))
        .optional("format", report.format)
        .optional("original_message_id", report.original.message_id)
        .optional("list_id", report.original.list_id)
        .optional("verp_recipient", report.verp_recipient);
    return o;
}

}  // namespace

void write_jsonl(std::ostream& out, const std::string& source, const classify::Report& report) {
    if (report.recipients.empty()) {
        auto o = message_fields(source, report);
        o.null("recipient").null("reason").field("class", "none");
        if (!report.error.empty()) o.field("error", report.error);
        out << o.done() << '\n';
        return;
    }
    for (const auto& r : report.recipients) {
        auto o = message_fields(source, report);
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
        out << o.done() << '\n';
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

}  // namespace bounced
