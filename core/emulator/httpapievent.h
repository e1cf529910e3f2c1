#pragma once

#include "core/httpmessage.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse::Emulator {

// Who signed a request to a route with IAM authorization: requestContext.authorizer.iam.
struct HttpApiIamCaller
{
    QString accessKey;
    QString accountId;
    QString callerId;            // "AIDA..." for a user, "AROA...:<session>" for a role session
    QString userArn;
    QString userId;              // callerId without the session
    // Set when the credentials came from a Cognito identity pool (cognitoIdentity, else null).
    QString cognitoIdentityId;
    QString cognitoIdentityPoolId;
    QStringList cognitoAmr;
};

// What API Gateway knows about a request besides the request itself.
struct HttpApiEventContext
{
    QString apiId;
    QString stage = QStringLiteral("$default");
    QString domainName;          // the Host the client used, e.g. "abc123defg.execute-api.localhost"
    QString domainPrefix;        // first label of domainName
    QString routeKey;            // "GET /snack" or "$default"
    QList<QPair<QString, QString>> pathParameters;
    QList<QPair<QString, QString>> stageVariables;
    QString requestId;           // HttpApiEvent::newRequestId()
    QString accountId = QStringLiteral("123456789012");
    qint64 timeEpochMs = 0;
    // A JWT authorizer let the request through: requestContext.authorizer.jwt carries these.
    bool jwtAuthorized = false;
    QList<QPair<QString, QString>> jwtClaims;   // values as strings, as API Gateway sends them
    std::optional<QStringList> jwtScopes;       // null in the event when absent
    // A Lambda authorizer let the request through: requestContext.authorizer.lambda is its
    // context, a JSON object as the authorizer returned it ("null" when it returned none).
    QByteArray lambdaAuthorizerContext;
    std::optional<HttpApiIamCaller> iamCaller;  // IAM authorization let the request through
};

// Builds payload format 2.0 events and reads the function's answer back, field for field as
// API Gateway HTTP APIs do (key order as in AWS's samples).
class HttpApiEvent
{
public:
    // The event JSON sent to the function; `rawPath` is the path as the client sent it to
    // the API (including a named stage), still percent-encoded: the event carries it decoded.
    static QByteArray build(const Core::HttpRequest &request, const QByteArray &rawPath,
                            const HttpApiEventContext &context);

    // The client's answer from a function's successful payload: a structured response
    // (a JSON object with statusCode), an inferred one (any other JSON), or
    // 500 {"message":"Internal Server Error"} when a structured response is malformed.
    static Core::HttpResponse interpretResponse(const QByteArray &payload);

    // One of the gateway's own JSON answers: {"message":"<message>"}.
    static Core::HttpResponse errorResponse(int status, const QByteArray &message);

    // A request id in API Gateway's form, e.g. "LV7fzho-PHcEJPw=".
    static QString newRequestId();
    // "21/Apr/2020:15:08:21 +0000"
    static QString formatRequestTime(qint64 epochMs);
    // Whether API Gateway would pass this body base64-encoded: anything but valid UTF-8 with
    // a text/*, application/json, application/xml or application/javascript content type.
    static bool needsBase64(const QByteArray &contentType, const QByteArray &body);
};

} // namespace Gatehouse::Emulator
