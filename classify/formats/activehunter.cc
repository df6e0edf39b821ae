// TransWARE Active!hunter's failure notices: Sendmail's headings, but each
// recipient on a ">>> address <address>" line and the receiver's reply bare under
// the transcript heading. The message carries an X-AHMAILID header.
//
//     ----- The following addresses had permanent fatal errors -----
//
//   >>> user@example.org <user@example.org>
//
//     ----- Transcript of session follows -----
//   550 sorry, no mailbox here by that name (#5.1.1 - chkusr)
#include <cctype>

#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

bool starts_reply_line(std::string_view line, char separator) {
    return line.size() > 3 && (line[0] == '4' || line[0] == '5') && std::isdigit(static_cast<unsigned char>(line[1])) &&
           std::isdigit(static_cast<unsigned char>(line[2])) && line[3] == separator;
}

// The first reply under the transcript heading, whole: a multi-line reply writes
// "550-" on every line but its last, "550 " (RFC 5321 4.2.1), and its first
// lines carry words the last does not repeat.
std::string transcript_reply(std::string_view text) {
    auto at = ifind(text, "----- Transcript of session follows -----");
    if (at == std::string_view::npos) return {};
    auto lines = split_lines(text.substr(at));
    std::string reply;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        auto line = trim(lines[i]);
        if (starts_reply_line(line, '-')) {
            if (!reply.empty()) reply += ' ';
            reply += line;
        } else if (starts_reply_line(line, ' ')) {
            if (!reply.empty()) reply += ' ';
            return reply + std::string(line);
        } else if (!reply.empty()) {
            break;  // continuation lines without their last: keep what they said
        }
    }
    return reply;
}

}  // namespace

std::vector<Evidence> decode_activehunter(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || !view.message.headers.has("X-AHMAILID")) return found;
    std::string_view text = view.text;
    auto start = ifind(text, "----- The following addresses had permanent fatal errors -----");
    if (start == std::string_view::npos) return found;
    std::string reply = transcript_reply(text);
    for (auto line : split_lines(text.substr(start))) {
        line = trim(line);
        if (starts_with(line, "----- Transcript")) break;
        if (!starts_with(line, ">>>")) continue;
        std::string address = find_first_address(line.substr(3));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = reply;
        e.source = RecipientSource::mta_format;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
