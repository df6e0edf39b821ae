// fml mailing list manager's refusals, sent from the list's "-admin" address with
// an X-MLServer header: the sentence names the list in angle brackets.
//
//   You are not a member of this mailing list <list@example.org>.
//
// fml's own sentences decide the reason: a post from a non-member or a refused
// sender is "rejected", a mail loop fml detected is a system error.
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

struct FmlVerdict {
    std::string_view words;
    Reason reason;
};

constexpr FmlVerdict kVerdicts[] = {
    {"You are not a member of this mailing list", Reason::rejected},
    {"NOT MEMBER article from", Reason::rejected},
    {"reject mail from", Reason::rejected},
    {"Spam mail from a spammer is rejected", Reason::rejected},
    {"Duplicated Message-ID", Reason::systemerror},
    {"has detected a loop condition", Reason::systemerror},
    {"Loop Back Warning", Reason::systemerror},
    {"Security alert:", Reason::securityerror},
};

}  // namespace

std::vector<Evidence> decode_fml(const BounceView& view) {
    std::vector<Evidence> found;
    const Headers& h = view.message.headers;
    if (view.dsn || !icontains(h.get("X-MLServer"), "fml") || !icontains(view.from, "-admin@")) return found;
    for (auto line : split_lines(text_before(view.text, {"Original mail as follows:"}))) {
        line = trim(line);
        if (line.size() < 3 || line.substr(line.size() - 2) != ">.") continue;
        auto open = line.rfind('<');
        if (open == std::string_view::npos) continue;
        std::string address = find_first_address(line.substr(open));
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = std::string(line);
        e.source = RecipientSource::mta_format;
        for (const auto& v : kVerdicts) {
            if (!icontains(line, v.words) && !icontains(view.subject, v.words)) continue;
            e.reason = v.reason;
            e.rule = "fml:verdict";
            break;
        }
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
