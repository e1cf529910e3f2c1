#pragma once

#include "core/aws/credentials.h"
#include "core/httpmessage.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <optional>

class QWebSocket;

namespace Gatehouse::Core {

// How a WebSocket connection proves who it is. API Gateway WebSocket APIs with IAM auth take
// a SigV4-presigned URL (the handshake is a GET whose headers browsers cannot set); custom
// authorizers usually read a token from the query string or an Authorization header.
enum class WebSocketAuth
{
    None,
    QueryToken,  // ?<tokenParameter>=<token>
    BearerToken, // Authorization: Bearer <token>
    SigV4,       // presigned URL, service execute-api
};

struct WebSocketConnectOptions
{
    QUrl url;                 // ws:// or wss://
    HttpHeaders headers;      // extra handshake headers
    QStringList subprotocols; // offered in Sec-WebSocket-Protocol, in order
    WebSocketAuth auth = WebSocketAuth::None;
    QString token; // QueryToken / BearerToken
    QString tokenParameter = QStringLiteral("token");
    Aws::Credentials credentials; // SigV4
    QString region;               // SigV4
    int handshakeTimeoutMs = 10000;
    bool autoReconnect = false;
    int reconnectInitialDelayMs = 500;
    int reconnectMaximumDelayMs = 30000;
};

// One frame as the console shows it.
enum class WebSocketOpcode : quint8
{
    Text = 1,
    Binary = 2,
    Close = 8,
    Ping = 9,
    Pong = 10,
};
enum class WebSocketDirection : quint8
{
    Sent,
    Received,
};

// RFC 6455 section 7.4 close codes (and the IANA registry) in words, e.g. 1008 -> "policy
// violation"; 4000-4999 are the application's own.
QString webSocketCloseCodeText(int code);
QString webSocketOpcodeName(WebSocketOpcode opcode);

// The URL the handshake goes to once auth is applied: the query token added, or the URL
// presigned with SigV4 (service execute-api, 300 s) as API Gateway expects for IAM auth.
Result<QUrl> webSocketHandshakeUrl(const WebSocketConnectOptions &options,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc());
// Checks what a person typed before anything goes on the network.
Result<void> validateWebSocketOptions(const WebSocketConnectOptions &options);

// A client connection to any WebSocket server, without blocking: state and frames by
// signals, failures as Error values whose message says what happened (handshake status,
// timeout, close code in words). Optionally reconnects with exponential backoff.
class WebSocketSession : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,
        Connecting,
        Open,
        Closing,
        Closed,
        WaitingToReconnect,
    };
    Q_ENUM(State)

    explicit WebSocketSession(QObject *parent = nullptr);
    ~WebSocketSession() override;

    // Starts connecting; a validation failure comes back at once and nothing is sent.
    Result<void> open(const WebSocketConnectOptions &options);
    void close(int code = 1000, const QString &reason = {});
    void abort();

    State state() const { return m_state; }
    QString stateText() const;
    QString negotiatedSubprotocol() const;
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    const Error &lastError() const { return m_lastError; }
    int reconnectAttempts() const { return m_reconnectAttempt; }

    bool sendText(const QString &text);
    bool sendBinary(const QByteArray &data);
    bool ping(const QByteArray &payload = {});

    // 0 disables periodic pings.
    void setPingInterval(int milliseconds);

signals:
    void stateChanged(Gatehouse::Core::WebSocketSession::State state);
    void connected();
    // Sent and received data frames (text as UTF-8), pings and pongs, the close frame.
    void frame(Gatehouse::Core::WebSocketDirection direction,
               Gatehouse::Core::WebSocketOpcode opcode, const QByteArray &payload,
               qint64 msecsSinceEpoch);
    void pongReceived(qint64 latencyMs);
    // The connection ended: closeCode()/closeReason() say how; error is set when it failed.
    void disconnected(const Gatehouse::Core::Error &error);
    void reconnectScheduled(int attempt, int delayMs);

private:
    void startSocket();
    void setState(State state);
    void onConnected();
    void onDisconnected();
    void onSocketError();
    void onHandshakeTimeout();
    void scheduleReconnect();
    Error socketError() const;

    WebSocketConnectOptions m_options;
    QWebSocket *m_socket = nullptr;
    QTimer m_handshakeTimer;
    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    State m_state = State::Idle;
    Error m_lastError;
    Error m_pendingError;
    int m_closeCode = 0;
    QString m_closeReason;
    int m_reconnectAttempt = 0;
    bool m_userClosed = false;
    bool m_wasOpen = false;
};

} // namespace Gatehouse::Core
