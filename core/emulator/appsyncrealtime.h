#pragma once

#include "appsyncservice.h"
#include "httpresponder.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <map>
#include <memory>

class QWebSocket;
class QWebSocketServer;

namespace Gatehouse::Emulator {

// AppSync's real-time endpoint (subprotocol graphql-ws) for the emulator's GraphQL APIs, as
// shared/vectors/PROTOCOLS.md section 1 describes it: the authorization object from the
// `header` query parameter, a `header-<base64url>` subprotocol or plain headers, checked on the
// handshake and again on every start; connection_init/connection_ack with connectionTimeoutMs,
// ka at an interval, start/start_ack/data/error/stop/complete. A mutation named in a
// subscription field's @aws_subscribe(mutations: [...]) pushes its result to every
// subscription whose given arguments equal the result's fields of the same name, selected by
// the subscription's own selection set (AppSync's semantics). Connections stay on the
// emulator's thread: a lab has a handful of subscribers, not the WebSocket APIs' thousands.
class AppSyncRealtime : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int connectionTimeoutMs = 5 * 60 * 1000; // what connection_ack announces (AppSync: 300000)
        int keepAliveMs = 60 * 1000;             // how often ka is sent
    };

    explicit AppSyncRealtime(AppSyncService *service, QObject *parent = nullptr);
    ~AppSyncRealtime() override;

    void setLimits(const Limits &limits) { m_limits = limits; }
    // A handshake for apiId's real-time endpoint; answers 400 when it is no WebSocket upgrade.
    void handle(const Core::HttpRequest &request, const QString &apiId, HttpResponder &responder);
    int connectionCount() const { return int(m_connections.size()); }
    void closeAll();

private:
    struct Subscription
    {
        QByteArray query;
        QString operationName;
        QByteArray variables;
        QString field;         // the root subscription field
        QByteArray arguments;  // its coerced arguments, JSON
        QStringList mutations; // from @aws_subscribe
        AppSyncCaller caller;
    };
    struct Connection
    {
        QString apiId;
        QWebSocket *socket = nullptr;
        AppSyncCaller caller;
        Core::HttpRequest handshake; // the authorization object as headers
        QByteArray graphQlPath;      // what IAM signatures of a start cover
        bool acknowledged = false;
        QTimer keepAlive;
        QTimer initTimeout;
        std::map<QString, Subscription> subscriptions;
    };

    void onNewConnection();
    void onMessage(Connection *connection, const QString &message);
    void start(Connection *connection, const QString &id, const QByteArray &payload);
    void stop(Connection *connection, const QString &id);
    void onMutation(const QString &apiId, const QString &mutationField, const QByteArray &value);
    void push(Connection *connection, const QString &id, const Subscription &subscription,
              const QByteArray &value);
    void send(Connection *connection, const QByteArray &frame);
    void sendError(Connection *connection, const QString &id, const QString &type,
                   const QString &message);

    AppSyncService *m_service;
    Limits m_limits;
    QWebSocketServer *m_server = nullptr;
    // Handshakes handed to QWebSocketServer, by peer "address:port", with who they are.
    QHash<QString, std::shared_ptr<Connection>> m_handover;
    std::map<QWebSocket *, std::shared_ptr<Connection>> m_connections;
};

} // namespace Gatehouse::Emulator
