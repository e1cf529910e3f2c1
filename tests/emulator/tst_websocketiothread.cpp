// WebSocketIoThread, the thread the gateway's WebSocket connections live on: a connection handed
// over by QWebSocketServer moves there with its TCP socket, and what the gateway asks (send,
// close) arrives in order. Text frames are written straight to the socket when nothing else is
// queued; Debian's python3-websockets, which checks every frame it parses, is the witness that
// they are well formed at each length encoding (7-bit, 16-bit, 64-bit), that invalid UTF-8
// became U+FFFD, and that messages sent after a large fragmented one arrive after it.
#include "core/emulator/websocketiothread.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using Gatehouse::Emulator::WebSocketIoThread;

class TestWebSocketIoThread : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void framesAtEveryLengthReachAnIndependentClient();
    void orderKeptBehindQueuedBytes();
    void closeCarriesCodeAndReason();

private:
    struct Peer
    {
        std::unique_ptr<QProcess> process;
        QPointer<QWebSocket> socket;
        QPointer<QTcpSocket> transport;
    };
    // Starts the python3-websockets receiver against a server here and returns its connection,
    // already adopted by `io`.
    Peer connectPeer(WebSocketIoThread &io, quint64 frameSize);
    static QList<QJsonObject> lines(QProcess &process);
    static QJsonObject expected(const QByteArray &utf8);

    QTcpServer m_tcp;
    QWebSocketServer m_server{QStringLiteral("test"), QWebSocketServer::NonSecureMode};
    QTcpSocket *m_lastTransport = nullptr;
};

void TestWebSocketIoThread::initTestCase()
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import websockets")});
    QVERIFY(python.waitForFinished(20000));
    if (python.exitCode() != 0)
        QSKIP("python3-websockets is not installed (packaging/dev deps installs it)");
    QVERIFY(m_tcp.listen(QHostAddress::LocalHost, 0));
    // As the emulator's front does: the TCP socket is handed to QWebSocketServer.
    connect(&m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
            socket->setParent(nullptr);
            m_lastTransport = socket;
            m_server.handleConnection(socket);
        }
    });
}

TestWebSocketIoThread::Peer TestWebSocketIoThread::connectPeer(WebSocketIoThread &io, quint64 frameSize)
{
    Peer peer;
    peer.process = std::make_unique<QProcess>();
    peer.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    peer.process->start(QStringLiteral("/usr/bin/python3"),
                        {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/websocket_receiver_peer.py"),
                         QStringLiteral("ws://127.0.0.1:%1/").arg(m_tcp.serverPort())});
    if (!QTest::qWaitFor([this] { return m_server.hasPendingConnections(); }, 20000))
        return peer;
    QWebSocket *socket = m_server.nextPendingConnection();
    socket->setOutgoingFrameSize(frameSize);
    peer.transport = m_lastTransport;
    io.adopt(socket, m_lastTransport);
    peer.socket = socket;
    return peer;
}

QList<QJsonObject> TestWebSocketIoThread::lines(QProcess &process)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

QJsonObject TestWebSocketIoThread::expected(const QByteArray &utf8)
{
    const QString text = QString::fromUtf8(utf8);
    return QJsonObject{{QStringLiteral("size"), utf8.size()},
                       {QStringLiteral("sha256"),
                        QString::fromLatin1(QCryptographicHash::hash(utf8, QCryptographicHash::Sha256).toHex())},
                       {QStringLiteral("start"), text.left(8)}};
}

void TestWebSocketIoThread::framesAtEveryLengthReachAnIndependentClient()
{
    WebSocketIoThread io;
    Peer peer = connectPeer(io, 512 * 1024);
    QVERIFY2(peer.socket, "python3-websockets did not connect");
    QVERIFY(peer.socket->thread() != thread());
    QVERIFY(peer.transport->thread() == peer.socket->thread());

    // 7-bit length up to 125, 16-bit from 126 to 65535, 64-bit beyond; "é" is two bytes.
    QList<QByteArray> messages;
    for (const int size : {0, 1, 125, 126, 127, 1000, 65535, 65536, 300000})
        messages.append(QByteArray(size, 'a'));
    messages.append(QByteArrayLiteral("caf\xc3\xa9 au lait"));
    for (const QByteArray &message : messages)
        io.sendText(peer.socket, peer.transport, message);
    // Not UTF-8 (a lone continuation byte, a truncated sequence): sent with U+FFFD instead, as
    // QString::fromUtf8 reads it, rather than as a text frame the client must refuse.
    const QByteArray invalid = QByteArrayLiteral("a\x80z\xe2\x82");
    io.sendText(peer.socket, peer.transport, invalid);
    io.close(peer.socket, QWebSocketProtocol::CloseCodeNormal, QStringLiteral("done"));

    QVERIFY(peer.process->waitForFinished(30000));
    const QList<QJsonObject> got = lines(*peer.process);
    QCOMPARE(got.size(), messages.size() + 2);
    for (int i = 0; i < messages.size(); ++i)
        QCOMPARE(got.at(i), expected(messages.at(i)));
    const QByteArray replaced = QString::fromUtf8(invalid).toUtf8();
    QVERIFY(replaced.contains("\xef\xbf\xbd")); // U+FFFD
    QCOMPARE(got.at(messages.size()), expected(replaced));
    QCOMPARE(got.last().value(QStringLiteral("close")).toInt(), 1000);
}

void TestWebSocketIoThread::orderKeptBehindQueuedBytes()
{
    WebSocketIoThread io;
    // 32 KB frames as the gateway sets them: the 8 MB message goes through QWebSocket's own
    // framing and QTcpSocket's buffer, the small ones after it to the socket directly or behind
    // it; either way none may arrive before it or in the middle of its frames (websockets would
    // refuse a text frame between continuation frames).
    Peer peer = connectPeer(io, 32 * 1024);
    QVERIFY2(peer.socket, "python3-websockets did not connect");
    const QByteArray large(8 * 1024 * 1024, 'L');
    io.sendText(peer.socket, peer.transport, large);
    for (int i = 0; i < 20; ++i)
        io.sendText(peer.socket, peer.transport, QByteArray::number(i));
    io.close(peer.socket, QWebSocketProtocol::CloseCodeNormal, QString());

    QVERIFY(peer.process->waitForFinished(60000));
    const QList<QJsonObject> got = lines(*peer.process);
    QCOMPARE(got.size(), 22);
    QCOMPARE(got.at(0), expected(large));
    for (int i = 0; i < 20; ++i)
        QCOMPARE(got.at(i + 1), expected(QByteArray::number(i)));
}

void TestWebSocketIoThread::closeCarriesCodeAndReason()
{
    WebSocketIoThread io;
    Peer peer = connectPeer(io, 32 * 1024);
    QVERIFY2(peer.socket, "python3-websockets did not connect");
    io.sendText(peer.socket, peer.transport, QByteArrayLiteral("bye"));
    io.close(peer.socket, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Going away"));
    QVERIFY(peer.process->waitForFinished(30000));
    const QList<QJsonObject> got = lines(*peer.process);
    QCOMPARE(got.size(), 2);
    QCOMPARE(got.at(0), expected(QByteArrayLiteral("bye")));
    QCOMPARE(got.at(1).value(QStringLiteral("close")).toInt(), 1001);
    QCOMPARE(got.at(1).value(QStringLiteral("reason")).toString(), QStringLiteral("Going away"));
    // The socket is still the thread's until it is deleted there.
    io.abortAndDelete(peer.socket);
    QTRY_VERIFY_WITH_TIMEOUT(peer.socket.isNull(), 5000);
}

QTEST_GUILESS_MAIN(TestWebSocketIoThread)
#include "tst_websocketiothread.moc"
