// The vocabulary of outcomes: a fine-grained Reason and the coarse BounceClass that
// decides what the store does with a subscriber.
#pragma once

#include <optional>
#include <string_view>

namespace classify {

enum class BounceClass { none, hard, soft, policy, complaint, autoreply, delivered, delayed };

enum class Reason {
    // hard: the address is dead
    userunknown, hostunknown, hasmoved, notaccept,
    // soft: try again later
    mailboxfull, exceedlimit, mesgtoobig, suspend, expired, systemerror, systemfull,
    networkerror, toomanyconn, mailererror, syntaxerror, onhold, undefined,
    // policy: the sender's problem, not the subscriber's
    authfailure, badreputation, blocked, contenterror, failedstarttls, norelaying,
    notcompliantrfc, policyviolation, rejected, requireptr, securityerror, spamdetected,
    speeding, virusdetected, filtered,
    // not bounces
    feedback, vacation, delivered, delayed,
};

std::string_view to_string(Reason reason);
std::string_view to_string(BounceClass bounce_class);
std::optional<Reason> parse_reason(std::string_view name);

// The class a reason belongs to. `notaccept` is the one reason whose class depends on
// the code: a domain that refuses mail for good (5xx) is hard, a 4xx refusal is soft.
BounceClass class_of(Reason reason, bool temporary);

// Every reason, in declaration order, for tables and tests.
const Reason* all_reasons(std::size_t* count);

}  // namespace classify
