// Which URLs bounced fetches on SNS's word (docs/webhooks.md, "Amazon SES"): an SNS
// message names the certificate that signed it (SigningCertURL) and, to confirm a
// subscription, a URL to visit (SubscribeURL). Both come from the request, so an
// attacker writes them: only https on SNS's own hosts is fetched, never a URL that
// could reach this machine's network or carry credentials.
#pragma once

#include <string>

namespace bounced::http {

// "" when `url` is https://sns.<region>.amazonaws.com[.cn]/... with no port, user
// name or other oddity; else why not. `loopback_http_for_tests` also allows
// http://127.0.0.1:<port>/... (WebhookSettings::ses_confirm_loopback_for_tests).
std::string check_sns_url(const std::string& url, bool loopback_http_for_tests = false);

}  // namespace bounced::http
