// daemon_problems and describe_settings (see daemon_config.h).
#include "bounced/cli/daemon_config.h"

#include "config/redact.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <regex>

namespace bounced::cli {
namespace {

std::string problem(const std::string& option, const std::string& why) { return "option '" + option + "': " + why; }

bool is_dir(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string parent_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

void check_maildirs(const config::Settings& s, std::vector<std::string>& out) {
    for (const auto& dir : s.daemon.maildirs) {
        if (!is_dir(dir + "/new") || !is_dir(dir + "/cur") || !is_dir(dir + "/tmp"))
            out.push_back(problem("source.maildir", "'" + dir + "' is not a Maildir (needs cur/, new/ and tmp/)"));
        else if (::access(dir.c_str(), W_OK) != 0 || ::access((dir + "/new").c_str(), W_OK) != 0)
            out.push_back(problem("source.maildir", "'" + dir + "' is not writable by this user (messages are claimed by rename)"));
    }
}

// A password in a file others may read is refused (also the configuration file itself).
void check_secret_file(const std::string& option, const std::string& path, std::vector<std::string>& out) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) out.push_back(problem(option, "cannot read '" + path + "'"));
    else if (st.st_mode & S_IROTH) out.push_back(problem(option, "'" + path + "' is readable by others: chmod o-r it"));
}

void check_imap(const config::Settings& s, std::vector<std::string>& out) {
    const auto& d = s.daemon;
    if (d.imap_url.empty()) return;
    if (!std::regex_search(d.imap_url, std::regex("^(imap|imaps|pop3|pop3s)://[^/]+")))
        out.push_back(problem("source.imap", "must be an imap://, imaps://, pop3:// or pop3s:// URL, not '" + config::redact_secrets(d.imap_url) + "'"));
    if (!d.imap_password_file.empty()) check_secret_file("source.imap_password_file", d.imap_password_file, out);
    if (!d.imap_password.empty() && !s.config_file.empty()) check_secret_file("source.imap_password", s.config_file, out);
    if (d.imap_user.empty()) out.push_back(problem("source.imap_user", "source.imap needs a user name"));
}

}  // namespace

std::vector<std::string> daemon_problems(const config::Settings& s) {
    std::vector<std::string> out;
    if (s.store.url.empty()) out.push_back(problem("database.url", "no database configured"));
    if (s.daemon.maildirs.empty() && s.daemon.imap_url.empty())
        out.push_back(problem("source.maildir", "no source configured: set source.maildir or source.imap"));
    check_maildirs(s, out);
    check_imap(s, out);
    if (!s.daemon.quarantine_dir.empty() && !is_dir(s.daemon.quarantine_dir) && !is_dir(parent_of(s.daemon.quarantine_dir)))
        out.push_back(problem("daemon.quarantine_dir", "neither '" + s.daemon.quarantine_dir + "' nor its parent exists"));
    if (!s.daemon.log_file.empty() && !is_dir(parent_of(s.daemon.log_file)))
        out.push_back(problem("log.file", "the directory of '" + s.daemon.log_file + "' does not exist"));
    return out;
}

std::vector<std::string> describe_settings(const config::Settings& s) {
    const auto& d = s.daemon;
    const auto& p = s.store.policy;
    const auto seconds = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.10gs", v);
        return std::string(buf);
    };
    std::string maildirs;
    for (const auto& m : d.maildirs) maildirs += (maildirs.empty() ? "" : ", ") + m;
    // A password in the URL is not printed.
    const std::string url = config::redact_secrets(s.store.url);
    return {
        "config file = " + (s.config_file.empty() ? std::string("(none)") : s.config_file),
        "database.url = " + url,
        "database.schema = " + s.store.schema,
        "database.hook = " + s.store.hook_sql,
        "suppression.soft_backoff_initial = " + seconds(p.soft_backoff_initial),
        "suppression.soft_backoff_max = " + seconds(p.soft_backoff_max),
        "suppression.soft_limit = " + std::to_string(p.soft_limit),
        "suppression.soft_window = " + seconds(p.soft_window),
        "suppression.soft_min_messages = " + std::to_string(p.soft_min_messages),
        "suppression.act_on_guessed_recipients = " + std::string(p.act_on_guessed_recipients ? "true" : "false"),
        "throttle.policy_limit = " + std::to_string(p.policy_limit),
        "throttle.policy_window = " + seconds(p.policy_window),
        "throttle.policy_rate = " + std::to_string(p.policy_rate),
        "throttle.policy_min_count = " + std::to_string(p.policy_min_count),
        "throttle.duration = " + seconds(p.throttle_duration),
        "throttle.max = " + seconds(p.throttle_max),
        "throttle.memory = " + seconds(p.throttle_memory),
        "log.level = " + s.log_level,
        "log.file = " + (d.log_file.empty() ? std::string("(standard error)") : d.log_file),
        "source.maildir = " + maildirs,
        "source.imap = " + config::redact_secrets(d.imap_url),
        "source.imap_user = " + d.imap_user,
        "source.imap_password = " + std::string(d.imap_password.empty() ? "" : "***"),
        "source.imap_password_file = " + d.imap_password_file,
        "daemon.batch_size = " + std::to_string(d.batch_size),
        "daemon.rescan_interval = " + seconds(d.rescan_interval),
        "daemon.summary_interval = " + seconds(d.summary_interval),
        "daemon.backoff_max = " + seconds(d.backoff_max),
        "daemon.claim_timeout = " + seconds(d.claim_timeout),
        "daemon.processed_folder = " + d.processed_folder,
        "daemon.quarantine_folder = " + d.quarantine_folder,
        "daemon.delete_processed = " + std::string(d.delete_processed ? "true" : "false"),
        "daemon.quarantine_dir = " + d.quarantine_dir,
        "http.listen = " + s.http.listen,
        "http.token_file = " + s.http.token_file,  // the token itself is never printed
        "trust.level = " + p.trust_level,
        "trust.secrets_file = " + (s.trust.secrets_file.empty() ? std::string("(none: signed VERP off)") : s.trust.secrets_file),
        "trust.tag_max_age_days = " + std::to_string(s.trust.tag_max_age_days),
        "trust.rate_cap = " + std::to_string(p.rate_cap),
        "trust.rate_window = " + seconds(p.rate_window),
        "trust.raw = " + s.trust.raw,
        "trust.archive_dir = " + s.trust.archive_dir,
        "trust.raw_retention = " + seconds(p.raw_retention),
        "retention.events = " + seconds(s.store.events_retention),
        "limits.max_message_bytes = " + std::to_string(s.limits.max_message_bytes),
        "limits.max_mime_depth = " + std::to_string(s.limits.max_mime_depth),
        "limits.max_mime_parts = " + std::to_string(s.limits.max_mime_parts),
        "limits.max_line_bytes = " + std::to_string(s.limits.max_line_bytes),
        "limits.max_parse_work = " + std::to_string(s.limits.max_parse_work),
        "limits.max_recipients = " + std::to_string(s.limits.max_recipients),
        "limits.max_diagnostic_bytes = " + std::to_string(s.limits.max_diagnostic_bytes),
        "limits.max_scan_bytes = " + std::to_string(s.limits.max_scan_bytes),
    };
}

}  // namespace bounced::cli
