// The POP3 source: every message of a POP3(S) maildrop (RFC 1939), through libcurl
// (mail_session.h). POP3 has no flags or folders: a message is deleted once its
// transaction committed, and kept otherwise.
//
// Claim: a new session (UIDL lists number and unique id of each message), RETR.
// After commit: DELE. POP3 deletes only when the session ends with QUIT, so the
// source ends the session (QUIT) as soon as every message it claimed has been
// acknowledged; a daemon that dies before leaves every message on the server, and
// the store sees the committed ones again as duplicates. Message numbers are valid
// only within one session: if libcurl had to reconnect in between, nothing of the
// old session is deleted (and a DELE sent to a new session is undone with RSET).
//
// Refused messages are written to daemon.quarantine_dir (RETR again) and then
// deleted; without a quarantine_dir they stay on the server and this daemon skips
// them (by unique id) until it restarts.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "bounced/mailbox/mail_session.h"
#include "bounced/mailbox/source.h"
#include "config/daemon_settings.h"

namespace spdlog {
class logger;
}

namespace bounced::mailbox {

class Pop3Source : public Source {
public:
    // Does not connect yet. Throws std::runtime_error when the URL or password is unusable.
    Pop3Source(const config::DaemonSettings& settings, std::size_t max_message_bytes, std::shared_ptr<spdlog::logger> logger);
    ~Pop3Source() override;

    std::string name() const override { return "pop3 " + base_url_; }
    void rescan() override { dirty_ = true; }
    std::vector<ClaimedMessage> claim(std::size_t max) override;
    void processed(const ClaimedMessage& message) override;
    void quarantined(const ClaimedMessage& message, const std::string& fingerprint, const std::string& why) override;
    void release(const ClaimedMessage& message) override;

private:
    void start_session();
    void end_session();
    bool same_session(const MailSession::Result& result, const std::string& what);
    bool delete_message(const ClaimedMessage& message);
    // id "SESSION NUMBER UIDL": which session claimed it, its number there, its unique id.
    static std::string make_id(std::uint64_t session, const std::string& number, const std::string& uidl);
    bool parse_id(const std::string& id, std::string* number, std::string* uidl) const;

    std::string base_url_;         // pop3://host:port/
    std::string quarantine_dir_;
    std::size_t max_message_bytes_;
    std::shared_ptr<spdlog::logger> logger_;
    MailSession session_;
    bool dirty_ = true, in_session_ = false;
    std::uint64_t session_number_ = 0;
    std::size_t outstanding_ = 0, deleted_ = 0;  // claimed, not acknowledged; DELE sent in this session
    std::deque<std::pair<std::string, std::string>> pending_;  // (number, uidl) listed, not yet fetched
    std::set<std::string> kept_;   // unique ids of refused messages left on the server
};

// The (number, unique id) pairs of a UIDL listing ("1 whqtswO00WBw418f9t5JxYwZ").
std::deque<std::pair<std::string, std::string>> uidl_entries(const std::string& listing);

}  // namespace bounced::mailbox
