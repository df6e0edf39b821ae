// The separators below are the lines MTAs write, in their own source or
// documentation, just before the copy of the message they return. A line counts
// when it holds one (ASCII case-insensitive); the first such line ends the bounce's
// own text, and the copy starts on the line after it.
// Lines that close the notice's prose but not the bounce ("----- Transcript of
// session follows -----", Sendmail's "The original message was received at ...")
// are no separators: what follows them is still the bounce (formats/markers.h).
#include "classify/parse/returned_message.h"

#include "classify/text.h"

namespace classify {
namespace {

constexpr auto npos = std::string_view::npos;

std::size_t line_start(std::string_view text, std::size_t pos) {
    if (pos == 0 || pos == npos) return pos;
    const auto nl = text.rfind('\n', pos - 1);
    return nl == npos ? 0 : nl + 1;
}

// A copy's header block may open with any field its sender wrote first, not only a
// trace field: a first field this list does not know stays in the bounce's own text,
// where a Cc's addresses would be read as recipients. So the RFC 5322 destination,
// originator and identification fields (Cc, Bcc, Sender, In-Reply-To, References),
// RFC 2045's Content-*, and the trace fields RFC 8601/8617 add (Authentication-Results,
// ARC-*) count too.
bool starts_header_field(std::string_view line) {
    // Most lines are prose: their first letter rules every name out.
    switch (line.empty() ? '\0' : ascii_lower(line[0])) {
        case 'r': case 'm': case 'f': case 'd': case 't': case 's': case 'x': case 'l':
        case 'c': case 'b': case 'i': case 'a': break;
        default: return false;
    }
    return istarts_with(line, "Return-Path:") || istarts_with(line, "Received:") ||
           istarts_with(line, "Message-ID:") || istarts_with(line, "From:") || istarts_with(line, "Date:") ||
           istarts_with(line, "To:") || istarts_with(line, "Subject:") || istarts_with(line, "MIME-Version:") ||
           istarts_with(line, "X-") || istarts_with(line, "Delivered-To:") || istarts_with(line, "Reply-To:") ||
           istarts_with(line, "DKIM-Signature:") || istarts_with(line, "List-") || istarts_with(line, "Cc:") ||
           istarts_with(line, "Bcc:") || istarts_with(line, "Sender:") || istarts_with(line, "In-Reply-To:") ||
           istarts_with(line, "References:") || istarts_with(line, "Content-Type:") ||
           istarts_with(line, "Content-Transfer-Encoding:") || istarts_with(line, "Authentication-Results:") ||
           istarts_with(line, "ARC-");
}

std::string_view line_at(std::string_view text, std::size_t pos) {
    auto nl = text.find('\n', pos);
    return text.substr(pos, (nl == npos ? text.size() : nl) - pos);
}

// Whether a header block is the notice quoting the message it is about, not the
// returned copy: Exchange 2000/2003's "Your message / To: / Subject: / Sent: / did
// not reach the following recipient(s):", Sun and PMDF's "with the following
// header fields: / Message-id: / ... / Your message cannot be delivered to ...".
// Their fields only identify the message (To, Cc, From, Subject, Date, Sent,
// Message-ID), a header as sent has more (Received, MIME-Version, Content-Type,
// X-...), and the notice's own words of failure follow it. Indented, such fields
// never start a block; a client's or an HTML rendering's copy may lose the indent.
bool is_quoted_field_list(std::string_view block, std::string_view after) {
    for (auto line : split_lines(block)) {
        if (line.empty() || line[0] == ' ' || line[0] == '\t') continue;
        bool identifies = false;
        for (std::string_view name : {"to:", "cc:", "from:", "subject:", "date:", "sent:", "message-id:"})
            identifies = identifies || istarts_with(line, name);
        if (!identifies) return false;
    }
    after = after.substr(0, 2048);
    for (std::string_view said : {"did not reach", "not be delivered", "not delivered", "undeliverable",
                                  "delivery has failed", "delivery failed", "has been delayed"})
        if (icontains(after, said)) return true;
    return false;
}

// Where the first header block starts in `text`, or npos; `block` receives it.
std::size_t header_block_at(std::string_view text, std::string_view* block) {
    for (std::size_t pos = 0; pos < text.size();) {
        auto nl = text.find('\n', pos);
        if (nl == npos) nl = text.size();
        const std::string_view line = text.substr(pos, nl - pos);
        const std::size_t next_start = nl + 1;
        if (starts_header_field(line) && next_start < text.size()) {
            const std::string_view next = line_at(text, next_start);
            if (starts_header_field(next) || starts_with(next, " ") || starts_with(next, "\t")) {
                std::string_view found = text.substr(pos);
                found = found.substr(0, found.find("\n\n"));
                const bool identified = istarts_with(found, "message-id:") || istarts_with(found, "from:") ||
                                        icontains(found, "\nmessage-id:") || icontains(found, "\nfrom:") ||
                                        icontains(found, "\nsubject:");
                if (identified && !is_quoted_field_list(found, text.substr(pos + found.size()))) {
                    if (block) *block = found;
                    return pos;
                }
            }
        }
        pos = next_start;
    }
    return npos;
}

}  // namespace

const std::vector<std::string_view>& returned_message_separators() {
    static const std::vector<std::string_view> separators = {
        // qmail-send (qmail-send.c), and its descendants' header-only variant.
        "--- Below this line is a copy of the",
        "--- Enclosed is a copy of the message",
        // Exim (the default bounce_message_file text): "------ This is a copy of the
        // message, including all the headers. ------", "... the message's headers.",
        // "... the body of the message, without the headers.", and its size refusal.
        "------ This is a copy of the",
        "This is a copy of the headers that were received before the error was detected",
        "Here is a copy of the first part of the message",
        // Sendmail (savemail.c), non-MIME returns, old and new.
        "----- Original message follows -----",
        "----- Message header follows -----",
        "----- Unsent message follows -----",
        "----- Message body suppressed -----",
        // Postfix before 2.0 (no MIME): "--- Undelivered message follows ---".
        "--- Undelivered message follows",
        "--- Message header follows",
        "--- Original message follows",
        "------ Original Message Follows",
        // OpenSMTPD (smtpd/bounce.c).
        "Below is a copy of the original message:",
        // Exchange 2007 and later, after the diagnostic information for administrators.
        "Original message headers:",
        "Original Message Headers",
        // Lotus Domino's non-MIME notice ("------- Failure Reasons --------" before it).
        "------- Returned Message",
        // Outlook, GroupWise and most clients quoting a message; IMail.
        "-----Original Message-----",
        "----- Original message -----",
        "------ Original message ------",
        "Original message follows.",
        // The DragonFly Mail Agent (dma, mail.c bounce()): "Original message follows."
        // with its FULLBOUNCE feature, else only the headers, after this line.
        "Message headers follow.",
        "Unsent Message below:",
        "----- The header of the original message is following. -----",
        "Included is a copy of the message header",
        // fml (mailing-list manager) and m-FILTER.
        "Original mail as follows:",
        "-------original message",
        "-------original mail info",
        // A report whose MIME boundary was lost: its parts arrive as one text.
        // ("message/global" alone would also stand in message/global-delivery-status.)
        "Content-Type: message/rfc822",
        "Content-Type: text/rfc822-headers",
        "Content-Type: message/global-headers",
    };
    return separators;
}

const MarkerSet& returned_message_separator_set() {
    static const MarkerSet set(returned_message_separators());
    return set;
}

std::size_t returned_message_start(std::string_view text) {
    const std::size_t separator = line_start(text, returned_message_separator_set().find(text));
    const std::size_t block = header_block_at(text.substr(0, separator == npos ? text.size() : separator), nullptr);
    if (block != npos || separator == npos) return block;
    // The separator line is the MTA's own words (some decoders know their layout
    // by it); the copy starts on the line after it.
    const std::size_t nl = text.find('\n', separator);
    return nl == npos ? text.size() : nl + 1;
}

bool is_returned_message_text(std::string_view part_text) {
    std::size_t start = 0;
    while (start < part_text.size() && part_text[start] == '\n') ++start;
    return header_block_at(line_at(part_text, start).empty() ? std::string_view() : part_text.substr(start, 2048),
                           nullptr) == 0;
}

std::string_view first_header_block(std::string_view text) {
    std::string_view block;
    return header_block_at(text, &block) == npos ? std::string_view() : block;
}

}  // namespace classify
