// Google Groups' refusal of a post, sent by Gmail's mailer daemon with the group's
// address in X-Failed-Recipients and no reason beyond this text (in the poster's
// language; the URL is the same in every one):
//
//   We're writing to let you know that the group you tried to contact (group-name)
//   may not exist, or you may not have permission to post messages to the group.
//   A few more details on why you weren't able to post:
//
//    * You might have spelled or formatted the group name incorrectly.
//    * The owner of the group may have removed this group.
//    * You may need to join the group before receiving permission to post.
//    * This group may not be open to posting.
//
//   If you have questions related to this or any other Google Group,
//   visit the Help Center at https://groups.google.com/support/.
//
// The list refused the sender: reason "rejected".
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {

std::vector<Evidence> decode_google_groups(const BounceView& view) {
    std::vector<Evidence> found;
    auto failed = view.message.headers.get("X-Failed-Recipients");
    if (trim(failed).empty() || !icontains(view.text, "groups.google.com/support")) return found;
    std::string prose = squeeze_spaces(view.prose());
    if (prose.size() > 2048) prose.resize(2048);
    for (auto& address : find_addresses(failed, view.limits.max_recipients)) {
        Evidence e;
        e.recipient = address.address;
        e.action = "failed";
        e.diagnostic = prose;
        e.reason = Reason::rejected;
        e.rule = "google-groups";
        e.source = RecipientSource::failed_header;
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
