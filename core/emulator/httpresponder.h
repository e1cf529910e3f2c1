#pragma once

#include "core/httpmessage.h"

#include <QPointer>

class QTcpSocket;

namespace Gatehouse::Emulator {

class HttpConnection;


// A handle that answers one request, now or later; after the client went away (or once the
// request was answered) it does nothing, so handlers may keep it across event-loop turns.
class HttpResponder
{
public:
    HttpResponder() = default;
    HttpResponder(HttpConnection *connection, quint64 serial);

    // True while the connection is open and this request has not been answered yet.
    bool isOpen() const;
    // Sends the response; the front adds Date, Content-Length and Connection and drops the
    // body for HEAD. A no-op when !isOpen().
    void send(const Core::HttpResponse &response) const;
    // The connection, to connect to HttpConnection::closed (long polls use it); may be null.
    HttpConnection *connection() const;
    // The socket of a WebSocket handshake, its bytes unread, for QWebSocketServer; the
    // connection ends without an answer. Null unless this request is a handshake on a fresh
    // connection that is still waiting.
    QTcpSocket *takeUpgradeSocket() const;

private:
    QPointer<HttpConnection> m_connection;
    quint64 m_serial = 0;
};

} // namespace Gatehouse::Emulator
