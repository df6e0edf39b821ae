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
// Newer texts name the recipients in X-Failed-Recipients only:
//
//   ** Message not delivered **
//
//   You're sending this from a different address or alias using the 'Send mail as'
//   feature. The settings for your 'Send mail as' account are misconfigured or out
//   of date. Check those settings and try resending.
//
//   The response was:
//
//   Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability
#include <cctype>

#include "classify/address.h"
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/recipient_paragraphs.h"
#include "classify/status_code.h"
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

// The newer layout: a "** Message not delivered **" heading, Gmail's explanation,
// and "The response was:" with the receiver's words.
std::vector<Evidence> decode_newer_layout(const BounceView& view) {
    std::vector<Evidence> found;
    auto failed = view.message.headers.get("X-Failed-Recipients");
    if (trim(failed).empty() || !icontains(view.text, "The response was:") || !icontains(view.text, "** "))
        return found;
    std::string prose = squeeze_spaces(text_before(view.text, kOriginalMarkers));
    if (auto heading = prose.find("** "); heading != std::string::npos) prose.erase(0, heading);
    if (prose.size() > 2048) prose.resize(2048);
    // The sender's own "Send mail as" account is refused: nothing about the recipient.
    bool send_as = icontains(prose, "using the 'Send mail as' feature");
    for (auto& address : find_addresses(failed, view.limits.max_recipients)) {
        Evidence e;
        e.recipient = address.address;
        e.action = "failed";
        e.diagnostic = prose;
        e.source = RecipientSource::failed_header;
        if (send_as) {
            e.reason = Reason::rejected;
            e.rule = "gmail:send-mail-as";
        }
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace

std::vector<Evidence> decode_gmail(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn && !view.dsn->recipients.empty()) return found;  // an RFC 3464 report
    if (!icontains(view.text, "Delivery to the following recipient")) return decode_newer_layout(view);
    std::string_view body = text_before(view.text, kOriginalMarkers);
    auto lines = split_lines(body);

    std::size_t i = 0;
    while (i < lines.size() && !icontains(lines[i], "Delivery to the following recipient")) ++i;
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
    if (auto at = ifind(details, "The error that the other server returned was:"); at != std::string::npos)
        diagnostic = std::string(trim(std::string_view(details).substr(at + 45)));
    bool delayed = icontains(body, "Delivery to the following recipient has been delayed");

    std::optional<Reason> reason;
    if (!has_precise_status(diagnostic)) {
        reason = reason_for_state(state_in(diagnostic));
        if (!reason) reason = reason_for_gmail_words(body);
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
