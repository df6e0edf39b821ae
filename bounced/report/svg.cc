// failure_chart_svg (see svg.h). Coordinates are whole or half pixels so bars
// stay crisp; every bar carries a <title> with its numbers for a hover tooltip.
#include "bounced/report/svg.h"

#include <algorithm>
#include <cstdio>

namespace bounced::report {
namespace {

std::string fixed(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

std::string_view class_colour(std::string_view bounce_class) {
    if (bounce_class == "hard") return "#b3261e";
    if (bounce_class == "soft") return "#e8a317";
    if (bounce_class == "policy") return "#1f6fb2";
    if (bounce_class == "complaint") return "#7b3fa0";
    return "#777777";
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                // Control characters are not allowed in XML 1.0 text.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
                else out += c;
        }
    }
    return out;
}

Axis count_axis(long max_value) {
    constexpr long kMaxSteps = 5;
    const long value = std::max(1L, max_value);
    for (long power = 1;; power *= 10) {
        for (long m : {1L, 2L, 5L}) {
            const long step = m * power;
            const long steps = (value + step - 1) / step;
            if (steps <= kMaxSteps) return {step, steps * step};
        }
    }
}

std::string failure_chart_svg(const std::vector<DayRow>& days, const Labels& labels, int width, int height) {
    const double left = 56, right = 16, top = 16, bottom = 64;
    const double plot_w = width - left - right, plot_h = height - top - bottom;
    long max_total = 0;
    for (const auto& d : days) max_total = std::max(max_total, d.total());
    const Axis axis = count_axis(max_total);
    const long y_max = axis.top;
    const auto y_of = [&](double v) { return top + plot_h - plot_h * v / static_cast<double>(y_max); };

    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                      std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">";
    svg += "<title>" + xml_escape(labels.chart_caption) + "</title>";
    svg += "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
           "\" fill=\"#ffffff\"/>";
    for (long v = 0; v <= y_max; v += axis.step) {
        const std::string y = fixed(y_of(static_cast<double>(v)));
        svg += "<line x1=\"" + fixed(left) + "\" y1=\"" + y + "\" x2=\"" + fixed(width - right) + "\" y2=\"" + y +
               "\" stroke=\"" + (v == 0 ? "#444444" : "#dddddd") + "\" stroke-width=\"1\"/>";
        svg += "<text x=\"" + fixed(left - 6) + "\" y=\"" + fixed(y_of(static_cast<double>(v)) + 4) +
               "\" text-anchor=\"end\" fill=\"#333333\">" + std::to_string(v) + "</text>";
    }
    const double slot = days.empty() ? plot_w : plot_w / static_cast<double>(days.size());
    const double bar = std::max(1.0, slot * 0.7);
    const std::size_t label_every = std::max<std::size_t>(1, (days.size() + 11) / 12);
    const auto& classes = failure_classes();
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto& d = days[i];
        const double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
        double stacked = 0;
        for (std::size_t c = 0; c < classes.size() && c < d.per_class.size(); ++c) {
            if (d.per_class[c] == 0) continue;
            const double y0 = y_of(stacked), y1 = y_of(stacked + static_cast<double>(d.per_class[c]));
            stacked += static_cast<double>(d.per_class[c]);
            svg += "<rect class=\"bar\" x=\"" + fixed(x) + "\" y=\"" + fixed(y1) + "\" width=\"" + fixed(bar) +
                   "\" height=\"" + fixed(y0 - y1) + "\" fill=\"" + std::string(class_colour(classes[c])) +
                   "\"><title>" + xml_escape(d.day + " " + classes[c] + ": " + std::to_string(d.per_class[c])) +
                   "</title></rect>";
        }
        if (i % label_every == 0) {
            svg += "<text x=\"" + fixed(left + slot * (static_cast<double>(i) + 0.5)) + "\" y=\"" +
                   fixed(top + plot_h + 16) + "\" text-anchor=\"middle\" fill=\"#333333\">" +
                   xml_escape(d.day.size() == 10 ? d.day.substr(5) : d.day) + "</text>";
        }
    }
    // Legend, one swatch per class, under the axis.
    double lx = left;
    const double ly = height - 18;
    for (const auto& c : classes) {
        svg += "<rect x=\"" + fixed(lx) + "\" y=\"" + fixed(ly - 10) + "\" width=\"12\" height=\"12\" fill=\"" +
               std::string(class_colour(c)) + "\"/><text x=\"" + fixed(lx + 16) + "\" y=\"" + fixed(ly) +
               "\" fill=\"#333333\">" + xml_escape(c) + "</text>";
        lx += 100;
    }
    svg += "</svg>";
    return svg;
}

}  // namespace bounced::report
