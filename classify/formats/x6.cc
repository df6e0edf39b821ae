// A hosted relay's "There was an error sending your mail" notices (sisimai's
// "X6"): a count of errors, then one sentence per refused recipient with the
// command and the receiver's reply in brackets.
//
//   We had trouble delivering your message. Full details follow:
//
//   1 error(s):
//
//   SMTP Server <mx.example.org> rejected recipient <user@example.org> (Error
//   following RCPT command). It responded as follows: [550 5.1.1 User unknown]
//
//   The attachment contains the original mail headers.
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

bool is_error_count(std::string_view line) {
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    return digits > 0 && istarts_with(trim(line.substr(digits)), "error(s):");
}

std::string command_of(std::string_view sentence) {
    auto at = ifind(sentence, "following ");
    if (at == std::string_view::npos) return {};
    auto word = sentence.substr(at + 10, 4);
    for (const char* command : {"HELO", "EHLO", "MAIL", "RCPT", "DATA"})
        if (iequals(word, command)) return command;
    return {};
}

}  // namespace

std::vector<Evidence> decode_x6(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !istarts_with(trim(view.subject), "There was an error sending your mail")) return found;
    auto lines = split_lines(text_before(view.text, {"The attachment contains the original mail headers"}));
    std::size_t i = 0;
    while (i < lines.size() && !is_error_count(trim(lines[i]))) ++i;
    for (++i; i < lines.size(); ++i) {
        auto line = trim(lines[i]);
        auto open = line.find('<');
        std::string address;
        // The recipient is the bracketed address that follows "recipient" (the
        // first bracket names the server).
        auto named = ifind(line, "recipient <");
        if (named != std::string_view::npos) address = find_first_address(line.substr(named + 10));
        else if (open != std::string_view::npos) address = find_first_address(line.substr(open));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = std::string(line);
        e.smtp_command = command_of(line);
        e.source = RecipientSource::mta_format;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
