// db::Store is not thread-safe: each request borrows one from this pool and gives it
// back, so a worker never shares a connection and connections are reused. After a
// reload (SIGHUP) the Stores made with the old settings are dropped as they return.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "db/store.h"

namespace bounced::http {

class StorePool {
public:
    explicit StorePool(db::Options options);

    class Lease {
    public:
        Lease(StorePool& pool, std::unique_ptr<db::Store> store, long generation)
            : pool_(pool), store_(std::move(store)), generation_(generation) {}
        ~Lease() { pool_.give_back(std::move(store_), generation_); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        db::Store& operator*() { return *store_; }
        db::Store* operator->() { return store_.get(); }

    private:
        StorePool& pool_;
        std::unique_ptr<db::Store> store_;
        long generation_;
    };

    Lease borrow();
    void reset(db::Options options);  // SIGHUP: new settings for the next borrow

private:
    void give_back(std::unique_ptr<db::Store> store, long generation);

    std::mutex mutex_;
    db::Options options_;
    long generation_ = 0;
    std::vector<std::unique_ptr<db::Store>> idle_;
};

}  // namespace bounced::http
