// gatehouse connections post / get / delete against the emulator's websocket-chat lab: a
// QWebSocket client receives what post sends, get shows its ConnectedAt and Identity, delete
// closes it and a later post says the connection is gone with exit code 4; the AWS CLI's
// apigatewaymanagementapi makes the same calls with the same results (an independent check of
// our SigV4 path), wrong keys get advice instead of a bare 403, and bad arguments exit 2.
#include "../common/awscli.h"
#include "../common/gatehouseprocess.h"

#include "core/emulator/emulator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Gatehouse;
using GatehouseTest::runGatehouse;

namespace {

// The lab's management keys (tests/data/labs/websocket-chat/template.yaml).
const QString ChatKeyId = QStringLiteral("AKIACHATLAB000000001");
const QString ChatSecret = QStringLiteral("chatLabSecretKey0000000000000000000000001");

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
        request.setRawHeader("User-Agent", "tst_connectionscli");
        socket->open(request);
        return connected.wait(15000) || !connected.isEmpty();
    }
    // The connection id the lab's echo route reports from the event's requestContext.
    QString connectionId()
    {
        const qsizetype before = received.size();
        socket->sendTextMessage(QStringLiteral("{\"action\":\"connectevent\"}"));
        QElapsedTimer timer;
        timer.start();
        while (received.size() <= before && timer.elapsed() < 20000)
            QTest::qWait(20);
        if (received.size() <= before)
            return {};
        return QJsonDocument::fromJson(received.at(before).toUtf8())
            .object()
            .value(QStringLiteral("requestContext"))
            .toObject()
            .value(QStringLiteral("connectionId"))
            .toString();
    }
};

} // namespace

class TestConnectionsCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void postGetDeleteGone();
    void awsCliAgrees();
    void wrongKeysGetAdvice();
    void argumentsInWords();

private:
    QString stageUrl() const;
    QString apiId() const;
    // Keys from the environment only: nothing from the person's ~/.aws reaches the test.
    QProcessEnvironment env(const QString &secret = ChatSecret) const;
    QStringList connections(const QString &action, const QString &id) const
    {
        return {QStringLiteral("connections"), action, id, QStringLiteral("--api"), stageUrl()};
    }

    std::unique_ptr<Emulator::Emulator> m_emulator;
    Core::EmulatorInfo m_info;
    QTemporaryDir m_home;
};

void TestConnectionsCli::initTestCase()
{
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/websocket-chat");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const Core::Result<Core::EmulatorInfo> started = m_emulator->start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    m_info = *started;
    QVERIFY(!apiId().isEmpty());
}

void TestConnectionsCli::cleanupTestCase()
{
    m_emulator.reset();
}

QString TestConnectionsCli::apiId() const
{
    for (const Core::EmulatorApiInfo &api : m_info.apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == QLatin1String("chat"))
            return api.apiId;
    }
    return {};
}

QString TestConnectionsCli::stageUrl() const
{
    for (const Core::EmulatorApiInfo &api : m_info.apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == QLatin1String("chat"))
            return api.pathStyleUrl;
    }
    return {};
}

QProcessEnvironment TestConnectionsCli::env(const QString &secret) const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("HOME"), m_home.path());
    e.insert(QStringLiteral("AWS_CONFIG_FILE"), m_home.filePath(QStringLiteral("none-config")));
    e.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_home.filePath(QStringLiteral("none-credentials")));
    e.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), ChatKeyId);
    e.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
    e.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
    e.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    e.remove(QStringLiteral("AWS_PROFILE"));
    e.remove(QStringLiteral("AWS_SESSION_TOKEN"));
    return e;
}

void TestConnectionsCli::postGetDeleteGone()
{
    Client client;
    QVERIFY(client.open(stageUrl() + QStringLiteral("?name=ann")));
    const QString id = client.connectionId();
    QVERIFY(!id.isEmpty());

    // post: --data, then the message from standard input.
    qsizetype before = client.received.size();
    const auto posted = runGatehouse(connections(QStringLiteral("post"), id) << QStringLiteral("--data")
                                                                              << QStringLiteral("hello from the CLI"),
                                     {}, env());
    QVERIFY2(posted.exitCode == 0, posted.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(client.received.size() > before, 10000);
    QCOMPARE(client.received.at(before), QStringLiteral("hello from the CLI"));
    before = client.received.size();
    const auto piped = runGatehouse(connections(QStringLiteral("post"), id), "from stdin \xC3\xA4", env());
    QVERIFY2(piped.exitCode == 0, piped.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(client.received.size() > before, 10000);
    QCOMPARE(client.received.at(before), QStringLiteral("from stdin \u00e4"));

    // get: the connection as JSON, by id and stage with the management base as --endpoint-url.
    const auto got = runGatehouse({QStringLiteral("connections"), QStringLiteral("get"), id, QStringLiteral("--api"),
                                   apiId(), QStringLiteral("--stage"), QStringLiteral("production"),
                                   QStringLiteral("--endpoint-url"),
                                   QStringLiteral("http://127.0.0.1:%1/_aws/execute-api/%2/production")
                                       .arg(m_info.port)
                                       .arg(apiId())},
                                  {}, env());
    QVERIFY2(got.exitCode == 0, got.err.constData());
    const QJsonObject info = QJsonDocument::fromJson(got.out).object();
    QVERIFY2(QDateTime::fromString(info.value(QStringLiteral("ConnectedAt")).toString(), Qt::ISODate).isValid(),
             got.out.constData());
    QCOMPARE(info.value(QStringLiteral("Identity")).toObject().value(QStringLiteral("SourceIp")).toString(),
             QStringLiteral("127.0.0.1"));
    QCOMPARE(info.value(QStringLiteral("Identity")).toObject().value(QStringLiteral("UserAgent")).toString(),
             QStringLiteral("tst_connectionscli"));

    // delete closes the client's socket; a later post is told the connection is gone.
    QSignalSpy closed(client.socket.get(), &QWebSocket::disconnected);
    const auto deleted = runGatehouse(connections(QStringLiteral("delete"), id), {}, env());
    QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
    const auto gone = runGatehouse(connections(QStringLiteral("post"), id) << QStringLiteral("--data")
                                                                            << QStringLiteral("late"),
                                   {}, env());
    QCOMPARE(gone.exitCode, 4);
    QVERIFY2(gone.err.contains(QByteArray("connection " + id.toUtf8() + " is gone (closed)")), gone.err.constData());
}

void TestConnectionsCli::awsCliAgrees()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const QString endpoint =
        QStringLiteral("http://127.0.0.1:%1/_aws/execute-api/%2/production").arg(m_info.port).arg(apiId());
    GatehouseTest::AwsCli cli(endpoint, {ChatKeyId, ChatSecret, {}});
    Client client;
    QVERIFY(client.open(stageUrl() + QStringLiteral("?name=bo")));
    const QString id = client.connectionId();
    QVERIFY(!id.isEmpty());

    qsizetype before = client.received.size();
    const auto ours = runGatehouse(connections(QStringLiteral("post"), id) << QStringLiteral("--data")
                                                                            << QStringLiteral("same"),
                                   {}, env());
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(client.received.size() > before, 10000);
    before = client.received.size();
    const auto theirs = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("post-to-connection"),
                                 QStringLiteral("--connection-id"), id, QStringLiteral("--data"), QStringLiteral("same"),
                                 QStringLiteral("--cli-binary-format"), QStringLiteral("raw-in-base64-out")});
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(client.received.size() > before, 10000);
    QCOMPARE(client.received.at(before), client.received.at(before - 1));

    const auto ourGet = runGatehouse(connections(QStringLiteral("get"), id), {}, env());
    const auto theirGet = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("get-connection"),
                                   QStringLiteral("--connection-id"), id});
    QVERIFY2(ourGet.exitCode == 0, ourGet.err.constData());
    QVERIFY2(theirGet.exitCode == 0, theirGet.err.constData());
    const QJsonObject mine = QJsonDocument::fromJson(ourGet.out).object();
    const QJsonObject cli2 = theirGet.json();
    QCOMPARE(mine.value(QStringLiteral("Identity")), cli2.value(QStringLiteral("Identity")));
    const QDateTime ourConnectedAt =
        QDateTime::fromString(mine.value(QStringLiteral("ConnectedAt")).toString(), Qt::ISODateWithMs);
    const QDateTime theirConnectedAt =
        QDateTime::fromString(cli2.value(QStringLiteral("ConnectedAt")).toString(), Qt::ISODateWithMs);
    QVERIFY2(ourConnectedAt.isValid() && theirConnectedAt.isValid(), theirGet.out.constData());
    QVERIFY(qAbs(ourConnectedAt.msecsTo(theirConnectedAt)) < 1000);

    QSignalSpy closed(client.socket.get(), &QWebSocket::disconnected);
    const auto theirDelete = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("delete-connection"),
                                      QStringLiteral("--connection-id"), id});
    QVERIFY2(theirDelete.exitCode == 0, theirDelete.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
    // Both now see it gone: the CLI as GoneException, ours in words.
    const auto ourDelete = runGatehouse(connections(QStringLiteral("delete"), id), {}, env());
    QCOMPARE(ourDelete.exitCode, 4);
    QVERIFY2(ourDelete.err.contains("is gone (closed)"), ourDelete.err.constData());
    const auto theirGone = cli.run({QStringLiteral("apigatewaymanagementapi"), QStringLiteral("get-connection"),
                                    QStringLiteral("--connection-id"), id});
    QVERIFY(theirGone.exitCode != 0);
    QVERIFY2(theirGone.err.contains("GoneException"), theirGone.err.constData());
    const auto ourGone = runGatehouse(connections(QStringLiteral("get"), id), {}, env());
    QCOMPARE(ourGone.exitCode, 4);
}

void TestConnectionsCli::wrongKeysGetAdvice()
{
    Client client;
    QVERIFY(client.open(stageUrl() + QStringLiteral("?name=cy")));
    const QString id = client.connectionId();
    QVERIFY(!id.isEmpty());
    const QString wrongSecret = QStringLiteral("notTheLabSecret000000000000000000000000x");
    const auto refused = runGatehouse(connections(QStringLiteral("get"), id), {}, env(wrongSecret));
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains("HTTP 403") && refused.err.contains("credentials"), refused.err.constData());
    QVERIFY(!refused.err.contains(wrongSecret.toUtf8()));
    QVERIFY(!refused.out.contains(wrongSecret.toUtf8()));
}

void TestConnectionsCli::argumentsInWords()
{
    const auto noStage = runGatehouse({QStringLiteral("connections"), QStringLiteral("get"), QStringLiteral("abc="),
                                       QStringLiteral("--api"), QStringLiteral("a1b2c3")},
                                      {}, env());
    QCOMPARE(noStage.exitCode, 2);
    QVERIFY2(noStage.err.contains("--stage"), noStage.err.constData());
    const auto noId = runGatehouse({QStringLiteral("connections"), QStringLiteral("post"), QStringLiteral("--api"),
                                    stageUrl()},
                                   {}, env());
    QCOMPARE(noId.exitCode, 2);
    QVERIFY2(noId.err.contains("connection id"), noId.err.constData());
    const auto badAction = runGatehouse({QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("x"),
                                         QStringLiteral("--api"), stageUrl()},
                                        {}, env());
    QCOMPARE(badAction.exitCode, 2);
    const auto notApi = runGatehouse({QStringLiteral("connections"), QStringLiteral("get"), QStringLiteral("x"),
                                      QStringLiteral("--api"), QStringLiteral("https://example.com/prod")},
                                     {}, env());
    QCOMPARE(notApi.exitCode, 2);
    QVERIFY2(notApi.err.contains("execute-api"), notApi.err.constData());
    const auto dataOnGet = runGatehouse(connections(QStringLiteral("get"), QStringLiteral("x"))
                                            << QStringLiteral("--data") << QStringLiteral("y"),
                                        {}, env());
    QCOMPARE(dataOnGet.exitCode, 2);
}

QTEST_MAIN(TestConnectionsCli)
#include "tst_connectionscli.moc"
