// `bounced run --config FILE`: the daemon (bounced/pipeline/daemon.h) with the sources the
// configuration names. Runs in the foreground (systemd, Type=simple) until SIGTERM.
#include <signal.h>

#include <iostream>

#include "bounced/cli/daemon_config.h"
#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"
#include "bounced/mailbox/imap_source.h"
#include "bounced/mailbox/maildir_source.h"
#include "bounced/mailbox/pop3_source.h"
#include "bounced/pipeline/daemon.h"

namespace bounced::cli {
namespace {

const config::CommandSpec kSpec{
    "bounced run [--config FILE] [OPTIONS]",
    "Run the bounce daemon in the foreground: drain the configured Maildirs (and\n"
    "IMAP/POP3 mailbox), classify every message, apply it to the store, and only\n"
    "then move it to the processed folder (or the quarantine folder, when it cannot be\n"
    "read). SIGTERM/SIGINT finish the batch in hand and exit 0; SIGHUP reloads the\n"
    "configuration. While the database is down, messages stay where they are.\n"
    "Exit status: 0 stopped by a signal, 78 configuration unusable.",
    {}};

std::vector<std::unique_ptr<mailbox::Source>> make_sources(const config::Settings& settings, std::shared_ptr<spdlog::logger> logger) {
    std::vector<std::unique_ptr<mailbox::Source>> sources;
    const std::size_t max_bytes = settings.limits.max_message_bytes;
    for (const auto& path : settings.daemon.maildirs)
        sources.push_back(std::make_unique<mailbox::MaildirSource>(path, settings.daemon, max_bytes, logger));
    const std::string& url = settings.daemon.imap_url;
    if (url.rfind("pop3", 0) == 0) sources.push_back(std::make_unique<mailbox::Pop3Source>(settings.daemon, max_bytes, logger));
    else if (!url.empty()) sources.push_back(std::make_unique<mailbox::ImapSource>(settings.daemon, max_bytes, logger));
    return sources;
}

}  // namespace

int run_daemon(const Args& args) {
    // Blocked from the start, so a SIGTERM during start-up waits for the signalfd
    // instead of killing the process half-way.
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, s);
    ::sigprocmask(SIG_BLOCK, &signals, nullptr);
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    if (!inv.operands.empty()) return usage_error("run", "takes no operands");
    const auto problems = daemon_problems(inv.settings);
    for (const auto& p : problems) std::cerr << "bounced run: " << p << "\n";
    if (!problems.empty()) return kExitConfig;
    auto reload = [args](config::Settings* out, std::string* error) {
        config::Invocation again;
        if (!config::load(args, kSpec, &again, error)) return false;
        const auto problems = daemon_problems(again.settings);
        if (!problems.empty()) return *error = problems.front(), false;
        *out = again.settings;
        return true;
    };
    pipeline::Daemon daemon(inv.settings, make_sources, reload);
    return daemon.run();
}

}  // namespace bounced::cli
