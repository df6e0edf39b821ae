// The layout most non-standard bounces share: a sentence that introduces the failed
// recipients, then for each one a line that starts with the address followed by the
// receiver's words, then a line where the copy of the original message begins.
// Format decoders describe their markers; this scanner does the walking.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "classify/rules/evidence.h"
#include "classify/parse/marker_set.h"

namespace classify {

struct ParagraphLayout {
    // Lines containing any of these (ASCII case-insensitive) open the recipient
    // section; empty means the section starts at the top of the text.
    MarkerSet starts;
    // Lines containing any of these close it (the original message follows).
    MarkerSet ends;
    RecipientSource source = RecipientSource::mta_format;
    // A blank line ends a recipient's diagnostic (false: only the next recipient does).
    bool blank_line_ends_paragraph = true;
};

// Recipients in order, each with the text that follows its address.
std::vector<Evidence> scan_recipient_paragraphs(std::string_view text, const ParagraphLayout& layout,
                                                std::size_t max_recipients);

// The address a line starts with ("<a@b>:", "a@b", "To: a@b", "RCPT To:<a@b>"), or
// "". `rest` receives the text after the address.
std::string recipient_at_line_start(std::string_view line, std::string_view* rest);

// The text around the first mention of `address` in `text`: the rest of its line
// and the lines that follow it up to a blank line. "" when it is not mentioned.
std::string paragraph_about(std::string_view text, std::string_view address);

// The address a recipient's paragraph says it was expanded from: Exim's
// "(generated from alias@b)" / "(ultimately generated from ...)" (deliver.c),
// Postfix's "(expanded from <alias@b>)" (bounce_notify_util.c), Sendmail's
// "(expanded from: <alias@b>)" (savemail.c). That is the address the list sent
// to, which README says a result reports. "" when the paragraph says none, or
// when an address other than `recipient` stands before the words (the next
// recipient's paragraph).
std::string expanded_from(std::string_view paragraph, std::string_view recipient);

// The part of `text` before the first line containing one of `markers`.
std::string_view text_before(std::string_view text, const std::vector<std::string_view>& markers);
std::string_view text_before(std::string_view text, const MarkerSet& markers);
// For a braced list of literals at the call (either overload above would take it).
inline std::string_view text_before(std::string_view text, std::initializer_list<std::string_view> markers) {
    return text_before(text, std::vector<std::string_view>(markers));
}

}  // namespace classify
