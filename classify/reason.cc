// Names and classes of reasons. The class assignment follows the project's contract:
// hard = the address is dead, soft = try later, policy = the sender is refused.
#include "classify/reason.h"

#include <array>
#include <string_view>

namespace classify {
namespace {

struct ReasonInfo {
    Reason reason;
    std::string_view name;
    BounceClass bounce_class;
};

constexpr std::array<ReasonInfo, 36> kReasons{{
    {Reason::userunknown, "userunknown", BounceClass::hard},
    {Reason::hostunknown, "hostunknown", BounceClass::hard},
    {Reason::hasmoved, "hasmoved", BounceClass::hard},
    {Reason::notaccept, "notaccept", BounceClass::hard},
    {Reason::mailboxfull, "mailboxfull", BounceClass::soft},
    {Reason::exceedlimit, "exceedlimit", BounceClass::soft},
    {Reason::mesgtoobig, "mesgtoobig", BounceClass::soft},
    {Reason::suspend, "suspend", BounceClass::soft},
    {Reason::expired, "expired", BounceClass::soft},
    {Reason::systemerror, "systemerror", BounceClass::soft},
    {Reason::systemfull, "systemfull", BounceClass::soft},
    {Reason::networkerror, "networkerror", BounceClass::soft},
    {Reason::toomanyconn, "toomanyconn", BounceClass::policy},
    {Reason::mailererror, "mailererror", BounceClass::soft},
    {Reason::syntaxerror, "syntaxerror", BounceClass::soft},
    {Reason::onhold, "onhold", BounceClass::soft},
    {Reason::undefined, "undefined", BounceClass::soft},
    {Reason::authfailure, "authfailure", BounceClass::policy},
    {Reason::badreputation, "badreputation", BounceClass::policy},
    {Reason::blocked, "blocked", BounceClass::policy},
    {Reason::contenterror, "contenterror", BounceClass::policy},
    {Reason::failedstarttls, "failedstarttls", BounceClass::policy},
    {Reason::norelaying, "norelaying", BounceClass::policy},
    {Reason::notcompliantrfc, "notcompliantrfc", BounceClass::policy},
    {Reason::policyviolation, "policyviolation", BounceClass::policy},
    {Reason::rejected, "rejected", BounceClass::policy},
    {Reason::requireptr, "requireptr", BounceClass::policy},
    {Reason::securityerror, "securityerror", BounceClass::policy},
    {Reason::spamdetected, "spamdetected", BounceClass::policy},
    {Reason::speeding, "speeding", BounceClass::policy},
    {Reason::virusdetected, "virusdetected", BounceClass::policy},
    {Reason::filtered, "filtered", BounceClass::policy},
    {Reason::feedback, "feedback", BounceClass::complaint},
    {Reason::vacation, "vacation", BounceClass::autoreply},
    {Reason::delivered, "delivered", BounceClass::delivered},
    {Reason::delayed, "delayed", BounceClass::delayed},
}};

constexpr std::array<std::string_view, 8> kClassNames{
    "none", "hard", "soft", "policy", "complaint", "autoreply", "delivered", "delayed"};

const ReasonInfo& info(Reason reason) { return kReasons[static_cast<std::size_t>(reason)]; }

}  // namespace

std::string_view to_string(Reason reason) { return info(reason).name; }

std::string_view to_string(BounceClass bounce_class) {
    return kClassNames[static_cast<std::size_t>(bounce_class)];
}

std::optional<Reason> parse_reason(std::string_view name) {
    for (const auto& r : kReasons)
        if (r.name == name) return r.reason;
    return std::nullopt;
}

BounceClass class_of(Reason reason, bool temporary) {
    if (reason == Reason::notaccept && temporary) return BounceClass::soft;
    return info(reason).bounce_class;
}

const Reason* all_reasons(std::size_t* count) {
    static const auto reasons = [] {
        std::array<Reason, kReasons.size()> out{};
        for (std::size_t i = 0; i < kReasons.size(); ++i) out[i] = kReasons[i].reason;
        return out;
    }();
    *count = reasons.size();
    return reasons.data();
}

}  // namespace classify
