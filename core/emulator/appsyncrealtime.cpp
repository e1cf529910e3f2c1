#include "appsyncrealtime.h"

#include "core/graphql/parser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>
#include <tuple>
#include <vector>

namespace Gatehouse::Emulator {

namespace GraphQL = Core::GraphQL;

namespace {

const QString kSubprotocol = QStringLiteral("graphql-ws");

QString peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char(':') + QString::number(port);
}

// Standard or url-safe base64, padded or not, as AppSync's clients send it.
QByteArray decodeBase64(QByteArray text)
{
    text.replace('-', '+').replace('_', '/');
    while (text.size() % 4)
        text.append('=');
    return QByteArray::fromBase64(text);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The authorization object as the headers of the request it stands for: POST <path> with `body`.
Core::HttpRequest syntheticRequest(const QJsonObject &authorization, const QByteArray &path,
                                   const QByteArray &body, const Core::HttpRequest &handshake)
{
    Core::HttpRequest request;
    request.method = "POST";
    request.path = path;
    request.target = path;
    request.body = body;
    request.peerAddress = handshake.peerAddress;
    request.peerPort = handshake.peerPort;
    request.localPort = handshake.localPort;
    for (auto it = authorization.begin(); it != authorization.end(); ++it) {
        if (it.value().isString())
            request.headers.add(it.key().toUtf8(), it.value().toString().toUtf8());
    }
    return request;
}

// The path of the GraphQL endpoint the client was given, which IAM signatures cover (".../graphql"
// + "/connect" for the handshake, the path itself for a start): the real-time path without
// "/realtime" (path style), or "/graphql" (the appsync-realtime-api host).
QByteArray graphQlPath(const Core::HttpRequest &handshake)
{
    return handshake.path.endsWith("/realtime") ? handshake.path.chopped(9)
                                                : QByteArray("/graphql");
}

// The handshake's authorization object: ?header=..., a header-... subprotocol, or its own headers.
std::optional<Core::HttpRequest> handshakeAuthorization(const Core::HttpRequest &request,
                                                        QString *problem)
{
    const QByteArray connectPath = graphQlPath(request) + "/connect";
    const QUrlQuery query{QString::fromUtf8(request.query)};
    QByteArray encoded =
        query.queryItemValue(QStringLiteral("header"), QUrl::FullyDecoded).toUtf8();
    if (encoded.isEmpty()) {
        for (const QByteArray &offer : request.headers.value("Sec-WebSocket-Protocol").split(',')) {
            const QByteArray trimmed = offer.trimmed();
            if (trimmed.startsWith("header-"))
                encoded = trimmed.mid(7);
        }
    }
    if (encoded.isEmpty()) {
        // The third form: the authorization as the handshake's own headers.
        Core::HttpRequest own = request;
        own.method = "POST";
        own.path = own.target = connectPath;
        own.query.clear();
        own.body = "{}";
        return own;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(decodeBase64(encoded));
    if (!doc.isObject()) {
        *problem = QStringLiteral(
            "The header parameter is not base64 of a JSON object with the authorization "
            "(host and x-api-key, Authorization, or the SigV4 headers).");
        return std::nullopt;
    }
    return syntheticRequest(doc.object(), connectPath, "{}", request);
}

} // namespace

AppSyncRealtime::AppSyncRealtime(AppSyncService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    m_server =
        new QWebSocketServer(QStringLiteral("Gatehouse"), QWebSocketServer::NonSecureMode, this);
    m_server->setSupportedSubprotocols({kSubprotocol});
    connect(m_server, &QWebSocketServer::newConnection, this, &AppSyncRealtime::onNewConnection);
    connect(m_service, &AppSyncService::mutationResolved, this, &AppSyncRealtime::onMutation);
}

AppSyncRealtime::~AppSyncRealtime()
{
    closeAll();
}

void AppSyncRealtime::closeAll()
{
    auto connections = std::exchange(m_connections, {});
    for (auto &[socket, connection] : connections) {
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeGoingAway);
        socket->deleteLater();
    }
    m_handover.clear();
}

void AppSyncRealtime::handle(const Core::HttpRequest &request, const QString &apiId,
                             HttpResponder &responder)
{
    const AppSyncService::Api *api = m_service->api(apiId);
    if (!api || !request.headers.value("Upgrade").toLower().contains("websocket")) {
        Core::HttpResponse response = AppSyncService::unauthorized(QString());
        response.status = 400;
        response.body = "{\"errors\":[{\"errorType\":\"BadRequestException\",\"message\":\"The "
                        "real-time endpoint takes a "
                        "WebSocket handshake with the subprotocol graphql-ws.\"}]}";
        responder.send(response);
        return;
    }
    QString problem;
    std::optional<Core::HttpRequest> authorization = handshakeAuthorization(request, &problem);
    QTcpSocket *socket = responder.takeUpgradeSocket();
    if (!socket)
        return;
    auto connection = std::make_shared<Connection>();
    connection->apiId = apiId;
    if (authorization)
        connection->handshake = *authorization;
    connection->graphQlPath = graphQlPath(request);
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    m_handover.insert(key, connection);
    // The connection is authorized before the socket is handed over; a refusal is told after
    // connection_init, as connection_error, since a refused handshake tells a browser nothing.
    // AppSync's (quoted in aws-amplify/amplify-flutter#2763) carries errorCode 401 too.
    const auto proceed = [this, socket, connection, key](std::optional<AppSyncCaller> caller,
                                                         QString refusal) {
        if (caller)
            connection->caller = *caller;
        else
            connection->handshake.headers.set("x-gatehouse-refusal", refusal.toUtf8());
        if (m_handover.contains(key))
            m_server->handleConnection(socket);
    };
    if (!authorization)
        proceed(std::nullopt, problem);
    else
        m_service->authenticate(*api, *authorization, this, proceed);
}

void AppSyncRealtime::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const std::shared_ptr<Connection> connection =
            m_handover.take(peerKey(socket->peerAddress(), socket->peerPort()));
        if (!connection) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        connection->socket = socket;
        m_connections[socket] = connection;
        Connection *c = connection.get();
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, c](const QString &m) { onMessage(c, m); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_connections.erase(socket);
            socket->deleteLater();
        });
        c->keepAlive.setInterval(m_limits.keepAliveMs);
        connect(&c->keepAlive, &QTimer::timeout, this, [this, c] { send(c, "{\"type\":\"ka\"}"); });
        // AppSync closes a connection that never sends connection_init (not documented how soon:
        // the emulator waits the connection timeout).
        c->initTimeout.setSingleShot(true);
        connect(&c->initTimeout, &QTimer::timeout, this, [c] {
            if (!c->acknowledged)
                c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                 QStringLiteral("No connection_init"));
        });
        c->initTimeout.start(m_limits.connectionTimeoutMs);
    }
}

void AppSyncRealtime::send(Connection *connection, const QByteArray &frame)
{
    if (connection->socket)
        connection->socket->sendTextMessage(QString::fromUtf8(frame));
}

void AppSyncRealtime::sendError(Connection *connection, const QString &id, const QString &type,
                                const QString &message)
{
    QJsonObject frame{
        {QStringLiteral("type"), QStringLiteral("error")},
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("errors"),
                      QJsonArray{QJsonObject{{QStringLiteral("errorType"), type},
                                             {QStringLiteral("message"), message}}}}}}};
    if (!id.isEmpty())
        frame.insert(QStringLiteral("id"), id);
    send(connection, compact(frame));
}

void AppSyncRealtime::onMessage(Connection *connection, const QString &message)
{
    const QJsonObject frame = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = frame.value(QStringLiteral("type")).toString();
    const QString id = frame.value(QStringLiteral("id")).toString();
    if (type == QLatin1String("connection_init")) {
        const QByteArray refusal = connection->handshake.headers.value("x-gatehouse-refusal");
        if (!refusal.isEmpty()) {
            const QJsonObject error{
                {QStringLiteral("type"), QStringLiteral("connection_error")},
                {QStringLiteral("payload"),
                 QJsonObject{
                     {QStringLiteral("errors"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("errorType"), QStringLiteral("UnauthorizedException")},
                          {QStringLiteral("message"), QString::fromUtf8(refusal)},
                          {QStringLiteral("errorCode"), 401}}}}}}};
            send(connection, compact(error));
            connection->socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                      QStringLiteral("Unauthorized"));
            return;
        }
        connection->acknowledged = true;
        connection->initTimeout.stop();
        send(connection,
             compact(QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("connection_ack")},
                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("connectionTimeoutMs"),
                                                          m_limits.connectionTimeoutMs}}}}));
        send(connection, "{\"type\":\"ka\"}");
        connection->keepAlive.start();
        return;
    }
    if (!connection->acknowledged)
        return; // AppSync ignores what comes before the ack
    if (type == QLatin1String("start"))
        start(connection, id, compact(frame.value(QStringLiteral("payload")).toObject()));
    else if (type == QLatin1String("stop"))
        stop(connection, id);
    else
        sendError(connection, id, QStringLiteral("UnsupportedOperation"),
                  QStringLiteral("Unknown message type \"%1\": send start or stop.").arg(type));
}

void AppSyncRealtime::start(Connection *connection, const QString &id,
                            const QByteArray &payloadJson)
{
    const AppSyncService::Api *api = m_service->api(connection->apiId);
    if (!api)
        return;
    if (id.isEmpty() || connection->subscriptions.count(id)) {
        sendError(connection, id, QStringLiteral("DuplicatedOperationError"),
                  id.isEmpty() ? QStringLiteral("A start needs an id.")
                               : QStringLiteral("Duplicated operation with id %1").arg(id));
        return;
    }
    const QJsonObject payload = QJsonDocument::fromJson(payloadJson).object();
    const QByteArray data = payload.value(QStringLiteral("data")).toString().toUtf8();
    const QJsonObject request = QJsonDocument::fromJson(data).object();
    if (request.value(QStringLiteral("query")).toString().isEmpty()) {
        sendError(
            connection, id, QStringLiteral("BadRequestException"),
            QStringLiteral(
                "payload.data must be a JSON string of {\"query\": ..., \"variables\": {...}}."));
        return;
    }
    const QJsonObject authorization = payload.value(QStringLiteral("extensions"))
                                          .toObject()
                                          .value(QStringLiteral("authorization"))
                                          .toObject();
    const Core::HttpRequest signedRequest =
        syntheticRequest(authorization, connection->graphQlPath, data, connection->handshake);
    QPointer<QWebSocket> socket(connection->socket);
    const QString apiId = connection->apiId;
    m_service->authenticate(
        *api, signedRequest, this,
        [this, socket, apiId, id, request](std::optional<AppSyncCaller> caller, QString refusal) {
            const auto found = socket ? m_connections.find(socket.data()) : m_connections.end();
            const AppSyncService::Api *api = m_service->api(apiId);
            if (found == m_connections.end() || !api)
                return;
            Connection *connection = found->second.get();
            if (!caller) {
                sendError(connection, id, QStringLiteral("UnauthorizedException"), refusal);
                return;
            }
            Subscription subscription;
            subscription.query = request.value(QStringLiteral("query")).toString().toUtf8();
            subscription.operationName = request.value(QStringLiteral("operationName")).toString();
            subscription.variables = compact(request.value(QStringLiteral("variables")).toObject());
            subscription.caller = *caller;
            const GraphQL::Executor::Prepared prepared = api->executor->prepare(
                {subscription.query, subscription.operationName, subscription.variables});
            if (!prepared.ok || prepared.operation != GraphQL::OperationType::Subscription) {
                const QJsonObject errors = QJsonDocument::fromJson(prepared.errorResponse).object();
                const QString message =
                    prepared.ok ? QStringLiteral(
                                      "Only subscriptions start over the real-time endpoint; send "
                                      "queries and mutations to /graphql.")
                                : errors.value(QStringLiteral("errors"))
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value(QStringLiteral("message"))
                                      .toString();
                sendError(connection, id, QStringLiteral("ValidationError"), message);
                return;
            }
            const GraphQL::Schema &schema = api->executor->schema();
            const GraphQL::NamedType *root = schema.rootType(GraphQL::OperationType::Subscription);
            const GraphQL::FieldDef *field = root ? root->field(prepared.rootFieldName) : nullptr;
            if (!field || !AppSyncService::allows(api->config, *caller, *root, *field)) {
                sendError(connection, id, QStringLiteral("Unauthorized"),
                          QStringLiteral("Not Authorized to access %1 on type %2")
                              .arg(prepared.rootFieldName, root ? root->name : QString()));
                return;
            }
            subscription.field = prepared.rootFieldName;
            subscription.arguments = prepared.rootArguments;
            for (const GraphQL::AppliedDirective &d : field->directives) {
                if (d.name != QLatin1String("aws_subscribe"))
                    continue;
                for (const auto &[name, literal] : d.arguments) {
                    const Core::Result<GraphQL::Value> value =
                        GraphQL::Parser::parseValue(literal.toUtf8());
                    if (name == QLatin1String("mutations") && value) {
                        for (const GraphQL::Value &item : value->list)
                            subscription.mutations.append(item.text);
                    }
                }
            }
            connection->subscriptions[id] = subscription;
            send(connection,
                 compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("start_ack")},
                                     {QStringLiteral("id"), id}}));
        });
}

void AppSyncRealtime::stop(Connection *connection, const QString &id)
{
    connection->subscriptions.erase(id);
    send(connection, compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("complete")},
                                         {QStringLiteral("id"), id}}));
}

void AppSyncRealtime::onMutation(const QString &apiId, const QString &mutationField,
                                 const QByteArray &value)
{
    const QJsonObject result = QJsonDocument::fromJson(value).object();
    // Chosen first and pushed after: a send may end a connection and change the map.
    std::vector<std::tuple<std::weak_ptr<Connection>, QString, Subscription>> targets;
    for (auto &[socket, connection] : m_connections) {
        if (connection->apiId != apiId)
            continue;
        for (const auto &[id, subscription] : connection->subscriptions) {
            if (!subscription.mutations.contains(mutationField))
                continue;
            // AppSync's filter: every argument the subscription gave equals the result's field.
            const QJsonObject arguments = QJsonDocument::fromJson(subscription.arguments).object();
            bool matches = true;
            for (auto it = arguments.begin(); it != arguments.end() && matches; ++it)
                matches = it.value().isNull() || result.value(it.key()) == it.value();
            if (matches)
                targets.emplace_back(connection, id, subscription);
        }
    }
    for (const auto &[weak, id, subscription] : targets) {
        if (const std::shared_ptr<Connection> connection = weak.lock();
            connection && connection->socket)
            push(connection.get(), id, subscription, value);
    }
}

namespace {

// The subscription's root field answers with the mutation's result; the fields under it read
// from that result, so the subscriber gets what its own selection set asks for.
class PushResolver : public GraphQL::FieldResolver
{
public:
    QString rootType, rootField;
    QByteArray value;
    const AppSyncApiConfig *api = nullptr;
    AppSyncCaller caller;

    bool resolves(const QString &typeName, const QString &fieldName) const override
    {
        return typeName == rootType && fieldName == rootField;
    }
    void resolve(const GraphQL::FieldRequest &,
                 std::function<void(GraphQL::FieldResult)> done) override
    {
        GraphQL::FieldResult result;
        result.value = value;
        done(result);
    }
    bool allows(const GraphQL::NamedType &type, const GraphQL::FieldDef &field) const override
    {
        return AppSyncService::allows(*api, caller, type, field);
    }
};

} // namespace

void AppSyncRealtime::push(Connection *connection, const QString &id,
                           const Subscription &subscription, const QByteArray &value)
{
    const AppSyncService::Api *api = m_service->api(connection->apiId);
    if (!api)
        return;
    auto resolver = std::make_shared<PushResolver>();
    resolver->rootType = api->executor->schema().rootTypeName(GraphQL::OperationType::Subscription);
    resolver->rootField = subscription.field;
    resolver->value = value;
    resolver->api = &api->config;
    resolver->caller = subscription.caller;
    QPointer<QWebSocket> socket(connection->socket);
    api->executor->execute(
        {subscription.query, subscription.operationName, subscription.variables}, resolver,
        [this, socket, id](QByteArray response) {
            const auto found = socket ? m_connections.find(socket.data()) : m_connections.end();
            if (found == m_connections.end())
                return;
            // The executor's response as it is, so the data keep their field order.
            const QByteArray quotedId =
                QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
            send(found->second.get(),
                 "{\"type\":\"data\",\"id\":" + quotedId + ",\"payload\":" + response + '}');
        });
}

} // namespace Gatehouse::Emulator
