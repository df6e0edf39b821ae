// CertCache (see cert_cache.h). The lock is not held while fetching: two requests
// for a new certificate may both fetch it, which is harmless, while a slow fetch
// never stalls requests whose certificate is known.
#include "bounced/http/cert_cache.h"

#include "bounced/http/https_fetch.h"

namespace bounced::http {

std::string CertCache::certificate(const std::string& url, std::string* error) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = pem_by_url_.find(url);
        if (it != pem_by_url_.end()) return it->second;
    }
    FetchLimits limits;
    limits.max_bytes = kMaxCertificateBytes;
    limits.allow_plain_http = plain_http_;
    std::string pem;
    if (!https_get(url, limits, &pem, error)) return "";
    if (pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        return *error = "GET " + url + ": not a PEM certificate", "";
    std::lock_guard<std::mutex> lock(mutex_);
    if (pem_by_url_.emplace(url, pem).second) {
        order_.push_back(url);
        if (order_.size() > kMaxEntries) {
            pem_by_url_.erase(order_.front());
            order_.pop_front();
        }
    }
    return pem;
}

CertCache& CertCache::shared() {
    static CertCache cache;
    return cache;
}

}  // namespace bounced::http
