// MailSession (see mail_session.h): libcurl's easy interface, IMAP (RFC 9051, 3501)
// and POP3 (RFC 1939) URLs as libcurl reads them (RFC 5092, RFC 2384).
#include "bounced/mailbox/mail_session.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace bounced::mailbox {
namespace {

struct Sink {
    std::string* text;
    std::size_t max;
};

std::size_t append(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    if (sink->text->size() <= sink->max) sink->text->append(data, std::min(n, sink->max + 1 - sink->text->size()));
    return n;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl: cannot initialise");
    });
}

std::string last_line(const std::string& response) {
    std::string text = response;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const auto nl = text.find_last_of('\n');
    text = nl == std::string::npos ? text : text.substr(nl + 1);
    return text.size() > 300 ? text.substr(0, 300) + "..." : text;
}

}  // namespace

std::string mail_password(const std::string& password, const std::string& password_file) {
    if (password_file.empty()) return password;
    std::ifstream in(password_file);
    std::string line;
    if (!in || !std::getline(in, line)) throw std::runtime_error("option 'source.imap_password_file': cannot read '" + password_file + "'");
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

MailServerOptions mail_server_options(const config::DaemonSettings& s) {
    MailServerOptions o;
    o.url = s.imap_url;
    o.user = s.imap_user;
    o.password = mail_password(s.imap_password, s.imap_password_file);
    return o;
}

std::string url_base(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos || scheme + 3 >= url.size()) return "";
    const auto slash = url.find('/', scheme + 3);
    return (slash == std::string::npos ? url : url.substr(0, slash)) + "/";
}

std::string url_path(const std::string& url) {
    const std::string base = url_base(url);
    return base.empty() || url.size() <= base.size() ? "" : url.substr(base.size());
}

std::string url_decoded(const std::string& text) {
    auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10); };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

MailSession::MailSession(MailServerOptions options) : options_(std::move(options)) {
    global_init();
    open();
}

MailSession::~MailSession() { close(); }

void MailSession::open() {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) throw std::runtime_error("libcurl: curl_easy_init failed");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, options_.stall_timeout);
    // imap:// and pop3:// use STARTTLS when the server offers it; imaps:// and pop3s://
    // are TLS from the start. Certificates are verified (libcurl's default).
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    // XXX: libcurl splits a custom command's response into lines in a buffer of this
    // size and strips lines longer than half of it; mail lines are at most 998 bytes
    // (RFC 5322), so only a message that broke that rule can be altered.
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "imap,imaps,pop3,pop3s");
    curl_ = curl;
}

void MailSession::close() {
    if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
    curl_ = nullptr;
}

MailSession::Result MailSession::perform(const std::string& url, const std::string& command, bool no_body, bool fresh,
                                         std::size_t max_response) {
    if (curl_ == nullptr) open();
    CURL* curl = static_cast<CURL*>(curl_);
    Result result;
    Sink body{&result.body, max_response}, response{&result.response, max_response};
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
    curl_easy_setopt(curl, CURLOPT_NOBODY, no_body ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, fresh ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    // libcurl hands every protocol line to the header callback, including the lines
    // of an IMAP literal that a custom FETCH receives.
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode code = curl_easy_perform(curl);
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    result.new_connection = connects > 0;
    result.ok = code == CURLE_OK;
    if (!result.ok) {
        result.error = error[0] ? error : curl_easy_strerror(code);
        const std::string reply = last_line(result.response);
        if (!reply.empty()) result.error += " (server: " + reply + ")";
    }
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, nullptr);
    return result;
}

bool literal_of(const std::string& response, std::size_t max_bytes, std::string* out) {
    // The line that opens the literal: "* N FETCH (... {SIZE}\r\n".
    std::size_t line_start = 0;
    while (line_start < response.size()) {
        const auto eol = response.find('\n', line_start);
        if (eol == std::string::npos) return false;
        const std::string line = response.substr(line_start, eol + 1 - line_start);
        const auto open = line.rfind('{');
        if (line.compare(0, 2, "* ") == 0 && line.find(" FETCH ") != std::string::npos && open != std::string::npos &&
            line.size() >= open + 4 && line.compare(line.size() - 3, 3, "}\r\n") == 0) {
            char* end = nullptr;
            const unsigned long long size = std::strtoull(line.c_str() + open + 1, &end, 10);
            if (end != line.c_str() + line.size() - 3) return false;
            const std::size_t from = eol + 1;
            const std::size_t take = static_cast<std::size_t>(std::min<unsigned long long>(size, max_bytes + 1));
            *out = response.substr(from, std::min(take, response.size() - from));
            return true;
        }
        line_start = eol + 1;
    }
    return false;
}

}  // namespace bounced::mailbox
