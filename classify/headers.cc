#include "classify/headers.h"

#include "classify/address.h"
#include "classify/encoded_words.h"
#include "classify/text.h"

namespace classify {

std::string_view Headers::get(std::string_view name) const {
    for (const auto& f : fields_)
        if (iequals(f.name, name)) return f.value;
    return {};
}

bool Headers::has(std::string_view name) const {
    for (const auto& f : fields_)
        if (iequals(f.name, name)) return true;
    return false;
}

namespace {

bool is_field_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (c <= ' ' || c > '~') return false;
    return true;
}

// Adds the field on `line` when it is one and `wanted` keeps its name; says
// whether it was a field at all (those count toward the limit, kept or not).
bool add_field(Headers& headers, std::string_view line, FieldFilter wanted) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    return add_header_field(headers, line.substr(0, colon), line.substr(colon + 1), wanted);
}

}  // namespace

namespace {

// The checks both forms of add_header_field make, on `name` trimmed in place:
// whether it is a field name at all, and whether `wanted` keeps it.
enum class FieldVerdict { not_a_field, skipped, kept };

FieldVerdict judge_field(std::string_view& name, FieldFilter wanted) {
    name = trim(name);
    if (!is_field_name(name)) return FieldVerdict::not_a_field;
    return wanted != nullptr && !wanted(name) ? FieldVerdict::skipped : FieldVerdict::kept;
}

void store_field(Headers& headers, std::string_view name, std::string squeezed_value) {
    decode_encoded_words_in_place(squeezed_value);
    headers.add(std::string(name), std::move(squeezed_value));
}

}  // namespace

bool add_header_field(Headers& headers, std::string_view name, std::string_view raw_value, FieldFilter wanted) {
    const FieldVerdict verdict = judge_field(name, wanted);
    if (verdict == FieldVerdict::kept) store_field(headers, name, squeeze_spaces(raw_value));
    return verdict != FieldVerdict::not_a_field;
}

bool add_header_field_reusing(Headers& headers, std::string_view name, std::string&& raw_value, FieldFilter wanted) {
    const FieldVerdict verdict = judge_field(name, wanted);
    if (verdict == FieldVerdict::kept) store_field(headers, name, squeeze_spaces_reusing(std::move(raw_value)));
    return verdict != FieldVerdict::not_a_field;
}

namespace {

// The field being read: a view of its lines in the block. Continuation lines follow
// their field's line in the block, so a folded field stays one view, line ends and
// all: the value is squeezed anyway, which turns "\n\t" into the ' ' unfolding would
// join with. (Copying the lines together, then squeezing the copy, was the larger
// part of reading a long Received or DKIM-Signature field.)
class PendingField {
public:
    bool empty() const { return text_.empty(); }
    std::string_view text() const { return text_; }
    void start(std::string_view line) { text_ = line; }
    void join(std::string_view continuation) {
        text_ = std::string_view(text_.data(), continuation.data() + continuation.size() - text_.data());
    }

private:
    std::string_view text_;
};

}  // namespace

namespace {

// The loop behind both public parsers. With `blank_line_ends`, a line of blanks ends
// the block; without it, such a line is folded into the field before it, as mimetic
// reads a message's own header.
Headers parse_fields(std::string_view block, std::size_t max_fields, FieldFilter wanted, bool blank_line_ends) {
    Headers headers;
    std::size_t fields = 0;
    PendingField current;
    std::size_t start = 0;
    while (start < block.size() && fields < max_fields) {
        auto nl = block.find('\n', start);
        if (nl == std::string_view::npos) nl = block.size();
        std::string_view line = block.substr(start, nl - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        start = nl + 1;
        if (line.empty() || (blank_line_ends && trim(line).empty())) break;
        if ((line[0] == ' ' || line[0] == '\t') && !current.empty()) {
            current.join(line);
            continue;
        }
        if (!current.empty() && add_field(headers, current.text(), wanted)) ++fields;
        current.start(line);
    }
    if (!current.empty() && fields < max_fields) add_field(headers, current.text(), wanted);
    return headers;
}

}  // namespace

Headers parse_header_block(std::string_view block, std::size_t max_fields, FieldFilter wanted) {
    return parse_fields(block, max_fields, wanted, true);
}

Headers parse_header_fields(std::string_view fields, std::size_t max_fields, FieldFilter wanted) {
    return parse_fields(fields, max_fields, wanted, false);
}

std::string extract_address(std::string_view value) { return find_first_address(value); }

}  // namespace classify
