// Providers' documented SMTP replies, each as a DSN to a neutral address, with the
// class (and, where the documentation makes it plain, the reason) it implies. The
// reply strings are protocol facts quoted from each provider's own reference; the
// IP addresses, domains and session ids in them are replaced with documentation
// values. The recipient is at example.org, never at the provider, so the rows are
// passed by the table's general wording, not by host-keyed rows. X.2.3 is the
// recipient's own size limit (RFC 3463: exceedlimit), not the system's (mesgtoobig).
//
// Sources, cited per row by their key:
//   [google]  Google Workspace Admin Help, "Gmail SMTP errors and codes",
//             https://support.google.com/a/answer/3726730
//   [m365]    Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange Online",
//             https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online
//   [m365-7xx] Microsoft Learn, "Fix error code 5.7.700 through 5.7.750 in Exchange Online",
//             https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/fix-error-code-5-7-700-through-5-7-750
//   [olc]     Outlook.com Postmaster, troubleshooting (SC-/DY-/OU- codes),
//             https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
//   [yahoo]   Yahoo Sender Hub, "SMTP error codes", https://senders.yahooinc.com/smtp-error-codes/
//   [apple]   Apple Support, "Postmaster information for iCloud Mail", https://support.apple.com/en-us/HT204137
//   [mimecast] Mimecast, "Mimecast SMTP Error Codes",
//             https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
//   [brbl]    Barracuda Reputation Block List, https://www.barracudacentral.org/rbl
//   [proofpoint] Proofpoint Postmaster, https://www.proofpoint.com/us/postmaster (IP check: ipcheck.proofpoint.com)
//   [barracuda] Barracuda Email Security Gateway documentation (campus.barracuda.com), SMTP replies
//   [cisco]   Cisco Secure Email Gateway (AsyncOS) user guide: default HAT, RAT and sender
//             verification responses
//   [postfix] postconf(5), smtpd(8), local(8): the texts of Postfix's restrictions and notices
//   [exim]    The Exim specification: ACL default messages, routing and retry errors
//   [sendmail] sendmail's cf/README and its reply texts ("... User unknown", "Relaying denied")
//
// Not every string was seen word for word: the search tool gives excerpts of these
// pages. Checked against a page: parts of [google], Mimecast's 4xx and some 5xx,
// Exchange 4.3.2, 4.4.316, 4.4.7, 5.7.606 and the Outlook block-list texts. Written
// from the published lists as remembered, so possibly not word for word: Microsoft
// 5.4.6 and 5.3.4 (ROUTING.SizeLimit), Yahoo BL22/BL23, Google 4.7.40, Mimecast's
// other 5xx and the [cisco] defaults. The rows maximum-size-exceeded,
// address-possibly-incorrect and too-many-open-connections in rules.cc rest on those
// alone: if a page shows other words, the row goes with the test row.
//
// Where a documented class differs from README's, README's is tested and the row
// says so (rate limiting is `policy`, whoever words it). Rows the table cannot pass
// without a row that fits one reply are left out, with a comment saying why.
//
// Shared by provider_replies_test.cc and layout_invariance_test.cc.
#pragma once

namespace provider_catalogue {

struct DocumentedReply {
    const char* source;  // the key of the document above
    const char* status;  // the DSN's Status field: the reply's own enhanced code
    const char* reply;
    const char* bounce_class;
    const char* reason;  // "" where the document names no single cause
};

inline const DocumentedReply kReplies[] = {
    // --- Google
    {"google", "4.3.0", "421 4.3.0 Temporary System Problem. Try again later", "soft", "systemerror"},
    {"google", "4.4.5", "421 4.4.5 Server busy, try again later.", "soft", ""},
    {"google", "4.7.0", "421 4.7.0 IP not in whitelist for RCPT domain, closing connection.", "policy", "blocked"},
    {"google", "4.7.0", "421 4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your "
                        "IP address. To protect our users from spam, mail sent from your IP address has been "
                        "temporarily blocked.", "policy", ""},
    {"google", "4.7.0", "421 4.7.0 TLS required for RCPT domain, closing connection.", "policy", "failedstarttls"},
    {"google", "4.2.1", "450 4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend "
                        "your message at a later time.", "policy", "speeding"},
    {"google", "4.2.1", "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
                        "additional messages from being delivered. Please resend your message at a later time.",
     "policy", "speeding"},
    {"google", "4.2.1", "450 4.2.1 Peak SMTP relay limit exceeded for customer.", "policy", "speeding"},
    {"google", "4.4.2", "451 4.4.2 Timeout - closing connection.", "soft", ""},
    {"google", "4.5.0", "451 4.5.0 SMTP protocol violation, see RFC 2821.", "soft", "syntaxerror"},
    {"google", "4.2.2", "452 4.2.2 The email account that you tried to reach is over quota.", "soft", "mailboxfull"},
    {"google", "4.5.3", "452 4.5.3 Your message has too many recipients.", "policy", "toomanyconn"},
    {"google", "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist. Please try "
                        "double-checking the recipient's email address for typos or unnecessary spaces.",
     "hard", "userunknown"},
    {"google", "5.1.2", "553 5.1.2 We weren't able to find the recipient domain. Please check for any spelling "
                        "errors, and make sure you didn't enter any spaces, periods, or other punctuation after the "
                        "recipient's email address.", "hard", "hostunknown"},
    {"google", "5.2.1", "550 5.2.1 The email account that you tried to reach is disabled.", "soft", "suspend"},
    {"google", "5.2.1", "550 5.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
                        "additional messages from being delivered.", "policy", "speeding"},
    {"google", "5.2.2", "552 5.2.2 The email account that you tried to reach is over quota.", "soft", "mailboxfull"},
    {"google", "5.2.3", "552 5.2.3 Your message exceeded Google's message size limits.", "soft", "exceedlimit"},
    {"google", "5.4.5", "550 5.4.5 Daily sending quota exceeded.", "policy", "speeding"},
    {"google", "5.7.0", "550 5.7.0 Mail relay denied.", "policy", "norelaying"},
    {"google", "5.7.1", "550 5.7.1 Email quota exceeded.", "soft", "mailboxfull"},
    {"google", "5.7.1", "550 5.7.1 Daily SMTP relay limit exceeded for customer.", "policy", "speeding"},
    {"google", "5.7.1", "550 5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce "
                        "the amount of spam sent to Gmail, this message has been blocked.", "policy", "spamdetected"},
    {"google", "5.7.1", "550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our "
                        "servers. Please use the SMTP relay at your service provider instead.", "policy", "blocked"},
    {"google", "5.7.1", "550 5.7.1 Unauthenticated email is not accepted from this domain.", "policy", "authfailure"},
    {"google", "5.7.1", "550 5.7.1 Messages with multiple addresses in From: header are not accepted.", "policy",
     "notcompliantrfc"},
    {"google", "5.7.25", "550 5.7.25 The IP address sending this message does not have a PTR record setup, or the "
                         "corresponding forward DNS entry does not point to the sending IP.", "policy", "requireptr"},
    {"google", "5.7.26", "550 5.7.26 This message does not have authentication information or fails to pass "
                         "authentication checks (SPF or DKIM).", "policy", "authfailure"},
    {"google", "5.7.26", "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC "
                         "policy.", "policy", "authfailure"},
    {"google", "4.7.28", "421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from "
                         "your IP address. To protect our users from spam, mail sent from your IP address has been "
                         "temporarily rate limited.", "policy", ""},
    {"google", "5.5.2", "555 5.5.2 Syntax error.", "soft", "syntaxerror"},

    // The protocol and AUTH replies of the same list: a list's bounces rarely carry
    // them, but their words must not read as a cause they do not name.
    // Left out: "535 5.7.1 Please log in with your web browser and then try again."
    // (an AUTH reply to a submission client; no wording but Google's says it, and a
    // row for it would fit one reply). "535 5.5.4 Optional Argument not permitted for
    // that AUTH mode" is read by its code (X.5.4, invalid arguments): syntaxerror.
    {"google", "4.7.0", "421 4.7.0 Temporary System Problem. Try again later.", "soft", "systemerror"},
    {"google", "4.7.0", "421 4.7.0 Try again later, closing connection.", "soft", ""},
    {"google", "4.7.0", "421 4.7.0 This message is suspicious due to the very low reputation of the sending IP "
                        "address.", "policy", "badreputation"},
    {"google", "4.7.0", "421 4.7.0 This message is suspicious due to the very low reputation of the sending domain.",
     "policy", "badreputation"},
    {"google", "4.7.26", "421 4.7.26 This mail has been rate limited because it is unauthenticated. Gmail requires "
                         "all senders to authenticate with either SPF or DKIM.", "policy", "authfailure"},
    {"google", "4.7.27", "421 4.7.27 This mail has been rate limited because SPF didn't pass for example.com with "
                         "ip: 192.0.2.1.", "policy", "authfailure"},
    {"google", "4.7.29", "421 4.7.29 Your email has been rate limited because this message wasn't sent over a TLS "
                         "connection.", "policy", "failedstarttls"},
    {"google", "4.7.30", "421 4.7.30 Your email has been rate limited because DKIM authentication didn't pass for "
                         "this message.", "policy", "authfailure"},
    {"google", "4.7.32", "421 4.7.32 Your email has been rate limited because the From: header (RFC5322) in this "
                         "message isn't aligned with either the authenticated SPF or DKIM organizational domain.",
     "policy", "authfailure"},
    {"google", "4.7.40", "421 4.7.40 Your email has been rate limited because your sending domain doesn't have a "
                         "DMARC record or the DMARC record doesn't specify a DMARC policy.", "policy", "authfailure"},
    {"google", "4.3.0", "451 4.3.0 Mail server temporarily rejected message.", "soft", ""},
    {"google", "4.3.0", "451 4.3.0 Multiple destination domains per transaction is unsupported. Please try again.",
     "soft", ""},
    {"google", "4.5.3", "452 4.5.3 Domain policy size per transaction exceeded, please try this recipient in a "
                        "separate transaction.", "policy", "toomanyconn"},
    {"google", "4.5.0", "454 4.5.0 SMTP protocol violation, no commands allowed to pipeline after STARTTLS.",
     "soft", "syntaxerror"},
    {"google", "4.7.0", "454 4.7.0 Cannot authenticate due to temporary system problem. Try again later.",
     "soft", ""},
    {"google", "5.5.1", "454 5.5.1 STARTTLS may not be repeated.", "soft", "syntaxerror"},
    {"google", "5.5.2", "501 5.5.2 Cannot Decode response.", "soft", "syntaxerror"},
    {"google", "5.5.4", "501 5.5.4 HELO/EHLO argument is invalid.", "soft", "syntaxerror"},
    {"google", "5.5.1", "502 5.5.1 Too many unrecognized commands, goodbye.", "soft", "syntaxerror"},
    {"google", "5.5.1", "502 5.5.1 Unimplemented command.", "soft", "syntaxerror"},
    {"google", "5.5.1", "502 5.5.1 Unrecognized command.", "soft", "syntaxerror"},
    {"google", "5.5.1", "503 5.5.1 EHLO/HELO first.", "soft", "syntaxerror"},
    {"google", "5.5.1", "503 5.5.1 MAIL first.", "soft", "syntaxerror"},
    {"google", "5.5.1", "503 5.5.1 RCPT first.", "soft", "syntaxerror"},
    {"google", "5.7.0", "503 5.7.0 No identity changes permitted.", "policy", "securityerror"},
    {"google", "5.7.4", "504 5.7.4 Unrecognized Authentication Type.", "policy", "securityerror"},
    {"google", "5.5.1", "530 5.5.1 Authentication Required.", "policy", "securityerror"},
    {"google", "5.7.0", "530 5.7.0 Must issue a STARTTLS command first.", "policy", "failedstarttls"},
    {"google", "5.5.4", "535 5.5.4 Optional Argument not permitted for that AUTH mode.", "soft", "syntaxerror"},
    {"google", "5.7.1", "535 5.7.1 Application-specific password required.", "policy", "securityerror"},
    {"google", "5.7.1", "535 5.7.1 Username and Password not accepted.", "policy", "securityerror"},
    {"google", "5.4.5", "550 5.4.5 Daily SMTP relay sending limit exceeded for user.", "policy", "speeding"},
    {"google", "5.7.0", "550 5.7.0 Mail Sending denied.", "policy", ""},
    {"google", "5.7.1", "550 5.7.1 Invalid credentials for relay.", "policy", "securityerror"},
    {"google", "5.7.1", "550 5.7.1 Our system has detected an unusual rate of unsolicited mail originating from "
                        "your IP address. To protect our users from spam, mail sent from your IP address has been "
                        "blocked.", "policy", ""},
    {"google", "5.7.1", "550 5.7.1 The user or domain that you are sending to (or from) has a policy that "
                        "prohibited the mail that you sent.", "policy", "policyviolation"},
    {"google", "5.7.1", "550 5.7.1 This message violates example.com email policy. - gcdp <sessionid>",
     "policy", "policyviolation"},
    {"google", "5.7.1", "550 5.7.1 Messages missing a valid Message-ID header are not accepted.",
     "policy", "notcompliantrfc"},
    {"google", "5.7.1", "550 5.7.1 Our system has detected that this message is not RFC 5322 compliant. 'From' "
                        "header is missing.", "policy", "notcompliantrfc"},
    {"google", "5.7.26", "550 5.7.26 This message does not pass authentication checks (SPF and DKIM both do not "
                         "pass).", "policy", "authfailure"},
    {"google", "5.7.0", "552 5.7.0 This message was blocked because its content presents a potential security issue.",
     "policy", ""},
    {"google", "5.6.0", "554 5.6.0 Mail message is malformed. Not accepted.", "policy", ""},
    {"google", "5.6.0", "554 5.6.0 Message exceeded 50 hops, this may indicate a mail loop.", "soft", "networkerror"},
    {"google", "5.7.0", "554 5.7.0 Too many unauthenticated commands.", "policy", ""},
    {"google", "5.7.28", "550 5.7.28 Our system has detected an unusual rate of unsolicited mail originating from "
                         "your IP address. To protect our users from spam, mail sent from your IP address has been "
                         "blocked.", "policy", ""},
    {"google", "5.7.0", "552 5.7.0 Our system detected an illegal attachment on your message. Please visit "
                        "http://mail.google.com/support/bin/answer.py?answer=6590 to review our attachment "
                        "guidelines.", "policy", "contenterror"},
    {"google", "5.7.1", "550 5.7.1 Messages missing a valid address in From: header, or having no From: header, are "
                        "not accepted.", "policy", "notcompliantrfc"},
    {"google", "5.7.1", "550 5.7.1 Our system has detected that this message does not meet IPv6 sending guidelines "
                        "regarding PTR records and authentication.", "policy", "requireptr"},

    // --- Microsoft 365 / Exchange Online
    {"m365", "5.1.1", "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", "hard", "userunknown"},
    {"m365", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
     "hard", "userunknown"},
    {"m365", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied.", "hard", "userunknown"},
    {"m365", "5.1.8", "550 5.1.8 Access denied, bad outbound sender", "policy", "rejected"},
    {"m365", "5.2.2", "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException", "soft",
     "mailboxfull"},
    {"m365", "5.2.3", "552 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient", "soft",
     "exceedlimit"},
    {"m365", "5.4.14", "554 5.4.14 Hop count exceeded - possible mail loop", "soft", "networkerror"},
    {"m365", "5.4.4", "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", "hard", "hostunknown"},
    {"m365", "5.4.300", "550 5.4.300 Message expired", "soft", "expired"},
    {"m365", "4.4.316", "451 4.4.316 Connection refused [Message=Socket error code 10061]", "soft", "networkerror"},
    {"m365", "4.4.7", "451 4.4.7 Message expired", "soft", "expired"},
    {"m365", "5.7.23", "550 5.7.23 The message was rejected because of Sender Policy Framework violation", "policy",
     "authfailure"},
    {"m365", "5.7.57", "530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM", "policy",
     "securityerror"},
    {"m365", "5.7.501", "550 5.7.501 Access denied, spam abuse detected", "policy", "spamdetected"},
    {"m365", "5.7.509", "550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and "
                        "has a DMARC policy of reject.", "policy", "authfailure"},
    {"m365", "5.7.511", "550 5.7.511 Access denied, banned sender", "policy", ""},
    {"m365", "5.7.512", "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant", "policy",
     "notcompliantrfc"},
    {"m365", "5.7.513", "550 5.7.513 Service unavailable, Client host [192.0.2.1] blocked by example.com using "
                        "Customer Block list (AS16012607)", "policy", "blocked"},
    {"m365", "5.7.606", "550 5.7.606 Access denied, banned sending IP [192.0.2.1].", "policy", "blocked"},
    {"m365-7xx", "5.7.705", "550 5.7.705 Access denied, tenant has exceeded threshold.", "policy", ""},
    {"m365-7xx", "5.7.708", "550 5.7.708 Access denied, traffic not accepted from this IP.", "policy", "blocked"},
    {"m365-7xx", "5.7.750", "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.",
     "policy", "blocked"},
    {"olc", "", "550 SC-001 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider since part of their network is on our block list.", "policy", "blocked"},
    {"olc", "", "550 SC-004 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider.", "policy", "blocked"},
    {"olc", "", "550 DY-001 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider. We do not accept email from dynamic IPs.", "policy", "blocked"},

    // 4.7.500-699 "Server busy. Please try again later": Microsoft documents the range
    // as throttling of a suspicious IP, but the words name a busy server, and words
    // decide before a code (README, the order of evidence): soft, systemerror.
    {"m365", "4.3.2", "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", "policy", "speeding"},
    {"m365", "4.5.3", "452 4.5.3 Too many recipients", "policy", "toomanyconn"},
    {"m365", "4.7.500", "451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77714)",
     "soft", "systemerror"},
    {"m365", "5.1.0", "550 5.1.0 Sender denied", "policy", "rejected"},
    {"m365", "5.1.1", "550 5.1.1 User unknown", "hard", "userunknown"},
    {"m365", "5.1.3", "550 5.1.3 STOREDRV.Submit; invalid recipient address", "hard", "userunknown"},
    {"m365", "5.1.90", "550 5.1.90 Your message can't be sent because you've reached your daily limit for message "
                       "recipients.", "policy", "speeding"},
    {"m365", "5.2.2", "550 5.2.2 Submission quota exceeded", "policy", "speeding"},
    {"m365", "5.2.121", "550 5.2.121 Recipient's per hour message receive limit from specific sender exceeded.",
     "policy", "speeding"},
    {"m365", "5.2.122", "550 5.2.122 Recipient's per hour message receive limit exceeded.", "policy", "speeding"},
    {"m365", "5.3.4", "550 5.3.4 ROUTING.SizeLimit; message size exceeds fixed maximum size for route",
     "soft", "mesgtoobig"},
    {"m365", "5.4.1", "550 5.4.1 Relay Access Denied", "policy", "norelaying"},
    {"m365", "5.4.6", "554 5.4.6 Routing loop detected", "soft", "networkerror"},
    {"m365", "5.4.310", "550 5.4.310 DNS domain example.org does not exist", "hard", "hostunknown"},
    {"m365", "5.4.316", "550 5.4.316 Message expired, connection refused (Socket error code 10061)",
     "soft", "expired"},
    {"m365", "5.6.11", "554 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, which cannot "
                       "be sent via DATA", "policy", "notcompliantrfc"},
    {"m365", "5.7.1", "550 5.7.1 Delivery not authorized, message refused", "policy", "filtered"},
    {"m365", "5.7.1", "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required", "policy", ""},
    {"m365", "5.7.1", "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized", "policy", ""},
    {"m365", "5.7.12", "550 5.7.12 Sender was not authenticated by organization", "policy", "securityerror"},
    {"m365", "5.7.14", "550 5.7.14 Sender not authorized for relay", "policy", "norelaying"},
    {"m365", "5.7.25", "550 5.7.25 Access denied, the sending IPv6 address [2001:db8::1] must have a reverse DNS "
                       "record.", "policy", "requireptr"},
    {"m365", "5.7.54", "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", "policy", "norelaying"},
    {"m365", "5.7.60", "550 5.7.60 SMTP; Client does not have permissions to send as this sender",
     "policy", "securityerror"},
    {"m365", "5.7.64", "550 5.7.64 TenantAttribution; Relay Access Denied", "policy", "norelaying"},
    {"m365", "5.7.124", "550 5.7.124 Delivery not authorized, message refused - sender not in allowed-senders list",
     "policy", "filtered"},
    {"m365", "5.7.133", "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery "
                        "restriction check failed because the sender was not authenticated when sending to this "
                        "group", "policy", "filtered"},
    {"m365", "5.7.134", "550 5.7.134 RESOLVER.RST.SenderNotAuthenticatedForMailbox; authentication required; "
                        "Delivery restriction check failed because the sender was not authenticated when sending to "
                        "this mailbox", "policy", "filtered"},
    {"m365", "5.7.506", "550 5.7.506 Access Denied, Bad HELO", "policy", ""},
    {"m365", "5.7.507", "550 5.7.507 Access denied, rejected by recipient", "policy", ""},
    {"m365", "5.7.508", "550 5.7.508 Access denied, [2001:db8::1] has exceeded permitted limits within "
                        "2001:db8::/64 range", "policy", ""},
    {"m365", "5.7.510", "550 5.7.510 Access denied, example.org does not accept email over IPv6", "policy", ""},
    {"m365", "5.7.520", "550 5.7.520 Access denied, Your organization does not allow external forwarding.",
     "policy", "policyviolation"},
    {"m365", "5.1.1", "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", "hard", "userunknown"},
    {"m365", "5.7.1", "550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. To request "
                      "removal from this list see https://www.spamhaus.org/query/ip/192.0.2.1 (AS3130)", "policy",
     "blocked"},
    // Exchange's content filter agent, its default rejection response.
    {"m365", "5.7.1", "550 5.7.1 Message rejected due to content restrictions", "policy", "contenterror"},
    {"m365", "5.7.1", "550 5.7.1 Unable to relay", "policy", "norelaying"},
    {"m365", "5.7.1", "530 5.7.1 Client was not authenticated", "policy", "securityerror"},
    {"olc", "4.7.650", "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP "
                       "reputation. For e-mail delivery information, see https://postmaster.live.com (S775)", "policy",
     "badreputation"},
    {"m365-7xx", "5.7.700", "550 5.7.700 Access denied, tenant has exceeded threshold.", "policy", ""},
    // Outlook.com's RP- codes are its rate limits: policy/speeding, as README's
    // rate-limiting paragraph chooses, not the blocked IP of the SC-/DY-/OU- codes.
    {"olc", "", "550 SC-002 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider. You can also refer your provider to "
                "http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "blocked"},
    {"olc", "", "550 SC-003 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider. You can also refer your provider to "
                "http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "blocked"},
    {"olc", "", "550 DY-002 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider. You can also refer your provider to "
                "http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "blocked"},
    {"olc", "", "550 OU-001 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider. You can also refer your provider to "
                "http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "blocked"},
    {"olc", "", "550 OU-002 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider. You can also refer your provider to "
                "http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "blocked"},
    {"olc", "", "421 RP-001 (BAY0-MC1-F1) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try "
                "again. We have limits for how many messages can be sent per hour and per day. You can also refer "
                "to http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "speeding"},
    {"olc", "", "421 RP-002 (BAY0-MC1-F1) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try "
                "again. We have limits for how many messages can be sent per hour and per day. You can also refer "
                "to http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "speeding"},
    {"olc", "", "421 RP-003 (BAY0-MC1-F1) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try "
                "again. We have limits for how many messages can be sent per hour and per day. You can also refer "
                "to http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "speeding"},
    {"olc", "5.7.1", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet "
                     "service provider since part of their network is on our block list (S3150). You can also refer "
                     "your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.", "policy", "blocked"},
    {"olc", "5.7.0", "550 5.7.0 (BAY0-MC1-F1) Message could not be delivered. Please ensure the message is RFC 5322 "
                     "compliant.", "policy", "notcompliantrfc"},

    // --- Yahoo / AOL
    {"yahoo", "4.7.0", "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or "
                       "user complaints - 4.16.55.1", "policy", ""},
    {"yahoo", "4.7.0", "421 4.7.0 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will "
                       "NOT succeed.", "policy", "blocked"},
    {"yahoo", "", "421 Max message per connection reached, closing transmission channel", "policy", "toomanyconn"},
    {"yahoo", "", "450 User is receiving mail too quickly", "policy", "speeding"},
    {"yahoo", "", "451 Resources temporarily unavailable. Please try again later [#4.16.1].", "soft", "systemerror"},
    {"yahoo", "5.7.1", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in "
                       "Spamhaus's list", "policy", "blocked"},
    {"yahoo", "5.7.9", "554 5.7.9 Message not accepted for policy reasons.", "policy", "policyviolation"},
    {"yahoo", "", "554 delivery error: dd This user doesn't have a yahoo.com account (someone@example.org) [0]",
     "hard", "userunknown"},
    {"yahoo", "", "552 1 Requested mail action aborted, mailbox not found", "hard", "userunknown"},
    {"yahoo", "5.7.9", "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires "
                       "all senders to authenticate with either SPF or DKIM.", "policy", "authfailure"},
    // [GL01] names no cause in its words ("temporarily deferred"): on hold.
    {"yahoo", "4.7.1", "421 4.7.1 [TS01] Messages from 192.0.2.1 temporarily deferred due to user complaints - "
                       "4.16.55.1", "policy", "badreputation"},
    {"yahoo", "4.7.1", "421 4.7.1 [TS02] Messages from 192.0.2.1 temporarily deferred due to user complaints - "
                       "4.16.55.1", "policy", "badreputation"},
    {"yahoo", "5.7.1", "553 5.7.1 [TS03] All messages from 192.0.2.1 will be permanently deferred; Retrying will "
                       "NOT succeed.", "policy", "blocked"},
    {"yahoo", "4.7.0", "421 4.7.0 [GL01] Message from (192.0.2.1) temporarily deferred - 4.16.50", "soft", "onhold"},
    {"yahoo", "5.7.1", "553 5.7.1 [BL22] Connections not accepted from IP addresses on Spamhaus PBL",
     "policy", "blocked"},
    {"yahoo", "5.7.1", "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL",
     "policy", "blocked"},
    {"yahoo", "", "554 delivery error: dd Sorry your message to someone@example.org cannot be delivered. This "
                  "account has been disabled or discontinued [#102].", "soft", "suspend"},
    {"yahoo", "", "554 delivery error: dd Sorry, your message to someone@example.org cannot be delivered. This "
                  "mailbox is disabled (554.30).", "soft", "suspend"},
    {"yahoo", "5.7.9", "554 5.7.9 Message not accepted for policy reasons. See "
                       "https://postmaster.yahooinc.com/error-codes", "policy", "policyviolation"},
    {"yahoo", "5.7.9", "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires "
                       "all senders to authenticate with both SPF and DKIM.", "policy", "authfailure"},
    {"yahoo", "", "451 Message temporarily deferred due to unresolvable RFC.5321 from domain; see "
                  "https://postmaster.yahooinc.com/error-codes", "policy", "rejected"},
    {"yahoo", "", "554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit "
                  "https://postmaster.yahooinc.com/error-codes", "policy", "policyviolation"},
    {"yahoo", "", "554 Message not allowed - Headers are not RFC compliant[291]", "policy", "notcompliantrfc"},

    // --- Apple iCloud
    {"apple", "5.1.1", "550 5.1.1 <someone@example.org>: user does not exist", "hard", "userunknown"},
    {"apple", "5.2.2", "552 5.2.2 <someone@example.org>: user is over quota", "soft", "mailboxfull"},
    {"apple", "4.7.1", "421 4.7.1 Messages to someone@example.org deferred due to excessive volume. Try again later",
     "policy", "speeding"},
    {"apple", "5.7.1", "550 5.7.1 [CS01] Message rejected due to local policy.", "policy", ""},
    {"apple", "5.7.1", "550 5.7.1 Your message was rejected due to example.com DMARC policy.", "policy",
     "authfailure"},
    {"apple", "4.7.0", "421 4.7.0 [CS01] Message rejected due to local policy. Please visit "
                       "https://support.apple.com/en-us/HT204137", "policy", ""},
    {"apple", "4.7.0", "421 4.7.0 [CS02] Message rejected due to local policy. Please visit "
                       "https://support.apple.com/en-us/HT204137", "policy", ""},
    {"apple", "5.7.1", "550 5.7.1 [HM08] Message rejected due to local policy. Please visit "
                       "https://support.apple.com/en-us/HT204137", "policy", ""},
    {"apple", "5.7.0", "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.1",
     "policy", "blocked"},

    // --- Mimecast
    {"mimecast", "", "421 Sender address blocked", "policy", ""},
    {"mimecast", "", "421 Unable to process connection at this time", "soft", ""},
    {"mimecast", "", "451 Internal resource temporarily unavailable", "soft", ""},
    {"mimecast", "", "550 Invalid Recipient", "hard", "userunknown"},
    {"mimecast", "", "550 Rejected by header based Anti-Spoofing policy", "policy", ""},
    {"mimecast", "", "550 Envelope blocked - User Entry", "policy", ""},
    {"mimecast", "", "550 Host network not allowed", "policy", ""},
    {"mimecast", "", "550 Administrative prohibition - envelope blocked", "policy", ""},
    {"mimecast", "", "550 Anti-Spoofing policy - Inbound not allowed", "policy", "policyviolation"},
    {"mimecast", "", "550 Envelope blocked - User Entry - example.com", "policy", ""},
    {"mimecast", "", "550 Envelope blocked - User Domain Entry", "policy", ""},
    {"mimecast", "", "550 Rejected by header-based Blocked Senders - Block policy for Header From", "policy", ""},
    {"mimecast", "", "550 Envelope rejected - Attachment Management Policy", "policy", ""},
    {"mimecast", "", "550 Submitter failed SPF check", "policy", "authfailure"},
    {"mimecast", "", "550 DMARC Sender Invalid - envelope rejected", "policy", "authfailure"},
    {"mimecast", "", "550 Invalid recipient", "hard", "userunknown"},
    {"mimecast", "", "550 Recipient email address is possibly incorrect", "hard", "userunknown"},
    {"mimecast", "", "550 Maximum size exceeded", "soft", "mesgtoobig"},
    {"mimecast", "", "550 Spam signature detected", "policy", "spamdetected"},
    {"mimecast", "", "550 Virus signature detected", "policy", "virusdetected"},
    {"mimecast", "", "550 Rejected by header based Anti-Spoofing policy: someone@example.org", "policy", ""},
    {"mimecast", "", "550 Local CT IP reputation - (reject)", "policy", "badreputation"},
    {"mimecast", "", "554 Email rejected due to security policies", "policy", ""},

    // --- Barracuda's reputation list, as Barracuda gateways and others quote it
    {"brbl", "5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation, "
                      "http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.1", "policy", "blocked"},

    // --- Barracuda Email Security Gateway's own replies
    {"barracuda", "", "550 permanent failure for one or more recipients (someone@example.org:blocked)", "policy", ""},
    {"barracuda", "", "554 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org",
     "policy", "blocked"},

    // --- Proofpoint (its dynamic reputation block, as Apple's and others' MX quote it)
    {"proofpoint", "5.7.0", "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1", "policy", "blocked"},
    {"proofpoint", "5.7.1", "550 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
     "policy", "blocked"},

    // --- Cisco Secure Email (IronPort): AsyncOS's default SMTP responses. Its HAT
    // REJECT "554 Access Denied" refuses the connecting host: blocked. The default
    // sender-verification reply "553 #5.5.4 Domain required for sender address" is
    // read by its code (X.5.4, a malformed argument): syntaxerror.
    {"cisco", "", "554 Access Denied", "policy", "blocked"},
    {"cisco", "", "550 #5.1.0 Address rejected", "hard", "userunknown"},
    {"cisco", "", "452 Too many recipients received this hour", "policy", ""},
    {"cisco", "", "552 #5.3.4 Message size exceeds limit", "soft", "mesgtoobig"},
    {"cisco", "", "553 #5.1.8 Domain of sender address <sender@example.com> does not exist", "policy", "rejected"},
    {"cisco", "", "451 #4.1.8 Domain of sender address <sender@example.com> does not resolve", "policy", "rejected"},
    {"cisco", "", "553 #5.5.4 Domain required for sender address", "soft", "syntaxerror"},
    {"cisco", "", "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. "
                  "If you believe that this failure is in error, please contact the intended recipient via alternate "
                  "means.", "policy", "badreputation"},

    // --- Postfix's own texts: smtpd(8) restrictions and the delivery agents' notices
    {"postfix", "5.1.1", "550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown in local "
                         "recipient table", "hard", "userunknown"},
    {"postfix", "5.1.1", "550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown in virtual "
                         "mailbox table", "hard", "userunknown"},
    {"postfix", "5.1.1", "550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown in virtual "
                         "alias table", "hard", "userunknown"},
    {"postfix", "5.1.1", "550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown in relay "
                         "recipient table", "hard", "userunknown"},
    {"postfix", "5.7.1", "554 5.7.1 <someone@example.org>: Relay access denied", "policy", "norelaying"},
    {"postfix", "5.7.1", "554 5.7.1 <unknown[192.0.2.1]>: Client host rejected: Access denied", "policy", "blocked"},
    {"postfix", "4.7.1", "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]",
     "policy", "requireptr"},
    {"postfix", "5.7.1", "550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1]",
     "policy", "requireptr"},
    {"postfix", "4.1.8", "450 4.1.8 <sender@example.com>: Sender address rejected: Domain not found",
     "policy", "rejected"},
    {"postfix", "5.1.2", "550 5.1.2 <someone@example.org>: Recipient address rejected: Domain not found",
     "hard", "hostunknown"},
    {"postfix", "5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
     "policy", "blocked"},
    {"postfix", "5.5.2", "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",
     "policy", "blocked"},
    {"postfix", "5.3.4", "552 5.3.4 Message size exceeds fixed limit", "soft", "mesgtoobig"},
    {"postfix", "4.3.1", "452 4.3.1 Insufficient system storage", "soft", "systemfull"},
    {"postfix", "5.1.0", "550 5.1.0 <sender@example.com>: Sender address rejected: User unknown in local recipient "
                         "table", "policy", "rejected"},
    {"postfix", "4.2.0", "450 4.2.0 <someone@example.org>: Recipient address rejected: Greylisted, see "
                         "http://postgrey.schweikert.ch/help/example.org.html", "soft", "onhold"},
    {"postfix", "5.5.1", "554 5.5.1 Error: no valid recipients", "soft", ""},
    {"postfix", "4.3.0", "451 4.3.0 <someone@example.org>: Temporary lookup failure", "soft", ""},
    {"postfix", "5.1.1", "unknown user: \"someone\"", "hard", "userunknown"},
    {"postfix", "5.4.6", "mail for example.org loops back to myself", "soft", "networkerror"},
    {"postfix", "5.4.4", "Host or domain name not found. Name service error for name=example.org type=A: Host not "
                         "found", "hard", "hostunknown"},
    {"postfix", "4.4.1", "connect to mx.example.org[192.0.2.1]:25: Connection refused", "soft", "networkerror"},
    {"postfix", "5.2.2", "cannot update mailbox /var/mail/someone for user someone. error writing message: File too "
                         "large", "soft", "mailboxfull"},
    {"postfix", "4.7.1", "450 4.7.1 <mx.example.com>: Helo command rejected: Host not found", "policy", "blocked"},
    // Left out: "504 5.5.2 <someone>: Recipient address rejected: need fully-qualified
    // address" (a list never sends to an unqualified address; only a row for that one
    // reply would read it). "Improper use of SMTP command pipelining" is the sending
    // client's protocol error: syntaxerror, soft by README's class table.
    {"postfix", "5.5.2", "504 5.5.2 <news>: Sender address rejected: need fully-qualified address",
     "policy", "rejected"},
    {"postfix", "5.5.0", "554 5.5.0 Error: Improper use of SMTP command pipelining", "soft", "syntaxerror"},
    {"postfix", "5.7.1", "550 5.7.1 Message content rejected", "policy", "contenterror"},
    {"postfix", "4.5.3", "452 4.5.3 Error: too many recipients", "policy", "toomanyconn"},
    {"postfix", "4.7.0", "421 4.7.0 mx.example.org Error: too many connections from 192.0.2.1",
     "policy", "toomanyconn"},
    {"postfix", "5.7.1", "554 5.7.1 <bounces@list.example>: Sender address rejected: Access denied",
     "policy", "rejected"},
    {"postfix", "5.1.0", "550 5.1.0 <bounces@list.example>: Sender address rejected: User unknown in virtual "
                         "mailbox table", "policy", "rejected"},
    {"postfix", "5.7.27", "550 5.7.27 <bounces@list.example>: Sender address rejected: Domain list.example does not "
                          "accept mail (nullMX)", "policy", "rejected"},
    {"postfix", "5.1.10", "556 5.1.10 <someone@example.org>: Recipient address rejected: Domain example.org does "
                          "not accept mail (nullMX)", "hard", "notaccept"},
    {"postfix", "4.1.1", "450 4.1.1 <someone@example.org>: Recipient address rejected: unverified address: host "
                         "mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown", "hard", "userunknown"},
    {"postfix", "5.7.1", "550 5.7.1 <someone@example.org>: Recipient address rejected: Message rejected due to: SPF "
                         "fail - not authorized", "policy", "authfailure"},
    {"postfix", "5.1.1", "550 5.1.1 <someone@example.org>: Recipient address rejected: undeliverable address: host "
                         "mx.example.org[192.0.2.1] said: 550 5.1.1 <someone@example.org>: User unknown",
     "hard", "userunknown"},
    {"postfix", "4.4.3", "Host or domain name not found. Name service error for name=example.org type=MX: Host not "
                         "found, try again", "soft", "networkerror"},
    {"postfix", "4.4.1", "connect to mx.example.org[192.0.2.1]:25: Connection timed out", "soft", ""},
    {"postfix", "5.4.6", "mail forwarding loop for someone@example.org", "soft", "networkerror"},

    // --- Exim's own texts. Exim's DSN says Status 5.0.0 and names no command, so its
    // "550 Unknown user" is tested in the plain-text shape below, where the notice
    // says "after RCPT TO" (README: a "user unknown" not said to RCPT is filtered).
    {"exim", "5.0.0", "Unrouteable address", "hard", "hostunknown"},
    {"exim", "5.0.0", "550 Administrative prohibition", "policy", "rejected"},
    {"exim", "5.0.0", "550 relay not permitted", "policy", "norelaying"},
    {"exim", "5.0.0", "550 Sender verify failed", "policy", "rejected"},
    {"exim", "4.0.0", "451 Temporary local problem - please try later", "soft", "systemerror"},
    {"exim", "4.0.0", "421 Too many concurrent SMTP connections; please try again later.", "policy", "toomanyconn"},
    {"exim", "5.0.0", "552 Message size exceeds maximum permitted", "soft", "mesgtoobig"},
    {"exim", "5.0.0", "retry timeout exceeded", "soft", "expired"},
    {"exim", "5.0.0", "all relevant MX records point to non-existent hosts", "hard", "hostunknown"},
    {"exim", "5.0.0", "550 rejected RCPT <someone@example.org>: relay not permitted", "policy", "norelaying"},
    {"exim", "5.0.0", "mailbox is full (MTA-imposed quota exceeded while writing to /var/mail/someone)", "soft",
     "mailboxfull"},
    {"exim", "5.0.0", "550-Verification failed for <bounces@list.example> 550-Unrouteable address 550 Sender verify "
                      "failed", "policy", "rejected"},

    // --- sendmail's own texts
    {"sendmail", "5.1.1", "550 5.1.1 <someone@example.org>... User unknown", "hard", "userunknown"},
    {"sendmail", "5.7.1", "550 5.7.1 <someone@example.org>... Relaying denied", "policy", "norelaying"},
    {"sendmail", "5.7.1", "550 5.7.1 <someone@example.org>... Relaying denied. Proper authentication required.",
     "policy", "norelaying"},
    {"sendmail", "5.1.8", "553 5.1.8 <sender@example.com>... Domain of sender address sender@example.com does not "
                          "exist", "policy", "rejected"},
    {"sendmail", "4.1.8", "451 4.1.8 Domain of sender address sender@example.com does not resolve",
     "policy", "rejected"},
    {"sendmail", "5.7.1", "550 5.7.1 Rejected: 192.0.2.1 listed at zen.spamhaus.org", "policy", "blocked"},
    {"sendmail", "5.1.2", "550 5.1.2 <someone@example.org>... Host unknown (Name server: example.org: host not "
                          "found)", "hard", "hostunknown"},
    {"sendmail", "5.3.0", "554 5.3.0 unknown mailer error 1", "soft", "mailererror"},
    {"sendmail", "5.7.1", "550 5.7.1 <someone@example.org>... Access denied", "policy", ""},
    {"sendmail", "4.4.1", "451 4.4.1 reply: read error from mx.example.org.", "soft", "networkerror"},
    {"sendmail", "5.2.3", "552 5.2.3 Message size exceeds fixed maximum message size (10000000)",
     "soft", "exceedlimit"},
    {"sendmail", "5.2.2", "552 5.2.2 <someone@example.org>... Mailbox full", "soft", "mailboxfull"},
    {"sendmail", "4.4.7", "Cannot send message for 5 days", "soft", "expired"},
    {"sendmail", "4.4.5", "452 4.4.5 Insufficient disk space; try again later", "soft", "systemfull"},
    {"sendmail", "4.5.3", "452 4.5.3 Too many recipients", "policy", "toomanyconn"},
    {"sendmail", "4.3.2", "421 4.3.2 Connection rate limit exceeded.", "policy", "speeding"},
    {"sendmail", "4.3.2", "421 4.3.2 Too many open connections.", "policy", "toomanyconn"},
    {"sendmail", "5.7.1", "550 5.7.1 <someone@example.org>... Relaying denied. IP name lookup failed [192.0.2.1]",
     "policy", ""},
    {"sendmail", "5.7.1", "550 5.7.1 <someone@example.org>... Relaying denied. IP name possibly forged [192.0.2.1]",
     "policy", ""},
    {"sendmail", "5.1.3", "501 5.1.3 Bad recipient address syntax", "hard", ""},
    {"sendmail", "5.0.0", "554 5.0.0 Service unavailable", "soft", ""},
    {"sendmail", "4.4.7", "451 4.4.7 Warning: could not send message for past 4 hours", "soft", ""},
};

}  // namespace provider_catalogue
