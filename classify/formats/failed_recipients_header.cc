// X-Failed-Recipients, which Exim and others add to their bounces: a list of
// addresses with no reasons. The reason is looked for next to each address in the
// bounce text.
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// A list that gives a local recipient by its local part alone ("  user" on its own
// line, as Exim lists a local delivery): the lines below it, up to a blank line.
std::string lines_below_local_part(std::string_view text, std::string_view address) {
    const std::string_view local = address.substr(0, address.find('@'));
    if (local.empty() || local.size() == address.size()) return {};
    std::string out;
    bool found = false;
    for (auto raw : split_lines(text)) {
        auto line = trim(raw);
        if (!found) {
            found = iequals(line, local);
            continue;
        }
        if (line.empty() || out.size() >= 2048) break;
        if (!out.empty()) out += ' ';
        out.append(line);
    }
    return out;
}

}  // namespace

std::vector<Evidence> decode_failed_recipients_header(const BounceView& view) {
    std::vector<Evidence> found;
    auto header = view.message.headers.get("X-Failed-Recipients");
    if (trim(header).empty()) return found;
    std::string_view prose = view.prose();
    for (auto& address : find_addresses(header, view.limits.max_recipients)) {
        Evidence e;
        e.recipient = address.address;
        e.diagnostic = paragraph_about(prose, address.address);
        if (e.diagnostic.empty()) e.diagnostic = lines_below_local_part(prose, address.address);
        e.source = RecipientSource::failed_header;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
