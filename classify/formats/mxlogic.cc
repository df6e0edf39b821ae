// MXLogic (McAfee SaaS Email Protection), an Exim derivative whose text repeats the
// address on its own line under the reply and ends before its own header marker:
//
//   A message that you have sent could not be delivered to one or more
//   recipients.  This is a permanent error.  The following address failed:
//
//     <user@example.co.jp>: 550 unknown user
//   <user@example.co.jp>
//
//   Included is a copy of the message header:
//   -----------------------------------------
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_mxlogic(const BounceView& view) {
    static const ParagraphLayout layout{
        {"The following address failed:"},
        {"Included is a copy of the message header"},
        RecipientSource::mta_format,
        true,
    };
    std::vector<Evidence> found;
    if (view.dsn || !icontains(view.text, "Included is a copy of the message header")) return found;
    for (auto& e : scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients)) {
        // The bare repeat of the address adds nothing to the line above it.
        if (!found.empty() && found.back().recipient == e.recipient) {
            if (found.back().diagnostic.empty()) found.back().diagnostic = e.diagnostic;
            continue;
        }
        e.action = "failed";
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
