#include "bounced/report/remedies.h"

#include "classify/text.h"

namespace bounced::report {
namespace {

using classify::Reason;

struct RemedyRow {
    std::string_view topic;
    std::vector<Reason> reasons;
    std::string_view status_prefix;  // "" any; else the code must start with it
    std::string_view keywords;       // "" any; else the diagnostic must contain one of
                                     // these '|'-separated words
    std::string_view en;
    std::string_view ja;
};

// Refined rows (with a status prefix or keyword) come before the general row of the
// same reason, so the report shows the most specific advice first.
const std::vector<RemedyRow>& rows() {
    static const std::vector<RemedyRow> table = {
        {"outlook-5.4.1", {Reason::userunknown}, "5.4.1", "",
         "Outlook/Office 365 refused an address its tenant does not host: the mailbox is gone or the domain "
         "moved; confirm the address with the subscriber another way before mailing it again.",
         "Outlook/Office 365 がそのテナントに存在しない宛先を拒否しています。メールボックスの削除かドメインの移転が"
         "考えられるため、別の手段で購読者にアドレスを確認してから再送してください。"},
        {"address-typo", {Reason::userunknown}, "", "",
         "The mailbox does not exist. Check the part before the @ for typos; if this address received mail "
         "before, the receiver may be hiding a spam block behind 'user unknown' — confirm with the subscriber.",
         "宛先のメールボックスが存在しません。@より前の綴りを確認してください。以前は届いていた宛先なら、"
         "受信側が迷惑メール対策として「ユーザー不明」を返している可能性もあるため、購読者に確認してください。"},
        {"domain-typo", {Reason::hostunknown}, "", "",
         "The domain has no mail server. Check the part after the @ for typos (a comma for a dot, a missing "
         "letter) and whether the domain still exists.",
         "宛先ドメインにメールサーバーがありません。@より後の綴り(ドットとカンマの取り違え、文字の欠落など)と、"
         "ドメインが現存するかを確認してください。"},
        {"domain-refuses-mail", {Reason::notaccept}, "", "",
         "The receiving domain accepts no mail at all (null MX or a closed service): remove the address.",
         "受信側ドメインはメールを一切受け付けていません(Null MX やサービス終了)。アドレスを削除してください。"},
        {"address-moved", {Reason::hasmoved}, "", "",
         "The subscriber has moved to a new address; the bounce often names it. Ask them to subscribe again.",
         "購読者は新しいアドレスに移っています(多くはエラー文中に記載)。新しいアドレスでの再登録を依頼してください。"},
        {"mailbox-full", {Reason::mailboxfull}, "", "",
         "The subscriber's mailbox is full. Wait: resending in quick succession looks like spam to the "
         "receiver. bounced backs off and suppresses only after repeated failures.",
         "購読者のメールボックスが満杯です。短期間に再送を繰り返すと受信側にスパム行為と見なされるため、"
         "時間を置いてください。bounced は間隔を空けて再送し、失敗が続いた場合のみ停止します。"},
        {"message-too-big", {Reason::mesgtoobig, Reason::exceedlimit}, "", "",
         "The message is larger than the receiver allows (some providers refuse 1 MB and more): send links "
         "instead of attachments and shrink images.",
         "メールが受信側の上限サイズを超えています(1MB 程度から拒否する事業者もあります)。添付ファイルはリンクに"
         "置き換え、画像を小さくしてください。"},
        {"relay-setup", {Reason::norelaying}, "", "",
         "A server refused to relay: check that the list sends through its own authorised server with SMTP "
         "authentication, that the sender domain is configured there, and that the recipient domain's MX is right.",
         "サーバーが中継を拒否しました。配信が SMTP 認証付きで正規の送信サーバーを経由しているか、送信ドメインが"
         "そのサーバーに設定されているか、宛先ドメインの MX が正しいかを確認してください。"},
        {"blocklist", {Reason::blocked, Reason::badreputation}, "", "blocklist|blacklist|block list|dnsbl|spamhaus|spamcop|sorbs|barracuda|listed",
         "The sending IP or domain is on a blocklist. Look it up on the public DNS blocklists, fix the cause "
         "(compromised account, bad list hygiene), and request delisting.",
         "送信元の IP アドレスかドメインがブロックリストに登録されています。公開 DNSBL で登録状況を調べ、原因"
         "(アカウントの乗っ取り、リストの管理不足など)を解消したうえで削除を申請してください。"},
        {"reverse-dns", {Reason::requireptr}, "", "",
         "The receiver wants reverse DNS: give the sending IP a PTR record whose name resolves back to the same IP.",
         "受信側が逆引きを要求しています。送信 IP に PTR レコードを設定し、その名前の正引きが同じ IP に戻るように"
         "してください。"},
        {"sender-blocked", {Reason::blocked}, "", "",
         "The receiver refuses mail from this server or domain: check blocklists, reverse DNS (PTR matching the "
         "forward name) and whether the receiving domain lists you; test from another domain to see how far it reaches.",
         "受信側がこのサーバーまたはドメインからのメールを拒否しています。ブロックリスト、逆引き(PTR と正引きの一致)、"
         "受信側の拒否リストへの登録を確認し、別ドメインから送って影響範囲を確かめてください。"},
        {"reputation", {Reason::badreputation, Reason::speeding, Reason::toomanyconn}, "", "",
         "The receiver is limiting this sender: slow down for that domain, warm up new IPs gradually, and keep "
         "complaint and unknown-user rates low. bounced throttles the domain by itself.",
         "受信側が送信元を制限しています。そのドメイン宛の送信速度を落とし、新しい IP は段階的に慣らし、苦情率と"
         "宛先不明率を低く保ってください。bounced はドメイン単位で自動的に抑制します。"},
        {"sender-authentication", {Reason::authfailure}, "", "",
         "Sender authentication failed: publish SPF for the sending IPs, sign with DKIM, and make the DMARC "
         "policy's domains align with the From address.",
         "送信ドメイン認証に失敗しました。送信 IP を SPF に登録し、DKIM で署名し、DMARC のドメインが From アドレスと"
         "一致するように設定してください。"},
        {"smtp-authentication", {Reason::securityerror}, "", "",
         "The server wants authentication or encryption: send through the list's own server with SMTP AUTH "
         "and STARTTLS enabled.",
         "サーバーが認証または暗号化を求めています。SMTP 認証と STARTTLS を有効にした正規の送信サーバーから"
         "送ってください。"},
        {"tls", {Reason::failedstarttls}, "", "",
         "TLS could not be negotiated: check the sending server's TLS versions, ciphers and certificate.",
         "TLS の確立に失敗しました。送信サーバーの TLS バージョン、暗号方式、証明書を確認してください。"},
        {"spam-content", {Reason::spamdetected, Reason::contenterror, Reason::virusdetected, Reason::policyviolation},
         "", "",
         "The content was judged spam or against policy: review links, images-to-text ratio and attachments, "
         "include a clear unsubscribe link, and mail only people who asked for it.",
         "内容が迷惑メールまたはポリシー違反と判定されました。リンク、画像と本文の比率、添付ファイルを見直し、"
         "分かりやすい配信停止リンクを入れ、同意した人にだけ送ってください。"},
        {"not-rfc-compliant", {Reason::notcompliantrfc, Reason::syntaxerror}, "", "",
         "The message or the SMTP dialogue breaks the standards (duplicate headers, bare line feeds, bad "
         "address syntax): fix the sending software.",
         "メールまたは SMTP のやり取りが規格に反しています(ヘッダーの重複、単独の LF、不正なアドレス書式など)。"
         "送信ソフトウェアを修正してください。"},
        {"recipient-filter", {Reason::filtered, Reason::rejected}, "", "",
         "The recipient's filters or security software refused the mail: ask the subscriber to allow the list's "
         "address, or check that the envelope sender is accepted.",
         "受信者側のフィルターやセキュリティソフトが拒否しています。購読者に配信元アドレスの許可を依頼するか、"
         "エンベロープ送信者が受け入れられているかを確認してください。"},
        {"account-suspended", {Reason::suspend}, "", "",
         "The subscriber's account is suspended or disabled; it may come back. bounced retries with backoff.",
         "購読者のアカウントが停止または無効化されています。復旧する場合もあるため、bounced は間隔を空けて再送します。"},
        {"temporary-failure", {Reason::systemerror, Reason::systemfull, Reason::networkerror, Reason::mailererror,
                               Reason::expired, Reason::onhold, Reason::undefined},
         "", "",
         "A temporary failure on the receiving side; in practice often a full mailbox. It usually clears by "
         "itself: if it persists for one domain, check that domain's MX and whether it is reachable.",
         "受信側の一時的な障害です。実際にはメールボックス満杯が原因のことも多く、通常は自然に解消します。"
         "特定のドメインで続く場合は、その MX と到達性を確認してください。"},
        {"complaint", {Reason::feedback}, "", "",
         "A subscriber marked the mail as spam: they are suppressed. Make sure people opted in, and show the "
         "unsubscribe link prominently.",
         "購読者が迷惑メールとして報告しました(配信停止済み)。本人の同意を得て登録しているか確認し、配信停止リンクを"
         "目立つ位置に置いてください。"},
    };
    return table;
}

bool matches(const RemedyRow& row, Reason reason, std::string_view status, std::string_view diagnostic) {
    bool reason_ok = false;
    for (auto r : row.reasons) reason_ok = reason_ok || r == reason;
    if (!reason_ok) return false;
    // The class digit does not matter: 4.4.1 and 5.4.1 name the same condition.
    if (!row.status_prefix.empty() && (status.size() < 2 || status.substr(1) != row.status_prefix.substr(1)))
        return false;
    if (row.keywords.empty()) return true;
    std::string_view words = row.keywords;
    while (!words.empty()) {
        auto bar = words.find('|');
        if (classify::icontains(diagnostic, words.substr(0, bar))) return true;
        if (bar == std::string_view::npos) break;
        words.remove_prefix(bar + 1);
    }
    return false;
}

}  // namespace

std::vector<Remedy> remedies_for(Reason reason, std::string_view status, std::string_view diagnostic,
                                 Language language) {
    std::vector<Remedy> out;
    bool refined_matched = false;
    for (const auto& row : rows()) {
        if (!matches(row, reason, status, diagnostic)) continue;
        bool refined = !row.status_prefix.empty() || !row.keywords.empty();
        // The general row of a reason adds nothing when a refined one already spoke
        // for the same reason, except where they give different advice (blocked).
        if (!refined && refined_matched && reason != Reason::blocked) continue;
        refined_matched = refined_matched || refined;
        out.push_back({row.topic, language == Language::ja ? row.ja : row.en});
    }
    return out;
}

bool parse_language(std::string_view name, Language* out) {
    if (name == "en") *out = Language::en;
    else if (name == "ja") *out = Language::ja;
    else return false;
    return true;
}

}  // namespace bounced::report
