// gatehouse connections post / get / delete against the emulator's websocket-chat lab: a
// QWebSocket client receives what post sends, get shows its ConnectedAt and Identity, delete
// closes it and a later post says the connection is gone with exit code 4; the AWS CLI's
// apigatewaymanagementapi makes the same calls with the same results (an independent check of
// our SigV4 path), wrong keys get advice instead of a bare 403, and bad arguments exit 2.
// list: the emulator's own listing shows clients of Qt and of Debian's python3-websockets with
// their ids, times and user agents, forgets them once closed, refuses unsigned and wrongly
// signed calls with 403, and against AWS says in words that AWS cannot list connections.
#include "../common/awscli.h"
#include "../common/gatehouseprocess.h"

#include "core/emulator/emulator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
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
    void listShowsOpenConnections();
    void listIsSigned();
    void listOnAwsInWords();
    void listNamesThePrincipal();

private:
    QString stageUrl() const;
    QString apiId() const;
    // Keys from the environment only: nothing from the person's ~/.aws reaches the test.
    QProcessEnvironment env(const QString &secret = ChatSecret) const;
    // The Connections array `gatehouse connections list` printed, empty (with a failure) if none.
    QJsonArray listed();
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

QJsonArray TestConnectionsCli::listed()
{
    const auto run = runGatehouse({QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--api"),
                                   stageUrl()},
                                  {}, env());
    if (run.exitCode != 0) {
        qWarning("list failed: %s", run.err.constData());
        return {};
    }
    const QJsonObject doc = QJsonDocument::fromJson(run.out).object();
    if (doc.value(QStringLiteral("ApiId")).toString() != apiId()
        || doc.value(QStringLiteral("Stage")).toString() != QLatin1String("production"))
        qWarning("list printed: %s", run.out.constData());
    return doc.value(QStringLiteral("Connections")).toArray();
}

static QJsonObject entryWithAgent(const QJsonArray &entries, const QString &agent)
{
    for (const QJsonValue &e : entries) {
        if (e.toObject().value(QStringLiteral("Identity")).toObject().value(QStringLiteral("UserAgent")).toString()
            == agent)
            return e.toObject();
    }
    return {};
}

void TestConnectionsCli::listShowsOpenConnections()
{
    // A QWebSocket client whose id the lab's echo route tells us ...
    Client qt;
    QVERIFY(qt.open(stageUrl() + QStringLiteral("?name=dee")));
    const QString qtId = qt.connectionId();
    QVERIFY(!qtId.isEmpty());
    // ... and one of Debian's python3-websockets, an implementation we did not write.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/app/ws_holder.py"),
                  stageUrl() + QStringLiteral("?name=eve"), QStringLiteral("python-holder/1")});
    QVERIFY(python.waitForStarted(5000));
    QByteArray pythonOut;
    QTRY_VERIFY_WITH_TIMEOUT((pythonOut += python.readAllStandardOutput()).contains("open")
                                 || python.state() != QProcess::Running,
                             20000);
    QVERIFY2(python.state() == QProcess::Running, python.readAllStandardError().constData());

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QJsonArray entries = listed();
    const QJsonObject mine = entryWithAgent(entries, QStringLiteral("tst_connectionscli"));
    const QJsonObject theirs = entryWithAgent(entries, QStringLiteral("python-holder/1"));
    QVERIFY2(!mine.isEmpty() && !theirs.isEmpty(), QJsonDocument(entries).toJson().constData());
    QCOMPARE(mine.value(QStringLiteral("ConnectionId")).toString(), qtId);
    // The python client's id is one the @connections API knows: get describes the same client.
    const QString pythonId = theirs.value(QStringLiteral("ConnectionId")).toString();
    QVERIFY(!pythonId.isEmpty() && pythonId != qtId);
    const auto got = runGatehouse(connections(QStringLiteral("get"), pythonId), {}, env());
    QVERIFY2(got.exitCode == 0, got.err.constData());
    QCOMPARE(QJsonDocument::fromJson(got.out).object().value(QStringLiteral("Identity")),
             theirs.value(QStringLiteral("Identity")));
    for (const QJsonObject &e : {mine, theirs}) {
        const QDateTime connectedAt =
            QDateTime::fromString(e.value(QStringLiteral("ConnectedAt")).toString(), Qt::ISODateWithMs);
        const QDateTime lastActiveAt =
            QDateTime::fromString(e.value(QStringLiteral("LastActiveAt")).toString(), Qt::ISODateWithMs);
        QVERIFY(connectedAt.isValid() && lastActiveAt.isValid());
        QVERIFY(connectedAt.toMSecsSinceEpoch() <= before && connectedAt <= lastActiveAt);
        QCOMPARE(e.value(QStringLiteral("Identity")).toObject().value(QStringLiteral("SourceIp")).toString(),
                 QStringLiteral("127.0.0.1"));
    }
    // The Qt client spoke after connecting (connectevent), so it was active after it connected.
    QVERIFY(QDateTime::fromString(mine.value(QStringLiteral("LastActiveAt")).toString(), Qt::ISODateWithMs)
            > QDateTime::fromString(mine.value(QStringLiteral("ConnectedAt")).toString(), Qt::ISODateWithMs));

    // Closed by the clients themselves: both leave the list.
    // (The emulator runs in this process: wait with the event loop turning, not waitForFinished.)
    python.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 15000);
    QVERIFY2(python.readAllStandardOutput().contains("closed 1000"), python.readAllStandardError().constData());
    QSignalSpy closed(qt.socket.get(), &QWebSocket::disconnected);
    qt.socket->close();
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
    QJsonArray after;
    QTRY_VERIFY_WITH_TIMEOUT((after = listed(),
                              entryWithAgent(after, QStringLiteral("tst_connectionscli")).isEmpty()
                                  && entryWithAgent(after, QStringLiteral("python-holder/1")).isEmpty()),
                             10000);
}

void TestConnectionsCli::listIsSigned()
{
    Client client;
    QVERIFY(client.open(stageUrl() + QStringLiteral("?name=fay")));
    const QUrl listing(QStringLiteral("http://127.0.0.1:%1/_aws/emulator/websocket/%2/connections")
                           .arg(m_info.port)
                           .arg(apiId()));
    // Unsigned: refused as @connections refuses it, and no connection id leaks.
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(listing));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    QCOMPARE(reply->rawHeader("x-amzn-ErrorType"), QByteArray("MissingAuthenticationTokenException"));
    QVERIFY(!reply->readAll().contains("connectionId"));
    reply->deleteLater();

    // Signed with a secret the emulator does not know: 403 with advice, the secret not echoed.
    const QString wrongSecret = QStringLiteral("notTheLabSecret000000000000000000000000y");
    const auto refused = runGatehouse({QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--api"),
                                       stageUrl()},
                                      {}, env(wrongSecret));
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains("HTTP 403"), refused.err.constData());
    QVERIFY(!refused.out.contains("ConnectionId"));
    QVERIFY(!refused.err.contains(wrongSecret.toUtf8()));

    // An API the lab does not have: 404 naming it.
    const auto unknown = runGatehouse({QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--api"),
                                       QStringLiteral("http://127.0.0.1:%1/_aws/execute-api/nosuchapi0/production")
                                           .arg(m_info.port)},
                                      {}, env());
    QVERIFY(unknown.exitCode != 0);
    QVERIFY2(unknown.err.contains("nosuchapi0"), unknown.err.constData());
}

void TestConnectionsCli::listOnAwsInWords()
{
    const auto aws = runGatehouse({QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--api"),
                                   QStringLiteral("wss://abc123defg.execute-api.eu-west-1.amazonaws.com/production")},
                                  {}, env());
    QCOMPARE(aws.exitCode, 1);
    QVERIFY2(aws.err.contains("AWS has no API that lists") && aws.err.contains("$connect"), aws.err.constData());
    const auto withId = runGatehouse({QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("x="),
                                      QStringLiteral("--api"), stageUrl()},
                                     {}, env());
    QCOMPARE(withId.exitCode, 2);
    QVERIFY2(withId.err.contains("no connection id"), withId.err.constData());
}

void TestConnectionsCli::listNamesThePrincipal()
{
    // The websocket-auth lab's Lambda REQUEST authorizer answers principalId "user-42" for the
    // token letmein; the lab declares no keys, so test/test signs.
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/websocket-auth");
    Emulator::Emulator auth(options);
    const Core::Result<Core::EmulatorInfo> started = auth.start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    QString guarded;
    for (const Core::EmulatorApiInfo &api : started->apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == QLatin1String("guarded"))
            guarded = api.pathStyleUrl;
    }
    QVERIFY(!guarded.isEmpty());
    Client client;
    QVERIFY(client.open(guarded + QStringLiteral("?token=letmein")));
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
    e.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
    const auto run = runGatehouse({QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--api"), guarded},
                                  {}, e);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray entries = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("Connections")).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().toObject().value(QStringLiteral("Principal")).toString(), QStringLiteral("user-42"));
    client.socket->close();
}

QTEST_MAIN(TestConnectionsCli)
#include "tst_connectionscli.moc"
