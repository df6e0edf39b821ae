// Finding e-mail addresses in untrusted text: header values, DSN fields, prose.
// A hand-written scanner, linear in the input, with no regular expressions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace classify {

struct FoundAddress {
    std::string address;     // lower-cased
    std::size_t begin = 0;   // where it stands in the text
    std::size_t end = 0;
};

// Every address-shaped token in `text`, in order, at most `max` of them.
std::vector<FoundAddress> find_addresses(std::string_view text, std::size_t max = 1000);
// The first address in `text` ("" when none): for "Name <a@b>", "rfc822; a@b", "a@b".
std::string find_first_address(std::string_view text);
// True for local@domain with a plausible domain (a dot, or a bracketed literal).
bool is_address(std::string_view candidate);

}  // namespace classify
