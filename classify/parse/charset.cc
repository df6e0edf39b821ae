#include "classify/parse/charset.h"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

#include "classify/text.h"

namespace classify {
namespace {

// MIME names that glibc's iconv spells differently, or that senders get wrong.
std::string iconv_name(std::string_view charset) {
    std::string name = lower(trim(charset));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    if (name == "shift_jis" || name == "sjis" || name == "x-sjis" || name == "shift-jis" ||
        name == "windows-31j" || name == "ms932" || name == "cp932")
        return "CP932";  // a superset of Shift_JIS that real senders actually use
    if (name == "iso-2022-jp" || name == "iso-2022-jp-1" || name == "csiso2022jp")
        return "ISO-2022-JP-2";
    if (name == "euc-jp" || name == "x-euc-jp") return "EUC-JP-MS";
    if (name == "ks_c_5601-1987") return "CP949";
    if (name == "gb2312") return "GB18030";
    return name;
}

bool is_utf8_name(std::string_view name) { return name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii"; }

struct IconvCloser {
    void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

// One converter per charset and thread; iconv_open is costly and bounces repeat
// the same few charsets. The cache is bounded because charset names are input.
iconv_t converter_for(const std::string& name) {
    thread_local std::map<std::string, IconvHandle> cache;
    auto it = cache.find(name);
    if (it != cache.end()) return static_cast<iconv_t>(it->second.get());
    if (cache.size() > 64) return reinterpret_cast<iconv_t>(-1);
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return cd;
    cache.emplace(name, IconvHandle(cd));
    return cd;
}

std::string convert(std::string_view text, iconv_t cd) {
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
    std::string out;
    out.reserve(text.size() * 3 / 2 + 16);
    char buffer[4096];
    char* in = const_cast<char*>(text.data());
    std::size_t in_left = text.size();
    while (in_left > 0) {
        char* dst = buffer;
        std::size_t dst_left = sizeof buffer;
        std::size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
        out.append(buffer, static_cast<std::size_t>(dst - buffer));
        if (rc != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        // EILSEQ or EINVAL: skip one byte, mark it, carry on.
        out += "\xEF\xBF\xBD";
        ++in;
        --in_left;
    }
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    iconv(cd, nullptr, nullptr, &dst, &dst_left);
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    return out;
}

// A byte of a single-byte charset in UTF-8: at most three bytes (the BMP), padded
// to four so that a conversion copies a whole entry and moves by its size.
struct Utf8Of {
    char bytes[4];
    unsigned char size;
};
using ByteTable = std::array<Utf8Of, 256>;

// Fills `table` from iconv itself, one byte at a time, so the mapping is glibc's;
// a byte it refuses becomes U+FFFD, as convert() makes it. False if some byte needs
// more than three bytes of UTF-8 or a state (then the charset is not single-byte).
bool fill_byte_table(iconv_t cd, ByteTable& table) {
    for (int byte = 0; byte < 256; ++byte) {
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        char in_byte = static_cast<char>(byte), out[8];
        char *in = &in_byte, *dst = out;
        std::size_t in_left = 1, dst_left = sizeof out;
        Utf8Of& entry = table[byte];
        if (iconv(cd, &in, &in_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
            if (errno != EILSEQ) return false;  // E2BIG, or EINVAL: a byte that starts a sequence
            std::memcpy(entry.bytes, "\xEF\xBF\xBD", 3);
            entry.size = 3;
            continue;
        }
        const std::size_t size = sizeof out - dst_left;
        if (size > 3 || iconv(cd, nullptr, nullptr, &dst, &dst_left) != 0 || sizeof out - dst_left != size) return false;
        std::memcpy(entry.bytes, out, size);
        entry.size = static_cast<unsigned char>(size);
    }
    return true;
}

// windows-1252 and ISO-8859-1/15 (the charsets of mislabelled and unlabelled 8-bit
// text) convert by a table: iconv stops at each byte it refuses, and windows-1252
// text full of refused bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) cost one restart each,
// 4,872 restarts in 212 conversions over 1,512 corpus messages.
const ByteTable* byte_table_for(const std::string& name, iconv_t cd) {
    static const char* const kSingleByte[] = {"CP1252", "cp1252", "windows-1252", "iso-8859-1", "iso8859-1",
                                              "latin1", "iso-8859-15"};
    thread_local std::map<std::string, std::unique_ptr<ByteTable>> tables;
    auto it = tables.find(name);
    if (it != tables.end()) return it->second.get();
    bool single_byte = false;
    for (const char* known : kSingleByte) single_byte = single_byte || name == known;
    auto table = std::make_unique<ByteTable>();
    if (!single_byte || !fill_byte_table(cd, *table)) table.reset();
    return tables.emplace(name, std::move(table)).first->second.get();
}

std::string convert_by_table(std::string_view text, const ByteTable& table) {
    std::size_t size = 0;
    for (unsigned char byte : text) size += table[byte].size;
    std::string out(size + 3, '\0');  // + 3: the last entry is copied whole, four bytes
    char* dst = out.data();
    for (unsigned char byte : text) {
        const Utf8Of& entry = table[byte];
        std::memcpy(dst, entry.bytes, 4);
        dst += entry.size;
    }
    out.resize(size);
    return out;
}

bool has_iso2022_escape(std::string_view text) {
    return text.find("\x1B$B") != std::string_view::npos || text.find("\x1B$@") != std::string_view::npos ||
           text.find("\x1B(J") != std::string_view::npos;
}

bool is_ascii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

}  // namespace

std::string to_utf8(std::string_view text, std::string_view charset) {
    // Most bounce text is 7-bit without an escape: it passes as it is, before any
    // work on the charset name (this is called for every header field too).
    if (is_plain_ascii(text)) return std::string(text);
    std::string name = iconv_name(charset);
    if (is_ascii(text) && !has_iso2022_escape(text)) return std::string(text);
    if (has_iso2022_escape(text)) name = "ISO-2022-JP-2";
    else if (name == "ISO-2022-JP-2") {
        // 8-bit text labelled with the 7-bit Japanese charset: relays and archives
        // that re-encoded the body kept the old label. It is UTF-8 or EUC-JP.
        if (is_valid_utf8(text)) return std::string(text);
        name = "EUC-JP-MS";
    } else if (name.empty() || is_utf8_name(name)) {
        if (is_valid_utf8(text)) return std::string(text);
        name = name.empty() ? "CP1252" : name;
        if (is_utf8_name(name)) return repair_utf8(text);
    }
    iconv_t cd = converter_for(name);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        if (is_valid_utf8(text)) return std::string(text);
        name = "CP1252";
        cd = converter_for(name);
        if (cd == reinterpret_cast<iconv_t>(-1)) return repair_utf8(text);
    }
    if (const ByteTable* table = byte_table_for(name, cd)) return convert_by_table(text, *table);
    return convert(text, cd);
}

}  // namespace classify
