#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>

namespace Gatehouse::Core::Jwt {

// The registered claims of a JWT (RFC 7519 §4.1) and Cognito's own, read from the payload.
struct Claims
{
    QJsonObject all;            // every claim, for display
    QString iss;
    QString sub;
    QStringList aud;            // "aud" may be a string or an array; both end up here
    std::optional<qint64> exp;  // NumericDate, seconds since the epoch (fractions dropped)
    std::optional<qint64> nbf;
    std::optional<qint64> iat;
    QString tokenUse;           // Cognito: "id" or "access"
    QString clientId;           // Cognito access tokens carry client_id instead of aud
    QStringList scopes;         // "scope", split on spaces

    // ClaimsMalformed if the payload is not a JSON object or a registered claim has the wrong
    // JSON type.
    static Result<Claims> parse(QByteArrayView payload);
};

// What a verifier requires of the claims. Empty fields are not checked.
struct ClaimRules
{
    QString issuer;               // exact match of iss
    QStringList audiences;        // aud must contain one of these
    QStringList clientIds;        // client_id must be one of these
    QString tokenUse;             // "id" or "access"
    QStringList requiredScopes;   // every one must be in scope
    bool requireExpiry = true;    // refuse tokens without exp
    std::chrono::seconds skew{60};
    std::function<QDateTime()> clock; // now; QDateTime::currentDateTimeUtc() when unset

    // A Cognito user pool's rules: iss https://cognito-idp.<region>.amazonaws.com/<pool id>,
    // token_use as given; the app client id is checked against aud (id tokens) or client_id
    // (access tokens).
    static ClaimRules cognito(const QString &region, const QString &userPoolId,
                              const QString &appClientId, const QString &tokenUse);
};

// One distinct Reason per failed rule (Expired, NotYetValid, IssuedInFuture, MissingClaim,
// WrongIssuer, WrongAudience, WrongClientId, WrongTokenUse, MissingScope), with a sentence.
Result<void> checkClaims(const Claims &claims, const ClaimRules &rules);

} // namespace Gatehouse::Core::Jwt
