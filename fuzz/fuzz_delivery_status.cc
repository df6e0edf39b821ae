// libFuzzer target: the RFC 3464 field-group parser on a message/delivery-status body.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "classify/parse/delivery_status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t max_recipients = 50;
    classify::DeliveryStatus status = classify::parse_delivery_status(text, max_recipients);
    if (status.recipients.size() > max_recipients) std::abort();
    for (const auto& group : status.recipients)
        for (const auto& field : group.fields()) (void)classify::strip_type_prefix(field.value);
    return 0;
}
