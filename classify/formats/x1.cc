// A Japanese mail appliance's bounce (sisimai calls it "X1"): each failed
// address with the reason in square brackets.
//
//   ---The following addresses had delivery errors---
//
//   user@example.org [User unknown]
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"

namespace classify::formats {

std::vector<Evidence> decode_x1(const BounceView& view) {
    static const ParagraphLayout layout{
        {"---The following addresses had delivery errors---"},
        original_message_markers(),
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    for (auto& e : found)
        if (e.diagnostic.size() >= 2 && e.diagnostic.front() == '[' && e.diagnostic.back() == ']')
            e.diagnostic = e.diagnostic.substr(1, e.diagnostic.size() - 2);
    return found;
}

}  // namespace classify::formats
