// The encodings of the webhooks' signatures and credentials: base64 as the providers
// send it (SNS's Signature, SendGrid's signature header, HTTP basic auth), and hex
// (Mailgun's HMAC, the replay token of a SendGrid batch), and the digest those tokens
// and long event ids are made of.
#pragma once

#include <cstddef>
#include <string>

namespace bounced::http {

// Base64 (RFC 4648, padded; whitespace not allowed) to bytes; false when it is not.
bool decode_base64(const std::string& text, std::string* bytes);

// Bytes as lower-case hex.
std::string to_hex(const unsigned char* bytes, std::size_t size);
std::string to_hex(const std::string& bytes);

// The SHA-256 digest of `bytes` (32 raw bytes; "" should OpenSSL fail).
std::string sha256(const std::string& bytes);

}  // namespace bounced::http
