// How `bounced classify` prints Reports: one JSON object per recipient (jsonl), or
// a table for a person with a summary at the end.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include "classify/result.h"

namespace bounced::cli {

// One line per recipient; a message with none gives one line with recipient null
// and class "none" (or the outcome's error).
void write_jsonl(std::ostream& out, const std::string& source, const classify::Report& report);

class TableWriter {
public:
    explicit TableWriter(std::ostream& out) : out_(out) {}
    void write(const std::string& source, const classify::Report& report);
    void finish();

private:
    void header_once();
    std::ostream& out_;
    bool header_written_ = false;
    std::size_t messages_ = 0, recipients_ = 0;
    std::map<std::string, std::size_t> per_class_;
};

}  // namespace bounced::cli
