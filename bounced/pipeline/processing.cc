// process_message and Tally (see processing.h).
#include "bounced/pipeline/processing.h"

#include "classify/classifier.h"

namespace bounced::pipeline {

ProcessedMessage process_message(std::string_view bytes, std::string source, const classify::Limits& limits) {
    ProcessedMessage out;
    out.incoming.fingerprint = db::fingerprint_of(bytes);
    out.incoming.source = std::move(source);
    out.incoming.report = classify::classify_message(bytes, limits);
    const auto outcome = out.incoming.report.outcome;
    out.quarantine = outcome == classify::Outcome::limit_exceeded || outcome == classify::Outcome::unparsable;
    return out;
}

void Tally::read(const ProcessedMessage& message) {
    ++messages_;
    if (message.quarantine) ++quarantined_;
    for (const auto& r : message.incoming.report.recipients) {
        const auto index = static_cast<std::size_t>(r.bounce_class);
        if (index < recipients_.size()) ++recipients_[index];
    }
}

void Tally::applied(const db::ApplyOutcome& outcome, std::size_t batch_size) {
    applied_ += outcome.applied;
    duplicates_ += batch_size - outcome.applied;  // the same bytes twice in one batch count too
}

std::string Tally::messages_text() const {
    return std::to_string(messages_) + " messages: " + std::to_string(applied_) + " applied, " +
           std::to_string(duplicates_) + " duplicates, " + std::to_string(quarantined_) + " quarantined, " +
           std::to_string(read_failures_) + " unreadable";
}

std::string Tally::recipients_text() const {
    std::string out = "recipients:";
    bool any = false;
    for (std::size_t i = 0; i < recipients_.size(); ++i) {
        if (recipients_[i] == 0) continue;
        out += std::string(any ? ", " : " ") +
               std::string(classify::to_string(static_cast<classify::BounceClass>(i))) + " " +
               std::to_string(recipients_[i]);
        any = true;
    }
    return any ? out : out + " none";
}

}  // namespace bounced::pipeline
