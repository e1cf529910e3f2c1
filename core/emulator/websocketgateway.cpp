#include "websocketgateway.h"

#include "httpapievent.h"
#include "lambdainvoker.h"
#include "websocketevent.h"
#include "websocketgatewayconnection.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Gatehouse::Emulator {

Q_LOGGING_CATEGORY(lcWebSocketApi, "gatehouse.emulator.websocketapi")


namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('|') + QString::number(port);
}

QString sourceIpOf(const QHostAddress &peer)
{
    bool mapped = false;
    const quint32 v4 = peer.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4).toString() : peer.toString();
}

Core::HttpResponse jsonAnswer(int status, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.set(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    response.body = body;
    return response;
}

} // namespace

WebSocketGateway::WebSocketGateway(LambdaInvoker *invoker, QObject *parent)
    : QObject(parent)
    , m_invoker(invoker)
    , m_server(new QWebSocketServer(QStringLiteral("Gatehouse"), QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &WebSocketGateway::onNewConnection);
}

WebSocketGateway::~WebSocketGateway()
{
    closeAll();
}

void WebSocketGateway::setApis(const QList<WebSocketApiConfig> &apis)
{
    m_apis = apis;
}

bool WebSocketGateway::serves(const QString &apiId) const
{
    return api(apiId) != nullptr;
}

const WebSocketApiConfig *WebSocketGateway::api(const QString &apiId) const
{
    for (const WebSocketApiConfig &a : m_apis) {
        if (a.apiId == apiId)
            return &a;
    }
    return nullptr;
}

void WebSocketGateway::closeAll()
{
    m_handover.clear();
    auto connections = std::move(m_connections);
    m_connections.clear();
    for (auto &[id, connection] : connections) {
        if (connection->socket) {
            connection->socket->disconnect(this);
            connection->socket->abort();
            connection->socket->deleteLater();
        }
    }
}

void WebSocketGateway::handle(const Core::HttpRequest &request, const QString &apiId,
                              const QByteArray &pathInApi, const QByteArray &domainName,
                              HttpResponder responder)
{
    const WebSocketApiConfig *config = api(apiId);
    if (!config) {
        responder.send(jsonAnswer(404, QByteArrayLiteral("{\"message\":\"Not Found\"}")));
        return;
    }
    const QByteArray stagePath = '/' + config->stageName.toUtf8();
    const QByteArray management = stagePath + "/@connections/";
    if (pathInApi.startsWith(management)) {
        handleManagement(request, *config, pathInApi.mid(management.size()), responder);
        return;
    }
    if (pathInApi != stagePath && pathInApi != stagePath + '/') {
        // API Gateway's answer for a stage the API does not have.
        responder.send(jsonAnswer(403, QByteArrayLiteral("{\"message\":\"Forbidden\"}")));
        return;
    }
    if (request.method != "GET"
        || request.headers.value(QByteArrayLiteral("Upgrade")).compare("websocket", Qt::CaseInsensitive) != 0) {
        Core::HttpResponse response = jsonAnswer(
            426, QByteArrayLiteral("{\"message\":\"This is a WebSocket API: connect with a WebSocket client "
                                   "(ws://...), not a plain HTTP request.\"}"));
        response.headers.set(QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket"));
        responder.send(response);
        return;
    }
    connectClient(request, *config, domainName, std::move(responder));
}

void WebSocketGateway::connectClient(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                                     const QByteArray &domainName, HttpResponder responder)
{
    auto connection = std::make_unique<Connection>();
    WebSocketEventContext &c = connection->base;
    c.apiId = api.apiId;
    c.stage = api.stageName;
    c.domainName = QString::fromUtf8(domainName);
    c.connectionId = HttpApiEvent::newRequestId();
    c.sourceIp = sourceIpOf(request.peerAddress);
    c.userAgent = QString::fromUtf8(request.headers.value(QByteArrayLiteral("User-Agent")));
    c.connectedAt = nowMs();
    connection->apiId = api.apiId;
    connection->lastActiveAt = c.connectedAt;

    const WebSocketRouteConfig *route = api.route(QStringLiteral("$connect"));
    if (!route) {
        accept(std::move(connection), std::move(responder));
        return;
    }
    WebSocketEventContext event = c;
    event.routeKey = route->routeKey;
    event.requestId = HttpApiEvent::newRequestId();
    event.extendedRequestId = event.requestId;
    event.requestTimeEpoch = c.connectedAt;
    InvokeRequest invoke;
    invoke.functionName = route->functionName;
    invoke.payload = WebSocketEvent::connectEvent(event, request);
    invoke.source = QStringLiteral("$connect (%1 WebSocket API)").arg(api.name);
    auto shared = std::make_shared<std::unique_ptr<Connection>>(std::move(connection));
    m_invoker->invoke(invoke, this, [this, shared, responder](const InvokeResult &result) {
        if (!responder.isOpen())
            return; // the client gave up while $connect ran
        if (result.error.isError() || !result.functionError.isEmpty()) {
            qCInfo(lcWebSocketApi) << "$connect failed:" << result.errorType;
            responder.send(jsonAnswer(502, QByteArrayLiteral("{\"message\":\"Internal server error\"}")));
            return;
        }
        const WebSocketEvent::ProxyAnswer answer = WebSocketEvent::parseProxyAnswer(result.payload);
        if (answer.statusCode < 200 || answer.statusCode > 299) {
            // The handshake is refused with the function's status, before any upgrade.
            Core::HttpResponse refused;
            refused.status = answer.statusCode;
            refused.body = answer.body;
            responder.send(refused);
            return;
        }
        accept(std::move(*shared), responder);
    });
}

// The handshake is still unread in the socket: QWebSocketServer answers it with 101.
void WebSocketGateway::accept(std::unique_ptr<Connection> connection, HttpResponder responder)
{
    QTcpSocket *socket = responder.takeUpgradeSocket();
    if (!socket)
        return;
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    connection->handshake = socket;
    // A handshake QWebSocketServer refuses (bad version or key) ends with the socket closing.
    connect(socket, &QTcpSocket::disconnected, this, [this, key] { m_handover.erase(key); });
    m_handover[key] = std::move(connection);
    m_server->handleConnection(socket);
}

void WebSocketGateway::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const auto pending = m_handover.find(peerKey(socket->peerAddress(), socket->peerPort()));
        if (pending == m_handover.end()) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        std::unique_ptr<Connection> owned = std::move(pending->second);
        m_handover.erase(pending);
        if (owned->handshake)
            owned->handshake->disconnect(this);
        Connection *connection = owned.get();
        const QString id = connection->base.connectionId;
        m_connections[id] = std::move(owned);
        connection->socket = socket;
        socket->setParent(this);
        socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxMessageBytes));
        socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxFrameBytes));
        socket->setOutgoingFrameSize(quint64(m_limits.maxFrameBytes)); // AWS splits at 32 KB too
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, connection](const QString &message) { onMessage(connection, message); });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, connection] {
            // Not verified against AWS: the emulator does not route binary frames.
            closeConnection(connection, QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                            QStringLiteral("Binary frames are not supported"));
        });
        connect(socket, &QWebSocket::disconnected, this, [this, connection] { onClosed(connection); });
        connection->idle.setSingleShot(true);
        connection->lifetime.setSingleShot(true);
        connect(&connection->idle, &QTimer::timeout, this, [this, connection] {
            closeConnection(connection, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Going away"));
        });
        connect(&connection->lifetime, &QTimer::timeout, this, [this, connection] {
            closeConnection(connection, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Going away"));
        });
        connection->idle.start(m_limits.idleTimeoutMs);
        connection->lifetime.start(m_limits.maxConnectionMs);
    }
}

void WebSocketGateway::touch(Connection *connection)
{
    connection->lastActiveAt = nowMs();
    connection->idle.start(m_limits.idleTimeoutMs);
}

void WebSocketGateway::send(Connection *connection, const QByteArray &frame)
{
    if (connection->socket && !connection->closing) {
        connection->socket->sendTextMessage(QString::fromUtf8(frame));
        touch(connection);
    }
}

void WebSocketGateway::onMessage(Connection *connection, const QString &message)
{
    touch(connection);
    const WebSocketApiConfig *config = api(connection->apiId);
    if (!config)
        return;
    const QByteArray body = message.toUtf8();
    WebSocketEventContext event = connection->base;
    event.requestId = HttpApiEvent::newRequestId();
    event.extendedRequestId = event.requestId;
    event.messageId = HttpApiEvent::newRequestId();
    event.requestTimeEpoch = nowMs();
    const std::optional<QString> selected = WebSocketEvent::selectRoute(config->routeSelectionExpression, body);
    const WebSocketRouteConfig *route = selected ? config->route(*selected) : nullptr;
    if (!route || route->routeKey.startsWith(QLatin1Char('$')))
        route = config->route(QStringLiteral("$default"));
    if (!route) {
        send(connection, WebSocketEvent::errorFrame(QStringLiteral("Forbidden"), event.connectionId,
                                                    event.requestId));
        return;
    }
    event.routeKey = route->routeKey;
    InvokeRequest invoke;
    invoke.functionName = route->functionName;
    invoke.payload = WebSocketEvent::messageEvent(event, body);
    invoke.source = QStringLiteral("%1 (%2 WebSocket API)").arg(route->routeKey, config->name);
    const QString id = event.connectionId;
    const QString requestId = event.requestId;
    const bool twoWay = route->twoWay;
    m_invoker->invoke(invoke, this, [this, id, requestId, twoWay](const InvokeResult &result) {
        const auto it = m_connections.find(id);
        if (it == m_connections.end())
            return; // closed meanwhile: there is no one to answer
        Connection *connection = it->second.get();
        if (result.error.isError() || !result.functionError.isEmpty()) {
            send(connection, WebSocketEvent::errorFrame(QStringLiteral("Internal server error"), id, requestId));
            return;
        }
        if (!twoWay)
            return;
        const WebSocketEvent::ProxyAnswer answer = WebSocketEvent::parseProxyAnswer(result.payload);
        if (!answer.body.isEmpty())
            send(connection, answer.body);
    });
}

void WebSocketGateway::closeConnection(Connection *connection, int code, const QString &reason)
{
    if (connection->socket && !connection->closing) {
        connection->closing = true;
        connection->socket->close(QWebSocketProtocol::CloseCode(code), reason);
    }
}

void WebSocketGateway::onClosed(Connection *connection)
{
    const auto it = m_connections.find(connection->base.connectionId);
    if (it == m_connections.end())
        return;
    std::unique_ptr<Connection> owned = std::move(it->second);
    m_connections.erase(it);
    const WebSocketApiConfig *config = api(owned->apiId);
    if (owned->socket) {
        owned->base.disconnectStatusCode = int(owned->socket->closeCode());
        owned->base.disconnectReason = owned->socket->closeReason();
        owned->socket->disconnect(this);
        owned->socket->deleteLater();
    }
    const WebSocketRouteConfig *route = config ? config->route(QStringLiteral("$disconnect")) : nullptr;
    if (!route)
        return;
    WebSocketEventContext event = owned->base;
    event.routeKey = route->routeKey;
    event.requestId = HttpApiEvent::newRequestId();
    event.extendedRequestId = event.requestId;
    event.requestTimeEpoch = nowMs();
    InvokeRequest invoke;
    invoke.functionName = route->functionName;
    invoke.payload = WebSocketEvent::disconnectEvent(event);
    invoke.source = QStringLiteral("$disconnect (%1 WebSocket API)").arg(config->name);
    m_invoker->invoke(invoke, this, [](const InvokeResult &) {});
}

} // namespace Gatehouse::Emulator
