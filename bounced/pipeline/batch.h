// One batch of messages on their way to the store, the same for `bounced run`
// (daemon.h) and `bounced ingest`: each message is classified and made ready for the
// trust rules (prepare_message), the batch is applied in one transaction
// (Batch::apply), and then every message has a disposition that says what the caller
// does with it: acknowledge it to its source, keep its bytes aside, log it.
//
// A new way for a message to end (say, refused by the store on its own) is a new
// Disposition, set in Batch::apply; callers switch on it.
//
// Errors (the pipeline's edge to cli and the daemon): nothing here throws for a bad
// message — a message ends as a Disposition; a store failure is the db::Status in
// the ApplyOutcome apply() returns (the caller retries, or exits 75).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bounced/pipeline/processing.h"
#include "config/settings.h"
#include "db/store.h"

namespace spdlog {
class logger;
}

namespace bounced::pipeline {

// What became of one message of a batch.
enum class Disposition {
    pending,    // not applied yet (or the last apply() failed)
    applied,    // applied; the store had not seen it
    duplicate,  // the store had it already (same fingerprint): nothing was applied twice
    committed,  // applied in a batch that also held duplicates (which ones, the store does not say)
    refused,    // the classifier refused it (too large, unparsable, internal error): the store
                // records it once applied; the caller keeps its bytes aside
    unstorable, // the store refused it alone (a field it cannot hold: split_apply.h) while
                // the rest of the batch was applied; the caller keeps its bytes aside
};

// "applied", "duplicate", ...: the word the per-message log line uses.
const char* to_string(Disposition disposition);

// Fingerprint, classify, and the trust rules' preparation (VERP tag, sender, raw
// bytes: trust_check.h). Never throws: this is the one catch-all per message, and a
// step that throws makes the message refused with "internal error: ...".
ProcessedMessage prepare_message(std::string_view bytes, std::string source, const config::Settings& settings,
                                 spdlog::logger* logger);

// Messages applied together. Indexes are stable from add() to clear(), so a caller
// can keep its own per-message data (the source a message was claimed from) beside.
class Batch {
public:
    // Adds a prepared message: pending, or refused when the classifier refused it.
    // Returns its index.
    std::size_t add(ProcessedMessage message);

    // Applies every message in one transaction. A message the store cannot take is
    // split off (split_apply.h) and becomes unstorable, with the store's words in
    // why_unstorable(); every other pending message becomes applied, duplicate or
    // committed (refused ones stay refused). When the database fails (down, schema
    // missing) the outcome says so and apply() may be called again: what was
    // committed already counts as a duplicate then.
    db::ApplyOutcome apply(db::Store& store);

    std::size_t size() const { return messages_.size(); }
    bool empty() const { return messages_.empty(); }
    const db::IncomingMessage& message(std::size_t i) const { return messages_[i]; }
    Disposition disposition(std::size_t i) const { return dispositions_[i]; }
    const std::string& why_unstorable(std::size_t i) const { return why_unstorable_[i]; }
    void clear();

private:
    std::vector<db::IncomingMessage> messages_;  // as Store::apply takes them
    std::vector<Disposition> dispositions_;
    std::vector<std::string> why_unstorable_;  // empty but for unstorable messages
};

}  // namespace bounced::pipeline
