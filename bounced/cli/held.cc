// bounced held list|show|release|discard: the queue of bounces that changed nothing
// because they could not be believed (docs/trust.md). Releasing applies one as if it
// had been believed on arrival; discarding takes it out of the queue. Both audited.
#include <algorithm>
#include <iostream>
#include <iterator>

#include "bounced/cli/commands.h"
#include "bounced/cli/store_cli.h"
#include "bounced/common/printable.h"
#include "bounced/exit_code.h"
#include "db/json.h"

namespace bounced::cli {
namespace {

using common::printable;

const config::CommandSpec kSpec{
    "bounced held ACTION [OPTIONS] [ARGS]",
    "actions:\n"
    "  list [--reason R] [--host H] [--address A] [--since DATE] [--limit N] [--format table|jsonl]\n"
    "                        the open queue, oldest first (R: why it was held: not-sent,\n"
    "                        untied, unsigned, rate-cap-host, ...)\n"
    "  show ID                                      one held bounce, its evidence and fate\n"
    "  release ID... | --all [filters] [--note TEXT]  apply now, as if believed on arrival\n"
    "  discard ID... | --all [filters] [--note TEXT]  out of the queue, changing nothing",
    {{"reason", "REASON", "only bounces held for this reason"},
     {"host", "HOST", "only bounces from this sending host"},
     {"address", "ADDRESS", "only bounces for this address"},
     {"since", "DATE", "only bounces that arrived at or after DATE"},
     {"limit", "N", "at most N rows"},
     {"format", "FORMAT", "list: table or jsonl"},
     {"all", "", "release, discard: every open bounce the filters select"},
     {"note", "TEXT", "recorded in the audit log"}}};

bool read_filter(const config::Invocation& inv, db::HeldFilter* f, std::string* error) {
    f->held = inv.get("reason");
    f->sender_host = inv.get("host");
    f->address = inv.get("address");
    if (inv.has("since") && !(f->since = db::parse_time(inv.get("since"))))
        return *error = "--since: '" + inv.get("since") + "' is not a date", false;
    if (inv.has("limit")) {
        f->limit = inv.whole_number("limit").value_or(0);
        if (f->limit <= 0) return *error = "--limit: must be a positive whole number", false;
    }
    return true;
}

std::string jsonl(const db::HeldBounce& h) {
    std::string line = "{\"id\":" + std::to_string(h.id) + ",";
    const auto field = [&](const char* name, const std::string& value, bool last = false) {
        line += std::string("\"") + name + "\":";
        db::append_json_string(line, value);
        line += last ? "}" : ",";
    };
    field("at", db::format_time(h.event.at));
    field("address", h.address);
    field("class", h.event.bounce_class);
    field("reason", h.event.reason);
    field("held", h.event.held);
    field("trust", h.event.trust);
    field("origin", h.origin);
    field("sender_host", h.event.sender_host);
    field("sender_address", h.event.sender_address);
    field("original_message_id", h.event.original_message_id);
    field("fingerprint", h.event.fingerprint, true);
    return line;
}

int list(db::Store& store, const config::Invocation& inv) {
    db::HeldFilter filter;
    std::string error;
    if (!read_filter(inv, &filter, &error)) return usage_error("held", error);
    const std::string format = inv.get("format", "table");
    if (format != "table" && format != "jsonl") return usage_error("held", "--format: table or jsonl, not '" + format + "'");
    std::vector<db::HeldBounce> rows;
    long open = 0;
    if (auto s = store.held_list(filter, &rows, &open); !s.ok()) return report_failure("held", s);
    for (const auto& h : rows) {
        if (format == "jsonl") {
            std::cout << jsonl(h) << "\n";
            continue;
        }
        std::cout << h.id << "  " << db::format_time(h.event.at) << "  " << printable(h.address) << "  "
                  << h.event.bounce_class << "/" << h.event.reason << "  held=" << h.event.held
                  << "  from=" << printable(h.event.sender_host.empty() ? "-" : h.event.sender_host) << "\n";
    }
    if (format == "table") std::cout << rows.size() << " shown, " << open << " held in all\n";
    return std::cout ? kExitOk : kExitFailure;
}

int show(db::Store& store, const std::string& operand) {
    const auto id = config::parse_whole_number(operand);
    if (!id) return usage_error("held", "show takes the ID that `held list` prints, not '" + printable(operand) + "'");
    db::HeldBounce h;
    bool found = false;
    if (auto s = store.held_get(*id, &h, &found); !s.ok()) return report_failure("held", s);
    if (!found) {
        std::cerr << "bounced held: no bounce " << *id << "\n";
        return kExitNo;
    }
    const auto& e = h.event;
    std::cout << "bounce " << h.id << ": " << printable(h.address) << " " << e.bounce_class << "/" << e.reason
              << " status=" << e.status_code << "\n"
              << "  arrived " << db::format_time(e.at) << " fp=" << e.fingerprint.substr(0, 16)
              << " source=" << printable(e.source) << (e.raw_kept ? " (raw kept: bounced suppressions show --raw)" : "")
              << "\n"
              << "  sent by host=" << printable(e.sender_host.empty() ? "-" : e.sender_host)
              << " from=" << printable(e.sender_address.empty() ? "-" : e.sender_address)
              << " origin=" << (h.origin.empty() ? "-" : h.origin) << "\n"
              << "  original message-id=" << printable(e.original_message_id.empty() ? "-" : e.original_message_id)
              << " verp-tag=" << e.signature << " address-from=" << e.recipient_source << "\n"
              << "  diagnostic: " << printable(e.diagnostic) << "\n"
              << "  trust: rested on " << e.trust << " (level " << e.trust_level << "); held as "
              << (e.held.empty() ? "-" : e.held) << "\n";
    if (h.resolution.empty() && !e.trusted)
        std::cout << "  open: `bounced held release " << h.id << "` applies it, `discard` drops it\n";
    else if (!h.resolution.empty())
        std::cout << "  " << h.resolution << " " << (h.resolved_at ? db::format_time(*h.resolved_at) : "") << " by "
                  << printable(h.resolved_by) << "\n";
    else
        std::cout << "  not held: it was believed\n";
    return kExitOk;
}

// The IDs named, or with --all every open one the filters select.
bool target_ids(db::Store& store, const config::Invocation& inv, std::vector<long>* ids, int* code) {
    if (inv.has("all")) {
        if (inv.operands.size() > 1) return *code = usage_error("held", "--all or IDs, not both"), false;
        db::HeldFilter filter;
        std::string error;
        if (!read_filter(inv, &filter, &error)) return *code = usage_error("held", error), false;
        std::vector<db::HeldBounce> rows;
        if (auto s = store.held_list(filter, &rows); !s.ok()) return *code = report_failure("held", s), false;
        for (const auto& h : rows) ids->push_back(h.id);
        return true;
    }
    if (inv.operands.size() < 2) return *code = usage_error("held", "name at least one ID, or --all"), false;
    for (std::size_t i = 1; i < inv.operands.size(); ++i) {
        const auto id = config::parse_whole_number(inv.operands[i]);
        if (!id || *id <= 0)
            return *code = usage_error("held", "'" + printable(inv.operands[i]) + "' is not an ID from `held list`"), false;
        ids->push_back(*id);
    }
    return true;
}

int release_or_discard(db::Store& store, const config::Invocation& inv, bool release) {
    std::vector<long> ids;
    int code = kExitOk;
    if (!target_ids(store, inv, &ids, &code)) return code;
    if (!release) {
        long discarded = 0;
        if (auto s = store.held_discard(ids, inv.get("note"), &discarded); !s.ok()) return report_failure("held", s);
        std::cout << discarded << " discarded\n";
        return kExitOk;
    }
    std::vector<db::Decision> decisions;
    if (auto s = store.held_release(ids, inv.get("note"), &decisions); !s.ok()) return report_failure("held", s);
    long released = 0;
    for (const auto& d : decisions) {
        if (d.kind == "released") {
            ++released;
            continue;
        }
        std::cout << printable(d.subject) << ": " << d.kind << " class=" << d.bounce_class << " reason=" << d.reason
                  << (d.until ? " until " + db::format_time(*d.until) : "") << "\n";
    }
    std::cout << released << " released\n";
    return kExitOk;
}

}  // namespace

int run_held(const Args& args) {
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    const std::string action = inv.operands.empty() ? "" : inv.operands[0];
    static const char* kActions[] = {"list", "show", "release", "discard"};
    if (std::find(std::begin(kActions), std::end(kActions), action) == std::end(kActions))
        return usage_error("held", "expected list, show, release or discard");
    if (action == "show" && inv.operands.size() != 2) return usage_error("held", "show takes one ID");
    auto store = open_store("held", inv.settings);
    if (!store) return kExitConfig;
    if (action == "list") return list(*store, inv);
    if (action == "show") return show(*store, inv.operands[1]);
    return release_or_discard(*store, inv, action == "release");
}

}  // namespace bounced::cli
