// The reason table. Each row: the reason, a short name reported as the deciding
// rule, where it applies, and an RE2 pattern over lower-cased text (ASCII by the diagnosis;
// Latin-1, Latin Extended-A and Cyrillic capitals here, for replies in other languages)
// with runs of white space squeezed to one space. Order matters: the first matching row wins, so the rows that must
// override a vaguer reading come first (a full mailbox behind "5.7.1", an unknown
// user behind "recipient address rejected").
//
// Where each row's wording comes from is in rule_sources.cc (a test checks that
// every row has an entry).
//
// The order of the groups, and why:
//   1. providers' own codes and sentences (host-keyed rows): exact where they apply;
//   2. the recipient's mailbox itself (full, too big, moved), whatever code or
//      other word comes with it;
//   3. the sender's own setup (authentication, PTR, reputation, blocklists, spam,
//      relaying), so "550 5.1.1 ... SPF fail" is not read as an unknown user;
//   4. unknown users, then unknown hosts, then suspended accounts: the address;
//   5. limits, expiry, network and system trouble: temporary states;
//   6. the message's content and form, then the receiver's broad refusals
//      ("blocked", "rejected", "filter"), whose words appear in many other replies;
//   7. "wait" last: "try again later" ends replies of every kind.
// A phrasing that another group's words contain (Postfix's "Host not found, try
// again" within "host not found") gets its own row just before that group.
// The diagnosis (diagnosis.cc) decides before this table for a few exact codes and
// after it for a "user unknown" not said to RCPT.
#include "classify/rules/rules.h"

#include "classify/rules/hold_out.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <re2/filtered_re2.h>
#include <re2/re2.h>

namespace classify {
namespace {

struct Rule {
    Reason reason;
    const char* name;
    const char* pattern;
    // Where the row applies: "" everywhere, else a space-separated list of host
    // suffixes (".google.com .gmail.com") that the Remote-MTA or the recipient's
    // domain must end with: a provider's private wording means nothing elsewhere.
    const char* applies_to = "";
    // The development-corpus families the row was written for ("rhost-outlook"),
    // space-separated; "" for wording many receivers share. The leave-one-out
    // check (bench/leave_one_out.py) classifies each family without its rows.
    const char* family = "";
    // For a row of replies in other languages: words one of which every text the
    // row matches contains ("unbekannt|inconnu|desconocid"), '|'-separated. Such a
    // row is compiled only when a text first holds one of them, and never enters
    // the FilteredRE2: its many alternatives cost more to compile than all the
    // English rows' matching, and most installations never see them.
    // reason_rule_stem_gap() checks that the words cover the row.
    const char* stems = nullptr;
};

const Rule kRules[] = {
    // --- hosted providers' own codes and sentences; the host-keyed rows apply only
    // where that provider answered (its MX, or the recipient's domain).
    // Orange and La Poste (France) end each reply with a code: "ofr_506",
    // "OFR006_102", "LPN001_108"; its last three digits name the cause.
    {Reason::spamdetected, "franceptt-spam", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_]506\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::blocked, "franceptt-blocked", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_](10[1-378]|401|510|999)\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::toomanyconn, "franceptt-connections", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_]104\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::securityerror, "franceptt-security", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_](305|402)\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::rejected, "franceptt-rejected", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_](403|405|415|421)\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::userunknown, "franceptt-unknown", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_](416|418)\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::mailboxfull, "franceptt-full", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_]417\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::suspend, "franceptt-suspended", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_](420|426)\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::mesgtoobig, "franceptt-too-big", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_]514\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    {Reason::policyviolation, "franceptt-policy", R"(\b(ofr|lpn|lpnaaa|ouk)([0-9]{3})?[-_](517|630)\b)", "orange.fr wanadoo.fr laposte.net", "rhost-franceptt"},
    // Facebook: "RCP-P2 ... Refused due to recipient preferences".
    {Reason::filtered, "facebook-recipient-preferences", R"(\brcp-p2\b|refused due to recipient preferences)", "facebook.com", "rhost-facebook"},
    // Mimecast refuses a sending network its customer has not allowed.
    {Reason::policyviolation, "mimecast-host-network", R"(host network not allowed)", "mimecast.com", "rhost-mimecast"},
    // GoDaddy (and others): "203.0.113.1 has sent to too many recipients this hour".
    {Reason::speeding, "too-many-recipients-per-hour", R"(sent to too many recipients (this|per|in the last) (hour|day|minute))", "", "rhost-godaddy"},
    // Google Groups: "Your email to group ... was rejected due to spam classification"
    // (its advice to set up SPF must not read as an authentication failure).
    {Reason::spamdetected, "spam-classification", R"(rejected due to spam classification)", "", "lhost-googlegroups"},
    // Google's delay reports: "DNS Error: 80335577 DNS type 'mx' lookup of example.jp
    // responded with code NXDOMAIN" (or "... had no relevant answers") while it
    // retries, and "The recipient server did not accept our requests to connect".
    {Reason::networkerror, "google-dns-error", R"(dns error: [0-9]+ dns type '?[a-z]+'? lookup of \S+ responded with code (nxdomain|servfail)|dns type '?[a-z]+'? lookup of \S+ had no relevant answers)", "", "lhost-gmail lhost-googleworkspace"},
    {Reason::expired, "google-could-not-connect", R"(did not accept our requests to connect)", "", "lhost-gmail lhost-googleworkspace"},
    // Outlook.com: "550 domain [example.com] mismatches client ip 192.0.2.1".
    {Reason::requireptr, "domain-mismatches-client-ip", R"(mismatches client ip)", "", "rhost-outlook rhost-microsoft lhost-outlook"},
    // Yahoo: "554 INVALID IP FOR SENDING MAIL OF DOMAIN example.com" (also read by
// the general "sending-ip-refused" row below, where this one is held out).
    {Reason::blocked, "invalid-ip-for-domain", R"(invalid ip for sending mail)", "", "lhost-yahoo rhost-yahooinc"},
    // Yahoo's deferral for a sender with complaints: "421 4.7.0 [TSS04] Messages from
    // 192.0.2.1 temporarily deferred due to unexpected volume or user complaints".
    {Reason::badreputation, "yahoo-tss04", R"(\[tss04\])", ".yahoodns.net .yahoo.com", "lhost-yahoo rhost-yahooinc"},
    // Yahoo's answer for an address it does not have, whatever the stage:
    // "554 delivery error: dd This user doesn't have a yahoo.com account".
    {Reason::userunknown, "yahoo-no-account", R"(this user doesn.?t have an? \S+ account)", ".yahoodns.net .yahoo.com", "lhost-yahoo rhost-yahooinc"},
    // Exim: "an MX or SRV record indicated no SMTP service".
    {Reason::notaccept, "no-smtp-service", R"(indicated no smtp service)", "", "lhost-exim"},

    // The sender's sending rate or quota, said in words that also hold "quota" or
    // "limit" (the rows below would read a full mailbox or a size limit): Google's
    // "Daily sending quota exceeded", "Peak SMTP relay limit exceeded", "receiving
    // mail too quickly"; Apple's "deferred due to excessive volume"; the "frequency
    // limited" of Chinese providers. [Google 3726730, Apple HT204137, Yahoo Sender Hub]
    {Reason::speeding, "sending-rate-or-quota", R"(sending quota|(relay|sending|send) limit (exceeded|reached)|(daily|hourly) (smtp relay |sending )?(limit|quota) exceeded|receiving mail (too quickly|at a rate)|deferred due to excessive volume|frequency limit)"},
    // Documented sending and receiving limits in words that would read otherwise
    // (Outlook.com's RP-001..003 "some messages from ... weren't sent" as a blocked
    // IP, Exchange's "Submission quota exceeded" as a full mailbox): Outlook's "We
    // have limits for how many messages can be sent per hour and per day", Exchange
    // Online's 5.1.90 "reached your daily limit for message recipients", 5.2.2
    // "Submission quota exceeded", 5.2.121/5.2.122 "per hour message receive limit",
    // 4.3.2 "recipient thread limit exceeded". [Outlook, Microsoft]
    {Reason::speeding, "documented-sending-limits", R"(limits for how many messages can be sent|submission quota|reached (your|the) (daily|hourly) (sending |recipient )?limit|per (hour|day|minute) (message )?receive limit|recipient thread limit exceeded)"},
    // The sending IP refused, in words another row would read otherwise ("Service
    // unavailable" as a system error, "not authorized to send" as authentication,
    // "deferred" as on hold): Exchange Online's 5.7.606-649 "banned sending IP",
    // 5.7.708, 5.7.750; Outlook.com's SC-/DY-/OU- "messages from ... weren't sent";
    // Yahoo's "will be permanently deferred"; Google's "IP not in whitelist" and
    // "The IP you're using to send mail is not authorized".
    // [learn.microsoft.com NDR reference, Outlook.com postmaster, Yahoo Sender Hub, Google 3726730]
    {Reason::blocked, "sending-ip-refused", R"(banned sending ip|traffic not accepted from this ip|client blocked from sending|messages from \S+ (weren.?t|were not) sent|messages from \S+ (will be )?permanently deferred|ip not in (the )?(whitelist|allow ?list)|ip you.?re using to send mail is not authorized|invalid ip for sending)"},

    // --- mailbox full: decides even behind a policy code ("550 5.7.1 Email quota exceeded")
    {Reason::mailboxfull, "quota-exceeded", R"(quota (exceeded|violation|full|limit)|(over|exceed(s|ed|ing)?|reached|above|beyond) (the |his |her |their |its |your )?(storage |disk |mailbox |mail )?quota|over ?quota|overquota|quota ?exceeded)"},
    {Reason::mailboxfull, "mailbox-full", R"((mail ?box|mail folder|inbox|account|recipient|user|maildir|storage|disk)( is| has)? (full|over (the )?(storage )?limit|out of (disk )?space|size limit exceeded|exceeded (its|the) (storage|size)( limit)?)|mailbox_full|not enough (disk )?space|(disk|mailbox) space (has been )?(exceeded|exhausted|limit)|exceeded storage allocation|would exceed (mailbox|disk) quota|too much mail data|no space left|user has exceeded|mailfolder is full|full mailbox|error writing message: file too large)"},
    // The same in other languages (rule_sources.cc): de, fr, es, it, pt, nl, pl, ru.
    {Reason::mailboxfull, "mailbox-full-localised", R"(postfach( des empf(ä|ae|a)ngers)?( ist)? (voll|(ü|ue|u)berf(ü|ue|u)llt)|mailbox (ist )?voll\b|speicher(volumen|platz|grenze)( des postfachs)? ((ü|ue|u)berschritten|ersch(ö|oe|o)pft)|(quota|kontingent) ((ü|ue|u)berschritten|ersch(ö|oe|o)pft)|zu ?viele (e-?)?mails auf dem server)"
        R"(|bo(î|i)te( aux lettres| mail| e-?mail| de r(é|e)ception| du destinataire)?( est)? pleine|quota (d(é|e)pass(é|e)|atteint)|d(é|e)passement (de|du) quota)"
        R"(|buz(ó|o)n( de correo)?( del destinatario)?( est(á|a))? (lleno|completo|saturado)|cuota (excedida|superada|llena|agotada))"
        R"(|casella( di posta| postale| email| e-mail)?( del destinatario)?( (è|e'|e))? (piena|satura)|quota (superata|esaurita))"
        R"(|caixa( postal| de correio| de entrada)?( do destinat(á|a)rio)?( est(á|a))? (cheia|lotada)|(cota|quota) (excedida|esgotada|ultrapassada))"
        R"(|(mailbox|postvak|postbus|brievenbus|inbox)( van de ontvanger)? is vol\b|(postvak|postbus|brievenbus) vol\b|quot(um|a) (overschreden|bereikt))"
        R"(|skrzynka( odbiorcy| pocztowa)?( jest)? (pe(ł|l)na|przepe(ł|l)niona|zape(ł|l)niona)|przepe(ł|l)niona skrzynka|brak miejsca w skrzynce)"
        R"(|ящик( получателя)? (переполнен|заполнен)|переполнен (почтовый )?ящик|превышен[аоы]? (квота|лимит (почтового )?ящика|размер (почтового )?ящика)|квота (почтового ящика )?(превышена|исчерпана))",
     "", "", "ящик|квот|лимит|размер|ревышен|ереполнен|исчерпан|заполнен|satura|piena|zapełn|zapeln|przepełn|przepeln|pełna|pelna|lotada|cheia|superada|llena|excedida|agotada|lleno|completo|berschritten|erschöpft|erschopft|erschoepft|überf|uberf|ueberf|voll|pleine|mails auf dem server|brak miejsca|quotum|overschreden|bereikt|esgotada|ultrapassada|superata|esaurita|dépass|depass|atteint|is vol|postvak|postbus|brievenbus"},
    {Reason::mailboxfull, "mailbox-full-ja", R"(容量(が|を)?(超過|オーバー|不足|一杯|いっぱい)|メールボックスがいっぱい|メールボックスの容量|受信箱.*(一杯|いっぱい)|quota.*超過)"},
    // Chinese and Korean: "邮箱已满", "邮箱空间不足" (the mailbox is full, out of space),
    // "사서함이 가득 찼습니다" (the mailbox is full), "용량 초과" (over capacity).
    {Reason::mailboxfull, "mailbox-full-zh-ko", R"((邮箱|信箱|郵箱)(已满|空间不足|容量不足)|收件(箱已满|容量满)|사서함이 가득|(사서함|메일함) 용량(이)? 초과)"},

    // --- message too big / limits
    {Reason::mesgtoobig, "message-too-big", R"((message|mail|email|e-mail) (size |length )?(is |was )?(too (big|large|long)|exceeds (the )?(maximum|max|size|fixed|allowed|message size)|size exceeds)|message (size|length) (limit )?exceed|size (of message )?exceeds (the )?(maximum|limit|allowed|fixed)|exceeds (the )?(maximum|fixed|allowed|message) (message )?size|too large for (this|the) (system|server|recipient)|size limit exceeded|message too large|mesg too big|message file too big|line too long|larger than the (maximum|allowed|current))"},
    // The same in other languages (rule_sources.cc): de, fr, es, it, pt, nl, pl, ru, ja, zh, ko.
    {Reason::mesgtoobig, "message-too-big-localised", R"((nachricht|e-?mail)( ist)? zu gro(ß|ss)|maximale (nachrichten)?gr(ö|oe|o)(ß|ss)e (ü|ue|u)berschritten)"
        R"(|(message|courriel) (est )?trop (volumineux|gros|grand)|taille (du message |maximale )?(d(é|e)pass|exc(è|e)d))"
        R"(|mensaje (es )?demasiado (grande|largo)|tama(ñ|n)o (del mensaje |m(á|a)ximo )?(excede|supera|excedido))"
        R"(|messaggio troppo (grande|grosso|lungo)|dimensione (del messaggio |massima )?(eccede|supera|superata))"
        R"(|mensagem (muito|demasiado) grande|tamanho (da mensagem |m(á|a)ximo )?(excede|ultrapassa|excedido))"
        R"(|bericht( is)? te groot|wiadomo(ś|s)(ć|c)( jest)? (zbyt|za) (du(ż|z)a|d(ł|l)uga))"
        R"(|(письмо|сообщение) слишком (большое|велико)|превышен (максимальный )?размер (письма|сообщения))"
        R"(|サイズが(大きすぎ|制限を超え|上限を超え)|(邮件|郵件)(过大|太大|大小超过|大小超出)|(메일|메시지) 크기(가)? (초과|제한))",
     "", "", "초과|제한|размер сообщения|размер письма|zbyt|za długa|za duża|za duza|za dluga|ultrapassa|exced|excèd|supera|eccede|demasiado|dépass|depass|trop volumineux|trop gros|trop grand|zu groß|zu gross|te groot|berschritten|过大|太大|大小超|サイズが|слишком|muito grande|troppo"},
    // Mimecast "550 Maximum size exceeded". [Mimecast]
    {Reason::mesgtoobig, "maximum-size-exceeded", R"(maximum (message )?size exceeded)"},
    {Reason::exceedlimit, "exceed-limit", R"(message (header )?size exceeds (the )?limit|exceeded (the )?(sending|message|recipient|daily|hourly)? ?limit|recipient limit|(number of )?recipients exceeded)"},

    // --- moved
    {Reason::hasmoved, "has-moved", R"(address (has )?(been )?(changed|moved)|has moved|moved permanently|no longer (valid|in use|available at)|user not local; please try|new address is|mailbox has moved|251 user not local)"},

    // --- sender authentication and PTR: the sender's setup
    {Reason::requireptr, "reverse-dns", R"(reverse (dns|lookup|(path )?resolution|hostname|name)|unverif(y|i)able sending ips?|ptr (record|lookup|check|resource record)|no ptr|\bptr\b.*(fail|not|missing|required)|cannot find your hostname|can ?not resolve (your|the) (host|client|ip)|client host .* (not found|name lookup failed)|hostname does not resolve|ip name (lookup|possibly forged)|unresolvable relay host name|unable to resolve (your|client)|(invalid|no) (reverse|rdns)|rdns|has no (dns|domain) name|you have no ptr|(your|the) ip (address )?has no|not resolve (to|the) (your|hostname)|client host rejected: cannot find|name service error for .* type=ptr|dns ptr|reverse lookup fail)"},
    {Reason::authfailure, "sender-auth", R"(\bspf\b|\bdkim\b|\bdmarc\b|sender policy framework|domainkeys|sender id|senderid|(authentication|auth) (check(s)? )?(failed|failure)|not authorized to send|unauthenticated (mail|email) |multiple authentication checks|does not have authentication information|fails? to pass authentication|does not pass authentication|failed (the )?(spf|dmarc|dkim)|designates .* (not )?as permitted sender|not permitted sender|5\.7\.(23|26|509))"},
    // An SMTP protocol error that names STARTTLS: the client's own mistake, not a
    // TLS requirement (Google 454 4.5.0 "SMTP protocol violation, no commands allowed
    // to pipeline after STARTTLS", 454 5.5.1 "STARTTLS may not be repeated"). [Google]
    {Reason::syntaxerror, "protocol-violation", R"(protocol violation|starttls may not be repeated)"},
    {Reason::failedstarttls, "starttls", R"(starttls|\btls\b.*(required|fail|must|negotiat)|(does not|doesn.?t) support (secure|encrypted|tls)|(requires?|must (use|issue)) (a )?(secure|encrypted|tls)|encryption required|must issue a starttls)"},
    // Google 4.7.29 "rate limited because this message wasn't sent over a TLS
    // connection": the cause is TLS, not the rate. [Google]
    {Reason::failedstarttls, "not-sent-over-tls", R"((was ?n.?t|not) sent over (a )?tls)"},
    // Postfix's HELO restrictions ("Helo command rejected: need fully-qualified
    // hostname", "... Host not found"): the sending host was refused at HELO (the
    // order of evidence, step 6), not the recipient's domain. [Postfix smtpd]
    {Reason::blocked, "helo-rejected", R"(helo command rejected)"},

    // --- reputation, spam, viruses
    {Reason::badreputation, "bad-reputation", R"((poor|bad|low|sender) reputation|reputation (is )?(too low|poor)|ip reputation|temporarily rate limited due to (ip )?reputation|due to (the )?(ip|sender|domain)'?s? reputation)"},
    // Yahoo [TS01]/[TS02] "temporarily deferred due to user complaints": the
    // sender's complaint rate. [Yahoo]
    {Reason::badreputation, "user-complaints", R"(due to (user |recipient )?complaints)"},
    // Hosting providers' catch-all refusal ("The account or domain may not exist,
    // they may be blacklisted, or missing the proper dns entries") leads with the
    // address: before the blocklist row, whose "blacklisted" it also says.
    {Reason::hostunknown, "account-or-domain-may-not-exist", R"(account or domain may not exist)"},
    // A blacklisted address, not a blacklisted host: the sender is refused.
    {Reason::rejected, "address-blacklisted", R"((sending to/from an|sender) address (that )?(has been|is) blacklisted|access denied \(sender blacklisted\))"},
    // On a public blocklist: decided before the spam row, whose "spam" would match
    // "spamhaus", and before the system-error row, whose "service unavailable" would
    // match "554 Service unavailable; Client host [...] blocked using ...".
    {Reason::blocked, "blocklisted", R"(block ?list|blacklist|black list|denylist|\b(sbl|xbl|pbl|cbl|rbl|dnsbl|spamhaus|spamcop|sorbs|uceprotect|abuseat|mailspike|surbl)\b|blocked using|listed (on|in|at) (the )?[a-z0-9.-]*(bl|list)|(which|that) is an open relay|client host \[[^]]*\] blocked)"},
    {Reason::virusdetected, "virus", R"(virus|malware|infected|trojan|worm (found|detected)|malicious (content|attachment|payload))"},
    {Reason::spamdetected, "spam", R"(spam|junk ?mail|unsolicited (bulk )?(mail|message|email|commercial)|bulk (mail|email)|message (was )?(classified|identified|considered|determined|detected) as (spam|junk|bulk)|content (was )?rejected as|looks like (spam|junk)|scored (too high|as spam)|high (spam )?(probability|score)|dnsbl reject|message (content )?(rejected|refused) (due to|as|for) .*(spam|unsolicited|content filter)|\b(uce|ube)\b|bayes)"},
    // The same in other languages (rule_sources.cc): fr, es, it, pt, ru, ja, zh, ko.
    {Reason::spamdetected, "spam-localised", R"(courrier ind(é|e)sirable|pourriel|correo (no deseado|basura)|posta indesiderata|lixo eletr(ô|o)nico|спам|迷惑メール|垃圾邮件|垃圾郵件|스팸)",
     "", "", "스팸|迷惑メール|垃圾|спам|pourriel|indesiderata|lixo eletr|indésirable|indesirable|no deseado|correo basura"},

    // --- relaying
    {Reason::norelaying, "relay-denied", R"(relay(ing)? (access )?(denied|not (permitted|allowed|authorized))|(not|n't) (permitted|allowed|authorized) to relay|we do not relay|no relaying|unable to relay|relay not permitted|not configured to relay|email address is not verified|relaying (mail )?(to .* )?(is )?(prohibited|refused|denied)|not an open relay|cannot relay|can ?not be relayed|(sender|you) (are|is) not allowed to relay|relay access|recipient (is )?not local|in my list of allowed rcpthosts)"},
    // Exchange Online 5.7.14 "Sender not authorized for relay". [Microsoft]
    {Reason::norelaying, "not-authorized-for-relay", R"((not|n't) (permitted|allowed|authorized) for relay)"},

    // A mailbox locked for a while exists: before "recipient address rejected" below.
    {Reason::suspend, "temporarily-locked", R"((temporar(y|ily)|account|mailbox|user) (is )?(temporar(y|ily) )?locked)"},
    // --- Japanese carriers and ISPs (before the unknown users: their "Unknown user"
    // is often the subscriber's reception filter). docomo and au refuse a sender the
    // subscriber's settings block with "Unknown user" after DATA, when the address
    // was accepted at RCPT: sendmail reports it as Status 5.2.0, Postfix says "in
    // reply to end of DATA command". au's filter answers "550 : User unknown", with
    // no address where a missing user gets "550 <user@ezweb.ne.jp>: User unknown".
    {Reason::filtered, "docomo-filtered", R"(^5\.2\.0 .*unknown user)", ".docomo.ne.jp", "rhost-nttdocomo"},
    {Reason::rejected, "docomo-refused-at-data", R"(unknown user .*in reply to end of data command)", ".docomo.ne.jp", "rhost-nttdocomo"},
    {Reason::filtered, "au-filtered", R"(\b550 : user unknown)", ".ezweb.ne.jp .au.com", "lhost-ezweb lhost-kddi rhost-kddi"},
    {Reason::userunknown, "au-unknown-user", R"(\b550 <[^>]+>: user unknown)", ".ezweb.ne.jp .au.com", "lhost-ezweb lhost-kddi rhost-kddi"},
    {Reason::suspend, "au-account-limited", R"(user\(s\) account is temporarily limited)", ".ezweb.ne.jp .au.com", "lhost-ezweb lhost-kddi rhost-kddi"},
    // au one net (KDDI) and BIGLOBE notices.
    {Reason::norelaying, "kddi-relay-error", R"(due to the following smtp relay error)", "", "lhost-kddi rhost-kddi"},
    {Reason::hostunknown, "remote-domain-missing", R"(remote domain does ?n.?t exist)"},
    {Reason::mailboxfull, "mailbox-message-count", R"(number of messages in (the )?recipient'?s mailbox exceeded)"},
    // The sender's domain refused, in words the rows below read as the recipient's:
    // Postfix's "Sender address rejected: Domain ... does not accept mail (nullMX)"
    // (reject_unknown_sender_domain on a null MX) and Exim's "Verification failed
    // for <sender> / Unrouteable address / Sender verify failed". The list's own
    // domain is at fault, never the subscriber's address. [Postfix, Exim]
    {Reason::rejected, "sender-domain-refused", R"(sender address rejected: .*(null ?mx|does ?n.?t (accept|receive) (e-?)?mail)|sender verif(y|ication) failed)"},
    // RFC 7505: the domain publishes a null MX and takes no mail at all.
    {Reason::notaccept, "null-mx", R"(null mx|nullmx|does ?n.?t receive (e-?)?mail)"},
    // Yahoo's "451 Message temporarily deferred due to unresolvable RFC.5321 from
    // domain": the sender's domain, not the recipient's; before the host-unknown row
    // reads "unresolvable" as an unknown recipient domain. [Yahoo]
    {Reason::rejected, "unresolvable-from-domain", R"(unresolvable rfc\.?532[12] from domain)"},
    // "Sender address rejected" is about the sender, never the recipient.
    {Reason::rejected, "sender-address-rejected", R"(sender address (rejected|blocked|refused|denied))"},
    // A mailing list or group refusing the sender's post: the sender may not write
    // to it, the list address itself is fine.
    {Reason::rejected, "list-posting-refused", R"((not|n't) (have )?(permission|allowed|authori[sz]ed) to post|not a member of (this|the) (mailing )?(list|group)|only (list |group )?(members|subscribers) (may|can|are allowed to) (post|send)|post by non-?member|non-?members? (are not allowed to|cannot|may not) post)"},

    // --- unknown users: before the broad "rejected" rows
    // Outlook.com / Office 365 say 5.4.1 "Access denied" for a recipient they do not
    // host; the same words from a Postfix access table mean the receiver filtered it.
    {Reason::userunknown, "office365-access-denied", R"(5\.4\.1 .*recipient address rejected: access denied)", "", "rhost-outlook rhost-microsoft lhost-outlook"},
    // Office 365's refusal of the whole transaction ("550 5.4.1 All recipient
    // addresses rejected : Access denied"): no single address is unknown.
    {Reason::rejected, "office365-all-recipients-rejected", R"(all recipient addresses rejected ?: access denied)", "", "rhost-outlook rhost-microsoft lhost-outlook"},
    {Reason::filtered, "recipient-access-table", R"(recipient address rejected: access denied)"},
    // A 551 "Access Denied" is how some servers refuse a user who is gone.
    {Reason::userunknown, "551-access-denied", R"(\b551 (\d\.\d\.\d+ )?access denied)"},
    // sendmail's verdict on a malformed address ("Unbalanced '<'"): it cannot work.
    {Reason::userunknown, "malformed-address", R"(\b553 .*(unbalanced|malformed address|invalid address format|bad address syntax))"},
    {Reason::userunknown, "no-such-user", R"((no|unknown|invalid|non-?existent|bad|nonexistent|illegal|inactive) (such )?(local )?(user|mailbox|recipient|address|account|e-?mail( address)?|destination (mailbox|address)|alias)|(user|mailbox|recipient|address|account|addressee|e-?mail address)( name)? (is )?(unknown|not (found|known|exist|existent|valid|available|listed|recognized|recognised)|does ?n[o']t exist|doesnt exist|invalid|unavailable|disabled or not found|nonexistent)|no such (user|mailbox|person|recipient|address|account)|does not have an? (account|mailbox)|user doesn.?t (exist|have)|unknown or illegal alias|not our customer|no mailbox (here|by that name)|mailbox (unavailable|not available|does not exist)|rcpt_unknown|user_unknown|recipnotfound|no_such_user|userunknown|is not a valid (mailbox|user|recipient)|invalid recipient|recipient (address )?(unknown|not found|invalid|does not exist)|undeliverable address|address (lookup|verification) fail|this (user|account) (doesn.?t|does not) (have|exist)|not a known user|name is not recognized|unknown local-part|unknown address|user not found|account (has been )?(deleted|removed|closed|terminated)|no longer (active|exists)|mail receiving disabled|address does not exist|email account that you tried to reach does not exist|address couldn.?t be found|recipient not found|no mail-?box|mailbox not found|address rejected(\.|$)|recipient rejected|invalid (mailbox|address)|user (is )?unknown|user unknown|unknown user|recipient unknown|not found in directory|not listed in|bad destination mailbox|destination mailbox address invalid|requested action not taken: mailbox|511 sorry, no mailbox|sorry, no mailbox)"},
    // The same in other languages (rule_sources.cc): de, fr, es, it, pt, nl, pl, ru.
    {Reason::userunknown, "no-such-user-localised", R"(benutzer (ist )?(unbekannt|nicht bekannt)|(unbekannter|ung(ü|ue|u)ltiger) (benutzer|empf(ä|ae|a)nger|nutzer)|empf(ä|ae|a)nger(adresse)? (ist )?(unbekannt|ung(ü|ue|u)ltig)|(benutzer|empf(ä|ae|a)nger|postfach|adresse|konto|mailbox|e-?mail-adresse)( ist| wurde)? (existiert nicht|nicht (gefunden|vorhanden))|kein (solcher )?(benutzer|empf(ä|ae|a)nger|postfach)\b)"
        R"(|(utilisateur|destinataire|adresse( e-?mail| (é|e)lectronique)?|compte|bo(î|i)te( aux lettres)?) (inconnue?|inexistante?|introuvable|invalide)|(utilisateur|destinataire|adresse|compte|bo(î|i)te( aux lettres)?)( e-?mail)? n.?existe (pas|plus))"
        R"(|(usuario|destinatario|buz(ó|o)n|cuenta|direcci(ó|o)n)( de correo)?( electr(ó|o)nico)? (desconocid[oa]|inexistente|no existe|no encontrad[oa]|no v(á|a)lid[oa])|no existe (el|la|ese|esa|dicho|dicha) (usuario|buz(ó|o)n|cuenta|direcci(ó|o)n|destinatario))"
        R"(|(utente|destinatario|indirizzo|casella|account)( di posta| email| e-mail)? (sconosciut[oa]|inesistente|non esiste|non trovat[oa]|non valid[oa]))"
        R"(|(usu(á|a)rio|utilizador|destinat(á|a)rio|endere(ç|c)o|conta|caixa postal)( de e-?mail| de correio)? (desconhecid[oa]|inexistente|n(ã|a)o existe|n(ã|a)o encontrad[oa]|inv(á|a)lid[oa]))"
        R"(|(gebruiker|ontvanger|adres|e-?mailadres|mailbox|postvak|account)( is)? (onbekend|bestaat niet|niet gevonden|ongeldig)|onbekende (gebruiker|ontvanger|geadresseerde))"
        R"(|(u(ż|z)ytkownik|odbiorca|adres|konto|skrzynka)( odbiorcy| e-?mail)? (nie istnieje|nieznany|nie zosta(ł|l) znaleziony|nie znaleziono)|nieznan[ya] (u(ż|z)ytkownik|odbiorca|adres)|nie ma takiego (u(ż|z)ytkownika|konta|adresu|odbiorcy)|brak (takiego )?(u(ż|z)ytkownika|odbiorcy|konta|skrzynki)\b)"
        R"(|пользователь( с таким адресом)? не (найден|существует)|нет такого (пользователя|адресата|получателя|ящика|почтового ящика)|ящик не (существует|найден)|(адресат|получатель) не (найден|существует)|неизвестный (пользователь|адресат|получатель)|адрес не существует)",
     "", "", "unbekannt|nicht bekannt|ungültig|ungultig|ungueltig|existiert nicht|nicht gefunden|nicht vorhanden|kein |connu|existant|trouvable|valide|existe pas|existe plus|desconocid|no existe|no encontrad|no válid|no valido|no valida|sconosciut|inesistente|non esiste|non trovat|non valido|non valida|desconhecid|inexistente|não existe|nao existe|não encontrad|nao encontrad|inválid| invalido| invalida|onbekend|bestaat niet|niet gevonden|ongeldig|istnieje|nieznan|nalezion|nie ma takiego|brak |не существует|не найден|нет такого|неизвестный"},
    // Mimecast "550 Recipient email address is possibly incorrect". [Mimecast]
    {Reason::userunknown, "address-possibly-incorrect", R"((recipient|e-?mail) address is (possibly |probably )?incorrect)"},
    {Reason::userunknown, "no-such-user-ja", R"(存在しない|宛先不明|該当.*(ユーザ|アドレス).*(ありません|ない)|アドレスが見つかりません|ユーザーが(見つかりません|存在しません)|ユーザー?は登録されていません)"},
    // The same in Chinese and Korean receivers' replies: "用户不存在", "收件人不存在",
    // "邮箱不存在" (the user, recipient, mailbox does not exist); "존재하지 않는 사용자"
    // (a user that does not exist), "사용자를 찾을 수 없습니다" (the user cannot be found).
    {Reason::userunknown, "no-such-user-zh-ko", R"((用户|收件人|邮箱|帳號|账号|使用者)(名)?不存在|존재하지 않는 (사용자|계정|주소|메일)|(사용자|수신자|계정)(를|을)? 찾을 수 없)"},

    // --- unknown hosts and domains
    // Postfix's temporary DNS failure ("Host not found, try again") is no verdict
    // on the domain: before the host-unknown row, whose "host not found" it contains.
    {Reason::networkerror, "dns-try-again", R"(host not found, try again)"},
    {Reason::hostunknown, "host-unknown", R"((host|domain|hostname)( name)? (is )?(unknown|not found|lookup failed|does not exist|name not found|nonexistent|invalid)|unknown (host|domain)|no such (host|domain)|unrout(e)?able address|(host|domain) not found|name or service not known|nxdomain|no mx (record|host)|no (valid )?(mx|a) (or a )?record|mx (record )?not found|unrouteable mail domain|unroutable (mail )?domain|domain (has no|without) (mx|mail)|dns (lookup|error|failure)|bad destination system|illegal host|unknown mail domain|non-existent (host|domain)|domain name not found|recipient domain (not found|invalid|does not exist)|host or domain name not found|could not resolve|unresolvable|domain is not configured|domain does not accept mail|domain \S+ is (not reachable|unreachable)|(weren.?t|were not|unable|not) able to find the (recipient )?domain|non-?existent (domain|host))"},
    // The same in other languages (rule_sources.cc): de, fr, es, it, pt, nl, pl, ru, zh, ja, ko.
    {Reason::hostunknown, "host-unknown-localised", R"(domain (existiert nicht|nicht gefunden|unbekannt)|unbekannte domain|domaine (inconnu|inexistant|introuvable|n.?existe pas)|dominio (desconocido|inexistente|no existe|no encontrado|sconosciuto|inesistente|non esiste|non trovato)|dom(í|i)nio (desconhecido|inexistente|n(ã|a)o existe|n(ã|a)o encontrado)|domein (is )?(onbekend|bestaat niet|niet gevonden)|onbekend domein|domena nie istnieje|nieznana domena|nie ma takiej domeny|домен не (существует|найден)|неизвестный домен|域名不存在|ドメインが(存在しません|見つかりません)|도메인(이|을)? (존재하지 않|찾을 수 없))",
     "", "", "existe pas|onbekend|niet gevonden|bestaat niet|introuvable|inexistant|inconnu|찾을 수 없|존재하지 않|ínio|inio|도메인|ドメインが|域名不存在|домен|nieznana domena|takiej domeny|domena nie|unbekannt|nicht gefunden|existiert nicht"},
    // Exchange Online 5.4.310 "DNS domain example.org does not exist". [Microsoft]
    {Reason::hostunknown, "named-domain-does-not-exist", R"(\bdomain [a-z0-9.-]+\.[a-z]{2,} does not exist)"},
    // The name between the words: "Host example.org not found" (Domino, GroupWise's
    // gateway), "Domain example.org could not be resolved" (MailEnable), "Unable to
    // resolve the MX for domain example.org" (XMail), "No mail servers appear to
    // exist for the recipient's address" (hMailServer: no MX and no A record).
    {Reason::hostunknown, "named-host-not-found", R"(\b(host|domain)( name)? \[?[a-z0-9-]+(\.[a-z0-9-]+)+\.?\]? (was )?(not found|could not be resolved|cannot be resolved|can.?t be resolved|is unknown)|(unable to|could not|cannot|can.?t|failed to) resolve (the )?(mx|host|domain|address)|no mail servers? (appears? to )?exists? for)"},

    // --- suspended or disabled accounts
    {Reason::suspend, "suspended", R"((account|mailbox|user|recipient|address)( has been| is| was)? (temporarily )?(disabled or discontinued|suspended|disabled|deactivated|inactive|frozen|locked|blocked|expired|on hold|not active)|(suspended|disabled|inactive|deactivated|expired) (account|mailbox|user)|mailbox (is )?(currently )?(unavailable|inactive|disabled)|account (is )?(not )?(in use|available|inactive)|receiving (mail|email) (is )?(disabled|stopped|suspended)|mailbox_inactive|user suspended|service (is )?(suspended|stopped)|temporarily (disabled|deactivated)|has been disabled|is disabled|5\.2\.1 .*(inactive|disabled))"},
    // The same in other languages (rule_sources.cc): de, fr, es, it, pt, nl, pl, ru, zh, ja.
    {Reason::suspend, "suspended-localised", R"((postfach|konto|benutzer|account|mailbox)( ist| wurde)? (deaktiviert|gesperrt|stillgelegt|inaktiv))"
        R"(|(compte|bo(î|i)te( aux lettres)?|utilisateur)( du destinataire)?( est| a (é|e)t(é|e))? (d(é|e)sactiv(é|e)e?|suspendue?|bloqu(é|e)e?|ferm(é|e)e?|archiv(é|e)e))"
        R"(|(cuenta|buz(ó|o)n|usuario)( est(á|a))? (desactivad[ao]|suspendid[ao]|deshabilitad[ao]|inactiv[ao]|bloquead[ao]))"
        R"(|(casella|account|utente|utenza)( di posta)?( (è|e'))? (disattivat[ao]|sospes[ao]|disabilitat[ao]|bloccat[ao]))"
        R"(|(conta|caixa postal|usu(á|a)rio|utilizador)( est(á|a))? (desativad[ao]|desactivad[ao]|suspens[ao]|bloquead[ao]|inativ[ao]))"
        R"(|(account|mailbox|postvak|gebruiker)( is)? (gedeactiveerd|uitgeschakeld|geblokkeerd|opgeschort))"
        R"(|(konto|skrzynka|u(ż|z)ytkownik)( jest| zosta(ł|l)[oa]?)? (zablokowan[ea]|zawieszon[ea]|wy(ł|l)(ą|a)czon[ea]|nieaktywn[ea])|nieaktywna skrzynka)"
        R"(|(ящик|аккаунт|учетная запись|учётная запись|пользователь) (заблокирован|отключен|отключён|заморожен)|(账号|帐号|账户|邮箱)已?被?(冻结|停用|禁用)|处于休眠状态|アカウント(が|は)?(停止|無効))",
     "", "", "無効|停止|禁用|冻结|停用|отключ|заморож|заблокирован|zawieszon|zablokowan|wyłącz|wyłacz|wyląc|wylacz|nieaktywn|uitgeschakeld|opgeschort|gedeactiveerd|geblokkeerd|suspenso|suspensa|inativ|desativad|desactivad|bloquead|sospes|disattivat|disabilitat|bloccat|suspendid|inactivo|inactiva|deshabilitad|archivée|archivee|fermé|ferme|bloqué|bloque|suspendu|désactiv|desactiv|stillgelegt|inaktiv|gesperrt|deaktiviert|アカウント|休眠"},

    // --- rate limits and connections
    {Reason::speeding, "rate-limited", R"(rate ?limit(ed)?|too many (messages|mails|emails)|sending (too much|too fast)|(message|mail|connection) rate|exceeded (the )?(rate|message rate)|receiving mail at a rate|temporarily deferred due to (unexpected )?volume|throttl|too fast|slow down|frequency limit)"},
    {Reason::toomanyconn, "too-many-connections", R"(too many (connections|concurrent|simultaneous|sessions|smtp sessions|recipients)|connection limit|maximum (number of )?connections|max(imum)? connections exceeded|concurrent connections|too many (connects|hosts)|(messages?|mails?) per (connection|session) (reached|exceeded))"},
    // Too many recipients for one transaction: Google 452 4.5.3 "Domain policy size
    // per transaction exceeded" (RFC 3463 X.5.3 "too many recipients"). [Google]
    {Reason::toomanyconn, "per-transaction-limit", R"(per transaction (exceeded|limit))"},
    // sendmail's conncontrol: "421 4.3.2 Too many open connections." [sendmail cf/README]
    {Reason::toomanyconn, "too-many-open-connections", R"(too many open connections)"},

    // --- expired: the sending MTA gave up
    {Reason::expired, "gave-up", R"(retry (time|timeout) (not reached|exceeded)|retry timeout exceeded|still undelivered after|will keep trying until|delivery (time|period) (has )?expired|message (has been )?expired|(has been|was) (delayed|queued) (for )?(more than|too long|over)|could not be delivered within|gave up|giving up|too (old|long) in (the )?queue|queue ?(lifetime|time) exceeded|message timed? ?out|undelivered for|delivery attempts? (will )?(continue|expired)|not (been )?delivered .* (days|hours)|maximum (queue|delivery) time|time(d)? ?out (after|waiting)|retry period|connection timed out|timed out while|expired after|have been failing for a long time|could not deliver for|cannot send message for|will be returned if|exceeded the maximum (time|retry)|undeliverable for|delivery expired)"},

    // --- network and system trouble at the receiver
    // AOL's outbound relay gives up on a domain whose MX lookup returns garbage
    // ("X-Outbound-Mail-Relay; Name service error for name=example.org type=MX:
    // Malformed or unexpected name server reply"): the domain takes no mail.
    {Reason::notaccept, "aol-relay-bad-mx", R"(x-outbound-mail-relay; name service error for name=\S+ type=mx: malformed or unexpected name server reply)", "", "rhost-aol"},
    // The receiver dropping the connection: sisimai reads "Connection reset by
    // peer" and "Connection refused by <host>" as a refusal of the sender.
    {Reason::blocked, "connection-dropped-by-receiver", R"(connection (reset by peer|refused by \S)|connection was dropped by (the )?remote host)"},
    {Reason::networkerror, "network", R"(network (is )?(unreachable|error)|host name lookup failure|connection (refused|reset|closed|dropped|lost|timed|failure|failed)|could not connect|couldn.?t connect|cannot connect|unable to connect|lost connection|host (is )?(unreachable|down)|no route|malformed or unexpected name server reply|name server (failure|error|timeout)|temporary (dns|lookup) failure|dns (temporary|server) failure|mail loop|mail forwarding loop|message looping|loops back to myself|hop count exceeded|routing loop|too many hops|mx list for .* points to local|local configuration error)"},
    {Reason::systemfull, "system-full", R"((system|server|disk|file ?system|spool) (is )?(full|out of (disk )?space|storage)|insufficient (system|disk) (storage|space)|no space on device|disk full)"},
    // Exim names a failed delivery to a file or pipe by its path: "/home/taro/.forward
    // generated by taro@example.jp", "|/usr/bin/procmail generated by ...".
    {Reason::mailererror, "mailer-error", R"(mailer (error|failure)|delivery (program|agent|command) (error|fail)|command (died|failed|output)|pipe to .* failed|procmail|exit (code|status) \d|unknown mailer|x-unix; |local delivery failed|error in (processing|mailbox)|smtp ?(error|failure) from local|(^| )[/|]\S* generated by \S+@)"},
    {Reason::systemerror, "system-error", R"(system (error|failure|problem|config)|server (error|failure|configuration|misconfiguration|problem)|internal (server )?error|temporar(y|ily) (failure|error|unavailable|problem|local problem)|local error|service (is )?(currently |temporarily )?(not )?(available|unavailable)|try (again )?later|please try again|resources (temporarily )?unavailable|misconfigur|configuration error|unexpected failure|processing error|mail ?server (error|problem)|remote server (error|problem))"},

    // Exchange's content filter agent refuses with "550 5.7.1 Message rejected due to
    // content restrictions" (its default rejection response): before "rejected due
    // to" reads a blocked host. [Microsoft]
    {Reason::contenterror, "content-restrictions", R"(content restriction)"},
    // --- the message itself
    {Reason::contenterror, "content", R"(content (rejected|not accepted|policy|filter|error)|message content|attachment|\bmime\b|header (too long|(is )?invalid|syntax)|illegal (character|header)|bad (header|encoding|content)|8bit|charset|encoding (error|not)|message (body|headers?) (rejected|invalid|violates|too long)|line length|message (is )?corrupted|improper(ly)? (formatted|character))"},
    // Yahoo "[PH01] Email not accepted for policy reasons" (its "Message not allowed"
    // must not read as a malformed message). [Yahoo]
    {Reason::policyviolation, "policy-reasons", R"((not accepted|rejected|refused) for policy reasons)"},
    {Reason::notcompliantrfc, "not-rfc-compliant", R"(rfc ?(2822|5322|822|5321|1123|1035)|not (rfc|standard)[- ]?compliant|(non|not)[- ]?compliant|(header|message) (is )?not (valid|compliant|allowed)|multiple (from|to|subject|date|message-id) |multiple addresses in (the )?from|duplicate header|invalid (header|message)|missing (date|from|message-id|subject|required) header|bare (lf|newline|line ?feed)|message (does not|doesn.?t) (conform|comply))"},
    // Google "Messages missing a valid Message-ID header are not accepted", "Messages
    // missing a valid address in From: header, or having no From: header, are not
    // accepted".
    {Reason::notcompliantrfc, "missing-header", R"(missing (a )?(valid )?(message-?id|date|from) header|missing a valid address in (the )?from|(having )?no from:? header)"},
    {Reason::policyviolation, "policy", R"(header error|policy (violation|rejection|reason|restriction)|violat(e|es|ed|ion of) (our |the |local |site )?(policy|policies|terms|rules)|against (our |the )?(policy|policies)|(our|local|site|organization|security|company|content|recipient) polic(y|ies)|prohibited|not allowed by policy|(denied|rejected|refused|blocked) (by|due to) (local |site )?policy|5\.7\.9)"},
    // Google's custom rules "This message violates example.com email policy" (gcdp),
    // Exchange Online 5.7.520 "Your organization does not allow external forwarding",
    // Mimecast's "Anti-Spoofing policy": before "access denied" reads a blocked host.
    {Reason::policyviolation, "named-policy", R"(violat(e|es|ed) \S+ (e-?mail )?polic(y|ies)|does not allow (external |automatic )?forwarding|anti-?spoofing)"},
    // Exchange Online's delivery restrictions: 5.7.1 "Delivery not authorized,
    // message refused", 5.7.124 "sender not in allowed-senders list", 5.7.133-136
    // "Delivery restriction check failed because the sender was not authenticated":
    // the recipient (or its group) takes mail from listed senders only, so the
    // recipient's setting refused it; before the security row reads "not authorized"
    // or "authentication required". [Microsoft]
    {Reason::filtered, "delivery-restricted", R"(delivery (is )?not (allowed|authorized|permitted)|delivery restriction|not in (the )?allowed-?senders list)"},
    // Authentication of the sending client, in words the security row does not know:
    // Exchange 5.7.12 "Sender was not authenticated by organization", 5.7.60 "Client
    // does not have permissions to send as this sender"; RFC 4954 535 replies
    // ("Username and Password not accepted", Google's "Application-specific password
    // required"). [Microsoft, Google]
    {Reason::securityerror, "client-credentials", R"(sender (was |is )?not authenticated|username and password|password (is )?(required|not accepted|incorrect|invalid)|permissions? to send as)"},
    {Reason::securityerror, "security", R"(security (policy|violation|error|reasons)|insecure|unauthenticated senders? not allowed|authentication (mechanism|required)|(auth|authentication) (is )?required|must (authenticate|be authenticated|use authentication)|(client|you) (was |were |is |are )?not authenticated|smtp auth|unauthorized|permission denied|not authorized|credentials|encryption (needed|required)|certificate|5\.7\.[0-7] .*(secur|auth))"},
    {Reason::syntaxerror, "syntax", R"(syntax error|(smtp )?protocol (violation|error)|command (not )?(recognized|unrecognized|not implemented)|unrecognized command|bad sequence of commands|unknown command|invalid command|command parameter|parameter not (implemented|recognized)|line too long|syntax (of|in) |malformed (command|address)|address syntax|invalid address syntax|not (in|a) (valid )?rfc ?(2821|5321|821) )"},

    // --- refused by the receiver's rules
    // The recipient's own settings refused the sender: before "host-blocked", whose
    // "refused due to" it contains (Facebook: "Refused due to recipient preferences").
    {Reason::filtered, "recipient-preferences", R"((due to|by) (the )?recipient'?s? (preferences|settings))"},
    {Reason::blocked, "host-blocked", R"(block(ed|ing)? ?list|blacklist|black list|denylist|listed (on|in|at) |(ip|host|client|sender|your|domain|server|network|mta|connection|server's ip)( address)? (is |has been |was )?(blocked|banned|blacklisted|rejected|listed|refused|not allowed)|(blocked|banned|rejected|refused) (ip|host|client|network|your ip|due to|because|by|for)|client host (.* )?(blocked|rejected)|access denied|(sbl|xbl|pbl|cbl|rbl|dnsbl|spamhaus|spamcop|sorbs|barracuda|uceprotect|abuseat|mailspike|surbl)|not accepting (mail|connections|messages) from|not accepting connections|connection (refused|rejected|denied) (by|from|due)|(refused|rejected|denied) (to talk|connection)|we (do not|don.?t) accept mail from|ip (address )?not (allowed|authorized|permitted)|dial-?up|dynamic (ip|address|pool)|residential|bad (host|ip)|poor|\bblock(ed)?\b|banned|refused to accept|service unavailable; client host|use (the )?(smtp|mail|outgoing mail) server of your (isp|provider|internet service provider))"},
    // The same in other languages (rule_sources.cc): de, fr, es, it, pt, nl, pl, ru.
    {Reason::blocked, "host-blocked-localised", R"((ip|ip-adresse|server)( ist| wurde)? (gesperrt|blockiert)|schwarze(n)? liste)"
        R"(|(adresse )?ip( est)? (bloqu(é|e)e|bannie|blacklist(é|e)e)|liste noire)"
        R"(|(ip|servidor)( est(á|a))? (bloquead[ao]|en (la )?lista negra|em lista negra)|lista negra)"
        R"(|(ip|server)( (è|e'))? (bloccat[oa]|in (una )?lista nera)|lista nera)"
        R"(|(ip|server)(-adres| adres)?( is)? geblokkeerd|zwarte lijst)"
        R"(|(adres )?ip( jest)? zablokowan|czarn(a|ej) li(s|ś)(t|cie))"
        R"(|ip[- ]?(адрес )?(заблокирован|в ч(е|ё)рном списке)|ч(е|ё)рн(ом|ый) спис|黑名单|ip(地址)?被(屏蔽|封))",
     "", "", "lista negra|lista nera|被屏蔽|被封|заблокирован|черн|чёрн|bloccat|bloquead|bloquée|bloquee|blacklistée|blacklistee|bannie|gesperrt|blockiert|zablokowan|geblokkeerd|schwarze|黑名单|czarn|zwarte lijst|liste noire"},
    {Reason::rejected, "sender-rejected", R"(sender (address |domain )?(rejected|refused|denied|blocked|invalid|unknown|not (allowed|permitted|accepted|authorized))|(domain|address) of sender|sender verify fail|sender verification|(mail from|envelope sender|return path|from address|sender address|envelope from)( address)? (is )?(invalid|rejected|refused|not (allowed|accepted|permitted|valid))|(invalid|bad|unknown|unverified|illegal) (sender|mail from|envelope sender|return[- ]path|from address)|domain (of|in) (the )?(sender|mail from)|sender (is )?(not|un)|not (a )?(valid|authorized) sender|you are not allowed to post|rejected by the (group|list)|must be a member|non-?member|not (a )?member|posting (is )?(not allowed|restricted|denied)|you (do not|don.?t) have permission to post|administratively denied|mail from .* (rejected|refused)|rejected sender|refused sender|sender address rejected|access to the group|group .* is restricted|is not a registered gateway user)"},
    // The same in other languages (rule_sources.cc): de, fr, es, it, pt, nl, pl, ru.
    {Reason::rejected, "sender-rejected-localised", R"(absender(adresse)?( ist| wurde)? (blockiert|gesperrt|abgelehnt|unbekannt|ung(ü|ue|u)ltig)|exp(é|e)diteur (refus(é|e)|rejet(é|e)|bloqu(é|e)|inconnu|invalide)|remitente (rechazado|bloqueado|desconocido|no v(á|a)lido)|mittente (rifiutato|bloccato|sconosciuto|non valido)|remetente (rejeitado|bloqueado|desconhecido|inv(á|a)lido)|afzender (geweigerd|geblokkeerd|onbekend|ongeldig)|nadawca (odrzucony|zablokowany|nieznany)|отправитель (заблокирован|отклон(е|ё)н|неизвестен))",
     "", "", "ungültig|ungultig|ungueltig|unbekannt|gesperrt|blockiert|abgelehnt|absender|отправитель|nadawca|afzender|remetente|mittente|remitente|expéditeur|expediteur"},
    {Reason::filtered, "filtered", R"(filter|rejected (by|due to|as) (the )?(recipient|user|receiver|mailbox owner|ruleset|rules?)|(user|recipient|mailbox owner|addressee)('s)? (has )?(rejected|refused|blocked|declined|not accepting|does not accept)|delivery (is )?not (allowed|authorized|permitted)|refuses? (to accept|delivery)|recipient (has )?(blocked|not authorized)|message (was )?(rejected|refused|blocked|declined) (by|at|due)|denied by (rule|recipient)|not (authorized|allowed|permitted) to receive|mail (is )?not accepted|restricted (address|recipient)|recipient (is )?restricted|refused by recipient|not allowed to send to|accepts mail only from|does not accept mail from|user does not accept|receiving (is )?restricted|(拒否|フィルタ|受信拒否|受信設定))"},

    // --- a domain that takes no mail at all
    {Reason::notaccept, "not-accepting", R"(no mx found for |(does not|doesn.?t|do not|will not|not) accept(ing)? (any )?(e-?)?mail|null mx|nullmx|no mail (service|server|exchanger)|mail (is )?not accepted (here|for this domain)|domain does not (receive|accept)|not accepting (any )?(mail|messages)|accepts no mail|is not accepting mail)"},

    // --- a refusal that names no cause: "550 Rejected", "554 Denied". The words say
    // the receiver refused, not that the address is unknown (RFC 5321 gives 550 for
    // both): rejected, a policy class, decided by what was said, not by the digits.
    {Reason::rejected, "refused-without-cause", R"(^(\d\.\d\.\d+ )?(\d{3} )?(\d\.\d\.\d+ )?(rejected|denied|refused|access denied|not accepted)\.?$)"},
    // Exim's default text for an ACL "deny" with no message: "550 Administrative
    // prohibition" (a refusal that names no cause, as above; unanchored, for Exim
    // quotes it after "SMTP error from remote mail server after RCPT TO:<...>:",
    // and any row that knows more words decides first). [Exim specification, ACLs]
    {Reason::rejected, "administrative-prohibition", R"(administrative prohibition)"},

    // --- the receiver says wait
    // Postfix's answer at DATA after refusing every RCPT: the reason was given
    // earlier in the session and is not in these words.
    {Reason::undefined, "no-valid-recipients", R"(no valid recipients)"},
    {Reason::onhold, "on-hold", R"(on hold|held (for|in)|quarantin|deferred|greylist|graylist|try again later|temporarily (deferred|rejected)|please retry)"},
};

// Finds which of FilteredRE2's literal atoms occur in a text. An RE2::Set of the
// atoms did this at about 40,000 instructions a diagnostic (its many-match DFA
// runs to the end and builds states as it goes); a hash of each position's first
// three bytes selects the few atoms that can start there. Same atoms found:
// RE2 matches literals byte by byte, and the text is already lower-cased.
class AtomFinder {
public:
    void build(const std::vector<std::string>& atoms) {
        atoms_ = atoms;
        std::vector<std::vector<int>> buckets(kBuckets);
        for (std::size_t id = 0; id < atoms_.size(); ++id) {
            if (atoms_[id].size() < kKeyBytes) short_atoms_.push_back(static_cast<int>(id));
            else {
                buckets[key(atoms_[id].data())].push_back(static_cast<int>(id));
                starts_.set(pair(atoms_[id].data()));
            }
        }
        bucket_start_.assign(kBuckets + 1, 0);
        for (std::size_t b = 0; b < kBuckets; ++b) {
            bucket_start_[b + 1] = bucket_start_[b] + static_cast<std::uint32_t>(buckets[b].size());
            bucket_atoms_.insert(bucket_atoms_.end(), buckets[b].begin(), buckets[b].end());
        }
    }

    bool empty() const { return atoms_.empty(); }

    // Ids (indices into the atoms given to build) of the atoms in `text`, sorted.
    std::vector<int> find(std::string_view text) const {
        std::vector<int> found;
        for (int id : short_atoms_)
            if (text.find(atoms_[id]) != std::string_view::npos) found.push_back(id);
        for (std::size_t i = 0; i + kKeyBytes <= text.size(); ++i) {
            if (!starts_[pair(text.data() + i)]) continue;  // most positions start no atom
            const std::size_t b = key(text.data() + i);
            for (std::uint32_t k = bucket_start_[b]; k < bucket_start_[b + 1]; ++k) {
                const std::string& atom = atoms_[bucket_atoms_[k]];
                if (text.compare(i, atom.size(), atom) == 0) found.push_back(bucket_atoms_[k]);
            }
        }
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        return found;
    }

private:
    static constexpr std::size_t kKeyBytes = 3;
    static constexpr std::size_t kBuckets = 1 << 12;

    static std::size_t key(const char* p) {
        const auto a = static_cast<unsigned char>(p[0]), b = static_cast<unsigned char>(p[1]),
                   c = static_cast<unsigned char>(p[2]);
        return ((a * 31u + b) * 31u + c) & (kBuckets - 1);
    }

    static std::size_t pair(const char* p) {
        return static_cast<std::size_t>(static_cast<unsigned char>(p[0])) << 8 | static_cast<unsigned char>(p[1]);
    }

    std::bitset<1 << 16> starts_;  // the first two bytes of every keyed atom
    std::vector<std::string> atoms_;
    std::vector<int> short_atoms_;             // shorter than a key: searched whole
    std::vector<std::uint32_t> bucket_start_;  // kBuckets + 1 offsets into bucket_atoms_
    std::vector<int> bucket_atoms_;
};

// The compiled table, built once. One RE2::Set of every row had to run a DFA
// whose states multiply with each ".*" row, and to the end of the text to report
// all rows: two thirds of the classifier's time. Now RE2's FilteredRE2 derives the
// literal atoms each row needs ("quota", "mailbox", ...); the AtomFinder above
// finds the atoms present, and only the rows they allow run, one RE2 each,
// in table order, stopping at the first that matches and applies. Same answers.
class CompiledRules {
public:
    CompiledRules()
        : filter_(kMinAtomBytes), gated_(reason_rule_count()), once_(new std::once_flag[reason_rule_count()]) {
        // A row RE2 refuses leaves the table uncompiled, so that nothing matches
        // and the rules tests fail, rather than a table with a hole in it.
        std::vector<std::string> stems;
        for (std::size_t row = 0; row < reason_rule_count(); ++row) {
            const Rule& rule = kRules[row];
            if (rule.stems) {
                for (std::string_view rest = rule.stems; !rest.empty();) {
                    const auto bar = rest.find('|');
                    stems.emplace_back(rest.substr(0, bar));
                    stem_row_.push_back(static_cast<int>(row));
                    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
                }
                continue;
            }
            int id = -1;
            if (filter_.Add(rule.pattern, options(), &id) != RE2::NoError) return;
            filter_row_.push_back(static_cast<int>(row));
        }
        std::vector<std::string> atoms;
        filter_.Compile(&atoms);
        atoms_.build(atoms);
        stems_.build(stems);
        compiled_ = true;
    }

    std::optional<RuleMatch> match(std::string_view given, const std::vector<std::string>& hosts,
                                   std::string_view hold_out) const {
        if (!compiled_) return std::nullopt;
        std::string folded;
        const std::string_view text = fold_capitals(given, folded) ? std::string_view(folded) : given;
        const re2::StringPiece piece(text.data(), text.size());
        std::vector<int> ids, candidates;
        filter_.AllPotentials(atoms_.find(text), &ids);
        for (int id : ids) candidates.push_back(filter_row_[id]);
        for (int stem : stems_.find(text)) candidates.push_back(stem_row_[stem]);
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        for (int row : candidates) {
            const Rule& rule = kRules[row];
            if (is_held_out(rule.family, hold_out)) continue;
            bool keyed = rule.applies_to[0] != '\0';
            bool applies_here = !keyed;
            for (const auto& host : hosts) applies_here = applies_here || applies(rule, host);
            if (!applies_here) continue;
            const RE2* re = regexp(row);
            if (re && RE2::PartialMatch(piece, *re)) return RuleMatch{rule.reason, rule.name, keyed};
        }
        return std::nullopt;
    }

private:
    // The diagnosis lower-cases ASCII only; a receiver's reply in another alphabet
    // starts its sentence with a capital ("Пользователь не найден", "État"), and
    // FilteredRE2's atoms are lower-case. The two-byte capitals of Latin-1, Latin
    // Extended-A and Cyrillic become their small letters (each is two bytes in
    // UTF-8 too); `out` gets the folded text, and false means there was none to fold
    // (an ASCII text costs one pass and no copy).
    static bool fold_capitals(std::string_view text, std::string& out) {
        std::size_t i = 0;
        while (i + 1 < text.size() && !(is_capital_lead(text[i]))) ++i;
        if (i + 1 >= text.size()) return false;
        out.assign(text.data(), text.size());
        for (; i + 1 < out.size(); ++i) {
            const auto lead = static_cast<unsigned char>(out[i]), next = static_cast<unsigned char>(out[i + 1]);
            if (!is_capital_lead(out[i]) || (next & 0xC0) != 0x80) continue;
            const unsigned rune = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
            const unsigned small = small_letter(rune);
            if (small == rune) continue;
            out[i] = static_cast<char>(0xC0 | (small >> 6));
            out[i + 1] = static_cast<char>(0x80 | (small & 0x3F));
            ++i;
        }
        return true;
    }

    // The lead bytes of U+00C0-U+017F (Latin-1 capitals, Latin Extended-A) and
    // U+0400-U+042F (Cyrillic capitals).
    static bool is_capital_lead(char c) {
        const auto b = static_cast<unsigned char>(c);
        return b == 0xC3 || b == 0xC4 || b == 0xC5 || b == 0xD0;
    }

    static unsigned small_letter(unsigned rune) {
        if (rune >= 0xC0 && rune <= 0xDE && rune != 0xD7) return rune + 0x20;  // À-Þ but ×
        if (rune >= 0x410 && rune <= 0x42F) return rune + 0x20;                // А-Я
        if (rune >= 0x400 && rune <= 0x40F) return rune + 0x50;                // Ѐ-Џ
        // Latin Extended-A pairs capital and small: even-odd, except U+0139-U+0148
        // and U+0179-U+017E, where the capital is odd (Ł U+0141, Ź U+0179).
        const bool odd_capitals = (rune >= 0x139 && rune <= 0x148) || (rune >= 0x179 && rune <= 0x17E);
        if (rune >= 0x100 && rune <= 0x17E && rune != 0x138 && rune != 0x149 && rune != 0x178 &&
            (rune % 2 == 1) == odd_capitals)
            return rune + 1;
        return rune;
    }

    // A row's compiled pattern: from the filter, or for a row with stems compiled
    // on first need (once, whichever thread asks first); null if RE2 refuses it.
    const RE2* regexp(int row) const {
        if (!kRules[row].stems) {
            const auto at = std::lower_bound(filter_row_.begin(), filter_row_.end(), row);
            return &filter_.GetRE2(static_cast<int>(at - filter_row_.begin()));
        }
        std::call_once(once_[row], [&] {
            auto re = std::make_unique<RE2>(kRules[row].pattern, options());
            if (re->ok()) gated_[row] = std::move(re);
        });
        return gated_[row].get();
    }

    static bool applies(const Rule& rule, std::string_view host) {
        std::string_view suffixes = rule.applies_to;
        if (suffixes.empty()) return true;
        while (!suffixes.empty()) {
            auto space = suffixes.find(' ');
            auto suffix = suffixes.substr(0, space);
            if (!suffix.empty() && host.size() >= suffix.size() && host.substr(host.size() - suffix.size()) == suffix)
                return true;
            // ".ezweb.ne.jp" also names the domain itself: a recipient's domain
            // stands in for the host when the bounce names none.
            if (suffix.size() > 1 && suffix.front() == '.' && host == suffix.substr(1)) return true;
            if (space == std::string_view::npos) break;
            suffixes.remove_prefix(space + 1);
        }
        return false;
    }

    static RE2::Options options() {
        RE2::Options o;
        o.set_log_errors(false);
        o.set_max_mem(64 << 20);
        return o;
    }

public:
    static constexpr int kMinAtomBytes = 3;  // shorter atoms filter nothing

private:
    re2::FilteredRE2 filter_;                // the rows without stems
    std::vector<int> filter_row_;            // the filter's ids' rows, ascending
    AtomFinder atoms_;                       // the literal atoms of the filter's rows
    AtomFinder stems_;                       // the stems of the other rows
    std::vector<int> stem_row_;              // each stem's row
    mutable std::vector<std::unique_ptr<RE2>> gated_;  // the rows with stems, once needed
    std::unique_ptr<std::once_flag[]> once_;
    bool compiled_ = false;
};

const CompiledRules& compiled_rules() {
    static const CompiledRules rules;  // thread-safe initialisation; Match is const
    return rules;
}

}  // namespace

std::optional<RuleMatch> match_reason_rules(std::string_view diagnostic, std::string_view remote_host) {
    return compiled_rules().match(diagnostic, {std::string(remote_host)}, {});
}

std::optional<RuleMatch> match_reason_rules(std::string_view diagnostic, const std::vector<std::string>& hosts,
                                           std::string_view hold_out_family) {
    return compiled_rules().match(diagnostic, hosts, hold_out_family);
}

std::size_t reason_rule_count() { return sizeof kRules / sizeof kRules[0]; }

// A row with stems is tried only when a stem is in the text, so every text the row
// matches must hold one. RE2's own analysis says which literal atoms a match
// needs (FilteredRE2, as for the other rows): with only the atoms that contain no
// stem present, the row must not be a candidate. (Atoms are monotone: fewer
// present cannot make it one.)
std::string reason_rule_stem_gap() {
    for (const auto& rule : kRules) {
        if (!rule.stems) continue;
        re2::FilteredRE2 filter(CompiledRules::kMinAtomBytes);
        RE2::Options options;
        options.set_log_errors(false);
        int id = -1;
        if (filter.Add(rule.pattern, options, &id) != RE2::NoError) return std::string(rule.name) + ": RE2 refuses it";
        std::vector<std::string> atoms;
        filter.Compile(&atoms);
        std::vector<std::string_view> stems;
        for (std::string_view rest = rule.stems; !rest.empty();) {
            const auto bar = rest.find('|');
            stems.push_back(rest.substr(0, bar));
            rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        }
        std::vector<int> without_stem;
        std::string listed;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            bool has = false;
            for (auto stem : stems) has = has || atoms[i].find(stem) != std::string::npos;
            if (has) continue;
            without_stem.push_back(static_cast<int>(i));
            listed += " '" + atoms[i] + "'";
        }
        std::vector<int> candidates;
        filter.AllPotentials(without_stem, &candidates);
        if (!candidates.empty()) return std::string(rule.name) + ": matches with none of its stems, by" + listed;
    }
    return {};
}

std::string_view reason_rule_name(std::size_t row) { return row < reason_rule_count() ? kRules[row].name : ""; }

}  // namespace classify
