// bounced suppressions list|show|add|remove|export|import: the suppression list as
// people use it. Changes are audited; import takes a whole file or nothing.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "bounced/cli/explain.h"
#include "bounced/cli/store_cli.h"
#include "bounced/common/printable.h"
#include "bounced/exit_code.h"
#include "bounced/report/period.h"
#include "bounced/trust/raw_archive.h"
#include "bounced/common/private_file.h"
#include "db/import.h"
#include "db/json.h"

namespace bounced::cli {

using trust::RawArchive;

namespace {

const config::CommandSpec kSpec{
    "bounced suppressions ACTION [OPTIONS] [ARGS]",
    "actions:\n"
    "  list [--class C] [--reason R] [--domain D] [--since WHEN] [--until WHEN] [--limit N]\n"
    "       [--format table|csv|json]\n"
    "  show ADDRESS [--raw [--fingerprint FP]]     status and its evidence: every bounce\n"
    "                        with its diagnostic and trust decision; --raw prints the bounce\n"
    "                        that decided the status (or the newest) exactly as it arrived\n"
    "  add ADDRESS... [--reason R] [--note TEXT]    suppress by hand (R: hard, soft,\n"
    "                        complaint, manual, a bounce reason, or any words)\n"
    "  remove ADDRESS... [--note TEXT]              reactivate (audited): lifts a suppression\n"
    "                        or a soft-bounce backoff\n"
    "  export [filters] [--format csv|json] [--output FILE]\n"
    "                        CSV: " + std::string(db::kSuppressionCsvHeader) + "\n"
    "  import FILE|- [--format auto|bounced|ses|postmark|sendgrid|mailgun|lines] [--class C]\n"
    "                        [--note TEXT] [--dry-run]; a file with any bad row changes nothing.\n"
    "                        Reads the CSV exports, Postmark's suppression dump and SES\n"
    "                        list-suppressed-destinations as JSON, or one address a line\n"
    "                        ('#' comments); --dry-run counts new, differing and same rows\n"
    "WHEN, as for bounced report: 24h, 7d, 2w back from now, a date (2024-05-01) or time\n"
    "(2024-05-01T06:00:00Z), today or yesterday (UTC; --since yesterday alone is the\n"
    "whole of yesterday).",
    {{"class", "CLASS", "hard, soft, complaint or manual (import: for files that do not say)"},
     {"reason", "REASON", "list: only this reason; add: why"},
     {"domain", "DOMAIN", "only addresses at this domain"},
     {"since", "WHEN", "only suppressed at or after WHEN (7d, 2024-05-01, yesterday, ...)"},
     {"until", "WHEN", "only suppressed before WHEN (default now; today after --since yesterday)"},
     {"limit", "N", "at most N rows"},
     {"format", "FORMAT", "list: table, csv or json; export: csv or json; import: the file's format"},
     {"note", "TEXT", "recorded in the audit log"},
     {"output", "FILE", "export: write here instead of standard output"},
     {"dry-run", "", "import: check the file, change nothing"},
     {"raw", "", "show: print the raw bounce behind the status, as it arrived"},
     {"fingerprint", "FP", "show --raw: the bounce whose fingerprint starts with FP"}}};

// Text from the database can come from bounces: keep terminals safe.
std::string when(const std::optional<db::Time>& t) { return t ? db::format_time(*t) : "-"; }

constexpr const char* kClasses[] = {"hard", "soft", "complaint", "manual"};

bool read_filter(const config::Invocation& inv, db::ListFilter* f, std::string* error) {
    f->bounce_class = inv.get("class");
    f->reason = inv.get("reason");
    f->domain = inv.get("domain");
    if (inv.has("class") && std::find(std::begin(kClasses), std::end(kClasses), f->bounce_class) == std::end(kClasses)) {
        return *error = "--class: '" + f->bounce_class + "' is not a class: hard, soft, complaint or manual", false;
    }
    const db::Time now = db::Clock::now();
    db::Time point;
    if (inv.has("since")) {
        if (!report::parse_time_point("--since", inv.get("since"), now, &point, error)) return false;
        f->since = point;
    }
    if (inv.has("until") || inv.get("since") == "yesterday") {
        if (!report::parse_time_point("--until", inv.get("until", report::default_until(inv.get("since"))), now, &point, error))
            return false;
        f->until = point;
    }
    if (inv.has("limit")) {
        f->limit = inv.whole_number("limit").value_or(0);
        if (f->limit <= 0) return *error = "--limit: must be a positive whole number", false;
    }
    return true;
}

// One object a line, in an array: the fields of the CSV export. Text from the store
// may come from bounces; nlohmann escapes it (invalid UTF-8 replaced, not thrown).
void print_json(std::ostream& out, const std::vector<db::Suppression>& rows) {
    out << "[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const nlohmann::ordered_json row = {{"address", rows[i].address},
                                            {"class", rows[i].bounce_class},
                                            {"reason", rows[i].reason},
                                            {"suppressed_at", rows[i].since ? db::format_time(*rows[i].since) : ""},
                                            {"source", rows[i].source},
                                            {"note", rows[i].note}};
        out << (i ? ",\n " : "\n ") << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    out << "\n]\n";
}

int list(db::Store& store, const config::Invocation& inv, bool as_export) {
    db::ListFilter filter;
    std::string error;
    if (!read_filter(inv, &filter, &error)) return usage_error("suppressions", error);
    const std::string format = inv.get("format", as_export ? "csv" : "table");
    if (format != "csv" && format != "json" && (as_export || format != "table")) {
        return usage_error("suppressions", std::string("--format: ") + (as_export ? "export writes csv or json" : "list writes table, csv or json") +
                                               ", not '" + format + "'");
    }
    std::vector<db::Suppression> rows;
    long total = 0;
    if (auto s = store.list(filter, &rows, &total); !s.ok()) return report_failure("suppressions", s);
    std::ofstream file;
    if (inv.has("output")) common::create_private_file(inv.get("output"));  // addresses: 0600
    if (inv.has("output") && !(file.open(inv.get("output")), file)) {
        std::cerr << "bounced suppressions: cannot write " << inv.get("output") << "\n";
        return kExitFailure;
    }
    std::ostream& out = inv.has("output") ? file : std::cout;
    if (format == "json") {
        print_json(out, rows);
    } else if (format == "csv") {
        out << db::kSuppressionCsvHeader << "\r\n";
        for (const auto& r : rows) out << db::suppression_csv_row(r) << "\r\n";
    } else {
        for (const auto& r : rows) {
            out << r.address << "  " << r.bounce_class << "  " << common::terminal_text(r.reason) << "  " << when(r.since)
                << "  " << r.source << "\n";
        }
        if (static_cast<long>(rows.size()) < total) out << rows.size() << " of " << total << " suppressed\n";
        else out << rows.size() << " suppressed\n";
    }
    return out ? kExitOk : kExitFailure;
}

int show(db::Store& store, const std::string& address) {
    db::SubscriberDetail d;
    if (auto s = store.show(address, &d); !s.ok()) return report_failure("suppressions", s);
    if (!d.known) {
        std::cout << address << ": never bounced, never suppressed\n";
        return kExitOk;
    }
    // Policy bounces count against the domain: the address may have evidence and no
    // subscriber row, hence no address or counts from the store.
    if (d.address.empty()) d.address = address;
    print_explanation(std::cout, d);
    return kExitOk;
}

// show --raw: the bounce named by --fingerprint, else the one that decided the status,
// else the newest; from the database or the archive folder (trust.raw).
int show_raw(db::Store& store, const config::Invocation& inv, const std::string& address) {
    db::SubscriberDetail d;
    if (auto s = store.show(address, &d); !s.ok()) return report_failure("suppressions", s);
    const db::BounceEvent* chosen = nullptr;
    const std::string prefix = inv.get("fingerprint");
    for (const auto& e : d.history) {
        if (!prefix.empty() ? e.fingerprint.rfind(prefix, 0) == 0 : decided_status(d, e)) {
            chosen = &e;
            break;
        }
    }
    if (!chosen && prefix.empty() && !d.history.empty()) chosen = &d.history.front();
    if (!chosen) {
        std::cerr << "bounced suppressions: no bounce for " << address << (prefix.empty() ? "" : " with fingerprint " + prefix) << "\n";
        return kExitNo;
    }
    std::string bytes;
    bool found = false;
    if (auto s = store.raw_message(chosen->fingerprint, &bytes, &found); !s.ok()) return report_failure("suppressions", s);
    if (!found && !inv.settings.trust.archive_dir.empty()) found = RawArchive(inv.settings.trust.archive_dir).find(chosen->fingerprint, &bytes);
    if (!found) {
        std::cerr << "bounced suppressions: the bounce " << chosen->fingerprint
                  << " was not kept (trust.raw = none, or past trust.raw_retention)\n";
        return kExitNo;
    }
    std::cout << bytes;
    return kExitOk;
}

int add_or_remove(db::Store& store, const config::Invocation& inv, bool add) {
    if (inv.operands.size() < 2) return usage_error("suppressions", "name at least one ADDRESS");
    const std::string reason = inv.get("reason", "manual");
    const std::string cls = db::suppression_class_of(reason).value_or("manual");
    for (std::size_t i = 1; i < inv.operands.size(); ++i) {
        const std::string& address = inv.operands[i];
        if (!db::is_plausible_address(address)) return usage_error("suppressions", "'" + address + "' is not an email address");
        bool changed = false;
        const auto s = add ? store.suppress({address, cls, reason, std::nullopt, "manual", inv.get("note")}, &changed)
                           : store.reactivate(address, inv.get("note"), &changed);
        if (!s.ok()) return report_failure("suppressions", s);
        std::cout << address << ": "
                  << (add ? (changed ? "suppressed" : "already suppressed") : (changed ? "reactivated" : "was not suppressed"))
                  << "\n";
    }
    return kExitOk;
}

int import(db::Store& store, const config::Invocation& inv) {
    if (inv.operands.size() != 2) return usage_error("suppressions", "import reads one FILE (or - for standard input)");
    db::ImportRequest request;
    const auto format = db::parse_import_format(inv.get("format", "auto"));
    if (!format) return usage_error("suppressions", "--format: not a suppression file format: '" + inv.get("format") + "'");
    request.format = *format;
    request.note = inv.get("note");
    if (inv.has("class") && !(request.default_class = db::suppression_class_of(inv.get("class")).value_or("")).size()) {
        return usage_error("suppressions", "--class: must be hard, soft, complaint or manual");
    }
    const std::string& path = inv.operands[1];
    std::ifstream file(path, std::ios::binary);
    if (path != "-" && !file) {
        std::cerr << "bounced suppressions: cannot read " << path << "\n";
        return kExitNoInput;
    }
    std::istream& in = path == "-" ? std::cin : file;
    const auto parsed = db::parse_suppression_file(in, request);  // row by row, fields bounded
    if (!parsed.errors.empty()) {
        for (const auto& e : parsed.errors) std::cerr << path << ": " << e << "\n";
        std::cerr << "bounced suppressions: nothing imported\n";
        return kExitDataErr;
    }
    if (!parsed.warning.empty()) std::cerr << path << ": warning: " << parsed.warning << "\n";
    std::cout << path << ": " << parsed.rows.size() << " rows (" << db::to_string(parsed.format) << ")\n";
    if (inv.has("dry-run")) {
        db::ImportPreview preview;
        if (auto s = store.preview_import(parsed.rows, &preview); !s.ok()) return report_failure("suppressions", s);
        std::cout << "dry run, nothing changed: " << preview.fresh << " new, " << preview.differ
                  << " already suppressed with another class (import keeps it), " << preview.same
                  << " already suppressed the same\n";
        return kExitOk;
    }
    db::ImportOutcome outcome;
    if (auto s = store.import(parsed.rows, &outcome); !s.ok()) {
        std::cerr << "bounced suppressions: nothing imported\n";
        return report_failure("suppressions", s);
    }
    std::cout << outcome.suppressed << " suppressed, " << outcome.unchanged << " already suppressed\n";
    return kExitOk;
}

}  // namespace

int run_suppressions(const Args& args) {
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    const std::string action = inv.operands.empty() ? "" : inv.operands[0];
    static const char* kActions[] = {"list", "show", "add", "remove", "export", "import"};
    if (std::find(std::begin(kActions), std::end(kActions), action) == std::end(kActions)) {
        return usage_error("suppressions", "expected list, show, add, remove, export or import");
    }
    if (action == "show" && inv.operands.size() != 2) return usage_error("suppressions", "show takes one ADDRESS");
    auto store = open_store("suppressions", inv.settings);
    if (!store) return kExitConfig;
    if (action == "list" || action == "export") return list(*store, inv, action == "export");
    if (action == "show") return inv.has("raw") ? show_raw(*store, inv, inv.operands[1]) : show(*store, inv.operands[1]);
    if (action == "import") return import(*store, inv);
    return add_or_remove(*store, inv, action == "add");
}

}  // namespace bounced::cli
