// SNS's signing certificates, kept in memory by URL (docs/webhooks.md, "Amazon SES"):
// SNS signs with one certificate for months, so each is fetched once, not per
// message. Bounded: at most kMaxEntries, the oldest dropped first, so a stream of
// messages naming new (valid SNS) URLs cannot grow it.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace bounced::http {

class CertCache {
public:
    // `plain_http_for_tests`: fetch over plain http too (a test's server on 127.0.0.1).
    explicit CertCache(bool plain_http_for_tests = false) : plain_http_(plain_http_for_tests) {}

    static constexpr std::size_t kMaxEntries = 16;
    static constexpr std::size_t kMaxCertificateBytes = 16 * 1024;  // SNS's PEM is about 2 KiB

    // The PEM certificate at `url` (already checked by check_sns_url): from memory, or
    // fetched over https and kept when it looks like a PEM certificate. "" with
    // `*error` when it cannot be had.
    std::string certificate(const std::string& url, std::string* error);

    // The process's one cache (the webhook's requests share it).
    static CertCache& shared();

private:
    const bool plain_http_;
    std::mutex mutex_;
    std::map<std::string, std::string> pem_by_url_;
    std::deque<std::string> order_;  // oldest first
};

}  // namespace bounced::http
