// libFuzzer target: the VERP return-path decoder. A decoded recipient must itself
// be an address; a tag only comes with a recipient.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "classify/parse/address.h"
#include "classify/rules/verp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    classify::VerpAddress verp = classify::decode_verp(text);
    if (!verp.recipient.empty() && !classify::is_address(verp.recipient)) std::abort();
    if (verp.recipient.empty() && !verp.tag.empty()) std::abort();
    return 0;
}
