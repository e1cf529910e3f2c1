#pragma once

#include "core/httpmessage.h"

#include "httpapievent.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse::Emulator {

// What API Gateway knows about a request besides the request itself, for a Lambda proxy
// integration event (payload format 1.0).
struct ProxyEventContext
{
    QString apiId;
    QString stage;
    QString domainName;          // the Host the client used, without port
    QString domainPrefix;        // first label of domainName
    QString resourcePath;        // "/orders/{id}"
    QString resourceId;          // 6 characters; empty: null in the event
    QString requestId;           // a UUID on REST APIs
    QString extendedRequestId;   // "TWegAcC4EowCHnA="
    QString accountId = QStringLiteral("123456789012");
    qint64 timeEpochMs = 0;
    QList<QPair<QString, QString>> pathParameters;
    QList<QPair<QString, QString>> stageVariables;
    QString apiKey;              // identity.apiKey / apiKeyId, set on methods that require a key
    QString apiKeyId;
    bool base64Body = false;     // the body's media type is one of the API's binary media types
    // An HTTP API route with payload format 1.0: the event opens with "version": "1.0", header
    // names are lower-cased and the path decoded (HTTP APIs do both), and the path already
    // holds any named stage (HTTP APIs have no stage prefix on $default).
    bool httpApi = false;
    // requestContext.authorizer, a JSON object; empty: no authorizer ran (the key is left out).
    QByteArray authorizer;
    std::optional<HttpApiIamCaller> iamCaller; // IAM authorization: identity names the signer
};

// Builds payload format 1.0 events (the Lambda proxy integration of REST APIs) and reads
// the function's answer back, field for field as API Gateway does, key order as in AWS's
// samples (tests/data/lambda-events).
class RestApiEvent
{
public:
    // `pathInStage` is the path after the stage, still percent-encoded, as the event carries it.
    static QByteArray build(const Core::HttpRequest &request, const QByteArray &pathInStage,
                            const ProxyEventContext &context);

    // Payload format 1.0 for a route of an HTTP API: the same event, with the differences
    // ProxyEventContext::httpApi lists and the authorizer's findings where AWS documents them
    // for 1.0 (JWT: authorizer.claims / authorizer.scopes; Lambda: its context's keys;
    // IAM: identity.accessKey, accountId, caller, user, userArn). `rawPath` as for HttpApiEvent.
    static QByteArray buildForHttpApi(const Core::HttpRequest &request, const QByteArray &rawPath,
                                      const HttpApiEventContext &context);

    // The client's answer from a function's successful payload, or nullopt when the payload
    // is not a well-formed proxy response (API Gateway then answers 502). A base64 body is
    // decoded only when `decodeBase64` (the client accepts one of the binary media types).
    static std::optional<Core::HttpResponse> interpretResponse(const QByteArray &payload, bool decodeBase64);

    // One of the gateway's own answers: {"message":"<message>"} with x-amzn-ErrorType.
    static Core::HttpResponse errorResponse(int status, const QByteArray &message, const QByteArray &errorType);
    // An integration's failure as API Gateway words it, with a space after the colon:
    // {"message": "Internal server error"} (502), {"message": "Endpoint request timed out"} (504).
    static Core::HttpResponse integrationError(int status, const QByteArray &message);

    // "deef4878-7910-11e6-8f14-25afc3e9ae33"
    static QString newRequestId();
    // Whether a media type (a Content-Type or one Accept entry) is one of `binaryTypes`, which
    // may hold wildcards: "*/*", "image/*".
    static bool isBinary(const QByteArray &mediaType, const QStringList &binaryTypes);
};

} // namespace Gatehouse::Emulator
