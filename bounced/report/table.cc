// TextTable (see table.h).
#include "bounced/report/table.h"

#include <algorithm>

namespace bounced::report {
namespace {

// Decodes one UTF-8 sequence at text[i]; advances i. Invalid bytes count as one column.
char32_t next_code_point(std::string_view text, std::size_t* i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b = byte(*i);
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    if (*i + extra >= text.size()) extra = 0;
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (byte(*i + k) & 0x3F);
    *i += 1 + extra;
    return cp;
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

// The longest prefix of `text` that fits `width` columns, with "..." when cut.
std::string cut(const std::string& text, std::size_t width) {
    if (display_width(text) <= width) return text;
    std::size_t i = 0, used = 0, end = 0;
    while (i < text.size()) {
        std::size_t next = i;
        const std::size_t w = is_wide(next_code_point(text, &next)) ? 2 : 1;
        if (used + w > width - 3) break;
        used += w;
        i = end = next;
    }
    return text.substr(0, end) + "...";
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) width += is_wide(next_code_point(text, &i)) ? 2 : 1;
    return width;
}

std::string printable(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    }
    return out;
}

TextTable::TextTable(std::vector<std::string> headings, std::vector<bool> numeric)
    : headings_(std::move(headings)), numeric_(std::move(numeric)) {
    numeric_.resize(headings_.size(), false);
}

void TextTable::add(std::vector<std::string> cells) {
    cells.resize(headings_.size());
    for (auto& c : cells) c = printable(c);
    rows_.push_back(std::move(cells));
}

void TextTable::write(std::ostream& out, std::size_t max_width) const {
    std::vector<std::vector<std::string>> lines{headings_};
    for (const auto& r : rows_) lines.push_back(r);
    std::vector<std::size_t> widths(headings_.size(), 0);
    for (auto& line : lines) {
        for (std::size_t c = 0; c < line.size(); ++c) {
            line[c] = cut(line[c], max_width);
            widths[c] = std::max(widths[c], display_width(line[c]));
        }
    }
    for (const auto& line : lines) {
        std::string text;
        for (std::size_t c = 0; c < line.size(); ++c) {
            const std::string pad(widths[c] - display_width(line[c]), ' ');
            const bool last = c + 1 == line.size();
            text += "  ";
            text += numeric_[c] ? pad + line[c] : (last ? line[c] : line[c] + pad);
        }
        out << text << "\n";
    }
}

}  // namespace bounced::report
