#include "jws.h"

#include "base64url.h"
#include "jwterror.h"
#include "strictjson.h"

#include <QJsonArray>

namespace Gatehouse::Core::Jwt {

namespace {

Error malformed(const QString &message)
{
    return jwtError(Reason::Malformed, message);
}

Error wrongSegmentCount(QByteArrayView token, qsizetype dots)
{
    if (token.isEmpty())
        return malformed(QStringLiteral("The token is empty."));
    if (token.startsWith('{'))
        return malformed(QStringLiteral(
            "This is a JWS in JSON serialisation; Gatehouse verifies only the compact form "
            "(header.payload.signature), which is what JWTs use."));
    if (dots == 4)
        return malformed(QStringLiteral(
            "The token has five segments: it is an encrypted JWE, not a signed JWT; it cannot be "
            "verified without the recipient's private key."));
    if (dots < 2)
        return malformed(QStringLiteral("The token is truncated: it has %1 segment(s) where a "
                                        "signed JWT has three (header.payload.signature). Copy "
                                        "the whole token.")
                             .arg(dots + 1));
    return malformed(QStringLiteral("The token has %1 segments where a signed JWT has three "
                                    "(header.payload.signature).")
                         .arg(dots + 1));
}

Result<QStringList> parseCrit(const QJsonObject &header)
{
    const auto it = header.constFind(QLatin1String("crit"));
    if (it == header.constEnd())
        return QStringList();
    if (!it->isArray() || it->toArray().isEmpty())
        return malformed(QStringLiteral(
            "The header's \"crit\" must be a non-empty array of header names (RFC 7515 §4.1.11)."));
    QStringList names;
    for (const QJsonValue &v : it->toArray()) {
        if (!v.isString())
            return malformed(QStringLiteral("The header's \"crit\" lists a value that is not a "
                                            "string."));
        names.append(v.toString());
    }
    return names;
}

} // namespace

Result<Jws> decodeCompact(QByteArrayView token)
{
    if (token.size() > MaxTokenBytes)
        return jwtError(Reason::TooLarge,
                        QStringLiteral("The token is %1 bytes; Gatehouse refuses tokens over %2 "
                                       "bytes (64 KiB), far more than any real ID or access token.")
                            .arg(token.size())
                            .arg(MaxTokenBytes));
    const qsizetype first = token.indexOf('.');
    const qsizetype second = first < 0 ? -1 : token.sliced(first + 1).indexOf('.');
    const qsizetype dots = token.count('.');
    if (dots != 2)
        return wrongSegmentCount(token, dots);
    const QByteArrayView headerB64 = token.first(first);
    const QByteArrayView payloadB64 = token.sliced(first + 1, second);
    const QByteArrayView signatureB64 = token.sliced(first + 1 + second + 1);
    if (headerB64.isEmpty())
        return malformed(QStringLiteral("The header segment is empty."));

    Jws jws;
    Result<QByteArray> header = base64UrlDecode(headerB64, QStringLiteral("The header segment"));
    if (!header)
        return header.error();
    Result<QByteArray> payload = base64UrlDecode(payloadB64, QStringLiteral("The payload segment"));
    if (!payload)
        return payload.error();
    Result<QByteArray> signature =
        base64UrlDecode(signatureB64, QStringLiteral("The signature segment"));
    if (!signature)
        return signature.error();
    jws.headerJson = std::move(header).value();
    jws.payload = std::move(payload).value();
    jws.signature = std::move(signature).value();
    jws.signingInput = token.first(first + 1 + second).toByteArray();

    Result<QJsonObject> object = parseJsonObject(jws.headerJson, QStringLiteral("The header"));
    if (!object)
        return object.error();
    jws.header.all = std::move(object).value();
    const QJsonValue alg = jws.header.all.value(QLatin1String("alg"));
    if (!alg.isString() || alg.toString().isEmpty())
        return malformed(QStringLiteral("The header has no \"alg\" string, so nothing says how the "
                                        "token was signed."));
    jws.header.alg = alg.toString();
    const QJsonValue kid = jws.header.all.value(QLatin1String("kid"));
    if (!kid.isUndefined() && !kid.isString())
        return malformed(QStringLiteral("The header's \"kid\" is not a string."));
    jws.header.kid = kid.toString();
    jws.header.typ = jws.header.all.value(QLatin1String("typ")).toString();
    Result<QStringList> crit = parseCrit(jws.header.all);
    if (!crit)
        return crit.error();
    jws.header.crit = std::move(crit).value();
    return jws;
}

} // namespace Gatehouse::Core::Jwt
