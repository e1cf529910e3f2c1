#include "subscriptionclient.h"

#include <QDateTime>
#include <QUuid>

namespace Gatehouse::Core::GraphQL {

namespace {

constexpr qint64 AppSyncDefaultTimeoutMs = 300000; // AppSync's documented default

QUrl withPath(QUrl url, const QString &suffix)
{
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + suffix);
    url.setQuery(QString());
    return url;
}

QString protocolName(SubscriptionProtocol protocol)
{
    switch (protocol) {
    case SubscriptionProtocol::AppSync:
        return QStringLiteral("AppSync real-time");
    case SubscriptionProtocol::GraphQLTransportWs:
        return QStringLiteral("graphql-transport-ws");
    }
    return {};
}

} // namespace

SubscriptionClient::SubscriptionClient(QObject *parent)
    : QObject(parent)
{
    m_ackTimer.setSingleShot(true);
    m_keepAliveTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_ackTimer, &QTimer::timeout, this, [this] {
        fail(makeError(ErrorCode::Timeout,
                       QStringLiteral("The server accepted the WebSocket but sent no "
                                      "connection_ack within %1 s, so it does not speak %2 here; "
                                      "check the real-time URL and the protocol.")
                           .arg(m_options.ackTimeoutMs / 1000.0)
                           .arg(protocolName(m_options.protocol))));
    });
    connect(&m_keepAliveTimer, &QTimer::timeout, this, [this] {
        fail(makeError(ErrorCode::Timeout,
                       QStringLiteral("No keep-alive (ka) from the server for %1 s "
                                      "(connectionTimeoutMs): the connection is considered dead.")
                           .arg(m_keepAliveMs / 1000.0)));
    });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SubscriptionClient::startSocket);
    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, &SubscriptionClient::closeSocket);
}

SubscriptionClient::~SubscriptionClient() = default;

Result<WebSocketConnectOptions> SubscriptionClient::connectOptions(const SubscriptionOptions &options,
                                                                   const QDateTime &now)
{
    const QString scheme = options.url.scheme();
    if (!options.url.isValid() || options.url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not the http(s):// URL of a GraphQL endpoint; "
                                        "subscriptions need it (AppSync signs its host) and take "
                                        "the real-time URL from it or from --realtime-url.")
                             .arg(options.url.toString()));
    WebSocketConnectOptions out;
    out.handshakeTimeoutMs = options.handshakeTimeoutMs;
    out.headers = options.headers;
    if (options.protocol == SubscriptionProtocol::GraphQLTransportWs) {
        out.url = options.realtimeUrl;
        if (out.url.isEmpty()) {
            out.url = options.url;
            out.url.setScheme(scheme == QLatin1String("https") ? QStringLiteral("wss")
                                                               : QStringLiteral("ws"));
        }
        out.subprotocols = {QStringLiteral("graphql-transport-ws")};
        if (options.auth.mode != AuthMode::None) {
            auto fields = authorizationFields(options.auth, options.url, "{}", now);
            if (!fields)
                return fields.error();
            for (const HttpHeaders::Field &field : std::as_const(*fields)) {
                if (field.first.compare("host", Qt::CaseInsensitive) != 0)
                    out.headers.set(field.first, field.second);
            }
        }
        return out;
    }

    out.url = options.realtimeUrl.isEmpty() ? appSyncRealtimeUrl(options.url) : options.realtimeUrl;
    auto fields = authorizationFields(options.auth, withPath(options.url, QStringLiteral("/connect")),
                                      "{}", now);
    if (!fields)
        return fields.error();
    const QByteArray object = jsonStringObject(*fields);
    switch (options.handshake) {
    case AppSyncHandshake::QueryString:
        out.url.setQuery(QStringLiteral("header=%1&payload=e30=")
                             .arg(QString::fromLatin1(object.toBase64()
                                                          .replace('+', "%2B")
                                                          .replace('/', "%2F")
                                                          .replace('=', "%3D"))),
                         QUrl::StrictMode);
        out.subprotocols = {QStringLiteral("graphql-ws")};
        break;
    case AppSyncHandshake::Subprotocol:
        out.subprotocols = {QStringLiteral("graphql-ws"),
                            QStringLiteral("header-")
                                + QString::fromLatin1(object.toBase64(QByteArray::Base64UrlEncoding
                                                                      | QByteArray::OmitTrailingEquals))};
        break;
    case AppSyncHandshake::Headers:
        out.subprotocols = {QStringLiteral("graphql-ws")};
        for (const HttpHeaders::Field &field : std::as_const(*fields)) {
            // The socket sends Host for the real-time host itself; the object's host is the
            // GraphQL host, which only the other two forms can carry.
            if (field.first.compare("host", Qt::CaseInsensitive) != 0)
                out.headers.set(field.first, field.second);
        }
        break;
    }
    return out;
}

Result<void> SubscriptionClient::open(const SubscriptionOptions &options)
{
    auto probe = connectOptions(options, QDateTime::currentDateTimeUtc());
    if (!probe)
        return probe.error();
    if (auto valid = validateWebSocketOptions(*probe); !valid)
        return valid.error();
    m_options = options;
    m_realtimeUrl = probe->url;
    m_realtimeUrl.setQuery(QString());
    m_closing = false;
    m_failed = false;
    m_reconnectAttempt = 0;
    startSocket();
    return {};
}

void SubscriptionClient::startSocket()
{
    // Each attempt signs afresh: an IAM signature is only good for a few minutes.
    auto options = connectOptions(m_options, QDateTime::currentDateTimeUtc());
    if (!options) {
        fail(options.error());
        return;
    }
    if (m_socket)
        m_socket->deleteLater();
    m_socket = new WebSocketSession(this);
    connect(m_socket, &WebSocketSession::connected, this, &SubscriptionClient::onConnected);
    connect(m_socket, &WebSocketSession::frame, this, &SubscriptionClient::onFrame);
    connect(m_socket, &WebSocketSession::disconnected, this, &SubscriptionClient::onDisconnected);
    for (Subscription &subscription : m_subscriptions)
        subscription.sent = false;
    setState(State::Connecting);
    note(QStringLiteral("Connecting to %1 (%2, sub-protocols %3)")
             .arg(m_realtimeUrl.toDisplayString(), protocolName(m_options.protocol),
                  QString::fromUtf8(maskSecrets(options->subprotocols.join(QStringLiteral(", ")).toUtf8(),
                                                m_options.auth.secrets()))));
    if (auto opened = m_socket->open(*options); !opened)
        fail(opened.error());
}

Result<QString> SubscriptionClient::subscribe(const QString &query, const QByteArray &variablesJson,
                                              const QString &operationName)
{
    Result<QByteArray> body = requestBody(query, operationName, variablesJson);
    if (!body)
        return body.error();
    // AppSync recommends UUIDs; graphql-ws accepts any unique string.
    const QString id = m_options.protocol == SubscriptionProtocol::AppSync
                           ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                           : QString::number(m_nextId++);
    Subscription &subscription = m_subscriptions[id];
    subscription.body = *body;
    if (m_state == State::Ready)
        sendStart(id, subscription);
    return id;
}

void SubscriptionClient::unsubscribe(const QString &id)
{
    auto it = m_subscriptions.find(id);
    if (it == m_subscriptions.end())
        return;
    const bool sent = it->sent;
    m_subscriptions.erase(it);
    if (!sent || m_state != State::Ready)
        return;
    switch (m_options.protocol) {
    case SubscriptionProtocol::AppSync:
        send(wireMessage(QStringLiteral("stop"), id));
        break;
    case SubscriptionProtocol::GraphQLTransportWs:
        send(wireMessage(QStringLiteral("complete"), id));
        break;
    }
}

void SubscriptionClient::close()
{
    if (m_closing && m_closeTimer.isActive())
        return;
    m_closing = true;
    m_reconnectTimer.stop();
    const QList<QString> ids = m_subscriptions.keys();
    for (const QString &id : ids) {
        if (m_state == State::Ready && m_subscriptions.value(id).sent
            && m_options.protocol == SubscriptionProtocol::AppSync)
            m_stopping.insert(id);
        unsubscribe(id);
    }
    m_ackTimer.stop();
    if (!m_stopping.isEmpty()) {
        // AppSync answers each stop with complete; close once they are in, or after a second.
        m_closeTimer.start(1000);
        return;
    }
    closeSocket();
}

void SubscriptionClient::closeSocket()
{
    m_closeTimer.stop();
    m_stopping.clear();
    m_keepAliveTimer.stop();
    if (m_socket && m_socket->state() != WebSocketSession::State::Closed
        && m_socket->state() != WebSocketSession::State::Idle)
        m_socket->close(1000);
    else if (m_state != State::Closed && m_state != State::Idle) {
        // Between attempts (waiting to reconnect) there is no socket to report the end.
        setState(State::Closed);
        Q_EMIT disconnected({});
    }
}

void SubscriptionClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SubscriptionClient::onConnected()
{
    setState(State::Initializing);
    note(QStringLiteral("WebSocket open (sub-protocol %1); waiting for connection_ack")
             .arg(m_socket->negotiatedSubprotocol()));
    if (m_options.protocol == SubscriptionProtocol::GraphQLTransportWs)
        send(wireMessage(QStringLiteral("connection_init"), {}, m_options.connectionParams));
    else
        send(wireMessage(QStringLiteral("connection_init")));
    m_ackTimer.start(m_options.ackTimeoutMs);
}

void SubscriptionClient::onFrame(WebSocketDirection direction, WebSocketOpcode opcode,
                                 const QByteArray &payload, qint64 time)
{
    if (opcode != WebSocketOpcode::Text && opcode != WebSocketOpcode::Binary
        && opcode != WebSocketOpcode::Close)
        return;
    TraceEntry entry;
    entry.direction = direction;
    entry.text = maskSecrets(payload, m_options.auth.secrets());
    if (opcode == WebSocketOpcode::Close) {
        entry.note = true;
        entry.text = (direction == WebSocketDirection::Sent ? "Close sent" : "Close received")
                     + (entry.text.isEmpty() ? QByteArray() : ": " + entry.text);
    }
    entry.msecsSinceEpoch = time;
    Q_EMIT traced(entry);
    if (direction != WebSocketDirection::Received || opcode == WebSocketOpcode::Close)
        return;
    Result<WireMessage> message = parseWireMessage(payload);
    if (!message) {
        note(message.error().message);
        return;
    }
    handleMessage(*message);
}

void SubscriptionClient::armKeepAlive()
{
    if (m_options.protocol == SubscriptionProtocol::AppSync && m_keepAliveMs > 0)
        m_keepAliveTimer.start(int(qMin<qint64>(m_keepAliveMs, std::numeric_limits<int>::max())));
}

void SubscriptionClient::handleMessage(const WireMessage &message)
{
    const QString &type = message.type;
    if (type == QLatin1String("connection_ack")) {
        m_ackTimer.stop();
        m_reconnectAttempt = 0;
        qint64 timeout = ackConnectionTimeoutMs(message.payload);
        if (m_options.keepAliveTimeoutMs > 0) {
            timeout = m_options.keepAliveTimeoutMs;
        } else if (timeout <= 0 && m_options.protocol == SubscriptionProtocol::AppSync) {
            note(QStringLiteral("connection_ack carries no connectionTimeoutMs; watching for "
                                "keep-alives every %1 s, AppSync's default")
                     .arg(AppSyncDefaultTimeoutMs / 1000));
            timeout = AppSyncDefaultTimeoutMs;
        }
        m_keepAliveMs = timeout;
        armKeepAlive();
        setState(State::Ready);
        Q_EMIT acknowledged(timeout);
        for (auto it = m_subscriptions.begin(); it != m_subscriptions.end(); ++it) {
            if (!it->sent)
                sendStart(it.key(), *it);
        }
        return;
    }
    armKeepAlive(); // any traffic shows the connection is alive
    if (type == QLatin1String("ka"))
        return;
    if (type == QLatin1String("ping")) {
        send(wireMessage(QStringLiteral("pong")));
        return;
    }
    if (type == QLatin1String("pong"))
        return;
    if (type == QLatin1String("start_ack")) {
        Q_EMIT started(message.id);
        return;
    }
    if (type == QLatin1String("data") || type == QLatin1String("next")) {
        Q_EMIT dataReceived(message.id, message.payload);
        return;
    }
    if (type == QLatin1String("complete")) {
        m_subscriptions.remove(message.id);
        Q_EMIT completed(message.id);
        if (m_stopping.remove(message.id) && m_stopping.isEmpty() && m_closing)
            closeSocket();
        return;
    }
    if (type == QLatin1String("error") || type == QLatin1String("connection_error")) {
        QList<ResponseError> errors = parseErrors(message.payload);
        if (errors.isEmpty())
            errors.append({QStringLiteral("The server reported an error without a message: %1")
                               .arg(QString::fromUtf8(message.payload)),
                           {}, {}, {}});
        if (m_state == State::Initializing) {
            fail(makeError(ErrorCode::Service,
                           QStringLiteral("The server refused the connection: %1").arg(errors.first().message)));
            return;
        }
        if (!message.id.isEmpty())
            m_subscriptions.remove(message.id);
        Q_EMIT subscriptionFailed(message.id, errors);
        return;
    }
    note(QStringLiteral("Ignored a message of unknown type '%1'").arg(type));
}

void SubscriptionClient::sendStart(const QString &id, Subscription &subscription)
{
    subscription.sent = true;
    switch (m_options.protocol) {
    case SubscriptionProtocol::GraphQLTransportWs:
        send(wireMessage(QStringLiteral("subscribe"), id, subscription.body));
        return;
    case SubscriptionProtocol::AppSync:
        break;
    }
    // The start message signs POST <graphql url> with the data string as body (IAM), or
    // repeats the connect-time object (every other mode).
    auto fields = authorizationFields(m_options.auth, withPath(m_options.url, QString()),
                                      subscription.body, QDateTime::currentDateTimeUtc());
    if (!fields) {
        m_subscriptions.remove(id);
        Q_EMIT subscriptionFailed(id, {{fields.error().message, {}, {}, {}}});
        return;
    }
    send(wireMessage(QStringLiteral("start"), id,
                     appSyncStartPayload(subscription.body, jsonStringObject(*fields))));
}

void SubscriptionClient::send(const QByteArray &frame)
{
    if (m_socket)
        m_socket->sendText(QString::fromUtf8(frame));
}

void SubscriptionClient::note(const QString &text)
{
    TraceEntry entry;
    entry.text = text.toUtf8();
    entry.note = true;
    entry.msecsSinceEpoch = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT traced(entry);
}

void SubscriptionClient::fail(const Error &error)
{
    m_failed = true;
    m_ackTimer.stop();
    m_keepAliveTimer.stop();
    note(error.message);
    if (m_socket && (m_socket->state() == WebSocketSession::State::Open
                     || m_socket->state() == WebSocketSession::State::Connecting)) {
        m_pendingFailure = error;
        m_socket->abort();
        return;
    }
    setState(State::Closed);
    Q_EMIT disconnected(error);
}

void SubscriptionClient::onDisconnected(const Error &socketError)
{
    m_ackTimer.stop();
    m_keepAliveTimer.stop();
    m_closeTimer.stop();
    m_stopping.clear();
    Error error = m_failed ? m_pendingFailure : socketError;
    if (!m_failed && !m_closing) {
        const QString active = QStringLiteral("%1 subscription(s) active").arg(m_subscriptions.size());
        const QString cause = socketError.isError()
                                  ? socketError.message
                                  : QStringLiteral("the server closed it (%1)")
                                        .arg(webSocketCloseCodeText(m_socket->closeCode()));
        error = makeError(socketError.isError() ? socketError.code : ErrorCode::ConnectionClosed,
                          m_state == State::Ready
                              ? QStringLiteral("The subscription connection dropped with %1: %2")
                                    .arg(active, cause)
                              : QStringLiteral("The connection ended before it was ready: %1").arg(cause));
    }
    // Only a connection that was working is worth another try: one that never got its ack
    // (wrong URL, refused auth) would fail the same way again.
    const bool retry = m_options.resubscribe && !m_closing && m_state == State::Ready
                       && !m_subscriptions.isEmpty();
    m_failed = false;
    m_pendingFailure = {};
    if (retry) {
        const int delay = qMin(30000, 500 << qMin(m_reconnectAttempt++, 6));
        note(QStringLiteral("%1 Reconnecting in %2 s and subscribing again.")
                 .arg(error.message)
                 .arg(delay / 1000.0));
        setState(State::Connecting);
        Q_EMIT reconnecting(error, delay);
        m_reconnectTimer.start(delay);
        return;
    }
    setState(State::Closed);
    if (error.isError())
        note(error.message);
    Q_EMIT disconnected(error);
}

} // namespace Gatehouse::Core::GraphQL
