// Plain-text tables for the text report: columns padded to the widest cell, counting
// East Asian wide characters as two columns so Japanese headings line up, numbers
// aligned right. Cells are made printable (control characters become spaces).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bounced::report {

// Columns a UTF-8 string takes on a terminal (wide characters count 2).
std::size_t display_width(std::string_view text);

// `text` with control characters (C0, DEL) replaced by spaces.
std::string printable(std::string_view text);

class TextTable {
public:
    explicit TextTable(std::vector<std::string> headings, std::vector<bool> numeric = {});
    void add(std::vector<std::string> cells);
    bool empty() const { return rows_.empty(); }
    // Writes the heading line and the rows, each line indented by two spaces. A cell
    // wider than `max_width` columns is cut with "...".
    void write(std::ostream& out, std::size_t max_width = 90) const;

private:
    std::vector<std::string> headings_;
    std::vector<bool> numeric_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace bounced::report
