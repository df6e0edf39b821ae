#include "classify/original_message.h"

#include "classify/address.h"
#include "classify/text.h"

namespace classify {
namespace {

constexpr std::size_t kMaxXHeaders = 32;

bool starts_header_block(std::string_view line) {
    // Most lines are prose: their first letter rules every name out.
    switch (line.empty() ? '\0' : ascii_lower(line[0])) {
        case 'r': case 'm': case 'f': case 'd': case 't': case 's': case 'x': break;
        default: return false;
    }
    return istarts_with(line, "Return-Path:") || istarts_with(line, "Received:") ||
           istarts_with(line, "Message-ID:") || istarts_with(line, "From:") || istarts_with(line, "Date:") ||
           istarts_with(line, "To:") || istarts_with(line, "Subject:") || istarts_with(line, "MIME-Version:") ||
           istarts_with(line, "X-") || istarts_with(line, "Delivered-To:") || istarts_with(line, "Reply-To:");
}

// An inline copy: the first line of the bounce text, after at least a few lines of
// prose, where two header-looking lines follow one another and a Message-ID or
// From appears in the block.
std::string_view inline_header_block(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        std::size_t next_start = nl + 1;
        if (starts_header_block(line) && next_start < text.size()) {
            auto nl2 = text.find('\n', next_start);
            std::string_view next = text.substr(next_start, (nl2 == std::string_view::npos ? text.size() : nl2) - next_start);
            if (starts_header_block(next) || next.substr(0, 1) == " " || next.substr(0, 1) == "\t") {
                auto block = text.substr(pos);
                auto end = block.find("\n\n");
                block = block.substr(0, end);
                if (icontains(block, "message-id:") || icontains(block, "\nfrom:") || icontains(block, "\nsubject:"))
                    return block;
            }
        }
        pos = next_start;
    }
    return {};
}

// The fields find_original_message reads; decoding the rest (Received lines,
// DKIM signatures) was most of its cost.
bool is_summarised_field(std::string_view name) {
    return iequals(name, "Message-ID") || iequals(name, "From") || iequals(name, "To") || iequals(name, "Subject") ||
           iequals(name, "List-Id") || iequals(name, "Return-Path") || istarts_with(name, "X-");
}

Headers original_headers(const Message& message, std::string_view bounce_text, FieldFilter wanted) {
    for (const auto& part : message.parts) {
        // An attached message's header comes cut where it ends (message.cc); a
        // text/rfc822-headers part is text as sent, read up to its first blank line.
        if (part.type == "message/rfc822-headers") return parse_header_fields(part.text, 500, wanted);
        if (part.type == "text/rfc822-headers") return parse_header_block(part.text, 500, wanted);
    }
    auto block = inline_header_block(bounce_text);
    return block.empty() ? Headers() : parse_header_block(block, 500, wanted);
}

}  // namespace

Headers original_headers(const Message& message, std::string_view bounce_text) {
    return original_headers(message, bounce_text, nullptr);
}

OriginalMessage find_original_message(const Message& message, std::string_view bounce_text) {
    Headers headers = original_headers(message, bounce_text, is_summarised_field);
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
