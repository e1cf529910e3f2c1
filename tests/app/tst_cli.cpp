// The gatehouse executable as a user runs it from a terminal or a script: real processes,
// real exit codes, the emulator reached over loopback.
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run gatehouse(const QStringList &arguments, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(GATEHOUSE_EXECUTABLE), arguments);
    QSignalSpy finished(&process, &QProcess::finished);
    Run run;
    if (!finished.wait(30000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void version();
    void help();
    void unknownCommand();
    void noDisplaySaysSo();
    void emulatorPrintsEndpoints();
    void requestExitCodes_data();
    void requestExitCodes();
    void requestWithEnvironmentAndBody();
    void emulatorRefusesBrokenLab();
    void emulatorRefusesBadPort();
    void emulatorStopsOnSignal_data();
    void emulatorStopsOnSignal();

private:
    QProcess m_emulator;
    QByteArray m_banner;
    QString m_snackUrl;
    QString m_baseUrl;
};

void tst_Cli::initTestCase()
{
    m_emulator.start(QStringLiteral(GATEHOUSE_EXECUTABLE),
                     {QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--lab"), QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery")});
    QVERIFY(m_emulator.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT((m_banner += m_emulator.readAllStandardOutput()).contains("Ctrl+C"), 20000);
    const QRegularExpressionMatch url =
        QRegularExpression(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+/_aws/execute-api/[a-z0-9]{10}/snack)"))
            .match(QString::fromUtf8(m_banner));
    QVERIFY2(url.hasMatch(), m_banner.constData());
    m_snackUrl = url.captured(1);
    m_baseUrl = m_snackUrl.left(m_snackUrl.indexOf(QStringLiteral("/_aws")));
}

void tst_Cli::cleanupTestCase()
{
    m_emulator.terminate();
    m_emulator.waitForFinished(10000);
}

void tst_Cli::version()
{
    const Run r = gatehouse({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QByteArray("gatehouse " GATEHOUSE_VERSION));
}

void tst_Cli::help()
{
    const Run r = gatehouse({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("gatehouse emulator"));
    QVERIFY(r.out.contains("gatehouse request"));
    QVERIFY(r.out.contains("/_aws/execute-api/<apiId>/<path>"));
}

void tst_Cli::unknownCommand()
{
    const Run r = gatehouse({QStringLiteral("bake")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("unknown command 'bake'"));
}

void tst_Cli::noDisplaySaysSo()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    const Run r = gatehouse({}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no display"), r.err.constData());
}

void tst_Cli::emulatorPrintsEndpoints()
{
    QVERIFY(m_banner.contains("GET /snack"));
    QVERIFY(m_banner.contains("bakeryFunction"));
    QVERIFY(m_banner.contains(".execute-api.localhost:"));
}

void tst_Cli::requestExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("200 from the bakery") << QStringList{QStringLiteral("GET"), QStringLiteral("{snack}")} << 0 << QByteArray("HTTP/1.1 200 OK");
    QTest::newRow("404 is an HTTP error") << QStringList{QStringLiteral("GET"), QStringLiteral("{base}/_aws/execute-api/nothing00/x")} << 4 << QByteArray("404");
    QTest::newRow("refused is a transport error") << QStringList{QStringLiteral("GET"), QStringLiteral("http://127.0.0.1:1/")} << 3 << QByteArray("refused");
    QTest::newRow("no scheme is bad input") << QStringList{QStringLiteral("GET"), QStringLiteral("127.0.0.1/")} << 2 << QByteArray("scheme");
    QTest::newRow("unresolved variable is named") << QStringList{QStringLiteral("GET"), QStringLiteral("{{host}}/x")} << 2 << QByteArray("{{host}}");
    QTest::newRow("missing URL") << QStringList{QStringLiteral("GET")} << 2 << QByteArray("METHOD and a URL");
}

void tst_Cli::requestExitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    arguments.replaceInStrings(QStringLiteral("{snack}"), m_snackUrl);
    arguments.replaceInStrings(QStringLiteral("{base}"), m_baseUrl);
    const Run r = gatehouse(QStringList{QStringLiteral("request")} + arguments);
    QCOMPARE(r.exitCode, exitCode);
    const QByteArray output = r.out + r.err;
    QVERIFY2(output.contains(expected), output.constData());
}

void tst_Cli::requestWithEnvironmentAndBody()
{
    QTemporaryDir dir;
    QFile env(dir.filePath(QStringLiteral("local.json")));
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write(QStringLiteral(R"({"name":"local","values":[{"key":"base","value":"%1","enabled":true}]})")
                  .arg(m_baseUrl).toUtf8());
    env.close();
    QFile body(dir.filePath(QStringLiteral("body.json")));
    QVERIFY(body.open(QIODevice::WriteOnly));
    body.write(R"({"order":"rye"})");
    body.close();
    const Run r = gatehouse({QStringLiteral("request"), QStringLiteral("POST"),
                             QStringLiteral("{{base}}/"), QStringLiteral("-H"),
                             QStringLiteral("X-Trace: 1"), QStringLiteral("-d"),
                             QLatin1Char('@') + body.fileName(), QStringLiteral("--env"),
                             env.fileName()});
    // The emulator's index answers any method on "/" with its description.
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("gatehouse-emulator"), r.out.constData());
    const Run broken = gatehouse({QStringLiteral("request"), QStringLiteral("GET"),
                                  QStringLiteral("{{base}}/"), QStringLiteral("--env"),
                                  body.fileName() + QStringLiteral(".missing")});
    QCOMPARE(broken.exitCode, 2);
}

void tst_Cli::emulatorRefusesBrokenLab()
{
    QTemporaryDir dir;
    QFile yaml(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.h\n      Runtime: python9\n      CodeUri: .\n");
    yaml.close();
    const Run r = gatehouse({QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--lab"), dir.path()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("template.yaml:6"), r.err.constData());
    QVERIFY2(r.err.contains("Runtime"), r.err.constData());
}

void tst_Cli::emulatorRefusesBadPort()
{
    const Run r = gatehouse({QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("http")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--port"));
}

void tst_Cli::emulatorStopsOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void tst_Cli::emulatorStopsOnSignal()
{
    QFETCH(int, signalNumber);
    QProcess emulator;
    emulator.start(QStringLiteral(GATEHOUSE_EXECUTABLE),
                   {QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("0")});
    QByteArray banner;
    QTRY_VERIFY_WITH_TIMEOUT((banner += emulator.readAllStandardOutput()).contains("Ctrl+C"), 20000);
    ::kill(static_cast<pid_t>(emulator.processId()), signalNumber);
    QSignalSpy finished(&emulator, &QProcess::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(emulator.exitStatus(), QProcess::NormalExit);
    QCOMPARE(emulator.exitCode(), 0);
    QVERIFY(emulator.readAllStandardOutput().contains("Emulator stopped."));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
