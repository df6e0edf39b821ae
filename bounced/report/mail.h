// Mailing the report through the local MTA's sendmail command (Postfix, Exim and
// sendmail all install one): the report becomes one MIME message (RFC 2045/2047,
// base64 body, Auto-Submitted: auto-generated per RFC 3834 so that vacation
// responders stay quiet), piped to `sendmail -oi ADDRESS`, whose exit status decides.
#pragma once

#include <string>

#include "bounced/report/writers.h"
#include "db/time.h"

namespace bounced::report {

// One address as given to --mail-to: no spaces or control characters, not starting
// with '-' (it becomes a sendmail argument), with an '@' or a bare local name.
bool valid_mail_to(const std::string& address);

// The whole message: headers and the base64 body. `subject` may be any UTF-8.
std::string mail_message(const std::string& to, const std::string& subject, const std::string& body,
                         ReportFormat format, db::Time date);

// "sendmail" from PATH, else /usr/sbin/sendmail, else /usr/lib/sendmail; "" if none.
std::string find_sendmail();

// Runs `sendmail -oi to` with `message` on its standard input. "" on exit status 0,
// else one sentence saying what went wrong (not found, killed, exit status N).
std::string send_mail(const std::string& sendmail, const std::string& to, const std::string& message);

}  // namespace bounced::report
