// Out-of-office replies, told apart from bounces by the reply's own headers and
// Subject only (never the quoted original's). Sources of the wording:
//  - RFC 3834 section 5: Auto-Submitted: auto-replied.
//  - Precedence: auto_reply, X-Autoreply, X-Autorespond: set by vacation programs
//    (Exim's autoreply transport as configured by cPanel, qmail autorespond).
//  - Subjects: Outlook/Exchange prefix the reply's subject with "Automatic reply:"
//    in the sender's language (Automatische Antwort, Réponse automatique, ...);
//    Lotus Notes/Domino writes "AUTO: <name> is out of the office".
// X-Auto-Response-Suppress is not evidence: Outlook puts it on ordinary mail too.
#include "classify/rules/autoreply.h"

#include "classify/parse/address.h"
#include "classify/rules/challenge_response.h"
#include "classify/text.h"

namespace classify {
namespace {

// Subjects of out-of-office replies, lower-cased (ASCII only: the others as they
// are written), matched at the start or after a reply/forward prefix.
constexpr std::string_view kSubjects[] = {
    "out of office", "out of the office", "auto reply", "autoreply", "auto-reply", "automatic reply",
    "auto response", "autoresponse", "auto-response", "automatic response", "vacation", "away from",
    "on vacation", "on leave", "absence", "absent",
    "abwesenheit", "automatische antwort", "nicht im büro", "außer haus", "ausser haus",  // German
    "réponse automatique", "reponse automatique", "message d'absence",     // French
    "respuesta automática", "respuesta automatica", "fuera de la oficina", "ausente",  // Spanish
    "resposta automática", "resposta automatica", "fora do escritório", "ausência",     // Portuguese
    "risposta automatica", "fuori ufficio", "assente",                                  // Italian
    "automatisch antwoord", "afwezig", "niet aanwezig",                                 // Dutch
    "autosvar", "automatisk svar", "automatiskt svar",                                  // Nordic
    "automaattinen vastaus", "odpowiedź automatyczna", "automatická odpověď",           // fi, pl, cs
    "otomatik yanıt", "автоматический ответ", "Автоматический ответ",                   // tr, ru
    "自動返信", "自動応答", "不在", "休暇",                                             // Japanese
    "自动回复", "自動回覆", "自動回復", "休假",                                          // Chinese
    "자동 응답", "자동 회신", "부재중",                                                  // Korean
};

// Said anywhere in the subject, these are a mail program's wording, not a person's
// ("AUTO: Taro Yamada is out of the office (returning 2026-12-07)").
constexpr std::string_view kStrongAnywhere[] = {
    "is out of the office", "out of office reply", "out of office autoreply", "[auto-reply]", "(auto-reply)",
    "[autoreply]", "(autoreply)", "[auto reply]", "automatic reply:", "auto-reply:", "autoreply:",
};

// Reply and forward prefixes that may stand before the marker; "auto:" is Lotus
// Notes' own and counts as a marker by itself.
constexpr std::string_view kPrefixes[] = {"re:", "aw:", "sv:", "antw:", "r:", "rif:", "res:", "fw:", "fwd:", "wg:", "tr:"};

// A bounce's subject: whatever follows is the bounced message's, not a reply.
constexpr std::string_view kBounceSubjects[] = {
    "undeliverable", "undelivered", "returned mail", "delivery status notification", "mail delivery failed",
    "failure notice", "delivery failure", "non remis", "unzustellbar", "onbestelbaar", "no se puede entregar",
    "non recapitabile", "delivery has failed", "message not delivered",
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

std::string without_reply_prefixes(std::string s) {
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (auto prefix : kPrefixes)
            if (starts_with(s, prefix)) {
                s = std::string(trim(std::string_view(s).substr(prefix.size())));
                stripped = true;
            }
    }
    return s;
}

// "Automatic reply: ..." at the start is a mail program's own wording; "vacation"
// somewhere in the middle may be a person's subject.
SubjectHint autoreply_subject(std::string_view subject) {
    std::string s = lower(trim(subject));
    for (auto bounce : kBounceSubjects)
        if (starts_with(s, bounce)) return SubjectHint::none;
    if (starts_with(s, "auto:")) return SubjectHint::starts_with;
    for (auto marker : kStrongAnywhere)
        if (s.find(marker) != std::string::npos) return SubjectHint::starts_with;
    s = without_reply_prefixes(std::move(s));
    SubjectHint hint = SubjectHint::none;
    for (auto marker : kSubjects) {
        auto at = s.find(marker);
        if (at == 0) return SubjectHint::starts_with;
        if (at != std::string::npos) hint = SubjectHint::mentions;
    }
    return hint;
}

// A subject that merely mentions a holiday is weak: taken only when the message
// also says it was sent by a program.
bool machine_made(const Headers& h) {
    auto precedence = trim(h.get("Precedence"));
    return h.has("Auto-Submitted") || iequals(precedence, "bulk") || iequals(precedence, "junk");
}

}  // namespace

std::optional<Evidence> decode_autoreply(const BounceView& view) {
    const Headers& h = view.message.headers;
    // A delivery report is a bounce whatever its headers say.
    if (from_mail_system(view.from) || view.dsn) return std::nullopt;
    bool challenge = is_challenge_response(view.subject, view.prose());
    bool by_header = has_autoreply_header(h);
    SubjectHint hint = autoreply_subject(view.subject);
    if (!challenge && !by_header && hint == SubjectHint::none) return std::nullopt;
    if (!challenge && !by_header && hint == SubjectHint::mentions && !machine_made(h)) return std::nullopt;
    Evidence e;
    e.recipient = find_first_address(view.from);
    e.diagnostic = std::string(view.subject);
    e.reason = Reason::vacation;
    e.rule = challenge ? "autoreply:challenge-response" : by_header ? "autoreply:header" : "autoreply:subject";
    e.source = RecipientSource::mta_format;
    return e;
}

}  // namespace classify
