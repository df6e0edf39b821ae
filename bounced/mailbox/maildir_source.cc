// MaildirSource (see maildir_source.h). Maildir: https://cr.yp.to/proto/maildir.html;
// folders as Maildir++ (Courier, Dovecot): PATH/.Folder/{cur,new,tmp}.
#include "bounced/common/private_file.h"
#include "bounced/mailbox/maildir_source.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <set>
#include <stdexcept>
#include <vector>

#include "bounced/common/printable.h"

namespace bounced::mailbox {

using common::printable;

namespace {

constexpr const char* kClaims = "bounced-claims";
int instances = 0;  // MaildirSources made by this process: SIGHUP makes new ones

std::string errno_text(const std::string& path) { return path + ": " + std::strerror(errno); }

void make_dir(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) throw std::runtime_error(errno_text(path));
}

// A Maildir++ folder with its three subdirectories.
void make_folder(const std::string& path) {
    make_dir(path);
    for (const char* sub : {"/cur", "/new", "/tmp"}) make_dir(path + sub);
    std::ofstream(path + "/maildirfolder", std::ios::app);  // marks it a folder for Courier and Dovecot
}

// Names of the entries of `dir` that do not start with '.'.
std::vector<std::string> list(const std::string& dir) {
    std::vector<std::string> names;
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return names;
    while (const dirent* e = ::readdir(d))
        if (e->d_name[0] != '.') names.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

std::string host_name() {
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    std::string host = buf[0] ? buf : "localhost";
    std::replace(host.begin(), host.end(), '.', '_');  // dots separate the claim-dir fields
    std::replace(host.begin(), host.end(), '/', '_');
    return host;
}

// Reads at most max_bytes + 1 bytes (more means "too large" to the classifier).
// False, with errno set, when the file cannot be opened or read (a directory: EISDIR).
bool read_bounded(const std::string& path, std::size_t max_bytes, std::string* out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // a FIFO must not block us
    if (fd < 0) return false;
    out->clear();
    char buf[64 * 1024];
    bool ok = true;
    while (out->size() <= max_bytes) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) ok = false;
        if (n <= 0) break;
        out->append(buf, static_cast<std::size_t>(n));
    }
    const int error = errno;
    ::close(fd);
    errno = error;
    if (out->size() > max_bytes + 1) out->resize(max_bytes + 1);
    return ok;
}

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// "NAME" in cur/ wants an info part: ":2,S" marks it seen for mail clients.
std::string with_seen_flag(const std::string& name) {
    return name.find(':') == std::string::npos ? name + ":2,S" : name;
}

}  // namespace

MaildirSource::MaildirSource(std::string path, const config::DaemonSettings& settings, std::size_t max_message_bytes,
                             std::shared_ptr<spdlog::logger> logger)
    : path_(std::move(path)), settings_(settings), max_message_bytes_(max_message_bytes), logger_(std::move(logger)),
      host_(host_name()), now_(steady_seconds) {
    while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
    for (const char* sub : {"/new", "/cur", "/tmp"}) {
        struct stat st;
        if (::stat((path_ + sub).c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            throw std::runtime_error(path_ + " is not a Maildir (no " + std::string(sub + 1) + "/ directory)");
    }
    if (!settings_.delete_processed) make_folder(path_ + "/" + settings_.processed_folder);
    make_folder(path_ + "/" + settings_.quarantine_folder);
    make_dir(path_ + "/" + kClaims);
    claim_dir_ = path_ + "/" + kClaims + "/" + host_ + "." + std::to_string(::getpid()) + "." +
                 std::to_string(static_cast<long long>(std::time(nullptr))) + "-" + std::to_string(++instances);
    make_dir(claim_dir_);
    inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_fd_ < 0) throw std::runtime_error(errno_text("inotify"));
    for (const char* sub : {"/new", "/cur"})
        if (::inotify_add_watch(inotify_fd_, (path_ + sub).c_str(), IN_MOVED_TO | IN_CREATE) < 0)
            logger_->warn("{}: inotify: {} (the periodic rescan still finds new messages)", path_ + sub, std::strerror(errno));
    recover_stale_claims();
}

MaildirSource::~MaildirSource() {
    if (inotify_fd_ >= 0) ::close(inotify_fd_);
    ::rmdir(claim_dir_.c_str());  // empty when every claim was acknowledged or released
}

void MaildirSource::on_watch_event() {
    char buf[16 * 1024];
    while (::read(inotify_fd_, buf, sizeof buf) > 0) {
    }
    dirty_ = true;
}

void MaildirSource::recover_stale_claims() {
    const std::string claims = path_ + "/" + kClaims;
    const std::string mine = claim_dir_.substr(claims.size() + 1);
    for (const auto& owner : list(claims)) {
        if (owner == mine) continue;
        const std::string dir = claims + "/" + owner;
        // owner: HOST.PID.START
        const auto last = owner.rfind('.'), middle = last == std::string::npos ? last : owner.rfind('.', last - 1);
        bool dead = false;
        if (middle != std::string::npos && owner.substr(0, middle) == host_) {
            const long pid = std::atol(owner.substr(middle + 1, last - middle - 1).c_str());
            dead = pid <= 0 || pid == ::getpid() || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
        }
        struct stat st;
        const bool expired = ::stat(dir.c_str(), &st) == 0 && std::difftime(std::time(nullptr), st.st_mtime) > settings_.claim_timeout;
        if (!dead && !expired) continue;
        std::size_t returned = 0;
        for (const auto& name : list(dir))
            if (::rename((dir + "/" + name).c_str(), (path_ + "/new/" + name).c_str()) == 0) ++returned;
        if (::rmdir(dir.c_str()) == 0 || returned > 0)
            logger_->info("{}: took back {} message(s) claimed by {} ({})", path_, returned, printable(owner),
                          dead ? "process gone" : "claim expired");
    }
}

void MaildirSource::scan() {
    pending_.clear();
    recover_stale_claims();
    std::set<std::string> present;
    for (const char* sub : {"new", "cur"})
        for (auto& name : list(path_ + "/" + sub)) {
            if (!retry_.empty()) present.insert(name);
            pending_.emplace_back(sub, std::move(name));
        }
    // Forget the unreadable names that are gone (deleted or moved by a person).
    for (auto it = retry_.begin(); it != retry_.end();) it = present.count(it->first) ? std::next(it) : retry_.erase(it);
}

void MaildirSource::set_retry_backoff(double first_seconds, double max_seconds, std::function<double()> now) {
    retry_first_ = first_seconds;
    retry_max_ = max_seconds;
    now_ = std::move(now);
}

std::size_t MaildirSource::take_unreadable() {
    const std::size_t n = unreadable_;
    unreadable_ = 0;
    return n;
}

bool MaildirSource::waiting(const std::string& name) const {
    const auto it = retry_.find(name);
    return it != retry_.end() && now_() < it->second.at;
}

// Logged and counted the first time only; each later failure doubles the wait.
void MaildirSource::unreadable(const std::string& name, const std::string& path, int error, const char* what) {
    auto it = retry_.find(name);
    if (it == retry_.end()) {
        if (retry_.size() >= kMaxRemembered) retry_.erase(retry_.begin());
        it = retry_.emplace(name, Retry{0, retry_first_}).first;
        ++unreadable_;
        logger_->error("cannot {} {}: {}; trying again in {} s, doubling up to {} s, without logging it again", what,
                       printable(path), std::strerror(error), retry_first_, retry_max_);
    }
    it->second.at = now_() + it->second.delay;
    it->second.delay = std::min(it->second.delay * 2, retry_max_);
}

bool MaildirSource::claim_one(const std::string& subdir, const std::string& name, ClaimedMessage* out) {
    const std::string from = path_ + "/" + subdir + "/" + name;
    bool claimed = ::rename(from.c_str(), claimed_path(name).c_str()) == 0;
    if (!claimed && errno == ENOENT && ::access(claim_dir_.c_str(), F_OK) != 0) {
        make_dir(claim_dir_);  // another daemon found our idle claim directory expired
        claimed = ::rename(from.c_str(), claimed_path(name).c_str()) == 0;
    }
    if (!claimed) {
        if (errno != ENOENT) unreadable(name, from, errno, "claim");
        return false;  // ENOENT: another daemon (or a mail client) took it first
    }
    out->id = name;
    out->source = "maildir:" + from;
    if (!read_bounded(claimed_path(name), max_message_bytes_, &out->bytes)) {
        const int error = errno;
        struct stat st;
        if (error == ENOENT && ::lstat(claimed_path(name).c_str(), &st) != 0) return false;  // taken back meanwhile
        unreadable(name, claimed_path(name), error, "read");
        release(*out);  // back into new/, where a person can see it and fix its mode
        return false;
    }
    retry_.erase(name);  // readable now
    return true;
}

std::vector<ClaimedMessage> MaildirSource::claim(std::size_t max) {
    std::vector<ClaimedMessage> claimed;
    if (pending_.empty() && dirty_) {
        dirty_ = false;
        scan();
    }
    while (claimed.size() < max && !pending_.empty()) {
        auto [subdir, name] = std::move(pending_.front());
        pending_.pop_front();
        if (waiting(name)) continue;  // unreadable, and its retry time has not come
        ClaimedMessage message;
        if (claim_one(subdir, name, &message)) claimed.push_back(std::move(message));
    }
    return claimed;
}

void MaildirSource::processed(const ClaimedMessage& message) {
    const std::string from = claimed_path(message.id);
    if (settings_.delete_processed) {
        if (::unlink(from.c_str()) != 0) logger_->error("cannot delete {}: {}", printable(from), std::strerror(errno));
        return;
    }
    const std::string to = path_ + "/" + settings_.processed_folder + "/cur/" + with_seen_flag(message.id);
    if (::rename(from.c_str(), to.c_str()) != 0)
        logger_->error("cannot move {} to {}: {}", printable(from), printable(to), std::strerror(errno));
}

void MaildirSource::quarantined(const ClaimedMessage& message, const std::string&, const std::string& why) {
    const std::string folder = path_ + "/" + settings_.quarantine_folder;
    const std::string from = claimed_path(message.id), to = folder + "/cur/" + with_seen_flag(message.id);
    if (::rename(from.c_str(), to.c_str()) != 0) {
        logger_->error("cannot move {} to {}: {}", printable(from), printable(to), std::strerror(errno));
        return;
    }
    common::create_private_file(folder + "/bounced-reasons.log");  // names subscribers: 0600
    std::ofstream(folder + "/bounced-reasons.log", std::ios::app) << with_seen_flag(message.id) << " " << printable(why, 400) << "\n";
}

void MaildirSource::release(const ClaimedMessage& message) {
    const std::string from = claimed_path(message.id), to = path_ + "/new/" + message.id;
    if (::rename(from.c_str(), to.c_str()) != 0)
        logger_->error("cannot give back {}: {}", printable(from), std::strerror(errno));
}

}  // namespace bounced::mailbox
