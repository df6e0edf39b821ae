// `bounced classify`: read messages, classify them, print the results. Touches no
// database; useful on its own to look at a mailbox, and the way the tests and the
// corpus scorer see the classifier.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "bounced/cli/classify_output.h"
#include "bounced/cli/commands.h"
#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"
#include "bounced/mailbox/message_reader.h"
#include "classify/classifier.h"
#include "config/load.h"

namespace bounced::cli {

using mailbox::InputMessage;
using mailbox::read_messages;

namespace {

const config::CommandSpec kSpec{
    "bounced classify [--format jsonl|table] PATH...",
    "Classify bounce messages and print, for every recipient, the status code, the\n"
    "SMTP reply code, the reason (userunknown, mailboxfull, blocked, ...) and the class\n"
    "(hard, soft, policy, complaint, autoreply, delivered, delayed).\n"
    "PATH is a message file, a Maildir, a directory of message files, an mbox file,\n"
    "or - for standard input. Nothing is written anywhere but standard output.\n"
    "Exit status: 0 all read, 2 some path could not be read (the rest were), 64 usage.",
    {{"format", "FORMAT", "jsonl (default): one JSON object per recipient; table: for a person"},
     {"hold-out", "FAMILY",
      "for measuring the rules (bench/leave_one_out.py): leave out the rule rows and\n"
      "the format decoder written for one family of bounces, e.g. lhost-postfix"}},
};

// One result line is some 600 bytes: with stdio's 4 KiB buffer, writing results to
// a file cost one write system call per few lines (5% of a bench run). A file or a
// pipe gets them 64 KiB at a time; a terminal still sees each line as it comes.
void buffer_results_unless_terminal() {
    static char buffer[64 * 1024];
    if (!::isatty(STDOUT_FILENO)) std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
}

}  // namespace

int run_classify(const Args& args) {
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    std::string format = inv.get("format", "jsonl");
    if (format != "jsonl" && format != "table") {
        std::cerr << "bounced classify: option 'format': must be jsonl or table, not '" << format << "'\n";
        return kExitUsage;
    }
    if (inv.operands.empty()) {
        std::cerr << "bounced classify: name at least one PATH (or - for standard input)\n";
        return kExitUsage;
    }
    buffer_results_unless_terminal();
    const classify::Limits& limits = inv.settings.limits;
    const std::string hold_out = inv.get("hold-out", "");
    TableWriter table(std::cout);
    bool all_read = true;
    auto on_message = [&](InputMessage&& message) {
        classify::Report report = classify::classify_message(message.bytes, limits, hold_out);
        if (format == "jsonl") write_jsonl(std::cout, message.source, report);
        else table.write(message.source, report);
    };
    auto on_error = [&](const std::string& path, const std::string& why) {
        std::cerr << "bounced classify: " << path << ": " << why << "\n";
    };
    for (const auto& path : inv.operands)
        all_read = read_messages(path, limits.max_message_bytes, on_message, on_error) && all_read;
    if (format == "table") table.finish();
    std::cout.flush();
    return all_read ? kExitOk : kExitFailure;
}

}  // namespace bounced::cli
