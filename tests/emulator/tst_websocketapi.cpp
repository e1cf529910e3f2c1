// API Gateway WebSocket APIs in the emulator (tests/data/labs/websocket-chat): the handshake is
// handed from the HTTP front to QWebSocketServer after $connect accepted it (a refusal answers
// the function's status before any upgrade), CONNECT/MESSAGE/DISCONNECT events against AWS's
// samples key for key and type for type, routing by $request.body.action and by a ${...}
// template, $default, the Forbidden frame, two-way routes, a chat whose handler broadcasts
// through @connections (signed by the lab's own SigV4 code), the AWS CLI's
// apigatewaymanagementapi against @connections, the 128 KB message limit, and Debian's
// python3-websockets as an independent client.
#include "../common/awscli.h"
#include "../common/websocketapitest.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"
#include "core/emulator/websocketgateway.h"

#include <QFile>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
using Gatehouse::Test::exchange;
using Gatehouse::Test::shapeDifference;

namespace {

const QString ChatKeyId = QStringLiteral("AKIACHATLAB000000001");
const QString ChatSecret = QStringLiteral("chatLabSecretKey0000000000000000000000001");

QSet<QString> keySet(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

// A QWebSocket client that keeps what it received.
struct Client
{
    std::unique_ptr<QWebSocket> socket = std::make_unique<QWebSocket>();
    QStringList received;

    Client()
    {
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(),
                         [this](const QString &m) { received.append(m); });
    }
    bool open(const QString &url)
    {
        QSignalSpy connected(socket.get(), &QWebSocket::connected);
        QNetworkRequest request{QUrl(url)};
        request.setRawHeader("User-Agent", "tst_websocketapi");
        socket->open(request);
        return connected.wait(15000) || !connected.isEmpty();
    }
    // The next message received after `before` messages, parsed; empty after the timeout.
    QJsonObject next(qsizetype before, int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        while (received.size() <= before && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        return received.size() > before ? QJsonDocument::fromJson(received.at(before).toUtf8()).object()
                                        : QJsonObject();
    }
    QJsonObject ask(const QJsonObject &message)
    {
        const qsizetype before = received.size();
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
        return next(before);
    }
};

} // namespace

class TestWebSocketApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void indexListsWebSocketUrls();
    void connectEventMatchesSample();
    void refusedConnectAnswersStatusBeforeUpgrade();
    void plainHttpToWebSocketApi();
    void upgradeElsewhereIsPlainHttp();
    void messagesRouteByAction();
    void templateSelectionAndForbidden();
    void disconnectEventMatchesSample();
    void chatBroadcastsThroughConnections();
    void awsCliManagesConnections();
    void managementNeedsSignature();
    void tooLargeMessageCloses();
    void idleAndMaximumDurationClose();
    void hostStyleHandshake();
    void handshakeQtRefusesIsForgotten();
    void pythonWebsocketsPeer();
    void templateErrorsByLine();

private:
    QString url(const QString &apiName, const QString &query = {}) const;
    QString apiId(const QString &apiName) const;

    std::unique_ptr<Gatehouse::Emulator::Emulator> m_emulator;
    Core::EmulatorInfo m_info;
};

void TestWebSocketApi::initTestCase()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/websocket-chat");
    m_emulator = std::make_unique<Gatehouse::Emulator::Emulator>(options);
    const Core::Result<Core::EmulatorInfo> started = m_emulator->start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    m_info = *started;
    QVERIFY(!apiId(QStringLiteral("chat")).isEmpty());
}

void TestWebSocketApi::cleanupTestCase()
{
    m_emulator.reset();
}

QString TestWebSocketApi::apiId(const QString &apiName) const
{
    const Core::EmulatorApiInfo *api = Gatehouse::Test::webSocketApi(m_info, apiName);
    return api ? api->apiId : QString();
}

QString TestWebSocketApi::url(const QString &apiName, const QString &query) const
{
    return Gatehouse::Test::webSocketUrl(m_info, apiName, query);
}

void TestWebSocketApi::indexListsWebSocketUrls()
{
    const QString id = apiId(QStringLiteral("chat"));
    QCOMPARE(url(QStringLiteral("chat")),
             QStringLiteral("ws://127.0.0.1:%1/_aws/execute-api/%2/production").arg(m_info.port).arg(id));
    const QByteArray answer = exchange(m_info.port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", {});
    const QJsonObject index = QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
    bool found = false;
    for (const QJsonValue &api : index.value(QStringLiteral("apis")).toArray()) {
        const QJsonObject a = api.toObject();
        if (a.value(QStringLiteral("apiId")).toString() != id)
            continue;
        found = true;
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("WebSocket API"));
        QCOMPARE(a.value(QStringLiteral("hostStyleUrl")).toString(),
                 QStringLiteral("ws://%1.execute-api.localhost:%2/production").arg(id).arg(m_info.port));
        QCOMPARE(a.value(QStringLiteral("routes")).toArray().size(), 7);
    }
    QVERIFY2(found, answer.constData());
}

void TestWebSocketApi::connectEventMatchesSample()
{
    Client client;
    QVERIFY(client.open(url(QStringLiteral("chat"), QStringLiteral("name=ann"))));
    const QJsonObject event = client.ask({{QStringLiteral("action"), QStringLiteral("connectevent")}});
    QVERIFY2(!event.isEmpty(), qPrintable(client.received.join(QLatin1Char('\n'))));
    const QJsonObject sample = Gatehouse::Test::readSampleEvent(QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/websocket-api-connect-request.json"));
    QVERIFY(!sample.isEmpty());
    const QString difference = shapeDifference(sample, event);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    // Nothing beyond AWS's keys in requestContext, and AWS's values where they are fixed.
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(keySet(rc), keySet(sample.value(QStringLiteral("requestContext")).toObject()));
    QCOMPARE(rc.value(QStringLiteral("eventType")).toString(), QStringLiteral("CONNECT"));
    QCOMPARE(rc.value(QStringLiteral("routeKey")).toString(), QStringLiteral("$connect"));
    QCOMPARE(rc.value(QStringLiteral("messageDirection")).toString(), QStringLiteral("IN"));
    QCOMPARE(rc.value(QStringLiteral("stage")).toString(), QStringLiteral("production"));
    QCOMPARE(rc.value(QStringLiteral("apiId")).toString(), apiId(QStringLiteral("chat")));
    QCOMPARE(rc.value(QStringLiteral("identity")).toObject().value(QStringLiteral("sourceIp")).toString(),
             QStringLiteral("127.0.0.1"));
    const QRegularExpression awsId(QStringLiteral("^[A-Za-z0-9_-]{15}=$"));
    QVERIFY2(awsId.match(rc.value(QStringLiteral("connectionId")).toString()).hasMatch(),
             qPrintable(rc.value(QStringLiteral("connectionId")).toString()));
    QVERIFY(awsId.match(rc.value(QStringLiteral("requestId")).toString()).hasMatch());
    QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000$"))
                .match(rc.value(QStringLiteral("requestTime")).toString()).hasMatch());
    const QJsonObject headers = event.value(QStringLiteral("headers")).toObject();
    QVERIFY(headers.contains(QStringLiteral("Sec-WebSocket-Key")));
    QCOMPARE(headers.value(QStringLiteral("Sec-WebSocket-Version")).toString(), QStringLiteral("13"));
    QCOMPARE(event.value(QStringLiteral("queryStringParameters")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("ann"));
    QCOMPARE(event.value(QStringLiteral("multiValueHeaders")).toObject().value(QStringLiteral("Sec-WebSocket-Version")).toArray(),
             QJsonArray{QStringLiteral("13")});
}

// The $connect function answers 400 without ?name=: the client gets that status and body,
// not a 101, so a QTcpSocket sees the whole HTTP answer.
void TestWebSocketApi::refusedConnectAnswersStatusBeforeUpgrade()
{
    const QByteArray path = "/_aws/execute-api/" + apiId(QStringLiteral("chat")).toLatin1() + "/production";
    const QByteArray answer = exchange(m_info.port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                                       "URL.");
    QVERIFY2(answer.startsWith("HTTP/1.1 400 "), answer.constData());
    QVERIFY(answer.contains("Add ?name=<your name> to the URL."));
    QVERIFY(!answer.contains("Sec-WebSocket-Accept"));

    // QWebSocket sees the refusal as a failed handshake.
    QWebSocket client;
    QSignalSpy errors(&client, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
    client.open(QUrl(url(QStringLiteral("chat"))));
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 20000);
    QVERIFY(client.state() != QAbstractSocket::ConnectedState);
}

void TestWebSocketApi::plainHttpToWebSocketApi()
{
    const QByteArray path = "/_aws/execute-api/" + apiId(QStringLiteral("chat")).toLatin1() + "/production";
    // Two pipelined requests: the first is not a handshake, so the front reads both as usual.
    const QByteArray answer = exchange(m_info.port,
                                       "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                       "GET " + path.left(path.lastIndexOf('/')) + "/other HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                                       "Forbidden");
    QVERIFY2(answer.startsWith("HTTP/1.1 426 "), answer.constData());
    QVERIFY2(answer.contains("\r\n\r\nHTTP/1.1 403 ") || answer.contains("}HTTP/1.1 403 "), answer.constData());
}

// A handshake for a path that is no WebSocket API is an ordinary request to the front.
void TestWebSocketApi::upgradeElsewhereIsPlainHttp()
{
    const QByteArray answer = exchange(m_info.port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                                       {});
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.left(200).constData());
    QVERIFY(answer.contains("gatehouse-emulator"));
}

void TestWebSocketApi::messagesRouteByAction()
{
    Client client;
    QVERIFY(client.open(url(QStringLiteral("chat"), QStringLiteral("name=bo"))));
    const QJsonObject echo = client.ask({{QStringLiteral("action"), QStringLiteral("echo")}, {QStringLiteral("n"), 1}});
    QCOMPARE(echo.value(QStringLiteral("route")).toString(), QStringLiteral("echo"));
    const QJsonObject event = echo.value(QStringLiteral("event")).toObject();
    const QJsonObject sample = Gatehouse::Test::readSampleEvent(QStringLiteral("aws-lambda-go/apigw-websocket-request-send-message.json"));
    QVERIFY(!sample.isEmpty());
    const QString difference = shapeDifference(sample, event);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("eventType")).toString(), QStringLiteral("MESSAGE"));
    QCOMPARE(rc.value(QStringLiteral("routeKey")).toString(), QStringLiteral("echo"));
    QVERIFY(rc.value(QStringLiteral("messageId")).toString() != rc.value(QStringLiteral("requestId")).toString());
    QCOMPARE(QJsonDocument::fromJson(event.value(QStringLiteral("body")).toString().toUtf8()).object().value(QStringLiteral("n")).toInt(), 1);

    // No route "nosuch", and a body that is not JSON: both go to $default.
    QCOMPARE(client.ask({{QStringLiteral("action"), QStringLiteral("nosuch")}}).value(QStringLiteral("route")).toString(),
             QStringLiteral("$default"));
    const qsizetype before = client.received.size();
    client.socket->sendTextMessage(QStringLiteral("just text"));
    const QJsonObject plain = client.next(before);
    QCOMPARE(plain.value(QStringLiteral("route")).toString(), QStringLiteral("$default"));
    QCOMPARE(plain.value(QStringLiteral("event")).toObject().value(QStringLiteral("body")).toString(), QStringLiteral("just text"));
}

// The strict API selects with "${request.body.kind}-${request.body.op}", has no $connect and no
// $default: an unmatched message gets API Gateway's Forbidden frame.
void TestWebSocketApi::templateSelectionAndForbidden()
{
    Client client;
    QVERIFY(client.open(url(QStringLiteral("strict"))));
    QCOMPARE(client.ask({{QStringLiteral("kind"), QStringLiteral("game")}, {QStringLiteral("op"), QStringLiteral("ping")}})
                 .value(QStringLiteral("route")).toString(),
             QStringLiteral("game-ping"));
    const QJsonObject forbidden = client.ask({{QStringLiteral("kind"), QStringLiteral("game")}, {QStringLiteral("op"), QStringLiteral("pong")}});
    QCOMPARE(keySet(forbidden),
             (QSet<QString>{QStringLiteral("message"), QStringLiteral("connectionId"), QStringLiteral("requestId")}));
    QCOMPARE(forbidden.value(QStringLiteral("message")).toString(), QStringLiteral("Forbidden"));
}

void TestWebSocketApi::disconnectEventMatchesSample()
{
    QString goneId;
    {
        Client leaving;
        QVERIFY(leaving.open(url(QStringLiteral("chat"), QStringLiteral("name=cy"))));
        goneId = leaving.ask({{QStringLiteral("action"), QStringLiteral("connectevent")}})
                     .value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("connectionId")).toString();
        QVERIFY(!goneId.isEmpty());
        QSignalSpy finished(m_emulator.get(), &Gatehouse::Emulator::Emulator::invocationFinished);
        leaving.socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("bye"));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(finished.cbegin(), finished.cend(), [](const QList<QVariant> &args) {
            return args.at(0).value<Core::InvocationRecord>().functionName == QLatin1String("chatDisconnect");
        }), 20000);
    }
    Client asker;
    QVERIFY(asker.open(url(QStringLiteral("chat"), QStringLiteral("name=di"))));
    const QJsonObject event = asker.ask({{QStringLiteral("action"), QStringLiteral("disconnectevent")}});
    const QJsonObject sample = Gatehouse::Test::readSampleEvent(QStringLiteral("aws-lambda-go/apigw-websocket-request-disconnect.json"));
    QVERIFY(!sample.isEmpty());
    const QString difference = shapeDifference(sample, event);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("connectionId")).toString(), goneId);
    QCOMPARE(rc.value(QStringLiteral("eventType")).toString(), QStringLiteral("DISCONNECT"));
    QCOMPARE(rc.value(QStringLiteral("disconnectStatusCode")).toInt(), 1001);
    QCOMPARE(rc.value(QStringLiteral("disconnectReason")).toString(), QStringLiteral("bye"));
}

void TestWebSocketApi::chatBroadcastsThroughConnections()
{
    Client ann, bo, cy;
    QVERIFY(ann.open(url(QStringLiteral("chat"), QStringLiteral("name=ann"))));
    QVERIFY(bo.open(url(QStringLiteral("chat"), QStringLiteral("name=bo"))));
    QVERIFY(cy.open(url(QStringLiteral("chat"), QStringLiteral("name=cy"))));
    const qsizetype a = ann.received.size(), b = bo.received.size(), c = cy.received.size();
    QSignalSpy finished(m_emulator.get(), &Gatehouse::Emulator::Emulator::invocationFinished);
    bo.socket->sendTextMessage(QStringLiteral("{\"action\":\"sendmessage\",\"message\":\"hello all\"}"));
    const QJsonObject expected{{QStringLiteral("from"), QStringLiteral("bo")}, {QStringLiteral("message"), QStringLiteral("hello all")}};
    const QJsonObject first = ann.next(a);
    for (const QList<QVariant> &args : std::as_const(finished)) {
        const auto record = args.at(0).value<Core::InvocationRecord>();
        if (record.status != QLatin1String("Success"))
            qWarning("%s: %s %s", qPrintable(record.functionName), qPrintable(record.errorType), qPrintable(record.errorMessage));
    }
    QCOMPARE(first, expected);
    QCOMPARE(bo.next(b), expected);
    QCOMPARE(cy.next(c), expected);
}

void TestWebSocketApi::awsCliManagesConnections()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    Client client;
    QVERIFY(client.open(url(QStringLiteral("chat"), QStringLiteral("name=eve"))));
    const QString id = client.ask({{QStringLiteral("action"), QStringLiteral("connectevent")}})
                           .value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("connectionId")).toString();
    QVERIFY(!id.isEmpty());
    const QString endpoint = QStringLiteral("http://127.0.0.1:%1/_aws/execute-api/%2/production")
                                 .arg(m_info.port).arg(apiId(QStringLiteral("chat")));
    GatehouseTest::AwsCli cli(endpoint, {ChatKeyId, ChatSecret, {}});

    const qsizetype before = client.received.size();
    auto posted = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("post-to-connection"),
                           QStringLiteral("--connection-id"), id, QStringLiteral("--data"), QStringLiteral("from the CLI"),
                           QStringLiteral("--cli-binary-format"), QStringLiteral("raw-in-base64-out")});
    QVERIFY2(posted.exitCode == 0, posted.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(client.received.size() > before, 10000);
    QCOMPARE(client.received.at(before), QStringLiteral("from the CLI"));

    // 40 000 bytes reach the client whole, in frames of at most 32 KB as API Gateway sends them.
    QList<qsizetype> frames;
    QObject::connect(client.socket.get(), &QWebSocket::textFrameReceived, client.socket.get(),
                     [&frames](const QString &frame, bool) { frames.append(frame.size()); });
    const qsizetype beforeLarge = client.received.size();
    auto large = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("post-to-connection"),
                          QStringLiteral("--connection-id"), id, QStringLiteral("--data"), QString(40000, QLatin1Char('y')),
                          QStringLiteral("--cli-binary-format"), QStringLiteral("raw-in-base64-out")});
    QVERIFY2(large.exitCode == 0, large.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(client.received.size() > beforeLarge, 10000);
    QCOMPARE(client.received.at(beforeLarge).size(), 40000);
    QCOMPARE(frames, (QList<qsizetype>{32 * 1024, 40000 - 32 * 1024}));

    auto got = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("get-connection"),
                        QStringLiteral("--connection-id"), id});
    QVERIFY2(got.exitCode == 0, got.err.constData());
    const QJsonObject info = got.json();
    QCOMPARE(info.value(QStringLiteral("Identity")).toObject().value(QStringLiteral("SourceIp")).toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(info.value(QStringLiteral("Identity")).toObject().contains(QStringLiteral("UserAgent")));
    QVERIFY2(!info.value(QStringLiteral("ConnectedAt")).toString().isEmpty(), got.out.constData());
    QVERIFY(!info.value(QStringLiteral("LastActiveAt")).toString().isEmpty());

    QSignalSpy closed(client.socket.get(), &QWebSocket::disconnected);
    auto deleted = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("delete-connection"),
                            QStringLiteral("--connection-id"), id});
    QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);

    auto gone = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("post-to-connection"),
                         QStringLiteral("--connection-id"), id, QStringLiteral("--data"), QStringLiteral("late"),
                         QStringLiteral("--cli-binary-format"), QStringLiteral("raw-in-base64-out")});
    QVERIFY(gone.exitCode != 0);
    QVERIFY2(gone.err.contains("GoneException"), gone.err.constData());
}

void TestWebSocketApi::managementNeedsSignature()
{
    const QByteArray answer = exchange(m_info.port, "GET /_aws/execute-api/" + apiId(QStringLiteral("chat")).toLatin1()
                                                    + "/production/@connections/abc HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                                       "}");
    QVERIFY2(answer.startsWith("HTTP/1.1 403 "), answer.constData());
}

// API Gateway's quota is 128 KB a message; a larger one closes the connection with 1009.
void TestWebSocketApi::tooLargeMessageCloses()
{
    Client client;
    QVERIFY(client.open(url(QStringLiteral("strict"))));
    QSignalSpy closed(client.socket.get(), &QWebSocket::disconnected);
    client.socket->sendTextMessage(QString(130 * 1024, QLatin1Char('x')));
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
    QCOMPARE(client.socket->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
}

// Host <apiId>.execute-api.localhost selects the API as the path prefix does; the front hands
// the handshake over and QWebSocketServer answers 101 with the accept key of RFC 6455's example.
// The idle timeout and the maximum duration are EmulatorOptions (AWS: 10 minutes, 2 hours);
// shortened here, each closes with 1001 Going away, and traffic resets only the idle one.
void TestWebSocketApi::idleAndMaximumDurationClose()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/websocket-chat");
    options.webSocketIdleTimeoutMs = 400;
    options.webSocketMaxConnectionMs = 1500;
    Gatehouse::Emulator::Emulator emulator(options);
    const Core::Result<Core::EmulatorInfo> started = emulator.start();
    QVERIFY(started);
    QString strictUrl;
    for (const Core::EmulatorApiInfo &api : started->apis) {
        if (api.name == QLatin1String("strict"))
            strictUrl = api.pathStyleUrl;
    }

    Client idle;
    QVERIFY(idle.open(strictUrl));
    QSignalSpy idleClosed(idle.socket.get(), &QWebSocket::disconnected);
    QElapsedTimer timer;
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(!idleClosed.isEmpty(), 5000);
    QVERIFY(timer.elapsed() < 1400);
    QCOMPARE(idle.socket->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);

    Client busy;
    QVERIFY(busy.open(strictUrl));
    QSignalSpy busyClosed(busy.socket.get(), &QWebSocket::disconnected);
    timer.restart();
    while (busyClosed.isEmpty() && timer.elapsed() < 5000) {
        busy.socket->sendTextMessage(QStringLiteral("{}")); // Forbidden frames back: traffic
        QTest::qWait(150);
    }
    QVERIFY(!busyClosed.isEmpty());
    QVERIFY2(timer.elapsed() >= 1300, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(busy.socket->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(emulator.webSocketApis()->connectionCount(), 0);
}

void TestWebSocketApi::hostStyleHandshake()
{
    const QByteArray answer = exchange(m_info.port,
                                       "GET /dev HTTP/1.1\r\nHost: " + apiId(QStringLiteral("strict")).toLatin1()
                                           + ".execute-api.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                                       "\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 101 "), answer.constData());
    QVERIFY2(answer.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), answer.constData());
    // Another stage of the same API is refused.
    const QByteArray wrongStage = exchange(m_info.port,
                                           "GET /prod HTTP/1.1\r\nHost: " + apiId(QStringLiteral("strict")).toLatin1()
                                               + ".execute-api.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                                           "}");
    QVERIFY2(wrongStage.startsWith("HTTP/1.1 403 "), wrongStage.constData());
}

// The strict API has no $connect, so the gateway hands this handshake over at once;
// QWebSocketServer refuses its version, and the gateway forgets the pending connection.
void TestWebSocketApi::handshakeQtRefusesIsForgotten()
{
    const QByteArray answer = exchange(m_info.port,
                                       "GET /_aws/execute-api/" + apiId(QStringLiteral("strict")).toLatin1()
                                           + "/dev HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n",
                                       {});
    QVERIFY2(answer.startsWith("HTTP/1.1 4"), answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->webSocketApis()->handshakesPending(), 0, 5000);
}

void TestWebSocketApi::pythonWebsocketsPeer()
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import websockets")});
    QVERIFY(python.waitForFinished(20000));
    if (python.exitCode() != 0)
        QSKIP("python3-websockets is not installed (packaging/dev deps installs it)");
    QProcess peer;
    peer.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/websocket_peer.py"),
                url(QStringLiteral("chat"), QStringLiteral("name=py")),
                QStringLiteral("{\"action\":\"echo\",\"from\":\"python\"}")});
    QTRY_VERIFY_WITH_TIMEOUT(peer.state() == QProcess::NotRunning, 40000);
    QVERIFY2(peer.exitCode() == 0, peer.readAllStandardError().constData());
    const QJsonObject answer = QJsonDocument::fromJson(peer.readAllStandardOutput()).object();
    QCOMPARE(answer.value(QStringLiteral("route")).toString(), QStringLiteral("echo"));
    const QJsonObject identity = answer.value(QStringLiteral("event")).toObject().value(QStringLiteral("requestContext"))
                                     .toObject().value(QStringLiteral("identity")).toObject();
    QVERIFY2(identity.value(QStringLiteral("userAgent")).toString().startsWith(QLatin1String("Python")),
             qPrintable(identity.value(QStringLiteral("userAgent")).toString()));
}

void TestWebSocketApi::templateErrorsByLine()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Transform: AWS::Serverless-2016-10-31\n"
               "Resources:\n"
               "  Api:\n"
               "    Type: AWS::ApiGatewayV2::Api\n"
               "    Properties:\n"
               "      ProtocolType: WEBSOCKET\n"
               "      RouteSelectionExpression: $request.body.action\n"
               "  Route:\n"
               "    Type: AWS::ApiGatewayV2::Route\n"
               "    Properties:\n"
               "      ApiId: !Ref Api\n"
               "      RouteKey: $default\n"
               "      Target: integrations/nothing\n"
               "  Plain:\n"
               "    Type: AWS::ApiGatewayV2::Api\n"
               "    Properties:\n"
               "      ProtocolType: WEBSOCKET\n"
               "      RouteSelectionExpression: $request.header.x\n"
               "  Function:\n"
               "    Type: AWS::Serverless::Function\n"
               "    Properties:\n"
               "      CodeUri: .\n"
               "      Handler: app.handler\n"
               "      Runtime: python3.12\n"
               "  Integration:\n"
               "    Type: AWS::ApiGatewayV2::Integration\n"
               "    Properties:\n"
               "      ApiId: !Ref Api\n"
               "      IntegrationType: AWS_PROXY\n"
               "      IntegrationUri: !GetAtt Function.Arn\n"
               "  HalfTwoWay:\n"
               "    Type: AWS::ApiGatewayV2::Route\n"
               "    Properties:\n"
               "      ApiId: !Ref Api\n"
               "      RouteKey: half\n"
               "      RouteResponseSelectionExpression: $default\n"
               "      Target: !Sub integrations/${Integration}\n"
               "  OtherResponse:\n"
               "    Type: AWS::ApiGatewayV2::RouteResponse\n"
               "    Properties:\n"
               "      ApiId: !Ref Api\n"
               "      RouteId: !Ref HalfTwoWay\n"
               "      RouteResponseKey: other\n");
    file.close();
    QFile code(dir.filePath(QStringLiteral("app.py")));
    QVERIFY(code.open(QIODevice::WriteOnly));
    code.write("def handler(event, context):\n    return None\n");
    code.close();
    const LabDefinition lab = LabLoader::load(dir.path());
    QStringList errors, warnings;
    for (const LabDiagnostic &d : lab.diagnostics)
        (d.severity == LabDiagnostic::Severity::Error ? errors : warnings).append(d.toString());
    std::sort(errors.begin(), errors.end(), [](const QString &a, const QString &b) {
        return a.section(QLatin1Char(':'), 1, 1).toInt() < b.section(QLatin1Char(':'), 1, 1).toInt();
    });
    const QString all = (errors + warnings).join(QLatin1Char('\n'));
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.at(0).contains(QLatin1String("template.yaml:13:15: error: Resources.Route.Properties.Target: Target must be integrations/<id>")),
             qPrintable(all));
    QVERIFY2(errors.at(1).contains(QLatin1String("template.yaml:18:33: error: Resources.Plain.Properties.RouteSelectionExpression:")),
             qPrintable(all));
    QVERIFY2(errors.at(2).contains(QLatin1String("template.yaml:43:25: error: Resources.OtherResponse.Properties.RouteResponseKey: WebSocket APIs only have the $default route response")),
             qPrintable(all));
    QVERIFY2(warnings.filter(QStringLiteral("template.yaml:31:3: warning: Resources.HalfTwoWay: two-way on AWS only with an AWS::ApiGatewayV2::RouteResponse")).size() == 1,
             qPrintable(all));
}

QTEST_GUILESS_MAIN(TestWebSocketApi)
#include "tst_websocketapi.moc"
