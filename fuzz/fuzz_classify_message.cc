// libFuzzer target: the whole classifier, bytes of a message in, a Report out.
// classify_message promises never to throw and to bound every result; both are
// checked here, along with the limits it reports.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "classify/classifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    classify::Limits limits;
    classify::Report report = classify::classify_message(bytes, limits);
    if (report.recipients.size() > limits.max_recipients) std::abort();
    for (const auto& r : report.recipients)
        if (r.diagnostic.size() > limits.max_diagnostic_bytes + 16) std::abort();
    if ((report.outcome == classify::Outcome::limit_exceeded || report.outcome == classify::Outcome::unparsable) &&
        report.error.empty())
        std::abort();
    return 0;
}
