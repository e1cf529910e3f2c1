// The bakery lab's WebSocket chat (resources/labs/bakery/chat): three QWebSocket customers see
// each other's sendmessage, broadcast by the lab's own handler through @connections, and
// Debian's python3-websockets, a client we did not write, takes part in the same chat. Only
// with the chat token: the $connect authorizer turns strangers away with 401 (no token) or 403.
#include "../common/awscli.h"
#include "../common/websocketapitest.h"
#include "core/emulator/emulator.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    void aCustomerGoneWithoutGoodbyeIsForgotten();
    void pythonWebsocketsJoinsTheChat();
    void strangersAreTurnedAway();

private:
    // Invokes the chat's function directly with a WebSocket event (Debian's AWS CLI, Lambda
    // Invoke) and returns what it answered.
    QJsonObject invokeChat(const QJsonObject &event);
    // The chat's URL with the lab's chat token and `query`.
    QString url(const QString &query, const QString &token = QStringLiteral("croissant")) const;

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

QString TestBakeryChat::url(const QString &query, const QString &token) const
{
    QStringList parts;
    if (!token.isEmpty())
        parts.append(QStringLiteral("token=") + token);
    if (!query.isEmpty())
        parts.append(query);
    return Gatehouse::Test::webSocketUrl(m_info, QStringLiteral("bakery-chat"), parts.join(QLatin1Char('&')));
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

QJsonObject TestBakeryChat::invokeChat(const QJsonObject &event)
{
    QTemporaryDir dir;
    const QString answer = dir.filePath(QStringLiteral("answer.json"));
    const GatehouseTest::AwsCli cli(m_info.baseUrl);
    const auto run = cli.run({QStringLiteral("lambda"), QStringLiteral("invoke"), QStringLiteral("--function-name"),
                              QStringLiteral("bakeryWebSocketChat"), QStringLiteral("--cli-binary-format"),
                              QStringLiteral("raw-in-base64-out"), QStringLiteral("--payload"),
                              QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)), answer});
    if (run.exitCode != 0 || run.json().contains(QStringLiteral("FunctionError")))
        qWarning("aws lambda invoke: %s %s", run.out.constData(), run.err.constData());
    QFile file(answer);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// A connection the chat remembers but API Gateway no longer has (a customer whose network
// dropped before any $disconnect): @connections answers 410 for it, the broadcast still reaches
// everyone else, and the chat forgets it, as AWS's sample does. Its own later message then
// comes from "?", since the chat no longer knows its name.
void TestBakeryChat::aCustomerGoneWithoutGoodbyeIsForgotten()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Core::EmulatorApiInfo *api = Gatehouse::Test::webSocketApi(m_info, QStringLiteral("bakery-chat"));
    QVERIFY(api);
    const QJsonObject ok{{QStringLiteral("statusCode"), 200}};
    const QJsonObject ghostConnects{
        {QStringLiteral("requestContext"),
         QJsonObject{{QStringLiteral("routeKey"), QStringLiteral("$connect")},
                     {QStringLiteral("connectionId"), QStringLiteral("ghost/1=")}}},
        {QStringLiteral("queryStringParameters"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ghost")}}}};
    QCOMPARE(invokeChat(ghostConnects), ok);

    m_bo.socket->sendTextMessage(say(QStringLiteral("anyone there?")));
    const QJsonObject fromBo = chatLine(QStringLiteral("bo"), QStringLiteral("anyone there?"));
    QVERIFY(m_cy.saw(fromBo));
    QVERIFY(m_bo.saw(fromBo));

    const QJsonObject ghostSays{
        {QStringLiteral("requestContext"),
         QJsonObject{{QStringLiteral("routeKey"), QStringLiteral("sendmessage")},
                     {QStringLiteral("connectionId"), QStringLiteral("ghost/1=")},
                     {QStringLiteral("apiId"), api->apiId},
                     {QStringLiteral("stage"), QStringLiteral("production")}}},
        {QStringLiteral("body"), say(QStringLiteral("boo"))}};
    QCOMPARE(invokeChat(ghostSays), ok);
    QVERIFY(m_cy.saw(chatLine(QStringLiteral("?"), QStringLiteral("boo"))));
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

// Without the token the handshake gets 401 before any function runs; with a wrong one the
// authorizer's Deny makes it 403. QWebSocket and python3-websockets both stay outside.
void TestBakeryChat::strangersAreTurnedAway()
{
    const QString chat = url({}, {});
    const QByteArray path = QUrl(chat).path(QUrl::FullyEncoded).toLatin1();
    const QByteArray noToken = Gatehouse::Test::exchange(m_info.port, Gatehouse::Test::handshakeRequest(path), "}");
    QVERIFY2(noToken.startsWith("HTTP/1.1 401 "), noToken.constData());
    const QByteArray wrong =
        Gatehouse::Test::exchange(m_info.port, Gatehouse::Test::handshakeRequest(path + "?token=baguette"), "}");
    QVERIFY2(wrong.startsWith("HTTP/1.1 403 "), wrong.constData());

    Customer stranger;
    QVERIFY(!stranger.open(url(QStringLiteral("name=eve"), QStringLiteral("baguette"))));

    if (!Gatehouse::Test::debianPythonHas(QStringLiteral("websockets")))
        QSKIP("python3-websockets is not installed (packaging/dev deps installs it)");
    QProcess peer;
    peer.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/websocket_auth_peer.py"), url(QStringLiteral("name=eve"), {})});
    QTRY_VERIFY_WITH_TIMEOUT(peer.state() == QProcess::NotRunning, 40000);
    QCOMPARE(QJsonDocument::fromJson(peer.readAllStandardOutput()).object().value(QStringLiteral("status")).toInt(), 401);
}

QTEST_GUILESS_MAIN(TestBakeryChat)
#include "tst_bakerychat.moc"
