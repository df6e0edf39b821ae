// X-Failed-Recipients, which Exim and others add to their bounces: a list of
// addresses with no reasons. The reason is looked for next to each address in the
// bounce text.
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_failed_recipients_header(const BounceView& view) {
    std::vector<Evidence> found;
    auto header = view.message.headers.get("X-Failed-Recipients");
    if (trim(header).empty()) return found;
    std::string_view prose = view.prose();
    for (auto& address : find_addresses(header, view.limits.max_recipients)) {
        Evidence e;
        e.recipient = address.address;
        e.diagnostic = paragraph_about(prose, address.address);
        e.source = RecipientSource::failed_header;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
