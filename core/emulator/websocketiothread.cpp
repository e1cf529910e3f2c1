#include "websocketiothread.h"

#include <QPointer>
#include <QtEndian>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace Gatehouse::Emulator {

WebSocketIoThread::WebSocketIoThread()
    : m_context(new QObject)
    , m_window(new QTimer(m_context))
{
    m_thread.setObjectName(QStringLiteral("Gatehouse WebSocket connections"));
    m_window->setInterval(WindowMs);
    QObject::connect(m_window, &QTimer::timeout, m_context, [this] { windowEnded(); });
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

WebSocketIoThread::~WebSocketIoThread()
{
    // Whatever is still queued (the gateway's closeAll() deletes every socket) runs now; quit()
    // alone would leave the sockets open behind a stopped thread.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_window->stop();
            std::vector<std::function<void()>> work;
            {
                QMutexLocker locker(&m_mutex);
                work.swap(m_outbox);
            }
            runAll(std::move(work));
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

void WebSocketIoThread::adopt(QWebSocket *socket, QTcpSocket *transport)
{
    // QWebSocketServer parents the QWebSocket to itself, but not the QTcpSocket under it (Qt
    // 6.4), so both are moved: a QWebSocket here reading a socket there would be a data race.
    if (transport && transport->parent() && transport->parent() != socket) {
        qWarning("WebSocketIoThread: the connection's TCP socket belongs to another object; it stays "
                 "on the emulator's thread");
        return;
    }
    socket->setParent(nullptr);
    socket->moveToThread(&m_thread);
    if (transport && !transport->parent())
        transport->moveToThread(&m_thread);
}

void WebSocketIoThread::sendText(QWebSocket *socket, QTcpSocket *transport, const QByteArray &message)
{
    // Not UTF-8: the replacement characters QString::fromUtf8() puts in, as before.
    QByteArray text = QByteArrayView(message).isValidUtf8() ? message : QString::fromUtf8(message).toUtf8();
    QPointer<QTcpSocket> tcp(transport);
    post(socket, [tcp, text = std::move(text)](QWebSocket *s) {
        if (!tcp || !writeWholeFrame(s, tcp.data(), text)) {
            s->sendTextMessage(QString::fromUtf8(text));
            // Written now: otherwise the frame waits for the write notifier, one more poll() over
            // every connection of this thread.
            s->flush();
        }
    });
}

// One unfragmented, unmasked text frame (RFC 6455 5.2) straight into the kernel's send buffer.
// QWebSocket would build the same frame in QTcpSocket's buffer and flush it, but switching the
// write notifier on and off for that wakes glib's loop twice per frame and searches the list of
// every socket's notifiers. Only when nothing else waits to be written (a pong, a close, the rest
// of an earlier frame), so frames keep their order; a frame the kernel takes only in part goes on
// through QTcpSocket's buffer.
bool WebSocketIoThread::writeWholeFrame(QWebSocket *socket, QTcpSocket *transport, const QByteArray &text)
{
    if (socket->state() != QAbstractSocket::ConnectedState || transport->bytesToWrite() > 0
        || quint64(text.size()) > socket->outgoingFrameSize())
        return false;
    char header[10];
    int headerSize = 2;
    header[0] = char(0x81); // FIN (the whole message) and opcode 1, text
    const quint64 size = quint64(text.size());
    if (size < 126) {
        header[1] = char(size);
    } else if (size <= 0xffff) {
        header[1] = char(126);
        qToBigEndian(quint16(size), header + 2);
        headerSize = 4;
    } else {
        header[1] = char(127);
        qToBigEndian(size, header + 2);
        headerSize = 10;
    }
    iovec parts[2] = {{header, size_t(headerSize)}, {const_cast<char *>(text.constData()), size_t(size)}};
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = 2;
    const ssize_t sent = ::sendmsg(int(transport->socketDescriptor()), &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (sent < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return false; // the kernel's buffer is full: QTcpSocket queues it
        return true;      // the connection is broken: QTcpSocket reports it when it reads
    }
    if (sent < headerSize + qint64(size)) {
        const QByteArray frame = QByteArray(header, headerSize) + text;
        transport->write(frame.constData() + sent, frame.size() - sent);
    }
    return true;
}

void WebSocketIoThread::close(QWebSocket *socket, QWebSocketProtocol::CloseCode code, const QString &reason)
{
    post(socket, [code, reason](QWebSocket *s) { s->close(code, reason); });
}

void WebSocketIoThread::abortAndDelete(QWebSocket *socket)
{
    post(socket, [](QWebSocket *s) {
        s->abort();
        delete s;
    });
}

void WebSocketIoThread::post(QWebSocket *socket, std::function<void(QWebSocket *)> work)
{
    // The gateway may deleteLater() a closed socket while work for it waits here; the pointer
    // is checked on this thread, where the deletion happens too.
    QPointer<QWebSocket> target(socket);
    if (socket->thread() != &m_thread) {
        // Not adopted: run it on the socket's own thread (Qt drops the call if it is deleted).
        QMetaObject::invokeMethod(socket, [target, work = std::move(work)] { work(target.data()); });
        return;
    }
    {
        QMutexLocker locker(&m_mutex);
        m_outbox.push_back([target, work = std::move(work)] {
            if (target)
                work(target.data());
        });
        if (m_windowOpen || m_wakePosted)
            return; // runs at the window's end, or with the wake already on its way
        m_wakePosted = true;
    }
    QMetaObject::invokeMethod(m_context, [this] { wake(); });
}

void WebSocketIoThread::wake()
{
    std::vector<std::function<void()>> work;
    {
        QMutexLocker locker(&m_mutex);
        work.swap(m_outbox);
        m_wakePosted = false;
        m_windowOpen = true;
    }
    runAll(std::move(work));
    m_window->start();
}

void WebSocketIoThread::windowEnded()
{
    std::vector<std::function<void()>> work;
    {
        QMutexLocker locker(&m_mutex);
        work.swap(m_outbox);
        if (work.empty()) {
            m_windowOpen = false; // quiet: the next work wakes this thread again
            m_window->stop();
            return;
        }
    }
    runAll(std::move(work)); // the window goes on: the timer repeats
}

void WebSocketIoThread::runAll(std::vector<std::function<void()>> work)
{
    for (const auto &run : work)
        run();
}

} // namespace Gatehouse::Emulator
