#include "websocketgateway.h"

#include "awsauthenticator.h"
#include "httpapievent.h"
#include "httpapiiamauthorizer.h"
#include "httpapilambdaauthorizer.h"
#include "lambdainvoker.h"
#include "websocketevent.h"
#include "websocketgatewayconnection.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

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
{
}

QWebSocketServer *WebSocketGateway::serverFor(const QString &subprotocol)
{
    QWebSocketServer *&server = m_servers[subprotocol];
    if (!server) {
        server = new QWebSocketServer(QStringLiteral("Gatehouse"), QWebSocketServer::NonSecureMode, this);
        if (!subprotocol.isEmpty())
            server->setSupportedSubprotocols({subprotocol});
        connect(server, &QWebSocketServer::newConnection, this, [this, server] { onNewConnection(server); });
    }
    return server;
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
            m_io->abortAndDelete(connection->socket);
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
        accept(std::move(connection), std::move(responder), QString());
        return;
    }
    authorizeConnect(request, api, *route, std::move(connection), std::move(responder));
}

// API Gateway's documented answers: a missing identity source 401 without invoking the
// authorizer, a Deny (or no Allow) 403, an authorizer that fails 500, an "Unauthorized" error
// 401. For IAM the docs only say WebSocket IAM authorization "is similar to that for REST APIs",
// so a handshake gets REST's 403 refusals (Missing Authentication Token, the signature mismatch);
// the status of a refused handshake is not documented beyond that.
void WebSocketGateway::authorizeConnect(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                                        const WebSocketRouteConfig &route, std::unique_ptr<Connection> connection,
                                        HttpResponder responder)
{
    WebSocketEventContext &c = connection->base;
    switch (route.authorization) {
    case WebSocketRouteConfig::Authorization::None:
        runConnect(request, api, route, std::move(connection), std::move(responder));
        return;
    case WebSocketRouteConfig::Authorization::Iam: {
        if (!m_authenticator) {
            responder.send(jsonAnswer(403, QByteArrayLiteral("{\"message\":\"Forbidden\"}")));
            return;
        }
        const IamAuthorization verdict =
            HttpApiIamAuthorizer::check(*m_authenticator, request, QDateTime::currentDateTimeUtc());
        if (!verdict.caller) {
            qCInfo(lcWebSocketApi).noquote()
                << QStringLiteral("%1 $connect: IAM authorization refused the handshake: %2").arg(api.apiId, verdict.reason);
            responder.send(verdict.refusal);
            return;
        }
        c.iamCaller = verdict.caller;
        runConnect(request, api, route, std::move(connection), std::move(responder));
        return;
    }
    case WebSocketRouteConfig::Authorization::Custom:
        break;
    }
    const HttpApiAuthorizerConfig *authorizer = api.authorizer(route.authorizerId);
    if (!authorizer) {
        responder.send(jsonAnswer(500, QByteArrayLiteral("{\"message\":\"Internal server error\"}")));
        return;
    }
    // The HTTP API's identity-source reader, fed what a WebSocket handshake has.
    HttpApiEventContext identityContext;
    identityContext.apiId = api.apiId;
    identityContext.stage = api.stageName;
    identityContext.domainName = c.domainName;
    identityContext.domainPrefix = c.domainName.section(QLatin1Char('.'), 0, 0);
    identityContext.routeKey = route.routeKey;
    identityContext.requestId = HttpApiEvent::newRequestId();
    identityContext.accountId = m_authenticator ? m_authenticator->accountId() : QStringLiteral("123456789012");
    identityContext.stageVariables = api.stageVariables;
    identityContext.timeEpochMs = c.connectedAt;
    const std::optional<QStringList> identity =
        HttpApiLambdaAuthorizer::identityValues(request, *authorizer, identityContext);
    if (!identity) {
        qCInfo(lcWebSocketApi).noquote()
            << QStringLiteral("%1 $connect: an identity source of the authorizer is missing or empty (%2)")
                   .arg(api.apiId, authorizer->identitySources.join(QStringLiteral(", ")));
        responder.send(jsonAnswer(401, QByteArrayLiteral("{\"message\":\"Unauthorized\"}")));
        return;
    }
    const QString region = m_authenticator ? m_authenticator->region() : QStringLiteral("us-east-1");
    const QString methodArn = QStringLiteral("arn:aws:execute-api:%1:%2:%3/%4/$connect")
                                  .arg(region, identityContext.accountId, api.apiId, api.stageName);
    WebSocketEventContext event = c;
    event.routeKey = route.routeKey;
    event.requestId = identityContext.requestId;
    event.extendedRequestId = event.requestId;
    event.requestTimeEpoch = c.connectedAt;
    InvokeRequest invoke;
    invoke.functionName = authorizer->functionName;
    invoke.payload = WebSocketEvent::authorizerEvent(event, request, methodArn, api.stageVariables);
    invoke.source = QStringLiteral("authorizer of $connect (%1 WebSocket API)").arg(api.name);
    const HttpApiAuthorizerConfig config = *authorizer;
    const QString apiId = api.apiId;
    const qint64 started = nowMs();
    auto shared = std::make_shared<std::unique_ptr<Connection>>(std::move(connection));
    invokeWithin(invoke, [this, request, apiId, config, methodArn, started, shared, responder](const InvokeResult *result) {
        if (!responder.isOpen())
            return;
        const WebSocketApiConfig *current = this->api(apiId);
        const WebSocketRouteConfig *connect = current ? current->route(QStringLiteral("$connect")) : nullptr;
        if (!connect)
            return responder.send(jsonAnswer(500, QByteArrayLiteral("{\"message\":\"Internal server error\"}")));
        if (result && !result->error.isError() && !result->functionError.isEmpty()
            && WebSocketEvent::isUnauthorizedError(result->payload))
            return responder.send(jsonAnswer(401, QByteArrayLiteral("{\"message\":\"Unauthorized\"}")));
        LambdaAuthorization verdict;
        if (!result)
            verdict.reason = QStringLiteral("the authorizer did not answer within the integration timeout");
        else if (result->error.isError() || !result->functionError.isEmpty())
            verdict.reason = QStringLiteral("the authorizer failed: %1").arg(result->errorType);
        else
            verdict = HttpApiLambdaAuthorizer::interpret(result->payload, config, methodArn);
        switch (verdict.verdict) {
        case LambdaAuthorization::Verdict::Allow:
            break;
        case LambdaAuthorization::Verdict::Forbidden:
            qCInfo(lcWebSocketApi).noquote()
                << QStringLiteral("%1 $connect: the authorizer refused the handshake: %2").arg(apiId, verdict.reason);
            return responder.send(jsonAnswer(403, QByteArrayLiteral("{\"message\":\"Forbidden\"}")));
        case LambdaAuthorization::Verdict::Error:
            qCWarning(lcWebSocketApi).noquote()
                << QStringLiteral("%1 $connect: the authorizer gave no usable answer: %2").arg(apiId, verdict.reason);
            return responder.send(jsonAnswer(500, QByteArrayLiteral("{\"message\":\"Internal server error\"}")));
        }
        (*shared)->base.authorizer =
            WebSocketEvent::authorizerContext(verdict.principalId, verdict.context, nowMs() - started);
        runConnect(request, *current, *connect, std::move(*shared), responder);
    });
}

void WebSocketGateway::runConnect(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                                  const WebSocketRouteConfig &route, std::unique_ptr<Connection> connection,
                                  HttpResponder responder)
{
    WebSocketEventContext event = connection->base;
    event.routeKey = route.routeKey;
    event.requestId = HttpApiEvent::newRequestId();
    event.extendedRequestId = event.requestId;
    event.requestTimeEpoch = event.connectedAt;
    InvokeRequest invoke;
    invoke.functionName = route.functionName;
    invoke.payload = WebSocketEvent::connectEvent(event, request);
    invoke.source = QStringLiteral("$connect (%1 WebSocket API)").arg(api.name);
    auto shared = std::make_shared<std::unique_ptr<Connection>>(std::move(connection));
    invokeWithin(invoke, [this, shared, responder](const InvokeResult *result) {
        if (!responder.isOpen())
            return; // the client gave up while $connect ran
        if (!result) {
            // Not verified against AWS: REST APIs answer a timed-out integration 504 so.
            responder.send(jsonAnswer(504, QByteArrayLiteral("{\"message\":\"Endpoint request timed out\"}")));
            return;
        }
        if (result->error.isError() || !result->functionError.isEmpty()) {
            qCInfo(lcWebSocketApi) << "$connect failed:" << result->errorType;
            responder.send(jsonAnswer(502, QByteArrayLiteral("{\"message\":\"Internal server error\"}")));
            return;
        }
        const WebSocketEvent::ProxyAnswer answer = WebSocketEvent::parseProxyAnswer(result->payload);
        if (answer.statusCode < 200 || answer.statusCode > 299) {
            // The handshake is refused with the function's status, before any upgrade.
            Core::HttpResponse refused;
            refused.status = answer.statusCode;
            refused.body = answer.body;
            responder.send(refused);
            return;
        }
        accept(std::move(*shared), responder, answer.subprotocol);
    });
}

void WebSocketGateway::invokeWithin(const InvokeRequest &invoke, std::function<void(const InvokeResult *)> done)
{
    // Whichever comes first, the answer or the timeout, reports; the other is dropped.
    auto pending = std::make_shared<std::function<void(const InvokeResult *)>>(std::move(done));
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [pending, timer] {
        timer->deleteLater();
        if (auto report = std::exchange(*pending, {}))
            report(nullptr);
    });
    timer->start(m_limits.integrationTimeoutMs);
    const QPointer<QTimer> guard(timer);
    m_invoker->invoke(invoke, this, [pending, guard](const InvokeResult &result) {
        if (guard) {
            guard->stop();
            guard->deleteLater();
        }
        if (auto report = std::exchange(*pending, {}))
            report(&result);
    });
}

// The handshake is still unread in the socket: QWebSocketServer answers it with 101, naming
// `subprotocol` when the client offered it (AWS: only when $connect's answer sets it).
void WebSocketGateway::accept(std::unique_ptr<Connection> connection, HttpResponder responder,
                              const QString &subprotocol)
{
    QTcpSocket *socket = responder.takeUpgradeSocket();
    if (!socket)
        return;
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    connection->handshake = socket;
    // A handshake QWebSocketServer refuses (bad version or key) ends with the socket closing.
    // $connect has already run and may have stored the connection id, so $disconnect runs too.
    connect(socket, &QTcpSocket::disconnected, this, [this, key] {
        const auto pending = m_handover.find(key);
        if (pending == m_handover.end())
            return;
        std::unique_ptr<Connection> refused = std::move(pending->second);
        m_handover.erase(pending);
        refused->base.disconnectStatusCode = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
        refused->base.disconnectReason = QStringLiteral("The WebSocket handshake was refused");
        runDisconnect(std::move(refused));
    });
    m_handover[key] = std::move(connection);
    serverFor(subprotocol)->handleConnection(socket);
}

void WebSocketGateway::onNewConnection(QWebSocketServer *server)
{
    while (QWebSocket *socket = server->nextPendingConnection()) {
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
            // touch() only notes the time; the timer catches up here, once per idle period.
            // (A wall clock set back counts as traffic now.)
            const qint64 quietMs = std::max<qint64>(0, nowMs() - connection->lastActiveAt);
            if (quietMs < m_limits.idleTimeoutMs) {
                connection->idle.start(int(m_limits.idleTimeoutMs - quietMs));
                return;
            }
            closeConnection(connection, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Going away"));
        });
        connect(&connection->lifetime, &QTimer::timeout, this, [this, connection] {
            closeConnection(connection, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Going away"));
        });
        connection->idle.start(m_limits.idleTimeoutMs);
        connection->lifetime.start(m_limits.maxConnectionMs);
        // From here the socket's signals arrive queued, in the order it emitted them, so a
        // connection's messages are handled before its onClosed() drops it.
        m_io->adopt(socket, connection->handshake);
    }
}

// Traffic only notes the time. Restarting the idle timer for every frame (each @connections
// POST of a broadcast) took an unregister and a sorted insert among this thread's timers, two per
// open connection; the timer checks lastActiveAt when it fires instead.
void WebSocketGateway::touch(Connection *connection)
{
    connection->lastActiveAt = nowMs();
}

void WebSocketGateway::send(Connection *connection, const QByteArray &frame)
{
    if (connection->socket && !connection->closing) {
        m_io->sendText(connection->socket, connection->handshake, frame);
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
    invokeWithin(invoke, [this, id, requestId, twoWay](const InvokeResult *result) {
        const auto it = m_connections.find(id);
        if (it == m_connections.end())
            return; // closed meanwhile: there is no one to answer
        Connection *connection = it->second.get();
        if (!result) {
            // AWS's words for an integration past its timeout; the frame shape is its error frame's.
            send(connection, WebSocketEvent::errorFrame(QStringLiteral("Endpoint request timed out"), id, requestId));
            return;
        }
        if (result->error.isError() || !result->functionError.isEmpty()) {
            send(connection, WebSocketEvent::errorFrame(QStringLiteral("Internal server error"), id, requestId));
            return;
        }
        if (!twoWay)
            return;
        const WebSocketEvent::ProxyAnswer answer = WebSocketEvent::parseProxyAnswer(result->payload);
        if (!answer.body.isEmpty())
            send(connection, answer.body);
    });
}

void WebSocketGateway::closeConnection(Connection *connection, int code, const QString &reason)
{
    if (connection->socket && !connection->closing) {
        connection->closing = true;
        m_io->close(connection->socket, QWebSocketProtocol::CloseCode(code), reason);
    }
}

void WebSocketGateway::onClosed(Connection *connection)
{
    const auto it = m_connections.find(connection->base.connectionId);
    if (it == m_connections.end())
        return;
    std::unique_ptr<Connection> owned = std::move(it->second);
    m_connections.erase(it);
    if (owned->socket) {
        // Read from this thread: the socket set them before it emitted disconnected, which
        // reached us queued, and does nothing more until it is deleted.
        owned->base.disconnectStatusCode = int(owned->socket->closeCode());
        owned->base.disconnectReason = owned->socket->closeReason();
        owned->socket->disconnect(this);
        owned->socket->deleteLater();
    }
    runDisconnect(std::move(owned));
}

void WebSocketGateway::runDisconnect(std::unique_ptr<Connection> owned)
{
    const WebSocketApiConfig *config = api(owned->apiId);
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
