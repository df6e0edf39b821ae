// The receiving server's own reply inside a provider's notice, in whatever language
// the provider wrote the notice in.
//
// Gmail, Microsoft 365 and Outlook.com write their notices in the sender's account
// language, but quote the receiver's SMTP reply (RFC 5321 section 4.2, with the
// RFC 3463 code) as it was sent. So the reply is found by its shape, not by the
// label in front of it:
//
//   1. a label line that ends in ':' or the full-width '：', then the reply on the
//      next lines, starting with a reply code or an enhanced status code:
//        The response from the remote server was:        (Gmail, English)
//        リモート サーバーからの応答:                    (Gmail, Japanese)
//        550 5.1.1 <user@example.jp>: Recipient address rejected: User unknown
//      or the label and the reply on one line ("Antwort: 550 5.1.1 ...");
//   2. the reply quoted inside a sentence, with ' " ‘ “ 「 or 『:
//        Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; ...'
//        リモート サーバーから '550 5.1.10 ...' が返されました
//   3. Exchange's hash-bracketed form: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace classify {

struct RemoteReply {
    std::string text;        // the reply, its lines joined by one space; "" when none
    std::size_t begin = std::string_view::npos;  // where it starts in the searched text
    std::size_t end = std::string_view::npos;    // one past where it ends
};

// The first receiver's reply in `text` at or after `from`, in any of the three
// shapes above, cut at `max_bytes`. Only the first `kMaxReplyScan` bytes after
// `from` are looked at.
RemoteReply find_remote_reply(std::string_view text, std::size_t from = 0, std::size_t max_bytes = 2048);

// True when `line` (leading blanks allowed) starts the way an SMTP reply does:
// "550 ", "550-", "550" alone, or an enhanced code "5.1.1 ".
bool starts_with_reply(std::string_view line);

// True when the trimmed `line` ends in ':' or the full-width '：' (U+FF1A), the
// way a label does in every language the providers write.
bool ends_with_label_colon(std::string_view line);

constexpr std::size_t kMaxReplyScan = 64 * 1024;

}  // namespace classify
