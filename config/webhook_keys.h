// The key files of the provider webhooks beyond Mailgun's (docs/webhooks.md).
#pragma once

#include <string>

namespace config {

// SendGrid's Signed Event Webhook verification key. Accepted forms: the base64 text
// SendGrid's settings page shows (DER SubjectPublicKeyInfo, "MFkwEwYHKoZIzj0CAQYI...",
// on one line or wrapped over several), or a PEM "-----BEGIN PUBLIC KEY-----" block.
// The key must be an EC key on P-256. `der`: the key as DER. "" or why the file is
// refused: unreadable, not a regular file, writable by its group or others (whoever
// can replace the key can forge events), larger than 16 KiB, or no such key.
std::string read_public_key_file(const std::string& path, std::string* der);

// Postmark's basic-auth credentials: the file's first non-blank line, "user:password"
// (the password may hold ':'), under read_token_file's rules (owner-only, at least 16
// characters in all). "" or why the file is refused.
std::string read_credentials_file(const std::string& path, std::string* user, std::string* password);

}  // namespace config
