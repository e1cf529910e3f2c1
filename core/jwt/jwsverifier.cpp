#include "jwsverifier.h"

#include "jwa.h"
#include "jwterror.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

namespace Gatehouse::Core::Jwt {

namespace {

struct MdCtxFree { void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); } };
struct MacCtxFree { void operator()(EVP_MAC_CTX *c) const { EVP_MAC_CTX_free(c); } };

// Fetched once: the implicit lookups cost more than a signature check on small inputs.
const EVP_MD *digest(const char *name)
{
    static EVP_MD *sha256 = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
    static EVP_MD *sha384 = EVP_MD_fetch(nullptr, "SHA2-384", nullptr);
    static EVP_MD *sha512 = EVP_MD_fetch(nullptr, "SHA2-512", nullptr);
    if (qstrcmp(name, "SHA2-256") == 0)
        return sha256;
    if (qstrcmp(name, "SHA2-384") == 0)
        return sha384;
    return sha512;
}

EVP_MAC *hmacAlgorithm()
{
    static EVP_MAC *mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    return mac;
}

Error badSignature(const QString &why)
{
    return jwtError(Reason::BadSignature,
                    QStringLiteral("The signature does not verify: %1").arg(why));
}

Error internal()
{
    return makeError(ErrorCode::Internal, QStringLiteral("OpenSSL failed while verifying."));
}

const auto *bytes(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

Result<void> verifyHmac(const Algorithm &a, const Jws &jws, const Jwk &key)
{
    if (jws.signature.size() != a.hashBytes)
        return badSignature(QStringLiteral("an %1 MAC is %2 bytes, this one is %3.")
                                .arg(QLatin1String(a.name))
                                .arg(a.hashBytes)
                                .arg(jws.signature.size()));
    std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(hmacAlgorithm()));
    char digestName[16];
    qstrncpy(digestName, a.digest, sizeof digestName);
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
        OSSL_PARAM_construct_end(),
    };
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!ctx ||
        EVP_MAC_init(ctx.get(), bytes(key.secret()), size_t(key.secret().size()), params) != 1 ||
        EVP_MAC_update(ctx.get(), bytes(jws.signingInput), size_t(jws.signingInput.size())) != 1 ||
        EVP_MAC_final(ctx.get(), mac, &length, sizeof mac) != 1 || length != size_t(a.hashBytes))
        return internal();
    if (CRYPTO_memcmp(mac, jws.signature.constData(), length) != 0)
        return badSignature(QStringLiteral("the MAC differs; the token was altered or signed "
                                           "with another secret."));
    return {};
}

// DER INTEGER of a big-endian unsigned number: minimal, with a 0x00 if the top bit is set.
QByteArray derInteger(QByteArrayView value)
{
    qsizetype start = 0;
    while (start < value.size() - 1 && value[start] == 0)
        ++start;
    QByteArray out = value.sliced(start).toByteArray();
    if (static_cast<unsigned char>(out.at(0)) & 0x80)
        out.prepend('\0');
    out.prepend(char(out.size()));
    out.prepend('\x02');
    return out;
}

QByteArray ecdsaDer(const QByteArray &raw)
{
    const qsizetype half = raw.size() / 2;
    const QByteArray body = derInteger(QByteArrayView(raw).first(half)) +
                            derInteger(QByteArrayView(raw).sliced(half));
    QByteArray out("\x30", 1);
    if (body.size() >= 128)
        out.append('\x81');
    out.append(char(body.size()));
    return out + body;
}

Result<void> verifyAsymmetric(const Algorithm &a, const Jws &jws, const Jwk &key)
{
    QByteArray signature = jws.signature;
    using F = Algorithm::Family;
    if (a.family == F::RsaPkcs1 || a.family == F::RsaPss) {
        const int size = EVP_PKEY_get_size(key.publicKey());
        if (signature.size() != size)
            return badSignature(QStringLiteral("it is %1 bytes, where this %2-bit RSA key makes "
                                               "%3-byte signatures.")
                                    .arg(signature.size())
                                    .arg(key.bits())
                                    .arg(size));
    } else if (a.family == F::Ecdsa) {
        if (signature.size() != 2 * a.coordinateBytes)
            return badSignature(QStringLiteral("an %1 signature is r and s of %2 bytes each (%3 "
                                               "bytes), this one is %4 bytes.")
                                    .arg(QLatin1String(a.name))
                                    .arg(a.coordinateBytes)
                                    .arg(2 * a.coordinateBytes)
                                    .arg(signature.size()));
        signature = ecdsaDer(signature);
    } else if (signature.size() != 64) {
        return badSignature(QStringLiteral("an Ed25519 signature is 64 bytes, this one is %1.")
                                .arg(signature.size()));
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    const EVP_MD *md = a.digest ? digest(a.digest) : nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key.publicKey()) != 1)
        return internal();
    if (a.family == F::RsaPss &&
        (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1 ||
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
        return internal();
    const int verdict = EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()),
                                         bytes(jws.signingInput), size_t(jws.signingInput.size()));
    if (verdict != 1)
        return badSignature(QStringLiteral("the token was altered, or signed by another key."));
    return {};
}

} // namespace

Result<void> verifySignature(const Jws &jws, const Jwk &key)
{
    const QString &alg = jws.header.alg;
    if (alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return jwtError(Reason::AlgNone,
                        QStringLiteral("The token says \"alg\": \"%1\", i.e. it is unsigned; "
                                       "Gatehouse never accepts unsigned tokens.")
                            .arg(alg));
    if (!jws.header.crit.isEmpty())
        return jwtError(Reason::UnsupportedCrit,
                        QStringLiteral("The header marks %1 as critical (\"crit\"); Gatehouse "
                                       "implements no JWS extensions, so it must refuse the token "
                                       "(RFC 7515 §4.1.11).")
                            .arg(jws.header.crit.join(QStringLiteral(", "))));
    if (Result<void> usable = key.checkUsableFor(alg); !usable)
        return usable;
    const Algorithm *a = findAlgorithm(alg);
    if (a->family == Algorithm::Family::Hmac)
        return verifyHmac(*a, jws, key);
    return verifyAsymmetric(*a, jws, key);
}

} // namespace Gatehouse::Core::Jwt
