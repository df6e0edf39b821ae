#include "classify/parse/delivery_status.h"

#include "classify/parse/address.h"
#include "classify/text.h"

namespace classify {

std::string_view strip_type_prefix(std::string_view value) {
    auto semi = value.find(';');
    if (semi == std::string_view::npos || semi > 16) return trim(value);
    for (char c : value.substr(0, semi))
        if (c == ' ' || c == '<' || c == '@') return trim(value);
    return trim(value.substr(semi + 1));
}

std::string reported_recipient(const Headers& group) {
    std::string_view original = trim(group.get("Original-Recipient"));
    if (istarts_with(original, "rfc822")) {
        std::string address = find_first_address(strip_type_prefix(original));
        if (!address.empty()) return address;
    }
    for (const char* name : {"Final-Recipient", "Original-Recipient", "X-Actual-Recipient"}) {
        std::string address = find_first_address(strip_type_prefix(group.get(name)));
        if (!address.empty()) return address;
    }
    return {};
}

namespace {

bool names_a_recipient(const Headers& group) {
    return group.has("Final-Recipient") || group.has("Original-Recipient") || group.has("X-Actual-Recipient");
}

// Splits the text at blank lines.
std::vector<std::string_view> split_groups(std::string_view text) {
    std::vector<std::string_view> groups;
    std::size_t start = 0;
    while (start < text.size()) {
        // Three or more newlines in a row: the group starts after all of them.
        while (start < text.size() && text[start] == '\n') ++start;
        if (start == text.size()) break;
        auto blank = text.find("\n\n", start);
        auto end = blank == std::string_view::npos ? text.size() : blank + 1;
        auto group = text.substr(start, end - start);
        if (!trim(group).empty()) groups.push_back(group);
        start = blank == std::string_view::npos ? text.size() : blank + 2;
    }
    return groups;
}

}  // namespace

DeliveryStatus parse_delivery_status(std::string_view text, std::size_t max_recipients) {
    DeliveryStatus status;
    bool first = true;
    // Lines of only blanks count as blank lines.
    std::string cleaned;
    cleaned.reserve(text.size());
    for (auto line : split_lines(text)) {
        cleaned.append(trim(line).empty() ? std::string_view() : line);
        cleaned += '\n';
    }
    for (auto group_text : split_groups(cleaned)) {
        Headers group = parse_header_block(group_text);
        if (group.empty()) continue;
        if (names_a_recipient(group)) {
            if (status.recipients.size() < max_recipients) status.recipients.push_back(std::move(group));
        } else if (first) {
            status.per_message = std::move(group);
        } else {
            for (const auto& f : group.fields()) status.per_message.add(f.name, f.value);
        }
        first = false;
    }
    return status;
}

}  // namespace classify
