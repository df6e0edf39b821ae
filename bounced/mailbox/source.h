// A place bounces come from, for the daemon (bounced/pipeline/daemon.h). A source hands out messages
// it has claimed (so no other daemon takes them) and is told, after the database
// transaction committed, what became of each: processed or quarantined. Until then
// the message stays where the source keeps it; if the daemon dies, a later claim()
// (by this or another daemon) gets it again, and the store's fingerprint check makes
// applying it twice harmless. Sources are used from one thread.
//
// Errors (the mailbox -> pipeline edge):
//   constructor      throws std::runtime_error naming the option: the configuration
//                    cannot work (the daemon does not start, or keeps the old one on SIGHUP)
//   claim()          a problem with one message is logged and that message skipped or
//                    given back; a problem with the whole source (server unreachable, a
//                    listing refused) throws std::runtime_error, which the daemon logs
//                    before it tries again at the next rescan
//   processed(), quarantined(), release()
//                    never throw: a failure is logged and the message stays where it
//                    was, to be claimed again (a duplicate the store recognises)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bounced::mailbox {

struct ClaimedMessage {
    std::string id;          // the source's own handle (a file name, a UID)
    std::string source;      // for logs and the store: "maildir:/var/mail/bounces/new/123.abc"
    std::string bytes;       // at most the classifier's max_message_bytes + 1
};

class Source {
public:
    virtual ~Source() = default;

    // For logs: "maildir /var/mail/bounces".
    virtual std::string name() const = 0;
    // A descriptor that becomes readable when new messages may have arrived, or -1.
    virtual int watch_fd() const { return -1; }
    // Consumes what made watch_fd() readable, and remembers to look again.
    virtual void on_watch_event() {}
    // Look again at the next claim() (the periodic rescan).
    virtual void rescan() = 0;
    // Claims up to `max` messages; [] when nothing is waiting. Errors: see above.
    virtual std::vector<ClaimedMessage> claim(std::size_t max) = 0;
    // After commit: done with it (moved to the processed folder, or deleted).
    virtual void processed(const ClaimedMessage& message) = 0;
    // After commit: the classifier refused it; keep it aside with the reason. A copy
    // the source writes is named by `fingerprint`, the one the store recorded.
    virtual void quarantined(const ClaimedMessage& message, const std::string& fingerprint, const std::string& why) = 0;
    // Not processed (shutting down while the database is down): give it back.
    virtual void release(const ClaimedMessage& message) = 0;
    // Messages found unreadable since the last call, each counted once however often
    // it is retried (the daemon's summary: "N unreadable").
    virtual std::size_t take_unreadable() { return 0; }
};

}  // namespace bounced::mailbox
