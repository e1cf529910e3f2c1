#include "websocketsession.h"

#include "core/aws/sigv4signer.h"

#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <algorithm>

namespace Gatehouse::Core {

QString webSocketCloseCodeText(int code)
{
    switch (code) {
    case 1000:
        return QStringLiteral("normal closure");
    case 1001:
        return QStringLiteral("going away");
    case 1002:
        return QStringLiteral("protocol error");
    case 1003:
        return QStringLiteral("unsupported data");
    case 1005:
        return QStringLiteral("no status code given");
    case 1006:
        return QStringLiteral("abnormal closure (no close frame)");
    case 1007:
        return QStringLiteral("invalid payload data (e.g. text that is not UTF-8)");
    case 1008:
        return QStringLiteral("policy violation");
    case 1009:
        return QStringLiteral("message too big");
    case 1010:
        return QStringLiteral("missing extension");
    case 1011:
        return QStringLiteral("internal server error");
    case 1012:
        return QStringLiteral("service restart");
    case 1013:
        return QStringLiteral("try again later");
    case 1014:
        return QStringLiteral("bad gateway");
    case 1015:
        return QStringLiteral("TLS handshake failed");
    default:
        break;
    }
    if (code >= 4000 && code <= 4999)
        return QStringLiteral("application code %1").arg(code);
    if (code >= 3000 && code <= 3999)
        return QStringLiteral("registered code %1").arg(code);
    return QStringLiteral("code %1").arg(code);
}

QString webSocketOpcodeName(WebSocketOpcode opcode)
{
    switch (opcode) {
    case WebSocketOpcode::Text:
        return QStringLiteral("text");
    case WebSocketOpcode::Binary:
        return QStringLiteral("binary");
    case WebSocketOpcode::Close:
        return QStringLiteral("close");
    case WebSocketOpcode::Ping:
        return QStringLiteral("ping");
    case WebSocketOpcode::Pong:
        return QStringLiteral("pong");
    }
    return {};
}

Result<void> validateWebSocketOptions(const WebSocketConnectOptions &options)
{
    const QUrl &url = options.url;
    if (!url.isValid() || url.host().isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("\"%1\" is not a valid URL; type one like ws://127.0.0.1:8080/path.")
                .arg(url.toString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("The URL must start with ws:// or wss://, not %1://.").arg(scheme));
    switch (options.auth) {
    case WebSocketAuth::None:
        break;
    case WebSocketAuth::QueryToken:
    case WebSocketAuth::BearerToken:
        if (options.token.isEmpty())
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral(
                    "Token authentication needs a token; paste one or choose no authentication."));
        break;
    case WebSocketAuth::SigV4:
        if (!options.credentials.isComplete())
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral(
                    "SigV4 signing needs AWS credentials; set a profile or AWS_ACCESS_KEY_ID."));
        if (options.region.isEmpty())
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("SigV4 signing needs a region; set --region or AWS_REGION."));
        break;
    }
    for (const auto &field : options.headers.fields()) {
        if (field.first.isEmpty() || field.first.contains(':') || field.first.contains(' '))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("\"%1\" is not a valid header name.")
                                 .arg(QString::fromUtf8(field.first)));
    }
    return {};
}

Result<QUrl> webSocketHandshakeUrl(const WebSocketConnectOptions &options, const QDateTime &now)
{
    if (auto valid = validateWebSocketOptions(options); !valid)
        return valid.error();
    QUrl url = options.url;
    switch (options.auth) {
    case WebSocketAuth::None:
    case WebSocketAuth::BearerToken:
        return url;
    case WebSocketAuth::QueryToken: {
        QUrlQuery query(url);
        query.addQueryItem(options.tokenParameter,
                           QString::fromLatin1(QUrl::toPercentEncoding(options.token)));
        url.setQuery(query);
        return url;
    }
    case WebSocketAuth::SigV4: {
        // API Gateway signs the handshake as an https GET to execute-api; the presigned query
        // is the only place a browser-style client can carry it.
        Aws::SigV4Request request;
        request.method = "GET";
        request.path = url.path(QUrl::FullyEncoded).toUtf8();
        request.query = url.query(QUrl::FullyEncoded).toUtf8();
        QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
        if (url.port() != -1)
            host += ':' + QByteArray::number(url.port());
        request.headers.add("Host", host);
        request.payloadKind = Aws::SigV4Payload::Bytes;
        request.service = QStringLiteral("execute-api");
        request.region = options.region;
        request.time = now;
        Aws::SigV4Signer signer(options.credentials);
        auto signature = signer.presign(request, 300);
        if (!signature)
            return signature.error();
        url.setQuery(QString::fromLatin1(signature->query), QUrl::StrictMode);
        return url;
    }
    }
    return url;
}

WebSocketSession::WebSocketSession(QObject *parent)
    : QObject(parent)
{
    m_handshakeTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &WebSocketSession::onHandshakeTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &WebSocketSession::startSocket);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] { ping(); });
}

WebSocketSession::~WebSocketSession()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

Result<void> WebSocketSession::open(const WebSocketConnectOptions &options)
{
    if (auto valid = validateWebSocketOptions(options); !valid)
        return valid;
    m_options = options;
    m_reconnectAttempt = 0;
    startSocket();
    return {};
}

void WebSocketSession::startSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_userClosed = false;
    m_wasOpen = false;
    m_closeCode = 0;
    m_closeReason.clear();
    m_pendingError = {};

    auto url = webSocketHandshakeUrl(m_options);
    if (!url) {
        m_lastError = url.error();
        setState(State::Closed);
        emit disconnected(m_lastError);
        return;
    }
    QNetworkRequest request(*url);
    for (const auto &field : m_options.headers.fields())
        request.setRawHeader(field.first, field.second);
    if (m_options.auth == WebSocketAuth::BearerToken)
        request.setRawHeader("Authorization", "Bearer " + m_options.token.toUtf8());
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols(m_options.subprotocols);

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &WebSocketSession::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketSession::onDisconnected);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WebSocketSession::onSocketError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        emit frame(WebSocketDirection::Received, WebSocketOpcode::Text, text.toUtf8(),
                   QDateTime::currentMSecsSinceEpoch());
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        emit frame(WebSocketDirection::Received, WebSocketOpcode::Binary, data,
                   QDateTime::currentMSecsSinceEpoch());
    });
    connect(m_socket, &QWebSocket::pong, this, [this](quint64 elapsed, const QByteArray &payload) {
        emit frame(WebSocketDirection::Received, WebSocketOpcode::Pong, payload,
                   QDateTime::currentMSecsSinceEpoch());
        emit pongReceived(qint64(elapsed));
    });
    setState(State::Connecting);
    m_handshakeTimer.start(m_options.handshakeTimeoutMs);
    m_socket->open(request, handshake);
}

void WebSocketSession::close(int code, const QString &reason)
{
    m_userClosed = true;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    if (!m_socket || m_state == State::Closed || m_state == State::Idle) {
        if (m_state == State::WaitingToReconnect)
            setState(State::Closed);
        return;
    }
    if (m_state == State::Connecting) {
        abort();
        return;
    }
    setState(State::Closing);
    emit frame(WebSocketDirection::Sent, WebSocketOpcode::Close, reason.toUtf8(),
               QDateTime::currentMSecsSinceEpoch());
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    // A peer that never answers the close frame (or a socket the peer already closed) would
    // leave the session "Closing" for ever; RFC 6455 lets the client drop the TCP connection.
    QTimer::singleShot(2000, this, [this, socket = QPointer<QWebSocket>(m_socket)] {
        if (socket && socket == m_socket && m_state == State::Closing)
            abort();
    });
}

void WebSocketSession::abort()
{
    m_userClosed = true;
    m_reconnectTimer.stop();
    if (!m_socket)
        return;
    m_socket->abort();
    if (m_state == State::Connecting || m_state == State::Open || m_state == State::Closing)
        onDisconnected(); // the socket had nothing to disconnect and said nothing
}

QString WebSocketSession::stateText() const
{
    switch (m_state) {
    case State::Idle:
        return tr("Not connected");
    case State::Connecting:
        return tr("Connecting to %1").arg(m_options.url.toDisplayString());
    case State::Open:
        return tr("Open");
    case State::Closing:
        return tr("Closing");
    case State::Closed:
        if (m_lastError.isError())
            return m_lastError.message;
        if (m_closeCode)
            return tr("Closed: %1 %2%3")
                .arg(m_closeCode)
                .arg(webSocketCloseCodeText(m_closeCode),
                     m_closeReason.isEmpty() ? QString()
                                             : QStringLiteral(" \u2014 ") + m_closeReason);
        return tr("Closed");
    case State::WaitingToReconnect:
        return tr("Reconnecting (attempt %1)").arg(m_reconnectAttempt);
    }
    return {};
}

QString WebSocketSession::negotiatedSubprotocol() const
{
    return m_socket ? m_socket->subprotocol() : QString();
}

bool WebSocketSession::sendText(const QString &text)
{
    if (m_state != State::Open)
        return false;
    m_socket->sendTextMessage(text);
    emit frame(WebSocketDirection::Sent, WebSocketOpcode::Text, text.toUtf8(),
               QDateTime::currentMSecsSinceEpoch());
    return true;
}

bool WebSocketSession::sendBinary(const QByteArray &data)
{
    if (m_state != State::Open)
        return false;
    m_socket->sendBinaryMessage(data);
    emit frame(WebSocketDirection::Sent, WebSocketOpcode::Binary, data,
               QDateTime::currentMSecsSinceEpoch());
    return true;
}

bool WebSocketSession::ping(const QByteArray &payload)
{
    if (m_state != State::Open)
        return false;
    m_socket->ping(payload);
    emit frame(WebSocketDirection::Sent, WebSocketOpcode::Ping, payload,
               QDateTime::currentMSecsSinceEpoch());
    return true;
}

void WebSocketSession::setPingInterval(int milliseconds)
{
    m_pingTimer.setInterval(milliseconds);
    if (milliseconds <= 0)
        m_pingTimer.stop();
    else if (m_state == State::Open)
        m_pingTimer.start();
}

void WebSocketSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void WebSocketSession::onConnected()
{
    m_handshakeTimer.stop();
    m_wasOpen = true;
    m_reconnectAttempt = 0;
    m_lastError = {};
    setState(State::Open);
    if (m_pingTimer.interval() > 0)
        m_pingTimer.start();
    emit connected();
}

void WebSocketSession::onSocketError()
{
    // The handshake timeout already says what happened; the abort's own error would not.
    if (!m_pendingError.isError())
        m_pendingError = socketError();
}

Error WebSocketSession::socketError() const
{
    const QString detail = m_socket->errorString();
    Error error;
    error.message = detail;
    // Qt reports a handshake answered with anything but 101 only in its error string
    // ("Unhandled http status code: 403 (Forbidden)"), under varying error codes.
    static const QRegularExpression status(
        QStringLiteral("status code: (\\d{3})(?: \\(([^)]*)\\))?"));
    if (const auto match = status.match(detail); match.hasMatch()) {
        error.code = ErrorCode::Protocol;
        error.httpStatus = match.captured(1).toInt();
        error.message =
            tr("The server refused the WebSocket handshake with HTTP %1 %2; check the URL, "
               "the authentication and the headers.")
                .arg(error.httpStatus)
                .arg(match.captured(2));
        error.message.replace(QStringLiteral(" ;"), QStringLiteral(";"));
        return error;
    }
    // Qt 6.4 words a 400 answer without a Sec-WebSocket-Version header only as "Unknown
    // error condition" (qwebsocket_p.cpp, processHandshake); API Gateway answers 400 when
    // $connect returns it.
    if (!m_wasOpen && detail.contains(QLatin1String("processHandshake: Unknown error condition"))) {
        error.code = ErrorCode::Protocol;
        error.httpStatus = 400;
        error.message =
            tr("The server refused the WebSocket handshake with HTTP 400 Bad Request; check the "
               "URL (a $connect route may want query parameters), the authentication and the "
               "headers.");
        return error;
    }
    switch (m_socket->error()) {
    case QAbstractSocket::ConnectionRefusedError:
        error.code = ErrorCode::ConnectionRefused;
        error.message =
            tr("Nothing accepts connections at %1:%2; is the server running?")
                .arg(m_options.url.host())
                .arg(m_options.url.port(m_options.url.scheme() == QLatin1String("wss") ? 443 : 80));
        break;
    case QAbstractSocket::HostNotFoundError:
        error.code = ErrorCode::HostNotFound;
        error.message = tr("The host %1 was not found; check the URL.").arg(m_options.url.host());
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        error.code = ErrorCode::Tls;
        error.message = tr("The TLS handshake failed: %1").arg(detail);
        break;
    case QAbstractSocket::SocketTimeoutError:
        error.code = ErrorCode::Timeout;
        break;
    case QAbstractSocket::RemoteHostClosedError:
        error.code = ErrorCode::ConnectionClosed;
        error.message =
            m_wasOpen ? tr("The server closed the connection without a close frame.")
                      : tr("The server closed the connection during the handshake: %1").arg(detail);
        break;
    default:
        error.code = ErrorCode::Protocol;
        break;
    }
    return error;
}

void WebSocketSession::onHandshakeTimeout()
{
    if (m_state != State::Connecting || !m_socket)
        return;
    m_pendingError = makeError(ErrorCode::Timeout,
                               tr("The server did not answer the WebSocket handshake within %1 s; "
                                  "check that the URL points at a WebSocket endpoint.")
                                   .arg(m_options.handshakeTimeoutMs / 1000.0));
    m_socket->abort();
}

void WebSocketSession::onDisconnected()
{
    if (m_state == State::Closed || m_state == State::Idle || m_state == State::WaitingToReconnect)
        return;
    m_handshakeTimer.stop();
    m_pingTimer.stop();
    m_closeCode = m_socket->closeCode();
    m_closeReason = m_socket->closeReason();
    if (!m_wasOpen) {
        m_closeCode = 0;
        // disconnected() can come before error(); the socket already knows what went wrong.
        if (!m_pendingError.isError() && m_socket->error() != QAbstractSocket::UnknownSocketError)
            m_pendingError = socketError();
        if (!m_pendingError.isError())
            m_pendingError = makeError(ErrorCode::ConnectionClosed,
                                       tr("The connection ended before the handshake completed."));
    } else if (m_closeCode != 1000 && m_closeCode != 1001 && m_closeCode < 3000 &&
               !m_pendingError.isError() && !m_userClosed) {
        m_pendingError = makeError(ErrorCode::ConnectionClosed,
                                   tr("Closed: %1 %2%3")
                                       .arg(m_closeCode)
                                       .arg(webSocketCloseCodeText(m_closeCode),
                                            m_closeReason.isEmpty()
                                                ? QString()
                                                : QStringLiteral(" \u2014 ") + m_closeReason));
    }
    // Qt 6.4 leaves closeCode() at 1000 when the TCP connection ends without a close frame
    // (a peer that died, even in the middle of a frame): that is 1006, not a normal closure.
    if (m_wasOpen && m_pendingError.code == ErrorCode::ConnectionClosed &&
        (m_closeCode == 1006 || m_socket->error() == QAbstractSocket::RemoteHostClosedError)) {
        m_closeCode = 1006;
        m_pendingError.message =
            tr("Closed: 1006 abnormal closure (no close frame); the connection dropped, so "
               "anything the server was still sending is lost.");
    }
    m_lastError = m_pendingError;
    if (m_wasOpen && m_closeCode)
        emit frame(WebSocketDirection::Received, WebSocketOpcode::Close, m_closeReason.toUtf8(),
                   QDateTime::currentMSecsSinceEpoch());
    setState(State::Closed);
    emit disconnected(m_lastError);
    if (!m_userClosed && m_options.autoReconnect)
        scheduleReconnect();
}

void WebSocketSession::scheduleReconnect()
{
    ++m_reconnectAttempt;
    const qint64 delay = std::min<qint64>(qint64(m_options.reconnectInitialDelayMs)
                                              << std::min(m_reconnectAttempt - 1, 20),
                                          m_options.reconnectMaximumDelayMs);
    setState(State::WaitingToReconnect);
    emit reconnectScheduled(m_reconnectAttempt, int(delay));
    m_reconnectTimer.start(int(delay));
}

} // namespace Gatehouse::Core
