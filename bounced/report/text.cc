// The text report: headed sections of aligned tables, for a terminal or a mail body.
#include <algorithm>
#include <sstream>

#include "bounced/report/labels.h"
#include "bounced/report/table.h"
#include "bounced/report/writers.h"

namespace bounced::report {
namespace {

using std::to_string;

std::string when(const std::optional<db::Time>& t) { return t ? format_period_time(*t) : "-"; }

class TextWriter {
public:
    TextWriter(std::ostream& out, const Report& r) : out_(out), r_(r), l_(labels(r.language)) {}

    void write() {
        header();
        if (r_.empty()) {
            out_ << "\n" << l_.empty_period << "\n";
            if (r_.data.events_ever == 0) out_ << l_.store_never_used << "\n";
            return;
        }
        classes();
        reasons();
        days();
        suppressions();
        reactivations();
        domains();
        throttled();
        deferrals();
        diagnostics();
        at_risk();
        quarantined();
        unverified();
        held();
        remedies();
    }

private:
    void header() {
        out_ << l_.title << ": " << format_period_time(r_.period.since) << " .. " << format_period_time(r_.period.until)
             << "\n"
             << l_.previous_period << ": " << format_period_time(r_.period.previous_since()) << " .. "
             << format_period_time(r_.period.since) << "\n"
             << l_.generated << ": " << format_period_time(r_.generated_at) << ". " << l_.utc_note << "\n";
        if (r_.data.last_event_at) out_ << l_.last_event << ": " << format_period_time(*r_.data.last_event_at) << "\n";
        out_ << "\n" << l_.failures << ": " << r_.failures << " ("
             << change_text(r_.failures, r_.failures_previous, r_.language) << ")\n";
    }

    void section(std::string_view title, long shown = -1, long total = -1) {
        out_ << "\n== " << title;
        if (total >= 0) out_ << " (" << total << ")";
        out_ << " ==\n";
        more_ = total > shown && shown >= 0 ? total - shown : 0;
    }

    void table(const TextTable& t) {
        if (t.empty()) {
            out_ << "  (" << l_.none << ")\n";
            return;
        }
        t.write(out_);
        if (more_ > 0) out_ << "  " << more_text(more_, r_.language) << "\n";
    }

    TextTable count_table(bool with_reason) {
        std::vector<std::string> h{std::string(l_.klass)};
        if (with_reason) h.emplace_back(l_.reason);
        for (auto s : {l_.count, l_.previous, l_.change}) h.emplace_back(s);
        std::vector<bool> numeric(h.size(), false);
        std::fill(numeric.end() - 3, numeric.end(), true);
        return TextTable(h, numeric);
    }

    void classes() {
        section(l_.by_class);
        TextTable t = count_table(false);
        for (const auto& c : r_.classes)
            t.add({c.bounce_class, to_string(c.current), to_string(c.previous),
                   change_text(c.current, c.previous, r_.language)});
        table(t);
    }

    void reasons() {
        section(l_.by_reason);
        TextTable t = count_table(true);
        for (const auto& c : r_.reasons)
            t.add({c.bounce_class, c.reason, to_string(c.current), to_string(c.previous),
                   change_text(c.current, c.previous, r_.language)});
        table(t);
    }

    void days() {
        section(l_.chart);
        std::vector<std::string> h{std::string(l_.day)};
        for (const auto& c : failure_classes()) h.push_back(c);
        h.emplace_back(l_.total);
        std::vector<bool> numeric(h.size(), true);
        numeric[0] = false;
        TextTable t(h, numeric);
        for (const auto& d : r_.days) {
            std::vector<std::string> row{d.day};
            for (long n : d.per_class) row.push_back(to_string(n));
            row.push_back(to_string(d.total()));
            t.add(row);
        }
        table(t);
    }

    void suppressions() {
        const auto& d = r_.data;
        section(l_.new_suppressions, static_cast<long>(d.suppressions.size()), d.suppressions_total);
        TextTable t({std::string(l_.address), std::string(l_.klass), std::string(l_.reason), std::string(l_.source),
                     std::string(l_.when)});
        for (const auto& s : d.suppressions) t.add({s.address, s.bounce_class, s.reason, s.source, when(s.at)});
        table(t);
    }

    void reactivations() {
        const auto& d = r_.data;
        section(l_.reactivations, static_cast<long>(d.reactivations.size()), d.reactivations_total);
        TextTable t({std::string(l_.address), std::string(l_.when), std::string(l_.actor), std::string(l_.detail),
                     std::string(l_.note)});
        for (const auto& s : d.reactivations) t.add({s.address, when(s.at), s.actor, s.detail, s.note});
        table(t);
    }

    void domains() {
        section(l_.top_domains);
        std::vector<std::string> h{std::string(l_.domain)};
        for (const auto& c : failure_classes()) h.push_back(c);
        h.emplace_back(l_.total);
        std::vector<bool> numeric(h.size(), true);
        numeric[0] = false;
        TextTable t(h, numeric);
        for (const auto& d : r_.data.domains)
            t.add({d.domain, to_string(d.hard), to_string(d.soft), to_string(d.policy), to_string(d.complaint),
                   to_string(d.total())});
        table(t);
    }

    void throttled() {
        section(l_.throttled);
        TextTable t({std::string(l_.domain), std::string(l_.throttled_since), std::string(l_.throttled_until),
                     std::string(l_.repeats), std::string(l_.policy_bounces), std::string(l_.top_reason)},
                    {false, false, false, true, true, false});
        for (const auto& d : r_.data.throttled)
            t.add({d.domain, when(d.since), when(d.until), to_string(d.repeats), to_string(d.policy_bounces),
                   d.top_reason});
        table(t);
    }

    // Delay warnings per receiving domain (issue 12): logged only, shown here.
    void deferrals() {
        const auto& d = r_.data;
        section(l_.deferrals);
        out_ << "  " << l_.deferrals_intro << " (" << l_.total << ": " << d.deferrals_total << ")\n";
        TextTable t({std::string(l_.domain), std::string(l_.warnings), std::string(l_.previous), std::string(l_.change),
                     std::string(l_.addresses), std::string(l_.top_reason)},
                    {false, true, true, true, true, false});
        for (const auto& m : d.deferrals)
            t.add({m.domain, to_string(m.current), to_string(m.previous), change_text(m.current, m.previous, r_.language),
                   to_string(m.addresses), m.top_reason});
        table(t);
    }

    void diagnostics() {
        section(l_.diagnostics);
        TextTable t({std::string(l_.count), std::string(l_.klass), std::string(l_.reason), std::string(l_.status),
                     std::string(l_.diagnostic)},
                    {true, false, false, false, false});
        for (const auto& d : r_.diagnostics)
            t.add({to_string(d.count), d.bounce_class, d.reason, d.status, d.text});
        table(t);
    }

    void at_risk() {
        const auto& d = r_.data;
        section(l_.at_risk, static_cast<long>(d.at_risk.size()), d.at_risk_total);
        out_ << "  " << l_.at_risk_intro << " (>= " << r_.at_risk_min << " / " << r_.soft_limit << ")\n";
        TextTable t({std::string(l_.address), std::string(l_.soft_bounces), std::string(l_.messages),
                     std::string(l_.reason), std::string(l_.last_bounce), std::string(l_.next_send)},
                    {false, true, true, false, false, false});
        for (const auto& a : d.at_risk)
            t.add({a.address, to_string(a.soft_bounces) + "/" + to_string(r_.soft_limit), to_string(a.messages),
                   a.last_reason, when(a.last_bounce_at), when(a.next_send_after)});
        table(t);
    }

    void quarantined() {
        const auto& d = r_.data;
        section(l_.quarantined, static_cast<long>(d.quarantined.size()), d.quarantined_total);
        if (d.quarantined_total > 0) out_ << "  " << l_.quarantined_intro << "\n";
        TextTable t({std::string(l_.when), std::string(l_.outcome), std::string(l_.source), std::string(l_.fingerprint)});
        for (const auto& q : d.quarantined) t.add({when(q.at), q.outcome, q.source, q.fingerprint.substr(0, 16)});
        table(t);
    }

    void unverified() {
        const auto& d = r_.data;
        section(l_.unverified, static_cast<long>(d.unverified.size()), d.flagged_total);
        out_ << "  " << l_.not_sent << ": " << d.unverified_total << "\n  " << l_.guessed << ": " << d.untrusted_total
             << "\n";
        if (!d.sends_recorded) out_ << "  " << l_.sends_not_recorded << "\n";
        TextTable t({std::string(l_.when), std::string(l_.address), std::string(l_.klass), std::string(l_.reason),
                     std::string(l_.why), std::string(l_.message_id)});
        for (const auto& u : d.unverified)
            t.add({when(u.at), u.address, u.bounce_class, u.reason,
                   std::string(u.verified == false ? l_.not_sent : l_.guessed), u.original_message_id});
        if (!t.empty()) table(t);
    }

    // The held queue as it is now (a to-do list), and what the period did to it.
    void held() {
        const auto& d = r_.data;
        section(l_.held, -1, d.held_open);
        out_ << "  " << l_.held_intro << "\n  " << l_.held_open << ": " << d.held_open;
        for (const auto& [why, n] : d.held_open_by_reason) out_ << (&why == &d.held_open_by_reason.front().first ? " (" : ", ") << why << " " << n;
        out_ << (d.held_open_by_reason.empty() ? "" : ")") << "\n  " << l_.held_period << ": " << d.held_in_period << "\n  "
             << l_.released_period << ": " << d.released_in_period << "\n";
    }

    void remedies() {
        section(l_.remedies);
        if (r_.remedies.empty()) out_ << "  (" << l_.none << ")\n";
        for (const auto& m : r_.remedies) {
            std::ostringstream codes;
            for (const auto& c : m.status_codes) codes << (codes.tellp() ? ", " : "") << c;
            std::ostringstream reasons;
            for (const auto& c : m.reasons) reasons << (reasons.tellp() ? ", " : "") << c;
            out_ << "- " << m.topic << " (" << m.failures << "; " << reasons.str()
                 << (m.status_codes.empty() ? "" : "; " + codes.str()) << ")\n"
                 << (r_.language == Language::ja ? "    " + m.text : wrap(m.text)) << "\n";
        }
    }

    // Wraps English at spaces near 90 columns. Japanese is not wrapped: its few spaces
    // sit around Latin words, not between phrases, and mail clients fold it themselves.
    static std::string wrap(std::string_view text) {
        std::string out = "    ", line;
        std::size_t width = 4;
        std::istringstream words{std::string(text)};
        for (std::string word; words >> word;) {
            if (width > 4 && width + 1 + display_width(word) > 92) {
                out += "\n    ";
                width = 4;
            } else if (width > 4) {
                out += ' ';
                ++width;
            }
            out += word;
            width += display_width(word);
        }
        return out;
    }

    std::ostream& out_;
    const Report& r_;
    const Labels& l_;
    long more_ = 0;
};

}  // namespace

void write_text_report(std::ostream& out, const Report& report) { TextWriter(out, report).write(); }

}  // namespace bounced::report
