#pragma once

#include "httpserverlimits.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>

class QTcpServer;

namespace Gatehouse::Emulator {

class HttpConnection;
class RequestHandler;

// The emulator's HTTP/1.1 listener: accepts loopback clients and gives each an HttpConnection
// that feeds the one RequestHandler behind every emulated service.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    explicit HttpServer(RequestHandler *handler, HttpServerLimits limits = {},
                        QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address, quint16 port);
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;
    // Stops listening and drops every open connection (their closed() fires).
    void close();
    int connectionCount() const { return int(m_connections.size()); }
    const HttpServerLimits &limits() const { return m_limits; }

private:
    void onNewConnection();

    RequestHandler *m_handler;
    HttpServerLimits m_limits;
    QTcpServer *m_server;
    QSet<HttpConnection *> m_connections;
};

} // namespace Gatehouse::Emulator
