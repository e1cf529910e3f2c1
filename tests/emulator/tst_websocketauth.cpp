// $connect authorization of the emulator's WebSocket APIs (tests/data/labs/websocket-auth): a
// Lambda REQUEST authorizer on a query token and on a header, AWS_IAM with a SigV4-presigned URL,
// the refusals API Gateway documents (401 without invoking when the identity source is missing,
// 403 for a Deny, 500 for a failing authorizer) as seen by Gatehouse's Qt client and by Debian's
// python3-websockets, the authorizer's principalId and context in every later event, the
// authorizer event against AWS's documented shape, the IAM caller in requestContext.identity with
// a URL presigned by botocore, subprotocols agreed only when $connect's answer names one, the
// integration timeout, $disconnect after a handshake QWebSocketServer refused, and template errors.
#include "../common/websocketapitest.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"
#include "core/emulator/lambdaservice.h"
#include "core/emulator/websocketgateway.h"
#include "core/websocket/websocketsession.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
using Gatehouse::Test::exchange;
using Gatehouse::Test::handshakeRequest;
using Gatehouse::Test::shapeDifference;

namespace {

// A Gatehouse WebSocketSession (QWebSocket underneath) that keeps what it received.
struct Session
{
    std::unique_ptr<Core::WebSocketSession> session = std::make_unique<Core::WebSocketSession>();
    QStringList received;
    bool ended = false;

    Session()
    {
        QObject::connect(session.get(), &Core::WebSocketSession::frame, session.get(),
                         [this](Core::WebSocketDirection direction, Core::WebSocketOpcode opcode,
                                const QByteArray &payload, qint64) {
                             if (direction == Core::WebSocketDirection::Received
                                 && opcode == Core::WebSocketOpcode::Text)
                                 received.append(QString::fromUtf8(payload));
                         });
        QObject::connect(session.get(), &Core::WebSocketSession::disconnected, session.get(),
                         [this](const Core::Error &) { ended = true; });
    }
    // True when open; false once the handshake failed (lastError() says how).
    bool open(const Core::WebSocketConnectOptions &options)
    {
        if (!session->open(options))
            return false;
        QElapsedTimer timer;
        timer.start();
        while (session->state() != Core::WebSocketSession::State::Open && !ended && timer.elapsed() < 20000)
            QTest::qWait(20);
        return session->state() == Core::WebSocketSession::State::Open;
    }
    QJsonObject ask(const QJsonObject &message)
    {
        const qsizetype before = received.size();
        session->sendText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
        QElapsedTimer timer;
        timer.start();
        while (received.size() <= before && timer.elapsed() < 20000)
            QTest::qWait(20);
        return received.size() > before ? QJsonDocument::fromJson(received.at(before).toUtf8()).object()
                                        : QJsonObject();
    }
};

// python3-websockets (and botocore for --presign) run tests/emulator/websocket_auth_peer.py.
QJsonObject pythonPeer(const QStringList &arguments)
{
    QProcess peer;
    peer.start(QStringLiteral("/usr/bin/python3"),
               QStringList{QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/websocket_auth_peer.py")} + arguments);
    QElapsedTimer timer;
    timer.start();
    while (peer.state() != QProcess::NotRunning && timer.elapsed() < 40000)
        QTest::qWait(20);
    const QJsonObject out = QJsonDocument::fromJson(peer.readAllStandardOutput()).object();
    if (out.isEmpty())
        qWarning().noquote() << peer.readAllStandardError();
    return out;
}

int countInvocations(const QSignalSpy &spy, const QString &function)
{
    int n = 0;
    for (const QList<QVariant> &call : spy)
        n += call.at(0).value<Core::InvocationRecord>().functionName == function ? 1 : 0;
    return n;
}

const char kTemplateBase[] =
    "Transform: AWS::Serverless-2016-10-31\n"
    "Resources:\n"
    "  Function:\n"
    "    Type: AWS::Serverless::Function\n"
    "    Properties:\n"
    "      CodeUri: .\n"
    "      Handler: app.handler\n"
    "      Runtime: python3.12\n"
    "  Api:\n"
    "    Type: AWS::ApiGatewayV2::Api\n"
    "    Properties:\n"
    "      ProtocolType: WEBSOCKET\n"
    "      RouteSelectionExpression: $request.body.action\n"
    "  Integration:\n"
    "    Type: AWS::ApiGatewayV2::Integration\n"
    "    Properties:\n"
    "      ApiId: !Ref Api\n"
    "      IntegrationType: AWS_PROXY\n"
    "      IntegrationUri: !GetAtt Function.Arn\n"
    "  Authorizer:\n"
    "    Type: AWS::ApiGatewayV2::Authorizer\n"
    "    Properties:\n"
    "      ApiId: !Ref Api\n"
    "      Name: ok\n"
    "      AuthorizerType: REQUEST\n"
    "      AuthorizerUri: !GetAtt Function.Arn\n"
    "      IdentitySource: [route.request.querystring.token]\n";

// A lab of `yaml` and a handler module app.py, loaded from a temporary folder.
LabDefinition loadTemplate(const QByteArray &yaml)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QFile code(dir.filePath(QStringLiteral("app.py")));
    if (!file.open(QIODevice::WriteOnly) || !code.open(QIODevice::WriteOnly))
        return {};
    file.write(yaml);
    file.close();
    code.write("def handler(event, context):\n    return None\n");
    code.close();
    return LabLoader::load(dir.path());
}

} // namespace

class TestWebSocketAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void labLoadsWithoutWarnings();
    void missingTokenIs401WithoutInvoking();
    void refusals_data();
    void refusals();
    void authorizerContextInEveryEvent();
    void headerIdentitySource();
    void iamPresignedByBotocore();
    void iamWithGatehouseSession();
    void subprotocolOnlyWhenConnectSetsIt();
    void refusedHandshakeRunsDisconnect();
    void integrationTimeout();
    void templateErrors_data();
    void templateErrors();
    void permissionWarnsOnlyForOtherPrincipals();

private:
    QString url(const QString &apiName, const QString &query = {}) const;
    QString apiId(const QString &apiName) const;
    Core::WebSocketConnectOptions options(const QString &apiName, const QString &query = {}) const;

    std::unique_ptr<Gatehouse::Emulator::Emulator> m_emulator;
    Core::EmulatorInfo m_info;
    bool m_python = false;
};

void TestWebSocketAuth::initTestCase()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/websocket-auth");
    options.webSocketIntegrationTimeoutMs = 2000; // the slow route sleeps 4 s
    m_emulator = std::make_unique<Gatehouse::Emulator::Emulator>(options);
    const Core::Result<Core::EmulatorInfo> started = m_emulator->start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    m_info = *started;
    QVERIFY(!apiId(QStringLiteral("guarded")).isEmpty());
    m_python = Gatehouse::Test::debianPythonHas(QStringLiteral("websockets, botocore"));
}

void TestWebSocketAuth::cleanupTestCase()
{
    m_emulator.reset();
}

QString TestWebSocketAuth::apiId(const QString &apiName) const
{
    const Core::EmulatorApiInfo *api = Gatehouse::Test::webSocketApi(m_info, apiName);
    return api ? api->apiId : QString();
}

QString TestWebSocketAuth::url(const QString &apiName, const QString &query) const
{
    return Gatehouse::Test::webSocketUrl(m_info, apiName, query);
}

Core::WebSocketConnectOptions TestWebSocketAuth::options(const QString &apiName, const QString &query) const
{
    Core::WebSocketConnectOptions o;
    o.url = QUrl(url(apiName, query));
    return o;
}

// The bakery-style Permission for apigateway.amazonaws.com is expected, not worth a warning.
void TestWebSocketAuth::labLoadsWithoutWarnings()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/websocket-auth"));
    QStringList lines;
    for (const LabDiagnostic &d : lab.diagnostics)
        lines.append(d.toString());
    QVERIFY2(lab.diagnostics.isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
    QCOMPARE(lab.webSocketApis.size(), 3);
}

void TestWebSocketAuth::missingTokenIs401WithoutInvoking()
{
    QSignalSpy invocations(m_emulator->lambda(), &LambdaService::invocationFinished);
    const QByteArray path = "/_aws/execute-api/" + apiId(QStringLiteral("guarded")).toLatin1() + "/production?other=1";
    const QByteArray answer =
        exchange(m_info.port, handshakeRequest(path), "}");
    QVERIFY2(answer.startsWith("HTTP/1.1 401 "), answer.constData());
    QVERIFY2(answer.endsWith("{\"message\":\"Unauthorized\"}"), answer.constData());
    QVERIFY(!answer.contains("Sec-WebSocket-Accept"));
    QTest::qWait(300);
    QCOMPARE(countInvocations(invocations, QStringLiteral("wsAuthorizer")), 0);
    QCOMPARE(countInvocations(invocations, QStringLiteral("wsConnect")), 0);
    QCOMPARE(m_emulator->webSocketApis()->connectionCount(), 0);
}

void TestWebSocketAuth::refusals_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("authorizerRuns");
    QTest::newRow("no token: 401, authorizer not called") << QString() << 401 << false;
    QTest::newRow("empty token: 401, authorizer not called") << QStringLiteral("token=") << 401 << false;
    QTest::newRow("policy denies: 403") << QStringLiteral("token=guess") << 403 << true;
    QTest::newRow("authorizer raises Unauthorized: 401") << QStringLiteral("token=nope") << 401 << true;
    QTest::newRow("authorizer crashes: 500") << QStringLiteral("token=boom") << 500 << true;
    QTest::newRow("answer without a policy: 500") << QStringLiteral("token=garbled") << 500 << true;
}

// Each refusal as Gatehouse's Qt client and python3-websockets see the handshake answer; neither
// $connect nor any connection follows.
void TestWebSocketAuth::refusals()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(bool, authorizerRuns);
    QSignalSpy invocations(m_emulator->lambda(), &LambdaService::invocationFinished);

    Session qt;
    QVERIFY(!qt.open(options(QStringLiteral("guarded"), query)));
    QVERIFY2(qt.session->lastError().httpStatus == status, qPrintable(qt.session->lastError().message));

    if (m_python) {
        const QJsonObject python = pythonPeer({url(QStringLiteral("guarded"), query)});
        QCOMPARE(python.value(QStringLiteral("status")).toInt(), status);
    }
    QTest::qWait(200);
    QCOMPARE(countInvocations(invocations, QStringLiteral("wsAuthorizer")) > 0, authorizerRuns);
    QCOMPARE(countInvocations(invocations, QStringLiteral("wsConnect")), 0);
    QCOMPARE(m_emulator->webSocketApis()->connectionCount(), 0);
    if (!m_python)
        QSKIP("python3-websockets/botocore missing: only the Qt client was checked");
}

// Allowed, the principalId and context (values stringified, as API Gateway passes them) are in
// $connect's event and in every MESSAGE and DISCONNECT event of the connection; the authorizer's
// own event has AWS's documented keys and methodArn.
void TestWebSocketAuth::authorizerContextInEveryEvent()
{
    Session client;
    QVERIFY2(client.open(options(QStringLiteral("guarded"), QStringLiteral("token=letmein&room=a%20b"))),
             qPrintable(client.session->lastError().message));
    const QJsonObject message = client.ask({{QStringLiteral("action"), QStringLiteral("hello")}});
    const QJsonObject rc = message.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("eventType")).toString(), QStringLiteral("MESSAGE"));
    const QJsonObject authorizer = rc.value(QStringLiteral("authorizer")).toObject();
    QCOMPARE(authorizer.value(QStringLiteral("principalId")).toString(), QStringLiteral("user-42"));
    QCOMPARE(authorizer.value(QStringLiteral("plan")).toString(), QStringLiteral("gold")); // from the stage variable
    QCOMPARE(authorizer.value(QStringLiteral("seats")).toString(), QStringLiteral("3"));
    QCOMPARE(authorizer.value(QStringLiteral("admin")).toString(), QStringLiteral("true"));
    QVERIFY(authorizer.value(QStringLiteral("integrationLatency")).isDouble());
    const QString connectionId = rc.value(QStringLiteral("connectionId")).toString();

    const QJsonObject seen = client.ask({{QStringLiteral("action"), QStringLiteral("seen")}});
    const QJsonObject connectEvent =
        seen.value(QStringLiteral("connect")).toObject().value(connectionId).toObject();
    QCOMPARE(connectEvent.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("authorizer")).toObject(),
             authorizer);

    // The authorizer's event: AWS's documented keys, the methodArn of $connect, the CONNECT
    // requestContext (held to AWS's CONNECT sample), the query and the stage variables.
    const QJsonObject event = seen.value(QStringLiteral("authorizer")).toObject();
    const QStringList keys = event.keys();
    QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()),
             (QSet<QString>{QStringLiteral("type"), QStringLiteral("methodArn"), QStringLiteral("headers"),
                            QStringLiteral("multiValueHeaders"), QStringLiteral("queryStringParameters"),
                            QStringLiteral("multiValueQueryStringParameters"), QStringLiteral("stageVariables"),
                            QStringLiteral("requestContext")}));
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("REQUEST"));
    QCOMPARE(event.value(QStringLiteral("methodArn")).toString(),
             QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:%1/production/$connect")
                 .arg(apiId(QStringLiteral("guarded"))));
    QCOMPARE(event.value(QStringLiteral("queryStringParameters")).toObject().value(QStringLiteral("room")).toString(),
             QStringLiteral("a b"));
    QCOMPARE(event.value(QStringLiteral("multiValueQueryStringParameters")).toObject().value(QStringLiteral("token")).toArray(),
             QJsonArray{QStringLiteral("letmein")});
    QCOMPARE(event.value(QStringLiteral("stageVariables")).toObject(), (QJsonObject{{QStringLiteral("plan"), QStringLiteral("gold")}}));
    const QJsonObject sample = Gatehouse::Test::readSampleEvent(QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/websocket-api-connect-request.json"));
    QVERIFY(!sample.isEmpty());
    const QString difference = shapeDifference(sample.value(QStringLiteral("requestContext")).toObject(),
                                               event.value(QStringLiteral("requestContext")).toObject());
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    const QJsonObject authRc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(authRc.value(QStringLiteral("eventType")).toString(), QStringLiteral("CONNECT"));
    QCOMPARE(authRc.value(QStringLiteral("routeKey")).toString(), QStringLiteral("$connect"));
    QCOMPARE(authRc.value(QStringLiteral("connectionId")).toString(), connectionId);

    // DISCONNECT carries it too.
    client.session->close(1000, QStringLiteral("bye"));
    Session other;
    QVERIFY(other.open(options(QStringLiteral("guarded"), QStringLiteral("token=letmein"))));
    QJsonObject disconnect;
    QElapsedTimer timer;
    timer.start();
    while (disconnect.isEmpty() && timer.elapsed() < 20000) {
        disconnect = other.ask({{QStringLiteral("action"), QStringLiteral("seen")}})
                         .value(QStringLiteral("disconnect")).toObject().value(connectionId).toObject();
        if (disconnect.isEmpty())
            QTest::qWait(200);
    }
    QVERIFY(!disconnect.isEmpty());
    QCOMPARE(disconnect.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("authorizer")).toObject(),
             authorizer);
}

void TestWebSocketAuth::headerIdentitySource()
{
    QWebSocket refused;
    QSignalSpy errors(&refused, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
    refused.open(QUrl(url(QStringLiteral("headerguard"))));
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 15000);

    QWebSocket allowed;
    QSignalSpy connected(&allowed, &QWebSocket::connected);
    QNetworkRequest request{QUrl(url(QStringLiteral("headerguard")))};
    request.setRawHeader("Auth", "letmein");
    allowed.open(request);
    QVERIFY(connected.wait(20000) || !connected.isEmpty());
    QSignalSpy text(&allowed, &QWebSocket::textMessageReceived);
    allowed.sendTextMessage(QStringLiteral("{\"action\":\"hi\"}"));
    QVERIFY(text.wait(20000) || !text.isEmpty());
    const QJsonObject event = QJsonDocument::fromJson(text.first().first().toString().toUtf8()).object();
    QCOMPARE(event.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("authorizer"))
                 .toObject().value(QStringLiteral("principalId")).toString(),
             QStringLiteral("user-42"));
    allowed.close();
}

// botocore's SigV4QueryAuth presigns the URL (the emulator's default keys test/test): the
// handshake is accepted and the caller is in requestContext.identity; unsigned or signed with
// the wrong secret, python3-websockets sees 403.
void TestWebSocketAuth::iamPresignedByBotocore()
{
    if (!m_python)
        QSKIP("python3-websockets/botocore missing");
    const QString signedUrl = url(QStringLiteral("signed"));
    const QJsonObject accepted = pythonPeer({signedUrl, QStringLiteral("--presign"), QStringLiteral("test"),
                                             QStringLiteral("test"), QStringLiteral("us-east-1"), QStringLiteral("--send"),
                                             QStringLiteral("{\"action\":\"who\"}")});
    QCOMPARE(accepted.value(QStringLiteral("status")).toInt(), 101);
    const QJsonObject event = QJsonDocument::fromJson(accepted.value(QStringLiteral("answer")).toString().toUtf8()).object();
    const QJsonObject identity = event.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("identity")).toObject();
    QCOMPARE(identity.value(QStringLiteral("accessKey")).toString(), QStringLiteral("test"));
    QCOMPARE(identity.value(QStringLiteral("accountId")).toString(), QStringLiteral("123456789012"));
    QVERIFY2(identity.value(QStringLiteral("userArn")).toString().startsWith(QLatin1String("arn:aws:iam::123456789012:user/")),
             qPrintable(identity.value(QStringLiteral("userArn")).toString()));
    QCOMPARE(identity.value(QStringLiteral("sourceIp")).toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(!event.value(QStringLiteral("requestContext")).toObject().contains(QStringLiteral("authorizer")));

    QCOMPARE(pythonPeer({signedUrl}).value(QStringLiteral("status")).toInt(), 403);
    QCOMPARE(pythonPeer({signedUrl, QStringLiteral("--presign"), QStringLiteral("test"), QStringLiteral("wrong"),
                         QStringLiteral("us-east-1")})
                 .value(QStringLiteral("status")).toInt(),
             403);
    QCOMPARE(m_emulator->webSocketApis()->handshakesPending(), 0);
}

void TestWebSocketAuth::iamWithGatehouseSession()
{
    const QByteArray path = "/_aws/execute-api/" + apiId(QStringLiteral("signed")).toLatin1() + "/production";
    const QByteArray unsignedAnswer =
        exchange(m_info.port, handshakeRequest(path), "}");
    QVERIFY2(unsignedAnswer.startsWith("HTTP/1.1 403 "), unsignedAnswer.constData());
    QVERIFY2(unsignedAnswer.contains("Missing Authentication Token"), unsignedAnswer.constData());

    Session client;
    Core::WebSocketConnectOptions o = options(QStringLiteral("signed"));
    o.auth = Core::WebSocketAuth::SigV4;
    o.region = QStringLiteral("us-east-1");
    o.credentials.accessKeyId = QStringLiteral("test");
    o.credentials.secretAccessKey = QStringLiteral("test");
    QVERIFY2(client.open(o), qPrintable(client.session->lastError().message));
    const QJsonObject event = client.ask({{QStringLiteral("action"), QStringLiteral("who")}});
    QCOMPARE(event.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("identity")).toObject()
                 .value(QStringLiteral("accessKey")).toString(),
             QStringLiteral("test"));
    client.session->close();
}

// The guarded API's $connect answers Sec-WebSocket-Protocol: chat.v1 when the client offered it;
// the signed API's $connect never sets the header, so no subprotocol is agreed there.
void TestWebSocketAuth::subprotocolOnlyWhenConnectSetsIt()
{
    Session qt;
    Core::WebSocketConnectOptions o = options(QStringLiteral("guarded"), QStringLiteral("token=letmein"));
    o.subprotocols = {QStringLiteral("chat.v2"), QStringLiteral("chat.v1")};
    QVERIFY(qt.open(o));
    QCOMPARE(qt.session->negotiatedSubprotocol(), QStringLiteral("chat.v1"));
    qt.session->close();

    Session none;
    o.subprotocols = {QStringLiteral("chat.v2")};
    QVERIFY(none.open(o));
    QCOMPARE(none.session->negotiatedSubprotocol(), QString());
    none.session->close();

    if (!m_python)
        QSKIP("python3-websockets missing: only the Qt client was checked");
    const QString guarded = url(QStringLiteral("guarded"), QStringLiteral("token=letmein"));
    QCOMPARE(pythonPeer({guarded, QStringLiteral("--protocol"), QStringLiteral("chat.v1")})
                 .value(QStringLiteral("subprotocol")).toString(),
             QStringLiteral("chat.v1"));
    const QJsonObject notSet = pythonPeer({guarded, QStringLiteral("--protocol"), QStringLiteral("chat.v2")});
    QCOMPARE(notSet.value(QStringLiteral("status")).toInt(), 101);
    QVERIFY(notSet.value(QStringLiteral("subprotocol")).isNull());
    const QJsonObject signedApi = pythonPeer({url(QStringLiteral("signed")), QStringLiteral("--presign"),
                                              QStringLiteral("test"), QStringLiteral("test"), QStringLiteral("us-east-1"),
                                              QStringLiteral("--protocol"), QStringLiteral("chat.v1")});
    QCOMPARE(signedApi.value(QStringLiteral("status")).toInt(), 101);
    QVERIFY(signedApi.value(QStringLiteral("subprotocol")).isNull());
}

// Authorizer and $connect accept, then QWebSocketServer refuses the handshake (version 99):
// the connection id $connect saw gets its $disconnect (1006), and nothing stays pending.
void TestWebSocketAuth::refusedHandshakeRunsDisconnect()
{
    const QByteArray path = "/_aws/execute-api/" + apiId(QStringLiteral("guarded")).toLatin1() + "/production?token=letmein";
    const QByteArray answer =
        exchange(m_info.port, handshakeRequest(path, "99", "User-Agent: refused-by-qt\r\n"), {});
    QVERIFY2(answer.startsWith("HTTP/1.1 4"), answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->webSocketApis()->handshakesPending(), 0, 5000);

    Session client;
    QVERIFY(client.open(options(QStringLiteral("guarded"), QStringLiteral("token=letmein"))));
    QString refusedId;
    QJsonObject disconnect;
    QElapsedTimer timer;
    timer.start();
    while (disconnect.isEmpty() && timer.elapsed() < 20000) {
        const QJsonObject seen = client.ask({{QStringLiteral("action"), QStringLiteral("seen")}});
        const QJsonObject connects = seen.value(QStringLiteral("connect")).toObject();
        for (auto it = connects.begin(); it != connects.end(); ++it) {
            const QJsonObject identity = it.value().toObject().value(QStringLiteral("requestContext")).toObject()
                                             .value(QStringLiteral("identity")).toObject();
            if (identity.value(QStringLiteral("userAgent")).toString() == QLatin1String("refused-by-qt"))
                refusedId = it.key();
        }
        disconnect = seen.value(QStringLiteral("disconnect")).toObject().value(refusedId).toObject();
        if (disconnect.isEmpty())
            QTest::qWait(200);
    }
    QVERIFY2(!refusedId.isEmpty(), "$connect never saw the handshake");
    QVERIFY2(!disconnect.isEmpty(), "no $disconnect for the refused handshake");
    QCOMPARE(disconnect.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("disconnectStatusCode")).toInt(),
             1006);
    client.session->close();
}

// The route's function sleeps 4 s; the integration timeout (2 s here, 29 s by default) answers
// API Gateway's error frame first.
void TestWebSocketAuth::integrationTimeout()
{
    Session client;
    QVERIFY(client.open(options(QStringLiteral("guarded"), QStringLiteral("token=letmein"))));
    QElapsedTimer timer;
    timer.start();
    const QJsonObject frame = client.ask({{QStringLiteral("action"), QStringLiteral("slow")}, {QStringLiteral("seconds"), 4}});
    const qint64 waited = timer.elapsed();
    QCOMPARE(frame.value(QStringLiteral("message")).toString(), QStringLiteral("Endpoint request timed out"));
    QVERIFY(!frame.value(QStringLiteral("connectionId")).toString().isEmpty());
    QVERIFY(!frame.value(QStringLiteral("requestId")).toString().isEmpty());
    QVERIFY2(waited >= 1900 && waited < 3900, qPrintable(QString::number(waited)));
    // The late answer is dropped, not sent after the error.
    QTest::qWait(2500);
    QCOMPARE(client.received.size(), 1);
    client.session->close();
}

void TestWebSocketAuth::templateErrors_data()
{
    QTest::addColumn<QByteArray>("resource");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const QByteArray route = "  Bad:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Api\n"
                             "      Target: !Sub integrations/${Integration}\n";
    const QByteArray authorizer = "  Bad:\n    Type: AWS::ApiGatewayV2::Authorizer\n    Properties:\n      ApiId: !Ref Api\n"
                                  "      Name: bad\n";
    QTest::newRow("authorization on a message route")
        << route + "      RouteKey: sendmessage\n      AuthorizationType: AWS_IAM\n"
        << QStringLiteral("Resources.Bad.Properties.AuthorizationType") << QStringLiteral("only the $connect route");
    QTest::newRow("unknown AuthorizationType")
        << route + "      RouteKey: $connect\n      AuthorizationType: JWT\n"
        << QStringLiteral("Resources.Bad.Properties.AuthorizationType") << QStringLiteral("NONE, AWS_IAM or CUSTOM");
    QTest::newRow("CUSTOM without AuthorizerId")
        << route + "      RouteKey: $connect\n      AuthorizationType: CUSTOM\n"
        << QStringLiteral("Resources.Bad.Properties.AuthorizationType") << QStringLiteral("needs AuthorizerId");
    QTest::newRow("AuthorizerId of no authorizer")
        << route + "      RouteKey: $connect\n      AuthorizationType: CUSTOM\n      AuthorizerId: !Ref Integration\n"
        << QStringLiteral("Resources.Bad.Properties.AuthorizerId") << QStringLiteral("must name an AWS::ApiGatewayV2::Authorizer");
    QTest::newRow("JWT authorizer")
        << authorizer + "      AuthorizerType: JWT\n      AuthorizerUri: !GetAtt Function.Arn\n"
        << QStringLiteral("Resources.Bad.Properties.AuthorizerType") << QStringLiteral("only REQUEST");
    QTest::newRow("identity source of the body")
        << authorizer + "      AuthorizerType: REQUEST\n      AuthorizerUri: !GetAtt Function.Arn\n"
                        "      IdentitySource: [route.request.body.token]\n"
        << QStringLiteral("Resources.Bad.Properties.IdentitySource[0]") << QStringLiteral("is not an identity source");
    QTest::newRow("authorizer function not in the lab")
        << authorizer + "      AuthorizerType: REQUEST\n"
                        "      AuthorizerUri: arn:aws:lambda:us-east-1:123456789012:function:elsewhere\n"
        << QStringLiteral("Resources.Bad.Properties.AuthorizerUri") << QStringLiteral("a function of this lab");
    QTest::newRow("simple responses are for HTTP APIs")
        << authorizer + "      AuthorizerType: REQUEST\n      AuthorizerUri: !GetAtt Function.Arn\n"
                        "      EnableSimpleResponses: true\n"
        << QStringLiteral("Resources.Bad.Properties.EnableSimpleResponses") << QStringLiteral("for HTTP API authorizers");
}

void TestWebSocketAuth::templateErrors()
{
    QFETCH(QByteArray, resource);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const LabDefinition lab = loadTemplate(QByteArray(kTemplateBase) + resource);
    QStringList all;
    bool found = false;
    for (const LabDiagnostic &d : lab.diagnostics) {
        all.append(d.toString());
        found = found || (d.severity == LabDiagnostic::Severity::Error && d.field == field && d.message.contains(message)
                          && d.line > 27);
    }
    QVERIFY2(found, qPrintable(all.join(QLatin1Char('\n'))));
}

// A Permission for API Gateway is expected (every AWS API with a Lambda integration needs one);
// one for another service still says it does nothing here.
void TestWebSocketAuth::permissionWarnsOnlyForOtherPrincipals()
{
    const QByteArray permission = "    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n"
                                  "      FunctionName: !Ref Function\n";
    const LabDefinition lab = loadTemplate(QByteArray(kTemplateBase) + "  ForApiGateway:\n" + permission
                                           + "      Principal: apigateway.amazonaws.com\n" + "  ForS3:\n" + permission
                                           + "      Principal: s3.amazonaws.com\n");
    QStringList all;
    for (const LabDiagnostic &d : lab.diagnostics)
        all.append(d.toString());
    QVERIFY2(lab.diagnostics.size() == 1, qPrintable(all.join(QLatin1Char('\n'))));
    QCOMPARE(lab.diagnostics.first().severity, LabDiagnostic::Severity::Warning);
    QCOMPARE(lab.diagnostics.first().field, QStringLiteral("Resources.ForS3.Type"));
}

QTEST_GUILESS_MAIN(TestWebSocketAuth)
#include "tst_websocketauth.moc"
