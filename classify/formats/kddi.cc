// au one net (KDDI's fixed-line ISP: dion.ne.jp, auone-net.jp), whose bounces come
// from "no-reply@...dion.ne.jp" with a Japanese notice and this English block:
//
//   Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
//        Could not be delivered to: <user@example.dion.ne.jp>
//        As their mailbox is full.
//
// ("Your mail attempted to be delivered on: ..." in older ones). The indented
// sentence under the address is the reason: "As their mailbox is full.", "As the
// remote domain doesnt exist.", "Due to the following SMTP relay error".
#include <string>

#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

constexpr std::string_view kIntros[] = {"Your mail sent on", "Your mail attempted to be delivered on"};
constexpr std::string_view kRecipientLead = "Could not be delivered to:";

bool is_intro(std::string_view line) {
    for (auto intro : kIntros)
        if (istarts_with(trim(line), intro)) return true;
    return false;
}

}  // namespace

std::vector<Evidence> decode_kddi(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn) return found;
    bool in_block = false;
    for (auto line : split_lines(view.text)) {
        if (is_intro(line)) {
            in_block = true;
            continue;
        }
        if (!in_block) continue;
        auto trimmed = trim(line);
        if (trimmed.empty()) {
            if (!found.empty()) in_block = false;  // the block ends at a blank line
            continue;
        }
        if (istarts_with(trimmed, kRecipientLead)) {
            std::string address = find_first_address(trimmed.substr(kRecipientLead.size()));
            if (address.empty() || found.size() >= view.limits.max_recipients) continue;
            Evidence e;
            e.recipient = address;
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
        } else if (!found.empty() && found.back().diagnostic.size() < 4096) {
            auto& diagnostic = found.back().diagnostic;
            if (!diagnostic.empty()) diagnostic += ' ';
            diagnostic.append(trimmed);
        }
    }
    if (iequals(trim(view.message.headers.get("X-SPASIGN")), "NG"))
        for (auto& e : found) {
            e.reason = Reason::filtered;  // the subscriber's reception filter refused it
            e.rule = "kddi:x-spasign";
        }
    return found;
}

}  // namespace classify::formats
