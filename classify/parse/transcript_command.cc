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
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = trim(text.substr(start, end - start));
        if (starts_with(line, ">>> ")) last_command = verb_of(line.substr(4));
        else if (starts_with(line, "<<< ") && !last_command.empty() && icontains(line, mailbox))
            return last_command;
        start = end + 1;
    }
    return {};
}

std::string command_in_words(std::string_view diagnostic) {
    struct Said {
        std::string_view words;
        std::string_view verb;
    };
    static constexpr Said kSaid[] = {
        {"after mail from", "MAIL"},      {"in reply to mail from", "MAIL"}, {"after rcpt to", "RCPT"},
        {"in reply to rcpt to", "RCPT"},  {"after end of data", "DATA"},    {"in reply to end of data", "DATA"},
        {"in reply to data", "DATA"},     {"after pipelined data", "DATA"}, {"after initial connection", "CONN"},
        {"after pipelined mail from", "MAIL"}, {"after pipelined rcpt to", "RCPT"},
    };
    std::string_view verb;
    for (const auto& said : kSaid) {
        if (!icontains(diagnostic, said.words)) continue;
        if (!verb.empty() && verb != said.verb) return {};
        verb = said.verb;
    }
    return std::string(verb);
}

}  // namespace classify
