// m-FILTER (Digital Arts) failure notices: a Japanese introduction, the failed
// addresses one per line, then sections headed by rows of dashes; the copy of the
// original follows its own heading. The message says "X-Mailer: m-FILTER".
//
//   以下のメールアドレスへの送信に失敗しました。
//   user@example.org
//
//   -------server message
//   550 unknown user <user@example.org>
//
//   -------SMTP command
//   DATA
//
//   -------original message
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// The first non-empty line under a "-------name" heading, up to the next heading.
std::string section_line(std::string_view text, std::string_view heading) {
    auto lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!istarts_with(trim(lines[i]), heading)) continue;
        for (std::size_t j = i + 1; j < lines.size(); ++j) {
            auto line = trim(lines[j]);
            if (starts_with(line, "-------")) return {};
            if (!line.empty()) return std::string(line);
        }
    }
    return {};
}

bool is_command(std::string_view word) {
    if (word.size() != 4) return false;
    for (char c : word)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

}  // namespace

std::vector<Evidence> decode_mfilter(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !iequals(trim(view.message.headers.get("X-Mailer")), "m-FILTER")) return found;
    std::string_view text = text_before(view.text, {"-------original message", "-------original mail info"});
    std::string reply = section_line(text, "-------server message");
    std::string command = section_line(text, "-------SMTP command");
    // The recipients: lines that are only an address, before the first section.
    for (auto line : split_lines(text_before(text, {"-------"}))) {
        line = trim(line);
        if (line.empty() || !is_address(line) || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = std::string(line);
        e.diagnostic = reply;
        if (is_command(command)) e.smtp_command = command;
        e.source = RecipientSource::mta_format;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
