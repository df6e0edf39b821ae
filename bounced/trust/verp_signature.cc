// Signed VERP: tag, encode, verify (see verp_signature.h; the scheme is docs/verp.md).
#include "bounced/trust/verp_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cmath>

#include "classify/headers.h"

namespace bounced::trust {
namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";  // RFC 4648 section 6

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

int base32_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

// The first `chars` base32 characters of `bytes`, most significant bit first.
std::string base32_prefix(const unsigned char* bytes, std::size_t chars) {
    std::string out;
    for (std::size_t i = 0; i < chars; ++i) {
        unsigned value = 0;
        for (std::size_t bit = i * 5; bit < i * 5 + 5; ++bit)
            value = (value << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1u);
        out += kBase32[value];
    }
    return out;
}

bool plausible_address(std::string_view a) {
    const auto at = a.rfind('@');
    return at != std::string_view::npos && at > 0 && at + 1 < a.size() && a.find_first_of(" \t\r\n<>") == std::string_view::npos;
}

struct VerpParts {
    std::string recipient, list, tag;  // tag as written
};

// "prefix+local=domain.TAG@host" -> recipient local@domain, list prefix@host, TAG;
// false when the shape is not that (no '+', no '=', no 10-character final label).
bool split_signed_verp(std::string_view address, VerpParts* out) {
    const auto at = address.rfind('@');
    const auto plus = address.find('+');
    if (at == std::string_view::npos || plus == std::string_view::npos || plus == 0 || plus > at) return false;
    const std::string_view encoded = address.substr(plus + 1, at - plus - 1);
    const auto eq = encoded.rfind('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    const std::string_view domain_and_tag = encoded.substr(eq + 1);
    const auto dot = domain_and_tag.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    const std::string_view tag = domain_and_tag.substr(dot + 1);
    if (tag.size() != kVerpTagLength) return false;
    for (char c : tag)
        if (base32_value(c) < 0) return false;
    out->recipient = ascii_lower(std::string(encoded.substr(0, eq)) + "@" + std::string(domain_and_tag.substr(0, dot)));
    out->list = ascii_lower(std::string(address.substr(0, plus)) + std::string(address.substr(at)));
    out->tag = std::string(tag);
    return plausible_address(out->recipient);
}

}  // namespace

long verp_day(double unix_seconds) { return static_cast<long>(std::floor(unix_seconds / (86400.0 * kVerpPeriodDays))); }

std::string verp_tag(std::string_view secret, std::string_view address, std::string_view list, long day) {
    const std::string message = "bounced-verp-1\n" + ascii_lower(address) + "\n" + ascii_lower(list) + "\n" + std::to_string(day);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_length);
    const long period = ((day % kVerpDayModulus) + kVerpDayModulus) % kVerpDayModulus;
    std::string tag;
    tag += kBase32[period >> 5];
    tag += kBase32[period & 31];
    return tag + base32_prefix(mac, kVerpTagLength - 2);
}

bool encode_verp(std::string_view secret, std::string_view list, std::string_view address, long day,
                 std::string* out, std::string* error) {
    const std::string a = ascii_lower(address), l = ascii_lower(list);
    if (!plausible_address(a)) return *error = "'" + std::string(address) + "' is not an email address", false;
    if (!plausible_address(l)) return *error = "--list: '" + std::string(list) + "' is not an email address", false;
    const auto list_at = l.rfind('@');
    if (l.substr(0, list_at).find_first_of("+=") != std::string::npos) {
        return *error = "--list: the return address's local part must not contain '+' or '='", false;
    }
    const auto at = a.rfind('@');
    *out = l.substr(0, list_at) + "+" + a.substr(0, at) + "=" + a.substr(at + 1) + "." + verp_tag(secret, a, l, day) +
           l.substr(list_at);
    return true;
}

VerpVerdict verify_verp(std::string_view address, const std::vector<std::string>& secrets, long today,
                        int max_age_days) {
    VerpVerdict verdict;
    std::string bare = classify::extract_address(address);
    if (bare.empty()) bare = std::string(address);
    VerpParts parts;
    if (!split_signed_verp(bare, &parts)) return verdict;
    // extract_address lower-cases; the tag is compared without regard to case.
    std::string tag;
    for (char c : parts.tag) tag += kBase32[base32_value(c)];
    const long period = base32_value(tag[0]) * 32 + base32_value(tag[1]);
    const long newest = today + 1;  // a clock a day ahead is forgiven
    const long day = newest - (((newest - period) % kVerpDayModulus) + kVerpDayModulus) % kVerpDayModulus;
    verdict.verdict = "invalid";
    verdict.recipient = parts.recipient;
    verdict.list = parts.list;
    for (std::size_t k = 0; k < secrets.size(); ++k) {
        const std::string expected = verp_tag(secrets[k], parts.recipient, parts.list, day);
        if (CRYPTO_memcmp(expected.data(), tag.data(), kVerpTagLength) != 0) continue;
        verdict.age_days = today - day;
        verdict.key = k;
        verdict.verdict = verdict.age_days > max_age_days ? "stale" : "valid";
        break;
    }
    return verdict;
}

}  // namespace bounced::trust
