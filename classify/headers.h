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
    void add(std::string name, std::string value) { append(std::move(name), std::move(value), false); }
    // A field whose value is unfolded and decoded only when first read (get,
    // fields): a message's own header has a dozen fields or more, long folded
    // Received and DKIM-Signature ones among them, and its readers look at a few.
    void add_unread(std::string name, std::string raw_value) { append(std::move(name), std::move(raw_value), true); }
    // The first field named `name`, or "" when there is none.
    std::string_view get(std::string_view name) const;
    bool has(std::string_view name) const;
    // Every field named `name`, in order, at most `max` of them.
    std::vector<std::string_view> get_all(std::string_view name, std::size_t max) const;
    const std::vector<HeaderField>& fields() const;
    bool empty() const { return fields_.empty(); }

private:
    void append(std::string name, std::string value, bool unread);
    void read(std::size_t i) const;

    // Reading an unread value changes when the work is done, never an answer; it
    // writes, so one Headers must not be read from two threads at once.
    mutable std::vector<HeaderField> fields_;
    mutable std::vector<bool> unread_;  // per field; empty while nothing was added unread
    mutable std::size_t unread_count_ = 0;
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

// Address inside "Name <addr>" or "addr (comment)", lower-cased; "" when none.
std::string extract_address(std::string_view value);

}  // namespace classify
