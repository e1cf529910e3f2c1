#include "core/emulator/emulator.h"
#include "../common/awscli.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

const QString Function = QStringLiteral("bakeryFunction");

Run runProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    Run result;
    if (!finished.wait(60000))
        return result;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

// The bakery lab's versions and alias (AWS::Lambda::Version / AWS::Lambda::Alias in its
// template) are live when the emulator starts, as the real AWS CLI v2 sees them.
class TestLabVersions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void versionsListed();
    void liveAliasListed();
    void invokeByQualifier_data();
    void invokeByQualifier();
    void liveRunsOneOfItsVersions();
    void httpRouteRunsLatest();
    void unchangedVersionRefused();

private:
    Run aws(const QStringList &arguments);
    QJsonObject invoke(const QString &qualifier, QString *executedVersion);

    QTemporaryDir m_dir;
    std::unique_ptr<Emulator::Emulator> m_emulator;
    std::unique_ptr<GatehouseTest::AwsCli> m_cli;
};

void TestLabVersions::initTestCase()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    QVERIFY(m_dir.isValid());
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    m_cli = std::make_unique<GatehouseTest::AwsCli>(m_emulator->info().baseUrl);
}

void TestLabVersions::cleanupTestCase()
{
    m_cli.reset();
    m_emulator.reset();
}

Run TestLabVersions::aws(const QStringList &arguments)
{
    const GatehouseTest::AwsCli::Run r = m_cli->run(QStringList{QStringLiteral("lambda")} + arguments);
    return Run{r.exitCode, r.out, r.err};
}

void TestLabVersions::versionsListed()
{
    const Run run = aws({QStringLiteral("list-versions-by-function"), QStringLiteral("--function-name"), Function});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray versions = run.json().value(QStringLiteral("Versions")).toArray();
    QCOMPARE(versions.size(), 3);
    QStringList seen;
    for (const QJsonValue &v : versions)
        seen.append(v[QStringLiteral("Version")].toString() + QLatin1Char('=') + v[QStringLiteral("Description")].toString());
    QCOMPARE(seen, (QStringList{QStringLiteral("$LATEST=Suggests a random snack from the bakery counter"),
                                QStringLiteral("1=Snack picker"),
                                QStringLiteral("2=Snack picker with a special of the day")}));
    const QString latestSha = versions.at(0)[QStringLiteral("CodeSha256")].toString();
    QVERIFY(!latestSha.isEmpty());
    QVERIFY(versions.at(1)[QStringLiteral("CodeSha256")].toString() != latestSha);
    QCOMPARE(versions.at(2)[QStringLiteral("CodeSha256")].toString(), latestSha);
    QCOMPARE(versions.at(1)[QStringLiteral("FunctionArn")].toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:bakeryFunction:1"));
}

void TestLabVersions::liveAliasListed()
{
    const Run run = aws({QStringLiteral("list-aliases"), QStringLiteral("--function-name"), Function});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray aliases = run.json().value(QStringLiteral("Aliases")).toArray();
    QCOMPARE(aliases.size(), 1);
    const QJsonObject live = aliases.at(0).toObject();
    QCOMPARE(live.value(QStringLiteral("Name")).toString(), QStringLiteral("live"));
    QCOMPARE(live.value(QStringLiteral("FunctionVersion")).toString(), QStringLiteral("1"));
    QCOMPARE(live.value(QStringLiteral("Description")).toString(), QStringLiteral("What customers get"));
    QCOMPARE(live.value(QStringLiteral("AliasArn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:bakeryFunction:live"));
    const QJsonObject weights =
        live.value(QStringLiteral("RoutingConfig")).toObject().value(QStringLiteral("AdditionalVersionWeights")).toObject();
    QCOMPARE(weights.keys(), QStringList{QStringLiteral("2")});
    QCOMPARE(weights.value(QStringLiteral("2")).toDouble(), 0.1);
}

// The function's answer (statusCode, headers, body) with the body parsed.
QJsonObject TestLabVersions::invoke(const QString &qualifier, QString *executedVersion)
{
    const QString out = m_dir.filePath(QStringLiteral("answer.json"));
    const Run run = aws({QStringLiteral("invoke"), QStringLiteral("--function-name"), Function,
                         QStringLiteral("--qualifier"), qualifier, QStringLiteral("--cli-binary-format"),
                         QStringLiteral("raw-in-base64-out"), QStringLiteral("--payload"),
                         QStringLiteral(R"({"requestContext":{"http":{"sourceIp":"127.0.0.1"}}})"), out});
    if (run.exitCode != 0) {
        qWarning().noquote() << QString::fromUtf8(run.err);
        return {};
    }
    *executedVersion = run.json().value(QStringLiteral("ExecutedVersion")).toString();
    QFile file(out);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject answer = QJsonDocument::fromJson(file.readAll()).object();
    return QJsonDocument::fromJson(answer.value(QStringLiteral("body")).toString().toUtf8()).object();
}

void TestLabVersions::invokeByQualifier_data()
{
    QTest::addColumn<QString>("qualifier");
    QTest::addColumn<QString>("executed");
    QTest::addColumn<bool>("special");
    QTest::newRow("version 1: the first snack picker") << "1" << "1" << false;
    QTest::newRow("version 2: with a special") << "2" << "2" << true;
    QTest::newRow("$LATEST: version 2's code") << "$LATEST" << "$LATEST" << true;
}

void TestLabVersions::invokeByQualifier()
{
    QFETCH(QString, qualifier);
    QFETCH(QString, executed);
    QFETCH(bool, special);
    QString version;
    const QJsonObject body = invoke(qualifier, &version);
    QCOMPARE(version, executed);
    QVERIFY(!body.value(QStringLiteral("snack")).toString().isEmpty());
    QCOMPARE(body.value(QStringLiteral("bakery")).toString(), QStringLiteral("Gatehouse Bakery"));
    QCOMPARE(body.contains(QStringLiteral("special")), special);
}

// Each invocation of live runs version 1 or 2, and the answer is that version's own.
void TestLabVersions::liveRunsOneOfItsVersions()
{
    for (int i = 0; i < 8; ++i) {
        QString version;
        const QJsonObject body = invoke(QStringLiteral("live"), &version);
        QVERIFY2(version == QLatin1String("1") || version == QLatin1String("2"), qPrintable(version));
        QCOMPARE(body.contains(QStringLiteral("special")), version == QLatin1String("2"));
    }
}

void TestLabVersions::httpRouteRunsLatest()
{
    const Core::EmulatorInfo info = m_emulator->info();
    QString url; // the HTTP API's (the partner REST API has GET /snack too, behind a key)
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind == QLatin1String("HTTP API"))
            url = api.routes.value(0).url;
    }
    QVERIFY(url.endsWith(QLatin1String("/snack")));
    const Run curl = runProcess(QStringLiteral("curl"), {QStringLiteral("-sS"), url},
                                QProcessEnvironment::systemEnvironment());
    QVERIFY2(curl.exitCode == 0, curl.err.constData());
    const QJsonObject body = QJsonDocument::fromJson(curl.out).object();
    QVERIFY2(body.contains(QStringLiteral("special")), curl.out.constData());
}

// Two versions of unchanged code: CloudFormation refuses the second, and so does the emulator.
void TestLabVersions::unchangedVersionRefused()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/version-unchanged");
    Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    QVERIFY(!started.ok());
    QVERIFY2(started.error().message.contains(
                 QLatin1String("SnackV2 (line 13): a version for this Lambda function exists (1)")),
             qPrintable(started.error().message));
}

QTEST_GUILESS_MAIN(TestLabVersions)
#include "tst_labversions.moc"
