// Exim's own bounce text (it sends no DSN unless configured):
//
//   A message that you sent could not be delivered to one or more of its
//   recipients. This is a permanent error. The following address(es) failed:
//
//     user@example.org
//       SMTP error from remote mail server after RCPT TO:<user@example.org>:
//       host mx.example.org [192.0.2.1]: 550 5.1.1 User unknown
//
//   ------ This is a copy of the message, including all the headers. ------
//
// Its delay warning ("Warning: message ... delayed 24 hours") lists them under
// "The address to which the message has not yet been delivered is:".
#include <algorithm>

#include "classify/parse/address.h"
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// "after RCPT TO:<...>" names the SMTP command the receiver refused; "after
// initial connection" the greeting, before any command.
std::string command_in(std::string_view diagnostic) {
    if (icontains(diagnostic, "after initial connection")) return "CONN";
    for (const char* command : {"RCPT TO", "MAIL FROM", "end of data", "DATA", "HELO", "EHLO", "AUTH", "STARTTLS"})
        if (icontains(diagnostic, std::string("after ") + command)) {
            std::string c = command;
            if (c == "RCPT TO") return "RCPT";
            if (c == "MAIL FROM") return "MAIL";
            if (c == "end of data") return "DATA";
            return c;
        }
    return {};
}

// Exim's own sentences when it gives up on a recipient it could not reach.
constexpr std::string_view kGaveUp[] = {"retry timeout exceeded",
                                        "retry time not reached for any host after a long failure period",
                                        "all hosts have been failing for a long time"};

bool gave_up(std::string_view diagnostic) {
    for (auto said : kGaveUp)
        if (icontains(diagnostic, said)) return true;
    return false;
}

// Exim adds its retry verdict to the last error when its retry rules time out
// (retry.c: "<error>: retry timeout exceeded"): its own decision to stop, not the
// receiver's cause. Behind a receiver's reply, the reply says why.
void drop_retry_verdict(std::string& diagnostic) {
    for (auto said : kGaveUp) {
        auto at = ifind(diagnostic, said);
        if (at == std::string::npos) continue;
        diagnostic.erase(at, said.size());
        while (at > 0 && (diagnostic[at - 1] == ' ' || diagnostic[at - 1] == ':')) diagnostic.erase(--at, 1);
    }
    diagnostic = std::string(trim(diagnostic));
}

std::size_t indent_of(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
    return n;
}

// A local recipient Exim lists by its local part alone ("  taro", then its error
// lines indented under it): the full address is in X-Failed-Recipients.
std::vector<Evidence> listed_by_local_part(const BounceView& view, std::string_view prose) {
    std::vector<Evidence> found;
    auto header = view.message.headers.get("X-Failed-Recipients");
    if (trim(header).empty()) return found;
    auto lines = split_lines(prose);
    for (const auto& address : find_addresses(header, view.limits.max_recipients)) {
        std::string_view full = address.address;
        std::string_view local = full.substr(0, full.rfind('@'));
        for (std::size_t i = 0; i < lines.size(); ++i) {
            auto name = trim(lines[i]);
            if (name.empty() || (!iequals(name, full) && !iequals(name, local))) continue;
            Evidence e;
            e.recipient = std::string(full);
            for (std::size_t j = i + 1; j < lines.size() && !trim(lines[j]).empty() &&
                                        indent_of(lines[j]) > indent_of(lines[i]); ++j) {
                if (!e.diagnostic.empty()) e.diagnostic += ' ';
                e.diagnostic += trim(lines[j]);
            }
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
            break;
        }
    }
    return found;
}

}  // namespace

std::vector<Evidence> decode_exim(const BounceView& view) {
    static const ParagraphLayout layout{
        {"The following address(es) failed:", "following address(es) failed",
         "to which the message has not yet been delivered",
         "could not be delivered to one or more of its recipients",
         "Message not delivered to the following address", "Delivery to the following recipient"},
        original_message_markers(),
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    // Exim names each address once: a reply wrapped so that the address starts a
    // line ("550 5.1.1 unknown or illegal alias:\n    user@example.org") continues
    // the paragraph above it.
    for (std::size_t i = 1; i < found.size();) {
        if (!iequals(found[i].recipient, found[i - 1].recipient)) {
            ++i;
            continue;
        }
        found[i - 1].diagnostic += " " + found[i].recipient;
        if (!found[i].diagnostic.empty()) found[i - 1].diagnostic += " " + found[i].diagnostic;
        found.erase(found.begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (found.empty()) {
        std::string_view prose = view.prose();
        std::size_t start = std::string_view::npos;
        for (auto marker : layout.starts) start = std::min(start, ifind(prose, marker));
        if (start != std::string_view::npos) found = listed_by_local_part(view, prose.substr(start));
    }
    bool delayed = icontains(view.subject, "warning: message") && icontains(view.subject, "delayed");
    for (auto& e : found) {
        e.smtp_command = command_in(e.diagnostic);
        if (delayed) e.action = "delayed";
        // "(generated from alias@b)": the address the list sent to (README).
        if (std::string alias = expanded_from(e.diagnostic, e.recipient); !alias.empty()) e.recipient = e.original_recipient = alias;
        bool has_code = !find_status_code(e.diagnostic).empty();
        int reply = find_reply_code(e.diagnostic);
        if (has_code || reply != 0) drop_retry_verdict(e.diagnostic);
        if (!has_code && reply == 0 && gave_up(e.diagnostic)) {
            // Exim stopped retrying: nothing the receiver said was permanent.
            e.status = "4.0.947";
            e.reason = Reason::expired;
            e.rule = "exim:gave-up";
        } else if (!has_code && (reply / 100 == 4 || reply / 100 == 5) && e.smtp_command == "MAIL") {
            // Refused at MAIL FROM with a bare reply: the refusal is about the
            // sender, not yet about this recipient; sisimai's code for it is the
            // "on hold" one, whatever the words then say.
            e.status = std::to_string(reply / 100) + ".0.901";
        }
    }
    return found;
}

}  // namespace classify::formats
