// Web page sessions: logging in with the API token gives a random session id (an
// HttpOnly, SameSite=Strict cookie) and a CSRF token of its own, which every form
// that changes something carries back. Sessions live in memory: a restart or a reload
// (SIGHUP, perhaps a new token) logs everybody out. At most kMaxSessions are kept;
// the oldest goes first.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace bounced::http {

struct Session {
    std::string csrf;
    std::string lang;  // en or ja, chosen at login
    std::chrono::steady_clock::time_point expires;
};

class Sessions {
public:
    static constexpr std::size_t kMaxSessions = 1000;
    static constexpr std::chrono::hours kLifetime{12};

    // A new session: its id (for the cookie) and its CSRF token.
    std::pair<std::string, std::string> create(const std::string& lang = "en");
    std::optional<Session> find(const std::string& id);
    void end(const std::string& id);
    void clear();

private:
    std::mutex mutex_;
    std::map<std::string, Session> sessions_;
};

// 32 random bytes from the kernel, in hex.
std::string random_token();

// Compares without an early exit, so the time taken tells nothing about the secret.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace bounced::http
