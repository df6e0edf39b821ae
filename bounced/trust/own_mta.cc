// OwnHosts and the Received / Reporting-MTA readers (see own_mta.h).
#include "bounced/trust/own_mta.h"

#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace bounced::trust {
namespace {

constexpr std::size_t kMaxReceived = 100;
// Where a DSN's delivery-status part sits in a bounce: near the top, after a short text.
constexpr std::size_t kReportingMtaScan = 256 * 1024;

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

bool is_ip_literal(const std::string& v) {
    return !v.empty() && (v.find(':') != std::string::npos ||
                          v.find_first_not_of("0123456789.") == std::string::npos);
}

bool is_loopback_ip(const std::string& ip) { return ip == "::1" || ip.rfind("127.", 0) == 0; }

bool is_own_name(const OwnHosts& own, const std::string& name) {
    if (name.empty()) return false;
    if (contains(own.names, name)) return true;
    for (const auto& d : own.domains)
        if (name.size() > d.size() && name.compare(name.size() - d.size(), d.size(), d) == 0) return true;
    return false;
}

// A client is ours by its address when it has one: the address is what our MTA saw.
// The names around it are the client's own claims (HELO), or a reverse lookup whose
// form differs between MTAs: never trusted.
// An MTA writes an address for every client that connected over the network, so a
// field without one records a local submission ("from mail by mx with local", or no
// "from" at all). Fields below our MTA's are the sender's to write, but our MTA's own
// field, the newest, names the outside client of a message from outside.
bool is_own_client(const OwnHosts& own, const ReceivedClient& c) {
    if (!c.ip.empty()) return is_loopback_ip(c.ip) || contains(own.ips, c.ip);
    return true;
}

// "dns; mx.list.example" -> "mx.list.example"; the first Reporting-MTA line of `raw`.
std::string reporting_mta(std::string_view raw) {
    const std::string text = lower(raw.substr(0, kReportingMtaScan));
    std::size_t at = 0;
    while ((at = text.find("reporting-mta:", at)) != std::string::npos) {
        if (at == 0 || text[at - 1] == '\n') break;
        at += 14;
    }
    if (at == std::string::npos) return "";
    const auto end = text.find_first_of("\r\n", at);
    std::string value = text.substr(at + 14, end == std::string::npos ? std::string::npos : end - at - 14);
    if (const auto semi = value.find(';'); semi != std::string::npos) value.erase(0, semi + 1);
    const auto first = value.find_first_not_of(" \t"), last = value.find_last_not_of(" \t.");
    return first == std::string::npos ? "" : value.substr(first, last - first + 1);
}

}  // namespace

OwnHosts own_hosts(const std::vector<std::string>& own_mtas) {
    OwnHosts own;
    own.names = {"localhost"};
    own.ips = {"127.0.0.1", "::1"};
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0 && host[0]) own.names.push_back(lower(host));
    for (const auto& entry : own_mtas) {
        std::string e = lower(entry);
        if (e.size() > 1 && e[0] == '.') own.domains.push_back(e);
        else if (is_ip_literal(e)) own.ips.push_back(e);
        else if (!e.empty()) own.names.push_back(e);
    }
    return own;
}

ReceivedClient received_client(std::string_view received) {
    ReceivedClient c;
    const std::string text = lower(received);
    const auto from = text.find("from ");
    if (from != 0 && (from == std::string::npos || text.find("by ") < from)) return c;
    const auto by = text.find(" by ", from);
    const auto clause_end = by == std::string::npos ? text.size() : by;
    const auto open = text.find('[', from);
    const auto close = open == std::string::npos ? std::string::npos : text.find(']', open);
    if (open != std::string::npos && close != std::string::npos && close < clause_end) {
        c.ip = text.substr(open + 1, close - open - 1);
        if (c.ip.rfind("ipv6:", 0) == 0) c.ip.erase(0, 5);
        if (c.ip.rfind("::ffff:", 0) == 0 && c.ip.find('.') != std::string::npos) c.ip.erase(0, 7);
        // "from helo (rdns [ip])": the reverse name our MTA looked up
        const auto paren = text.rfind('(', open);
        if (paren != std::string::npos && paren > from) {
            const auto name_end = text.find_first_of(" [", paren + 1);
            if (name_end != std::string::npos && name_end <= open) c.name = text.substr(paren + 1, name_end - paren - 1);
        }
    }
    if (c.name.empty() || c.name == "unknown") {
        const auto start = text.find_first_not_of(' ', from + 5);
        const auto end = text.find_first_of(" \t(;", start);
        c.name = start == std::string::npos ? "" : text.substr(start, end - start);
    }
    return c;
}

std::string remote_sender_host(const classify::Headers& headers, const OwnHosts& own) {
    std::size_t seen = 0;
    for (const auto& field : headers.fields()) {
        if (strcasecmp(field.name.c_str(), "Received") != 0) continue;
        if (++seen > kMaxReceived) break;
        const ReceivedClient c = received_client(field.value);
        if (is_own_client(own, c)) continue;
        return c.ip.empty() ? c.name : c.ip;
    }
    return "";
}

bool written_by_own_mta(const classify::Headers& headers, std::string_view raw, const OwnHosts& own) {
    std::size_t seen = 0;
    for (const auto& field : headers.fields()) {
        if (strcasecmp(field.name.c_str(), "Received") != 0) continue;
        if (++seen > kMaxReceived) return false;
        if (!is_own_client(own, received_client(field.value))) return false;
    }
    const std::string mta = reporting_mta(raw);
    return mta.empty() || is_own_name(own, mta) || (is_ip_literal(mta) && contains(own.ips, mta));
}

}  // namespace bounced::trust
