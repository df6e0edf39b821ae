// Source-network allow-lists (CIDR, IPv4 and IPv6): "192.0.2.0/24, 2001:db8::/32".
// Plain data, parsed once at load; the HTTP side asks whether a peer is inside.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace config {

struct Network {
    bool v6 = false;
    std::array<unsigned char, 16> address{};  // network order; IPv4 uses the first 4
    int prefix = 0;                           // bits that must match
};

// "" or why the list is refused (naming the item). Items are separated by commas or
// spaces; an address without "/N" is one host (/32, /128). At most 256 items.
std::string parse_networks(const std::string& list, std::vector<Network>* out);

// Whether `ip` (as a socket peer prints it: "192.0.2.7", "2001:db8::1", or an
// IPv4-mapped "::ffff:192.0.2.7") lies in one of the networks. An unparsable
// address is in none.
bool network_contains(const std::vector<Network>& networks, const std::string& ip);

}  // namespace config
