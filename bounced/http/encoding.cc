// The webhooks' encodings (see encoding.h). Base64 with OpenSSL's decoder, which does
// the work but counts the padding as zero bytes.
#include "bounced/http/encoding.h"

#include <openssl/evp.h>

namespace bounced::http {

bool decode_base64(const std::string& text, std::string* bytes) {
    bytes->clear();
    if (text.empty() || text.size() % 4 != 0 ||
        text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != std::string::npos)
        return false;
    const auto pad = text.find('=');
    if (pad != std::string::npos && (pad + 2 < text.size() || text.find_first_not_of('=', pad) != std::string::npos))
        return false;
    bytes->assign(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes->data()),
                                  reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return false;
    // EVP_DecodeBlock counts the padding as zero bytes.
    bytes->resize(static_cast<std::size_t>(n) - (pad == std::string::npos ? 0 : text.size() - pad));
    return true;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (std::size_t i = 0; i < size; ++i) out += {kHex[bytes[i] >> 4], kHex[bytes[i] & 15]};
    return out;
}

std::string to_hex(const std::string& bytes) {
    return to_hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string sha256(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) return "";
    return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace bounced::http
