// VERP (variable envelope return path): the newsletter sends from
// "bounces+alice=example.org@list.example", so the bounce comes back addressed to a
// return path that names the subscriber. Decoding it gives the recipient even when
// the bounce body is useless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/headers.h"

namespace classify {

struct VerpAddress {
    std::string recipient;  // "alice@example.org"
    std::string tag;        // text after the last '.' of the encoded part, if any
                            // (signed VERP puts its HMAC tag there)
};

// Decodes "prefix+local=domain[.TAG]@host". Returns an empty recipient when the
// address is not VERP-shaped.
VerpAddress decode_verp(std::string_view return_path);

// The first VERP-shaped address in Delivered-To, X-Original-To, Envelope-To or To.
VerpAddress find_verp(const Headers& headers);

// Every VERP-shaped address in those fields, in that order (each field's address as
// extract_address reads it), at most `max`: Report::verp_candidates.
std::vector<std::string> verp_candidates(const Headers& headers, std::size_t max);

}  // namespace classify
