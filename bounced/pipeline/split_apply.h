// Applying a batch when one of its messages cannot be stored. The store refuses the
// whole transaction then (Code::invalid: a field too large for an index, a byte
// PostgreSQL cannot hold, ...), and retrying the same batch would fail forever. The
// batch is split in halves until each message at fault stands alone; those are
// returned with the reason, and every other message is applied. Any other failure
// (the database is down, the schema missing) stops the split and is returned as is:
// the caller retries later, and what was committed already is a duplicate then.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "db/store.h"

namespace bounced::pipeline {

struct Refused {
    std::size_t index;   // into the batch given
    std::string reason;  // the store's words
};

struct SplitOutcome {
    db::ApplyOutcome outcome;     // summed over the parts that committed; status: the stop
    std::vector<Refused> refused; // messages that cannot be stored, each alone
};

SplitOutcome apply_splitting(db::Store& store, const std::vector<db::IncomingMessage>& batch);

}  // namespace bounced::pipeline
