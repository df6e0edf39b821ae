// The bounce text of GMX, web.de and 1&1 (kundenserver.de), one mail platform: an
// Exim-like text whose address line may be quoted or bracketed, whose reason may
// stand after a blank line, and whose original headers follow their own marker:
//
//   A message that you sent could not be delivered to one or more of
//   its recipients. This is a permanent error. The following address
//   failed:
//
//   "user@example.jp":
//   SMTP error from remote server after RCPT command:
//   host: mx.example.jp
//   5.2.2 <user@example.jp>... Mailbox Full
//
//   --- The header of the original message is following. ---
//
// 1&1 writes "The following address failed:" ... "For the following reason:", or
// "SMTP error from remote server for TEXT command, host: mx (192.0.2.1) reason: 550 ...".
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

constexpr std::string_view kOriginalMarker = "--- The header of the original message is following. ---";

// A line that is only an address: user@example.jp, <user@example.jp>, "user@example.jp":
std::string address_line(std::string_view line) {
    line = trim(line);
    while (!line.empty() && (line.back() == ':' || line.back() == '>' || line.back() == '"')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == '<' || line.front() == '"')) line.remove_prefix(1);
    if (line.empty() || line.find(' ') != std::string_view::npos || !is_address(line)) return {};
    return find_first_address(line);
}

// "host: mx.example.jp" or ", host: mx.example.jp (192.0.2.1)".
std::string host_in(std::string_view text) {
    auto at = ifind(text, "host: ");
    if (at == std::string_view::npos) return {};
    auto begin = at + 6;
    auto end = text.find_first_of(" \n(", begin);
    return std::string(text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
}

std::string command_in(std::string_view text) {
    if (icontains(text, "after RCPT command") || icontains(text, "for RCPT command")) return "RCPT";
    if (icontains(text, "after MAIL command") || icontains(text, "for MAIL command")) return "MAIL";
    if (icontains(text, "for TEXT command") || icontains(text, "after DATA command")) return "DATA";
    return {};
}

// The reason's own words, without 1&1's labels around them.
std::string cleaned(std::string diagnostic) {
    for (std::string_view label : {"For the following reason:", "Reason:"})
        if (auto at = ifind(diagnostic, label); at != std::string::npos) diagnostic.erase(at, label.size());
    return squeeze_spaces(trim(diagnostic));
}

}  // namespace

std::vector<Evidence> decode_gmx(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !icontains(view.text, kOriginalMarker) ||
        !icontains(view.text, "could not be delivered to one or more of"))
        return found;
    std::string_view body = text_before(view.text, {kOriginalMarker});
    auto lines = split_lines(body);
    std::size_t i = 0;
    while (i < lines.size() && !icontains(lines[i], "This is a permanent error")) ++i;
    for (; i < lines.size(); ++i) {
        std::string address = address_line(lines[i]);
        if (!address.empty()) {
            if (found.size() >= view.limits.max_recipients) break;
            Evidence e;
            e.recipient = address;
            e.action = "failed";
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
        } else if (!found.empty() && !trim(lines[i]).empty() && found.back().diagnostic.size() < 4096) {
            found.back().diagnostic += ' ';
            found.back().diagnostic.append(trim(lines[i]));
        }
    }
    for (auto& e : found) {
        e.remote_mta = host_in(e.diagnostic);
        e.smtp_command = command_in(e.diagnostic);
        e.diagnostic = cleaned(e.diagnostic);
    }
    return found;
}

}  // namespace classify::formats
