#include "httpserver.h"

#include "httpconnection.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace Gatehouse::Emulator {

namespace {
constexpr int ListenBacklog = 1024;
}

HttpServer::HttpServer(RequestHandler *handler, HttpServerLimits limits, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_limits(limits)
    , m_server(new QTcpServer(this))
{
    m_server->setListenBacklogSize(ListenBacklog);
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer()
{
    for (HttpConnection *connection : std::as_const(m_connections))
        connection->disconnect(this);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

bool HttpServer::isListening() const
{
    return m_server->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_server->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_server->serverAddress();
}

QString HttpServer::errorString() const
{
    return m_server->errorString();
}

void HttpServer::close()
{
    m_server->close();
    const QSet<HttpConnection *> open = m_connections;
    for (HttpConnection *connection : open)
        connection->abort();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, m_handler, m_limits, this);
        m_connections.insert(connection);
        connect(connection, &HttpConnection::closed, this,
                [this, connection] { m_connections.remove(connection); });
    }
}

} // namespace Gatehouse::Emulator
