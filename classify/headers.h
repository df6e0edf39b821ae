// A parsed header block: fields in order, names as written, values unfolded and with
// RFC 2047 words decoded to UTF-8. Lookup is case-insensitive (RFC 5322 2.2).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace classify {

struct HeaderField {
    std::string name;
    std::string value;
};

class Headers {
public:
    void add(std::string name, std::string value) {
        if (fields_.empty()) fields_.reserve(16);  // a bounce's header has a few dozen: no regrowth from 1
        fields_.push_back({std::move(name), std::move(value)});
    }
    // The first field named `name`, or "" when there is none.
    std::string_view get(std::string_view name) const;
    bool has(std::string_view name) const;
    const std::vector<HeaderField>& fields() const { return fields_; }
    bool empty() const { return fields_.empty(); }

private:
    std::vector<HeaderField> fields_;
};

// Parses a block of "Name: value" lines (LF line endings) up to the first blank line.
// Used where mimetic leaves text opaque: text/rfc822-headers, inline originals, DSN
// field groups. Lines that are not fields are skipped; at most `max_fields` kept.
// With `wanted`, only the fields it keeps are decoded and stored (the others
// still count toward `max_fields`): for readers that need a few names.
using FieldFilter = bool (*)(std::string_view name);
Headers parse_header_block(std::string_view block, std::size_t max_fields = 500, FieldFilter wanted = nullptr);

// A message's own header, already cut where it ends (see parse_message): every line
// is a field or a folded continuation, a line of blanks included.
Headers parse_header_fields(std::string_view fields, std::size_t max_fields, FieldFilter wanted = nullptr);

// One field as parse_header_block reads it, from its name and its unfolded value
// as written: false when `name` is no field name (nothing added).
bool add_header_field(Headers& headers, std::string_view name, std::string_view raw_value,
                      FieldFilter wanted = nullptr);
// The same for a value the caller hands over (mimetic's Field::value() is a copy
// already): stored without another one when it needs no squeezing.
bool add_header_field_reusing(Headers& headers, std::string_view name, std::string&& raw_value,
                              FieldFilter wanted = nullptr);

// Address inside "Name <addr>" or "addr (comment)", lower-cased; "" when none.
std::string extract_address(std::string_view value);

}  // namespace classify
