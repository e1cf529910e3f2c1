#include "jwkset.h"

#include "jwterror.h"
#include "strictjson.h"

#include <QJsonArray>

namespace Gatehouse::Core::Jwt {

namespace {

QString quotedList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names)
        quoted.append(QLatin1Char('"') + n + QLatin1Char('"'));
    return quoted.isEmpty() ? QStringLiteral("none") : quoted.join(QStringLiteral(", "));
}

} // namespace

JwkSet JwkSet::fromKeys(const QList<Jwk> &keys)
{
    JwkSet set;
    set.m_keys = keys;
    bool secret = false, asymmetric = false;
    for (const Jwk &k : keys)
        (k.isSecret() ? secret : asymmetric) = true;
    set.m_mixed = secret && asymmetric;
    return set;
}

Result<JwkSet> JwkSet::fromJson(QByteArrayView json)
{
    Result<QJsonObject> object = parseJsonObject(json, QStringLiteral("The JWK set"));
    if (!object)
        return jwtError(Reason::KeySetInvalid, object.error().message);
    const QJsonValue keys = object->value(QLatin1String("keys"));
    if (!keys.isArray())
        return jwtError(Reason::KeySetInvalid,
                        QStringLiteral("The JWK set has no \"keys\" array ({\"keys\": [...]})."));
    JwkSet set;
    bool secret = false, asymmetric = false;
    for (const QJsonValue &entry : keys.toArray()) {
        const QJsonObject o = entry.toObject();
        const QString kty = o.value(QLatin1String("kty")).toString();
        (kty == QLatin1String("oct") ? secret : asymmetric) = true;
        Result<Jwk> key = Jwk::fromJsonObject(o);
        if (key)
            set.m_keys.append(std::move(key).value());
        else
            set.m_refused.append({o.value(QLatin1String("kid")).toString(), key.error()});
    }
    set.m_mixed = secret && asymmetric;
    return set;
}

QStringList JwkSet::kids() const
{
    QStringList out;
    for (const Jwk &k : m_keys)
        out.append(k.kid());
    for (const Refused &r : m_refused)
        out.append(r.kid);
    return out;
}

bool JwkSet::hasKid(const QString &kid) const
{
    return kids().contains(kid);
}

Result<Jwk> JwkSet::select(const JoseHeader &header) const
{
    if (m_mixed)
        return jwtError(Reason::KeySetInvalid,
                        QStringLiteral("The key set mixes shared secrets with public keys; "
                                       "Gatehouse refuses such sets, as an attacker who knows a "
                                       "public key could otherwise pick the secret one."));
    if (!header.kid.isEmpty()) {
        QList<Jwk> matches;
        for (const Jwk &k : m_keys) {
            if (k.kid() == header.kid)
                matches.append(k);
        }
        qsizetype refused = 0;
        const Error *refusal = nullptr;
        for (const Refused &r : m_refused) {
            if (r.kid == header.kid) {
                ++refused;
                refusal = &r.error;
            }
        }
        if (matches.size() + refused > 1)
            return jwtError(Reason::KeyAmbiguous,
                            QStringLiteral("The key set has %1 keys with kid \"%2\"; Gatehouse "
                                           "will not guess which one signed the token.")
                                .arg(matches.size() + refused)
                                .arg(header.kid));
        if (refusal)
            return *refusal;
        if (matches.isEmpty())
            return jwtError(Reason::KeyNotFound,
                            QStringLiteral("No key in the set has the token's kid \"%1\" (the set "
                                           "has %2).")
                                .arg(header.kid, quotedList(kids())));
        return matches.first();
    }
    QList<Jwk> fitting;
    for (const Jwk &k : m_keys) {
        if (k.checkUsableFor(header.alg))
            fitting.append(k);
    }
    if (fitting.size() > 1)
        return jwtError(Reason::KeyAmbiguous,
                        QStringLiteral("The token has no kid and %1 keys in the set could verify "
                                       "\"%2\"; Gatehouse will not guess which one.")
                            .arg(fitting.size())
                            .arg(header.alg));
    if (fitting.isEmpty()) {
        if (m_keys.size() == 1 && m_refused.isEmpty())
            return m_keys.first(); // the verifier then says why it does not fit
        if (m_keys.isEmpty() && m_refused.size() == 1)
            return m_refused.first().error;
        return jwtError(Reason::KeyNotFound,
                        QStringLiteral("The token has no kid and no key in the set can verify "
                                       "\"%1\".")
                            .arg(header.alg));
    }
    return fitting.first();
}

} // namespace Gatehouse::Core::Jwt
