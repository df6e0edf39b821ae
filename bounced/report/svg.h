// The report's chart, drawn by the program as inline SVG (no script, no external
// font or image): failures per UTC day, one stacked bar per day, one colour per
// failure class, a y axis with round-number grid lines, and a legend.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bounced/report/labels.h"
#include "bounced/report/model.h"

namespace bounced::report {

// The colour a failure class has in the chart and in the HTML tables ("#b3261e").
std::string_view class_colour(std::string_view bounce_class);

// `text` safe inside XML/HTML text and double-quoted attributes.
std::string xml_escape(std::string_view text);

// The chart's y axis for counts up to `max_value`: grid lines every `step` (1, 2 or
// 5 x 10^k, at most five steps) from 0 to `top`, a multiple of `step` >= max_value.
// Every label is a whole round number (0, 5, 10, 15, not 0, 2, 5, 7, 10).
struct Axis {
    long step;
    long top;
};
Axis count_axis(long max_value);

// An <svg> element `width` x `height` pixels.
std::string failure_chart_svg(const std::vector<DayRow>& days, const Labels& labels, int width = 960,
                              int height = 300);

}  // namespace bounced::report
