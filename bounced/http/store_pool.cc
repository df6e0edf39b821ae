// StorePool (see store_pool.h).
#include "bounced/http/store_pool.h"

namespace bounced::http {

StorePool::StorePool(db::Options options) : options_(std::move(options)) {}

StorePool::Lease StorePool::borrow() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
        auto store = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(store), generation_);
    }
    const db::Options options = options_;
    const long generation = generation_;
    lock.unlock();
    return Lease(*this, std::make_unique<db::Store>(options), generation);  // connects on first use
}

void StorePool::reset(db::Options options) {
    std::lock_guard<std::mutex> lock(mutex_);
    options_ = std::move(options);
    ++generation_;
    idle_.clear();
}

void StorePool::give_back(std::unique_ptr<db::Store> store, long generation) {
    if (!store) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == generation_) idle_.push_back(std::move(store));
}

}  // namespace bounced::http
