#pragma once

#include "core/graphql/graphqlauth.h"
#include "core/graphql/graphqlwire.h"
#include "core/result.h"
#include "core/websocket/websocketsession.h"

#include <QHash>
#include <QSet>
#include <QObject>
#include <QTimer>

namespace Gatehouse::Core::GraphQL {

// The WebSocket sub-protocols GraphQL servers speak for subscriptions.
enum class SubscriptionProtocol
{
    AppSync,            // AppSync real-time ("graphql-ws" with AppSync's start/start_ack/ka)
    GraphQLTransportWs, // the graphql-ws library's "graphql-transport-ws"
};

// How the AppSync authorization object travels on the upgrade request (PROTOCOLS.md 1.2).
enum class AppSyncHandshake
{
    QueryString, // ?header=<base64 JSON>&payload=e30=
    Subprotocol, // Sec-WebSocket-Protocol: graphql-ws, header-<base64url JSON>
    Headers,     // the object's members as HTTP headers of the upgrade
};

struct SubscriptionOptions
{
    SubscriptionProtocol protocol = SubscriptionProtocol::AppSync;
    QUrl url;         // the GraphQL (HTTP) endpoint: AppSync's auth object names its host
    QUrl realtimeUrl; // empty: appSyncRealtimeUrl(url) for AppSync, url as ws(s) otherwise
    AppSyncHandshake handshake = AppSyncHandshake::QueryString;
    Auth auth;
    HttpHeaders headers;          // extra upgrade headers
    QByteArray connectionParams;  // graphql-transport-ws connection_init payload (JSON object)
    int handshakeTimeoutMs = 10000;
    int ackTimeoutMs = 10000;     // connection_init to connection_ack
    int keepAliveTimeoutMs = 0;   // AppSync: 0 takes connectionTimeoutMs from the ack
    bool resubscribe = false;     // after a drop: reconnect and start every subscription again
};

// One frame for a trace panel, secrets masked.
struct TraceEntry
{
    WebSocketDirection direction = WebSocketDirection::Sent;
    QByteArray text;  // the frame (or, for notes, a sentence)
    qint64 msecsSinceEpoch = 0;
    bool note = false; // a client event in words (handshake, timeout), not a frame
};

// A GraphQL subscription client over one WebSocket: the AppSync real-time protocol (all three
// handshake forms, connection_ack and its keep-alive watchdog, IAM-signed start messages) or
// graphql-transport-ws. Several subscriptions share the connection; everything is reported
// by signals and every frame in and out is traced with secrets masked, so the GUI's trace
// panel and the CLI show the same thing.
class SubscriptionClient : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Connecting,    // WebSocket handshake
        Initializing,  // connection_init sent, waiting for connection_ack
        Ready,
        Closed,
    };
    Q_ENUM(State)

    explicit SubscriptionClient(QObject *parent = nullptr);
    ~SubscriptionClient() override;

    // Validates and starts connecting; errors in words come back at once.
    Result<void> open(const SubscriptionOptions &options);
    // Registers a subscription; sent once the connection is acknowledged. Returns its id.
    Result<QString> subscribe(const QString &query, const QByteArray &variablesJson = {},
                              const QString &operationName = {});
    void unsubscribe(const QString &id);
    // Stops every subscription, waits (up to 1 s) for AppSync's completes, then closes.
    void close();

    State state() const { return m_state; }
    QUrl realtimeUrl() const { return m_realtimeUrl; }
    QList<QString> activeSubscriptions() const { return m_subscriptions.keys(); }
    // The upgrade the options describe (URL, sub-protocols, headers), for tests and the trace.
    static Result<WebSocketConnectOptions> connectOptions(const SubscriptionOptions &options,
                                                          const QDateTime &now);

Q_SIGNALS:
    void stateChanged(Gatehouse::Core::GraphQL::SubscriptionClient::State state);
    void acknowledged(qint64 connectionTimeoutMs);
    void started(const QString &id);
    // One event: the payload as the server sent it ({"data":...} with errors when any).
    void dataReceived(const QString &id, const QByteArray &payload);
    void subscriptionFailed(const QString &id, const QList<Gatehouse::Core::GraphQL::ResponseError> &errors);
    void completed(const QString &id);
    // The connection is gone; error says why in words (no error after close()).
    void disconnected(const Gatehouse::Core::Error &error);
    // It dropped and resubscribe is on: reconnecting in delayMs, then starting every
    // subscription again.
    void reconnecting(const Gatehouse::Core::Error &error, int delayMs);
    void traced(const Gatehouse::Core::GraphQL::TraceEntry &entry);

private:
    struct Subscription
    {
        QByteArray body; // {"query":...,"variables":...}
        bool sent = false;
    };

    void setState(State state);
    void onConnected();
    void onFrame(WebSocketDirection direction, WebSocketOpcode opcode, const QByteArray &payload,
                 qint64 time);
    void onDisconnected(const Error &error);
    void handleMessage(const WireMessage &message);
    void sendStart(const QString &id, Subscription &subscription);
    void send(const QByteArray &frame);
    void note(const QString &text);
    void fail(const Error &error);
    void armKeepAlive();
    void startSocket();
    void closeSocket();

    SubscriptionOptions m_options;
    QUrl m_realtimeUrl;
    WebSocketSession *m_socket = nullptr;
    State m_state = State::Idle;
    QHash<QString, Subscription> m_subscriptions;
    QTimer m_ackTimer;
    QTimer m_keepAliveTimer;
    qint64 m_keepAliveMs = 0;
    QTimer m_reconnectTimer;
    QTimer m_closeTimer;    // close(): waiting for the completes of the stops it sent
    QSet<QString> m_stopping;
    int m_reconnectAttempt = 0;
    int m_nextId = 1;
    bool m_closing = false;
    bool m_failed = false;
    Error m_pendingFailure; // why fail() aborted the socket, reported when it is down
};

} // namespace Gatehouse::Core::GraphQL
