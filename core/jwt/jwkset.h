#pragma once

#include "jwk.h"
#include "jws.h"

#include <QList>

namespace Gatehouse::Core::Jwt {

// A JWK Set (RFC 7517 §5) and the one rule for picking a key from it: the token's kid names
// exactly one key, or (without a kid) exactly one key fits the token's alg. Two keys with one
// kid, or a set mixing secret and public keys, are refused rather than guessed at. A member the
// set cannot use (unknown kty, weak RSA) does not spoil the others: it is kept with its reason
// and reported only when a token names it.
class JwkSet
{
public:
    JwkSet() = default;
    static JwkSet fromKeys(const QList<Jwk> &keys);
    static Result<JwkSet> fromJson(QByteArrayView json);

    const QList<Jwk> &keys() const { return m_keys; }
    QStringList kids() const;
    bool isEmpty() const { return m_keys.isEmpty() && m_refused.isEmpty(); }
    bool hasKid(const QString &kid) const;

    // KeyNotFound, KeyAmbiguous, KeySetInvalid, or the refused key's own reason.
    Result<Jwk> select(const JoseHeader &header) const;

private:
    struct Refused
    {
        QString kid;
        Error error;
    };

    QList<Jwk> m_keys;
    QList<Refused> m_refused;
    bool m_mixed = false;
};

} // namespace Gatehouse::Core::Jwt
