// The bakery lab's WebSocket chat (resources/labs/bakery/chat): three QWebSocket customers see
// each other's sendmessage, broadcast by the lab's own handler through @connections, and
// Debian's python3-websockets, a client we did not write, takes part in the same chat.
#include "core/emulator/emulator.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

// A QWebSocket customer that keeps what it received.
struct Customer
{
    std::unique_ptr<QWebSocket> socket = std::make_unique<QWebSocket>();
    QStringList received;

    Customer()
    {
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(),
                         [this](const QString &m) { received.append(m); });
    }
    bool open(const QString &url)
    {
        QSignalSpy connected(socket.get(), &QWebSocket::connected);
        socket->open(QNetworkRequest{QUrl(url)});
        return connected.wait(15000) || !connected.isEmpty();
    }
    // Waits until a message equal to `expected` arrived; the event loop turns meanwhile.
    bool saw(const QJsonObject &expected, int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            for (const QString &m : std::as_const(received)) {
                if (QJsonDocument::fromJson(m.toUtf8()).object() == expected)
                    return true;
            }
            QTest::qWait(20);
        }
        return false;
    }
};

QJsonObject chatLine(const QString &from, const QString &message)
{
    return {{QStringLiteral("from"), from}, {QStringLiteral("message"), message}};
}

QString say(const QString &message)
{
    return QStringLiteral("{\"action\":\"sendmessage\",\"message\":\"%1\"}").arg(message);
}

} // namespace

class TestBakeryChat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void threeCustomersSeeEachOther();
    void pythonWebsocketsJoinsTheChat();

private:
    QString url(const QString &query) const;

    std::unique_ptr<Gatehouse::Emulator::Emulator> m_emulator;
    Core::EmulatorInfo m_info;
    Customer m_ann, m_bo, m_cy;
};

void TestBakeryChat::initTestCase()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    m_emulator = std::make_unique<Gatehouse::Emulator::Emulator>(options);
    const Core::Result<Core::EmulatorInfo> started = m_emulator->start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    m_info = *started;
    QVERIFY2(!url({}).isEmpty(), "the bakery lab has no WebSocket API named bakery-chat");
}

void TestBakeryChat::cleanupTestCase()
{
    m_ann.socket->close();
    m_bo.socket->close();
    m_cy.socket->close();
    m_emulator.reset();
}

QString TestBakeryChat::url(const QString &query) const
{
    for (const Core::EmulatorApiInfo &api : m_info.apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == QLatin1String("bakery-chat"))
            return api.pathStyleUrl + (query.isEmpty() ? QString() : QLatin1Char('?') + query);
    }
    return {};
}

void TestBakeryChat::threeCustomersSeeEachOther()
{
    QVERIFY(m_ann.open(url(QStringLiteral("name=ann"))));
    QVERIFY(m_bo.open(url(QStringLiteral("name=bo"))));
    // No name: $connect still accepts, and the chat calls the customer a guest.
    QVERIFY(m_cy.open(url({})));

    m_bo.socket->sendTextMessage(say(QStringLiteral("fresh rolls at nine")));
    const QJsonObject fromBo = chatLine(QStringLiteral("bo"), QStringLiteral("fresh rolls at nine"));
    QVERIFY2(m_ann.saw(fromBo), qPrintable(m_ann.received.join(QLatin1Char('\n'))));
    QVERIFY(m_bo.saw(fromBo));
    QVERIFY(m_cy.saw(fromBo));

    m_cy.socket->sendTextMessage(say(QStringLiteral("save me a croissant")));
    const QJsonObject fromCy = chatLine(QStringLiteral("guest"), QStringLiteral("save me a croissant"));
    QVERIFY(m_ann.saw(fromCy));
    QVERIFY(m_bo.saw(fromCy));
    QVERIFY(m_cy.saw(fromCy));

    // After ann leaves ($disconnect forgets her), the others still hear each other.
    m_ann.socket->close();
    QTRY_VERIFY_WITH_TIMEOUT(m_ann.socket->state() == QAbstractSocket::UnconnectedState, 10000);
    const qsizetype annHad = m_ann.received.size();
    m_bo.socket->sendTextMessage(say(QStringLiteral("bye ann")));
    QVERIFY(m_cy.saw(chatLine(QStringLiteral("bo"), QStringLiteral("bye ann"))));
    QCOMPARE(m_ann.received.size(), annHad);
}

void TestBakeryChat::pythonWebsocketsJoinsTheChat()
{
    QProcess check;
    check.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import websockets")});
    QVERIFY(check.waitForFinished(20000));
    if (check.exitCode() != 0)
        QSKIP("python3-websockets is not installed (packaging/dev deps installs it)");
    QVERIFY(m_bo.socket->state() == QAbstractSocket::ConnectedState);
    // The peer sends one sendmessage and prints the first frame it receives: its own line,
    // broadcast back to it like to everyone else.
    QProcess peer;
    peer.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/websocket_peer.py"),
                url(QStringLiteral("name=py")), say(QStringLiteral("hello from python"))});
    const QJsonObject fromPy = chatLine(QStringLiteral("py"), QStringLiteral("hello from python"));
    QVERIFY(m_bo.saw(fromPy, 40000));
    QVERIFY(m_cy.saw(fromPy));
    QTRY_VERIFY_WITH_TIMEOUT(peer.state() == QProcess::NotRunning, 40000);
    QVERIFY2(peer.exitCode() == 0, peer.readAllStandardError().constData());
    QCOMPARE(QJsonDocument::fromJson(peer.readAllStandardOutput()).object(), fromPy);
}

QTEST_GUILESS_MAIN(TestBakeryChat)
#include "tst_bakerychat.moc"
