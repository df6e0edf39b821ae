// The decision line for one message (see message_line.h).
#include "bounced/pipeline/message_line.h"

#include "bounced/common/printable.h"

namespace bounced::pipeline {

using common::printable;

std::string message_line(const std::string& source, const std::string& fingerprint,
                         const classify::Report& report, const std::string& disposition) {
    std::string line = "source=\"" + printable(source) + "\" fp=" + fingerprint.substr(0, 16) +
                       " outcome=" + classify::to_string(report.outcome) + " " + disposition;
    if (!report.error.empty()) line += " error=\"" + printable(report.error) + "\"";
    for (const auto& r : report.recipients) {
        line += "; rcpt=\"" + printable(r.recipient, 120) + "\" class=" + std::string(classify::to_string(r.bounce_class)) +
                " reason=" + std::string(classify::to_string(r.reason));
        if (!r.status.empty()) line += " status=" + printable(r.status, 16);
        if (!r.rule.empty()) line += " rule=" + printable(r.rule, 60);
    }
    return line;
}

}  // namespace bounced::pipeline
