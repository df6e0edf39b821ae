#include "classify/parse/transcript_command.h"

#include "classify/text.h"

namespace classify {
namespace {

// "RCPT To:<a@example.jp>" -> "RCPT"; "DATA" -> "DATA".
std::string verb_of(std::string_view command) {
    command = trim(command);
    std::string verb;
    for (char c : command.substr(0, command.find_first_of(" :\t")))
        verb += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return verb;
}

// "dns; mx.example.com." or "mx.example.com [192.0.2.25]:" -> "mx.example.com".
std::string_view host_of(std::string_view s) {
    if (auto type = s.find(';'); type != std::string_view::npos) s = s.substr(type + 1);
    s = trim(s);
    s = s.substr(0, s.find_first_of(" \t["));
    while (!s.empty() && (s.back() == '.' || s.back() == ':')) s.remove_suffix(1);
    return s;
}

// The host a line of the session heads a block for, "" when it heads none:
// Sendmail's "... while talking to mx.example.com.:" (deliver.c) and Courier's
// "mx.example.com [192.0.2.25]:" (module.dsn).
std::string_view block_host(std::string_view line) {
    constexpr std::string_view kTalking = "while talking to ";
    if (auto at = ifind(line, kTalking); at != std::string_view::npos) return host_of(line.substr(at + kTalking.size()));
    auto space = line.find(' ');
    if (line.empty() || line.back() != ':' || space == std::string_view::npos) return {};
    std::string_view address = trim(line.substr(space, line.size() - 1 - space));
    std::string_view host = host_of(line);
    if (address.size() < 3 || address.front() != '[' || address.back() != ']' ||
        host.find('.') == std::string_view::npos || host.find_first_of("<>@") != std::string_view::npos)
        return {};
    return host;
}

// A "<<< " line is the recipient's reply (`said`, spaces squeezed): the same
// words, or the first line of a reply of several that the Diagnostic-Code joins.
bool says_reply(std::string_view line_reply, std::string_view said) {
    std::string got = squeeze_spaces(trim(line_reply));
    if (got.size() < 3 || said.size() < got.size() || !iequals(said.substr(0, got.size()), got)) return false;
    // A bare code is the start of every reply with that code: only the whole.
    return said.size() == got.size() || (got.size() > 4 && said[got.size()] == ' ');
}

bool is_refusal(std::string_view reply) {
    reply = trim(reply);
    return !reply.empty() && (reply[0] == '4' || reply[0] == '5');
}

}  // namespace

std::string command_in_transcript(std::string_view text, std::string_view recipient, std::string_view remote_mta,
                                  std::string_view reply) {
    recipient = trim(recipient);
    // The local part and its "@": a relay may rewrite the domain the transcript shows.
    auto at = recipient.find('@');
    if (at == std::string_view::npos || at == 0 || text.find(">>> ") == std::string_view::npos) return {};
    std::string_view mailbox = recipient.substr(0, at + 1);
    // Without the host there is no telling whose block a bare reply is in.
    std::string_view host = host_of(remote_mta);
    std::string said = host.empty() ? std::string() : squeeze_spaces(trim(reply));
    std::string last_command;
    bool command_names_recipient = false;
    bool in_host = false;       // the line is in the block of the recipient's host
    std::string block_command;  // the last command sent in this block
    std::string by_reply;       // the command the recipient's reply answered there
    bool two_by_reply = false;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;
        if (starts_with(line, ">>> ")) {
            last_command = block_command = verb_of(line.substr(4));
            command_names_recipient = icontains(line, mailbox);
        } else if (starts_with(line, "<<< ") && !last_command.empty()) {
            // The reply names the recipient, or answers a command that named it
            // (">>> RCPT To:<a@b>" then "<<< 550 User unknown"): a refusal, not the
            // "250 OK" of a recipient refused later.
            std::string_view answer = line.substr(4);
            if (icontains(line, mailbox) || (command_names_recipient && is_refusal(answer))) return last_command;
            // An RCPT that names another address was refused for that one.
            bool other_rcpt = block_command == "RCPT" && !command_names_recipient;
            if (in_host && !block_command.empty() && !other_rcpt && is_refusal(answer) && says_reply(answer, said)) {
                if (by_reply.empty()) by_reply = block_command;
                else if (by_reply != block_command) two_by_reply = true;
            }
        } else if (!said.empty()) {
            if (std::string_view heads = block_host(line); !heads.empty()) {
                in_host = iequals(heads, host);
                block_command.clear();
            }
        }
    }
    return two_by_reply ? std::string() : by_reply;
}

namespace {

// A reporting MTA's words for the command a reply answered (Exim's "after ...",
// Postfix's "in reply to ... command").
struct Said {
    std::string_view words;
    std::string_view verb;
};
constexpr Said kSaid[] = {
    {"after mail from", "MAIL"},      {"in reply to mail from", "MAIL"}, {"after rcpt to", "RCPT"},
    {"in reply to rcpt to", "RCPT"},  {"after end of data", "DATA"},    {"in reply to end of data", "DATA"},
    {"in reply to data", "DATA"},     {"after pipelined data", "DATA"}, {"after initial connection", "CONN"},
    {"after pipelined mail from", "MAIL"}, {"after pipelined rcpt to", "RCPT"},
};

}  // namespace

std::string command_in_words(std::string_view diagnostic) {
    std::string_view verb;
    for (const auto& said : kSaid) {
        if (!icontains(diagnostic, said.words)) continue;
        if (!verb.empty() && verb != said.verb) return {};
        verb = said.verb;
    }
    return std::string(verb);
}

std::string command_in_paragraph(std::string_view paragraph) {
    std::size_t best = std::string_view::npos;
    std::string verb;
    for (const auto& said : kSaid) {
        auto at = ifind(paragraph, said.words);
        if (at < best) best = at, verb = std::string(said.verb);
    }
    // The paragraph may come with its lines joined: the marker, not a line start.
    auto sent = paragraph.find(">>> ");
    if (sent != std::string_view::npos && sent < best) return verb_of(paragraph.substr(sent + 4));
    return verb;
}

bool says_only_the_reply_code(std::string_view verdict) {
    verdict = trim(verdict);
    if (!verdict.empty() && verdict.back() == '.') verdict.remove_suffix(1);
    return iequals(verdict, "User unknown") || iequals(verdict, "Service unavailable") ||
           iequals(verdict, "Remote protocol error");
}

}  // namespace classify
