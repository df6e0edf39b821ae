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
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// "after RCPT TO:<...>" names the SMTP command the receiver refused.
std::string command_in(std::string_view diagnostic) {
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

}  // namespace

std::vector<Evidence> decode_exim(const BounceView& view) {
    static const ParagraphLayout layout{
        {"The following address(es) failed:", "following address(es) failed",
         "could not be delivered to one or more of its recipients",
         "Message not delivered to the following address", "Delivery to the following recipient"},
        original_message_markers(),
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    bool delayed = icontains(view.subject, "warning: message") && icontains(view.subject, "delayed");
    for (auto& e : found) {
        e.smtp_command = command_in(e.diagnostic);
        if (delayed) e.action = "delayed";
    }
    return found;
}

}  // namespace classify::formats
