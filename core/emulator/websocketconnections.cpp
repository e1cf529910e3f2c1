// The @connections management API of WebSocket APIs (apigatewaymanagementapi 2018-11-29):
// POST sends a message to a client, GET describes the connection, DELETE closes it.
#include "awsauthenticator.h"
#include "websocketgateway.h"
#include "websocketgatewayconnection.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

namespace Gatehouse::Emulator {

namespace {

Core::HttpResponse restJson(int status, const QByteArray &errorType, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.set(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    response.headers.set(QByteArrayLiteral("x-amzn-RequestId"), AwsAuthenticator::newRequestId());
    if (!errorType.isEmpty())
        response.headers.set(QByteArrayLiteral("x-amzn-ErrorType"), errorType);
    response.body = body;
    return response;
}

QString iso8601(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

void WebSocketGateway::handleManagement(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                                        const QByteArray &connectionId, HttpResponder responder)
{
    Q_UNUSED(api);
    if (!m_authenticator) {
        responder.send(restJson(403, "ForbiddenException", QByteArrayLiteral("{\"message\":\"Forbidden\"}")));
        return;
    }
    const AwsAuthentication auth =
        m_authenticator->authenticate(request, QStringLiteral("execute-api"), AwsProtocol::RestJson);
    if (!auth.ok()) {
        responder.send(AwsAuthenticator::refusal(auth.error, AwsProtocol::RestJson));
        return;
    }
    const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(connectionId));
    const auto it = m_connections.find(id);
    // GoneException has no members: AWS sends no message with the 410.
    if (it == m_connections.end() || !it->second->socket || it->second->closing
        || it->second->apiId != api.apiId) {
        responder.send(restJson(410, "GoneException", QByteArrayLiteral("{}")));
        return;
    }
    Connection *connection = it->second.get();
    if (request.method == "POST") {
        if (request.body.size() > m_limits.maxMessageBytes) {
            responder.send(restJson(413, "PayloadTooLargeException",
                                    QByteArrayLiteral("{\"message\":\"Message too long\"}")));
            return;
        }
        send(connection, request.body);
        responder.send(restJson(200, {}, {}));
    } else if (request.method == "GET") {
        const QJsonObject identity{{QStringLiteral("sourceIp"), connection->base.sourceIp},
                                   {QStringLiteral("userAgent"), connection->base.userAgent}};
        const QJsonObject doc{{QStringLiteral("connectedAt"), iso8601(connection->base.connectedAt)},
                              {QStringLiteral("identity"), identity},
                              {QStringLiteral("lastActiveAt"), iso8601(connection->lastActiveAt)}};
        responder.send(restJson(200, {}, QJsonDocument(doc).toJson(QJsonDocument::Compact)));
    } else if (request.method == "DELETE") {
        closeConnection(connection, QWebSocketProtocol::CloseCodeNormal, QString());
        Core::HttpResponse gone = restJson(204, {}, {});
        responder.send(gone);
    } else {
        responder.send(restJson(405, "MethodNotAllowedException",
                                QByteArrayLiteral("{\"message\":\"@connections takes POST, GET or DELETE\"}")));
    }
}

} // namespace Gatehouse::Emulator
