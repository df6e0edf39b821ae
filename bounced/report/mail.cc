// mail_message and send_mail (see mail.h).
#include "bounced/report/mail.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace bounced::report {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const auto b = [&](std::size_t k) { return k < bytes.size() ? static_cast<unsigned char>(bytes[k]) : 0u; };
        const unsigned v = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
        out += kBase64[(v >> 18) & 63];
        out += kBase64[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kBase64[(v >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kBase64[v & 63] : '=';
    }
    return out;
}

// RFC 2047 B encoding when the text is not plain ASCII, in words of at most 39 bytes
// cut between UTF-8 characters (each encoded word 64 characters, each line under 78).
std::string encode_header(std::string_view text) {
    bool ascii = true;
    for (char c : text) ascii = ascii && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    if (ascii) return std::string(text);
    std::string out;
    while (!text.empty()) {
        std::size_t n = std::min<std::size_t>(39, text.size());
        while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(0, n)) + "?=";
        text.remove_prefix(n);
    }
    return out;
}

std::string rfc5322_date(db::Time t) {
    const std::time_t secs = db::Clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                  kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

bool executable(const std::string& path) {
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

bool valid_mail_to(const std::string& address) {
    if (address.empty() || address.size() > 254 || address[0] == '-') return false;
    for (char c : address) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == '"' || c == '\\') return false;
    }
    const auto at = address.find('@');
    return at == std::string::npos || (at > 0 && at + 1 < address.size() && address.find('@', at + 1) == std::string::npos);
}

std::string mail_message(const std::string& to, const std::string& subject, const std::string& body,
                         ReportFormat format, db::Time date) {
    const std::string day = db::format_time(date).substr(0, 10);
    std::string type, disposition = "inline";
    switch (format) {
        case ReportFormat::text: type = "text/plain; charset=utf-8"; break;
        case ReportFormat::html: type = "text/html; charset=utf-8"; break;
        case ReportFormat::csv:
            type = "text/csv; charset=utf-8; header=present";
            disposition = "attachment; filename=\"bounced-report-" + day + ".csv\"";
            break;
        case ReportFormat::json:
            type = "application/json";
            disposition = "attachment; filename=\"bounced-report-" + day + ".json\"";
            break;
    }
    std::string m = "To: " + to + "\r\nSubject: " + encode_header(subject) + "\r\nDate: " + rfc5322_date(date) +
                    "\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: " + type +
                    "\r\nContent-Disposition: " + disposition + "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    const std::string encoded = base64(body);
    for (std::size_t i = 0; i < encoded.size(); i += 76) m += encoded.substr(i, 76) + "\r\n";
    return m;
}

std::string find_sendmail() {
    if (const char* path = std::getenv("PATH")) {
        std::string_view dirs = path;
        while (true) {
            const auto colon = dirs.find(':');
            const std::string dir(dirs.substr(0, colon));
            if (!dir.empty() && executable(dir + "/sendmail")) return dir + "/sendmail";
            if (colon == std::string_view::npos) break;
            dirs.remove_prefix(colon + 1);
        }
    }
    for (const char* p : {"/usr/sbin/sendmail", "/usr/lib/sendmail"}) {
        if (executable(p)) return p;
    }
    return "";
}

std::string send_mail(const std::string& sendmail, const std::string& to, const std::string& message) {
    if (sendmail.empty())
        return "no sendmail command found on PATH, in /usr/sbin or /usr/lib: install an MTA (postfix, exim4) or"
               " send the report another way";
    int fds[2];
    if (::pipe(fds) != 0) return std::string("pipe: ") + std::strerror(errno);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return std::string("fork: ") + std::strerror(errno);
    }
    if (pid == 0) {
        ::dup2(fds[0], 0);
        ::close(fds[0]);
        ::close(fds[1]);
        const char* argv[] = {sendmail.c_str(), "-oi", to.c_str(), nullptr};
        ::execv(sendmail.c_str(), const_cast<char* const*>(argv));
        ::_exit(127);
    }
    ::close(fds[0]);
    // A sendmail that exits early must not kill us with SIGPIPE: its status says why.
    struct sigaction ignore{}, previous{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &previous);
    const bool written = write_all(fds[1], message);
    ::close(fds[1]);
    ::sigaction(SIGPIPE, &previous, nullptr);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) return sendmail + " was killed by signal " + std::to_string(WTERMSIG(status));
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 127) return sendmail + " could not be run";
    if (code != 0) return sendmail + " exited with status " + std::to_string(code) + ": the report was not sent";
    if (!written) return sendmail + " stopped reading the message: the report may not have been sent";
    return "";
}

}  // namespace bounced::report
