// The HTML report: one self-contained file (inline CSS and SVG, no script, no link
// to anything) that reads the same in a browser and in an HTML mail. Every number
// cell carries data-k="path", the same figure's place in the JSON report, so a test
// can check what the page shows against the JSON (tests/bounced/report/html_render_test.py).
#include <sstream>

#include "bounced/report/labels.h"
#include "bounced/report/svg.h"
#include "bounced/report/writers.h"

namespace bounced::report {
namespace {

using std::to_string;

constexpr const char* kStyle =
    "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK JP','Hiragino Sans',"
    "sans-serif;color:#222;background:#f6f6f4;margin:0;padding:24px;}"
    "main{max-width:1100px;margin:0 auto;background:#fff;padding:24px 32px;border-radius:6px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.15);}"
    "h1{font-size:24px;margin:0 0 4px;}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #e3e3e0;"
    "padding-bottom:4px;}p.meta{color:#555;margin:2px 0;}"
    ".big{font-size:32px;font-weight:bold;}.up{color:#b3261e;}.down{color:#2e7d32;}"
    "table{border-collapse:collapse;width:100%;font-size:14px;}"
    "th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top;}"
    "th{background:#f0f0ed;}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;}"
    "td.diag{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all;}"
    ".swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px;}"
    ".notice{background:#fff7e0;border:1px solid #e8c766;padding:12px;border-radius:4px;}"
    "p.none{color:#777;font-style:italic;}figure{margin:0;overflow-x:auto;}";

std::string esc(std::string_view s) { return xml_escape(s); }
std::string when(const std::optional<db::Time>& t) { return t ? format_period_time(*t) : "-"; }

// <td class="num" data-k="path">n</td>
std::string num(const std::string& key, long n) {
    return "<td class=\"num\" data-k=\"" + esc(key) + "\">" + to_string(n) + "</td>";
}
std::string cell(std::string_view text) { return "<td>" + esc(text) + "</td>"; }
std::string class_cell(const std::string& c) {
    return "<td><span class=\"swatch\" style=\"background:" + std::string(class_colour(c)) + "\"></span>" + esc(c) +
           "</td>";
}
std::string change_cell(long current, long previous, Language language) {
    const long change = current - previous;
    return std::string("<td class=\"num ") + (change > 0 ? "up" : change < 0 ? "down" : "") + "\">" +
           esc(change_text(current, previous, language)) + "</td>";
}

class HtmlWriter {
public:
    // write(): the whole document; main_element(): its <main> element alone.
    HtmlWriter(std::ostream& out, const Report& r) : out_(out), r_(r), l_(labels(r.language)) {}

    void write() {
        out_ << "<!DOCTYPE html>\n<html lang=\"" << (r_.language == Language::ja ? "ja" : "en")
             << "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
             << "<title>" << esc(l_.title) << " " << esc(format_period_time(r_.period.since)) << " .. "
             << esc(format_period_time(r_.period.until)) << "</title><style>" << kStyle << "</style></head><body>";
        main_element();
        out_ << "</body></html>\n";
    }

    void main_element() {
        out_ << "<main>\n";
        header();
        if (r_.empty()) {
            out_ << "<p class=\"notice\" id=\"empty\">" << esc(l_.empty_period);
            if (r_.data.events_ever == 0) out_ << "<br>" << esc(l_.store_never_used);
            out_ << "</p>\n";
        } else {
            sections();
        }
        out_ << "</main>";
    }

private:
    void header() {
        out_ << "<h1>" << esc(l_.title) << "</h1>\n<p class=\"meta\">" << esc(l_.period) << ": "
             << esc(format_period_time(r_.period.since)) << " .. " << esc(format_period_time(r_.period.until))
             << "</p>\n<p class=\"meta\">" << esc(l_.previous_period) << ": "
             << esc(format_period_time(r_.period.previous_since())) << " .. " << esc(format_period_time(r_.period.since))
             << "</p>\n<p class=\"meta\">" << esc(l_.generated) << ": " << esc(format_period_time(r_.generated_at))
             << ". " << esc(l_.utc_note);
        if (r_.data.last_event_at)
            out_ << " " << esc(l_.last_event) << ": " << esc(format_period_time(*r_.data.last_event_at)) << ".";
        out_ << "</p>\n<p>" << esc(l_.failures) << ": <span class=\"big\" data-k=\"failures.count\">" << r_.failures
             << "</span> (" << esc(change_text(r_.failures, r_.failures_previous, r_.language)) << "; "
             << esc(l_.previous) << " <span data-k=\"failures.previous\">" << r_.failures_previous << "</span>)</p>\n";
    }

    void sections() {
        const auto& d = r_.data;
        h2(l_.chart);
        out_ << "<figure id=\"chart\">" << failure_chart_svg(r_.days, l_) << "<figcaption>" << esc(l_.chart_caption)
             << "</figcaption></figure>\n";
        table(l_.by_class, {l_.klass, l_.count, l_.previous, l_.change}, r_.classes.size(), [&](std::size_t i) {
            const auto& c = r_.classes[i];
            const std::string k = "classes." + c.bounce_class;
            return class_cell(c.bounce_class) + num(k + ".count", c.current) + num(k + ".previous", c.previous) +
                   change_cell(c.current, c.previous, r_.language);
        });
        table(l_.by_reason, {l_.klass, l_.reason, l_.count, l_.previous, l_.change}, r_.reasons.size(), [&](std::size_t i) {
            const auto& c = r_.reasons[i];
            const std::string k = "reasons." + c.bounce_class + "." + c.reason;
            return class_cell(c.bounce_class) + cell(c.reason) + num(k + ".count", c.current) +
                   num(k + ".previous", c.previous) + change_cell(c.current, c.previous, r_.language);
        });
        table(l_.remedies, {l_.topic, l_.count, l_.reasons, l_.codes, l_.advice}, r_.remedies.size(), [&](std::size_t i) {
            const auto& m = r_.remedies[i];
            return cell(m.topic) + num("remedies." + m.topic + ".failures", m.failures) + cell(join(m.reasons)) +
                   cell(join(m.status_codes)) + cell(m.text);
        });
        table(l_.new_suppressions, {l_.address, l_.klass, l_.reason, l_.source, l_.when}, d.suppressions.size(),
              [&](std::size_t i) {
                  const auto& s = d.suppressions[i];
                  return cell(s.address) + class_cell(s.bounce_class) + cell(s.reason) + cell(s.source) + cell(when(s.at));
              },
              "suppressions.total", d.suppressions_total);
        table(l_.reactivations, {l_.address, l_.when, l_.actor, l_.detail, l_.note}, d.reactivations.size(),
              [&](std::size_t i) {
                  const auto& s = d.reactivations[i];
                  return cell(s.address) + cell(when(s.at)) + cell(s.actor) + cell(s.detail) + cell(s.note);
              },
              "reactivations.total", d.reactivations_total);
        table(l_.top_domains, {l_.domain, "hard", "soft", "policy", "complaint", l_.total}, d.domains.size(),
              [&](std::size_t i) {
                  const auto& m = d.domains[i];
                  const std::string k = "domains." + m.domain;
                  return cell(m.domain) + num(k + ".hard", m.hard) + num(k + ".soft", m.soft) +
                         num(k + ".policy", m.policy) + num(k + ".complaint", m.complaint) + num(k + ".total", m.total());
              });
        table(l_.throttled, {l_.domain, l_.throttled_since, l_.throttled_until, l_.repeats, l_.policy_bounces, l_.top_reason},
              d.throttled.size(), [&](std::size_t i) {
                  const auto& t = d.throttled[i];
                  const std::string k = "throttled." + t.domain;
                  return cell(t.domain) + cell(when(t.since)) + cell(when(t.until)) + num(k + ".repeats", t.repeats) +
                         num(k + ".policy_bounces", t.policy_bounces) + cell(t.top_reason);
              });
        intro_ = std::string(l_.deferrals_intro) + " (" + std::string(l_.total) + ": " + to_string(d.deferrals_total) + ")";
        table(l_.deferrals, {l_.domain, l_.warnings, l_.previous, l_.change, l_.addresses, l_.top_reason},
              d.deferrals.size(), [&](std::size_t i) {
                  const auto& m = d.deferrals[i];
                  const std::string k = "deferrals." + m.domain;
                  return cell(m.domain) + num(k + ".warnings", m.current) + num(k + ".previous", m.previous) +
                         cell(change_text(m.current, m.previous, r_.language)) + num(k + ".addresses", m.addresses) +
                         cell(m.top_reason);
              });
        table(l_.diagnostics, {l_.count, l_.klass, l_.reason, l_.status, l_.diagnostic}, r_.diagnostics.size(),
              [&](std::size_t i) {
                  const auto& g = r_.diagnostics[i];
                  return num("diagnostics." + to_string(i) + ".count", g.count) + class_cell(g.bounce_class) +
                         cell(g.reason) + cell(g.status) + "<td class=\"diag\">" + esc(g.text) + "</td>";
              });
        intro_ = std::string(l_.at_risk_intro) + " (>= " + to_string(r_.at_risk_min) + " / " + to_string(r_.soft_limit) + ")";
        table(l_.at_risk, {l_.address, l_.soft_bounces, l_.messages, l_.reason, l_.last_bounce, l_.next_send},
              d.at_risk.size(), [&](std::size_t i) {
                  const auto& a = d.at_risk[i];
                  const std::string k = "at_risk.addresses." + a.address;
                  return cell(a.address) + num(k + ".soft_bounces", a.soft_bounces) + num(k + ".messages", a.messages) +
                         cell(a.last_reason) + cell(when(a.last_bounce_at)) + cell(when(a.next_send_after));
              },
              "at_risk.total", d.at_risk_total);
        if (d.quarantined_total > 0) intro_ = l_.quarantined_intro;
        table(l_.quarantined, {l_.when, l_.outcome, l_.source, l_.fingerprint}, d.quarantined.size(),
              [&](std::size_t i) {
                  const auto& q = d.quarantined[i];
                  return cell(when(q.at)) + cell(q.outcome) + cell(q.source) + cell(q.fingerprint.substr(0, 16));
              },
              "quarantined.total", d.quarantined_total);
        intro_ = std::string(l_.not_sent) + ": <b data-k=\"unverified.not_sent\">" + to_string(d.unverified_total) +
                 "</b> &middot; " + std::string(l_.guessed) + ": <b data-k=\"unverified.guessed\">" +
                 to_string(d.untrusted_total) + "</b>" + (d.sends_recorded ? "" : "<br>" + std::string(l_.sends_not_recorded));
        intro_is_html_ = true;
        table(l_.unverified, {l_.when, l_.address, l_.klass, l_.reason, l_.why, l_.message_id}, d.unverified.size(),
              [&](std::size_t i) {
                  const auto& u = d.unverified[i];
                  return cell(when(u.at)) + cell(u.address) + class_cell(u.bounce_class) + cell(u.reason) +
                         cell(u.verified == false ? l_.not_sent : l_.guessed) + cell(u.original_message_id);
              },
              "unverified.total", d.flagged_total);
    }

    void h2(std::string_view title) { out_ << "<h2>" << esc(title) << "</h2>\n"; }

    template <typename RowFn>
    void table(std::string_view title, std::vector<std::string_view> headings, std::size_t rows, RowFn row,
               const std::string& total_key = "", long total = -1) {
        out_ << "<h2>" << esc(title);
        if (total >= 0) out_ << " (<span data-k=\"" << esc(total_key) << "\">" << total << "</span>)";
        out_ << "</h2>\n";
        if (!intro_.empty()) out_ << "<p>" << (intro_is_html_ ? intro_ : esc(intro_)) << "</p>\n";
        intro_.clear();
        intro_is_html_ = false;
        if (rows == 0) {
            out_ << "<p class=\"none\">" << esc(l_.none) << "</p>\n";
            return;
        }
        out_ << "<table><thead><tr>";
        for (auto h : headings) out_ << "<th>" << esc(h) << "</th>";
        out_ << "</tr></thead><tbody>\n";
        for (std::size_t i = 0; i < rows; ++i) out_ << "<tr>" << row(i) << "</tr>\n";
        out_ << "</tbody></table>\n";
        if (total > static_cast<long>(rows)) out_ << "<p>" << esc(more_text(total - static_cast<long>(rows), r_.language)) << "</p>\n";
    }

    static std::string join(const std::vector<std::string>& items) {
        std::string out;
        for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
        return out;
    }

    std::ostream& out_;
    const Report& r_;
    const Labels& l_;
    std::string intro_;
    bool intro_is_html_ = false;
};

}  // namespace

void write_html_report(std::ostream& out, const Report& report) { HtmlWriter(out, report).write(); }

void write_html_report_main(std::ostream& out, const Report& report) { HtmlWriter(out, report).main_element(); }

const char* html_report_style() { return kStyle; }

}  // namespace bounced::report
