#pragma once

#include "core/jwt/jwk.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

struct evp_pkey_st; // OpenSSL's EVP_PKEY

namespace Gatehouse::Emulator {

// The emulator's Cognito signing key: an RSA-2048 pair made when the emulator starts, so no
// token outlives the run that issued it, and RS256 JWTs signed with it as Cognito signs its ID
// and access tokens. core/jwt only verifies (and does so here too); this is the one signer,
// kept to the emulator.
class CognitoTokens
{
public:
    CognitoTokens();
    ~CognitoTokens();
    CognitoTokens(const CognitoTokens &) = delete;
    CognitoTokens &operator=(const CognitoTokens &) = delete;

    // False when OpenSSL could not make the key (then nothing can be signed).
    bool isValid() const { return m_key != nullptr; }
    // The RFC 7638 thumbprint of the public key: stable for the key, new with every start.
    QString keyId() const { return m_keyId; }
    // The public key as a JWK: kty, kid, alg RS256, use sig, n, e (base64url, no padding).
    QJsonObject publicJwk() const;
    // {"keys":[publicJwk()]}, as Cognito serves .well-known/jwks.json.
    QByteArray jwks() const;

    // header.payload.signature with {"kid":..., "alg":"RS256"}; empty when the key is missing.
    QString sign(const QJsonObject &claims) const;
    // The claims of a token this key signed; nullopt for anything else (bad form, another
    // key, a changed byte). Expiry is the caller's business.
    std::optional<QJsonObject> verify(const QString &token) const;

private:
    ::evp_pkey_st *m_key = nullptr;
    QByteArray m_modulus; // big-endian, no leading zero
    QByteArray m_exponent;
    QString m_keyId;
    std::optional<Core::Jwt::Jwk> m_publicKey; // what verify() checks with, via core/jwt
};

} // namespace Gatehouse::Emulator
