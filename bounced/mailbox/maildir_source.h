// The Maildir source: messages delivered to new/ (or moved to cur/ by a mail client)
// of a Maildir that Postfix or Dovecot writes.
//
// Claim: rename(2) into bounced-claims/HOST.PID.START/ inside the Maildir. rename is
// atomic, so among several daemons sharing the Maildir (also over NFS, on several
// machines) exactly one gets each message. After commit the message is renamed into
// the processed folder (a Maildir++ folder, .Processed by default) or, if the
// classifier refused it, into the quarantine folder (.Quarantine) with a line in its
// bounced-reasons.log; nothing is deleted unless daemon.delete_processed is set.
//
// A daemon that died leaves its claims behind. Claims of a process on this host that
// no longer exists, and claims of any daemon older than daemon.claim_timeout, are
// renamed back into new/ and processed again (as duplicates if they had been
// committed). New messages are noticed through inotify on new/ and cur/, and by the
// periodic rescan.
//
// A message that cannot be claimed or read (Postfix local(8) writes them 0600, so a
// daemon running as another user gets EACCES) is logged once, counted once (see
// take_unreadable()), and left in new/ untouched until its retry time: 1 s, doubling
// to 5 min, per file name. Giving it back fires inotify, so without the backoff the
// daemon would claim it again at once, for ever. Other messages go on meanwhile.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "bounced/mailbox/source.h"
#include "config/daemon_settings.h"

namespace spdlog {
class logger;
}

namespace bounced::mailbox {

class MaildirSource : public Source {
public:
    // Creates the processed and quarantine folders and the claim directory, and
    // starts watching. Throws std::runtime_error naming the path when the Maildir
    // cannot be used.
    MaildirSource(std::string path, const config::DaemonSettings& settings, std::size_t max_message_bytes,
                  std::shared_ptr<spdlog::logger> logger);
    ~MaildirSource() override;

    std::string name() const override { return "maildir " + path_; }
    int watch_fd() const override { return inotify_fd_; }
    void on_watch_event() override;
    void rescan() override { dirty_ = true; }
    std::vector<ClaimedMessage> claim(std::size_t max) override;
    void processed(const ClaimedMessage& message) override;
    void quarantined(const ClaimedMessage& message, const std::string& fingerprint, const std::string& why) override;
    void release(const ClaimedMessage& message) override;
    std::size_t take_unreadable() override;

    // Tests: the first retry delay, its cap, and the clock (seconds) the backoff reads.
    void set_retry_backoff(double first_seconds, double max_seconds, std::function<double()> now);

private:
    struct Retry {
        double at = 0;     // not claimed again before this time
        double delay = 0;  // the next wait, doubled at each failure up to retry_max_
    };
    // Names kept in retry_. Beyond, the first name goes: Maildir names begin with their
    // delivery time, so it is about the oldest. It is then logged again when seen.
    static constexpr std::size_t kMaxRemembered = 10000;

    void scan();
    bool waiting(const std::string& name) const;
    void unreadable(const std::string& name, const std::string& path, int error, const char* what);
    void recover_stale_claims();
    bool claim_one(const std::string& subdir, const std::string& name, ClaimedMessage* out);
    std::string claimed_path(const std::string& name) const { return claim_dir_ + "/" + name; }

    std::string path_;
    config::DaemonSettings settings_;
    std::size_t max_message_bytes_;
    std::shared_ptr<spdlog::logger> logger_;
    std::string claim_dir_;        // PATH/bounced-claims/HOST.PID.START
    std::string host_;
    int inotify_fd_ = -1;
    bool dirty_ = true;            // look at new/ and cur/ at the next claim()
    std::deque<std::pair<std::string, std::string>> pending_;  // (new|cur, name) seen, not yet claimed
    std::map<std::string, Retry> retry_;  // names that could not be claimed or read
    std::size_t unreadable_ = 0;          // newly unreadable names since take_unreadable()
    double retry_first_ = 1, retry_max_ = 300;
    std::function<double()> now_;
};

}  // namespace bounced::mailbox
