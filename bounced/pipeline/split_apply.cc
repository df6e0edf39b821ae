// apply_splitting (see split_apply.h): bisection, so k bad messages in a batch of n
// cost about 2k log2(n) transactions; a good batch costs one.
#include "bounced/pipeline/split_apply.h"

namespace bounced::pipeline {
namespace {

class Splitter {
public:
    Splitter(db::Store& store, const std::vector<db::IncomingMessage>& batch) : store_(store), batch_(batch) {}

    // Applies batch_[begin, end); false when the split must stop (see out_.outcome.status).
    bool apply(std::size_t begin, std::size_t end) {
        if (begin == end) return true;
        // The whole batch goes as it is; a part is copied (at most daemon.batch_bytes).
        db::ApplyOutcome outcome = begin == 0 && end == batch_.size()
                                       ? store_.apply(batch_)
                                       : store_.apply({batch_.begin() + static_cast<long>(begin),
                                                       batch_.begin() + static_cast<long>(end)});
        if (outcome.status.ok()) {
            add(std::move(outcome));
            return true;
        }
        if (outcome.status.code != db::Code::invalid) {
            out_.outcome.status = outcome.status;
            return false;
        }
        if (end - begin == 1) {
            out_.refused.push_back({begin, outcome.status.message});
            return true;
        }
        const std::size_t middle = begin + (end - begin) / 2;
        return apply(begin, middle) && apply(middle, end);
    }

    SplitOutcome take() { return std::move(out_); }

private:
    void add(db::ApplyOutcome&& part) {
        out_.outcome.applied += part.applied;
        out_.outcome.duplicates += part.duplicates;
        for (auto& d : part.decisions) out_.outcome.decisions.push_back(std::move(d));
    }

    db::Store& store_;
    const std::vector<db::IncomingMessage>& batch_;
    SplitOutcome out_;
};

}  // namespace

SplitOutcome apply_splitting(db::Store& store, const std::vector<db::IncomingMessage>& batch) {
    Splitter splitter(store, batch);
    splitter.apply(0, batch.size());
    return splitter.take();
}

}  // namespace bounced::pipeline
