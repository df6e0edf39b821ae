// Context (see context.h).
#include "bounced/http/context.h"

namespace bounced::http {

Context::Context(const config::Settings& settings, bool metrics_from_anywhere)
    : settings_(std::make_shared<const config::Settings>(settings)),
      stores_(settings.store),
      metrics_from_anywhere_(metrics_from_anywhere) {}

void Context::reload(const config::Settings& settings) {
    auto fresh = std::make_shared<const config::Settings>(settings);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        settings_ = fresh;
    }
    stores_.reset(settings.store);
    sessions_.clear();  // a new token ends every session made with the old one
}

std::shared_ptr<const config::Settings> Context::settings() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return settings_;
}

}  // namespace bounced::http
