#include "jwa.h"

#include <array>

namespace Gatehouse::Core::Jwt {

namespace {

using F = Algorithm::Family;

constexpr std::array<Algorithm, 13> Algorithms{{
    {"HS256", F::Hmac, "SHA2-256", 32, nullptr, 0},
    {"HS384", F::Hmac, "SHA2-384", 48, nullptr, 0},
    {"HS512", F::Hmac, "SHA2-512", 64, nullptr, 0},
    {"RS256", F::RsaPkcs1, "SHA2-256", 32, nullptr, 0},
    {"RS384", F::RsaPkcs1, "SHA2-384", 48, nullptr, 0},
    {"RS512", F::RsaPkcs1, "SHA2-512", 64, nullptr, 0},
    {"PS256", F::RsaPss, "SHA2-256", 32, nullptr, 0},
    {"PS384", F::RsaPss, "SHA2-384", 48, nullptr, 0},
    {"PS512", F::RsaPss, "SHA2-512", 64, nullptr, 0},
    {"ES256", F::Ecdsa, "SHA2-256", 32, "P-256", 32},
    {"ES384", F::Ecdsa, "SHA2-384", 48, "P-384", 48},
    {"ES512", F::Ecdsa, "SHA2-512", 64, "P-521", 66},
    {"EdDSA", F::EdDsa, nullptr, 0, "Ed25519", 0},
}};

} // namespace

const Algorithm *findAlgorithm(const QString &alg)
{
    for (const Algorithm &a : Algorithms) {
        if (alg == QLatin1String(a.name))
            return &a;
    }
    return nullptr;
}

QString keyTypeFor(const Algorithm &algorithm)
{
    switch (algorithm.family) {
    case F::Hmac: return QStringLiteral("oct");
    case F::RsaPkcs1:
    case F::RsaPss: return QStringLiteral("RSA");
    case F::Ecdsa: return QStringLiteral("EC");
    case F::EdDsa: return QStringLiteral("OKP");
    }
    return {};
}

} // namespace Gatehouse::Core::Jwt
