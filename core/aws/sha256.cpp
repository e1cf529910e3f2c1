#include "sha256.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace Gatehouse::Core::Aws {

namespace {

constexpr int Sha256Size = 32;

struct MdContextFree
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct MacContextFree
{
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};

// Explicitly fetched once: the implicit EVP_sha256() path looks the algorithm up on every call.
const EVP_MD *sha256Algorithm()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
    return md;
}

// One reusable context per thread; EVP_DigestInit_ex2 / EVP_MAC_init reset it for each use.
EVP_MD_CTX *digestContext()
{
    thread_local std::unique_ptr<EVP_MD_CTX, MdContextFree> ctx(EVP_MD_CTX_new());
    return ctx.get();
}

EVP_MAC_CTX *createHmacContext()
{
    EVP_MAC *mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    if (!mac)
        return nullptr;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac); // the context keeps its own reference
    if (!ctx)
        return nullptr;
    char digest[] = "SHA2-256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_CTX_set_params(ctx, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return nullptr;
    }
    return ctx;
}

EVP_MAC_CTX *hmacContext()
{
    thread_local std::unique_ptr<EVP_MAC_CTX, MacContextFree> ctx(createHmacContext());
    return ctx.get();
}

} // namespace

QByteArray sha256(const QByteArray &data)
{
    EVP_MD_CTX *ctx = digestContext();
    const EVP_MD *md = sha256Algorithm();
    unsigned char out[Sha256Size];
    unsigned int length = 0;
    if (!ctx || !md || EVP_DigestInit_ex2(ctx, md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx, data.constData(), size_t(data.size())) != 1 ||
        EVP_DigestFinal_ex(ctx, out, &length) != 1 || length != Sha256Size)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), Sha256Size);
}

QByteArray sha256Hex(const QByteArray &data)
{
    return sha256(data).toHex();
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    EVP_MAC_CTX *ctx = hmacContext();
    unsigned char out[Sha256Size];
    size_t length = 0;
    // HMAC accepts an empty key, but EVP_MAC_init would read a null pointer as "keep the old key".
    static const unsigned char noKey = 0;
    const auto *keyBytes =
        key.isEmpty() ? &noKey : reinterpret_cast<const unsigned char *>(key.constData());
    if (!ctx || EVP_MAC_init(ctx, keyBytes, size_t(key.size()), nullptr) != 1 ||
        EVP_MAC_update(ctx, reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1 ||
        EVP_MAC_final(ctx, out, &length, sizeof out) != 1 || length != Sha256Size)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), Sha256Size);
}

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace Gatehouse::Core::Aws
