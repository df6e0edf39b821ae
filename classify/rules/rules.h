// The reason table: which words in a diagnostic mean which reason. One readable
// table in rules.cc, compiled once into a single RE2 set (linear time on any input),
// tried in table order: the first row that matches decides.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/reason.h"

namespace classify {

struct RuleMatch {
    Reason reason;
    std::string_view name;  // the row's name, reported as the deciding rule
    // The row is a provider's own wording (it names the hosts it applies to): its
    // meaning is exact there, and the diagnosis does not second-guess it.
    bool host_specific = false;
};

// Matches lower-cased, space-squeezed diagnostic text against the table. Rows that
// apply only to some receivers (a provider's own wording) are used when
// `remote_host` (the Remote-MTA or the recipient's domain, lower-cased) ends with
// one of their host suffixes.
std::optional<RuleMatch> match_reason_rules(std::string_view diagnostic, std::string_view remote_host = {});
// The same with every host that speaks for the receiver (the Remote-MTA and the
// recipient's domain): a host-keyed row applies when any of them matches. The rows
// written for `hold_out_family` are left out (hold_out.h).
std::optional<RuleMatch> match_reason_rules(std::string_view diagnostic, const std::vector<std::string>& hosts,
                                           std::string_view hold_out_family = {});

// Number of rows, and each row's name, for tests that walk the table.
std::size_t reason_rule_count();
std::string_view reason_rule_name(std::size_t row);
// "" when every row compiled on demand (the replies in other languages) is found
// by its stems whatever text it matches; else which row is not, and why.
std::string reason_rule_stem_gap();

// Where a row's wording comes from: the provider's document, the RFC, or the MTA
// whose replies it reads (rule_sources.cc); "" for a row that names none.
std::string_view rule_source(std::string_view rule_name);

}  // namespace classify
