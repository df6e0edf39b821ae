// The reason table: which words in a diagnostic mean which reason. One readable
// table in rules.cc, compiled once into a single RE2 set (linear time on any input),
// tried in table order: the first row that matches decides.
#pragma once

#include <optional>
#include <string_view>

#include "classify/reason.h"

namespace classify {

struct RuleMatch {
    Reason reason;
    std::string_view name;  // the row's name, reported as the deciding rule
};

// Matches lower-cased, space-squeezed diagnostic text against the table. Rows that
// apply only to some receivers (a provider's own wording) are used when
// `remote_host` (the Remote-MTA or the recipient's domain, lower-cased) ends with
// one of their host suffixes.
std::optional<RuleMatch> match_reason_rules(std::string_view diagnostic, std::string_view remote_host = {});

// Number of rows, for tests that walk the table.
std::size_t reason_rule_count();

}  // namespace classify
