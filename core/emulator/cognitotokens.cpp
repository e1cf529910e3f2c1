#include "cognitotokens.h"

#include "core/jwt/base64url.h"
#include "core/jwt/jws.h"
#include "core/jwt/jwsverifier.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <memory>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

namespace Gatehouse::Emulator {

namespace {

struct MdCtxFree
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

QByteArray bigNumParam(const EVP_PKEY *key, const char *name)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        return {};
    QByteArray out(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char *>(out.data()));
    BN_free(bn);
    return out;
}

QString b64url(QByteArrayView bytes)
{
    return QString::fromLatin1(Core::Jwt::base64UrlEncode(bytes));
}

} // namespace

CognitoTokens::CognitoTokens()
{
    m_key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
    if (!m_key)
        return;
    m_modulus = bigNumParam(m_key, OSSL_PKEY_PARAM_RSA_N);
    m_exponent = bigNumParam(m_key, OSSL_PKEY_PARAM_RSA_E);
    // RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.
    const QByteArray canonical = "{\"e\":\"" + Core::Jwt::base64UrlEncode(m_exponent) +
                                 "\",\"kty\":\"RSA\",\"n\":\"" +
                                 Core::Jwt::base64UrlEncode(m_modulus) + "\"}";
    m_keyId = b64url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256));
    if (Core::Result<Core::Jwt::Jwk> key = Core::Jwt::Jwk::fromJsonObject(publicJwk()))
        m_publicKey = std::move(key).value();
}

CognitoTokens::~CognitoTokens()
{
    EVP_PKEY_free(m_key);
}

QJsonObject CognitoTokens::publicJwk() const
{
    return QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")},
                       {QStringLiteral("e"), b64url(m_exponent)},
                       {QStringLiteral("kid"), m_keyId},
                       {QStringLiteral("kty"), QStringLiteral("RSA")},
                       {QStringLiteral("n"), b64url(m_modulus)},
                       {QStringLiteral("use"), QStringLiteral("sig")}};
}

QByteArray CognitoTokens::jwks() const
{
    const QJsonObject doc{{QStringLiteral("keys"), QJsonArray{publicJwk()}}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QString CognitoTokens::sign(const QJsonObject &claims) const
{
    if (!m_key)
        return {};
    const QJsonObject header{{QStringLiteral("kid"), m_keyId},
                             {QStringLiteral("alg"), QStringLiteral("RS256")}};
    const QByteArray input =
        Core::Jwt::base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        Core::Jwt::base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    MdCtx ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size())) != 1)
        return {};
    signature.truncate(qsizetype(length));
    return QString::fromLatin1(input + '.' + Core::Jwt::base64UrlEncode(signature));
}

// core/jwt's verifier, with this key as the only one allowed to have signed.
std::optional<QJsonObject> CognitoTokens::verify(const QString &token) const
{
    if (!m_key)
        return std::nullopt;
    const Core::Result<Core::Jwt::Jws> jws = Core::Jwt::decodeCompact(token.toLatin1());
    if (!jws || jws->header.alg != QLatin1String("RS256") || jws->header.kid != m_keyId)
        return std::nullopt;
    if (!m_publicKey || !Core::Jwt::verifySignature(*jws, *m_publicKey))
        return std::nullopt;
    const QJsonDocument claims = QJsonDocument::fromJson(jws->payload);
    if (!claims.isObject())
        return std::nullopt;
    return claims.object();
}

} // namespace Gatehouse::Emulator
