#pragma once

#include "core/httpmessage.h"

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
};

// The Lambda proxy events of WebSocket APIs (CONNECT, MESSAGE, DISCONNECT), shaped field for
// field as the AWS samples in tests/data/lambda-events, plus route selection and the parsing
// of a function's answer. The JSON work stays in this one translation unit.
namespace WebSocketEvent {

QByteArray connectEvent(const WebSocketEventContext &context, const Core::HttpRequest &handshake);
QByteArray messageEvent(const WebSocketEventContext &context, const QByteArray &body);
QByteArray disconnectEvent(const WebSocketEventContext &context);

// The route key a message selects with `expression` ("$request.body.action" or a template
// with ${request.body.x}); nullopt when the body is not JSON or lacks a field.
std::optional<QString> selectRoute(const QString &expression, const QByteArray &body);

// A function's proxy answer: statusCode (200 when absent, as for a bare return) and body.
struct ProxyAnswer
{
    int statusCode = 200;
    QByteArray body;
};
ProxyAnswer parseProxyAnswer(const QByteArray &payload);

// The frame API Gateway sends for a failed message: {"message", "connectionId", "requestId"}.
QByteArray errorFrame(const QString &message, const QString &connectionId, const QString &requestId);

} // namespace WebSocketEvent

} // namespace Gatehouse::Emulator
