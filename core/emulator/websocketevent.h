#pragma once

#include "core/httpmessage.h"
#include "httpapievent.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse::Emulator {

// What API Gateway knows about one event of a WebSocket connection.
struct WebSocketEventContext
{
    QString apiId;
    QString stage;
    QString domainName;
    QString connectionId;
    QString routeKey;            // "$connect", "$default", "sendmessage"...
    QString requestId;
    QString extendedRequestId;
    QString messageId;           // MESSAGE events only
    QString sourceIp;
    QString userAgent;           // empty: left out of identity
    qint64 connectedAt = 0;      // ms since the epoch
    qint64 requestTimeEpoch = 0;
    int disconnectStatusCode = 1005;
    QString disconnectReason;
    // What $connect's authorization found, kept for every later event of the connection:
    // requestContext.authorizer as JSON object text (empty: none) and the IAM caller, whose
    // keys go into requestContext.identity.
    QByteArray authorizer;
    std::optional<HttpApiIamCaller> iamCaller;
};

// The Lambda proxy events of WebSocket APIs (CONNECT, MESSAGE, DISCONNECT), shaped field for
// field as the AWS samples in tests/data/lambda-events, plus route selection and the parsing
// of a function's answer. The JSON work stays in this one translation unit.
namespace WebSocketEvent {

QByteArray connectEvent(const WebSocketEventContext &context, const Core::HttpRequest &handshake);
QByteArray messageEvent(const WebSocketEventContext &context, const QByteArray &body);
QByteArray disconnectEvent(const WebSocketEventContext &context);

// The event of a Lambda REQUEST authorizer on $connect, as AWS's "Lambda REQUEST authorizer for
// WebSocket APIs" example: type, methodArn (arn:aws:execute-api:<region>:<account>:<api>/<stage>/$connect),
// the handshake's headers and query (single and multi-value), stageVariables, and the CONNECT
// requestContext.
QByteArray authorizerEvent(const WebSocketEventContext &context, const Core::HttpRequest &handshake,
                           const QString &methodArn, const QList<QPair<QString, QString>> &stageVariables);

// requestContext.authorizer of every event after an authorizer allowed $connect: principalId,
// integrationLatency, and the answer's context with each value stringified (AWS: "the
// stringified value of the specified key-value pair of the context map"). `context` is the
// answer's context as JSON text ("null" for none).
QByteArray authorizerContext(const QString &principalId, const QByteArray &context, qint64 latencyMs);

// A function's "Unauthorized" error (raise Exception("Unauthorized")): API Gateway's way for an
// authorizer to answer 401 rather than 500.
bool isUnauthorizedError(const QByteArray &errorPayload);

// The route key a message selects with `expression` ("$request.body.action" or a template
// with ${request.body.x}); nullopt when the body is not JSON or lacks a field.
std::optional<QString> selectRoute(const QString &expression, const QByteArray &body);

// A function's proxy answer: statusCode (200 when absent, as for a bare return) and body.
struct ProxyAnswer
{
    int statusCode = 200;
    QByteArray body;
    // The Sec-WebSocket-Protocol header of $connect's answer: the subprotocol the handshake
    // agrees on (AWS answers with one only when $connect sets it).
    QString subprotocol;
};
ProxyAnswer parseProxyAnswer(const QByteArray &payload);

// The frame API Gateway sends for a failed message: {"message", "connectionId", "requestId"}.
QByteArray errorFrame(const QString &message, const QString &connectionId, const QString &requestId);

} // namespace WebSocketEvent

} // namespace Gatehouse::Emulator
