// The DragonFly Mail Agent (dma), which sends no DSN: one bounce per recipient,
// the address in a sentence, then the receiver's reply or dma's own words.
//
//   This is the DragonFly Mail Agent v0.13 at df.example.jp.
//
//   There was an error delivering your mail to <user@example.org>.
//
//   mx.example.org [192.0.2.25] did not like our RCPT TO:
//   552 5.2.2 <user@example.org>: Recipient address rejected: Mailbox full
//
//   Original message follows.        (or "Message headers follow.")
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

constexpr std::string_view kIntro = "There was an error delivering your mail to";

// "did not like our RCPT TO:" / "did not like our final DATA:" names the command.
std::string command_in(std::string_view line) {
    if (icontains(line, "our RCPT TO")) return "RCPT";
    if (icontains(line, "our MAIL FROM")) return "MAIL";
    if (icontains(line, "DATA")) return "DATA";
    if (icontains(line, "our EHLO") || icontains(line, "our HELO")) return "EHLO";
    return {};
}

bool ends_diagnostic(std::string_view line) {
    return icontains(line, "Message headers follow") || icontains(line, "Original message follows");
}

}  // namespace

std::vector<Evidence> decode_dragonfly(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !icontains(view.text, "This is the DragonFly Mail Agent")) return found;
    auto lines = split_lines(view.text);
    std::size_t i = 0;
    while (i < lines.size() && !icontains(lines[i], kIntro)) ++i;
    if (i == lines.size()) return found;
    Evidence e;
    e.recipient = find_first_address(lines[i].substr(ifind(lines[i], kIntro) + kIntro.size()));
    if (e.recipient.empty()) return found;
    e.source = RecipientSource::mta_format;
    for (++i; i < lines.size() && !ends_diagnostic(lines[i]); ++i) {
        auto line = trim(lines[i]);
        if (line.empty()) continue;
        if (icontains(line, "did not like our")) {
            e.smtp_command = command_in(line);
            auto host_end = line.find(' ');
            e.remote_mta = std::string(line.substr(0, host_end));
        }
        if (e.diagnostic.size() < 4096) {
            if (!e.diagnostic.empty()) e.diagnostic += ' ';
            e.diagnostic.append(line);
        }
    }
    found.push_back(std::move(e));
    return found;
}

}  // namespace classify::formats
