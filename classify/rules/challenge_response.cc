// The wording of challenge-response filters' notices. Where it comes from:
//  - Boxbe's help pages: unknown senders' mail goes to the recipient's "Waiting
//    List"; senders are asked to join the "Guest List".
//  - Mailinblack's help pages: an "authentication request" (demande
//    d'authentification, a captcha) asks the sender to prove to be a person, not a
//    spam robot; the mail waits in quarantine until then.
//  - cPanel BoxTrapper's "verify" template: a reply asking the sender to confirm
//    that the sender is legitimate.
//  - SpamArrest and TMDA: "add you to my list of approved senders", "confirm your
//    message".
// Every phrase asks the sender to act for a message that is held, which a
// rejection never does ("not on the approved senders list" alone is a refusal
// and is not here).
#include "classify/rules/challenge_response.h"

#include <iterator>
#include <vector>

#include "classify/parse/marker_set.h"

namespace classify {
namespace {

constexpr std::string_view kPhrases[] = {
    "challenge-response", "challenge/response", "challenge response system",
    "confirm that you are a human", "confirm you are a human", "confirm you are human",
    "prove that you are a human", "prove you are a human", "prove you are human",
    "verify that you are a human", "verify you are a human", "verify you are human",
    "that you are a real person", "you are not a robot", "not a spam robot", "not a spammer robot",
    "waiting for approval", "waiting for your approval", "awaiting your confirmation", "pending your verification",
    "held pending verification", "until you verify", "until you confirm", "please confirm your message",
    "confirm that the sender is legitimate", "verify that you sent", "guest list", "waiting list",
    "added to my list of approved senders", "add you to my list of approved senders",
    "demande d'authentification", "authentifiez-vous", "pas un robot", "en attente de validation",
    "bestätigen sie, dass sie ein mensch sind", "kein roboter",
};

// Compiled once: every notice with recipients is searched for all of them.
const MarkerSet& phrases() {
    static const MarkerSet set(std::vector<std::string_view>(std::begin(kPhrases), std::end(kPhrases)));
    return set;
}

bool says_challenge(std::string_view text) { return phrases().find(text) != std::string_view::npos; }

}  // namespace

bool is_challenge_response(std::string_view subject, std::string_view prose) {
    return says_challenge(subject) || says_challenge(prose);
}

void mark_challenge_response(std::string_view subject, std::string_view prose, std::vector<Evidence>& found) {
    bool notice = is_challenge_response(subject, prose);
    for (auto& e : found) {
        if (!notice && !says_challenge(e.diagnostic)) continue;
        if (e.reason == Reason::feedback) continue;  // a complaint stays a complaint
        e.reason = Reason::vacation;
        e.rule = "autoreply:challenge-response";
        e.action.clear();  // the message is held, neither failed nor delayed
    }
}

}  // namespace classify
