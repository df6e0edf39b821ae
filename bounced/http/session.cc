// Sessions (see session.h).
#include "bounced/http/session.h"

#include <sys/random.h>

#include <stdexcept>

#include "bounced/http/encoding.h"

namespace bounced::http {

std::string random_token() {
    unsigned char bytes[32];
    std::size_t got = 0;
    while (got < sizeof bytes) {
        const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) throw std::runtime_error("getrandom failed");
        got += static_cast<std::size_t>(n);
    }
    return to_hex(bytes, sizeof bytes);
}

bool same_secret(const std::string& a, const std::string& b) {
    if (a.empty() || a.size() != b.size()) return false;  // the token's length is no secret
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::pair<std::string, std::string> Sessions::create(const std::string& lang) {
    std::string id = random_token(), csrf = random_token();
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) it = it->second.expires < now ? sessions_.erase(it) : std::next(it);
    if (sessions_.size() >= kMaxSessions) {
        auto oldest = sessions_.begin();
        for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
            if (it->second.expires < oldest->second.expires) oldest = it;
        sessions_.erase(oldest);
    }
    sessions_[id] = {csrf, lang, now + kLifetime};
    return {id, csrf};
}

std::optional<Session> Sessions::find(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    if (it->second.expires < std::chrono::steady_clock::now()) {
        sessions_.erase(it);
        return std::nullopt;
    }
    return it->second;
}

void Sessions::end(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(id);
}

void Sessions::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.clear();
}

}  // namespace bounced::http
