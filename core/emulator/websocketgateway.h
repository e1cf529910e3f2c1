#pragma once

#include "httpresponder.h"
#include "websocketapiconfig.h"
#include "websocketiothread.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>
#include <unordered_map>

class QWebSocket;
class QWebSocketServer;

namespace Gatehouse::Emulator {

class LambdaInvoker;
class AwsAuthenticator;
struct InvokeRequest;
struct InvokeResult;

// API Gateway's WebSocket APIs: runs $connect before the handshake is answered, routes each
// text message by the API's route selection expression to a function, sends two-way routes'
// answers back, runs $disconnect, and serves the @connections management API.
class WebSocketGateway : public QObject
{
    Q_OBJECT

public:
    // API Gateway's quotas for WebSocket APIs.
    struct Limits
    {
        qint64 maxMessageBytes = 128 * 1024;              // larger: closed with 1009
        qint64 maxFrameBytes = 32 * 1024;                 // a message's frames are at most this
        int idleTimeoutMs = 10 * 60 * 1000;               // no traffic: closed with 1001
        int maxConnectionMs = 2 * 60 * 60 * 1000;         // connection duration: closed with 1001
        int integrationTimeoutMs = 29 * 1000;             // $connect, authorizer and route functions
    };

    explicit WebSocketGateway(LambdaInvoker *invoker, QObject *parent = nullptr);
    ~WebSocketGateway() override;

    void setApis(const QList<WebSocketApiConfig> &apis);
    void setLimits(const Limits &limits) { m_limits = limits; }
    void setAuthenticator(AwsAuthenticator *authenticator) { m_authenticator = authenticator; }
    bool serves(const QString &apiId) const;
    // A request for an API this gateway serves: a handshake on the stage, or @connections.
    void handle(const Core::HttpRequest &request, const QString &apiId, const QByteArray &pathInApi,
                const QByteArray &domainName, HttpResponder responder);
    int connectionCount() const { return int(m_connections.size()); }
    // The emulator's own listing of an API's open connections (AWS has no such operation),
    // SigV4-checked like @connections: GET /_aws/emulator/websocket/<apiId>/connections.
    void handleListing(const Core::HttpRequest &request, const QString &apiId, HttpResponder responder);
    // Handshakes accepted by $connect that QWebSocketServer has not finished yet.
    int handshakesPending() const { return int(m_handover.size()); }
    // Closes every connection (no $disconnect runs: the emulator is going away).
    void closeAll();

private:
    struct Connection;

    const WebSocketApiConfig *api(const QString &apiId) const;
    void connectClient(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                       const QByteArray &domainName, HttpResponder responder);
    // $connect's authorization (AWS_IAM or a Lambda REQUEST authorizer): fills the connection's
    // identity or authorizer context and goes on to runConnect, or answers the refusal.
    void authorizeConnect(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                          const WebSocketRouteConfig &route, std::unique_ptr<Connection> connection,
                          HttpResponder responder);
    void runConnect(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                    const WebSocketRouteConfig &route, std::unique_ptr<Connection> connection,
                    HttpResponder responder);
    // Invokes with the integration timeout; `done` gets null when the function took too long.
    void invokeWithin(const InvokeRequest &invoke, std::function<void(const InvokeResult *)> done);
    void accept(std::unique_ptr<Connection> connection, HttpResponder responder, const QString &subprotocol);
    // The QWebSocketServer that agrees on `subprotocol` (empty: on none). Qt reads a handed-over
    // handshake later (a queued call) and takes the subprotocol from its server's list, so each
    // answer $connect can give has its own server rather than one list changed per handshake.
    QWebSocketServer *serverFor(const QString &subprotocol);
    void onNewConnection(QWebSocketServer *server);
    void runDisconnect(std::unique_ptr<Connection> connection);
    void onMessage(Connection *connection, const QString &message);
    void onClosed(Connection *connection);
    void closeConnection(Connection *connection, int code, const QString &reason);
    void send(Connection *connection, const QByteArray &frame);
    void touch(Connection *connection);

    // @connections (websocketconnections.cpp)
    void handleManagement(const Core::HttpRequest &request, const WebSocketApiConfig &api,
                          const QByteArray &connectionId, HttpResponder responder);

    LambdaInvoker *m_invoker;
    AwsAuthenticator *m_authenticator = nullptr;
    QList<WebSocketApiConfig> m_apis;
    Limits m_limits;
    std::map<QString, QWebSocketServer *> m_servers; // by the subprotocol they agree on
    // Accepted handshakes waiting for QWebSocketServer, by the client's address and port.
    std::map<QString, std::unique_ptr<Connection>> m_handover;
    // By connection id. Hashed: each @connections POST looks its id up, and among a broadcast's
    // 1,000 connections a sorted map's string compares showed in the profile.
    std::unordered_map<QString, std::unique_ptr<Connection>> m_connections;
    // Last, so it stops first: after closeAll() has handed it every socket to delete.
    std::unique_ptr<WebSocketIoThread> m_io = std::make_unique<WebSocketIoThread>();
};

} // namespace Gatehouse::Emulator
