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

}  // namespace

std::string command_in_transcript(std::string_view text, std::string_view recipient) {
    recipient = trim(recipient);
    // The local part and its "@": a relay may rewrite the domain the transcript shows.
    auto at = recipient.find('@');
    if (at == std::string_view::npos || at == 0 || text.find(">>> ") == std::string_view::npos) return {};
    std::string_view mailbox = recipient.substr(0, at + 1);
    std::string last_command;
    bool command_names_recipient = false;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = trim(text.substr(start, end - start));
        if (starts_with(line, ">>> ")) {
            last_command = verb_of(line.substr(4));
            command_names_recipient = icontains(line, mailbox);
        } else if (starts_with(line, "<<< ") && !last_command.empty()) {
            // The reply names the recipient, or answers a command that named it
            // (">>> RCPT To:<a@b>" then "<<< 550 User unknown"): a refusal, not the
            // "250 OK" of a recipient refused later.
            char code = trim(line.substr(4)).empty() ? ' ' : trim(line.substr(4))[0];
            if (icontains(line, mailbox) || (command_names_recipient && (code == '4' || code == '5'))) return last_command;
        }
        start = end + 1;
    }
    return {};
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

}  // namespace classify
