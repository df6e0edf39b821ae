// The text mimetic is handed, prepared without mimetic (classify/parse/message.cc is its
// only user): one pass that bounds what it will do, the top-level header split the
// way it splits it, and the work it is spared. mimetic copies every header field
// byte by byte into a heap Field, and parses every attached message into entities,
// while a bounce needs few of those fields and only the header of the original.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace classify {

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
    // Lines that start with "--": mimetic makes a part for each one that matches a
    // boundary, Content-Type or not, so 10 MiB of bare "--b" lines would be 2.6
    // million parts. An upper bound on the parts it could make.
    std::size_t boundary_lines = 0;
    // Bytes mimetic copies: the text once, plus for every unfolded header field of
    // length n about n * n / 128 (its field buffers grow 128 bytes at a time).
    std::size_t parse_work = 0;
    // Offsets of "message/rfc822" in the Content-Type lines of those header blocks
    // (the line itself, not a folded continuation): candidates for hide_attached_messages.
    std::vector<std::size_t> attached_message_types;
};
Shape shape_of(std::string_view lf);

// Whether `line` is a Content-Type field's first line (blanks before the colon
// allowed, as mimetic allows them).
bool is_content_type_field(std::string_view line);

// Where mimetic ends a header block: the offset of the blank line, or of the first
// line that is neither a field, a folded continuation nor one starting with ':'
// (which it ignores); it reads such a line as the body's first.
std::size_t header_end(std::string_view lf);

// Of the top-level header, mimetic needs only the MIME fields: the Content-* lines
// are copied to just before `end` (header_end(lf)), where mimetic is to start; the
// others are read by parse_header_fields. Returns that start.
std::size_t move_mime_fields_to_header_end(std::string& lf, std::size_t end);

// The type an attached message is handed to mimetic under: same length as
// "message/rfc822", and one it keeps as a leaf, so the message stays one body that
// the Walker splits itself.
constexpr std::string_view kHiddenAttachedMessage = "x-unparsed/msg";

// Renames "message/rfc822" to kHiddenAttachedMessage at the offsets past `from`.
// The candidates are over-approximated: one may sit in a text body, and the caller
// must check the parts for the new name (and parse again without hiding) when so.
void hide_attached_messages(std::string& lf, const std::vector<std::size_t>& offsets, std::size_t from);

}  // namespace classify
