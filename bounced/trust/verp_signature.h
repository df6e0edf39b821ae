// Signed VERP (docs/verp.md): the return path names the subscriber and carries a tag,
// a truncated HMAC-SHA-256 of the address, the list's return address and the day, so
// that a bounce naming a subscriber can be told from a forged one.
//
//   bounces@list.example + alice@example.org, day 20000 (2024-10-04), secret
//   "correct horse battery staple" -> bounces+alice=example.org.RAVBG6C53Y@list.example
//
// This lives in bounced/, not classify/: it needs OpenSSL and the secrets, and the
// classifier stays pure (bytes in, results out, no keys). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bounced::trust {

constexpr int kVerpPeriodDays = 1;    // the coarse timestamp: days since 1970-01-01 UTC
constexpr long kVerpDayModulus = 1024;  // the tag carries the day modulo this
constexpr std::size_t kVerpTagLength = 10;  // 2 characters of day, 8 of MAC (40 bits)

// Days since the epoch (UTC) of a Unix time in seconds.
long verp_day(double unix_seconds);

// The tag for `address` and `list` (both lower-cased here) on `day`, under `secret`.
std::string verp_tag(std::string_view secret, std::string_view address, std::string_view list, long day);

// The envelope sender: list "bounces@list.example" and address "alice@example.org"
// -> "bounces+alice=example.org.TAG@list.example". False with `error` when either
// is not an address, or the list's local part holds '+' or '='.
bool encode_verp(std::string_view secret, std::string_view list, std::string_view address, long day,
                 std::string* out, std::string* error);

struct VerpVerdict {
    std::string verdict = "none";  // none (not signed VERP), valid, invalid, stale
    std::string recipient;         // the address the VERP names, lower-cased
    std::string list;              // the return address it was sent from, lower-cased
    long age_days = 0;             // valid or stale: how old the tag is
    std::size_t key = 0;           // valid or stale: which secret signed it (0 = current)
};

// Checks one address (a header value is fine: "Name <addr>" is unwrapped). A tag that
// verifies under any of `secrets` is valid when at most max_age_days old (a day into
// the future is allowed for clocks that differ), stale when older. The tag is read
// case-insensitively, since some MTAs lower-case the recipient in Delivered-To.
VerpVerdict verify_verp(std::string_view address, const std::vector<std::string>& secrets, long today,
                        int max_age_days);

}  // namespace bounced::trust
