// Leave-one-out, for measuring how the rules generalise: classify as if the rows
// and the format decoder written for one family of bounces had never been written.
// A family is an MTA or a provider, named as the development corpus names its
// files ("lhost-postfix", "rhost-google"). bench/leave_one_out.py holds out each
// family in turn and prints how the remaining rules do on it. Production passes
// no family: every row and decoder applies.
#pragma once

#include <string_view>

namespace classify {

// Whether `families`, the space-separated families a row or decoder was written
// for ("rhost-outlook rhost-microsoft"), names `held_out`. Empty names nothing.
bool is_held_out(std::string_view families, std::string_view held_out);

// The families the format decoder of formats/registry.cc named `format` was written
// for; "" for the standards every family shares (RFC 3464, ARF, RFC 3834, the
// X-Failed-Recipients field, the free-text reader).
std::string_view format_families(std::string_view format);

}  // namespace classify
