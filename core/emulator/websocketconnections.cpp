// The @connections management API of WebSocket APIs (apigatewaymanagementapi 2018-11-29):
// POST sends a message to a client, GET describes the connection, DELETE closes it. Also the
// emulator's listing of open connections, which AWS does not offer.
#include "awsauthenticator.h"
#include "websocketgateway.h"
#include "websocketgatewayconnection.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

#include <algorithm>
#include <vector>

namespace Gatehouse::Emulator {

namespace {

Core::HttpResponse restJson(int status, const QByteArray &errorType, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    response.headers.add(QByteArrayLiteral("x-amzn-RequestId"), AwsAuthenticator::newRequestId());
    if (!errorType.isEmpty())
        response.headers.add(QByteArrayLiteral("x-amzn-ErrorType"), errorType);
    response.body = body;
    return response;
}

QString iso8601(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

// @connections GET's shape: connectedAt, identity, lastActiveAt.
QJsonObject describeConnection(const WebSocketEventContext &base, qint64 lastActiveAt)
{
    const QJsonObject identity{{QStringLiteral("sourceIp"), base.sourceIp},
                               {QStringLiteral("userAgent"), base.userAgent}};
    return QJsonObject{{QStringLiteral("connectedAt"), iso8601(base.connectedAt)},
                       {QStringLiteral("identity"), identity},
                       {QStringLiteral("lastActiveAt"), iso8601(lastActiveAt)}};
}

// Who $connect's authorization let in: the IAM caller's ARN, or a Lambda authorizer's
// principalId; empty for an open $connect.
QString principalOf(const WebSocketEventContext &context)
{
    if (context.iamCaller)
        return context.iamCaller->userArn;
    if (context.authorizer.isEmpty())
        return {};
    return QJsonDocument::fromJson(context.authorizer).object().value(QLatin1String("principalId")).toString();
}

} // namespace

// Protected exactly as @connections is: whoever may drop a connection may see its id.
void WebSocketGateway::handleListing(const Core::HttpRequest &request, const QString &apiId,
                                     HttpResponder responder)
{
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
    const WebSocketApiConfig *config = api(apiId);
    if (!config) {
        responder.send(restJson(404, "NotFoundException",
                                QJsonDocument(QJsonObject{{QStringLiteral("message"),
                                                           QStringLiteral("No WebSocket API %1 in this lab; GET / "
                                                                          "lists the APIs.")
                                                               .arg(apiId)}})
                                    .toJson(QJsonDocument::Compact)));
        return;
    }
    if (request.method != "GET") {
        responder.send(restJson(405, "MethodNotAllowedException",
                                QByteArrayLiteral("{\"message\":\"The connection list takes GET\"}")));
        return;
    }
    std::vector<const Connection *> open;
    for (const auto &[id, connection] : m_connections) {
        if (connection->apiId == apiId && connection->socket && !connection->closing)
            open.push_back(connection.get());
    }
    // The connections are hashed: ties in connectedAt are ordered by id, so the list is stable.
    std::sort(open.begin(), open.end(), [](const Connection *a, const Connection *b) {
        return a->base.connectedAt != b->base.connectedAt ? a->base.connectedAt < b->base.connectedAt
                                                          : a->base.connectionId < b->base.connectionId;
    });
    QJsonArray list;
    for (const Connection *connection : open) {
        QJsonObject entry = describeConnection(connection->base, connection->lastActiveAt);
        entry.insert(QStringLiteral("connectionId"), connection->base.connectionId);
        if (const QString principal = principalOf(connection->base); !principal.isEmpty())
            entry.insert(QStringLiteral("principal"), principal);
        list.append(entry);
    }
    const QJsonObject doc{{QStringLiteral("apiId"), config->apiId},
                          {QStringLiteral("stage"), config->stageName},
                          {QStringLiteral("connections"), list}};
    responder.send(restJson(200, {}, QJsonDocument(doc).toJson(QJsonDocument::Compact)));
}

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
        const QJsonObject doc = describeConnection(connection->base, connection->lastActiveAt);
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
