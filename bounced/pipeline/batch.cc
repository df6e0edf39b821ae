// prepare_message and Batch (see batch.h).
#include "bounced/pipeline/batch.h"

#include "bounced/pipeline/split_apply.h"
#include "bounced/trust/trust_check.h"

namespace bounced::pipeline {

const char* to_string(Disposition disposition) {
    switch (disposition) {
        case Disposition::pending: return "pending";
        case Disposition::applied: return "applied";
        case Disposition::duplicate: return "duplicate";
        case Disposition::committed: return "committed";
        case Disposition::refused: return "refused";
        case Disposition::unstorable: return "unstorable";
    }
    return "?";
}

ProcessedMessage prepare_message(std::string_view bytes, std::string source, const config::Settings& settings,
                                 spdlog::logger* logger) {
    ProcessedMessage out;
    try {  // the classifier does not throw; a bug must not lose the message or stop the batch
        out = process_message(bytes, source, settings.limits);
        trust::prepare_trust(out.incoming, bytes, settings, logger);
    } catch (const std::exception& e) {
        out = ProcessedMessage{};
        out.incoming.fingerprint = db::fingerprint_of(bytes);
        out.incoming.source = std::move(source);
        out.incoming.report.outcome = classify::Outcome::unparsable;
        out.incoming.report.error = std::string("internal error: ") + e.what();
        out.quarantine = true;
    }
    return out;
}

std::size_t Batch::add(ProcessedMessage message) {
    dispositions_.push_back(message.quarantine ? Disposition::refused : Disposition::pending);
    messages_.push_back(std::move(message.incoming));
    why_unstorable_.emplace_back();
    return messages_.size() - 1;
}

db::ApplyOutcome Batch::apply(db::Store& store) {
    SplitOutcome split = apply_splitting(store, messages_);
    const db::ApplyOutcome& outcome = split.outcome;
    if (!outcome.status.ok()) return outcome;
    for (const auto& r : split.refused) {
        dispositions_[r.index] = Disposition::unstorable;
        why_unstorable_[r.index] = r.reason;
    }
    // The store counts duplicates per batch; all or none is exact for each message.
    const Disposition done = outcome.duplicates == 0 ? Disposition::applied
                             : outcome.applied == 0  ? Disposition::duplicate
                                                     : Disposition::committed;
    for (auto& d : dispositions_)
        if (d == Disposition::pending) d = done;
    return outcome;
}

void Batch::clear() {
    messages_.clear();
    dispositions_.clear();
    why_unstorable_.clear();
}

}  // namespace bounced::pipeline
