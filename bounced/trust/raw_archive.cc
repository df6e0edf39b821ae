// RawArchive (see raw_archive.h).
#include "bounced/trust/raw_archive.h"

#include <boost/filesystem.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = boost::filesystem;

namespace bounced::trust {
namespace {

std::string day_of(db::Time t) {
    const std::time_t seconds = db::Clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// A fingerprint is lower-case hex; anything else never becomes a path.
bool safe_name(const std::string& fingerprint) {
    if (fingerprint.empty() || fingerprint.size() > 128) return false;
    for (char c : fingerprint)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

std::string RawArchive::keep(std::string_view bytes, const std::string& fingerprint, db::Time arrived) const {
    if (!safe_name(fingerprint)) return "not a fingerprint: " + fingerprint;
    const fs::path day = fs::path(dir_) / day_of(arrived);
    boost::system::error_code ec;
    fs::create_directories(day, ec);
    if (ec) return "cannot create " + day.string() + ": " + ec.message();
    const fs::path final_path = day / (fingerprint + ".eml");
    if (fs::exists(final_path, ec)) return "";  // the same bytes, kept before
    const fs::path temporary = day / ("." + fingerprint + ".tmp");
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return "cannot write " + temporary.string();
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    const bool ok = done == bytes.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(temporary.c_str(), final_path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return "cannot write " + final_path.string();
    }
    return "";
}

bool RawArchive::find(const std::string& fingerprint, std::string* bytes) const {
    if (!safe_name(fingerprint)) return false;
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path candidate = it->path() / (fingerprint + ".eml");
        std::ifstream in(candidate.string(), std::ios::binary);
        if (!in) continue;
        bytes->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        return true;
    }
    return false;
}

std::size_t RawArchive::purge(double retention_seconds, db::Time now) const {
    const auto cutoff = now - std::chrono::duration_cast<db::Clock::duration>(std::chrono::duration<double>(retention_seconds));
    const std::string oldest_kept = day_of(cutoff);
    std::vector<fs::path> old_days;
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // Only our own YYYY-MM-DD folders; they sort as text in date order.
        if (name.size() == 10 && name[4] == '-' && name[7] == '-' && name < oldest_kept) old_days.push_back(it->path());
    }
    std::size_t removed = 0;
    for (const auto& day : old_days) {
        boost::system::error_code remove_error;
        fs::remove_all(day, remove_error);
        if (!remove_error) ++removed;
    }
    return removed;
}

}  // namespace bounced::trust
