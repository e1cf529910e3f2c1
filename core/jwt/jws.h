#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace Gatehouse::Core::Jwt {

// The JOSE header members verification looks at; `all` keeps every member for display.
// jwk / jku / x5u / x5c are never used to find a key: who may sign is the caller's choice.
struct JoseHeader
{
    QString alg;
    QString kid;
    QString typ;
    QStringList crit;
    QJsonObject all;
};

// One compact JWS split and decoded: header.payload.signature (RFC 7515 §7.1).
struct Jws
{
    JoseHeader header;
    QByteArray headerJson;   // the decoded header bytes as signed
    QByteArray payload;      // raw bytes: a JWT's claims set, or anything for a bare JWS
    QByteArray signature;
    QByteArray signingInput; // ASCII(BASE64URL(header) '.' BASE64URL(payload))
};

// Longest token decodeCompact() reads. Real ID and access tokens are 1-4 KB, and HTTP servers
// usually refuse headers over 8-16 KB; 64 KiB leaves room for fat custom claims.
constexpr qsizetype MaxTokenBytes = 64 * 1024;

// Splits and strictly decodes a compact JWS: exactly three segments, strict base64url, a header
// that is a JSON object with a string "alg" and without duplicate member names. The JSON
// serialisation ({"payload":...}) and JWE (five segments) are refused with a sentence saying so.
// Leading/trailing whitespace and a "Bearer " prefix are NOT stripped: callers do that.
Result<Jws> decodeCompact(QByteArrayView token);

} // namespace Gatehouse::Core::Jwt
