// daemon_problems (see daemon_config.h).
#include "bounced/cli/daemon_config.h"

#include "config/redact.h"

#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace bounced::cli
