// read_public_key_file and read_credentials_file (see webhook_keys.h).
#include "config/webhook_keys.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "config/http_settings.h"

namespace config {
namespace {

constexpr std::size_t kMaxKeyFile = 16 * 1024;

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// Base64 text (whitespace ignored) to bytes; false when it is not base64.
bool decode_base64(const std::string& text, std::string* out) {
    std::string b64;
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') b64 += c;
    if (b64.empty() || b64.size() % 4 != 0) return false;
    out->assign(b64.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out->data()),
                                  reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
    if (n < 0) return false;
    // EVP_DecodeBlock counts the padding as zero bytes.
    std::size_t size = static_cast<std::size_t>(n);
    for (std::size_t i = b64.size(); i > 0 && b64[i - 1] == '='; --i) --size;
    out->resize(size);
    return true;
}

Key parse_key(const std::string& text) {
    if (text.find("-----BEGIN") != std::string::npos) {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())),
                                                      &BIO_free);
        return Key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    }
    std::string der;
    if (!decode_base64(text, &der)) return Key(nullptr, &EVP_PKEY_free);
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
    Key key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())), &EVP_PKEY_free);
    // Trailing bytes after the key: not the text SendGrid shows.
    if (key && p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) key.reset();
    return key;
}

}  // namespace

std::string read_public_key_file(const std::string& path, std::string* der) {
    der->clear();
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "cannot read '" + path + "'";
    if (!S_ISREG(st.st_mode)) return "'" + path + "' is not a regular file";
    if (st.st_mode & (S_IWGRP | S_IWOTH)) return "'" + path + "' is writable by others: chmod 644 it";
    if (static_cast<std::size_t>(st.st_size) > kMaxKeyFile) return "'" + path + "' is larger than 16 KiB";
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    if (!(in && text << in.rdbuf())) return "cannot read '" + path + "'";
    const Key key = parse_key(text.str());
    const std::string why = "'" + path + "' holds no public key: the base64 text of SendGrid's verification "
                            "key (MFkwEwYHKoZIzj0CAQYI...) or a PEM PUBLIC KEY block";
    if (!key) return why;
    char group[64] = "";
    std::size_t length = 0;
    if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_EC ||
        EVP_PKEY_get_group_name(key.get(), group, sizeof group, &length) != 1 || std::string(group) != "prime256v1")
        return "'" + path + "': the key must be an EC key on P-256 (prime256v1), as SendGrid's is";
    unsigned char* out = nullptr;
    const int n = i2d_PUBKEY(key.get(), &out);
    if (n <= 0) return why;
    der->assign(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
    OPENSSL_free(out);
    return "";
}

std::string read_credentials_file(const std::string& path, std::string* user, std::string* password) {
    user->clear();
    password->clear();
    std::string line;
    if (const std::string why = read_token_file(path, &line); !why.empty()) return why;
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == line.size())
        return "'" + path + "': the first line must be user:password";
    *user = line.substr(0, colon);
    *password = line.substr(colon + 1);
    return "";
}

}  // namespace config
