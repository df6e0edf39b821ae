// The check the shape matrices (seeds_test.cc, layout_invariance_test.cc) make of
// each bounce they build: one recipient, with the class and reason expected.
#pragma once

#include <sstream>
#include <string>
#include <string_view>

#include "classify/classifier.h"

namespace test {

// Whether `bytes` gives exactly one recipient, `recipient`, with `bounce_class` and
// `reason` ("" for any reason); `why` says what it gave instead.
inline bool single_verdict(const std::string& bytes, std::string_view recipient, std::string_view bounce_class,
                           std::string_view reason, std::string* why) {
    auto report = classify::classify_message(bytes);
    std::ostringstream out;
    if (report.recipients.size() != 1) {
        out << report.recipients.size() << " recipients (format " << report.format << ")";
        *why = out.str();
        return false;
    }
    const auto& r = report.recipients.front();
    out << r.recipient << " " << classify::to_string(r.bounce_class) << "/" << classify::to_string(r.reason) << " rule "
        << r.rule << " format " << report.format << " command " << r.smtp_command << " diagnostic: " << r.diagnostic;
    *why = out.str();
    return r.recipient == recipient && classify::to_string(r.bounce_class) == bounce_class &&
           (reason.empty() || classify::to_string(r.reason) == reason);
}

}  // namespace test
