#include "classify/parse/recipient_paragraphs.h"

#include <cctype>

#include "classify/parse/address.h"
#include "classify/text.h"

namespace classify {
namespace {

// The first place at or after `from` where one of `markers` occurs, or npos. A
// marker never spans lines, so the line holding the first occurrence is the
// first line that contains one: a few memchr-driven searches of the whole text
// instead of every marker tried on every line (27 markers of the original
// message on each line of each decoder that asked).
std::size_t find_any(std::string_view text, const std::vector<std::string_view>& markers, std::size_t from = 0) {
    std::size_t first = std::string_view::npos;
    for (auto m : markers) {
        if (m.find('\n') != std::string_view::npos) continue;  // could never be within one line
        const std::size_t limit = first == std::string_view::npos ? text.size() : first + m.size();
        const std::size_t at = ifind(text.substr(0, std::min(limit, text.size())), m, from);
        if (at < first) first = at;
    }
    return first;
}

std::size_t line_start(std::string_view text, std::size_t pos) {
    if (pos == 0) return 0;
    const auto nl = text.rfind('\n', pos - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

// Words that may stand before the address on a recipient line.
constexpr std::string_view kLeads[] = {
    "rcpt to:", "to:", "recipient:", "recipient address:", "failed recipient:", "address:", "original-recipient:",
    "final-recipient:", "rfc822;", "user:", "mailbox:", "email:", "e-mail:", "addressee:",
};

std::string_view skip_leads(std::string_view line) {
    bool again = true;
    while (again) {
        again = false;
        line = trim(line);
        for (auto lead : kLeads) {
            if (istarts_with(line, lead)) {
                line.remove_prefix(lead.size());
                again = true;
            }
        }
    }
    return line;
}

// "550-user@example.org is disabled": a line of a receiver's multi-line reply
// (RFC 5321 4.2.1: every line but the last starts with the code and a hyphen),
// which a notice quotes line by line (Exim, qmail), not a recipient's line.
bool continues_reply(std::string_view line) {
    line = trim(line);
    return line.size() > 4 && (line[0] == '4' || line[0] == '5') && std::isdigit(static_cast<unsigned char>(line[1])) &&
           std::isdigit(static_cast<unsigned char>(line[2])) && line[3] == '-';
}

}  // namespace

std::string recipient_at_line_start(std::string_view line, std::string_view* rest) {
    std::string_view s = skip_leads(line);
    bool bracketed = !s.empty() && s.front() == '<';
    if (bracketed) s.remove_prefix(1);
    if (!s.empty() && s.front() == '"') return {};
    auto found = find_addresses(s, 1);
    if (found.empty() || found.front().begin != 0) return {};
    std::string_view after = s.substr(found.front().end);
    if (bracketed && !after.empty() && after.front() == '>') after.remove_prefix(1);
    // "a@b was rejected ..." is a recipient line; "a@b wrote:" is not, but a
    // recipient line is followed by punctuation, the end of line, or prose.
    if (rest) *rest = trim(after);
    return found.front().address;
}

std::string_view text_before(std::string_view text, const std::vector<std::string_view>& markers) {
    const std::size_t at = find_any(text, markers);
    return at == std::string_view::npos ? text : text.substr(0, line_start(text, at));
}

std::string_view text_before(std::string_view text, const MarkerSet& markers) {
    const std::size_t at = markers.find(text);
    return at == std::string_view::npos ? text : text.substr(0, line_start(text, at));
}

std::vector<Evidence> scan_recipient_paragraphs(std::string_view text, const ParagraphLayout& layout,
                                                std::size_t max_recipients) {
    std::vector<Evidence> found;
    std::size_t pos = 0;  // the section's first line: the one after the opening sentence
    if (!layout.starts.empty()) {
        const std::size_t start = layout.starts.find(text);
        const std::size_t nl = start == std::string_view::npos ? start : text.find('\n', start);
        if (nl == std::string_view::npos) return found;
        pos = nl + 1;
    }
    // The section ends before the first line holding an end marker.
    const std::size_t end_marker = layout.ends.empty() ? std::string_view::npos : layout.ends.find(text, pos);
    const std::size_t stop = end_marker == std::string_view::npos ? text.size() : line_start(text, end_marker);
    while (pos < stop) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        std::string_view rest;
        // Within a recipient's paragraph, a reply's continuation line is its text.
        std::string address = found.empty() || !continues_reply(line) ? recipient_at_line_start(line, &rest) : "";
        if (!address.empty()) {
            if (found.size() >= max_recipients) break;
            Evidence e;
            e.recipient = address;
            e.source = layout.source;
            e.diagnostic.assign(trim(rest));
            if (!e.diagnostic.empty() && (e.diagnostic.front() == ':' || e.diagnostic.front() == '.'))
                e.diagnostic.erase(0, 1);
            found.push_back(std::move(e));
            continue;
        }
        if (found.empty()) continue;
        auto& diagnostic = found.back().diagnostic;
        if (trim(line).empty()) {
            if (layout.blank_line_ends_paragraph && !trim(diagnostic).empty()) diagnostic += '\x1F';
            continue;
        }
        if (!diagnostic.empty() && diagnostic.back() == '\x1F') continue;  // paragraph closed
        if (diagnostic.size() < 4096) {
            diagnostic += ' ';
            diagnostic.append(trim(line));
        }
    }
    for (auto& e : found) {
        while (!e.diagnostic.empty() && e.diagnostic.back() == '\x1F') e.diagnostic.pop_back();
        for (auto& c : e.diagnostic)
            if (c == '\x1F') c = ' ';
        e.diagnostic = std::string(trim(e.diagnostic));
    }
    return found;
}

namespace {

std::string paragraph_at(std::string_view text, std::string_view address, std::size_t at) {
    auto line_end = text.find('\n', at);
    std::string out(text.substr(at + address.size(), line_end == std::string_view::npos ? std::string_view::npos : line_end - at - address.size()));
    std::size_t pos = line_end == std::string_view::npos ? text.size() : line_end + 1;
    while (pos < text.size() && out.size() < 4096) {
        auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        auto line = trim(text.substr(pos, nl - pos));
        if (line.empty()) break;
        pos = nl + 1;
        // The message's own Subject, quoted by the notice, is the sender's words.
        if (istarts_with(line, "subject:")) continue;
        out += ' ';
        out.append(line);
    }
    auto trimmed = trim(out);
    while (!trimmed.empty() && (trimmed.front() == '>' || trimmed.front() == ':' || trimmed.front() == ',')) trimmed = trim(trimmed.substr(1));
    return std::string(trimmed);
}

}  // namespace

std::string expanded_from(std::string_view paragraph, std::string_view recipient) {
    for (std::string_view marker : {"generated from ", "(expanded from: ", "(expanded from "}) {
        auto at = ifind(paragraph, marker);
        if (at == std::string_view::npos) continue;
        for (const auto& other : find_addresses(paragraph.substr(0, at), 16))
            if (!iequals(other.address, recipient)) return {};
        auto from = at + marker.size();
        auto close = paragraph.find(')', from);
        return find_first_address(paragraph.substr(from, close == std::string_view::npos ? std::string_view::npos : close - from));
    }
    return {};
}

// A mention with nothing after it (the address alone under "The following addresses
// had permanent fatal errors") says nothing: a later one may ("<user@example.org>...
// Deferred: Connection refused by mx.example.org." in the transcript).
// A mention in the notice's quote of the message's own fields ("  To: a@b" under
// Sun's "with the following header fields:", Exchange 2003's "Your message / To:")
// is the message's addressing, not what happened to it: a later one says that.
std::string paragraph_about(std::string_view text, std::string_view address) {
    if (address.empty()) return {};
    for (auto at = ifind(text, address); at != std::string_view::npos; at = ifind(text, address, at + address.size())) {
        const auto newline = text.rfind('\n', at);
        const std::size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
        const auto line = trim(text.substr(begin, at - begin));
        if (istarts_with(line, "to:") || istarts_with(line, "cc:")) continue;
        if (auto paragraph = paragraph_at(text, address, at); !paragraph.empty()) return paragraph;
    }
    return {};
}

}  // namespace classify
