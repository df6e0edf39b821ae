// Builds one receiver's reply into the bounces real MTAs and providers send, so a
// test can ask that the verdict does not depend on who carried the reply:
//
//   - Postfix's bounce, as its bounce(8) daemon writes it (bounce_notify_util.c,
//     the failure template of bounce(5)): the notification text with the
//     recipient's line "<addr>: host mx[ip] said: <reply> (in reply to RCPT TO
//     command)" wrapped at 79 columns with a 4-space indent, the delivery report,
//     and the returned message as message/rfc822 or text/rfc822-headers; also the
//     same without the delivery report, as an old Postfix or a forward leaves it;
//   - Gmail's notice in the sender's language (Japanese words given here, others
//     by the caller): the heading, Gmail's own explanation, the label
//     (「リモート サーバーからの応答:」) with the receiver's reply under it, as
//     text, as HTML and as both, with or without the delivery report;
//   - Microsoft 365 / Exchange Online's notice, likewise: the headline, the
//     administrators' block with the reply quoted in a sentence, and the original
//     message's headers at the end of the text.
//
// The sentences are the test's own; only the layout follows the senders.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

namespace notice_shapes {

inline const std::string kReturned =
    "Return-Path: <bounces@list.example>\n"
    "Received: from list.example (list.example [198.51.100.7])\n"
    "\tby mx.example.net (Postfix) with ESMTP id 3F2A81C0E2\n"
    "\tfor <taro@example.jp>; Tue, 11 Jun 2024 18:01:55 +0900 (JST)\n"
    "From: Weekly <news@list.example>\n"
    "To: taro@example.jp\n"
    "Subject: Weekly news\n"
    "Date: Tue, 11 Jun 2024 18:01:54 +0900\n"
    "Message-ID: <issue-42@list.example>\n"
    "List-Id: Weekly <weekly.list.example>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=us-ascii\n";

inline const std::string kReturnedBody = "\nThis week in the garden.\n";

// Postfix's line_wrap(): words onto lines of at most `width` columns, every line
// after the first indented by `indent` blanks.
inline std::string wrap(const std::string& line, std::size_t width = 79, std::size_t indent = 4) {
    std::string out, current;
    std::size_t pos = 0;
    while (pos < line.size()) {
        auto space = line.find(' ', pos);
        std::string word = line.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
        pos = space == std::string::npos ? line.size() : space + 1;
        if (word.empty()) continue;
        if (!current.empty() && current.size() + 1 + word.size() > width) {
            out += current + "\n";
            current = std::string(indent, ' ');
        } else if (!current.empty() && current.find_first_not_of(' ') != std::string::npos) {
            current += ' ';
        }
        current += word;
    }
    return out + current;
}

// The enhanced code a reply starts with ("550 5.1.1 ..."), or the one Postfix and
// Gmail state for a reply that has none: its class digit and ".0.0"
// (smtp_chat.c: "5.0.0" for a 5xx reply without a valid RFC 3463 code).
inline std::string stated_status(const std::string& reply) {
    std::size_t at = reply.find_first_of(" -");
    if (reply.size() >= 3 && (reply[0] == '4' || reply[0] == '5') && at == 3) {
        std::string rest = reply.substr(4);
        if (rest.size() >= 5 && rest[0] == reply[0] && rest[1] == '.' && rest[3] == '.') {
            std::size_t end = rest.find_first_of(" ;:,");
            return rest.substr(0, end);
        }
        return std::string(1, reply[0]) + ".0.0";
    }
    return "5.0.0";
}

inline std::string base64(const std::string& in) {
    static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t line = 0;
    for (std::size_t i = 0; i < in.size(); i += 3) {
        unsigned n = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
        if (i + 2 < in.size()) n |= static_cast<unsigned char>(in[i + 2]);
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += i + 1 < in.size() ? digits[(n >> 6) & 63] : '=';
        out += i + 2 < in.size() ? digits[n & 63] : '=';
        if ((line += 4) >= 76) {
            out += '\n';
            line = 0;
        }
    }
    return out + "\n";
}

// Quoted-printable (RFC 2045 6.7), with soft line breaks before column 76.
inline std::string quoted_printable(const std::string& in) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    std::size_t column = 0;
    for (char ch : in) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '\n') {
            out += '\n';
            column = 0;
            continue;
        }
        std::string piece = (c >= 0x80 || c == '=') ? std::string{'=', hex[c >> 4], hex[c & 15]} : std::string(1, ch);
        if (column + piece.size() > 75) {
            out += "=\n";
            column = 0;
        }
        out += piece;
        column += piece.size();
    }
    return out;
}

// ---------------------------------------------------------------- Postfix

enum class Returned { message, headers };

inline std::string returned_part(const std::string& boundary, Returned returned, bool postfix_description) {
    std::string part = "\n--" + boundary + "\n";
    if (postfix_description)
        part += returned == Returned::message ? "Content-Description: Undelivered Message\n"
                                              : "Content-Description: Undelivered Message Headers\n";
    part += returned == Returned::message ? "Content-Type: message/rfc822\n\n" + kReturned + kReturnedBody
                                          : "Content-Type: text/rfc822-headers\n\n" + kReturned;
    return part;
}

// The reply as Postfix's SMTP client reports it: "host mx.example.jp[192.0.2.1]
// said: <reply> (in reply to RCPT TO command)", or "end of DATA command"; a
// refusal in the greeting ("CONNECT") is "host ... refused to talk to me: <reply>"
// (smtp_proto.c).
inline std::string postfix_said(const std::string& reply, const std::string& command) {
    if (command == "CONNECT") return "host mx.example.jp[192.0.2.1] refused to talk to me: " + reply;
    std::string clause = command == "DATA" ? "end of DATA" : command == "MAIL" ? "MAIL FROM" : "RCPT TO";
    return "host mx.example.jp[192.0.2.1] said: " + reply + " (in reply to " + clause + " command)";
}

inline std::string postfix_bounce(const std::string& recipient, const std::string& reply, const std::string& command,
                                  bool with_report, Returned returned) {
    const std::string boundary = "3F2A81C0E2.1718096515/mx.example.net";
    std::string m =
        "Return-Path: <>\n"
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "To: bounces@list.example\n"
        "Auto-Submitted: auto-replied\n"
        "Date: Tue, 11 Jun 2024 18:01:55 +0900 (JST)\n"
        "Message-Id: <20240611090155.7C1A81C0E3@mx.example.net>\n"
        "MIME-Version: 1.0\n";
    m += with_report ? "Content-Type: multipart/report; report-type=delivery-status;\n"
                     : "Content-Type: multipart/mixed;\n";
    m += "\tboundary=\"" + boundary + "\"\n"
         "Content-Transfer-Encoding: 7bit\n\n"
         "This is a MIME-encapsulated message.\n\n"
         "--" + boundary + "\n"
         "Content-Description: Notification\n"
         "Content-Type: text/plain; charset=us-ascii\n\n"
         "This is the mail system at host mx.example.net.\n\n"
         "I'm sorry to have to inform you that your message could not\n"
         "be delivered to one or more recipients. It's attached below.\n\n"
         "For further assistance, please send mail to postmaster.\n\n"
         "If you do so, please include this problem report. You can\n"
         "delete your own text from the attached returned message.\n\n"
         "                   The mail system\n\n" +
         wrap("<" + recipient + ">: " + postfix_said(reply, command)) + "\n";
    if (with_report) {
        m += "\n--" + boundary + "\n"
             "Content-Description: Delivery report\n"
             "Content-Type: message/delivery-status\n\n"
             "Reporting-MTA: dns; mx.example.net\n"
             "X-Postfix-Queue-ID: 3F2A81C0E2\n"
             "X-Postfix-Sender: rfc822; bounces@list.example\n"
             "Arrival-Date: Tue, 11 Jun 2024 18:01:55 +0900 (JST)\n\n"
             "Final-Recipient: rfc822; " + recipient + "\n"
             "Original-Recipient: rfc822;" + recipient + "\n"
             "Action: failed\n"
             "Status: " + stated_status(reply) + "\n"
             "Remote-MTA: dns; mx.example.jp\n" +
             wrap("Diagnostic-Code: smtp; " + reply) + "\n";
    }
    m += returned_part(boundary, returned, true);
    m += "\n--" + boundary + "--\n";
    return m;
}

// ---------------------------------------------------------------- Gmail

enum class GmailBody { text, html, both };

// The words of Gmail's notice in one language: its heading, its explanation
// (written after the recipient's address), its "learn more" link text and the
// label above the receiver's reply. The sentences are the test's own; the labels
// are near Gmail's (the decoders never read a label's words).
struct GmailWords {
    std::string heading;
    std::string sentence;
    std::string more;
    std::string label;
};

// "** アドレスが見つかりません **" (the address was not found) is Gmail's heading for
// an unknown address; it also stands over replies that mean something else, so a
// test may put it over any reply. The neutral one says the message was not delivered.
inline const std::string kHeadingAddressNotFound =
    "\xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9\xE3\x81\x8C\xE8\xA6\x8B\xE3\x81\xA4\xE3\x81\x8B\xE3\x82\x8A"
    "\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93";  // アドレスが見つかりません
inline const std::string kHeadingNotDelivered =
    "\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8\xE3\x81\xAF\xE5\xB1\x8A\xE3\x81\x8D\xE3\x81\xBE"
    "\xE3\x81\x9B\xE3\x82\x93\xE3\x81\xA7\xE3\x81\x97\xE3\x81\x9F";  // メッセージは届きませんでした

inline GmailWords gmail_japanese(const std::string& heading = kHeadingNotDelivered) {
    return {heading,
            // 宛てのメッセージは受信側のサーバーに受け付けられませんでした。技術的な詳細は下を参照してください。
            " \xE5\xAE\x9B\xE3\x81\xA6\xE3\x81\xAE\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8\xE3\x81\xAF"
            "\xE5\x8F\x97\xE4\xBF\xA1\xE5\x81\xB4\xE3\x81\xAE\xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\xAB"
            "\xE5\x8F\x97\xE3\x81\x91\xE4\xBB\x98\xE3\x81\x91\xE3\x82\x89\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93"
            "\xE3\x81\xA7\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82"
            "\xE6\x8A\x80\xE8\xA1\x93\xE7\x9A\x84\xE3\x81\xAA\xE8\xA9\xB3\xE7\xB4\xB0\xE3\x81\xAF\xE4\xB8\x8B\xE3\x82\x92"
            "\xE5\x8F\x82\xE7\x85\xA7\xE3\x81\x97\xE3\x81\xA6\xE3\x81\x8F\xE3\x81\xA0\xE3\x81\x95\xE3\x81\x84\xE3\x80\x82",
            "\xE8\xA9\xB3\xE7\xB4\xB0",  // 詳細
            // リモート サーバーからの応答:
            "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\x8B"
            "\xE3\x82\x89\xE3\x81\xAE\xE5\xBF\x9C\xE7\xAD\x94:"};
}

inline std::string gmail_text(const std::string& recipient, const std::string& reply, const GmailWords& words) {
    return "\n** " + words.heading + " **\n\n" + recipient + words.sentence + "\n\n" + words.more +
           ": https://support.google.com/mail/?p=BadRcptDomain\n\n" + words.label + "\n" + reply + "\n";
}

inline std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '\'') out += "&#39;";
        else out += c;
    }
    return out;
}

// Gmail's HTML part: a card with the heading and the explanation, then the label
// and the reply in a monospace paragraph below it.
inline std::string gmail_html(const std::string& recipient, const std::string& reply, const GmailWords& words) {
    return "<html>\n<head>\n<style>\n* {\nfont-family:Roboto, \"Helvetica Neue\", Helvetica, Arial, sans-serif;\n}\n"
           "</style>\n</head>\n<body>\n"
           "<table cellpadding=\"0\" cellspacing=\"0\" class=\"email-wrapper\" style=\"padding-top:32px;"
           "background-color:#ffffff;\"><tbody>\n<tr><td>\n<table cellpadding=0 cellspacing=0><tbody>\n"
           "<tr><td style=\"max-width:560px;padding:24px 24px 32px;background-color:#fafafa;\">\n"
           "<img style=\"padding:0 24px 16px 0;float:left\" width=72 height=72 alt=\"icon\" src=\"cid:icon.png\">\n"
           "<table style=\"min-width:272px;padding-top:8px\"><tbody>\n"
           "<tr><td><h2 style=\"font-size:20px;color:#212121;font-weight:bold;margin:0\">\n" + words.heading +
           "\n</h2></td></tr>\n"
           "<tr><td style=\"padding-top:20px;color:#757575;font-size:16px;font-weight:normal;text-align:left\">\n"
           "<a style='color:#212121;text-decoration:none'><b>" + recipient + "</b></a>" + words.sentence +
           "\n</td></tr>\n"
           "<tr><td style=\"padding-top:24px;color:#4285F4;font-size:14px;font-weight:bold;text-align:left\">\n"
           "<a style=\"text-decoration:none\" href=\"https://support.google.com/mail/?p=BadRcptDomain\">" + words.more +
           "</a>\n</td></tr>\n</tbody></table>\n</td></tr>\n</tbody></table>\n</td></tr>\n"
           "<tr style=\"border:none;background-color:#fff;font-size:12.8px;width:90%\">\n"
           "<td align=\"left\" style=\"padding:48px 10px\">\n" + words.label + "<br/>\n"
           "<p style=\"font-family:monospace\">\n" + html_escape(reply) + "\n</p>\n</td>\n</tr>\n"
           "</tbody></table>\n</body>\n</html>\n";
}

inline std::string gmail_notice(const GmailWords& words, const std::string& recipient, const std::string& reply,
                                GmailBody body, bool with_report, Returned returned = Returned::message) {
    const std::string outer = "000000000000a1b2c3d4e5f60718";
    const std::string related = "000000000000a1b2c3d4e5f60719";
    const std::string alternative = "000000000000a1b2c3d4e5f6071a";
    std::string m =
        "Delivered-To: bounces@list.example\n"
        "Return-Path: <>\n"
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
        "To: bounces@list.example\n"
        "Auto-Submitted: auto-replied\n"
        "Subject: Delivery Status Notification (Failure)\n"
        "References: <issue-42@list.example>\n"
        "In-Reply-To: <issue-42@list.example>\n"
        "X-Failed-Recipients: " + recipient + "\n"
        "Message-ID: <6668a1b2.050a0220.1c2d3.0001.GMR@mx.google.com>\n"
        "Date: Tue, 11 Jun 2024 02:01:56 -0700 (PDT)\n"
        "MIME-Version: 1.0\n";
    m += with_report ? "Content-Type: multipart/report; boundary=\"" + outer + "\"; report-type=delivery-status\n\n"
                     : "Content-Type: multipart/mixed; boundary=\"" + outer + "\"\n\n";
    m += "--" + outer + "\nContent-Type: multipart/related; boundary=\"" + related + "\"\n\n";
    m += "--" + related + "\n";
    std::string text_part = "Content-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: base64\n\n" +
                            base64(gmail_text(recipient, reply, words));
    std::string html_part = "Content-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n" +
                            quoted_printable(gmail_html(recipient, reply, words));
    if (body == GmailBody::both) {
        m += "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\n\n"
             "--" + alternative + "\n" + text_part + "\n--" + alternative + "\n" + html_part +
             "\n--" + alternative + "--\n";
    } else {
        m += body == GmailBody::text ? text_part : html_part;
    }
    m += "--" + related + "\n"
         "Content-Type: image/png; name=\"icon.png\"\n"
         "Content-Disposition: attachment; filename=\"icon.png\"\n"
         "Content-Transfer-Encoding: base64\n"
         "Content-ID: <icon.png>\n\n"
         "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n"
         "--" + related + "--\n";
    if (with_report) {
        m += "--" + outer + "\n"
             "Content-Type: message/delivery-status\n\n"
             "Reporting-MTA: dns; googlemail.com\n"
             "Received-From-MTA: dns; news@list.example\n"
             "Arrival-Date: Tue, 11 Jun 2024 02:01:54 -0700 (PDT)\n"
             "X-Original-Message-ID: <issue-42@list.example>\n\n"
             "Final-Recipient: rfc822; " + recipient + "\n"
             "Action: failed\n"
             "Status: " + stated_status(reply) + "\n"
             "Remote-MTA: dns; mx.example.jp. (192.0.2.1, the server for the domain example.jp.)\n"
             "Diagnostic-Code: smtp; " + reply + "\n"
             "Last-Attempt-Date: Tue, 11 Jun 2024 02:01:56 -0700 (PDT)\n\n";
    }
    m += returned_part(outer, returned, false);
    m += "\n--" + outer + "--\n";
    return m;
}

inline std::string gmail_ja(const std::string& recipient, const std::string& reply, GmailBody body, bool with_report,
                            const std::string& heading = kHeadingNotDelivered,
                            Returned returned = Returned::message) {
    return gmail_notice(gmail_japanese(heading), recipient, reply, body, with_report, returned);
}

// Gmail's Japanese notice as seed 000 shows it: one plain-text part, the heading
// without its stars, the explanation, the label and the reply, no blank lines and
// no X-Failed-Recipients.
inline std::string gmail_pasted(const std::string& recipient, const std::string& reply) {
    auto words = gmail_japanese();
    return "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
           "To: bounces@list.example\n"
           "Subject: Delivery Status Notification (Failure)\n"
           "MIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=UTF-8\n"
           "Content-Transfer-Encoding: 8bit\n\n" +
           words.heading + "\n" + recipient + words.sentence + "\n" + words.label + "\n" + reply + "\n";
}

// ---------------------------------------------------------------- Outlook

// The words of Exchange Online's notice in one language: the subject's prefix
// ("Undeliverable:"), the headline after the recipient's address, the
// administrators' label, the generating server's label, the sentence around the
// quoted reply, and the label above the original message's headers.
struct OutlookWords {
    std::string subject;
    std::string headline;
    std::string admin;
    std::string server;
    std::string returned_open;
    std::string returned_close;
    std::string headers;
};

inline OutlookWords outlook_japanese() {
    return {"\xE9\x85\x8D\xE4\xBF\xA1\xE4\xB8\x8D\xE8\x83\xBD:",  // 配信不能:
            " \xE3\x81\xB8\xE3\x81\xAE\xE9\x85\x8D\xE4\xBF\xA1\xE3\x81\xAB\xE5\xA4\xB1\xE6\x95\x97\xE3\x81\x97\xE3\x81"
            "\xBE\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82",  // への配信に失敗しました。
            "\xE7\xAE\xA1\xE7\x90\x86\xE8\x80\x85\xE5\x90\x91\xE3\x81\x91\xE3\x81\xAE\xE8\xA8\xBA\xE6\x96\xAD\xE6\x83"
            "\x85\xE5\xA0\xB1:",  // 管理者向けの診断情報:
            "\xE7\x94\x9F\xE6\x88\x90\xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC:",  // 生成サーバー:
            "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81"
            "\x8B\xE3\x82\x89 '",  // リモート サーバーから '
            "' \xE3\x81\x8C\xE8\xBF\x94\xE3\x81\x95\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",  // ' が返されました
            "\xE5\x85\x83\xE3\x81\xAE\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8 \xE3\x83\x98\xE3\x83"
            "\x83\xE3\x83\x80\xE3\x83\xBC:"};  // 元のメッセージ ヘッダー:
}

// The notice's text: the headline naming the recipient, the administrators' block
// (the generating server, the recipient, the receiving host, the reply quoted in a
// sentence), then the original message's headers inside the same text.
inline std::string outlook_text(const OutlookWords& words, const std::string& recipient, const std::string& reply) {
    return recipient + words.headline + "\n\n" + words.admin + "\n\n" + words.server +
           " TYCPR01MB8123.jpnprd01.prod.outlook.com\n\n" + recipient + "\nmx.example.jp\n" + words.returned_open +
           reply + words.returned_close + "\n\n" + words.headers + "\n\n" + kReturned;
}

inline std::string encoded_word(const std::string& text) {
    std::string b = base64(text);
    b.erase(std::remove(b.begin(), b.end(), '\n'), b.end());
    return "=?utf-8?B?" + b + "?=";
}

inline std::string outlook_notice(const OutlookWords& words, const std::string& recipient, const std::string& reply,
                                  bool with_report) {
    const std::string outer = "_000_TYCPR01MB8123C4D5E6F7_";
    std::string m =
        "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\n"
        "To: bounces@list.example\n"
        "Date: Tue, 11 Jun 2024 09:01:56 +0000\n"
        "Subject: " + encoded_word(words.subject + " Weekly news") + "\n"
        "Message-ID: <a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d@TYCPR01MB8123.jpnprd01.prod.outlook.com>\n"
        "In-Reply-To: <issue-42@list.example>\n"
        "Auto-Submitted: auto-replied\n"
        "MIME-Version: 1.0\n";
    m += with_report ? "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + outer + "\"\n\n"
                     : "Content-Type: multipart/mixed;\n\tboundary=\"" + outer + "\"\n\n";
    m += "--" + outer + "\n"
         "Content-Type: text/plain; charset=\"utf-8\"\n"
         "Content-Transfer-Encoding: base64\n\n" +
         base64(outlook_text(words, recipient, reply));
    if (with_report) {
        m += "\n--" + outer + "\n"
             "Content-Type: message/delivery-status\n\n"
             "Reporting-MTA: dns;TYCPR01MB8123.jpnprd01.prod.outlook.com\n"
             "Received-From-MTA: dns;TYCPR01MB8123.jpnprd01.prod.outlook.com\n"
             "Arrival-Date: Tue, 11 Jun 2024 09:01:54 +0000\n\n"
             "Original-Recipient: rfc822;" + recipient + "\n"
             "Final-Recipient: rfc822;" + recipient + "\n"
             "Action: failed\n"
             "Status: " + stated_status(reply) + "\n"
             "Remote-MTA: dns;mx.example.jp\n"
             "Diagnostic-Code: smtp;" + reply + "\n"
             "X-Display-Name: " + recipient + "\n\n";
    }
    m += returned_part(outer, Returned::headers, false);
    m += "\n--" + outer + "--\n";
    return m;
}

inline std::string outlook_ja(const std::string& recipient, const std::string& reply, bool with_report) {
    return outlook_notice(outlook_japanese(), recipient, reply, with_report);
}

}  // namespace notice_shapes
