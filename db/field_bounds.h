// Bounds on what a bounce may put into the database, checked before any SQL.
//
// Bounces are untrusted: a recipient or From of 3 KB overflows PostgreSQL's index row
// limit (about 2.7 KB, SQLSTATE 54000), and a NUL byte cannot be stored in text at
// all. An address longer than RFC 5321's limits (local part 64 octets, domain 255,
// section 4.5.3.1) or holding a control character is not an address: the message that
// carries one is refused (Code::invalid), so the caller can set it aside. Free text
// (diagnostic, Message-ID, rule, ...) is cut at a UTF-8 character boundary instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "db/status.h"

namespace db {

struct IncomingMessage;

constexpr std::size_t kMaxLocalPart = 64;      // RFC 5321 4.5.3.1.1
constexpr std::size_t kMaxDomain = 255;        // RFC 5321 4.5.3.1.2
constexpr std::size_t kMaxAddress = kMaxLocalPart + 1 + kMaxDomain;
constexpr std::size_t kMaxDiagnostic = 4000;   // a multi-line SMTP reply, with room
constexpr std::size_t kMaxHeaderValue = 998;   // RFC 5322 2.1.1: Message-ID, List-Id
constexpr std::size_t kMaxSource = 1024;       // a path or mailbox name
constexpr std::size_t kMaxShortField = 255;    // host names, MTA names, rule names, status

// "" when `address` may be stored as an address: at most 64 octets before its last '@'
// and 255 after it (320 in all when there is no '@'), no control character (NUL,
// CR, LF, DEL, ...), no space. Otherwise why not, in a few words.
std::string address_problem(std::string_view address);

// `text` cut to at most `max` bytes without splitting a UTF-8 sequence, with NUL bytes
// removed (PostgreSQL text cannot hold them).
std::string bounded_text(std::string_view text, std::size_t max);

// Ok, or Code::invalid naming the first field of `message` that cannot be stored
// (a recipient, From or signed recipient that is not an address).
Status check_storable(const IncomingMessage& message);

// At most `max` bytes of `text`, every byte outside printable ASCII as \xNN, and
// "..." when cut: for quoting untrusted input in an error message.
std::string quoted_prefix(std::string_view text, std::size_t max = 40);

}  // namespace db
