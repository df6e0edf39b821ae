// https_get (see https_fetch.h) with libcurl's easy interface.
#include "bounced/http/https_fetch.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace bounced::http {
namespace {

struct Sink {
    std::string* body;
    std::size_t max;
    bool too_big = false;
};

std::size_t write_bounded(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    if (sink->body->size() + n > sink->max) {
        sink->too_big = true;
        return 0;  // libcurl stops the transfer
    }
    sink->body->append(data, n);
    return n;
}

void init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

bool https_get(const std::string& url, const FetchLimits& limits, std::string* body, std::string* error) {
    init_once();
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return *error = "GET " + url + ": libcurl could not start", false;
    body->clear();
    Sink sink{body, limits.max_bytes};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, limits.allow_plain_http ? "https,http" : "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // server threads: no SIGALRM for DNS timeouts
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, limits.connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, limits.total_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_bounded);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "bounced");
    const CURLcode rc = curl_easy_perform(c);
    // Over the bound by its Content-Length (libcurl's check) or while it streamed (ours).
    if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED)
        return *error = "GET " + url + ": the answer is over " + std::to_string(limits.max_bytes) + " bytes", false;
    if (rc != CURLE_OK) return *error = "GET " + url + ": " + curl_easy_strerror(rc), false;
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) return *error = "GET " + url + ": answered " + std::to_string(status), false;
    return true;
}

}  // namespace bounced::http
