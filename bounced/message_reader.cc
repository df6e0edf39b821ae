#include "bounced/message_reader.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include <boost/filesystem.hpp>

namespace bounced {
namespace fs = boost::filesystem;

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Appends up to the limit and remembers whether anything was cut.
void append_bounded(InputMessage& message, const std::string& line, std::size_t max_bytes) {
    if (message.bytes.size() > max_bytes) {
        message.truncated = true;
        return;
    }
    message.bytes += line;
    message.bytes += '\n';
}

// mboxrd quoting: ">From " and ">>From " lose one '>'.
std::string unquote_from(const std::string& line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == '>') ++i;
    if (i > 0 && line.compare(i, 5, "From ") == 0) return line.substr(1);
    return line;
}

// Streams an mbox: a message starts at a "From " line at the top or after a blank line.
void read_mbox(std::istream& in, const std::string& name, std::size_t max_bytes, const MessageSink& on_message) {
    InputMessage current;
    std::size_t count = 0;
    bool previous_blank = true, in_message = false;
    std::string line;
    auto flush = [&] {
        if (!in_message) return;
        current.source = name + "#" + std::to_string(count);
        on_message(std::move(current));
        current = InputMessage();
    };
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
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

bool read_stream(std::istream& in, const std::string& name, std::size_t max_bytes, const MessageSink& on_message) {
    std::string first;
    if (!std::getline(in, first)) {
        InputMessage empty;
        empty.source = name;
        on_message(std::move(empty));
        return true;
    }
    if (starts_with(first, "From ")) {
        // Put the line back by reading the rest behind it.
        std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::istringstream joined(first + "\n" + rest);
        read_mbox(joined, name, max_bytes, on_message);
        return true;
    }
    InputMessage message;
    message.source = name;
    message.bytes = first + "\n";
    char buffer[16 * 1024];  // not a zero-filled vector: that was 5% of 'classify' on a Maildir
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        if (message.bytes.size() <= max_bytes) message.bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        else message.truncated = true;
    }
    if (message.bytes.size() > max_bytes + 1) {
        message.bytes.resize(max_bytes + 1);
        message.truncated = true;
    }
    on_message(std::move(message));
    return true;
}

bool is_mbox_file(const fs::path& path) {
    std::ifstream in(path.string(), std::ios::binary);
    std::string first;
    return std::getline(in, first) && starts_with(first, "From ");
}

// Old Mac files end lines with a bare CR, so a line reader sees one huge line (and an
// mbox's "From " line would swallow the message). Sniffed from the first 64 KiB.
bool uses_bare_cr(const fs::path& path) {
    std::ifstream in(path.string(), std::ios::binary);
    std::string head(64 * 1024, '\0');
    in.read(&head[0], static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find('\n') == std::string::npos && head.find('\r') != std::string::npos;
}

// Reads a bare-CR file whole (bounded: one message, or an mbox of a few) with its
// line ends turned into LF, then reads that as any other file.
bool read_bare_cr_file(const fs::path& path, std::size_t max_bytes, const MessageSink& on_message) {
    std::ifstream in(path.string(), std::ios::binary);
    std::string text;
    std::vector<char> buffer(64 * 1024);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > 4 * max_bytes) break;  // the reader marks the message too large
    }
    for (auto& c : text)
        if (c == '\r') c = '\n';
    std::istringstream lf(text);
    if (starts_with(text, "From ")) read_mbox(lf, path.string(), max_bytes, on_message);
    else read_stream(lf, path.string(), max_bytes, on_message);
    return true;
}

bool read_file(const fs::path& path, std::size_t max_bytes, const MessageSink& on_message, const ErrorSink& on_error) {
    std::ifstream in(path.string(), std::ios::binary);
    if (!in) {
        on_error(path.string(), "cannot open for reading");
        return false;
    }
    if (uses_bare_cr(path)) return read_bare_cr_file(path, max_bytes, on_message);
    if (is_mbox_file(path)) {
        read_mbox(in, path.string(), max_bytes, on_message);
        return true;
    }
    return read_stream(in, path.string(), max_bytes, on_message);
}

std::vector<fs::path> sorted_files(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const auto name = entry.path().filename().string();
        if (!name.empty() && name[0] != '.' && fs::is_regular_file(entry.status())) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool is_maildir(const fs::path& dir) { return fs::is_directory(dir / "cur") && fs::is_directory(dir / "new"); }

}  // namespace

bool read_messages(const std::string& path, std::size_t max_bytes, const MessageSink& on_message,
                   const ErrorSink& on_error) {
    if (path == "-") return read_stream(std::cin, "-", max_bytes, on_message);
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

}  // namespace bounced
