// The one log line per message that says what was done with it: what the classifier
// found for each recipient, and the disposition. Bounce text in it is made printable.
#pragma once

#include <string>

#include "classify/result.h"

namespace bounced::pipeline {

// "source=... fp=0123abcd4567 outcome=bounce rcpt=a@x class=hard reason=userunknown
// status=5.1.1; rcpt=..." : the decision line for one message. `disposition` is what
// happened to it (applied, duplicate, quarantined: why).
std::string message_line(const std::string& source, const std::string& fingerprint,
                         const classify::Report& report, const std::string& disposition);

}  // namespace bounced::pipeline
