#pragma once

#include "core/httpmessage.h"
#include "core/jwt/jwkset.h"
#include "httpapiconfig.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Gatehouse::Emulator {

// Whom a JWT authorizer trusts: the iss its tokens must carry and the keys that sign them.
// For a lab's own user pool the configured AWS issuer maps to the emulator's issuer and keys.
struct JwtTrust
{
    QString issuer;
    Core::Jwt::JwkSet keys;
};

// The verdict on one request to a route with a JWT authorizer, and what the function then
// sees in requestContext.authorizer.jwt.
struct JwtAuthorization
{
    enum class Verdict { Allow, Unauthorized, Forbidden };
    Verdict verdict = Verdict::Unauthorized;
    QString reason;                          // words for the log and www-authenticate
    QList<QPair<QString, QString>> claims;   // every claim, values as strings
    std::optional<QStringList> scopes;       // the token's scopes when the route asks for any
};

// API Gateway's JWT authorizer for HTTP APIs, as its documentation describes the workflow: the
// token from the identity source (bare or after "Bearer "), an RSA signature by a key of the
// issuer, iss, aud (or client_id when there is no aud) among the audiences, exp/nbf/iat against
// the clock without leeway, then at least one of the route's scopes (403 when missing).
class HttpApiJwtAuthorizer
{
public:
    // The token the identity source names; nullopt when the request does not carry one.
    static std::optional<QByteArray> token(const Core::HttpRequest &request, const QString &identitySource);

    static JwtAuthorization check(QByteArrayView token, const JwtTrust &trust,
                                  const HttpApiAuthorizerConfig &authorizer,
                                  const QStringList &routeScopes,
                                  const std::function<QDateTime()> &clock = {});

    // A claim as the event carries it: strings as they are, numbers and booleans as JSON text,
    // arrays as "[a b]" (API Gateway's rendering).
    static QString claimText(const QJsonValue &value);

    // The gateway's answer for a refusal: 401 {"message":"Unauthorized"} or 403
    // {"message":"Forbidden"}, with a www-authenticate header as API Gateway sends.
    static Core::HttpResponse refusal(const JwtAuthorization &authorization);
};

} // namespace Gatehouse::Emulator
