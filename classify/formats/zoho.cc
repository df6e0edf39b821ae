// Zoho Mail's bounce text: one line per recipient, then the original headers with
// no marker before them:
//
//   This message was created automatically by mail delivery software.
//   A message that you sent could not be delivered to one or more of its recipients.
//   This is a permanent error.
//
//   user@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.jp>... User Unknown
//
//   Received:from mail.zoho.com by mx.zohomail.com
//
// and its delay notice:
//
//   ----- The following addresses had fatal errors -----
//   [Status: Error, Address: <user@example.jp>, ResponseCode 421, , Host not reachable.]
//
//   Message will be retried for 4 more day(s)
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 ..." -> "Invalid Address, 550 5.1.1 ...".
std::string readable(std::string text) {
    replace_all(text, ", ERROR_CODE :", " ");
    replace_all(text, "ERROR_CODE :", "");
    replace_all(text, "ResponseCode ", "");
    replace_all(text, ", , ", " ");
    return squeeze_spaces(trim(text));
}

// "[Status: Error, Address: <a@b>, ResponseCode 421, , Host not reachable.]"
std::optional<Evidence> status_line(std::string_view line) {
    line = trim(line);
    if (!istarts_with(line, "[Status:")) return std::nullopt;
    auto address = find_first_address(line);
    if (address.empty()) return std::nullopt;
    Evidence e;
    e.recipient = address;
    auto code = ifind(line, "ResponseCode");
    std::string_view rest = code == std::string_view::npos ? std::string_view() : line.substr(code);
    if (!rest.empty() && rest.back() == ']') rest.remove_suffix(1);
    e.diagnostic = readable(std::string(rest));
    return e;
}

}  // namespace

std::vector<Evidence> decode_zoho(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn || (!icontains(view.text, "ERROR_CODE :") && !icontains(view.text, "[Status: Error, Address:")))
        return found;
    bool retried = icontains(view.text, "Message will be retried for");
    for (auto line : split_lines(view.text)) {
        if (istarts_with(line, "Received:") || found.size() >= view.limits.max_recipients) break;
        if (auto e = status_line(line)) {
            found.push_back(std::move(*e));
            continue;
        }
        std::string_view rest;
        std::string address = recipient_at_line_start(line, &rest);
        if (address.empty() || !icontains(rest, "ERROR_CODE")) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = readable(std::string(rest));
        found.push_back(std::move(e));
    }
    for (auto& e : found) {
        e.source = RecipientSource::mta_format;
        e.action = "failed";
        if (retried) {
            // The delay notice: Zoho keeps trying, but the message is not delivered yet.
            e.reason = Reason::expired;
            e.rule = "zoho:retrying";
        }
    }
    return found;
}

}  // namespace classify::formats
