// What every route of `bounced serve` shares: the store pool, the settings in force (the
// token among them), the web sessions, and the counters /metrics adds to the store's
// figures. reload() swaps the settings (SIGHUP) while requests run.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "bounced/http/session.h"
#include "bounced/http/store_pool.h"
#include "config/settings.h"

namespace bounced::http {

class Context {
public:
    explicit Context(const config::Settings& settings, bool metrics_from_anywhere = false);

    void reload(const config::Settings& settings);
    std::shared_ptr<const config::Settings> settings() const;

    StorePool& stores() { return stores_; }
    Sessions& sessions() { return sessions_; }
    bool metrics_from_anywhere() const { return metrics_from_anywhere_; }

    std::atomic<long> requests{0};
    std::atomic<long> unauthorized{0};

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const config::Settings> settings_;
    StorePool stores_;
    Sessions sessions_;
    bool metrics_from_anywhere_;
};

}  // namespace bounced::http
