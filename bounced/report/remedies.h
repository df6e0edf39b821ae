// What an operator can do about each kind of failure, in English and Japanese, for
// the reports. The advice distils the project's seed articles (Japanese operators'
// guides to 550-554 and 5.1.1, 5.2.2, 5.4.1, 5.7.1) and common practice; the words
// are the project's own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/reason.h"

namespace bounced::report {

enum class Language { en, ja };

struct Remedy {
    std::string_view topic;  // short key, e.g. "reverse-dns", for tables and tests
    std::string_view text;   // one or two sentences a person can act on
};

// The remedies for a reason, most specific first; `status` (an RFC 3463 code) and
// `diagnostic` refine the choice (5.4.1 from Outlook, a blocklist named in the text).
// Never empty for a failure reason; empty for delivered, delayed and vacation.
std::vector<Remedy> remedies_for(classify::Reason reason, std::string_view status, std::string_view diagnostic,
                                 Language language);

bool parse_language(std::string_view name, Language* out);

}  // namespace bounced::report
