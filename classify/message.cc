// MIME structure through mimetic, with its measured pitfalls fenced off (see the
// project notes): line endings are normalised first (its CRLF underflow), nesting and
// part counts are checked before it recurses (its stack), header lines are bounded
// (its quadratic growth), entities are held in a unique_ptr and never copied. The
// top-level header is read here, not by mimetic, which is handed only its MIME fields.
#include "classify/message.h"

#include <memory>

#include <mimetic/mimetic.h>

#include "classify/charset.h"
#include "classify/text.h"
#include "classify/transfer_encoding.h"

namespace classify {

std::string normalise_line_endings(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 2);  // parse_message may append a blank line
    std::size_t start = 0;
    for (auto cr = bytes.find('\r'); cr != std::string_view::npos; cr = bytes.find('\r', start)) {
        out.append(bytes.substr(start, cr - start));
        out += '\n';
        start = cr + 1;
        if (start < bytes.size() && bytes[start] == '\n') ++start;
    }
    out.append(bytes.substr(start));
    return out;
}

namespace {

// What one linear pass over the LF text learns before mimetic sees it: the bounds
// that keep mimetic's recursion, its quadratic header buffers and every later
// line-by-line pass in check. Header blocks are over-approximated (the top, after
// any "--" line, after a block whose Content-Type names rfc822), so the estimates
// are upper bounds.
struct Shape {
    std::size_t longest_line = 0;
    // "Content-Type" field lines: mimetic nests one entity per multipart or
    // message/rfc822 field, so this bounds its recursion. It accepts blanks before
    // the colon ("Content-Type : multipart/mixed"), so they are counted too.
    std::size_t content_type_fields = 0;
    // Bytes mimetic copies: the text once, plus for every unfolded header field of
    // length n about n * n / 128 (its field buffers grow 128 bytes at a time).
    std::size_t parse_work = 0;
};

bool is_content_type_field(std::string_view line) {
    constexpr std::string_view kName = "content-type";
    if (!istarts_with(line, kName)) return false;
    auto rest = line.substr(kName.size());
    auto colon = rest.find_first_not_of(" \t");
    return colon != std::string_view::npos && rest[colon] == ':';
}

std::size_t header_field_work(std::size_t n) { return (n / 128) * n; }

Shape shape_of(std::string_view lf) {
    Shape shape;
    shape.parse_work = lf.size();
    bool in_header = true, in_content_type = false, names_rfc822 = false;
    std::size_t field = 0;
    for (std::size_t start = 0; start < lf.size();) {
        auto nl = lf.find('\n', start);
        if (nl == std::string_view::npos) nl = lf.size();
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
            in_header = true;  // a part's header may follow a boundary line
            names_rfc822 = false;
        } else if (in_header) {
            field = line.size();
            in_content_type = content_type;
            names_rfc822 = names_rfc822 || (content_type && icontains(line, "rfc822"));
        }
    }
    shape.parse_work += header_field_work(field);
    return shape;
}

// The first field named `name`, as mimetic's hasField and field() find it (names
// are ASCII, compared without case), without their per-call string and toupper
// per character.
const mimetic::Field* find_field(const mimetic::MimeEntity& entity, std::string_view name) {
    for (const auto& field : entity.header()) {
        const auto& field_name = field.name();
        if (iequals(std::string_view(field_name.data(), field_name.size()), name)) return &field;
    }
    return nullptr;
}

bool has_field(const mimetic::MimeEntity& entity, std::string_view name) { return find_field(entity, name) != nullptr; }

// What the Walker needs of an entity's Content-Type, read once: every
// contentType() call searches the header again (toupper per character; mimetic
// parses the field only the first time and keeps it).
struct ContentInfo {
    std::string type;     // lower-case "type/subtype"
    std::string charset;  // as written, or ""
    bool has_boundary = false;
};

ContentInfo content_info_of(const mimetic::MimeEntity& entity) {
    const auto& header = entity.header();
    if (!has_field(entity, "Content-Type")) return {"text/plain", {}, false};
    const auto& ct = header.contentType();
    // "text/plain\n   charset=..." with the ';' forgotten: the subtype ends at the blank.
    std::string subtype = lower(ct.subtype());
    subtype = subtype.substr(0, subtype.find_first_of(" \t\r\n"));
    std::string type = lower(ct.type()) + "/" + subtype;
    if (type == "/") type = "text/plain";
    return {std::move(type), ct.param("charset"), !ct.param("boundary").empty()};
}

std::string encoding_of(const mimetic::MimeEntity& entity) {
    const mimetic::Field* field = find_field(entity, "Content-Transfer-Encoding");
    return field ? field->value() : std::string();
}

// Rebuilds an entity's header block as text: for decoders that look for the
// original Message-ID, To or List-Id, and to parse into Headers.
std::string header_text_of(const mimetic::MimeEntity& entity) {
    std::string block;
    for (const auto& field : entity.header()) {
        block += field.name();
        block += ": ";
        block += field.value();
        block += '\n';
    }
    return block;
}

// Whether mimetic reads `line` as a header field: a name of printable ASCII
// without ':', blanks allowed before the colon.
bool is_field_line(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] > ' ' && line[i] < 127 && line[i] != ':') ++i;
    if (i == 0) return false;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    return i < line.size() && line[i] == ':';
}

// Where mimetic ends the top-level header: the offset of the blank line, or of
// the first line that is neither a field, a folded continuation nor one starting
// with ':' (which it ignores); it reads such a line as the body's first.
std::size_t top_header_end(std::string_view lf) {
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

// mimetic copies each header field byte by byte into a heap Field, and of the
// top-level header it needs only the MIME fields. The others (Received,
// DKIM-Signature and the like: most of the header) are read by parse_header_fields,
// as views. The Content-* lines are copied to just before the header's end, where
// mimetic is started; returns that offset.
std::size_t move_mime_fields_to_header_end(std::string& lf, std::size_t header_end) {
    std::string mime_fields;
    bool keeping = false;
    for (std::size_t start = 0; start < header_end;) {
        const std::size_t nl = lf.find('\n', start);
        const std::string_view line(lf.data() + start, nl - start);
        if (line.empty() || (line[0] != ' ' && line[0] != '\t')) keeping = istarts_with(line, "content-");
        if (keeping) mime_fields.append(line).append(1, '\n');
        start = nl + 1;
    }
    const std::size_t mime_start = header_end - mime_fields.size();
    lf.replace(mime_start, mime_fields.size(), mime_fields);
    return mime_start;
}

class Walker {
public:
    Walker(const Limits& limits, Message& message) : limits_(limits), message_(message) {}

    // Returns "" or the limit that was crossed.
    std::string walk(const mimetic::MimeEntity& entity, int depth, bool in_original) {
        if (depth > limits_.max_mime_depth) return "MIME nesting deeper than " + std::to_string(limits_.max_mime_depth) + " (max_mime_depth)";
        if (++entities_ > limits_.max_mime_parts) return "more than " + std::to_string(limits_.max_mime_parts) + " MIME parts (max_mime_parts)";
        const ContentInfo info = content_info_of(entity);
        const std::string& type = info.type;
        const auto& children = entity.body().parts();
        if (starts_with(type, "multipart/") && !info.has_boundary) {
            add_unsplit(entity, info.charset, depth, in_original);
            return {};
        }
        if (starts_with(type, "multipart/")) {
            for (const auto* child : children) {
                auto error = walk(*child, depth + 1, in_original);
                if (!error.empty()) return error;
            }
            // No boundary line in the body: mimetic holds it all as the preamble.
            if (children.empty()) add_leaf(entity, "text/plain", info.charset, depth, in_original, &entity.body().preamble());
            return {};
        }
        if (type == "message/rfc822" && !children.empty()) {
            message_.parts.push_back({"message/rfc822-headers", header_text_of(*children.front()), depth, true});
            return walk(*children.front(), depth + 1, true);
        }
        add_leaf(entity, type, info.charset, depth, in_original);
        return {};
    }

private:
    // A multipart without a boundary parameter: mimetic splits it at every line that
    // starts with "--" (a "-- " signature, a "-----" rule) and reads the lines after
    // each as a part header. Nothing was meant to be split, so the pieces are put
    // back together as one text/plain leaf (the "--" lines themselves are lost).
    void add_unsplit(const mimetic::MimeEntity& entity, const std::string& charset, int depth, bool in_original) {
        std::string text = entity.body().preamble();
        for (const auto* child : entity.body().parts()) {
            text += '\n';
            std::string header = header_text_of(*child);
            if (!header.empty()) text += header + '\n';
            text += child->body();
        }
        text += entity.body().epilogue();
        message_.parts.push_back({"text/plain", to_utf8(text, charset), depth, in_original});
    }

    void add_leaf(const mimetic::MimeEntity& entity, const std::string& type, const std::string& charset, int depth,
                  bool in_original, const std::string* fallback = nullptr) {
        const std::string& body = entity.body().empty() && fallback ? *fallback : entity.body();
        if (type == "message/rfc822" && depth == 0 && body.empty()) return;
        std::string decoded = decode_transfer_encoding(body, encoding_of(entity));
        if (!is_plain_ascii(decoded)) decoded = to_utf8(decoded, charset);  // plain 7-bit text is UTF-8 as it is
        message_.parts.push_back({type, std::move(decoded), depth, in_original});
    }

    const Limits& limits_;
    Message& message_;
    int entities_ = 0;
};

// RFC 3464 names one recipient per group. A report naming more than the limit is
// no newsletter bounce, and reading it all is unbounded work: refused, not cut.
bool too_many_recipients(const Message& message, std::size_t max) {
    std::size_t count = 0;
    for (const auto& part : message.parts) {
        if (part.in_original || (part.type != "message/delivery-status" && part.type != "message/global-delivery-status"))
            continue;
        std::string_view text = part.text;
        for (std::size_t start = 0; start < text.size();) {
            auto nl = text.find('\n', start);
            if (nl == std::string_view::npos) nl = text.size();
            if (istarts_with(text.substr(start, nl - start), "final-recipient")) ++count;
            start = nl + 1;
        }
    }
    return count > max;
}

ParsedMessage refused(Outcome outcome, std::string why) {
    ParsedMessage parsed;
    parsed.outcome = outcome;
    parsed.error = std::move(why);
    return parsed;
}

}  // namespace

ParsedMessage parse_message(std::string_view bytes, const Limits& limits) {
    if (bytes.size() > limits.max_message_bytes)
        return refused(Outcome::limit_exceeded, "message larger than " + std::to_string(limits.max_message_bytes) +
                                                    " bytes (max_message_bytes)");
    std::string lf = normalise_line_endings(bytes);
    // mimetic drops the last header field when no blank line follows it: end with one.
    if (lf.size() < 2 || lf.compare(lf.size() - 2, 2, "\n\n") != 0) lf += lf.empty() || lf.back() != '\n' ? "\n\n" : "\n";
    const Shape shape = shape_of(lf);
    if (shape.content_type_fields > static_cast<std::size_t>(limits.max_mime_parts))
        return refused(Outcome::limit_exceeded, "more than " + std::to_string(limits.max_mime_parts) +
                                                    " MIME parts (max_mime_parts)");
    if (shape.longest_line > limits.max_line_bytes)
        return refused(Outcome::limit_exceeded, "a line longer than " + std::to_string(limits.max_line_bytes) +
                                                    " bytes (max_line_bytes)");
    if (shape.parse_work > limits.max_parse_work)
        return refused(Outcome::limit_exceeded, "parsing would copy more than " + std::to_string(limits.max_parse_work) +
                                                    " bytes: header fields too long (max_parse_work)");
    ParsedMessage parsed;
    parsed.message.size = bytes.size();
    try {
        const std::size_t header_end = top_header_end(lf);
        parsed.message.headers = parse_header_fields(std::string_view(lf).substr(0, header_end), 1000);
        const std::size_t mime_start = move_mime_fields_to_header_end(lf, header_end);
        auto entity = std::make_unique<const mimetic::MimeEntity>(lf.begin() + mime_start, lf.end());
        auto error = Walker(limits, parsed.message).walk(*entity, 0, false);
        if (!error.empty()) return refused(Outcome::limit_exceeded, error);
        if (too_many_recipients(parsed.message, limits.max_recipients))
            return refused(Outcome::limit_exceeded, "more than " + std::to_string(limits.max_recipients) +
                                                        " recipients (max_recipients)");
    } catch (const std::exception& e) {
        return refused(Outcome::unparsable, std::string("MIME structure unreadable: ") + e.what());
    } catch (...) {
        return refused(Outcome::unparsable, "MIME structure unreadable");
    }
    return parsed;
}

}  // namespace classify
