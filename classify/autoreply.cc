#include "classify/autoreply.h"

#include "classify/address.h"
#include "classify/text.h"

namespace classify {
namespace {

// Subjects of out-of-office replies, lower-cased, matched at the start or after a
// "Re:" / "Auto:" prefix.
constexpr std::string_view kSubjects[] = {
    "out of office", "out of the office", "auto reply", "autoreply", "auto-reply", "automatic reply",
    "auto response", "autoresponse", "auto-response", "automatic response", "vacation", "away from",
    "on vacation", "on leave", "abwesenheit", "absence", "absent", "réponse automatique",
    "respuesta automática", "risposta automatica", "自動返信", "自動応答", "不在", "休暇",
};

bool auto_submitted_reply(const Headers& h) {
    auto value = lower(trim(h.get("Auto-Submitted")));
    return starts_with(value, "auto-replied");
}

bool has_autoreply_header(const Headers& h) {
    if (h.has("X-Autoreply") || h.has("X-Autorespond") || h.has("X-AutoReply-From") || h.has("X-Mail-Autoreply"))
        return true;
    auto precedence = lower(trim(h.get("Precedence")));
    if (precedence == "auto_reply") return true;
    return auto_submitted_reply(h) && !h.has("X-Failed-Recipients");
}

// Mail systems answer from these mailboxes: their "auto-replied" notices are
// bounces or system mail, never a person's out-of-office reply.
// "From: mailer-daemon" without a domain counts too; case does not matter.
bool from_mail_system(std::string_view from) {
    std::string address = lower(find_first_address(from));
    for (std::string_view local : {"postmaster@", "mailer-daemon@", "root@"})
        if (starts_with(address, local)) return true;
    if (!address.empty()) return false;
    std::string bare = lower(trim(from));
    return bare.find("mailer-daemon") != std::string::npos || bare.find("postmaster") != std::string::npos;
}

enum class SubjectHint { none, mentions, starts_with };

// "Automatic reply: ..." at the start is a mail program's own wording; "vacation"
// somewhere in the middle may be a person's subject.
SubjectHint autoreply_subject(std::string_view subject) {
    std::string s = lower(trim(subject));
    if (starts_with(s, "re:") || starts_with(s, "aw:")) s = std::string(trim(std::string_view(s).substr(3)));
    SubjectHint hint = SubjectHint::none;
    for (auto marker : kSubjects) {
        auto at = s.find(marker);
        if (at == 0) return SubjectHint::starts_with;
        if (at != std::string::npos) hint = SubjectHint::mentions;
    }
    return hint;
}

}  // namespace

std::optional<Evidence> decode_autoreply(const BounceView& view) {
    const Headers& h = view.message.headers;
    // A delivery report is a bounce whatever its headers say.
    if (from_mail_system(view.from) || view.dsn) return std::nullopt;
    bool by_header = has_autoreply_header(h);
    SubjectHint hint = autoreply_subject(view.subject);
    if (!by_header && hint == SubjectHint::none) return std::nullopt;
    // A subject that merely mentions a holiday is weak: take it only when the
    // message also looks machine-made.
    if (!by_header && hint == SubjectHint::mentions && !(h.has("Auto-Submitted") || iequals(trim(h.get("Precedence")), "bulk") ||
                        iequals(trim(h.get("Precedence")), "junk") || h.has("X-Auto-Response-Suppress")))
        return std::nullopt;
    Evidence e;
    e.recipient = find_first_address(view.from);
    e.diagnostic = std::string(view.subject);
    e.reason = Reason::vacation;
    e.rule = by_header ? "autoreply:header" : "autoreply:subject";
    e.source = RecipientSource::mta_format;
    return e;
}

}  // namespace classify
