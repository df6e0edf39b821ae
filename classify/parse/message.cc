// MIME structure through mimetic, with its measured pitfalls fenced off (each one
// has a test in tests/classify/mimetic_hazards_test.cc): line endings are normalised first (its CRLF underflow), nesting and
// part counts are checked before it recurses (its stack), header lines are bounded
// (its quadratic growth), entities are held in a unique_ptr and never copied. The
// top-level header is read here, not by mimetic, which is handed only its MIME fields.
#include "classify/parse/message.h"

#include <memory>

#include <mimetic/mimetic.h>

#include "classify/parse/charset.h"
#include "classify/parse/mime_input.h"
#include "classify/text.h"
#include "classify/parse/transfer_encoding.h"

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
    const bool has_boundary = starts_with(type, "multipart/") && !ct.param("boundary").empty();
    return {std::move(type), ct.param("charset"), has_boundary};
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

// mimetic drops the last header field when no blank line follows it: end with one.
void end_with_blank_line(std::string& text) {
    if (text.size() < 2 || text.compare(text.size() - 2, 2, "\n\n") != 0) text += text.empty() || text.back() != '\n' ? "\n\n" : "\n";
}

// Whether an attached message is itself a report: a gateway may wrap the real
// bounce that way (formats/x5.cc), and then its delivery-status part is read.
// Read from the lines of the header's Content-Type field, folded ones included.
bool is_report(std::string_view header) {
    bool in_content_type = false;
    for (std::size_t start = 0; start < header.size();) {
        auto nl = header.find('\n', start);
        if (nl == std::string_view::npos) nl = header.size();
        const std::string_view line = header.substr(start, nl - start);
        start = nl + 1;
        const bool folded = !line.empty() && (line[0] == ' ' || line[0] == '\t');
        if (!folded) in_content_type = is_content_type_field(line);
        if (in_content_type && (icontains(line, "report") || icontains(line, "delivery-status"))) return true;
    }
    return false;
}

class Walker {
public:
    Walker(const Limits& limits, Message& message) : limits_(limits), message_(message) {}

    // Returns "" or the limit that was crossed.
    std::string walk(const mimetic::MimeEntity& entity, int depth, bool in_original, int enclosure = 0) {
        if (depth > limits_.max_mime_depth) return "MIME nesting deeper than " + std::to_string(limits_.max_mime_depth) + " (limits.max_mime_depth)";
        if (++entities_ > limits_.max_mime_parts) return "more than " + std::to_string(limits_.max_mime_parts) + " MIME parts (limits.max_mime_parts)";
        const ContentInfo info = content_info_of(entity);
        const std::string& type = info.type;
        const auto& children = entity.body().parts();
        if (starts_with(type, "multipart/") && !info.has_boundary) {
            add_unsplit(entity, info.charset, depth, in_original, enclosure);
            return {};
        }
        if (starts_with(type, "multipart/")) {
            for (const auto* child : children) {
                auto error = walk(*child, depth + 1, in_original, enclosure);
                if (!error.empty()) return error;
            }
            // No boundary line in the body: mimetic holds it all as the preamble.
            if (children.empty())
                add_leaf(entity, "text/plain", info.charset, depth, in_original, enclosure, &entity.body().preamble());
            return {};
        }
        if (type == kHiddenAttachedMessage) return add_attached_message(entity, depth);
        if (type == "message/rfc822" && !children.empty()) {
            const int attached = ++enclosures_;
            message_.parts.push_back({"message/rfc822-headers", header_text_of(*children.front()), depth, true, attached});
            return walk(*children.front(), depth + 1, true, attached);
        }
        add_leaf(entity, type, info.charset, depth, in_original, enclosure);
        return {};
    }

private:
    // An attached message that mimetic kept whole (see hide_attached_messages): its
    // header becomes a part of its own, cut where mimetic would have cut it. Of the
    // rest, only a report's parts are ever read, so only a report is parsed further.
    std::string add_attached_message(const mimetic::MimeEntity& entity, int depth) {
        std::string text = decode_transfer_encoding(entity.body(), encoding_of(entity));
        end_with_blank_line(text);
        const std::size_t end = header_end(text);
        const int attached = ++enclosures_;
        message_.parts.push_back({"message/rfc822-headers", text.substr(0, end), depth, true, attached});
        if (!is_report(std::string_view(text).substr(0, end))) return {};
        const std::size_t mime_start = move_mime_fields_to_header_end(text, end);
        const auto original = std::make_unique<const mimetic::MimeEntity>(text.begin() + mime_start, text.end());
        return walk(*original, depth + 1, true, attached);
    }

    // A multipart without a boundary parameter: mimetic splits it at every line that
    // starts with "--" (a "-- " signature, a "-----" rule) and reads the lines after
    // each as a part header. Nothing was meant to be split, so the pieces are put
    // back together as one text/plain leaf (the "--" lines themselves are lost).
    void add_unsplit(const mimetic::MimeEntity& entity, const std::string& charset, int depth, bool in_original,
                     int enclosure) {
        std::string text = entity.body().preamble();
        for (const auto* child : entity.body().parts()) {
            text += '\n';
            std::string header = header_text_of(*child);
            if (!header.empty()) text += header + '\n';
            text += child->body();
        }
        text += entity.body().epilogue();
        message_.parts.push_back({"text/plain", to_utf8(text, charset), depth, in_original, enclosure});
    }

    void add_leaf(const mimetic::MimeEntity& entity, const std::string& type, const std::string& charset, int depth,
                  bool in_original, int enclosure, const std::string* fallback = nullptr) {
        const std::string& body = entity.body().empty() && fallback ? *fallback : entity.body();
        if (type == "message/rfc822" && depth == 0 && body.empty()) return;
        std::string decoded = decode_transfer_encoding(body, encoding_of(entity));
        if (!is_plain_ascii(decoded)) decoded = to_utf8(decoded, charset);  // plain 7-bit text is UTF-8 as it is
        message_.parts.push_back({type, std::move(decoded), depth, in_original, enclosure});
    }

    const Limits& limits_;
    Message& message_;
    int entities_ = 0;
    int enclosures_ = 0;  // attached messages met so far
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

// The text as mimetic is to read it: LF line endings, a blank line at the end.
std::string prepared_text(std::string_view bytes) {
    std::string lf = normalise_line_endings(bytes);
    end_with_blank_line(lf);
    return lf;
}

// The top-level header read by parse_header_fields, the rest by mimetic and the
// Walker. With `hide`, attached messages are kept whole (hide_attached_messages).
// Returns "" or the limit that was crossed.
std::string read_structure(std::string lf, const Shape& shape, const Limits& limits, bool hide, Message& message) {
    const std::size_t end = header_end(lf);
    message.headers = parse_header_fields(std::string_view(lf).substr(0, end), 1000);
    const std::size_t mime_start = move_mime_fields_to_header_end(lf, end);
    if (hide) hide_attached_messages(lf, shape.attached_message_types, end);
    const auto entity = std::make_unique<const mimetic::MimeEntity>(lf.begin() + mime_start, lf.end());
    return Walker(limits, message).walk(*entity, 0, false);
}

// Whether a renamed type shows in the text of a part: that line was no part's
// header after all, and the message must be read again without hiding.
bool shows_hidden_type(const Message& message) {
    for (const auto& part : message.parts)
        if (part.text.find(kHiddenAttachedMessage) != std::string::npos) return true;
    return false;
}

}  // namespace

// Boundary-shaped lines allowed per MIME part allowed (see Shape::boundary_lines).
constexpr std::size_t kBoundaryLinesPerPart = 8;

ParsedMessage parse_message(std::string_view bytes, const Limits& limits) {
    if (bytes.size() > limits.max_message_bytes)
        return refused(Outcome::limit_exceeded, "message larger than " + std::to_string(limits.max_message_bytes) +
                                                    " bytes (limits.max_message_bytes)");
    std::string lf = prepared_text(bytes);
    const Shape shape = shape_of(lf);
    if (shape.content_type_fields > static_cast<std::size_t>(limits.max_mime_parts))
        return refused(Outcome::limit_exceeded, "more than " + std::to_string(limits.max_mime_parts) +
                                                    " MIME parts (limits.max_mime_parts)");
    // Generous: text lines that start with "--" (signatures, rules) count as well.
    if (shape.boundary_lines > kBoundaryLinesPerPart * static_cast<std::size_t>(limits.max_mime_parts))
        return refused(Outcome::limit_exceeded, "more than " + std::to_string(kBoundaryLinesPerPart * limits.max_mime_parts) +
                                                    " boundary lines (limits.max_mime_parts)");
    if (shape.longest_line > limits.max_line_bytes)
        return refused(Outcome::limit_exceeded, "a line longer than " + std::to_string(limits.max_line_bytes) +
                                                    " bytes (limits.max_line_bytes)");
    if (shape.parse_work > limits.max_parse_work)
        return refused(Outcome::limit_exceeded, "parsing would copy more than " + std::to_string(limits.max_parse_work) +
                                                    " bytes: header fields too long (limits.max_parse_work)");
    ParsedMessage parsed;
    parsed.message.size = bytes.size();
    try {
        auto error = read_structure(std::move(lf), shape, limits, true, parsed.message);
        if (error.empty() && !shape.attached_message_types.empty() && shows_hidden_type(parsed.message)) {
            parsed.message = Message{};
            parsed.message.size = bytes.size();
            error = read_structure(prepared_text(bytes), shape, limits, false, parsed.message);
        }
        if (!error.empty()) return refused(Outcome::limit_exceeded, error);
        if (too_many_recipients(parsed.message, limits.max_recipients))
            return refused(Outcome::limit_exceeded, "more than " + std::to_string(limits.max_recipients) +
                                                        " recipients (limits.max_recipients)");
    } catch (const std::exception& e) {
        return refused(Outcome::unparsable, std::string("MIME structure unreadable: ") + e.what());
    } catch (...) {
        return refused(Outcome::unparsable, "MIME structure unreadable");
    }
    return parsed;
}

}  // namespace classify
