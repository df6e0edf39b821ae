// What ingest and the daemon do with one message before the database sees it:
// fingerprint, classify, decide whether it must be quarantined; and the counts they
// report (progress lines, the summary at the end, the daemon's periodic summary).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "classify/limits.h"
#include "db/store.h"

namespace bounced::pipeline {

struct ProcessedMessage {
    db::IncomingMessage incoming;  // fingerprint, source, report: what Store::apply takes
    bool quarantine = false;       // the classifier refused it (limit_exceeded, unparsable)
};

// Classifies `bytes` (never throws: the classifier does not). A message the
// classifier refused is still applied, so the store records its fingerprint and
// outcome; the caller also keeps its bytes in quarantine.
ProcessedMessage process_message(std::string_view bytes, std::string source, const classify::Limits& limits);

// Counts since construction or the last reset(). Not thread-safe.
class Tally {
public:
    void read(const ProcessedMessage& message);          // a message classified
    void applied(const db::ApplyOutcome& outcome, std::size_t batch_size);  // a batch committed
    void read_failure() { ++read_failures_; }            // a path or file that could not be read
    std::size_t messages() const { return messages_; }
    std::size_t read_failures() const { return read_failures_; }

    // "120 messages: 100 applied, 18 duplicates, 2 quarantined, 0 unreadable"
    std::string messages_text() const;
    // "recipients: hard 50, soft 20, policy 1, ..." (classes seen only)
    std::string recipients_text() const;
    void reset() { *this = Tally(); }

private:
    std::size_t messages_ = 0, applied_ = 0, duplicates_ = 0, quarantined_ = 0, read_failures_ = 0;
    std::array<std::size_t, 8> recipients_{};  // by classify::BounceClass
};

}  // namespace bounced::pipeline
