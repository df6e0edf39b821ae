// `bounced serve`: the suppression list over HTTP, as a JSON API and a web page
// (bounced/http, docs/http.md). Runs in the foreground (systemd, Type=simple) until
// SIGTERM; SIGHUP reloads the configuration, the token among it.
#include <signal.h>

#include <iostream>

#include "bounced/cli/store_cli.h"
#include "bounced/common/logging.h"
#include "bounced/exit_code.h"
#include "bounced/http/server.h"

#include <spdlog/spdlog.h>

namespace bounced::cli {
namespace {

const config::CommandSpec kSpec{
    "bounced serve [--config FILE] [OPTIONS]",
    "Serve the suppression list over HTTP: the JSON API under /api/v1/ (every request\n"
    "with Authorization: Bearer <token>), /healthz, /metrics (Prometheus text, loopback\n"
    "only unless --metrics-from-anywhere) and the web page at /. Listens on [http] listen\n"
    "(default 127.0.0.1:8025); the token is the first line of [http] token_file, a file\n"
    "only its owner may read. SIGTERM/SIGINT finish the requests in hand and exit 0;\n"
    "SIGHUP reloads the configuration and the token (and logs everyone out of the page).\n"
    "Exit status: 0 stopped by a signal, 78 configuration unusable, 75 cannot listen (address in use).",
    {{"metrics-from-anywhere", "", "answer /metrics from any address, not only loopback"}}};

std::vector<std::string> serve_problems(const config::Settings& settings) {
    std::vector<std::string> problems;
    if (settings.store.url.empty()) problems.push_back("option 'database.url': no database configured");
    if (settings.http.token_file.empty()) problems.push_back("option 'http.token_file': the API needs a token file");
    return problems;
}

}  // namespace

int run_serve(const Args& args) {
    // Blocked from the start and taken with sigwait: no handler runs inside the server.
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, s);
    ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    if (!inv.operands.empty()) return usage_error("serve", "takes no operands");
    for (const auto& p : serve_problems(inv.settings)) std::cerr << "bounced serve: " << p << "\n";
    if (!serve_problems(inv.settings).empty()) return kExitConfig;
    std::shared_ptr<spdlog::logger> logger;
    try {
        logger = common::make_logger("serve", inv.settings);
    } catch (const std::exception& e) {
        std::cerr << "bounced serve: " << e.what() << "\n";
        return kExitConfig;
    }
    inv.settings.store.logger = logger;
    http::Context context(inv.settings, inv.has("metrics-from-anywhere"));
    http::Server server(context);
    std::string error;
    if (!server.start(inv.settings.http.host, inv.settings.http.port, &error)) {
        std::cerr << "bounced serve: " << error << "\n";
        return kExitTempFail;
    }
    logger->info("serving on http://{}:{}/", inv.settings.http.host, server.port());
    for (;;) {
        int signal = 0;
        if (::sigwait(&signals, &signal) != 0) continue;
        if (signal != SIGHUP) break;
        config::Invocation again;
        std::string why;
        if (!config::load(args, kSpec, &again, &why)) {
            logger->error("reload refused, the old settings stay: {}", why);
            continue;
        }
        if (const auto problems = serve_problems(again.settings); !problems.empty()) {
            logger->error("reload refused, the old settings stay: {}", problems.front());
            continue;
        }
        if (again.settings.http.listen != inv.settings.http.listen)
            logger->warn("http.listen changed to {}: it takes effect at the next start", again.settings.http.listen);
        again.settings.store.logger = logger;
        context.reload(again.settings);
        logger->info("configuration reloaded");
    }
    logger->info("stopping: finishing the requests in hand");
    server.stop();
    logger->info("stopped");
    return kExitOk;
}

}  // namespace bounced::cli
