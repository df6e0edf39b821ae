// MIME structure through mimetic, with its measured pitfalls fenced off (see the
// project notes): line endings are normalised first (its CRLF underflow), nesting and
// part counts are checked before it recurses (its stack), header lines are bounded
// (its quadratic growth), entities are held in a unique_ptr and never copied.
#include "classify/message.h"

#include <memory>

#include <mimetic/mimetic.h>

#include "classify/charset.h"
#include "classify/text.h"
#include "classify/transfer_encoding.h"

namespace classify {

std::string normalise_line_endings(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        char c = bytes[i];
        if (c == '\r') {
            out += '\n';
            if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

// Upper bound of the number of entities: every entity past the first needs a
// Content-Type line to be a part of a multipart or a message.
std::size_t count_content_type_lines(std::string_view lf) {
    std::size_t count = 0;
    for (std::size_t pos = 0; (pos = ifind(lf, "content-type:", pos)) != std::string_view::npos; ++pos)
        if (pos == 0 || lf[pos - 1] == '\n') ++count;
    return count;
}

std::size_t longest_line(std::string_view lf) {
    std::size_t longest = 0, start = 0;
    while (start < lf.size()) {
        auto nl = lf.find('\n', start);
        if (nl == std::string_view::npos) nl = lf.size();
        longest = std::max(longest, nl - start);
        start = nl + 1;
    }
    return longest;
}

std::string content_type_of(const mimetic::MimeEntity& entity) {
    const auto& header = entity.header();
    if (!header.hasField("Content-Type")) return "text/plain";
    const auto& ct = header.contentType();
    std::string type = lower(ct.type()) + "/" + lower(ct.subtype());
    return type == "/" ? "text/plain" : type;
}

std::string charset_of(const mimetic::MimeEntity& entity) {
    if (!entity.header().hasField("Content-Type")) return {};
    return entity.header().contentType().param("charset");
}

std::string encoding_of(const mimetic::MimeEntity& entity) {
    if (!entity.header().hasField("Content-Transfer-Encoding")) return {};
    return entity.header().field("Content-Transfer-Encoding").value();
}

Headers headers_of(const mimetic::MimeEntity& entity, std::size_t max_fields) {
    std::string block;
    for (const auto& field : entity.header()) {
        block += field.name();
        block += ": ";
        block += field.value();
        block += '\n';
    }
    return parse_header_block(block, max_fields);
}

// Rebuilds the header block of an attached message as text, for decoders that look
// for the original Message-ID, To or List-Id.
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

class Walker {
public:
    Walker(const Limits& limits, Message& message) : limits_(limits), message_(message) {}

    // Returns "" or the limit that was crossed.
    std::string walk(const mimetic::MimeEntity& entity, int depth, bool in_original) {
        if (depth > limits_.max_mime_depth) return "MIME nesting deeper than " + std::to_string(limits_.max_mime_depth);
        if (++entities_ > limits_.max_mime_parts) return "more than " + std::to_string(limits_.max_mime_parts) + " MIME parts";
        std::string type = content_type_of(entity);
        const auto& children = entity.body().parts();
        if (starts_with(type, "multipart/")) {
            for (const auto* child : children) {
                auto error = walk(*child, depth + 1, in_original);
                if (!error.empty()) return error;
            }
            if (children.empty()) add_leaf(entity, "text/plain", depth, in_original);
            return {};
        }
        if (type == "message/rfc822" && !children.empty()) {
            message_.parts.push_back({"message/rfc822-headers", header_text_of(*children.front()), depth, true});
            return walk(*children.front(), depth + 1, true);
        }
        add_leaf(entity, type, depth, in_original);
        return {};
    }

private:
    void add_leaf(const mimetic::MimeEntity& entity, const std::string& type, int depth, bool in_original) {
        const std::string& body = entity.body();
        if (type == "message/rfc822" && depth == 0 && body.empty()) return;
        std::string decoded = decode_transfer_encoding(body, encoding_of(entity));
        message_.parts.push_back({type, to_utf8(decoded, charset_of(entity)), depth, in_original});
    }

    const Limits& limits_;
    Message& message_;
    int entities_ = 0;
};

ParsedMessage refused(Outcome outcome, std::string why) {
    ParsedMessage parsed;
    parsed.outcome = outcome;
    parsed.error = std::move(why);
    return parsed;
}

}  // namespace

ParsedMessage parse_message(std::string_view bytes, const Limits& limits) {
    if (bytes.size() > limits.max_message_bytes)
        return refused(Outcome::limit_exceeded, "message larger than " + std::to_string(limits.max_message_bytes) + " bytes");
    std::string lf = normalise_line_endings(bytes);
    if (count_content_type_lines(lf) > static_cast<std::size_t>(limits.max_mime_parts))
        return refused(Outcome::limit_exceeded, "more than " + std::to_string(limits.max_mime_parts) + " MIME parts");
    if (longest_line(lf) > limits.max_line_bytes)
        return refused(Outcome::limit_exceeded, "a line longer than " + std::to_string(limits.max_line_bytes) + " bytes");
    ParsedMessage parsed;
    parsed.message.size = bytes.size();
    try {
        auto entity = std::make_unique<const mimetic::MimeEntity>(lf.begin(), lf.end());
        parsed.message.headers = headers_of(*entity, 1000);
        auto error = Walker(limits, parsed.message).walk(*entity, 0, false);
        if (!error.empty()) return refused(Outcome::limit_exceeded, error);
    } catch (const std::exception& e) {
        return refused(Outcome::unparsable, std::string("MIME structure unreadable: ") + e.what());
    } catch (...) {
        return refused(Outcome::unparsable, "MIME structure unreadable");
    }
    return parsed;
}

}  // namespace classify
