// Where a bounce came from, read from its Received fields (RFC 5321 4.4) and its DSN's
// Reporting-MTA (RFC 3464 2.2.2): whether the list's own MTAs wrote it, and otherwise
// which outside host handed it to us. docs/trust.md says what the store does with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/headers.h"

namespace bounced::trust {

// The list's own hosts: [trust] own_mtas (names, IP addresses, ".domain" for every
// name under it), plus loopback and this machine's name. Plain data.
struct OwnHosts {
    std::vector<std::string> names;    // lower-case
    std::vector<std::string> ips;      // as written in Received brackets, lower-case
    std::vector<std::string> domains;  // ".list.example"
};

// Builds OwnHosts from the setting; adds localhost, 127.0.0.1, ::1 and gethostname().
OwnHosts own_hosts(const std::vector<std::string>& own_mtas);

// The client one Received field names: the address in brackets when there is one
// ("[192.0.2.1]", "[IPv6:2001:db8::1]", "[::ffff:192.0.2.1]" -> the bare address),
// else the name after "from"; "" when the field has no "from" clause (the MTA wrote
// the message itself).
struct ReceivedClient {
    std::string ip;    // "" when none in brackets
    std::string name;  // the verified name in parentheses before the address, else the "from" name
};
ReceivedClient received_client(std::string_view received);

// The newest Received field's client that is not one of ours ("" when every one is):
// the host the rate budget counts against.
std::string remote_sender_host(const classify::Headers& headers, const OwnHosts& own);

// True when every Received field was written by one of our hosts (its client is one of
// ours, or it has no "from" clause) and the Reporting-MTA in `raw`, if any, is ours.
// At most 100 Received fields are read; more make a message not ours.
bool written_by_own_mta(const classify::Headers& headers, std::string_view raw, const OwnHosts& own);

}  // namespace bounced::trust
