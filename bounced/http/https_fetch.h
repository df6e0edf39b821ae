// One bounded GET with libcurl, for the SES webhook: SNS's signing certificate and a
// subscription's confirmation URL. The URL is checked by the caller (sns_url.h); here
// the transfer itself is bounded, so a slow or huge answer cannot hold a server thread.
#pragma once

#include <cstddef>
#include <string>

namespace bounced::http {

struct FetchLimits {
    std::size_t max_bytes = 64 * 1024;  // a larger answer is an error, not truncated
    long connect_timeout_seconds = 5;
    long total_timeout_seconds = 10;
    bool allow_plain_http = false;      // https only unless set (tests, on 127.0.0.1)
};

// True with the body of a 200 answer; else false with why (names the URL). Follows
// no redirect (a redirect could leave SNS's hosts); verifies the TLS peer.
bool https_get(const std::string& url, const FetchLimits& limits, std::string* body, std::string* error);

}  // namespace bounced::http
