// bounced verp encode|verify: signed VERP return paths (docs/verp.md).
//
//   bounced verp encode --list bounces@list.example alice@example.org
//     bounces+alice=example.org.TAG@list.example
//   bounced verp verify 'bounces+alice=example.org.TAG@list.example'
//     valid alice@example.org list=bounces@list.example age=0d key=1
//
// Both read the secrets from trust.secrets_file; encode signs with the first.
#include <iostream>

#include "bounced/cli/store_cli.h"
#include "bounced/exit_code.h"
#include "bounced/trust/verp_signature.h"

namespace bounced::cli {

using trust::encode_verp;
using trust::verify_verp;
using trust::verp_day;

namespace {

const config::CommandSpec kSpec{
    "bounced verp encode --list RETURN-ADDRESS [--at TIME] ADDRESS...\n"
    "       bounced verp verify [--at TIME] VERP-ADDRESS...",
    "encode: print the envelope sender (return path) to use for each subscriber\n"
    "ADDRESS, signed with the first secret of trust.secrets_file, one per line.\n"
    "verify: check signed VERP addresses as the daemon does: valid, stale, invalid or\n"
    "none (not signed VERP); exit 0 when all are valid, 1 otherwise.\n"
    "The scheme, with test vectors for other languages: docs/verp.md.",
    {{"list", "RETURN-ADDRESS", "the list's return address, e.g. bounces@list.example"},
     {"at", "TIME", "sign or verify as of TIME instead of now (ISO 8601, Unix seconds)"}}};

int encode(const config::Invocation& inv, long day) {
    if (!inv.has("list")) return usage_error("verp", "encode needs --list RETURN-ADDRESS");
    if (inv.operands.size() < 2) return usage_error("verp", "encode: name at least one ADDRESS");
    for (std::size_t i = 1; i < inv.operands.size(); ++i) {
        std::string out, error;
        if (!encode_verp(inv.settings.trust.secrets.front(), inv.get("list"), inv.operands[i], day, &out, &error)) {
            return usage_error("verp", error);
        }
        std::cout << out << "\n";
    }
    return kExitOk;
}

int verify(const config::Invocation& inv, long day) {
    if (inv.operands.size() < 2) return usage_error("verp", "verify: name at least one VERP-ADDRESS");
    bool all_valid = true;
    for (std::size_t i = 1; i < inv.operands.size(); ++i) {
        const auto v = verify_verp(inv.operands[i], inv.settings.trust.secrets, day, inv.settings.trust.tag_max_age_days);
        all_valid = all_valid && v.verdict == "valid";
        std::cout << v.verdict;
        if (v.verdict != "none") std::cout << " " << v.recipient << " list=" << v.list;
        if (v.verdict == "valid" || v.verdict == "stale")
            std::cout << " age=" << v.age_days << "d key=" << v.key + 1;
        std::cout << "\n";
    }
    return all_valid ? kExitOk : kExitNo;
}

}  // namespace

int run_verp(const Args& args) {
    config::Invocation inv;
    if (int code = load_invocation(args, kSpec, &inv); code >= 0) return code;
    const std::string action = inv.operands.empty() ? "" : inv.operands[0];
    if (action != "encode" && action != "verify") return usage_error("verp", "expected encode or verify");
    if (inv.settings.trust.secrets.empty()) {
        std::cerr << "bounced verp: no secrets: set [trust] secrets_file (see docs/verp.md)\n";
        return kExitConfig;
    }
    db::Time at = db::Clock::now();
    if (inv.has("at")) {
        const auto parsed = db::parse_time(inv.get("at"));
        if (!parsed) return usage_error("verp", "--at: '" + inv.get("at") + "' is not a time");
        at = *parsed;
    }
    const long day = verp_day(std::chrono::duration<double>(at.time_since_epoch()).count());
    return action == "encode" ? encode(inv, day) : verify(inv, day);
}

}  // namespace bounced::cli
