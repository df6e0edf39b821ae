// Where each row of the reason table (rules.cc) takes its wording from: a
// provider's published reply list, an RFC, or the MTA whose replies it reads.
// "corpus only" marks a row that, by bench/leave_one_out.py --rows, decides a
// single file of the development corpus and has no document behind it: a smell,
// kept because the wording is unambiguous, and listed so it can be questioned.
//
// Documents cited by key:
//   Google     Gmail SMTP errors and codes, https://support.google.com/a/answer/3726730
//   Microsoft  Email non-delivery reports and SMTP errors in Exchange Online,
//              https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online
//   Outlook    Outlook.com postmaster troubleshooting, https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
//   Yahoo      Yahoo Sender Hub SMTP error codes, https://senders.yahooinc.com/smtp-error-codes/
//   Apple      Postmaster information for iCloud Mail, https://support.apple.com/en-us/HT204137
//   Mimecast   Mimecast SMTP Error Codes (Mimecast knowledge base)
//   Postfix    postconf(5) and smtpd(8): the texts of smtpd's restrictions
//   Exim       The Exim specification, chapter "Access control lists"
//   sendmail   sendmail's cf/README (FEATURE conncontrol, ratecontrol, dnsbl) and reply texts
//
// kLocalised: receivers' replies in other languages (rules.cc widens the rows of each
// reason with them). Few receivers word their replies in their language, and the pages
// that quote them are hosters' and providers' help pages that list the replies and
// their own translations of them; the words the rows read are those, or the common
// words for the same RFC 3463 cause where no reply was found quoted (marked so):
//   DE-typical  sitepackage.de "Typische Fehlermeldungen bei Unzustellbarkeit" (Web.de's and
//               T-Online's replies, German and English)
//   DE-mailfr   mail.fr/de help "Mail Delivery System und Bounce-Mails" (replies and their German)
//   FR-top10    assistance.email "Top 10 des messages d'erreur e-mail" (the French for each reply)
//   ES-5.1.1    inboxally.com/es "El código de error 550 5.1.1 Usuario desconocido"
//   NL-strato   strato.nl FAQ "Waarom krijg ik foutmeldingen bij het werken met e-mail?"
//   PL-sare     sare.pl "Analiza zwrotów" (a sender's Polish labels for each bounce code)
//   PL-konto    support.konto.pl "Informacje zwrotne o niedostarczeniu wiadomości"
//   RU-mailru   mailout.ru, Mail.ru's replies and their Russian
//   ZH-hoster   emailhost.com.cn 退信 help (the Chinese label beside each reply)
//   ZH-fobhost  fobhost.com 退信关键字 table
//   ZH-mysdqq   mysdqq.cn 退信原因 list (the Chinese reason beside each error type)
#include "classify/rules/rules.h"

namespace classify {
namespace {

struct RowSource {
    std::string_view name;  // a row's name, or a prefix ending in '-' for a family of rows
    std::string_view source;
};

constexpr RowSource kSources[] = {
    {"franceptt-", "Orange and La Poste replies: the code at the end of each (ofr_506, LPN001_108); corpus rhost-franceptt"},
    {"facebook-recipient-preferences", "Facebook's reply 'RCP-P2 ... recipient preferences'; corpus only"},
    {"mimecast-host-network", "Mimecast's rejection 'Host network not allowed'; corpus only"},
    {"too-many-recipients-per-hour", "GoDaddy's outbound limit reply ('IB607'); corpus only"},
    {"spam-classification", "Google Groups' refusal notice; corpus lhost-googlegroups"},
    {"google-dns-error", "Gmail's delay notices (DNS type 'mx' lookup ... NXDOMAIN); corpus lhost-gmail"},
    {"google-could-not-connect", "Gmail's delay notices; corpus lhost-gmail"},
    {"domain-mismatches-client-ip", "Outlook.com's reply 'domain ... mismatches client ip'; corpus only"},
    {"invalid-ip-for-domain", "Yahoo ('554 INVALID IP FOR SENDING MAIL OF DOMAIN'); corpus only"},
    {"yahoo-tss04", "Yahoo: 421 4.7.0 [TSS04] ... deferred due to unexpected volume or user complaints"},
    {"yahoo-no-account", "Yahoo: 554 delivery error: dd This user doesn't have a yahoo.com account"},
    {"no-smtp-service", "Exim's text for an MX or SRV record that names no service (RFC 7505, RFC 2782); corpus only"},
    {"sending-rate-or-quota", "Google 4.2.1/5.4.5/5.7.1 relay and sending limits; Apple 4.7.1 'excessive volume'; Yahoo 450"},
    {"sending-ip-refused", "Microsoft 5.7.606-649, 5.7.708, 5.7.750; Outlook SC-/DY-/OU- codes; Yahoo TSS09/TSS11; Google 4.7.0"},
    {"documented-sending-limits", "Outlook RP-001..003 'limits for how many messages can be sent per hour and per day'; "
                                  "Microsoft 5.1.90, 5.2.2 'Submission quota exceeded', 5.2.121/5.2.122, 4.3.2"},
    {"quota-exceeded", "RFC 3463 X.2.2; Google 4.2.2/5.2.2 'over quota'; Apple 5.2.2; Postfix and Dovecot quota replies"},
    {"mailbox-full", "RFC 3463 X.2.2 'mailbox full'; Microsoft 5.2.2 'mailbox full'; sendmail, Exim, qmail local delivery; "
                     "Postfix local(8) 'error writing message: File too large' (mailbox_size_limit is a file size limit, EFBIG)"},
    {"mailbox-full-localised",
     "(kLocalised) Web.de 'Benutzer hat das Speichervolumen ueberschritten' and 'zuviele Mails auf "
     "dem Server' [DE-typical]; 'Postfach voll' [DE-mailfr]; 'Boîte e-mail pleine' [FR-top10]; 'postvak van de "
     "ontvanger is vol' [NL-strato]; es/it/pt/pl/ru: the common words for a full mailbox and a quota exceeded (no "
     "reply found quoted)"},
    {"mailbox-full-ja", "Japanese carriers' and ISPs' notices (docomo, au, BIGLOBE); corpus"},
    {"mailbox-full-zh-ko", "Chinese and Korean receivers' replies for a full mailbox (localised provider notices, issue 12 item 6)"
     "; '收件容量满' [ZH-hoster]"},
    {"message-too-big", "RFC 1870 SIZE and RFC 3463 X.3.4; Postfix 'message size exceeds fixed maximum'; Google 5.2.3"},
    {"message-too-big-localised",
     "(kLocalised) 'Taille du message trop grande' [FR-top10]; 'Wiadomość zbyt długa' [PL-sare]; "
     "'邮件过大' [ZH-hoster]; de/es/it/pt/nl/ru/ja/ko: the common words for a message too big (no reply found quoted)"},
    {"maximum-size-exceeded", "Mimecast '550 Maximum size exceeded'"},
    {"exceed-limit", "RFC 3463 X.2.3 and X.5.3 (per-recipient and per-message limits)"},
    {"has-moved", "RFC 5321 251/551 'User not local; please try'; RFC 3463 X.1.6"},
    {"reverse-dns", "Postfix reject_unknown_client_hostname ('cannot find your hostname'); Google 5.7.25 PTR"},
    {"sender-auth", "RFC 7208 SPF, RFC 6376 DKIM, RFC 7489 DMARC; Google 5.7.26; Microsoft 5.7.23, 5.7.509; Yahoo 5.7.9"},
    {"starttls", "RFC 3207 STARTTLS; Google 4.7.0 'TLS required for RCPT domain'"},
    {"protocol-violation", "Google 454 4.5.0 'SMTP protocol violation, no commands allowed to pipeline after STARTTLS', 454 5.5.1 'STARTTLS may not be repeated'"},
    {"not-sent-over-tls", "Google 4.7.29 'rate limited because this message wasn't sent over a TLS connection'"},
    {"helo-rejected", "Postfix smtpd 'Helo command rejected: ...' (reject_invalid/non_fqdn/unknown_helo_hostname)"},
    {"bad-reputation", "providers' reputation refusals (Google 4.7.0 'low reputation of the sending domain')"},
    {"user-complaints", "Yahoo [TS01]/[TS02] 'temporarily deferred due to user complaints'"},
    {"account-or-domain-may-not-exist", "a hosting provider's catch-all refusal; corpus only"},
    {"address-blacklisted", "an Exim ACL message ('sender blacklisted'); corpus only"},
    {"blocklisted", "DNSBL operators' names (Spamhaus, SpamCop, SORBS ...); Postfix reject_rbl_client 'blocked using'"},
    {"virus", "virus scanners' replies (amavis, ClamAV: 'virus', 'infected'); corpus only at present"},
    {"spam", "content filters' replies; Google 5.7.1 'likely unsolicited mail'; Microsoft 5.7.501 'spam abuse'"},
    {"spam-localised",
     "(kLocalised) '垃圾邮件退信' [ZH-hoster]; fr/es/it/pt/ru/ja/ko: the common words for unwanted mail"},
    {"relay-denied", "RFC 5321 section 3.6 relaying; Postfix 'Relay access denied'; sendmail 'Relaying denied'; Google 5.7.0; "
                     "qmail-smtpd.c 'sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)'"},
    {"not-authorized-for-relay", "Microsoft 5.7.14 'Sender not authorized for relay'"},
    {"temporarily-locked", "providers' 'account temporarily locked' replies"},
    {"docomo-", "NTT docomo's replies to senders a subscriber's filter refuses; corpus rhost-nttdocomo"},
    {"au-", "au (KDDI) replies: '550 : User unknown' is the subscriber's filter; corpus lhost-ezweb"},
    {"kddi-relay-error", "au one net (KDDI) notice 'due to the following SMTP relay error'; corpus lhost-kddi"},
    {"remote-domain-missing", "BIGLOBE and au one net notices; corpus"},
    {"mailbox-message-count", "BIGLOBE's notice for a mailbox over its message count; corpus only"},
    {"sender-domain-refused", "Postfix 'Sender address rejected: Domain ... does not accept mail (nullMX)'; Exim 'Sender verify failed'"},
    {"null-mx", "RFC 7505 null MX"},
    {"unresolvable-from-domain", "Yahoo '451 Message temporarily deferred due to unresolvable RFC.5321 from domain'"},
    {"sender-address-rejected", "Postfix smtpd 'Sender address rejected'; Mimecast 421 'Sender address blocked'"},
    {"list-posting-refused", "Mailman 2 'You are not allowed to post to this mailing list' and 'Post by non-member to a members-only list'; Google Groups 'you may not have permission to post messages to the group'; fml 'You are not a member of this mailing list'"},
    {"office365-", "Microsoft 5.4.1 'Recipient address rejected: Access denied' (directory-based edge blocking)"},
    {"recipient-access-table", "Postfix check_recipient_access 'Recipient address rejected: Access denied'; corpus only"},
    {"551-access-denied", "RFC 5321 551 as some servers use it for departed users"},
    {"malformed-address", "sendmail's address parser ('Unbalanced '<''), RFC 5321 553"},
    {"no-such-user", "RFC 3463 X.1.1; Postfix 'User unknown in ... table'; sendmail '... User unknown'; qmail 'no mailbox "
                     "here by that name'; Google 5.1.1; Microsoft 5.1.1/5.1.10 RecipNotFound; Apple 'user does not exist'"},
    {"no-such-user-localised",
     "(kLocalised) Web.de '550 Benutzer nicht bekannt/User unknown' [DE-typical]; 'Empfänger "
     "unbekannt / Adresse existiert nicht' [DE-mailfr]; 'Utilisateur inconnu' [FR-top10]; Orange '550 5.1.1 "
     "Adresse d au moins un destinataire invalide' (corpus rhost-franceptt); '550 5.1.1 Usuario desconocido' "
     "[ES-5.1.1]; 'użytkownik o podanym adresie nie istnieje' [PL-sare]; it/pt/nl/ru: the common words for a user "
     "or address that does not exist (ru: for Mail.ru's 'User not found'/'No such user' [RU-mailru])"},
    {"address-possibly-incorrect", "Mimecast '550 Recipient email address is possibly incorrect'"},
    {"no-such-user-ja", "Japanese ISPs' notices (DTI's documented Returned Mail notice); corpus"},
    {"no-such-user-zh-ko", "Chinese and Korean receivers' replies for a user that does not exist (localised provider notices, issue 12 item 6)"},
    {"dns-try-again", "Postfix 'Host not found, try again' (a temporary DNS failure)"},
    {"host-unknown", "RFC 3463 X.1.2; Postfix 'Host or domain name not found'; Exim 'Unrouteable mail domain'; "
                     "Microsoft 5.4.4 'nonexistent domain'; Google 5.1.2"},
    {"host-unknown-localised",
     "(kLocalised) 'Domain existiert nicht' [DE-typical]; 'Domaine introuvable' [FR-top10]; 'Nie ma "
     "takiej domeny' [PL-sare]; '域名不存在' [ZH-hoster]; es/it/pt/nl/ru/ja/ko: the common words for a domain that does"
     " not exist (no reply found quoted)"},
    {"named-domain-does-not-exist", "Microsoft 5.4.310 'DNS domain example.org does not exist'"},
    {"named-host-not-found", "Lotus Domino and GroupWise GWIA 'Host example.org not found'; MailEnable 'could not be "
                             "resolved'; XMail 'Unable to resolve the MX'; hMailServer 'No mail servers appear to "
                             "exists for the recipients address' (its source)"},
    {"suspended", "RFC 3463 X.2.1 'mailbox disabled'; Google 5.2.1 'account ... is disabled'"},
    {"suspended-localised",
     "(kLocalised) 'Postfach existiert nicht mehr oder ist deaktiviert' [DE-mailfr]; 'Nieaktywna "
     "skrzynka' [PL-sare]; '帐号被禁用(冻结或删除等)' [ZH-fobhost]; '处于休眠状态' (dormant) [ZH-mysdqq]; Orange 'Boite du destinataire archivee' (OFR_420, corpus "
     "rhost-franceptt); fr/es/it/pt/nl/ru/ja: the common words for an account disabled or suspended (no reply "
     "found quoted)"},
    {"rate-limited", "providers' rate limits: Google 4.7.28 'rate limited', Yahoo 'unexpected volume'"},
    {"too-many-connections", "RFC 5321 452 'too many recipients'; Postfix 'too many connections'; Yahoo 'Max message "
                             "per connection'; Google 4.5.3"},
    {"per-transaction-limit", "Google 452 4.5.3 'Domain policy size per transaction exceeded'; RFC 3463 X.5.3"},
    {"too-many-open-connections", "sendmail conncontrol '421 4.3.2 Too many open connections.'"},
    {"gave-up", "RFC 3463 X.4.7; sendmail 'Cannot send message for 5 days'; Exim 'retry timeout exceeded'; Microsoft 4.4.7"},
    {"aol-relay-bad-mx", "AOL's outbound relay notice; corpus only"},
    {"connection-dropped-by-receiver", "TCP errors as Postfix and Exim report them"},
    {"network", "RFC 3463 X.4.x; TCP and DNS errors as MTAs report them; Microsoft 5.4.14 'Hop count exceeded'; "
                "Postfix local(8) 'mail forwarding loop for'"},
    {"system-full", "RFC 5321 452 'insufficient system storage'; RFC 3463 X.3.1"},
    {"mailer-error", "sendmail and Exim local delivery agents (pipes, procmail, .forward)"},
    {"system-error", "RFC 5321 421/451; RFC 3463 X.3.0; Google 4.3.0; Yahoo 451 'Resources temporarily unavailable'"},
    {"content-restrictions", "Exchange's content filter agent, default rejection '550 5.7.1 Message rejected due to content restrictions'"},
    {"content", "RFC 3463 X.6.x; content filters' replies"},
    {"not-rfc-compliant", "RFC 5322 section 3.6; Google 'multiple addresses in From'; Microsoft 5.7.512"},
    {"policy-reasons", "Yahoo '[PH01] Email not accepted for policy reasons', 5.7.9 'Message not accepted for policy reasons'"},
    {"missing-header", "Google 'Messages missing a valid Message-ID header are not accepted', '... missing a valid "
                       "address in From: header'; RFC 5322 section 3.6"},
    {"policy", "RFC 3463 X.7.1/X.7.9; Yahoo 5.7.9 'not accepted for policy reasons'; Apple [CS01] 'local policy'"},
    {"named-policy", "Google custom rules (gcdp) 'This message violates example.com email policy'; Microsoft 5.7.520 "
                     "'does not allow external forwarding'; Mimecast 'Anti-Spoofing policy'"},
    {"delivery-restricted", "Microsoft 5.7.1 'Delivery not authorized, message refused', 5.7.124 'sender not in "
                            "allowed-senders list', 5.7.133-136 'Delivery restriction check failed'"},
    {"client-credentials", "Microsoft 5.7.12 'Sender was not authenticated by organization', 5.7.60 'permissions to "
                           "send as this sender'; RFC 4954 535; Google 535 5.7.1 'Username and Password not accepted'"},
    {"security", "RFC 4954 AUTH ('530 5.7.0 Authentication required'); Microsoft 5.7.57"},
    {"syntax", "RFC 5321 500/501/503/555; Google 5.5.2 'Syntax error', 4.5.0 'SMTP protocol violation'"},
    {"recipient-preferences", "a recipient's own settings: Facebook 'Refused due to recipient preferences'"},
    {"host-blocked", "Postfix 'Client host rejected' and access tables; Outlook block lists; Microsoft 5.7.513"},
    {"host-blocked-localised",
     "(kLocalised) '发件人IP被屏蔽' [ZH-fobhost]; de/fr/es/it/pt/nl/pl/ru: an IP blocked, or on a black "
     "list, in the common words (no reply found quoted)"},
    {"sender-rejected", "Postfix and Exim sender verification; mailing lists' posting refusals"},
    {"sender-rejected-localised",
     "(kLocalised) a sender refused, blocked or unknown in the common words of "
     "de/fr/es/it/pt/nl/pl/ru (no reply found quoted)"},
    {"filtered", "recipients' own filters: Japanese carriers' reception settings, 'rejected by the recipient'"},
    {"not-accepting", "RFC 7505 null MX; RFC 7504 521/556 'does not accept mail'"},
    {"refused-without-cause", "RFC 5321 550/554 given with no cause: 'Rejected', 'Denied'"},
    {"administrative-prohibition", "Exim's default ACL deny text '550 Administrative prohibition'"},
    {"no-valid-recipients", "Postfix's reply at DATA after refusing every RCPT"},
    {"on-hold", "greylisting (Postgrey 'Greylisted'), quarantines, 'try again later'"},
};

}  // namespace

std::string_view rule_source(std::string_view rule_name) {
    for (const auto& row : kSources) {
        bool prefix = !row.name.empty() && row.name.back() == '-';
        if (prefix ? rule_name.substr(0, row.name.size()) == row.name : rule_name == row.name) return row.source;
    }
    return {};
}

}  // namespace classify
