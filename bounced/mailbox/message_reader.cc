#include "bounced/mailbox/message_reader.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include <boost/filesystem.hpp>

namespace bounced::mailbox {
namespace fs = boost::filesystem;

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;  // how much decides bare-CR and mbox

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Appends a line and its '\n', keeping at most max_bytes + 1 bytes (the contract of
// InputMessage), and remembers whether anything was cut.
void append_bounded(InputMessage& message, std::string_view line, std::size_t max_bytes) {
    const std::size_t keep = max_bytes + 1;
    const std::size_t room = keep - std::min(message.bytes.size(), keep);
    if (line.size() < room) {
        message.bytes += line;
        message.bytes += '\n';
        return;
    }
    message.bytes += line.substr(0, room);
    message.truncated = true;
}

// mboxrd quoting: ">From " and ">>From " lose one '>'.
std::string_view unquote_from(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == '>') ++i;
    if (i > 0 && line.substr(i, 5) == "From ") return line.substr(1);
    return line;
}

// Old Mac files end lines with a bare CR; they are read with each CR turned into LF.
void cr_to_lf(char* text, std::size_t size) {
    for (char* end = text + size; (text = static_cast<char*>(std::memchr(text, '\r', end - text))) != nullptr; ++text)
        *text = '\n';
}

// Lines of an open file, read in large blocks: an mbox of thousands of messages
// costs a memchr per line instead of an istream getline.
class FileLines {
public:
    // `head` holds the bytes already read from `fd` (the sniffed start); `at_end`
    // says it is the whole file (a Maildir file that starts with "From "). A line
    // longer than `max_line` is handed out cut to that length and the rest of it
    // skipped, so that a file without line ends is never held whole. With
    // `bare_cr`, every CR read is taken as a line end ('\n'); `head` is already so.
    FileLines(int fd, std::string head, bool at_end, std::size_t max_line, bool bare_cr)
        : fd_(fd), buffer_(std::move(head)), eof_(at_end), max_line_(max_line), bare_cr_(bare_cr) {}
    bool next(std::string_view& line) {
        for (;;) {
            const char* start = buffer_.data() + pos_;
            const std::size_t available = buffer_.size() - pos_;
            if (const void* nl = std::memchr(start, '\n', available)) {
                const std::size_t length = static_cast<const char*>(nl) - start;
                pos_ += length + 1;
                if (skipping_) {
                    skipping_ = false;
                    continue;
                }
                line = std::string_view(start, length);
                return true;
            }
            if (eof_) {
                pos_ = buffer_.size();
                if (available == 0 || skipping_) return false;
                line = std::string_view(start, available);  // the last line lacks its '\n'
                return true;
            }
            if (skipping_) pos_ = buffer_.size();
            if (!skipping_ && available > max_line_) {
                line = std::string_view(start, max_line_);
                pos_ = buffer_.size();
                skipping_ = true;
                return true;
            }
            refill();
        }
    }

private:
    static constexpr std::size_t kBlock = 256 * 1024;

    void refill() {
        buffer_.erase(0, pos_);
        pos_ = 0;
        const std::size_t had = buffer_.size();
        buffer_.resize(had + kBlock);
        const ssize_t got = read_some(buffer_.data() + had, kBlock);
        buffer_.resize(had + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
        if (got <= 0) eof_ = true;
        if (bare_cr_) cr_to_lf(&buffer_[had], buffer_.size() - had);
    }

    ssize_t read_some(char* to, std::size_t n) {
        for (;;) {
            const ssize_t got = ::read(fd_, to, n);
            if (got >= 0 || errno != EINTR) return got;
        }
    }

    int fd_;
    std::string buffer_;
    std::size_t pos_ = 0;
    bool eof_;
    std::size_t max_line_;
    bool bare_cr_;
    bool skipping_ = false;  // the rest of a cut line, up to its '\n'
};

// Streams an mbox: a message starts at a "From " line at the top or after a blank line.
void read_mbox(FileLines& lines, const std::string& name, std::size_t max_bytes, const MessageSink& on_message) {
    InputMessage current;
    std::size_t count = 0;
    bool previous_blank = true, in_message = false;
    std::string_view line;
    auto flush = [&] {
        if (!in_message) return;
        current.source = name + "#" + std::to_string(count);
        on_message(std::move(current));
        current = InputMessage();
    };
    while (lines.next(line)) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (previous_blank && starts_with(line, "From ")) {
            flush();
            ++count;
            in_message = true;
            previous_blank = false;
            continue;
        }
        previous_blank = line.empty();
        if (in_message) append_bounded(current, unquote_from(line), max_bytes);
    }
    flush();
}

// One message as read, at most max_bytes + 1 bytes kept: more means "too large".
// A file of one line without its '\n' gets one (the line reader always did).
InputMessage bounded_message(const std::string& name, std::string bytes, std::size_t max_bytes) {
    InputMessage message;
    message.source = name;
    if (!bytes.empty() && bytes.find('\n') == std::string::npos) bytes += '\n';
    if (bytes.size() > max_bytes + 1) {
        bytes.resize(max_bytes + 1);
        message.truncated = true;
    }
    message.bytes = std::move(bytes);
    return message;
}

// Old Mac files end lines with a bare CR, so a line reader sees one huge line (and an
// mbox's "From " line would swallow the message). Sniffed from the first 64 KiB.
bool uses_bare_cr(std::string_view head) {
    head = head.substr(0, kSniffBytes);
    return head.find('\n') == std::string_view::npos && head.find('\r') != std::string_view::npos;
}

// Closes the descriptor however the reading ends.
struct FileDescriptor {
    int fd;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

// What fstat says of an open file: how much to reserve, and whether a short read
// is its end.
struct FileInfo {
    std::size_t size = 0;
    bool regular = false;
};

FileInfo file_info(int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return {};
    return {info.st_size > 0 ? static_cast<std::size_t>(info.st_size) : 0, S_ISREG(info.st_mode)};
}

// Reads up to `limit` bytes, or fewer at the end of the file; false on a read error.
// A regular file's read returns fewer bytes than asked only at its end, so there a
// short read ends the reading without one more read to see 0 (a pipe's does not).
bool read_up_to(int fd, std::string& into, std::size_t limit, bool regular) {
    while (into.size() < limit) {
        const std::size_t had = into.size();
        // Into the room reserved for the file's size (and its end), else a growing block.
        const std::size_t room = into.capacity() > had ? into.capacity() - had : std::max<std::size_t>(had, 16 * 1024);
        const std::size_t want = std::min(limit - had, room);
        into.resize(had + want);
        ssize_t got;
        do got = ::read(fd, &into[had], want);
        while (got < 0 && errno == EINTR);
        into.resize(had + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
        if (got < 0) return false;
        if (got == 0 || (regular && static_cast<std::size_t>(got) < want)) break;
    }
    return true;
}

bool read_failed(const std::string& name, const ErrorSink& on_error) {
    on_error(name, "cannot read: " + std::string(std::strerror(errno)));
    return false;
}

// Reads one message or an mbox from `fd`, for a message file in one read sized by
// fstat: the kind (bare CR, mbox, one message) is decided from the first 64 KiB.
// An mbox is streamed; a message is read one byte past the limit at most (that
// byte tells a too-large message apart).
bool read_descriptor(int fd, const std::string& name, std::size_t max_bytes, const MessageSink& on_message,
                     const ErrorSink& on_error) {
    const FileInfo file = file_info(fd);
    std::string bytes;
    bytes.reserve(std::min(file.size, kSniffBytes) + 1);
    if (!read_up_to(fd, bytes, kSniffBytes, file.regular)) return read_failed(name, on_error);
    const bool bare_cr = uses_bare_cr(bytes);
    if (bare_cr) cr_to_lf(bytes.data(), bytes.size());
    if (starts_with(bytes, "From ")) {
        const bool whole = bytes.size() < kSniffBytes;
        FileLines lines(fd, std::move(bytes), whole, max_bytes + 1, bare_cr);
        read_mbox(lines, name, max_bytes, on_message);
        return true;
    }
    const std::size_t sniffed = bytes.size();
    if (sniffed == kSniffBytes) {  // fewer means the file has ended: no read to learn it again
        bytes.reserve(std::min(file.size, max_bytes + 2) + 1);
        if (!read_up_to(fd, bytes, max_bytes + 2, file.regular)) return read_failed(name, on_error);
        if (bare_cr) cr_to_lf(&bytes[sniffed], bytes.size() - sniffed);
    }
    on_message(bounded_message(name, std::move(bytes), max_bytes));
    return true;
}

bool read_file(const fs::path& path, std::size_t max_bytes, const MessageSink& on_message, const ErrorSink& on_error) {
    const std::string name = path.string();
    FileDescriptor file{::open(name.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        on_error(name, "cannot open for reading: " + std::string(std::strerror(errno)));
        return false;
    }
    return read_descriptor(file.fd, name, max_bytes, on_message, on_error);
}

// Standard input is read like a file, then drained: whoever writes into the pipe
// sees its whole message taken, even one past the limit.
bool read_standard_input(std::size_t max_bytes, const MessageSink& on_message, const ErrorSink& on_error) {
    const bool ok = read_descriptor(STDIN_FILENO, "-", max_bytes, on_message, on_error);
    char sink[16 * 1024];
    for (;;) {
        const ssize_t got = ::read(STDIN_FILENO, sink, sizeof sink);
        if (got == 0 || (got < 0 && errno != EINTR)) return ok;
    }
}

bool is_regular_entry(const fs::path& dir, const struct dirent& entry) {
    if (entry.d_type == DT_REG) return true;
    if (entry.d_type != DT_LNK && entry.d_type != DT_UNKNOWN) return false;
    struct stat info {};  // a link (followed, as before) or a file system without d_type
    return ::stat((dir / entry.d_name).c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// Names compared as strings: the same order as comparing the paths (one directory),
// without boost's element-by-element path comparison (13% of a 1,500-file run).
// readdir's d_type tells regular files apart without the stat per entry that
// boost's directory_entry::status() made.
std::vector<fs::path> sorted_files(const fs::path& dir) {
    DIR* stream = ::opendir(dir.c_str());
    if (stream == nullptr) throw fs::filesystem_error("directory", dir, boost::system::error_code(errno, boost::system::system_category()));
    std::vector<std::string> names;
    while (const struct dirent* entry = ::readdir(stream)) {
        if (entry->d_name[0] != '.' && is_regular_entry(dir, *entry)) names.emplace_back(entry->d_name);
    }
    ::closedir(stream);
    std::sort(names.begin(), names.end());
    std::vector<fs::path> files;
    files.reserve(names.size());
    for (const auto& name : names) files.push_back(dir / name);
    return files;
}

bool is_maildir(const fs::path& dir) { return fs::is_directory(dir / "cur") && fs::is_directory(dir / "new"); }

}  // namespace
bool read_messages(const std::string& path, std::size_t max_bytes, const MessageSink& on_message,
                   const ErrorSink& on_error) {
    if (path == "-") return read_standard_input(max_bytes, on_message, on_error);
    boost::system::error_code ec;
    fs::path p(path);
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
        on_error(path, "no such file or directory");
        return false;
    }
    try {
        if (!fs::is_directory(status)) return read_file(p, max_bytes, on_message, on_error);
        bool ok = true;
        std::vector<fs::path> dirs = is_maildir(p) ? std::vector<fs::path>{p / "new", p / "cur"} : std::vector<fs::path>{p};
        for (const auto& dir : dirs)
            for (const auto& file : sorted_files(dir)) ok = read_file(file, max_bytes, on_message, on_error) && ok;
        return ok;
    } catch (const fs::filesystem_error& e) {
        on_error(path, e.code().message());
        return false;
    }
}

}  // namespace bounced::mailbox
