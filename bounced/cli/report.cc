// bounced report: what happened to the newsletter's mail over a period, for a person
// (text, HTML), a spreadsheet (CSV) or a program (JSON), in English or Japanese, on
// standard output or mailed through the local sendmail (for cron: deploy/cron/).
//
// Exit status: 0 written or sent (an empty period too: the report says so), 64 bad
// command line or absurd period, 75 database unavailable or sendmail failed (try
// again later), 78 no database configured or no sendmail to run.
#include <iostream>
#include <sstream>

#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"
#include "bounced/report/build.h"
#include "bounced/report/labels.h"
#include "bounced/report/mail.h"
#include "bounced/report/writers.h"

namespace bounced::cli {

using report::build_report;
using report::change_text;
using report::find_sendmail;
using report::format_period_time;
using report::labels;
using report::Language;
using report::mail_message;
using report::parse_language;
using report::parse_period;
using report::parse_report_format;
using report::Period;
using report::Report;
using report::report_query;
using report::ReportFormat;
using report::send_mail;
using report::valid_mail_to;
using report::write_report;

namespace {

const config::CommandSpec kSpec{
    "bounced report [--since 24h|7d|DATE] [--until DATE] [--format text|html|csv|json] [--lang en|ja]\n"
    "               [--mail-to ADDRESS]",
    "Reports the failed deliveries of a period: counts per class and reason against the\n"
    "previous period of the same length, new suppressions and reactivations, the receiving\n"
    "domains with most failures, throttled domains, the most frequent diagnostics, addresses\n"
    "close to suppression, quarantined and unverified bounces, and what to do about each\n"
    "kind of failure. Times are UTC; the period is [since, until).",
    {{"since", "WHEN", "start: 24h, 7d, 2w back from now, a date (2024-05-01), or today/yesterday (default 24h)"},
     {"until", "WHEN", "end, not included: same forms, or now (the default)"},
     {"format", "FORMAT", "text (default), html (one file, inline chart), csv or json"},
     {"lang", "LANG", "en (default) or ja: headings and remedies"},
     {"mail-to", "ADDRESS", "mail the report through the local sendmail instead of printing it"}}};

std::string subject_of(const Report& r) {
    const std::string period = format_period_time(r.period.since) + " .. " + format_period_time(r.period.until);
    const std::string change = change_text(r.failures, r.failures_previous, r.language);
    if (r.language == Language::ja)
        return std::string(labels(r.language).title) + " " + period + ": 配信失敗 " + std::to_string(r.failures) +
               " 件 (" + change + ")";
    return std::string(labels(r.language).title) + " " + period + ": " + std::to_string(r.failures) + " failures (" +
           change + ")";
}

}  // namespace

int run_report(const Args& args) {
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    if (!inv.operands.empty()) return usage_error("report", "unexpected argument '" + inv.operands[0] + "'");
    ReportFormat format = ReportFormat::text;
    if (!parse_report_format(inv.get("format", "text"), &format))
        return usage_error("report", "--format: text, html, csv or json, not '" + inv.get("format") + "'");
    Language language = Language::en;
    if (!parse_language(inv.get("lang", "en"), &language))
        return usage_error("report", "--lang: en or ja, not '" + inv.get("lang") + "'");
    const db::Time now = db::Clock::now();
    Period period;
    std::string error;
    if (!parse_period(inv.get("since"), inv.get("until"), now, &period, &error)) return usage_error("report", error);
    const std::string mail_to = inv.get("mail-to");
    if (inv.has("mail-to") && !valid_mail_to(mail_to))
        return usage_error("report", "--mail-to: '" + mail_to + "' is not one mail address");

    auto store = open_store("report", inv.settings);
    if (!store) return kExitConfig;
    const db::Policy& policy = inv.settings.store.policy;
    db::ReportData data;
    if (auto s = store->report(report_query(period, policy), &data); !s.ok()) return report_failure("report", s);
    const Report report = build_report(period, std::move(data), policy, language, now);
    std::ostringstream body;
    write_report(body, report, format);

    if (!inv.has("mail-to")) {
        std::cout << body.str();
        std::cout.flush();
        return std::cout ? kExitOk : kExitFailure;
    }
    const std::string sendmail = find_sendmail();
    if (const std::string why = send_mail(sendmail, mail_to, mail_message(mail_to, subject_of(report), body.str(), format, now));
        !why.empty()) {
        std::cerr << "bounced report: " << why << "\n";
        return sendmail.empty() ? kExitConfig : kExitTempFail;
    }
    return kExitOk;
}

}  // namespace bounced::cli
