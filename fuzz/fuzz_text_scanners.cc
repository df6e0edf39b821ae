// libFuzzer target: the scanners that run over free bounce text: addresses,
// RFC 3463 status codes, SMTP reply codes, and the reason table. Every found
// address must lie inside the input; every code must be valid.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "classify/parse/address.h"
#include "classify/rules/rules.h"
#include "classify/rules/status_code.h"
#include "classify/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t max = 100;
    auto found = classify::find_addresses(text, max);
    if (found.size() > max) std::abort();
    for (const auto& a : found)
        if (a.begin >= a.end || a.end > text.size() || !classify::is_address(a.address)) std::abort();
    (void)classify::find_first_address(text);
    std::string code = classify::find_status_code(text);
    if (!code.empty() && !classify::is_valid_status_code(code)) std::abort();
    int reply = classify::find_reply_code(text);
    if (reply != 0 && (reply < 200 || reply > 599)) std::abort();
    (void)classify::match_reason_rules(classify::lower(classify::squeeze_spaces(text)));
    (void)classify::printable(text, 256);
    return 0;
}
