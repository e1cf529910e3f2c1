#pragma once

#include "websocketevent.h"
#include "websocketgateway.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace Gatehouse::Emulator {

// One client of a WebSocket API, shared by the gateway and its @connections API.
struct WebSocketGateway::Connection
{
    WebSocketEventContext base;  // apiId, stage, domain, connection id, identity, connectedAt
    QString apiId;
    qint64 lastActiveAt = 0;
    QPointer<QWebSocket> socket;
    QPointer<QTcpSocket> handshake; // while QWebSocketServer reads the handshake
    QTimer idle;
    QTimer lifetime;
    bool closing = false;
};

} // namespace Gatehouse::Emulator
