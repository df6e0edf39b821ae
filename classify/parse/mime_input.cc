#include "classify/parse/mime_input.h"

#include <algorithm>

#include "classify/text.h"

namespace classify {
namespace {

constexpr std::string_view kAttachedMessage = "message/rfc822";
static_assert(kAttachedMessage.size() == kHiddenAttachedMessage.size(), "renamed in place");

std::size_t header_field_work(std::size_t n) { return (n / 128) * n; }

// Whether mimetic reads `line` as a header field: a name of printable ASCII
// without ':', blanks allowed before the colon.
bool is_field_line(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] > ' ' && line[i] < 127 && line[i] != ':') ++i;
    if (i == 0) return false;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    return i < line.size() && line[i] == ':';
}

}  // namespace

bool is_content_type_field(std::string_view line) {
    constexpr std::string_view kName = "content-type";
    if (!istarts_with(line, kName)) return false;
    auto rest = line.substr(kName.size());
    auto colon = rest.find_first_not_of(" \t");
    return colon != std::string_view::npos && rest[colon] == ':';
}

Shape shape_of(std::string_view lf) {
    Shape shape;
    shape.parse_work = lf.size();
    bool in_header = true, in_content_type = false, names_rfc822 = false;
    std::size_t field = 0;
    for (std::size_t start = 0; start < lf.size();) {
        auto nl = lf.find('\n', start);
        if (nl == std::string_view::npos) nl = lf.size();
        const std::size_t line_start = start;
        std::string_view line = lf.substr(start, nl - start);
        start = nl + 1;
        shape.longest_line = std::max(shape.longest_line, line.size());
        const bool content_type = is_content_type_field(line);
        if (content_type) ++shape.content_type_fields;
        if (in_header && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            field += line.size() + 1;
            names_rfc822 = names_rfc822 || (in_content_type && icontains(line, "rfc822"));
            continue;
        }
        shape.parse_work += header_field_work(field);
        field = 0;
        if (line.empty()) {
            in_header = in_header && names_rfc822;  // an attached message's header follows
            names_rfc822 = false;
        } else if (starts_with(line, "--")) {
            ++shape.boundary_lines;
            in_header = true;  // a part's header may follow a boundary line
            names_rfc822 = false;
        } else if (in_header) {
            field = line.size();
            in_content_type = content_type;
            names_rfc822 = names_rfc822 || (content_type && icontains(line, "rfc822"));
            if (content_type) {
                const auto at = ifind(line, kAttachedMessage);
                if (at != std::string_view::npos) shape.attached_message_types.push_back(line_start + at);
            }
        }
    }
    shape.parse_work += header_field_work(field);
    return shape;
}

std::size_t header_end(std::string_view lf) {
    for (std::size_t start = 0; start < lf.size();) {
        auto nl = lf.find('\n', start);
        if (nl == std::string_view::npos) nl = lf.size();
        const std::string_view line = lf.substr(start, nl - start);
        const bool folded = start > 0 && !line.empty() && (line[0] == ' ' || line[0] == '\t');
        if (line.empty() || !(folded || line[0] == ':' || is_field_line(line))) return start;
        start = nl + 1;
    }
    return lf.size();
}

std::size_t move_mime_fields_to_header_end(std::string& lf, std::size_t end) {
    std::string mime_fields;
    bool keeping = false;
    for (std::size_t start = 0; start < end;) {
        const std::size_t nl = lf.find('\n', start);
        const std::string_view line(lf.data() + start, nl - start);
        if (line.empty() || (line[0] != ' ' && line[0] != '\t')) keeping = istarts_with(line, "content-");
        if (keeping) mime_fields.append(line).append(1, '\n');
        start = nl + 1;
    }
    const std::size_t mime_start = end - mime_fields.size();
    lf.replace(mime_start, mime_fields.size(), mime_fields);
    return mime_start;
}

void hide_attached_messages(std::string& lf, const std::vector<std::size_t>& offsets, std::size_t from) {
    for (std::size_t at : offsets)
        if (at >= from && at + kAttachedMessage.size() <= lf.size())
            lf.replace(at, kHiddenAttachedMessage.size(), kHiddenAttachedMessage);
}

}  // namespace classify
