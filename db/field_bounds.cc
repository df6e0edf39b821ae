// Field bounds before SQL (see field_bounds.h). RFC 5321 4.5.3.1 for the address limits.
#include "db/field_bounds.h"

#include <cstdio>

#include "db/store.h"

namespace db {
namespace {

bool is_control_or_space(unsigned char c) { return c <= 0x20 || c == 0x7F; }

// Where a cut at `max` falls back to so it does not split a UTF-8 sequence.
std::size_t utf8_cut(std::string_view text, std::size_t max) {
    if (text.size() <= max) return text.size();
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

}  // namespace

std::string address_problem(std::string_view address) {
    if (address.size() > kMaxAddress) return "longer than " + std::to_string(kMaxAddress) + " octets";
    for (char c : address)
        if (is_control_or_space(static_cast<unsigned char>(c))) return "holds a control character or space";
    const auto at = address.rfind('@');
    if (at == std::string_view::npos) return "";
    if (at > kMaxLocalPart) return "local part longer than " + std::to_string(kMaxLocalPart) + " octets";
    if (address.size() - at - 1 > kMaxDomain) return "domain longer than " + std::to_string(kMaxDomain) + " octets";
    return "";
}

std::string bounded_text(std::string_view text, std::size_t max) {
    std::string out;
    const std::size_t cut = utf8_cut(text, max);
    out.reserve(cut);
    for (char c : text.substr(0, cut))
        if (c != '\0') out += c;
    return out;
}

Status check_storable(const IncomingMessage& message) {
    const auto refuse = [&](const char* field, std::string_view value, const std::string& why) {
        return Status::error(Code::invalid, std::string(field) + " '" + quoted_prefix(value) + "' is not an address: " + why);
    };
    for (const auto& r : message.report.recipients)
        if (auto why = address_problem(r.recipient); !why.empty()) return refuse("recipient", r.recipient, why);
    if (auto why = address_problem(message.sender_address); !why.empty())
        return refuse("From", message.sender_address, why);
    if (auto why = address_problem(message.signed_recipient); !why.empty())
        return refuse("signed recipient", message.signed_recipient, why);
    return Status::success();
}

std::string quoted_prefix(std::string_view text, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < max; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    if (text.size() > max) out += "...";
    return out;
}

}  // namespace db
