// Finds the receiver's reply inside a provider's notice by its shape (RFC 5321
// reply code, RFC 3463 enhanced code), whatever language the labels around it are in.
#include "classify/parse/remote_reply.h"

#include <algorithm>

#include "classify/text.h"

namespace classify {
namespace {

constexpr std::string_view kFullWidthColon = "\xEF\xBC\x9A";  // U+FF1A, as Japanese and Chinese labels end

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view ltrim(std::string_view s) {
    std::size_t b = 0;
    while (b < s.size() && is_trimmed_space(s[b])) ++b;
    return s.substr(b);
}

// "5.1.1", "4.7.650": a class digit 4 or 5, one of the subjects RFC 3463 defines
// (0-7), and a detail of 1-3 digits, not followed by a letter, digit or dot (so
// "5.1.12rc2" and "5.13.68" are no codes).
bool starts_with_enhanced_code(std::string_view s) {
    if (s.size() < 5 || (s[0] != '4' && s[0] != '5') || s[1] != '.' || s[2] < '0' || s[2] > '7' || s[3] != '.')
        return false;
    std::size_t i = 4, digits = 0;
    while (i < s.size() && is_digit(s[i]) && digits < 4) ++i, ++digits;
    if (digits == 0 || digits > 3) return false;
    return i == s.size() || (!is_alnum(s[i]) && s[i] != '.');
}

// "550 ", "550-", "550" alone: a 4xx or 5xx reply code standing as a reply.
bool starts_with_reply_code(std::string_view s) {
    if (s.size() < 3 || (s[0] != '4' && s[0] != '5') || s[1] < '0' || s[1] > '5' || !is_digit(s[2])) return false;
    return s.size() == 3 || s[3] == ' ' || s[3] == '-' || s[3] == '\t' || s[3] == '\n';
}

// Each opening quote a provider writes the reply in, with its closing one.
struct QuotePair {
    std::string_view open;
    std::string_view close;
};
constexpr QuotePair kQuotes[] = {
    {"'", "'"}, {"\"", "\""},
    {"\xE2\x80\x98", "\xE2\x80\x99"},  // ‘ ’
    {"\xE2\x80\x9C", "\xE2\x80\x9D"},  // “ ”
    {"\xE3\x80\x8C", "\xE3\x80\x8D"},  // 「 」
    {"\xE3\x80\x8E", "\xE3\x80\x8F"},  // 『 』
};

std::size_t paragraph_end(std::string_view text, std::size_t from, std::size_t limit) {
    auto end = text.find("\n\n", from);
    if (end == std::string_view::npos || end > limit) end = limit;
    return end;
}

// Joins the lines of `block` with single spaces and cuts it at `max_bytes`.
std::string joined(std::string_view block, std::size_t max_bytes) {
    std::string out = squeeze_spaces(trim(block.substr(0, max_bytes)));
    return std::string(trim(out));
}

// Shape 3: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##".
// Exchange 2010 puts the remote host before it: "mx.example.jp #550 5.1.1 ... ##".
bool hash_reply(std::string_view line, std::size_t line_at, RemoteReply& out, std::size_t max_bytes) {
    std::size_t hash = 0;
    for (hash = line.find('#'); hash != std::string_view::npos; hash = line.find('#', hash + 1))
        if ((hash == 0 || is_trimmed_space(line[hash - 1])) && starts_with_reply_code(line.substr(hash + 1, 16)))
            break;
    if (hash == std::string_view::npos) return false;
    auto body = line.substr(hash + 1);
    auto close = body.find("##");
    out.text = joined(body.substr(0, close), max_bytes);
    out.begin = line_at + (body.data() - line.data());
    out.end = out.begin + (close == std::string_view::npos ? body.size() : close);
    return !out.text.empty();
}

// Exchange quotes its own wrapper around the receiver's reply:
// "<mx.example.org #5.0.0 smtp;550 5.1.1 <user@example.org>... User unknown>".
// Where the reply starts inside `s`, or npos.
std::size_t wrapped_reply_start(std::string_view s) {
    if (s.empty() || (s[0] != '<' && s[0] != '#')) return std::string_view::npos;
    auto at = ifind(s.substr(0, 160), "smtp;");
    if (at == std::string_view::npos) return std::string_view::npos;
    std::size_t after = at + 5;
    while (after < s.size() && s[after] == ' ') ++after;
    return starts_with_reply(s.substr(after, 16)) ? after : std::string_view::npos;
}

// Shape 2: a reply quoted inside a sentence. The closing quote is the last one of
// its kind on the line, since replies carry apostrophes of their own ("doesn't").
bool quoted_reply(std::string_view text, std::size_t line_at, std::size_t line_end, std::size_t limit,
                  RemoteReply& out, std::size_t max_bytes) {
    std::string_view line = text.substr(line_at, line_end - line_at);
    for (const auto& q : kQuotes) {
        for (auto in_line = line.find(q.open); in_line != std::string_view::npos;
             in_line = line.find(q.open, in_line + 1)) {
            std::size_t begin = line_at + in_line + q.open.size();
            if (begin >= text.size() || is_trimmed_space(text[begin])) continue;
            std::size_t reply_at = begin;
            bool wrapped = !starts_with_reply(text.substr(begin, 16));
            if (wrapped) {
                auto inner = wrapped_reply_start(text.substr(begin, 200));
                if (inner == std::string_view::npos) continue;
                reply_at = begin + inner;
            }
            // The last closing quote on the line, or the first one of the lines
            // below when the reply was wrapped.
            std::size_t end = line_end;
            auto close = text.substr(begin, line_end - std::min(begin, line_end)).rfind(q.close);
            if (close != std::string_view::npos) {
                end = begin + close;
            } else {
                std::size_t stop = paragraph_end(text, line_end, limit);
                auto below = text.substr(line_end, stop - line_end).find(q.close);
                if (below != std::string_view::npos) end = line_end + below;
            }
            if (end <= reply_at) continue;
            std::string_view reply = text.substr(reply_at, end - reply_at);
            if (wrapped) {  // the wrapper's closing bracket, and "#" after it in Exchange 2003's "#<...>#"
                while (!reply.empty() && (reply.back() == '#' || is_trimmed_space(reply.back()))) reply.remove_suffix(1);
                if (!reply.empty() && reply.back() == '>') reply.remove_suffix(1);
            }
            out.text = joined(reply, max_bytes);
            out.begin = reply_at;
            out.end = end;
            if (!out.text.empty()) return true;
        }
    }
    return false;
}

// Shape 1, the reply on the label's own line: "Antwort: 550 5.1.1 ...".
bool reply_after_colon(std::string_view line, std::size_t line_at, RemoteReply& out, std::size_t max_bytes) {
    for (std::string_view colon : {std::string_view(":"), kFullWidthColon}) {
        auto at = line.find(colon);
        if (at == std::string_view::npos || at == 0) continue;
        // "Status: 5.1.1" in an inline delivery report is the reporting MTA's field.
        if (iequals(trim(line.substr(0, at)), "Status")) continue;
        auto rest = line.substr(at + colon.size());
        // An ASCII label is followed by a space ("engine=2.50:5.1.1" is a value, not a label).
        if (colon == ":" && (rest.empty() || !is_trimmed_space(rest[0]))) continue;
        auto reply = ltrim(rest);
        if (reply.empty() || !starts_with_reply(reply)) continue;
        out.begin = line_at + (reply.data() - line.data());
        out.end = line_at + line.size();
        out.text = joined(reply, max_bytes);
        return !out.text.empty();
    }
    return false;
}

// Shape 1, the reply on the lines after a label: up to the next blank line.
bool reply_below_label(std::string_view text, std::size_t next_line, std::size_t limit, RemoteReply& out,
                       std::size_t max_bytes) {
    std::size_t pos = next_line;
    // "The response was:", a blank line, the reply; an HTML notice turned to text
    // (Gmail's "label:<br/>\n<p>\nreply") leaves a line break for each tag and each
    // of the source's own: up to four blank lines.
    for (int blank = 0; pos < limit; ++blank) {
        auto nl = text.find('\n', pos);
        std::size_t end = nl == std::string_view::npos || nl > limit ? limit : nl;
        if (!trim(text.substr(pos, end - pos)).empty()) break;
        if (blank == 4) return false;
        pos = end + 1;
    }
    if (pos >= limit || !starts_with_reply(text.substr(pos, std::min<std::size_t>(16, limit - pos)))) return false;
    std::size_t stop = paragraph_end(text, pos, limit);
    out.begin = pos + (ltrim(text.substr(pos, stop - pos)).data() - text.substr(pos).data());
    out.end = stop;
    out.text = joined(text.substr(pos, stop - pos), max_bytes);
    return !out.text.empty();
}

}  // namespace

bool starts_with_reply(std::string_view line) {
    auto s = ltrim(line);
    return starts_with_reply_code(s) || starts_with_enhanced_code(s);
}

bool ends_with_label_colon(std::string_view line) {
    auto t = trim(line);
    return (!t.empty() && t.back() == ':') ||
           (t.size() >= kFullWidthColon.size() && t.substr(t.size() - kFullWidthColon.size()) == kFullWidthColon);
}

RemoteReply find_remote_reply(std::string_view text, std::size_t from, std::size_t max_bytes) {
    RemoteReply out;
    if (from >= text.size()) return out;
    std::size_t limit = std::min(text.size(), from + kMaxReplyScan);
    for (std::size_t pos = from; pos < limit;) {
        auto nl = text.find('\n', pos);
        std::size_t end = nl == std::string_view::npos || nl > limit ? limit : nl;
        auto line = text.substr(pos, end - pos);
        if (hash_reply(line, pos, out, max_bytes)) return out;
        if (quoted_reply(text, pos, end, limit, out, max_bytes)) return out;
        if (reply_after_colon(line, pos, out, max_bytes)) return out;
        if (ends_with_label_colon(line) && reply_below_label(text, end + 1, limit, out, max_bytes)) return out;
        pos = end + 1;
    }
    return {};
}

}  // namespace classify
