// libFuzzer target: the whole classifier, bytes of a message in, a Report out.
// classify_message promises never to throw and to bound every result; both are
// checked here, along with the limits it reports. parse_message also promises that
// the private type it hides attached messages under (mime_input.h) never reaches a
// part's text unless the message itself carries it.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "classify/classifier.h"
#include "classify/parse/message.h"
#include "classify/parse/mime_input.h"

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
    if (bytes.find(classify::kHiddenAttachedMessage) == std::string_view::npos) {
        const classify::ParsedMessage parsed = classify::parse_message(bytes, limits);
        for (const auto& part : parsed.message.parts)
            if (part.text.find(classify::kHiddenAttachedMessage) != std::string::npos) std::abort();
    }
    return 0;
}
