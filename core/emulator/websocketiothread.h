#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QThread>
#include <QWebSocketProtocol>

#include <functional>
#include <vector>

class QTcpSocket;
class QTimer;
class QWebSocket;

namespace Gatehouse::Emulator {

// The thread the WebSocket gateway's open connections live on. Qt's event dispatchers poll()
// every socket of their thread on each turn; with 1,000 clients on the emulator's thread, every
// HTTP request (each @connections POST of a broadcast) paid for polling all of them. Here the
// client sockets are polled once per batch of frames, and the emulator's thread polls only the
// HTTP front, the Lambda workers and handshakes. The gateway keeps its state on its own thread
// and reaches a socket only through these calls, which run on this thread in call order.
class WebSocketIoThread
{
public:
    // Work asked for after a quiet spell runs at once; what follows within this window waits
    // for its end and runs in one turn. Every turn of this thread's loop poll()s all of its
    // sockets (about 0.1 ms for 1,000 on the project's machine), so a broadcast's 1,000 POSTs
    // cost one turn per window instead of one or more each.
    static constexpr int WindowMs = 5;

    WebSocketIoThread();
    // Runs what was already asked of the sockets, then stops the thread.
    ~WebSocketIoThread();
    WebSocketIoThread(const WebSocketIoThread &) = delete;
    WebSocketIoThread &operator=(const WebSocketIoThread &) = delete;

    // Moves a connected socket and the TCP socket under it (the one QWebSocketServer took in
    // handleConnection) here; called on their current thread. Their signals then reach the
    // gateway as queued calls.
    void adopt(QWebSocket *socket, QTcpSocket *transport);
    // Sends one text message (UTF-8; invalid bytes become U+FFFD) and writes it out at once,
    // not on the next turn of the loop. `transport` is the socket adopt() took with it.
    void sendText(QWebSocket *socket, QTcpSocket *transport, const QByteArray &message);
    void close(QWebSocket *socket, QWebSocketProtocol::CloseCode code, const QString &reason);
    // Drops the connection without a close frame and deletes the socket.
    void abortAndDelete(QWebSocket *socket);

private:
    // Queues `work` for `socket` from any thread; it is skipped if the socket is gone by then.
    void post(QWebSocket *socket, std::function<void(QWebSocket *)> work);
    void wake();             // on this thread: the first work after a quiet spell
    void windowEnded();      // on this thread
    void runAll(std::vector<std::function<void()>> work);
    static bool writeWholeFrame(QWebSocket *socket, QTcpSocket *transport, const QByteArray &text);

    QThread m_thread;
    QObject *m_context;   // lives on m_thread: the target of queued calls
    QTimer *m_window;   // on m_thread: runs while work is coalesced
    QMutex m_mutex;
    std::vector<std::function<void()>> m_outbox; // guarded by m_mutex
    bool m_wakePosted = false;                   // guarded by m_mutex
    bool m_windowOpen = false;                   // guarded by m_mutex: no wake needed
};

} // namespace Gatehouse::Emulator
