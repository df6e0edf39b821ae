// The IMAP source: unseen messages of one mailbox on an IMAP(S) server (Dovecot,
// Cyrus, Exchange, Gmail), through libcurl (mail_session.h). RFC 9051/3501 commands
// by UID, so a reconnect in between changes nothing.
//
// Claim: UID SEARCH UNSEEN UNDELETED, then UID FETCH BODY.PEEK[] (the message is not
// marked \Seen by reading it: a daemon that dies before the commit leaves the
// mailbox as it was). After commit: \Seen and UID MOVE into the processed folder
// (daemon.processed_folder without Maildir++'s leading dot: "Processed"; COPY,
// \Deleted and UID EXPUNGE where the server has no MOVE); with
// daemon.delete_processed, \Deleted and UID EXPUNGE instead; with an empty processed
// folder, only \Seen. Refused messages are moved into the quarantine folder
// ("Quarantine") and the reason is logged.
//
// IMAP has no atomic claim: two daemons on one mailbox may both fetch a message; the
// store applies it once (its fingerprint) and the second move finds it gone.
//
// A UID names a message only under one UIDVALIDITY (RFC 9051 2.3.1.1): a mailbox
// recreated between a fetch and its commit may give the same UID to another message.
// Each rescan reads the mailbox's UIDVALIDITY (STATUS), and every command about a
// message carries the one it was fetched under (";UIDVALIDITY=" in the URL, which
// libcurl checks when it selects the mailbox): the acknowledgement of a message of
// the old mailbox fails, and nothing of the new one is moved unread.
#pragma once

#include <deque>
#include <memory>
#include <set>
#include <string>

#include "bounced/mailbox/mail_session.h"
#include "bounced/mailbox/source.h"
#include "config/daemon_settings.h"

namespace spdlog {
class logger;
}

namespace bounced::mailbox {

class ImapSource : public Source {
public:
    // Does not connect yet: a server that is down is logged at each claim(), as the
    // daemon retries. Throws std::runtime_error when the URL or password is unusable.
    ImapSource(const config::DaemonSettings& settings, std::size_t max_message_bytes, std::shared_ptr<spdlog::logger> logger);

    std::string name() const override { return "imap " + mailbox_url_; }
    void rescan() override { dirty_ = true; }
    std::vector<ClaimedMessage> claim(std::size_t max) override;
    void processed(const ClaimedMessage& message) override;
    void quarantined(const ClaimedMessage& message, const std::string& fingerprint, const std::string& why) override;
    void release(const ClaimedMessage& message) override { in_hand_.erase(message.id); }

private:
    void prepare_folders();
    void refresh_uid_validity();
    std::string url_at(const std::string& uid_validity) const;
    bool fetch(const std::string& uid, ClaimedMessage* out);
    bool command(const std::string& url, const std::string& text, const std::string& what);
    bool put_away(const std::string& claim_id, const std::string& folder);

    std::string base_url_;       // imap://host:port/
    std::string mailbox_url_;    // imap://host:port/INBOX
    std::string mailbox_;        // INBOX: the name for STATUS
    std::string processed_folder_, quarantine_folder_;  // "" for none
    bool delete_processed_;
    std::size_t max_message_bytes_;
    std::shared_ptr<spdlog::logger> logger_;
    MailSession session_;
    bool dirty_ = true, folders_ready_ = false, move_supported_ = true;
    std::string uid_validity_;         // the mailbox's at the last rescan; "" if it names none
    std::deque<std::string> pending_;  // UIDs found unseen under uid_validity_, not yet fetched
    std::set<std::string> in_hand_;    // claim ids ("UIDVALIDITY/UID") fetched, not yet acknowledged
};

// "Processed" for ".Processed": an IMAP folder name from a Maildir++ one.
std::string imap_folder_name(const std::string& maildir_folder);
// The UIDs of "* SEARCH 3 7 9" lines.
std::deque<std::string> search_uids(const std::string& untagged);
// The UIDVALIDITY of a "* STATUS INBOX (UIDVALIDITY 1700000000)" line, or "".
std::string status_uid_validity(const std::string& untagged);

}  // namespace bounced::mailbox
