// The generic path: a bounce that no decoder claims, from an MTA with no layout of
// its own here. When the message looks like a bounce (from a mailer daemon, or a
// subject that says delivery failed), its own text (never the returned copy) is
// read in the layouts many MTAs share (parse/notice_recipients.h), first that finds:
//   1. a heading that announces the failed recipients, and the list under it;
//   2. transcript error lines ("550 <user@example.org>... User unknown"), or else a
//      quoted SMTP session (">>> RCPT To:<user@example.org>", "<<< 550 ...");
//   3. recipient or failure labels ("Failed recipient: user@example.org");
// then, failing those, the addresses that start lines in the prose before the
// original message, the addresses the prose mentions next to an SMTP verdict, or the
// VERP return path when the prose carries a verdict, or, last, the one To of the
// returned copy when the bounce's own parts name no one (addressee_of_returned_copy).
// Except the VERP, these are guesses (RecipientSource::body_text, returned_to), and the
// store's trust levels treat them so.
#include <algorithm>

#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/notice_recipients.h"
#include "classify/parse/original_message.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/parse/remote_reply.h"
#include "classify/rules/delay_warning.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"
#include "classify/rules/verp.h"

namespace classify::formats {
namespace {

constexpr std::string_view kBounceSenders[] = {"mailer-daemon", "postmaster", "mail delivery", "mdaemon", "mailerdaemon"};
constexpr std::string_view kBounceSubjects[] = {
    "undeliver", "undelivered", "delivery fail", "delivery status", "failure notice", "returned mail",
    "not delivered", "delivery problem", "mail delivery", "could not be delivered", "rejected", "nondeliverable",
    "non-deliverable", "non-delivery", "non delivery", "nicht zugestellt", "non remis", "unzustellbar", "error",
    "failed", "bounce", "配信", "エラー", "不達",
    // X.400 gateways' "Nondelivery notification", Sun/PMDF's "Delivery Notification:",
    // and the delay notices of the systems with no report part ("Delivery delay
    // notification", CommuniGate Pro; "Delayed Mail", "DELIVERY DELAY", Domino).
    "nondelivery", "delivery notification", "delivery report", "delayed mail", "delivery delay",
    // Exchange and Microsoft 365 write "Undeliverable:" in the sender's language.
    "no se puede entregar", "não é possível entregar", "non recapitabile", "onbestelbaar", "无法投递",
    "無法傳遞", "배달되지 않음", "配信不能",
};

// "post_master@", "Mailer_Daemon@": the daemon's names with their separators dropped.
bool is_daemon_mailbox(std::string_view from) {
    std::string address = find_first_address(from);
    std::string local;
    for (char c : address.substr(0, address.find('@')))
        if (c != '_' && c != '-' && c != '.') local += c;
    return local == "postmaster" || local == "mailerdaemon";
}

bool states_failure(std::string_view sentence);

// A notice under a plain subject from a no-reply address ("Subject: Mail") is a
// bounce when it returns the message and says in its own words that delivery failed.
bool returns_a_failed_message(const BounceView& view) {
    bool returned = !view.returned.empty();
    for (const auto& part : view.message.parts)
        returned = returned || part.type == "message/rfc822-headers" || part.type == "text/rfc822-headers";
    return returned && states_failure(view.text.substr(0, 4096));
}

bool looks_like_bounce(const BounceView& view) {
    if (is_daemon_mailbox(view.from)) return true;
    for (auto s : kBounceSenders)
        if (icontains(view.from, s)) return true;
    for (auto s : kBounceSubjects)
        if (icontains(view.subject, s)) return true;
    return returns_a_failed_message(view);
}

// Who the bounce is from and to, and who sent the message it returns (its copy's
// From): none of them is a recipient that prose names. The sender's address stands
// in many notices ("from news@list.example", "Original sender: ..."), and a
// receiver's quoted "550 <news@list.example>... Access denied" is about the sender.
struct Parties {
    std::string from, to, sender;
    std::vector<std::string> own_domains;  // the reporting side's: of From, To and Message-ID

    explicit Parties(const BounceView& view)
        : from(find_first_address(view.from)),
          to(find_first_address(view.message.headers.get("To"))),
          sender(find_first_address(original_headers(view.message, view.returned).get("From"))) {
        for (const auto& a : {from, to, find_first_address(view.message.headers.get("Message-ID"))})
            if (auto at = a.rfind('@'); at != std::string::npos) own_domains.push_back(organisation(a.substr(at + 1)));
    }

    // The organisation a domain belongs to, roughly: its last two labels, or three
    // when the second last is short (co.jp, ne.jp, com.au: a registry's own level,
    // which would join unrelated domains).
    static std::string organisation(std::string_view domain) {
        auto last = domain.rfind('.');
        if (last == std::string_view::npos || last == 0) return std::string(domain);
        auto second = domain.rfind('.', last - 1);
        if (second == std::string_view::npos) return std::string(domain);
        if (last - second - 1 <= 3 && second > 0) {
            auto third = domain.rfind('.', second - 1);
            return std::string(domain.substr(third == std::string_view::npos ? 0 : third + 1));
        }
        return std::string(domain.substr(second + 1));
    }

    bool has(std::string_view address) const {
        if (address == from || address == to || (!sender.empty() && address == sender) ||
            starts_with(address, "mailer-daemon@"))
            return true;
        // The reporting side's postmaster is whom to ask; another domain's postmaster
        // may be the recipient ("There was an error delivering your mail to
        // <postmaster@example.org>").
        if (!starts_with(address, "postmaster@")) return false;
        const std::string domain = organisation(address.substr(address.find('@') + 1));
        for (const auto& own : own_domains)
            if (own == domain) return true;
        return own_domains.empty();
    }
};

// "please contact postmaster@example.net", "For assistance, write to help@example.net":
// an address offered for questions, not one that failed.
bool is_contact_mention(std::string_view text, std::size_t at) {
    auto begin = text.rfind('\n', at);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    auto end = text.find('\n', at);
    std::string_view line = text.substr(begin, (end == std::string_view::npos ? text.size() : end) - begin);
    for (std::string_view said : {"contact", "assistance", "questions", "send mail to", "write to"})
        if (icontains(line, said)) return true;
    return false;
}

// An address given as a sender in a quoted session or header ("MAIL FROM:<a@b>",
// "From: a@b", "Sender: a@b"), or a message's identifier ("Message-ID: <x@host>"):
// the word before it, within its line or the one above (a transcript wraps
// "MAIL\n FROM:<a@b>"), says so.
bool is_senders_field(std::string_view text, std::size_t begin) {
    std::size_t from = begin > 24 ? begin - 24 : 0;
    std::string_view before = text.substr(from, begin - from);
    while (!before.empty() && (before.back() == '<' || is_trimmed_space(before.back()))) before.remove_suffix(1);
    for (std::string_view label : {"from:", "sender:", "from=", "message-id:", "in-reply-to:", "references:"})
        if (before.size() >= label.size() && iequals(before.substr(before.size() - label.size()), label)) return true;
    return false;
}

// A line of the notice that quotes the returned message's Subject: hMailServer's
// "   Subject: ...", MDaemon's transcript "*  Subject: ...", Exim's "The subject of
// the message is: ...", Domino's "Subject: ...". The Subject is the sender's own
// words ("release 2.3.0", "Virus alert"), part of the returned copy even where the
// notice repeats it (issue 12 item 1), so no verdict is read from that line.
bool quotes_the_subject(std::string_view line) {
    return icontains(line, "subject:") || icontains(line, "subject of the message");
}

// The paragraph (blank-line delimited) around position `at`, without the lines
// that quote the returned message's Subject.
std::string without_subject_lines(std::string_view text) {
    if (!icontains(text, "subject")) return std::string(text);
    std::string kept;
    for (auto line : split_lines(text)) {
        if (quotes_the_subject(line)) continue;
        if (!kept.empty()) kept += '\n';
        kept += line;
    }
    return kept;
}

std::string paragraph_around(std::string_view text, std::size_t at) {
    auto begin = text.rfind("\n\n", at);
    begin = begin == std::string_view::npos ? 0 : begin + 2;
    auto end = text.find("\n\n", at);
    return without_subject_lines(trim(text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin)));
}

// A mention of an address in prose, or a return path alone, is the weakest guess
// there is: believed only next to a receiver's verdict, an SMTP reply or an enhanced
// status code. Prose without one is a notice, not a delivery report. A reply or
// code of success ("250 OK", "2.0.0") is nothing a failure notice reports about its
// recipient, and a lone "2.3.0" in a notice's own text is a version number (a virus
// scanner's stamp: "ClamAV 0.103.8, signatures 2.3.0"), so only the failure codes
// count: a 4xx or 5xx reply, a 4.x.x or 5.x.x status.
bool carries_verdict(std::string_view text) {
    constexpr int kMaxCodes = 16;  // bounds the work on a text full of numbers
    std::string_view rest = text;
    for (int i = 0; i < kMaxCodes && !rest.empty(); ++i) {
        const std::string status = find_status_code(rest);
        if (status.empty()) break;
        if (status[0] == '4' || status[0] == '5') return true;
        rest = rest.substr(rest.find(status) + status.size());
    }
    rest = text;
    for (int i = 0; i < kMaxCodes && !rest.empty(); ++i) {
        const int reply = find_reply_code(rest);
        if (reply == 0) break;
        if (reply >= 400) return true;
        const auto at = rest.find(std::to_string(reply));
        if (at == std::string_view::npos) break;
        rest = rest.substr(at + 3);
    }
    return false;
}

// The reply stands near its address: a window bounds the work per address.
constexpr std::size_t kReplyWindow = 4096;

// A notice in another language names the address in its own sentence and quotes
// the receiver's reply under a label (remote_reply.h) below it: that reply, or
// `otherwise` when there is none.
std::string reply_below(std::string_view prose, std::size_t at, std::string otherwise) {
    if (at == std::string_view::npos) return otherwise;
    RemoteReply reply = find_remote_reply(prose.substr(0, at + kReplyWindow), at);
    return reply.text.empty() ? otherwise : reply.text;
}

std::string_view paragraph_around_view(std::string_view text, std::size_t at);

// A recipient's lines that end in a label ("The reason of the delivery failure
// was:", XMail; "because:", Domino) introduce the reason, which the notice puts in
// the paragraph below: the MTA's own words, with no reply code for reply_below to
// find. That paragraph, when it names no address (another recipient's or the
// copy's), is the diagnostic; otherwise `diagnostic` as it was.
std::string words_below_label(std::string_view prose, const std::string& diagnostic) {
    const auto lines = split_lines(trim(diagnostic));
    if (lines.empty() || !ends_with_label_colon(lines.back())) return diagnostic;
    const std::size_t label_at = ifind(prose, trim(lines.back()));
    if (label_at == std::string_view::npos) return diagnostic;
    std::size_t from = prose.find('\n', label_at);
    while (from != std::string_view::npos && from < prose.size() && (prose[from] == '\n' || prose[from] == ' '))
        ++from;
    if (from == std::string_view::npos || from >= prose.size()) return diagnostic;
    std::string_view below = paragraph_around_view(prose, from);
    if (below.empty() || below.find('@') != std::string_view::npos) return diagnostic;
    return std::string(below.substr(0, 2048));
}

// Whether a reply says anything beyond its codes: "550 5.7.1" alone is a summary
// (Exchange Online's "Status code: 550 5.7.1" above the reported error), "550
// 5.7.1 Email quota exceeded" is the receiver's words.
bool has_words_beyond_codes(std::string_view reply) {
    for (unsigned char c : reply)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) return true;
    return false;
}

// The first reply in `text` (remote_reply.h) that carries words, or "": a notice
// may put a summary of bare codes above the receiver's own reply.
std::string worded_reply(std::string_view text) {
    std::size_t from = 0;
    for (int tries = 0; tries < 16 && from < text.size(); ++tries) {
        RemoteReply reply = find_remote_reply(text, from);
        if (reply.text.empty() || reply.end <= from) break;
        if (has_words_beyond_codes(reply.text)) return reply.text;
        from = reply.end;
    }
    return {};
}

std::string_view paragraph_around_view(std::string_view text, std::size_t at) {
    if (at >= text.size()) return {};
    auto begin = text.rfind("\n\n", at);
    begin = begin == std::string_view::npos ? 0 : begin + 2;
    auto end = text.find("\n\n", at);
    return trim(text.substr(begin, (end == std::string_view::npos ? text.size() : end) - begin));
}

// Words that say a delivery failed, in the sentence that names the address.
bool states_failure(std::string_view sentence) {
    for (std::string_view said : {"error delivering", "could not be delivered", "couldn't be delivered",
                                  "was not delivered", "wasn't delivered", "not be delivered", "delivery failed",
                                  "failed to deliver", "unable to deliver", "undeliverable", "could not deliver",
                                  "has failed", "was rejected", "were rejected", "could not be reached",
                                  "fatal delivery error", "permanent fatal error", "not been delivered",
                                  "was blocked", "were blocked"})
        if (icontains(sentence, said)) return true;
    // The same plain words in the languages whose receivers and localised MTAs write
    // their own notices (Exchange's translated NDRs among them): German, French,
    // Spanish, Italian, Portuguese, Dutch, Polish, Russian, Japanese, Chinese.
    for (std::string_view said : {"nicht zugestellt werden", "konnte nicht zugestellt", "n'a pas pu être remis",
                                  "n'a pas pu etre remis", "n'a pas pu être distribué", "impossible de remettre",
                                  "no se pudo entregar", "no pudo ser entregado", "no se ha podido entregar",
                                  "non è stato possibile consegnare", "non e' stato possibile consegnare",
                                  "impossibile consegnare", "não foi possível entregar", "nao foi possivel entregar",
                                  "não pôde ser entregue", "kon niet worden afgeleverd", "niet worden bezorgd",
                                  "nie została dostarczona", "nie mogła zostać dostarczona", "nie dostarczono",
                                  "не может быть доставлено", "не удалось доставить", "не было доставлено",
                                  "配信できませんでした", "届けられませんでした", "无法投递", "投递失败", "无法送达"})
        if (icontains(sentence, said)) return true;
    return false;
}

// "Your message to <user@example.org> could not be delivered." in one paragraph
// and "The server replied: 550 5.1.1 User unknown" in the next: when the prose
// names exactly one address that is not the bounce's own parties, and a paragraph
// of it carries a reply, that address is the recipient and that paragraph its
// diagnostic. Two or more addresses: no telling which the reply is about.
std::vector<Evidence> named_beside_a_reply(const Parties& parties, std::string_view prose) {
    std::string named;
    for (const auto& address : find_addresses(prose, 16)) {
        if (parties.has(address.address) || address.address == named || is_senders_field(prose, address.begin))
            continue;
        if (!named.empty()) return {};
        named = address.address;
    }
    if (named.empty()) return {};
    std::size_t named_at = ifind(prose, named);
    if (is_contact_mention(prose, named_at)) return {};
    Evidence e;
    e.recipient = named;
    e.source = RecipientSource::body_text;
    for (std::size_t start = 0; start < prose.size();) {
        auto end = prose.find("\n\n", start);
        if (end == std::string_view::npos) end = prose.size();
        std::string_view raw = trim(prose.substr(start, end - start));
        std::string paragraph = raw.empty() || !carries_verdict(raw) ? std::string() : paragraph_around(prose, start);
        start = end + 2;
        if (paragraph.empty() || !carries_verdict(paragraph)) continue;
        e.diagnostic = paragraph.substr(0, 2048);
        return {std::move(e)};
    }
    // No code anywhere, but the sentence naming the address states the failure
    // ("There was an error delivering your mail to <a@b>."): the paragraph after it
    // says why, in words only ("DNS lookup failure: host example.org not found").
    std::string_view sentence = paragraph_around_view(prose, named_at);
    if (!states_failure(sentence)) {
        // The notice states the failure (or the delay) in its opening words and
        // names one address only in the delivery transcript it quotes, with the
        // lines that say why (MDaemon's "PERMANENT fatal delivery errors" above
        // "--- Session Transcript ---", its "*  To: a@b" and the DNS error): that
        // paragraph, without the quoted Subject, is the diagnostic. A label alone beside the address
        // ("target mail address: a@b") is no transcript and stays a notice.
        const std::string opening = squeeze_spaces(prose.substr(0, std::min<std::size_t>(named_at, 1024)));
        if (!states_failure(opening) && !says_still_trying({}, opening)) return {};
        std::string around = paragraph_around(prose, named_at);
        if (trim(around).empty() || !icontains(around, "transcript")) return {};
        e.diagnostic = around.substr(0, 2048);
        return {std::move(e)};
    }
    // The paragraphs after it, past one that only quotes the message's Subject
    // (Barracuda's "... has NOT BEEN DELIVERED:" / "Subject: ..." / "Reason: ...").
    std::string why;
    for (auto next = prose.find("\n\n", named_at); why.empty() && next != std::string_view::npos;
         next = prose.find("\n\n", next + 2)) {
        const std::string_view paragraph = paragraph_around_view(prose, next + 2);
        if (paragraph.empty()) break;
        why = without_subject_lines(paragraph);
    }
    if (trim(why).empty() || why.find('@') != std::string::npos) return {};
    e.diagnostic = why.substr(0, 2048);
    return {std::move(e)};
}

// The recipients a shared layout names in the bounce's own text, without the
// bounce's own parties. A postmaster or the returned message's sender listed under
// a heading or in a transcript error line is a recipient (mail to postmaster@
// bounces too, and so does mail sent to oneself), unless it is the bounce's sender.
std::vector<Evidence> shared_layout(const BounceView& view, const Parties& parties) {
    const std::size_t max = view.limits.max_recipients;
    std::vector<Evidence> found;
    auto keep = [&](std::vector<Evidence> candidates, bool listed) {
        for (auto& e : candidates) {
            bool party = listed ? e.recipient == parties.from || starts_with(e.recipient, "mailer-daemon@")
                                : parties.has(e.recipient);
            if (!party) found.push_back(std::move(e));
        }
    };
    // One recipient whose own lines carry no code: the notice's one paragraph with a
    // reply or status code is about it, wherever it stands (a label alone,
    // "Recipient: a@b"; a reason stated above the list, "The remote server answered:
    // 550 ... / That error concerns the following recipients:"). The receiver's reply
    // with its words comes before a paragraph of bare codes. The lines quoting the
    // message's Subject are the sender's words, no verdict.
    auto add_notice_verdict = [&](std::string& diagnostic) {
        const std::string own = without_subject_lines(view.text.substr(0, kReplyWindow * 4));
        const std::string_view text = own;
        if (std::string reply = worded_reply(text); !reply.empty()) {
            if (!diagnostic.empty()) diagnostic += ' ';
            diagnostic += reply;
        }
        for (std::size_t start = 0; start < text.size() && !carries_verdict(diagnostic);) {
            auto end = text.find("\n\n", start);
            if (end == std::string_view::npos) end = text.size();
            std::string_view paragraph = trim(text.substr(start, end - start));
            start = end + 2;
            if (paragraph.empty() || !carries_verdict(paragraph)) continue;
            if (!diagnostic.empty()) diagnostic += ' ';
            diagnostic += squeeze_spaces(paragraph.substr(0, 2048));
            break;
        }
    };
    keep(recipients_under_heading(view.text, max), true);
    if (found.size() == 1 && !carries_verdict(found[0].diagnostic)) add_notice_verdict(found[0].diagnostic);
    if (found.empty()) keep(transcript_error_lines(view.text, max), true);
    if (found.empty()) keep(session_recipients(view.text, max), false);
    if (!found.empty()) return found;
    auto labelled = labelled_recipients(view.text, max);
    if (labelled.size() == 1 && !carries_verdict(labelled[0].evidence.diagnostic))
        add_notice_verdict(labelled[0].evidence.diagnostic);
    // A role label with no verdict anywhere is a notice, not a delivery report
    // ("target address: a@b" under "see the portal").
    // A role label followed by its own "Reason:" line ("Recipient: [SMTP:a@b]" then
    // "Reason: Domain example.org could not be resolved", MailEnable; SmarterMail's
    // "Failed Recipient:" / "Reason:") in a notice that states the failure ("could
    // not be delivered to some recipients") is a failed recipient without a code.
    // A delay warning in the same layout reports its recipients the same way.
    const std::string opening = squeeze_spaces(view.text.substr(0, 2048));
    const bool notice_states_failure = states_failure(opening) || says_still_trying(view.subject, opening);
    std::vector<Evidence> candidates;
    for (auto& l : labelled)
        if (l.failure_label || carries_verdict(l.evidence.diagnostic) ||
            (notice_states_failure && icontains(l.evidence.diagnostic, "reason:")))
            candidates.push_back(std::move(l.evidence));
    keep(std::move(candidates), false);
    return found;
}

// A failure the notice states as a code: a 4xx or 5xx reply, or a 4.x.x or 5.x.x
// status. "250 OK" or "2.0.0" is a success, and a notice of one is no failure.
bool states_failure_code(std::string_view text) {
    const std::string status = find_status_code(text);
    const int reply = find_reply_code(text);
    return (!status.empty() && (status[0] == '4' || status[0] == '5')) || (reply >= 400 && reply <= 599);
}

std::string_view domain_of(std::string_view address) {
    const auto at = address.rfind('@');
    return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

// Whether the bounce's own parts name anyone at all who may have been the recipient:
// a recipient group in its DSN, an X-Failed-Recipients field, or an address in its
// own text that is none of its parties, no sender's field and no contact.
bool own_parts_name_someone(const BounceView& view, const Parties& parties) {
    if (view.dsn && !view.dsn->recipients.empty()) return true;
    if (view.message.headers.has("X-Failed-Recipients")) return true;
    constexpr std::size_t kMaxOwnAddresses = 64;
    const auto addresses = find_addresses(view.text, kMaxOwnAddresses);
    if (addresses.size() >= kMaxOwnAddresses) return true;
    for (const auto& a : addresses)
        if (!parties.has(a.address) && !is_daemon_mailbox(a.address) && !is_senders_field(view.text, a.begin) &&
            !is_contact_mention(view.text, a.begin))
            return true;
    return false;
}

// The list's own address, which a newsletter sent to its subscribers in Bcc puts in
// To: the returned copy's Reply-To, Sender, Return-Path or List-Post, its List-Id
// (RFC 2919: "<weekly.list.example>" is weekly@list.example), or any address of the
// domain that sent it (its From's, the bounce's To's: the return path).
bool is_lists_own(const Headers& copy, const Parties& parties, std::string_view address) {
    for (std::string_view field : {"Reply-To", "Sender", "Return-Path", "List-Post"})
        for (const auto& a : find_addresses(copy.get(field), 4))
            if (a.address == address) return true;
    std::string as_list_id(address);
    std::replace(as_list_id.begin(), as_list_id.end(), '@', '.');
    if (icontains(copy.get("List-Id"), "<" + as_list_id + ">")) return true;
    const std::string_view domain = domain_of(address);
    return domain == domain_of(parties.sender) || domain == domain_of(parties.to);
}

// A recipient found by a last resort, not named in the bounce's own report: the
// notice's prose (or its whole text when it has none, at most 2 KiB, without the
// lines quoting the original's Subject) is all there is to say why.
Evidence guessed_recipient(const BounceView& view, const std::string& address, RecipientSource source) {
    Evidence e;
    e.recipient = address;
    std::string_view prose = view.prose();
    e.diagnostic = without_subject_lines(trim((trim(prose).empty() ? view.text : prose).substr(0, 2048)));
    e.source = source;
    return e;
}

// The last resort, after everything else found nothing: a bounce that states a
// failure in its own parts (a 4xx/5xx reply or status, or the failure words of
// states_failure) and names no one there ("Message could not be delivered.", a
// transcript that names only a host, a DSN with no recipient group), returning a
// copy addressed To one person. The returned copy may give its To (README, "the
// boundary"); that address is the recipient when it is the copy's only addressee
// (one To address, no Cc or Bcc: with more, no telling which one failed) and none of
// the bounce's parties, a daemon, the copy's sender or the list's own address. Only
// the header that opens the copy is read, never its body. A guess, said so by its
// source (RecipientSource::returned_to); no recipient is better than a wrong one.
std::vector<Evidence> addressee_of_returned_copy(const BounceView& view, const Parties& parties) {
    if (own_parts_name_someone(view, parties)) return {};
    if (!states_failure_code(view.text) && !states_failure(squeeze_spaces(view.text.substr(0, 4096)))) return {};
    const Headers copy = opening_original_headers(view.message, view.returned);
    constexpr std::size_t kMaxFields = 4;
    for (std::string_view others : {"Cc", "Bcc"})
        for (auto value : copy.get_all(others, kMaxFields))
            if (!find_addresses(value, 1).empty()) return {};
    // RFC 5322 allows one To field; more than a few is no copy of a real message.
    const auto to_fields = copy.get_all("To", kMaxFields);
    if (to_fields.size() >= kMaxFields) return {};
    std::vector<std::string> to;
    for (auto value : to_fields)
        for (auto& a : find_addresses(value, 4))
            if (std::find(to.begin(), to.end(), a.address) == to.end()) to.push_back(std::move(a.address));
    if (to.size() != 1) return {};
    const std::string& address = to[0];
    if (parties.has(address) || is_daemon_mailbox(address) || is_lists_own(copy, parties, address)) return {};
    return {guessed_recipient(view, address, RecipientSource::returned_to)};
}

// Whether `word` stands in `text` as a word of its own: not inside a longer name,
// an address or a host ("hanako" in "to hanako (user not found)", not in
// "hanako@example.org" or "hanako.example").
bool names_as_word(std::string_view text, std::string_view word) {
    auto part_of_name = [](char c) {
        return (c >= '0' && c <= '9') || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'z') || c == '.' || c == '_' || c == '-' ||
               c == '+' || c == '@' || c == '=';
    };
    for (std::size_t at = ifind(text, word); at != std::string_view::npos;) {
        const bool before = at > 0 && part_of_name(text[at - 1]);
        const std::size_t end = at + word.size();
        const bool after = end < text.size() && part_of_name(text[end]) &&
                           !(text[end] == '.' && (end + 1 == text.size() || !part_of_name(text[end + 1])));
        if (!before && !after) return true;
        const auto next = ifind(text.substr(end), word);
        at = next == std::string_view::npos ? next : end + next;
    }
    return false;
}

// A notice that names its failed recipient by the local part alone, as mail systems
// name their own users (GroupWise's "hanako (user not found)", Domino's "User hanako
// not listed", AOL's screen name under "could not be delivered"), and no address.
// The returned copy may give its To (README, "the boundary"): the one address among
// the To and Cc of the header that opens it whose local part the notice names as a
// word is the recipient. None, or two, and no one is named. A guess, said so by its
// source (RecipientSource::returned_to), like addressee_of_returned_copy below.
std::vector<Evidence> local_part_of_returned_copy(const BounceView& view, const Parties& parties) {
    if (own_parts_name_someone(view, parties)) return {};
    if (!states_failure_code(view.text) && !states_failure(squeeze_spaces(view.text.substr(0, 4096)))) return {};
    const Headers copy = opening_original_headers(view.message, view.returned);
    constexpr std::size_t kMaxFields = 4;
    constexpr std::size_t kMaxAddresses = 8;
    const std::string_view own = view.text.substr(0, kReplyWindow * 4);
    std::string named;
    for (std::string_view field : {"To", "Cc"}) {
        for (auto value : copy.get_all(field, kMaxFields)) {
            for (auto& a : find_addresses(value, kMaxAddresses)) {
                const std::string_view local = std::string_view(a.address).substr(0, a.address.find('@'));
                // Two letters name nothing; "info" or "news" may be words of the prose.
                if (local.size() < 3 || a.address == named || !names_as_word(own, local)) continue;
                if (parties.has(a.address) || is_daemon_mailbox(a.address) || is_lists_own(copy, parties, a.address))
                    continue;
                if (!named.empty()) return {};
                named = a.address;
            }
        }
    }
    if (named.empty()) return {};
    return {guessed_recipient(view, named, RecipientSource::returned_to)};
}

// The bounce's own Subject names the recipient ("Delivery failure to a@b",
// "Undeliverable mail: Failed to deliver to '<a@b>'", XMail's "[XMail bounce:
// Rcpt=[a@b];Error=[...]]") and its text names no one: that address, when it is the
// only one the Subject names besides the parties, and the notice states a failure.
// The Subject may quote the original's ("Undeliverable: News for a@b"), so where a
// returned copy gives addressees, the address must be one of them. A guess, said
// so by its source (RecipientSource::body_text).
std::vector<Evidence> named_in_subject(const BounceView& view, const Parties& parties) {
    if (own_parts_name_someone(view, parties)) return {};
    if (!states_failure_code(view.text) && !states_failure(squeeze_spaces(view.text.substr(0, 4096))) &&
        !states_failure(view.subject))
        return {};
    std::string named;
    for (auto& a : find_addresses(view.subject.substr(0, 1024), 4)) {
        if (parties.has(a.address) || is_daemon_mailbox(a.address) || a.address == named) continue;
        if (!named.empty()) return {};
        named = a.address;
    }
    if (named.empty()) return {};
    const Headers copy = opening_original_headers(view.message, view.returned);
    bool copy_names_any = false, copy_names_it = false;
    for (std::string_view field : {"To", "Cc"})
        for (auto value : copy.get_all(field, 4))
            for (const auto& a : find_addresses(value, 8)) {
                copy_names_any = true;
                copy_names_it = copy_names_it || a.address == named;
            }
    if ((copy_names_any && !copy_names_it) || is_lists_own(copy, parties, named)) return {};
    return {guessed_recipient(view, named, RecipientSource::body_text)};
}

}  // namespace

std::vector<Evidence> decode_free_text(const BounceView& view) {
    std::vector<Evidence> found;
    if (!looks_like_bounce(view)) return found;
    const Parties parties(view);
    found = shared_layout(view, parties);
    if (!found.empty()) return found;
    std::string_view prose = view.prose();
    ParagraphLayout layout{{}, {}, RecipientSource::body_text, true};
    for (auto& e : scan_recipient_paragraphs(prose, layout, view.limits.max_recipients)) {
        if (parties.has(e.recipient)) continue;
        // "<a@b>: host mx said: 550" and, indented below, "<a@b>: User unknown": one
        // recipient, whose reply goes on over both lines (Postfix's non-MIME form).
        auto same = std::find_if(found.begin(), found.end(), [&](const Evidence& f) { return f.recipient == e.recipient; });
        if (same != found.end()) {
            if (same->diagnostic.size() < 2048) same->diagnostic += " " + e.diagnostic;
            continue;
        }
        found.push_back(std::move(e));
    }
    for (auto& e : found) {
        if (!carries_verdict(e.diagnostic)) e.diagnostic = reply_below(prose, ifind(prose, e.recipient), e.diagnostic);
        if (!carries_verdict(e.diagnostic)) e.diagnostic = words_below_label(prose, e.diagnostic);
    }
    if (!found.empty()) return found;
    for (const auto& address : find_addresses(prose, view.limits.max_recipients)) {
        if (parties.has(address.address) || is_senders_field(prose, address.begin) ||
            is_contact_mention(prose, address.begin))
            continue;
        bool seen = false;
        for (const auto& e : found) seen = seen || e.recipient == address.address;
        if (seen) continue;
        Evidence e;
        e.recipient = address.address;
        e.diagnostic = paragraph_around(prose, address.begin);
        // A notice in another language names the address in its own sentence and
        // quotes the receiver's reply under a label (remote_reply.h): the reply,
        // not the sentence, is the receiver's verdict.
        RemoteReply reply = find_remote_reply(prose.substr(0, address.begin + kReplyWindow), address.begin);
        bool in_paragraph = reply.begin < prose.find("\n\n", address.begin);
        if (!reply.text.empty() && (in_paragraph || !carries_verdict(e.diagnostic))) e.diagnostic = reply.text;
        if (!carries_verdict(e.diagnostic)) continue;
        e.source = RecipientSource::body_text;
        found.push_back(std::move(e));
    }
    if (found.empty()) found = named_beside_a_reply(parties, prose);
    if (found.empty() && carries_verdict(prose)) {
        // Nothing in the text names a recipient, but the return path does.
        auto verp = find_verp(view.message.headers);
        if (!verp.recipient.empty()) {
            Evidence e;
            e.recipient = verp.recipient;
            e.diagnostic = std::string(trim(prose.substr(0, 2048)));
            e.source = RecipientSource::verp;
            found.push_back(std::move(e));
        }
    }
    if (found.empty()) found = local_part_of_returned_copy(view, parties);
    if (found.empty()) found = addressee_of_returned_copy(view, parties);
    if (found.empty()) found = named_in_subject(view, parties);
    return found;
}

}  // namespace classify::formats
