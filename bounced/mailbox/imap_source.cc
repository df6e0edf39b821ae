// ImapSource (see imap_source.h). Commands: RFC 9051 (UID SEARCH, UID FETCH
// BODY.PEEK[], UID STORE, UID EXPUNGE), RFC 6851 (UID MOVE), RFC 4315 (UIDPLUS).
#include "bounced/mailbox/imap_source.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <sstream>
#include <stdexcept>

#include "bounced/common/printable.h"

namespace bounced::mailbox {

using common::printable;

namespace {

// An IMAP astring for a folder name: quoted, with \ and " escaped.
std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// A claimed message's id: the UIDVALIDITY it was fetched under, and its UID.
std::string claim_id(const std::string& uid_validity, const std::string& uid) { return uid_validity + "/" + uid; }
std::string uid_of(const std::string& claim_id) { return claim_id.substr(claim_id.find('/') + 1); }
std::string uid_validity_of(const std::string& claim_id) { return claim_id.substr(0, claim_id.find('/')); }

}  // namespace

std::string imap_folder_name(const std::string& maildir_folder) {
    return !maildir_folder.empty() && maildir_folder[0] == '.' ? maildir_folder.substr(1) : maildir_folder;
}

std::deque<std::string> search_uids(const std::string& untagged) {
    std::deque<std::string> uids;
    std::istringstream lines(untagged);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string star, keyword, uid;
        if (!(words >> star >> keyword) || star != "*" || keyword != "SEARCH") continue;
        while (words >> uid && std::isdigit(static_cast<unsigned char>(uid[0]))) uids.push_back(uid);  // until "(MODSEQ n)"
    }
    return uids;
}

std::string status_uid_validity(const std::string& untagged) {
    std::istringstream lines(untagged);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.compare(0, 9, "* STATUS ") != 0) continue;
        const auto at = line.find("UIDVALIDITY ");
        if (at == std::string::npos) continue;
        std::string digits;
        for (std::size_t i = at + 12; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])); ++i) digits += line[i];
        if (!digits.empty() && digits.size() <= 10) return digits;  // RFC 9051: a 32-bit nz-number
    }
    return {};
}

ImapSource::ImapSource(const config::DaemonSettings& settings, std::size_t max_message_bytes,
                       std::shared_ptr<spdlog::logger> logger)
    : base_url_(url_base(settings.imap_url)),
      processed_folder_(imap_folder_name(settings.processed_folder)),
      quarantine_folder_(imap_folder_name(settings.quarantine_folder)),
      delete_processed_(settings.delete_processed),
      max_message_bytes_(max_message_bytes),
      logger_(std::move(logger)),
      session_(mail_server_options(settings)) {
    if (base_url_.empty() || base_url_.compare(0, 4, "imap") != 0)
        throw std::runtime_error("option 'source.imap': not an imap:// or imaps:// URL: '" + settings.imap_url + "'");
    std::string mailbox = url_path(settings.imap_url);
    if (const auto semicolon = mailbox.find(';'); semicolon != std::string::npos) mailbox.resize(semicolon);
    while (!mailbox.empty() && mailbox.back() == '/') mailbox.pop_back();
    if (mailbox.empty()) mailbox = "INBOX";
    mailbox_url_ = base_url_ + mailbox;
    mailbox_ = url_decoded(mailbox);
}

std::string ImapSource::url_at(const std::string& uid_validity) const {
    return uid_validity.empty() ? mailbox_url_ : mailbox_url_ + ";UIDVALIDITY=" + uid_validity;
}

bool ImapSource::command(const std::string& url, const std::string& text, const std::string& what) {
    const auto result = session_.perform(url, text, true);
    if (!result.ok) logger_->warn("{}: {}: {}", name(), what, printable(result.error, 400));
    return result.ok;
}

// Whether the server can MOVE; the folders, created (CREATE fails when one exists: fine).
void ImapSource::prepare_folders() {
    const auto capability = session_.perform(base_url_, "CAPABILITY");
    if (!capability.ok) throw std::runtime_error("CAPABILITY: " + capability.error);
    move_supported_ = (" " + capability.body).find(" MOVE") != std::string::npos;
    for (const auto& folder : {processed_folder_, quarantine_folder_}) {
        if (folder.empty() || (folder == processed_folder_ && delete_processed_)) continue;
        const auto created = session_.perform(base_url_, "CREATE " + quoted(folder), true);
        if (created.ok) logger_->info("{}: created folder {}", name(), printable(folder));
        session_.perform(base_url_, "SUBSCRIBE " + quoted(folder), true);
    }
    folders_ready_ = true;
}

// Read at each rescan. A change means the mailbox was recreated: the UIDs in hand
// belong to the old one, and their acknowledgements (under the old UIDVALIDITY) fail.
void ImapSource::refresh_uid_validity() {
    const auto status = session_.perform(base_url_, "STATUS " + quoted(mailbox_) + " (UIDVALIDITY)");
    if (!status.ok) throw std::runtime_error("STATUS: " + status.error);
    const std::string now = status_uid_validity(status.body);
    if (!uid_validity_.empty() && now != uid_validity_)
        logger_->warn("{}: UIDVALIDITY {} is now {}: the mailbox was recreated; messages fetched before stay where "
                      "they are and are fetched again", name(), uid_validity_, printable(now));
    uid_validity_ = now;
}

bool ImapSource::fetch(const std::string& uid, ClaimedMessage* out) {
    const std::string url = url_at(uid_validity_);
    const auto result = session_.perform(url, "UID FETCH " + uid + " BODY.PEEK[]", false, false, max_message_bytes_ + (1 << 20));
    if (!result.ok) {
        pending_.clear();  // perhaps under another UIDVALIDITY now: search again
        dirty_ = true;
        throw std::runtime_error("UID FETCH " + uid + ": " + result.error);
    }
    if (!literal_of(result.response, max_message_bytes_, &out->bytes)) return false;  // gone meanwhile
    out->id = claim_id(uid_validity_, uid);
    out->source = "imap:" + url + "/;UID=" + uid;
    return true;
}

std::vector<ClaimedMessage> ImapSource::claim(std::size_t max) {
    std::vector<ClaimedMessage> claimed;
    if (pending_.empty()) {
        if (!dirty_) return claimed;
        dirty_ = false;  // a server that fails is tried again at the next rescan
        if (!folders_ready_) prepare_folders();
        refresh_uid_validity();
        const auto found = session_.perform(url_at(uid_validity_), "UID SEARCH UNSEEN UNDELETED");
        if (!found.ok) throw std::runtime_error("UID SEARCH: " + found.error);  // the daemon logs it
        for (auto& uid : search_uids(found.body))
            if (in_hand_.count(claim_id(uid_validity_, uid)) == 0) pending_.push_back(std::move(uid));
        // More than one batch: the next claim() looks again once these are taken.
        if (pending_.size() > max) dirty_ = true;
    }
    while (claimed.size() < max && !pending_.empty()) {
        const std::string uid = pending_.front();
        ClaimedMessage message;
        if (fetch(uid, &message)) {
            in_hand_.insert(message.id);
            claimed.push_back(std::move(message));
        }
        pending_.pop_front();
    }
    return claimed;
}

// \Seen, then into `folder`; "" leaves it in the mailbox, seen. When the move fails
// the message is made unseen again, so the next rescan fetches it (a duplicate) and
// tries again. Every command names the UIDVALIDITY the message was fetched under.
bool ImapSource::put_away(const std::string& claim_id, const std::string& folder) {
    const std::string url = url_at(uid_validity_of(claim_id)), uid = uid_of(claim_id);
    if (!command(url, "UID STORE " + uid + " +FLAGS.SILENT (\\Seen)", "cannot flag UID " + uid + " \\Seen")) return false;
    if (folder.empty()) return true;
    // Without MOVE (RFC 6851): COPY, \Deleted, UID EXPUNGE.
    const bool moved = move_supported_
        ? command(url, "UID MOVE " + uid + " " + quoted(folder), "cannot move UID " + uid + " to " + folder)
        : command(url, "UID COPY " + uid + " " + quoted(folder), "cannot copy UID " + uid + " to " + folder) &&
              command(url, "UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)", "cannot flag UID " + uid + " \\Deleted") &&
              command(url, "UID EXPUNGE " + uid, "cannot expunge UID " + uid);
    if (!moved) command(url, "UID STORE " + uid + " -FLAGS.SILENT (\\Seen)", "cannot make UID " + uid + " unseen again");
    return moved;
}

void ImapSource::processed(const ClaimedMessage& message) {
    in_hand_.erase(message.id);
    if (!delete_processed_) {
        put_away(message.id, processed_folder_);
        return;
    }
    const std::string url = url_at(uid_validity_of(message.id)), uid = uid_of(message.id);
    if (command(url, "UID STORE " + uid + " +FLAGS.SILENT (\\Seen \\Deleted)", "cannot flag UID " + uid + " \\Deleted"))
        command(url, "UID EXPUNGE " + uid, "cannot expunge UID " + uid);
}

void ImapSource::quarantined(const ClaimedMessage& message, const std::string&, const std::string& why) {
    in_hand_.erase(message.id);
    if (put_away(message.id, quarantine_folder_))
        logger_->warn("{}: UID {} kept in {}: {}", name(), uid_of(message.id),
                      quarantine_folder_.empty() ? std::string("the mailbox, seen") : printable(quarantine_folder_),
                      printable(why, 400));
}

}  // namespace bounced::mailbox
