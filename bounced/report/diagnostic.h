// Diagnostic texts made comparable for the report: the same refusal sent for different
// recipients, from different hosts, with different queue ids, counts once.
//
//   "550 5.1.1 <hanako@example.org>: Recipient address rejected: User unknown"
//   -> "550 5.1.1 <{address}>: Recipient address rejected: User unknown"
//   "421 4.7.0 [203.0.113.9] Try again in 300 seconds. a640si1234.27 - gsmtp"
//   -> "421 4.7.0 [{ip}] Try again in {n} seconds. {id} - gsmtp"
//
// SMTP reply codes where a reply code stands (first, before a status code, after a
// word ending in ':') and RFC 3463 status codes are kept: they are the point.
// Addresses (also inside a word: TO:<{address}>), IPv4/IPv6 addresses, numbers and
// words with digits in them (queue ids, host names such as mx1.example.org) are
// masked. Whitespace runs become one space.
#pragma once

#include <string>
#include <string_view>

namespace bounced::report {

std::string normalise_diagnostic(std::string_view text);

}  // namespace bounced::report
