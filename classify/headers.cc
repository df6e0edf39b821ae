#include "classify/headers.h"

#include "classify/parse/address.h"
#include "classify/parse/encoded_words.h"
#include "classify/text.h"

namespace classify {

void Headers::append(std::string name, std::string value, bool unread) {
    if (fields_.empty()) fields_.reserve(16);  // a bounce's header has a few dozen: no regrowth from 1
    fields_.push_back({std::move(name), std::move(value)});
    if (unread && unread_.empty()) unread_.reserve(fields_.capacity());
    if (unread || !unread_.empty()) unread_.resize(fields_.size(), false);
    if (unread) {
        unread_.back() = true;
        ++unread_count_;
    }
}

// What parse_header_block does to a value as it stores it.
void Headers::read(std::size_t i) const {
    if (unread_count_ == 0 || !unread_[i]) return;
    std::string& value = fields_[i].value;
    value = squeeze_spaces_reusing(std::move(value));
    decode_encoded_words_in_place(value);
    unread_[i] = false;
    --unread_count_;
}

std::string_view Headers::get(std::string_view name) const {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (!iequals(fields_[i].name, name)) continue;
        read(i);
        return fields_[i].value;
    }
    return {};
}

std::vector<std::string_view> Headers::get_all(std::string_view name, std::size_t max) const {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < fields_.size() && out.size() < max; ++i) {
        if (!iequals(fields_[i].name, name)) continue;
        read(i);
        out.push_back(fields_[i].value);
    }
    return out;
}

bool Headers::has(std::string_view name) const {
    for (const auto& f : fields_)
        if (iequals(f.name, name)) return true;
    return false;
}

const std::vector<HeaderField>& Headers::fields() const {
    for (std::size_t i = 0; unread_count_ > 0 && i < fields_.size(); ++i) read(i);
    return fields_;
}

namespace {

bool is_field_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (c <= ' ' || c > '~') return false;
    return true;
}

// The checks add_header_field makes, on `name` trimmed in place: whether it is a
// field name at all, and whether `wanted` keeps it.
enum class FieldVerdict { not_a_field, skipped, kept };

FieldVerdict judge_field(std::string_view& name, FieldFilter wanted) {
    name = trim(name);
    if (!is_field_name(name)) return FieldVerdict::not_a_field;
    return wanted != nullptr && !wanted(name) ? FieldVerdict::skipped : FieldVerdict::kept;
}

// A message's own header is read on demand (Headers::add_unread); a field group,
// which is short and read whole, at once.
enum class Reading { now, on_demand };

// Stores a field read at once: its value squeezed and its RFC 2047 words decoded.
void add_decoded(Headers& headers, std::string_view name, std::string_view raw_value) {
    std::string value = squeeze_spaces(raw_value);
    decode_encoded_words_in_place(value);
    headers.add(std::string(name), std::move(value));
}

// Adds the field on `line` when it is one and `wanted` keeps its name; says
// whether it was a field at all (those count toward the limit, kept or not).
bool add_field(Headers& headers, std::string_view line, FieldFilter wanted, Reading reading) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view name = line.substr(0, colon);
    const FieldVerdict verdict = judge_field(name, wanted);
    if (verdict != FieldVerdict::kept) return verdict != FieldVerdict::not_a_field;
    if (reading == Reading::on_demand) headers.add_unread(std::string(name), std::string(line.substr(colon + 1)));
    else add_decoded(headers, name, line.substr(colon + 1));
    return true;
}

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

// The loop behind both public parsers. A field group ends at a line of blanks; in a
// message's own header, cut already, such a line is folded into the field before
// it, as mimetic reads one.
Headers parse_fields(std::string_view block, std::size_t max_fields, FieldFilter wanted, Reading reading) {
    const bool blank_line_ends = reading == Reading::now;
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
        if (!current.empty() && add_field(headers, current.text(), wanted, reading)) ++fields;
        current.start(line);
    }
    if (!current.empty() && fields < max_fields) add_field(headers, current.text(), wanted, reading);
    return headers;
}

}  // namespace

Headers parse_header_block(std::string_view block, std::size_t max_fields, FieldFilter wanted) {
    return parse_fields(block, max_fields, wanted, Reading::now);
}

Headers parse_header_fields(std::string_view fields, std::size_t max_fields, FieldFilter wanted) {
    return parse_fields(fields, max_fields, wanted, Reading::on_demand);
}

bool add_header_field(Headers& headers, std::string_view name, std::string_view raw_value, FieldFilter wanted) {
    const FieldVerdict verdict = judge_field(name, wanted);
    if (verdict == FieldVerdict::kept) add_decoded(headers, name, raw_value);
    return verdict != FieldVerdict::not_a_field;
}

std::string extract_address(std::string_view value) { return find_first_address(value); }

}  // namespace classify
