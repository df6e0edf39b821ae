// Pop3Source (see pop3_source.h). RFC 1939: UIDL, RETR, DELE, RSET, QUIT.
#include "bounced/mailbox/pop3_source.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <sstream>
#include <stdexcept>

#include "bounced/common/printable.h"
#include "bounced/mailbox/quarantine_dir.h"

namespace bounced::mailbox {

using common::printable;

namespace {

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

std::deque<std::pair<std::string, std::string>> uidl_entries(const std::string& listing) {
    std::deque<std::pair<std::string, std::string>> entries;
    std::istringstream lines(listing);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string number, uidl;
        if (words >> number >> uidl && all_digits(number)) entries.emplace_back(number, uidl);
    }
    return entries;
}

Pop3Source::Pop3Source(const config::DaemonSettings& settings, std::size_t max_message_bytes,
                       std::shared_ptr<spdlog::logger> logger)
    : base_url_(url_base(settings.imap_url)),
      quarantine_dir_(settings.quarantine_dir),
      max_message_bytes_(max_message_bytes),
      logger_(std::move(logger)),
      session_(mail_server_options(settings)) {
    if (base_url_.empty() || base_url_.compare(0, 4, "pop3") != 0)
        throw std::runtime_error("option 'source.imap': not a pop3:// or pop3s:// URL: '" + settings.imap_url + "'");
}

Pop3Source::~Pop3Source() { end_session(); }

std::string Pop3Source::make_id(std::uint64_t session, const std::string& number, const std::string& uidl) {
    return std::to_string(session) + " " + number + " " + uidl;
}

bool Pop3Source::parse_id(const std::string& id, std::string* number, std::string* uidl) const {
    std::istringstream words(id);
    std::uint64_t session = 0;
    return words >> session >> *number >> *uidl && in_session_ && session == session_number_;
}

// The session's deletions take effect with QUIT (RFC 1939, the UPDATE state).
void Pop3Source::end_session() {
    if (!in_session_) return;
    in_session_ = false;
    pending_.clear();
    if (deleted_ > 0) {
        const auto quit = session_.perform(base_url_, "QUIT", true);
        if (quit.ok && !quit.new_connection)
            logger_->debug("{}: session ended, {} message(s) deleted", name(), deleted_);
        else
            logger_->warn("{}: QUIT failed, {} message(s) stay on the server and will be seen again as duplicates: {}",
                          name(), deleted_, printable(quit.error, 300));
    }
    deleted_ = 0;
    session_.close();
}

void Pop3Source::start_session() {
    end_session();
    const auto listing = session_.perform(base_url_, "UIDL", false, true);
    if (!listing.ok) {
        session_.close();
        throw std::runtime_error("UIDL: " + listing.error);  // the daemon logs it; retried at the rescan
    }
    in_session_ = true;
    ++session_number_;
    for (auto& entry : uidl_entries(listing.body))
        if (kept_.count(entry.second) == 0) pending_.push_back(std::move(entry));
}

// false (and the session abandoned) when libcurl had to connect again for `result`:
// the message numbers of the old session mean nothing in the new one.
bool Pop3Source::same_session(const MailSession::Result& result, const std::string& what) {
    if (!result.new_connection) return true;
    logger_->warn("{}: the connection was lost before {}; the messages of that session stay on the server", name(), what);
    if (result.ok) session_.perform(base_url_, "RSET", true);  // undo what reached the new session
    in_session_ = false;
    pending_.clear();
    deleted_ = 0;
    session_.close();
    return false;
}

std::vector<ClaimedMessage> Pop3Source::claim(std::size_t max) {
    std::vector<ClaimedMessage> claimed;
    if (outstanding_ == 0 && deleted_ > 0) end_session();  // commit the deletions now
    if (pending_.empty()) {
        if (!dirty_ || outstanding_ > 0) return claimed;
        dirty_ = false;
        start_session();
        if (pending_.size() > max) dirty_ = true;  // look again once this session is done
    }
    while (claimed.size() < max && !pending_.empty()) {
        const auto [number, uidl] = pending_.front();
        pending_.pop_front();
        const auto retr = session_.perform(base_url_ + number, "", false, false, max_message_bytes_);
        if (!same_session(retr, "RETR " + number)) break;
        if (!retr.ok) {
            logger_->warn("{}: RETR {}: {}", name(), number, printable(retr.error, 300));
            continue;
        }
        ClaimedMessage message;
        message.id = make_id(session_number_, number, uidl);
        message.source = "pop3:" + base_url_ + ";UIDL=" + printable(uidl, 80);
        message.bytes = retr.body;
        ++outstanding_;
        claimed.push_back(std::move(message));
    }
    return claimed;
}

bool Pop3Source::delete_message(const ClaimedMessage& message) {
    std::string number, uidl;
    if (!parse_id(message.id, &number, &uidl)) {
        logger_->warn("{}: {} was claimed in an earlier session; it stays on the server", name(), printable(message.source));
        return false;
    }
    const auto dele = session_.perform(base_url_ + number, "DELE", true);
    if (!same_session(dele, "DELE " + number)) return false;
    if (!dele.ok) {
        logger_->warn("{}: DELE {}: {}", name(), number, printable(dele.error, 300));
        return false;
    }
    ++deleted_;
    return true;
}

void Pop3Source::processed(const ClaimedMessage& message) {
    if (outstanding_ > 0) --outstanding_;
    delete_message(message);
}

void Pop3Source::quarantined(const ClaimedMessage& message, const std::string& fingerprint, const std::string& why) {
    if (outstanding_ > 0) --outstanding_;
    std::string number, uidl;
    const bool current = parse_id(message.id, &number, &uidl);
    std::string kept_where;
    if (!quarantine_dir_.empty() && current) {
        const auto retr = session_.perform(base_url_ + number, "", false, false, max_message_bytes_);
        if (same_session(retr, "RETR " + number) && retr.ok) {
            const std::string error = QuarantineDir(quarantine_dir_).keep(retr.body, fingerprint, why);
            if (error.empty() && delete_message(message)) kept_where = quarantine_dir_;
            else if (!error.empty()) logger_->error("{}: cannot quarantine {}: {}", name(), printable(message.source), printable(error));
        }
    }
    if (kept_where.empty()) {
        kept_.insert(uidl);
        kept_where = "the server (skipped until restart)";
    }
    logger_->warn("{}: {} kept in {}: {}", name(), printable(message.source), printable(kept_where), printable(why, 400));
}

void Pop3Source::release(const ClaimedMessage&) {
    if (outstanding_ > 0) --outstanding_;
}

}  // namespace bounced::mailbox
