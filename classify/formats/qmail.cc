// qmail-send and its descendants (netqmail, s/qmail, notqmail), which send no DSN:
//
//   Hi. This is the qmail-send program at mx.example.net.
//   I'm afraid I wasn't able to deliver your message to the following addresses.
//   <user@example.org>:
//   192.0.2.1 does not like recipient.
//   Remote host said: 550 5.1.1 <user@example.org>... User unknown
//   --- Below this line is a copy of the message.
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_qmail(const BounceView& view) {
    static const ParagraphLayout layout{
        {"This is the qmail-send program", "I'm afraid I wasn't able to deliver your message",
         "We're sorry. There's a problem with the e-mail address", "This is the mail delivery agent at",
         "I'm not going to try again; this message has been in the queue too long",
         "Unable to deliver message to the following address"},
        original_message_markers(),
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    // qmail puts its own verdict on the line "(#5.1.1)"; the queue-time message
    // means the recipient expired rather than failed.
    if (icontains(view.text, "this message has been in the queue too long"))
        for (auto& e : found) e.diagnostic += " (message has been in the queue too long: gave up)";
    return found;
}

}  // namespace classify::formats
