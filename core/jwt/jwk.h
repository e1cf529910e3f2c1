#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <memory>

struct evp_pkey_st;

namespace Gatehouse::Core::Jwt {

// A verification key as JOSE sees it: its type, the members that restrict its use (alg, use,
// key_ops) and the key material, an OpenSSL EVP_PKEY or an HMAC secret. Keys are validated when
// they are built (RSA >= 2048 bits with a sane exponent and no ROCA fingerprint, EC points on
// their named curve with full-length coordinates, Ed25519 of 32 bytes) so that verification
// never runs with a key that should not be trusted. Secrets never appear in messages.
class Jwk
{
public:
    enum class Type { Oct, Rsa, Ec, Okp };

    // One JWK (RFC 7517 §4). Private members (d, p, q...) are allowed and ignored: only the
    // public half verifies.
    static Result<Jwk> fromJson(QByteArrayView json);
    static Result<Jwk> fromJsonObject(const QJsonObject &jwk);
    // A PEM public key (SPKI), certificate or private key (PKCS#8 / traditional).
    static Result<Jwk> fromPem(QByteArrayView pem);
    // A shared HMAC secret, as raw bytes; alg (HS256/384/512) is optional.
    static Result<Jwk> fromSecret(const QByteArray &secret, const QString &alg = {});

    Type type() const { return m_type; }
    QString typeName() const;      // "oct", "RSA", "EC", "OKP"
    QString kid() const { return m_kid; }
    QString alg() const { return m_alg; }   // empty when the JWK does not restrict it
    QString use() const { return m_use; }
    QStringList keyOps() const { return m_keyOps; }
    QString curve() const { return m_curve; }  // "P-256", "P-384", "P-521", "Ed25519"
    int bits() const { return m_bits; }
    bool isSecret() const { return m_type == Type::Oct; }

    evp_pkey_st *publicKey() const { return m_key.get(); }
    const QByteArray &secret() const { return m_secret; }

    // Whether this key may verify a token whose header says `alg`: the key type and curve fit
    // the algorithm, the JWK's own alg (if any) is the same, use is "sig" and key_ops allows
    // "verify" (if given), and an HMAC secret is at least as long as the hash (RFC 7518 §3.2).
    // Errors: UnsupportedAlg, KeyMismatch, KeyInvalid.
    Result<void> checkUsableFor(const QString &alg) const;

private:
    Type m_type = Type::Oct;
    QString m_kid;
    QString m_alg;
    QString m_use;
    QStringList m_keyOps;
    QString m_curve;
    int m_bits = 0;
    std::shared_ptr<evp_pkey_st> m_key;
    QByteArray m_secret;

    friend struct JwkBuilder;
};

} // namespace Gatehouse::Core::Jwt
