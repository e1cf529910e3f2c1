#pragma once

#include <QString>

namespace Gatehouse::Core::Jwt {

// The JWS algorithms of RFC 7518 §3 (and EdDSA, RFC 8037) that Gatehouse verifies.
struct Algorithm
{
    enum class Family { Hmac, RsaPkcs1, RsaPss, Ecdsa, EdDsa };

    const char *name;     // "RS256"
    Family family;
    const char *digest;   // OpenSSL name, "SHA2-256"; null for EdDSA
    int hashBytes;        // 32/48/64; 0 for EdDSA
    const char *curve;    // JOSE crv for ES* and EdDSA ("P-256", "Ed25519"); null otherwise
    int coordinateBytes;  // ES*: bytes of r and of s (32, 48, 66)
};

// Null for "none", unknown names and anything Gatehouse does not verify (ES256K, Ed448...).
const Algorithm *findAlgorithm(const QString &alg);
QString keyTypeFor(const Algorithm &algorithm); // "oct", "RSA", "EC", "OKP"

} // namespace Gatehouse::Core::Jwt
