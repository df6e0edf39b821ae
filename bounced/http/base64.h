// Base64 as the providers send it in headers and fields: SNS's Signature, SendGrid's
// signature header, HTTP basic auth.
#pragma once

#include <string>

namespace bounced::http {

// Base64 (RFC 4648, padded; whitespace not allowed) to bytes; false when it is not.
bool decode_base64(const std::string& text, std::string* bytes);

}  // namespace bounced::http
