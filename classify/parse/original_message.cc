#include "classify/parse/original_message.h"

#include "classify/parse/address.h"
#include "classify/parse/returned_message.h"
#include "classify/text.h"

namespace classify {
namespace {

constexpr std::size_t kMaxXHeaders = 32;

// The fields find_original_message reads; decoding the rest (Received lines,
// DKIM signatures) was most of its cost.
bool is_summarised_field(std::string_view name) {
    return iequals(name, "Message-ID") || iequals(name, "From") || iequals(name, "To") || iequals(name, "Subject") ||
           iequals(name, "List-Id") || iequals(name, "Return-Path") || istarts_with(name, "X-");
}

Headers original_headers(const Message& message, std::string_view returned_text, FieldFilter wanted) {
    for (const auto& part : message.parts) {
        // An attached message's header comes cut where it ends (message.cc); a
        // text/rfc822-headers part is text as sent, read up to its first blank line,
        // and so are RFC 6532's message/global-headers and an unparsed message/global.
        if (part.type == "message/rfc822-headers") return parse_header_fields(part.text, 500, wanted);
        if (part.type == "text/rfc822-headers" || part.type == "message/global-headers" ||
            part.type == "message/global")
            return parse_header_block(part.text, 500, wanted);
    }
    auto block = first_header_block(returned_text);
    return block.empty() ? Headers() : parse_header_block(block, 500, wanted);
}

}  // namespace

Headers original_headers(const Message& message, std::string_view returned_text) {
    return original_headers(message, returned_text, nullptr);
}

Headers opening_original_headers(const Message& message, std::string_view returned_text) {
    std::size_t start = 0;
    while (start < returned_text.size() && is_trimmed_space(returned_text[start])) ++start;
    const std::string_view copy = returned_text.substr(start);
    const std::string_view block = first_header_block(copy);
    const bool opens = !block.empty() && block.data() == copy.data();
    return original_headers(message, opens ? copy : std::string_view(), nullptr);
}

OriginalMessage find_original_message(const Message& message, std::string_view returned_text) {
    Headers headers = original_headers(message, returned_text, is_summarised_field);
    OriginalMessage original;
    original.message_id = std::string(trim(headers.get("Message-ID")));
    original.from = std::string(headers.get("From"));
    original.to = std::string(headers.get("To"));
    original.subject = std::string(headers.get("Subject"));
    original.list_id = std::string(headers.get("List-Id"));
    original.return_path = find_first_address(headers.get("Return-Path"));
    for (const auto& f : headers.fields())
        if (istarts_with(f.name, "X-") && original.x_headers.size() < kMaxXHeaders)
            original.x_headers.emplace_back(f.name, f.value);
    return original;
}

}  // namespace classify
