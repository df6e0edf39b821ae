#include "classify/rules/verp.h"

#include "classify/parse/address.h"
#include "classify/text.h"

namespace classify {
namespace {

// Signed VERP appends ".TAG" to the encoded domain: RFC 4648 base32, upper case.
// Domains are case-insensitive and written in lower case by the encoder, so an
// upper-case final label is the tag.
bool is_tag(std::string_view label) {
    if (label.size() < 6) return false;
    for (char c : label)
        if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
    return true;
}

}  // namespace

VerpAddress decode_verp(std::string_view return_path) {
    VerpAddress out;
    auto found = find_addresses(return_path, 1);
    if (found.empty()) return out;
    std::string_view address = return_path.substr(found.front().begin, found.front().end - found.front().begin);
    auto at = address.rfind('@');
    auto plus = address.find('+');
    if (plus == std::string_view::npos || plus > at) return out;
    std::string_view encoded = address.substr(plus + 1, at - plus - 1);
    auto eq = encoded.rfind('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 >= encoded.size()) return out;
    std::string_view local = encoded.substr(0, eq);
    std::string_view domain = encoded.substr(eq + 1);
    auto dot = domain.rfind('.');
    if (dot != std::string_view::npos && is_tag(domain.substr(dot + 1))) {
        out.tag = std::string(domain.substr(dot + 1));
        domain = domain.substr(0, dot);
    }
    std::string candidate = lower(std::string(local) + "@" + std::string(domain));
    if (!is_address(candidate)) return {};
    out.recipient = candidate;
    return out;
}

constexpr const char* kVerpFields[] = {"Delivered-To", "X-Original-To", "Envelope-To", "To"};

VerpAddress find_verp(const Headers& headers) {
    for (const char* name : kVerpFields) {
        auto value = headers.get(name);
        // No '+', no VERP: decode_verp would find the address only to refuse it.
        if (value.find('+') == std::string_view::npos) continue;
        auto verp = decode_verp(value);
        if (!verp.recipient.empty()) return verp;
    }
    return {};
}

std::vector<std::string> verp_candidates(const Headers& headers, std::size_t max) {
    std::vector<std::string> out;
    for (const char* name : kVerpFields) {
        for (std::string_view value : headers.get_all(name, max)) {
            if (out.size() >= max) return out;
            // Most values hold no '+' at all; the address extracted from one would not either.
            if (value.find('+') == std::string_view::npos) continue;
            // What the signature check reads: the address of "Name <addr>", or the
            // value itself when there is none to extract.
            std::string address = extract_address(value);
            if (address.empty()) address = std::string(value);
            // VERP-shaped: "prefix+local=domain...@host".
            const auto at = address.rfind('@');
            const auto plus = address.find('+');
            if (at == std::string::npos || plus == std::string::npos || plus > at) continue;
            if (address.find('=', plus) > at) continue;
            out.push_back(std::move(address));
        }
    }
    return out;
}

}  // namespace classify
