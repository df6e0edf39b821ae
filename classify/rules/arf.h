// RFC 5965 Abuse Reporting Format: a spam complaint, reported as class "complaint"
// (reason "feedback") for each recipient who complained.
#pragma once

#include <vector>

#include "classify/parse/bounce_view.h"

namespace classify {

// The complainants of a multipart/report with a message/feedback-report part:
// every Original-Rcpt-To, else the To of the attached original. Empty when the
// message is not a feedback report.
std::vector<Evidence> decode_feedback_report(const BounceView& view);

}  // namespace classify
