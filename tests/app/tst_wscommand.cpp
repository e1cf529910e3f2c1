// gatehouse ws scripted against Debian's python3-websockets server (tests/core/wstestserver.py):
// -x and stdin messages, --wait, one JSON line per received frame, exit codes and errors in words.
#include "../common/gatehouseprocess.h"
#include "../core/wstestserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QTest>

using GatehouseTest::runGatehouse;

namespace {

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

} // namespace

class tst_WsCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<WsTestServer>();
        if (!m_server->isRunning())
            QFAIL(
                "python3-websockets test server did not start (is python3-websockets installed?)");
    }
    void cleanupTestCase() { m_server.reset(); }

    void executeAndStdinMessagesComeBackAsJsonLines()
    {
        const auto run =
            runGatehouse({QStringLiteral("ws"), m_server->url(QStringLiteral("/echo")),
                          QStringLiteral("-x"), QStringLiteral("first"), QStringLiteral("-x"),
                          QStringLiteral("{\"action\":\"sendmessage\"}"), QStringLiteral("--wait"),
                          QStringLiteral("0.5")},
                         "from stdin\nlast line without newline");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QJsonObject> lines = jsonLines(run.out);
        QCOMPARE(lines.size(), 4);
        const QStringList expected = {
            QStringLiteral("first"), QStringLiteral("{\"action\":\"sendmessage\"}"),
            QStringLiteral("from stdin"), QStringLiteral("last line without newline")};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(lines.at(i).value(QStringLiteral("direction")).toString(),
                     QStringLiteral("received"));
            QCOMPARE(lines.at(i).value(QStringLiteral("opcode")).toString(),
                     QStringLiteral("text"));
            QCOMPARE(lines.at(i).value(QStringLiteral("data")).toString(), expected.at(i));
            QCOMPARE(lines.at(i).value(QStringLiteral("size")).toInt(),
                     int(expected.at(i).toUtf8().size()));
            QVERIFY(
                lines.at(i).value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')));
        }
    }

    void headersAndSubprotocolReachTheServer()
    {
        const auto run = runGatehouse(
            {QStringLiteral("ws"), m_server->url(QStringLiteral("/headers")), QStringLiteral("-H"),
             QStringLiteral("X-Api-Key: k1"), QStringLiteral("--subprotocol"),
             QStringLiteral("chat.v1"), QStringLiteral("--wait"), QStringLiteral("0.5"),
             QStringLiteral("-x"), QStringLiteral("ignored")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QJsonObject> lines = jsonLines(run.out);
        QVERIFY(!lines.isEmpty());
        const QJsonObject seen =
            QJsonDocument::fromJson(lines.at(0).value(QStringLiteral("data")).toString().toUtf8())
                .object();
        QCOMPARE(seen.value(QStringLiteral("subprotocol")).toString(), QStringLiteral("chat.v1"));
        QCOMPARE(seen.value(QStringLiteral("headers"))
                     .toObject()
                     .value(QStringLiteral("x-api-key"))
                     .toString(),
                 QStringLiteral("k1"));
    }

    void sigV4SignsWithTheNamedProfile()
    {
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("config")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-3\n");
        config.close();
        QFile credentials(dir.filePath(QStringLiteral("credentials")));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[default]\naws_access_key_id = AKIDDEFAULTEXAMPLE\naws_secret_access_key = s1\n"
                          "[dev]\naws_access_key_id = AKIDDEVEXAMPLE\naws_secret_access_key = s2\n");
        credentials.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
                                 "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), config.fileName());
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentials.fileName());
        const auto run = runGatehouse({QStringLiteral("ws"), m_server->url(QStringLiteral("/headers")),
                                       QStringLiteral("--sigv4"), QStringLiteral("--profile"),
                                       QStringLiteral("dev"), QStringLiteral("--region"),
                                       QStringLiteral("eu-west-3"), QStringLiteral("--wait"),
                                       QStringLiteral("0.5")},
                                      {}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QJsonObject> lines = jsonLines(run.out);
        QVERIFY(!lines.isEmpty());
        const QString path =
            QJsonDocument::fromJson(lines.at(0).value(QStringLiteral("data")).toString().toUtf8())
                .object()
                .value(QStringLiteral("path"))
                .toString();
        const QString credential = QUrlQuery(QUrl(path).query())
                                       .queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded);
        QVERIFY2(credential.startsWith(QStringLiteral("AKIDDEVEXAMPLE/")) &&
                     credential.endsWith(QStringLiteral("/eu-west-3/execute-api/aws4_request")),
                 qPrintable(path));
    }

    void failuresExitWithCodesAndWords_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a ws URL") << QStringList{QStringLiteral("http://127.0.0.1/")} << 2
                                      << QStringLiteral("must start with ws:// or wss://");
        QTest::newRow("no URL") << QStringList{} << 2 << QStringLiteral("give one URL");
        QTest::newRow("bad header") << QStringList{QStringLiteral("ws://127.0.0.1/"),
                                                   QStringLiteral("-H"), QStringLiteral("nocolon")}
                                    << 2 << QStringLiteral("-H takes 'Name: value'");
        QTest::newRow("bad wait") << QStringList{QStringLiteral("ws://127.0.0.1/"),
                                                 QStringLiteral("--wait"), QStringLiteral("soon")}
                                  << 2 << QStringLiteral("--wait takes seconds");
        QTest::newRow("refused handshake")
            << QStringList{m_server->url(QStringLiteral("/reject"))} << 4
            << QStringLiteral("refused the WebSocket handshake with HTTP 403 Forbidden");
        QTest::newRow("peer drops mid-frame")
            << QStringList{m_server->url(QStringLiteral("/halfframe"))} << 3
            << QStringLiteral("the connection dropped");
        QTest::newRow("invalid UTF-8") << QStringList{m_server->url(QStringLiteral("/badutf8"))}
                                       << 3 << QStringLiteral("1007 invalid payload data");
    }
    void failuresExitWithCodesAndWords()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const auto run = runGatehouse(QStringList{QStringLiteral("ws")} + arguments);
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    }

    void silentServerTimesOut()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const auto run = runGatehouse(
            {QStringLiteral("ws"), QStringLiteral("ws://127.0.0.1:%1/").arg(silent.serverPort()),
             QStringLiteral("--timeout"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 3, run.err.constData());
        QVERIFY2(run.err.contains("did not answer the WebSocket handshake within 1 s"),
                 run.err.constData());
    }

private:
    std::unique_ptr<WsTestServer> m_server;
};

QTEST_GUILESS_MAIN(tst_WsCommand)
#include "tst_wscommand.moc"
