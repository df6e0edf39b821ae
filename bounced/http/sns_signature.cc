// SNS signature checking (see sns_signature.h) with OpenSSL's EVP interface.
#include "bounced/http/sns_signature.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

#include "bounced/http/encoding.h"

namespace bounced::http {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxSignatureBase64 = 2048;  // a 4096-bit RSA signature is 684 characters

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

// Appends "Name\nvalue\n"; false when the field is absent or not a string.
bool add_field(const Json& message, const char* name, std::string* out) {
    const auto it = message.find(name);
    if (it == message.end() || !it->is_string()) return false;
    *out += name;
    *out += '\n';
    *out += it->get<std::string>();
    *out += '\n';
    return true;
}

}  // namespace

std::string sns_string_to_sign(const Json& message, std::string* why) {
    const auto type = message.find("Type");
    const std::string t = type != message.end() && type->is_string() ? type->get<std::string>() : "";
    std::vector<const char*> fields;
    if (t == "Notification") {
        fields = {"Message", "MessageId"};
        if (message.contains("Subject")) fields.push_back("Subject");
        fields.insert(fields.end(), {"Timestamp", "TopicArn", "Type"});
    } else if (t == "SubscriptionConfirmation" || t == "UnsubscribeConfirmation") {
        fields = {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
    } else {
        *why = "Type: Notification, SubscriptionConfirmation or UnsubscribeConfirmation";
        return "";
    }
    std::string text;
    for (const char* name : fields)
        if (!add_field(message, name, &text)) return *why = std::string(name) + ": a string, signed by SNS", "";
    return text;
}

std::string verify_sns_signature(const Json& message, const std::string& certificate_pem) {
    std::string why;
    const std::string signed_text = sns_string_to_sign(message, &why);
    if (signed_text.empty()) return why;
    const auto version = message.find("SignatureVersion");
    const std::string v = version != message.end() && version->is_string() ? version->get<std::string>() : "";
    const EVP_MD* digest = v == "1" ? EVP_sha1() : v == "2" ? EVP_sha256() : nullptr;
    if (!digest) return "SignatureVersion: \"1\" or \"2\"";
    const auto signature = message.find("Signature");
    std::string sig;
    if (signature == message.end() || !signature->is_string() ||
        signature->get<std::string>().size() > kMaxSignatureBase64 || !decode_base64(signature->get<std::string>(), &sig))
        return "Signature: base64 text";

    BioPtr bio(BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) return "the signing certificate is not a PEM X.509 certificate";
    // An expired (or not yet valid) certificate no longer vouches for anything.
    if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0 ||
        X509_cmp_current_time(X509_get0_notBefore(cert.get())) >= 0)
        return "the signing certificate is outside its validity dates";
    KeyPtr key(X509_get_pubkey(cert.get()));
    if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) return "the signing certificate's key is not RSA";
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, digest, nullptr, key.get()) != 1)
        return "the signature could not be checked (OpenSSL)";
    const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                                    reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size());
    return ok == 1 ? "" : "Signature: does not verify under SigningCertURL's certificate";
}

}  // namespace bounced::http
