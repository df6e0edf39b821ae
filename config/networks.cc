// parse_networks and network_contains (see networks.h).
#include "config/networks.h"

#include <arpa/inet.h>

#include <cstring>

namespace config {
namespace {

constexpr std::size_t kMaxNetworks = 256;

// An address in either family; false when it is neither.
bool parse_address(const std::string& text, Network* n) {
    if (inet_pton(AF_INET, text.c_str(), n->address.data()) == 1) return n->v6 = false, true;
    if (inet_pton(AF_INET6, text.c_str(), n->address.data()) == 1) return n->v6 = true, true;
    return false;
}

bool prefix_matches(const Network& net, const Network& host) {
    const int full = net.prefix / 8, rest = net.prefix % 8;
    if (std::memcmp(net.address.data(), host.address.data(), full) != 0) return false;
    if (rest == 0) return true;
    const unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
    return (net.address[full] & mask) == (host.address[full] & mask);
}

}  // namespace

std::string parse_networks(const std::string& list, std::vector<Network>* out) {
    out->clear();
    std::size_t at = 0;
    while (at < list.size()) {
        const auto start = list.find_first_not_of(", \t", at);
        if (start == std::string::npos) break;
        auto end = list.find_first_of(", \t", start);
        if (end == std::string::npos) end = list.size();
        at = end;
        const std::string item = list.substr(start, end - start);
        const std::string why = "'" + item + "' is not a network (192.0.2.0/24, 2001:db8::/32, or one address)";
        if (out->size() == kMaxNetworks) return "at most " + std::to_string(kMaxNetworks) + " networks";
        const auto slash = item.find('/');
        Network n;
        if (!parse_address(item.substr(0, slash), &n)) return why;
        const int bits = n.v6 ? 128 : 32;
        n.prefix = bits;
        if (slash != std::string::npos) {
            const std::string digits = item.substr(slash + 1);
            if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos)
                return why;
            n.prefix = std::stoi(digits);
            if (n.prefix > bits) return why;
        }
        // Host bits set ("192.0.2.7/24") are most likely a typo for another network.
        Network masked = n;
        for (int bit = n.prefix; bit < bits; ++bit) masked.address[bit / 8] &= static_cast<unsigned char>(~(0x80 >> (bit % 8)));
        if (masked.address != n.address) return "'" + item + "' has bits set after its /" + std::to_string(n.prefix);
        out->push_back(n);
    }
    return "";
}

bool network_contains(const std::vector<Network>& networks, const std::string& ip) {
    Network host;
    if (!parse_address(ip, &host)) return false;
    // A dual-stack socket shows an IPv4 peer as ::ffff:a.b.c.d: compare it as IPv4.
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (host.v6 && std::memcmp(host.address.data(), kMapped, 12) == 0) {
        std::memmove(host.address.data(), host.address.data() + 12, 4);
        host.v6 = false;
    }
    for (const auto& net : networks)
        if (net.v6 == host.v6 && prefix_matches(net, host)) return true;
    return false;
}

}  // namespace config
