#pragma once

#include "core/httpmessage.h"
#include "httprequestparser.h"
#include "httpserverlimits.h"

#include <QBasicTimer>
#include <QHostAddress>
#include <QObject>

class QTcpSocket;

namespace Gatehouse::Emulator {

class RequestHandler;

// One accepted client: parses its requests, hands them to the handler one at a time and
// writes the answers back in order, so a slow handler never reorders a pipelined stream.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QTcpSocket *socket, RequestHandler *handler, const HttpServerLimits &limits,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    bool isOpen() const { return m_state != State::Closed; }
    // True while the request with this serial waits for its answer on an open connection.
    bool isAwaiting(quint64 serial) const;
    // Writes the answer to the request with this serial; ignored for any other serial.
    void respond(quint64 serial, const Core::HttpResponse &response);
    // Drops the connection at once; closed() follows.
    void abort();

    QTcpSocket *socket() const { return m_socket; }
    // For the first request of a connection when it is a WebSocket upgrade (GET with
    // Upgrade: websocket): releases the socket with the handshake still unread in it, for
    // QWebSocketServer::handleConnection, and closes this connection. Null for any other request.
    QTcpSocket *takeUpgradeSocket(quint64 serial);

signals:
    // The client went away or the connection was closed; emitted once.
    void closed();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class State
    {
        Open,
        Closing,
        Lingering,
        Closed
    };
    enum class Deadline
    {
        None,
        Idle,
        Header,
        Body,
        Linger
    };

    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void processInput();
    bool readIntoParser();
    enum class Peek
    {
        NotUpgrade,
        Wait,
        Dispatched
    };
    Peek peekUpgrade();
    void dispatch(HttpRequestParser::ParsedRequest parsed);
    bool checkExpectation();
    void writeResponse(const Core::HttpResponse &response, bool head, bool keepAlive);
    void writeNow(const QByteArray &bytes);
    void flushAnswers();
    void writeToSocket(const QByteArray &bytes);
    void sendError(int status, const QByteArray &message, const QByteArray &reason = {});
    void closeAfterWrite();
    void startLinger();
    void markClosed();
    void armDeadline(Deadline kind, int ms);
    void refreshDeadline();
    void onDeadline();

    QTcpSocket *m_socket;
    RequestHandler *m_handler;
    HttpServerLimits m_limits;
    HttpRequestParser m_parser;
    State m_state = State::Open;
    quint64 m_serial = 0;
    bool m_inFlight = false;
    bool m_inFlightHead = false;
    bool m_inFlightKeepAlive = true;
    bool m_inFlightHttp10 = false;
    bool m_processing = false;
    bool m_writeBlocked = false;
    quint64 m_expectChecked = 0;
    // The first request is looked at with peek() before anything is read: a WebSocket
    // handshake must stay in the socket for QWebSocketServer (see ARCHITECTURE.md).
    bool m_upgradeChecked = false;
    bool m_peekWaiting = false;
    qsizetype m_upgradeBytes = 0; // the peeked handshake still unread in the socket
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
    qint64 m_discarded = 0;
    // Answers given while processInput() runs, written in one send() when it ends (see writeNow).
    QByteArray m_answers;
    Deadline m_deadlineKind = Deadline::None;
    qint64 m_deadlineMs = 0;
    qint64 m_timerDueMs = 0;
    QBasicTimer m_timer;
};

} // namespace Gatehouse::Emulator
