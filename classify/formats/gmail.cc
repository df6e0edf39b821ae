// Gmail's own bounce text, as mailer-daemon@googlemail.com sent it before Gmail
// moved to RFC 3464 reports:
//
//   Delivery to the following recipient failed permanently:
//
//        user@example.jp
//
//   Technical details of permanent failure:
//   Google tried to deliver your message, but it was rejected by the server for
//   the recipient domain example.jp by mx.example.jp. [192.0.2.59].
//
//   The error that the other server returned was:
//   550 5.1.1 <user@example.jp>... User Unknown
//
//   ----- Original message -----
//
// or, for a delay, "Delivery to the following recipient has been delayed:" and
// "Technical details of temporary failure:". Older texts end the receiver's reply
// with Gmail's SMTP state, "(state 14).", which names the command that failed.
//
// The current text, sent with an RFC 3464 report (read by rfc3464.cc) or, when
// the report is lost (forwarded, pasted, a client's own rendering), alone. It is
// written in the sender's account language; the labels change, the shape does not:
//
//   ** Address not found **                        ** アドレスが見つかりません **
//
//   Your message wasn't delivered to user@example.jp because ...
//
//   Learn more here: https://support.google.com/mail/?p=NoSuchUser
//
//   The response from the remote server was:       リモート サーバーからの応答:
//   550 5.1.1 <user@example.jp>: Recipient address rejected: User unknown
//
// The reply is found by its shape (remote_reply.h), never by the label's words.
// When the receiver gave no reply, Gmail says what it met under "The response
// was:" instead ("DNS Error: ...", "Unspecified Error (SENT_SECOND_EHLO): ...").
#include <algorithm>
#include <cctype>

#include "classify/parse/address.h"
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/parse/remote_reply.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

const std::vector<std::string_view> kOriginalMarkers = {
    "----- Original message -----",
    "----- Message header follows -----",
};

// The reason Gmail's "(state N)" implies when the reply holds no precise code.
// States 6, 8 and 9 (TLS, AUTH) say nothing certain: the words decide.
std::optional<Reason> reason_for_state(int state) {
    switch (state) {
        case 12: return Reason::norelaying;
        case 13: return Reason::blocked;
        case 14: return Reason::userunknown;
        case 15: case 17: case 18: return Reason::filtered;
        default: return std::nullopt;
    }
}

int state_in(std::string_view text) {
    auto at = ifind(text, "(state ");
    if (at == std::string_view::npos) return 0;
    int state = 0;
    for (std::size_t i = at + 7; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
        state = state * 10 + (text[i] - '0');
    return state;
}

// Gmail's own sentences for failures it met before any reply.
std::optional<Reason> reason_for_gmail_words(std::string_view text) {
    for (auto words : {"Delivery to the following recipient has been delayed",
                       "The recipient server did not accept our requests to connect",
                       "DNS Error: Could not contact DNS servers"})
        if (icontains(text, words)) return Reason::expired;
    for (auto words : {"DNS Error: Domain name not found", "DNS Error: DNS server returned answer with no data"})
        if (icontains(text, words)) return Reason::hostunknown;
    return std::nullopt;
}

// "... by mx.example.jp. [192.0.2.153]." names the receiving host.
std::string remote_host_in(std::string_view text) {
    auto at = ifind(text, "recipient domain ");
    if (at == std::string_view::npos) return {};
    auto by = text.find(" by ", at);
    if (by == std::string_view::npos) return {};
    auto begin = by + 4;
    auto end = text.find_first_of(" \n[", begin);
    std::string host(text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    while (!host.empty() && host.back() == '.') host.pop_back();
    return host.find('.') == std::string::npos ? std::string() : host;
}

bool has_precise_status(std::string_view text) {
    std::string code = find_status_code(text);
    return !code.empty() && !is_vague_status(code) && code.substr(code.rfind('.')) != ".0";
}

bool is_google_daemon(std::string_view from) {
    return icontains(from, "mailer-daemon@googlemail.com") || icontains(from, "mailer-daemon@google.com");
}

// Gmail's heading line, "** Address not found **", in any language.
bool has_heading(std::string_view prose) {
    for (auto line : split_lines(prose.substr(0, 4096))) {
        line = trim(line);
        if (line.size() > 6 && starts_with(line, "** ") && line.substr(line.size() - 3) == " **") return true;
    }
    return false;
}

// What Gmail quotes when the receiver gave no SMTP reply ("The response was:", a
// blank line, "DNS Error: ..."): the block after the last label line, unless that
// block is a link ("Learn more here:" and its URL).
std::string block_after_last_label(std::string_view prose) {
    auto lines = split_lines(prose);
    std::string block;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!ends_with_label_colon(lines[i])) continue;
        std::size_t j = i + 1;
        while (j < lines.size() && j < i + 3 && trim(lines[j]).empty()) ++j;
        if (j >= lines.size() || istarts_with(trim(lines[j]), "http") || trim(lines[j]).empty()) continue;
        std::string candidate;
        for (; j < lines.size() && !trim(lines[j]).empty() && candidate.size() < 2048; ++j) {
            candidate += trim(lines[j]);
            candidate += ' ';
        }
        block = std::string(trim(candidate));
    }
    return block;
}

// The recipients Gmail names: X-Failed-Recipients, or else the addresses in its own
// sentences above the receiver's reply ("Your message wasn't delivered to ...",
// "メールを ... に配信できませんでした").
std::vector<Evidence> gmail_recipients(const BounceView& view, std::string_view sentences) {
    std::vector<Evidence> found;
    auto failed = view.message.headers.get("X-Failed-Recipients");
    bool from_header = !trim(failed).empty();
    auto from = find_first_address(view.from);
    auto to = find_first_address(view.message.headers.get("To"));
    for (auto& address : find_addresses(from_header ? failed : sentences, view.limits.max_recipients)) {
        if (!from_header && (address.address == from || address.address == to)) continue;
        bool seen = false;
        for (const auto& e : found) seen = seen || e.recipient == address.address;
        if (seen) continue;
        Evidence e;
        e.recipient = address.address;
        e.action = "failed";
        e.source = from_header ? RecipientSource::failed_header : RecipientSource::mta_format;
        found.push_back(std::move(e));
    }
    return found;
}

// The current layout, in whichever language the sender's account uses: a heading
// ("** Address not found **", "** アドレスが見つかりません **"), Gmail's explanation,
// a "Learn more" link, and a label ("The response from the remote server was:",
// "リモート サーバーからの応答:") above the receiver's reply. Only the reply is the
// receiver's verdict: the heading and the explanation are Gmail's translation of it,
// and "the address couldn't be found" is said over replies that mean other things.
std::vector<Evidence> decode_current_layout(const BounceView& view) {
    std::vector<Evidence> found;
    std::string_view prose = text_before(view.text, kOriginalMarkers);
    bool failed_header = !trim(view.message.headers.get("X-Failed-Recipients")).empty();
    if (!is_google_daemon(view.from) && !(failed_header && has_heading(prose))) return found;
    RemoteReply reply = find_remote_reply(prose);
    std::string_view sentences = prose.substr(0, std::min(reply.begin, prose.size()));
    found = gmail_recipients(view, sentences.substr(0, 8192));
    if (found.empty()) return found;

    std::string diagnostic = reply.text.empty() ? block_after_last_label(prose) : reply.text;
    // The sender's own "Send mail as" account is refused: nothing about the recipient.
    bool send_as = icontains(prose, "using the 'Send mail as' feature");
    if (diagnostic.empty() || send_as) {
        diagnostic = squeeze_spaces(prose);
        if (auto heading = diagnostic.find("** "); heading != std::string::npos) diagnostic.erase(0, heading);
        if (diagnostic.size() > 2048) diagnostic.resize(2048);
    }
    std::optional<Reason> reason;
    if (!has_precise_status(diagnostic)) reason = reason_for_gmail_words(diagnostic);
    // The subject names the kind in English ("Delivery Status Notification (Delay)"
    // while Gmail keeps trying, "(Failure)" at the end); the body's "will retry" is
    // translated and not read. XXX a translated subject would read as a failure.
    bool delay = icontains(view.subject, "Delivery Status Notification (Delay)");
    for (auto& e : found) {
        if (delay) e.action = "delayed";
        e.diagnostic = diagnostic;
        e.quoted_reply = !reply.text.empty();
        if (send_as) {
            e.reason = Reason::rejected;
            e.rule = "gmail:send-mail-as";
        } else if (reason) {
            e.reason = reason;
            e.rule = "gmail";
        }
    }
    return found;
}

}  // namespace

std::vector<Evidence> decode_gmail(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn && !view.dsn->recipients.empty()) return found;  // an RFC 3464 report
    // Gmail's old heading opens its line; other MTAs say the same words inside a
    // sentence of their own ("... still awaiting delivery to the following
    // recipients:", Sun's Messaging Server) in layouts this decoder cannot read.
    auto opens_heading = [](std::string_view line) {
        return istarts_with(trim(line), "Delivery to the following recipient");
    };
    if (!icontains(view.text, "Delivery to the following recipient")) return decode_current_layout(view);
    std::string_view body = text_before(view.text, kOriginalMarkers);
    auto lines = split_lines(body);

    std::size_t i = 0;
    while (i < lines.size() && !opens_heading(lines[i])) ++i;
    if (i == lines.size()) return decode_current_layout(view);
    for (++i; i < lines.size() && !icontains(lines[i], "Technical details of"); ++i) {
        std::string_view rest;
        std::string address = recipient_at_line_start(lines[i], &rest);
        if (!address.empty() && trim(rest).empty() && found.size() < view.limits.max_recipients) {
            Evidence e;
            e.recipient = address;
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
        }
    }
    if (found.empty()) return found;

    std::string details;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
        details += trim(lines[j]);
        details += ' ';
    }
    details = squeeze_spaces(details);
    // The receiver's reply follows "The error that the other server returned was:";
    // the sentence before it is Gmail's, and its "rejected by" is no reason.
    std::string diagnostic = details;
    auto returned_was = ifind(details, "The error that the other server returned was:");
    if (returned_was != std::string::npos)
        diagnostic = std::string(trim(std::string_view(details).substr(returned_was + 45)));
    bool delayed = icontains(body, "Delivery to the following recipient has been delayed");

    std::optional<Reason> reason;
    if (!has_precise_status(diagnostic)) {
        reason = reason_for_state(state_in(diagnostic));
        // Gmail's own sentences (its heading "has been delayed", "did not accept our
        // requests to connect") speak only where no receiver's reply is quoted (after
        // "The error that the other server returned was:" or as the details): a
        // reply with a vague code ("421 4.7.0 ... rate limit exceeded") is read by
        // its words, and a delay whose words name nothing is expired all the same
        // (diagnosis: action delayed).
        bool reply_quoted = returned_was != std::string::npos || find_reply_code(diagnostic) != 0;
        if (!reason && !reply_quoted) reason = reason_for_gmail_words(body);
    }
    std::string remote = remote_host_in(details);
    for (auto& e : found) {
        e.diagnostic = diagnostic.empty() ? std::string(trim(body.substr(0, 2048))) : diagnostic;
        e.remote_mta = remote;
        // Gmail gave up with "failed permanently" over "Technical details of temporary
        // failure" too: only "has been delayed" says it is still trying.
        e.action = delayed ? "delayed" : "failed";
        if (reason) {
            e.reason = reason;
            e.rule = "gmail";
        }
    }
    return found;
}

}  // namespace classify::formats
