#include "core/emulator/emulator.h"
#include "core/emulator/lambdainvokeapi.h"
#include "core/emulator/lambdaregistry.h"
#include "core/emulator/lambdaservice.h"
#include "../common/awscli.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

using Run = GatehouseTest::AwsCli::Run;

// Versions, aliases and Invoke by qualifier, driven by the real AWS CLI v2 against an
// in-process emulator whose lab function answers with a marker file from its code folder.
// The slots run in order and build on each other, as a person at a terminal would.
class TestLambdaControlPlane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void publishVersions();
    void listVersionsPageByPage();
    void publishPreconditions_data();
    void publishPreconditions();
    void createAlias();
    void refusedAliases_data();
    void refusedAliases();
    void invokeByQualifier_data();
    void invokeByQualifier();
    void invokeAliasWithLogTail();
    void invokedArnAndVersion_data();
    void invokedArnAndVersion();
    void configurationAndLists();
    void wireAnswers_data();
    void wireAnswers();
    void weightedSplit();
    void deleteVersion();
    void reservedConcurrency();
    void reservedConcurrencyRefusals_data();
    void reservedConcurrencyRefusals();

private:
    Run aws(const QStringList &arguments);
    void writeMarker(const QByteArray &marker);
    QByteArray curlInvoke(const QString &function);

    QTemporaryDir m_dir;
    QString m_lab;
    std::unique_ptr<Emulator::Emulator> m_emulator;
    std::unique_ptr<GatehouseTest::AwsCli> m_cli;
};

void TestLambdaControlPlane::initTestCase()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    QVERIFY(m_dir.isValid());
    // The lab is copied so the test can change $LATEST's code between publishes.
    m_lab = m_dir.filePath(QStringLiteral("lab"));
    const QString source = QStringLiteral(GATEHOUSE_TEST_DATA "/emulator-labs/versions");
    QVERIFY(QDir().mkpath(m_lab + QStringLiteral("/src")));
    for (const QString &file : {QStringLiteral("template.yaml"), QStringLiteral("src/app.py"),
                                QStringLiteral("src/marker.txt")})
        QVERIFY(QFile::copy(source + QLatin1Char('/') + file, m_lab + QLatin1Char('/') + file));
    QFile::setPermissions(m_lab + QStringLiteral("/src/marker.txt"),
                          QFile::ReadOwner | QFile::WriteOwner);
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = m_lab;
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    m_cli = std::make_unique<GatehouseTest::AwsCli>(m_emulator->info().baseUrl);
}

void TestLambdaControlPlane::cleanupTestCase()
{
    m_emulator.reset();
}

Run TestLambdaControlPlane::aws(const QStringList &arguments)
{
    return m_cli->run(QStringList{QStringLiteral("lambda")} + arguments);
}

void TestLambdaControlPlane::writeMarker(const QByteArray &marker)
{
    QFile file(m_lab + QStringLiteral("/src/marker.txt"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(marker + '\n');
}

void TestLambdaControlPlane::publishVersions()
{
    const QStringList publish = {QStringLiteral("publish-version"),
                                 QStringLiteral("--function-name"), QStringLiteral("versioned"),
                                 QStringLiteral("--description"), QStringLiteral("first bake")};
    const Run first = aws(publish);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QJsonObject v1 = first.json();
    QCOMPARE(v1.value(QStringLiteral("Version")).toString(), QStringLiteral("1"));
    QCOMPARE(v1.value(QStringLiteral("FunctionArn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:versioned:1"));
    QCOMPARE(v1.value(QStringLiteral("Description")).toString(), QStringLiteral("first bake"));
    QCOMPARE(v1.value(QStringLiteral("CodeSha256")).toString(),
             LambdaRegistry::hashCodeFolder(m_lab + QStringLiteral("/src")).first);
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$)"))
                 .match(v1.value(QStringLiteral("LastModified")).toString())
                 .hasMatch(),
             first.out.constData());

    const Run again = aws(publish);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(again.json().value(QStringLiteral("Version")).toString(), QStringLiteral("1"));
    QCOMPARE(again.json().value(QStringLiteral("RevisionId")), v1.value(QStringLiteral("RevisionId")));

    writeMarker("v2");
    const Run second = aws({QStringLiteral("publish-version"), QStringLiteral("--function-name"),
                            QStringLiteral("versioned")});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(second.json().value(QStringLiteral("Version")).toString(), QStringLiteral("2"));
    QVERIFY(second.json().value(QStringLiteral("CodeSha256")) != v1.value(QStringLiteral("CodeSha256")));
    // $LATEST moves on; the published versions keep their snapshots.
    writeMarker("latest");
}

void TestLambdaControlPlane::listVersionsPageByPage()
{
    // --page-size 1 makes the CLI follow NextMarker through three pages.
    const Run r = aws({QStringLiteral("list-versions-by-function"),
                       QStringLiteral("--function-name"), QStringLiteral("versioned"),
                       QStringLiteral("--page-size"), QStringLiteral("1")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList versions;
    for (const QJsonValue &v : r.json().value(QStringLiteral("Versions")).toArray())
        versions.append(v.toObject().value(QStringLiteral("Version")).toString());
    QCOMPARE(versions, (QStringList{QStringLiteral("$LATEST"), QStringLiteral("1"),
                                    QStringLiteral("2")}));
}

void TestLambdaControlPlane::publishPreconditions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("revision id") << QStringList{QStringLiteral("--revision-id"),
                                                QStringLiteral("not-the-revision")}
                                 << QByteArray("(PreconditionFailedException)");
    QTest::newRow("code sha256") << QStringList{QStringLiteral("--code-sha256"),
                                                QStringLiteral("bm90IHRoZSBoYXNo")}
                                 << QByteArray("(InvalidParameterValueException)");
}

void TestLambdaControlPlane::publishPreconditions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, error);
    const Run r = aws(QStringList{QStringLiteral("publish-version"),
                                  QStringLiteral("--function-name"), QStringLiteral("versioned")} +
                      arguments);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(error), r.err.constData());
}

void TestLambdaControlPlane::createAlias()
{
    const Run created = aws({QStringLiteral("create-alias"), QStringLiteral("--function-name"),
                             QStringLiteral("versioned"), QStringLiteral("--name"),
                             QStringLiteral("live"), QStringLiteral("--function-version"),
                             QStringLiteral("1"), QStringLiteral("--routing-config"),
                             QStringLiteral(R"(AdditionalVersionWeights={2=0.1})")});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const QJsonObject alias = created.json();
    QCOMPARE(alias.value(QStringLiteral("AliasArn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:versioned:live"));
    QCOMPARE(alias.value(QStringLiteral("FunctionVersion")).toString(), QStringLiteral("1"));
    const QJsonObject weights = alias.value(QStringLiteral("RoutingConfig"))
                                    .toObject()
                                    .value(QStringLiteral("AdditionalVersionWeights"))
                                    .toObject();
    QCOMPARE(weights.value(QStringLiteral("2")).toDouble(), 0.1);

    const Run listed = aws({QStringLiteral("list-aliases"), QStringLiteral("--function-name"),
                            QStringLiteral("versioned")});
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    const QJsonArray aliases = listed.json().value(QStringLiteral("Aliases")).toArray();
    QCOMPARE(aliases.size(), 1);
    QCOMPARE(aliases.at(0).toObject(), alias);

    const Run got = aws({QStringLiteral("get-alias"), QStringLiteral("--function-name"),
                         QStringLiteral("versioned"), QStringLiteral("--name"),
                         QStringLiteral("live")});
    QVERIFY2(got.exitCode == 0, got.err.constData());
    QCOMPARE(got.json(), alias);

    const Run again = aws({QStringLiteral("create-alias"), QStringLiteral("--function-name"),
                           QStringLiteral("versioned"), QStringLiteral("--name"),
                           QStringLiteral("live"), QStringLiteral("--function-version"),
                           QStringLiteral("2")});
    QVERIFY2(again.err.contains("(ResourceConflictException)"), again.err.constData());
}

void TestLambdaControlPlane::refusedAliases_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("routing"); // empty: no --routing-config
    QTest::addColumn<QByteArray>("error"); // empty: accepted

    const QString zero = QStringLiteral(R"(AdditionalVersionWeights={2=0})");
    QTest::newRow("weight 1.5") << "1" << R"(AdditionalVersionWeights={2=1.5})"
                                << QByteArray("(ValidationException)");
    QTest::newRow("weight 1.0") << "1" << R"(AdditionalVersionWeights={2=1.0})"
                                << QByteArray("(ValidationException)");
    QTest::newRow("routing on $LATEST")
        << "$LATEST" << R"(AdditionalVersionWeights={2=0.1})"
        << QByteArray("$LATEST is not supported for an alias pointing to more than 1 version");
    QTest::newRow("unknown version") << "9" << ""
                                     << QByteArray("(ResourceNotFoundException)");
    QTest::newRow("unknown routed version")
        << "1" << R"(AdditionalVersionWeights={7=0.5})"
        << QByteArray("Function not found: arn:aws:lambda:us-east-1:123456789012:function:versioned:7");
    QTest::newRow("routed to itself") << "2" << R"(AdditionalVersionWeights={2=0.5})"
                                      << QByteArray("(InvalidParameterValueException)");
    // The model's range is [0.0, 1.0] and AWS accepts 0 (LocalStack's AWS-recorded checks).
    QTest::newRow("weight 0 accepted") << "1" << zero << QByteArray();
}

void TestLambdaControlPlane::refusedAliases()
{
    QFETCH(QString, version);
    QFETCH(QString, routing);
    QFETCH(QByteArray, error);
    const QString name = QStringLiteral("probe");
    QStringList arguments = {QStringLiteral("create-alias"), QStringLiteral("--function-name"),
                             QStringLiteral("versioned"), QStringLiteral("--name"), name,
                             QStringLiteral("--function-version"), version};
    if (!routing.isEmpty())
        arguments << QStringLiteral("--routing-config") << routing;
    const Run r = aws(arguments);
    if (error.isEmpty()) {
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const Run deleted = aws({QStringLiteral("delete-alias"), QStringLiteral("--function-name"),
                                 QStringLiteral("versioned"), QStringLiteral("--name"), name});
        QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
        return;
    }
    QVERIFY2(r.exitCode != 0, r.out.constData());
    QVERIFY2(r.err.contains(error), r.err.constData());
}

void TestLambdaControlPlane::invokeByQualifier_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("qualifier");
    QTest::addColumn<QString>("marker");
    QTest::addColumn<QString>("executed");

    QTest::newRow("version 1") << "versioned" << "1" << "v1" << "1";
    QTest::newRow("version 2") << "versioned" << "2" << "v2" << "2";
    QTest::newRow("$LATEST") << "versioned" << "$LATEST" << "latest" << "$LATEST";
    QTest::newRow("no qualifier") << "versioned" << "" << "latest" << "$LATEST";
    QTest::newRow("name:version") << "versioned:1" << "" << "v1" << "1";
    QTest::newRow("arn:version") << "arn:aws:lambda:us-east-1:123456789012:function:versioned:2"
                                 << "" << "v2" << "2";
}

void TestLambdaControlPlane::invokeByQualifier()
{
    QFETCH(QString, function);
    QFETCH(QString, qualifier);
    QFETCH(QString, marker);
    QFETCH(QString, executed);
    const QString out = m_dir.filePath(QStringLiteral("out.json"));
    QStringList arguments = {QStringLiteral("invoke"), QStringLiteral("--function-name"), function};
    if (!qualifier.isEmpty())
        arguments << QStringLiteral("--qualifier") << qualifier;
    const Run r = aws(arguments << out);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(QStringLiteral("ExecutedVersion")).toString(), executed);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("marker")).toString(),
             marker);
}

void TestLambdaControlPlane::invokeAliasWithLogTail()
{
    const QString out = m_dir.filePath(QStringLiteral("live.json"));
    const Run r = aws({QStringLiteral("invoke"), QStringLiteral("--function-name"),
                       QStringLiteral("versioned"), QStringLiteral("--qualifier"),
                       QStringLiteral("live"), QStringLiteral("--log-type"),
                       QStringLiteral("Tail"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString executed = r.json().value(QStringLiteral("ExecutedVersion")).toString();
    QVERIFY2(executed == QLatin1String("1") || executed == QLatin1String("2"), r.out.constData());
    const QByteArray log =
        QByteArray::fromBase64(r.json().value(QStringLiteral("LogResult")).toString().toLatin1());
    QVERIFY2(log.contains(QByteArray("Version: " + executed.toLatin1() + '\n')), log.constData());
    QVERIFY2(log.contains(QByteArray("running code v" + executed.toLatin1() + '\n')),
             log.constData());
    QVERIFY2(log.contains("REPORT RequestId: "), log.constData());
}

// What the handler sees: context.invoked_function_arn is the ARN as invoked (the alias, not
// the version it resolved to), AWS_LAMBDA_FUNCTION_VERSION the version that runs.
void TestLambdaControlPlane::invokedArnAndVersion_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("qualifier");
    QTest::addColumn<QString>("invokedArn");
    QTest::addColumn<QStringList>("versions"); // the version that may run (an alias: either)

    const QString arn = QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:versioned");
    const QString latest = QStringLiteral("$LATEST");
    const QString one = QStringLiteral("1");
    const QString two = QStringLiteral("2");
    QTest::newRow("unqualified") << "versioned" << "" << arn << QStringList{latest};
    QTest::newRow("$LATEST") << "versioned" << "$LATEST" << arn + QStringLiteral(":$LATEST")
                             << QStringList{latest};
    QTest::newRow("version 1") << "versioned" << "1" << arn + QStringLiteral(":1") << QStringList{one};
    QTest::newRow("name:2") << "versioned:2" << "" << arn + QStringLiteral(":2") << QStringList{two};
    QTest::newRow("alias") << "versioned" << "live" << arn + QStringLiteral(":live")
                           << QStringList{one, two};
    QTest::newRow("alias arn") << arn + QStringLiteral(":live") << "" << arn + QStringLiteral(":live")
                               << QStringList{one, two};
}

void TestLambdaControlPlane::invokedArnAndVersion()
{
    QFETCH(QString, function);
    QFETCH(QString, qualifier);
    QFETCH(QString, invokedArn);
    QFETCH(QStringList, versions);
    const QString in = m_dir.filePath(QStringLiteral("whoami.json"));
    QFile payload(in);
    QVERIFY(payload.open(QIODevice::WriteOnly | QIODevice::Truncate));
    payload.write(R"({"whoami": true})");
    payload.close();
    const QString out = m_dir.filePath(QStringLiteral("whoami-out.json"));
    QStringList arguments = {QStringLiteral("invoke"), QStringLiteral("--function-name"), function,
                             QStringLiteral("--payload"), QStringLiteral("fileb://") + in};
    if (!qualifier.isEmpty())
        arguments << QStringLiteral("--qualifier") << qualifier;
    const Run r = aws(arguments << out);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString executed = r.json().value(QStringLiteral("ExecutedVersion")).toString();
    QVERIFY2(versions.contains(executed), r.out.constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject seen = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(seen.value(QStringLiteral("invokedArn")).toString(), invokedArn);
    QCOMPARE(seen.value(QStringLiteral("version")).toString(), executed);
    QCOMPARE(seen.value(QStringLiteral("contextVersion")).toString(), executed);
}

void TestLambdaControlPlane::configurationAndLists()
{
    const Run config = aws({QStringLiteral("get-function-configuration"),
                            QStringLiteral("--function-name"), QStringLiteral("versioned"),
                            QStringLiteral("--qualifier"), QStringLiteral("1")});
    QVERIFY2(config.exitCode == 0, config.err.constData());
    QCOMPARE(config.json().value(QStringLiteral("Version")).toString(), QStringLiteral("1"));
    QCOMPARE(config.json().value(QStringLiteral("Runtime")).toString(), QStringLiteral("python3.12"));

    const Run viaAlias = aws({QStringLiteral("get-function"), QStringLiteral("--function-name"),
                              QStringLiteral("versioned:live")});
    QVERIFY2(viaAlias.exitCode == 0, viaAlias.err.constData());
    const QJsonObject configuration =
        viaAlias.json().value(QStringLiteral("Configuration")).toObject();
    QCOMPARE(configuration.value(QStringLiteral("Version")).toString(), QStringLiteral("1"));

    const Run latest = aws({QStringLiteral("list-functions")});
    QVERIFY2(latest.exitCode == 0, latest.err.constData());
    const QJsonArray functions = latest.json().value(QStringLiteral("Functions")).toArray();
    QCOMPARE(functions.size(), 1);
    QCOMPARE(functions.at(0).toObject().value(QStringLiteral("FunctionArn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:versioned"));

    const Run all = aws({QStringLiteral("list-functions"), QStringLiteral("--function-version"),
                         QStringLiteral("ALL"), QStringLiteral("--page-size"),
                         QStringLiteral("2")});
    QVERIFY2(all.exitCode == 0, all.err.constData());
    QCOMPARE(all.json().value(QStringLiteral("Functions")).toArray().size(), 3);

    const Run missing = aws({QStringLiteral("get-function"), QStringLiteral("--function-name"),
                             QStringLiteral("versioned"), QStringLiteral("--qualifier"),
                             QStringLiteral("5")});
    QVERIFY2(missing.err.contains("(ResourceNotFoundException)"), missing.err.constData());
}

// Statuses, headers and bodies on the wire, seen by curl signing with its own SigV4 code.
void TestLambdaControlPlane::wireAnswers_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("sign");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expected"); // a header line or body text the answer contains

    const QString base = QStringLiteral("/2015-03-31/functions/versioned");
    QTest::newRow("stale revision id")
        << "POST" << base + QStringLiteral("/versions") << QByteArray(R"({"RevisionId":"x"})")
        << true << 412
        << QByteArray(R"({"Type":"User","message":"The Revision Id provided does not match)");
    QTest::newRow("update alias, stale revision id")
        << "PUT" << base + QStringLiteral("/aliases/live") << QByteArray(R"({"RevisionId":"x"})")
        << true << 412 << QByteArray("x-amzn-ErrorType: PreconditionFailedException");
    QTest::newRow("alias named with digits only")
        << "POST" << base + QStringLiteral("/aliases")
        << QByteArray(R"({"Name":"42","FunctionVersion":"1"})") << true << 400
        << QByteArray("x-amzn-ErrorType: ValidationException");
    QTest::newRow("unknown alias")
        << "GET" << base + QStringLiteral("/aliases/nope") << QByteArray() << true << 404
        << QByteArray(R"("Message":"Cannot find alias arn: arn:aws:lambda:us-east-1:)"
                      R"(123456789012:function:versioned:nope")");
    QTest::newRow("delete $LATEST")
        << "DELETE" << base + QStringLiteral("?Qualifier=%24LATEST") << QByteArray() << true << 400
        << QByteArray("x-amzn-ErrorType: InvalidParameterValueException");
    QTest::newRow("list functions, trailing slash")
        << "GET" << QStringLiteral("/2015-03-31/functions/?MaxItems=1") << QByteArray() << true
        << 200 << QByteArray(R"("FunctionName":"versioned")");
    QTest::newRow("max items 0") << "GET" << QStringLiteral("/2015-03-31/functions?MaxItems=0")
                                 << QByteArray() << true << 400
                                 << QByteArray("x-amzn-ErrorType: InvalidParameterValueException");
    QTest::newRow("unsigned") << "GET" << base << QByteArray() << false << 403
                              << QByteArray("x-amzn-ErrorType: MissingAuthenticationTokenException");
}

void TestLambdaControlPlane::wireAnswers()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(bool, sign);
    QFETCH(int, status);
    QFETCH(QByteArray, expected);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QStringList arguments = {QStringLiteral("-sS"), QStringLiteral("-i"), QStringLiteral("-X"),
                             method};
    if (!body.isEmpty())
        arguments << QStringLiteral("--data-binary") << QString::fromUtf8(body)
                  << QStringLiteral("-H") << QStringLiteral("Content-Type: application/json");
    if (sign)
        arguments << QStringLiteral("--aws-sigv4") << QStringLiteral("aws:amz:us-east-1:lambda")
                  << QStringLiteral("--user") << QStringLiteral("test:test");
    arguments << m_emulator->info().baseUrl + path;
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(curl, arguments);
    QVERIFY(finished.wait(30000));
    const QByteArray out = process.readAllStandardOutput();
    QVERIFY2(out.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + " ")),
             out.constData());
    QVERIFY2(out.contains(expected), out.constData());
}

// The issue's proof: 2,000 invocations of a 90/10 alias land 10 % +- 2 % on the second
// version, each answered by the version's own code.
void TestLambdaControlPlane::weightedSplit()
{
    LambdaInvokeApi api(m_emulator->lambda());
    api.setRegistry(m_emulator->lambdaRegistry());
    // Seeded, so the +-2 % band (about 3 sigma) cannot fail by chance in CI.
    QRandomGenerator seeded(20261121);
    api.setRandomSource([&seeded] { return seeded.generateDouble(); });
    constexpr int Count = 2000;
    int done = 0;
    int onSecond = 0;
    int mismatched = 0;
    QObject context;
    // All 2,000 are in flight at once, beyond the account's 1,000 concurrent executions; this
    // test is about routing, so the quota is raised for it.
    m_emulator->lambda()->setAccountConcurrency(Count);
    for (int i = 0; i < Count; ++i) {
        const Core::Result<QString> target =
            api.resolveQualifier(QStringLiteral("versioned:live"));
        QVERIFY(target.ok());
        InvokeRequest request;
        request.functionName = *target;
        request.payload = "{}";
        m_emulator->lambda()->invoke(request, &context, [&](const InvokeResult &result) {
            ++done;
            const bool second = result.executedVersion == QLatin1String("2");
            onSecond += second ? 1 : 0;
            const QByteArray expected = second ? "\"v2\"" : "\"v1\"";
            if (!result.payload.contains(expected))
                ++mismatched;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, Count, 120000);
    m_emulator->lambda()->setAccountConcurrency(AccountConcurrency);
    QCOMPARE(mismatched, 0);
    const double share = double(onSecond) / Count;
    qInfo("version 2 ran %d of %d invocations (%.2f %%)", onSecond, Count, share * 100);
    QVERIFY2(share >= 0.08 && share <= 0.12, qPrintable(QString::number(share)));
}

void TestLambdaControlPlane::deleteVersion()
{
    const QStringList deleteOne = {QStringLiteral("delete-function"),
                                   QStringLiteral("--function-name"), QStringLiteral("versioned"),
                                   QStringLiteral("--qualifier"), QStringLiteral("1")};
    const Run refused = aws(deleteOne);
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains("(ResourceConflictException)") &&
                 refused.err.contains("Unable to delete version because the following aliases "
                                      "reference it: [live]"),
             refused.err.constData());

    const Run moved = aws({QStringLiteral("update-alias"), QStringLiteral("--function-name"),
                           QStringLiteral("versioned"), QStringLiteral("--name"),
                           QStringLiteral("live"), QStringLiteral("--function-version"),
                           QStringLiteral("2"), QStringLiteral("--routing-config"),
                           QStringLiteral("{}")});
    QVERIFY2(moved.exitCode == 0, moved.err.constData());
    QCOMPARE(moved.json().value(QStringLiteral("FunctionVersion")).toString(), QStringLiteral("2"));
    QVERIFY(!moved.json().contains(QStringLiteral("RoutingConfig")));

    const Run deleted = aws(deleteOne);
    QVERIFY2(deleted.exitCode == 0, deleted.err.constData());

    const Run gone = aws({QStringLiteral("invoke"), QStringLiteral("--function-name"),
                          QStringLiteral("versioned"), QStringLiteral("--qualifier"),
                          QStringLiteral("1"), m_dir.filePath(QStringLiteral("gone.json"))});
    QVERIFY(gone.exitCode != 0);
    QVERIFY2(gone.err.contains("(ResourceNotFoundException)") &&
                 gone.err.contains(
                     "Function not found: arn:aws:lambda:us-east-1:123456789012:function:versioned:1"),
             gone.err.constData());
}

// Reserved concurrency through the AWS CLI: with 1 reserved, a second synchronous invocation
// while the first runs is throttled (429 with Lambda's Reason), 0 throttles everything, and
// without a reservation the account's unreserved pool applies.
void TestLambdaControlPlane::reservedConcurrency()
{
    const QStringList function = {QStringLiteral("--function-name"), QStringLiteral("versioned")};
    const Run none = aws(QStringList{QStringLiteral("get-function-concurrency")} + function);
    QVERIFY2(none.exitCode == 0, none.err.constData());
    QVERIFY2(!none.json().contains(QStringLiteral("ReservedConcurrentExecutions")), none.out.constData());

    const Run put = aws(QStringList{QStringLiteral("put-function-concurrency")} + function +
                        QStringList{QStringLiteral("--reserved-concurrent-executions"),
                                    QStringLiteral("1")});
    QVERIFY2(put.exitCode == 0, put.err.constData());
    QCOMPARE(put.json().value(QStringLiteral("ReservedConcurrentExecutions")).toInt(), 1);
    const Run got = aws(QStringList{QStringLiteral("get-function-concurrency")} + function);
    QCOMPARE(got.json().value(QStringLiteral("ReservedConcurrentExecutions")).toInt(), 1);
    const Run described = aws(QStringList{QStringLiteral("get-function")} + function);
    QCOMPARE(described.json()
                 .value(QStringLiteral("Concurrency"))
                 .toObject()
                 .value(QStringLiteral("ReservedConcurrentExecutions"))
                 .toInt(),
             1);

    QFile sleepy(m_dir.filePath(QStringLiteral("sleep.json")));
    QVERIFY(sleepy.open(QIODevice::WriteOnly | QIODevice::Truncate));
    sleepy.write(R"({"sleep": 3})");
    sleepy.close();
    const QStringList invoke =
        QStringList{QStringLiteral("lambda"), QStringLiteral("invoke")} + function +
        QStringList{QStringLiteral("--payload"), QStringLiteral("fileb://") + sleepy.fileName()};
    const auto first = m_cli->start(invoke + QStringList{m_dir.filePath(QStringLiteral("first.json"))});
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->lambda()->inFlight(QStringLiteral("versioned")), 1, 30000);
    // The second (on the alias, another version: the reservation covers them all) while the
    // first runs.
    const Run second = aws(QStringList{QStringLiteral("invoke")} + function +
                           QStringList{QStringLiteral("--qualifier"), QStringLiteral("live"),
                                       m_dir.filePath(QStringLiteral("second.json"))});
    QVERIFY(second.exitCode != 0);
    QVERIFY2(second.err.contains("An error occurred (TooManyRequestsException) when calling the "
                                 "Invoke operation (reached max retries: 0): Rate Exceeded."),
             second.err.constData());
    const QByteArray wire = curlInvoke(QStringLiteral("versioned"));
    QVERIFY2(wire.startsWith("HTTP/1.1 429 "), wire.constData());
    QVERIFY2(wire.contains("\r\n\r\n{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\","
                           "\"Type\":\"User\",\"message\":\"Rate Exceeded."),
             wire.constData());
    const Run firstRun = GatehouseTest::AwsCli::finish(*first);
    QVERIFY2(firstRun.exitCode == 0, firstRun.err.constData());
    QCOMPARE(m_emulator->lambda()->inFlight(QStringLiteral("versioned")), 0);

    // 0: every synchronous invocation is throttled, even with nothing running.
    const Run zero = aws(QStringList{QStringLiteral("put-function-concurrency")} + function +
                         QStringList{QStringLiteral("--reserved-concurrent-executions"),
                                     QStringLiteral("0")});
    QVERIFY2(zero.exitCode == 0, zero.err.constData());
    const Run throttled = aws(QStringList{QStringLiteral("invoke")} + function +
                              QStringList{m_dir.filePath(QStringLiteral("zero.json"))});
    QVERIFY2(throttled.err.contains("(TooManyRequestsException)"), throttled.err.constData());

    const Run deleted = aws(QStringList{QStringLiteral("delete-function-concurrency")} + function);
    QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
    const Run free = aws(QStringList{QStringLiteral("invoke")} + function +
                         QStringList{m_dir.filePath(QStringLiteral("free.json"))});
    QVERIFY2(free.exitCode == 0, free.err.constData());

    // Unreserved: the account's pool (made 1 here) is what throttles.
    m_emulator->lambda()->setAccountConcurrency(1);
    const auto holder = m_cli->start(invoke + QStringList{m_dir.filePath(QStringLiteral("holder.json"))});
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->lambda()->inFlight(QStringLiteral("versioned")), 1, 30000);
    const QByteArray pool = curlInvoke(QStringLiteral("versioned"));
    m_emulator->lambda()->setAccountConcurrency(AccountConcurrency);
    QVERIFY2(pool.startsWith("HTTP/1.1 429 "), pool.constData());
    QVERIFY2(pool.contains("{\"Reason\":\"ConcurrentInvocationLimitExceeded\""), pool.constData());
    QVERIFY2(GatehouseTest::AwsCli::finish(*holder).exitCode == 0, "the holding invocation failed");
}

QByteArray TestLambdaControlPlane::curlInvoke(const QString &function)
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        return "curl is not installed";
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(curl, {QStringLiteral("-sS"), QStringLiteral("-i"), QStringLiteral("-X"),
                         QStringLiteral("POST"), QStringLiteral("--data-binary"),
                         QStringLiteral("{}"), QStringLiteral("--aws-sigv4"),
                         QStringLiteral("aws:amz:us-east-1:lambda"), QStringLiteral("--user"),
                         QStringLiteral("test:test"),
                         m_emulator->info().baseUrl + QStringLiteral("/2015-03-31/functions/") +
                             function + QStringLiteral("/invocations")});
    if (!finished.wait(30000))
        return "curl did not finish";
    return process.readAllStandardOutput();
}

void TestLambdaControlPlane::reservedConcurrencyRefusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("more than the account leaves")
        << QStringList{QStringLiteral("put-function-concurrency"), QStringLiteral("--function-name"),
                       QStringLiteral("versioned"), QStringLiteral("--reserved-concurrent-executions"),
                       QStringLiteral("901")}
        << QByteArray("(InvalidParameterValueException) when calling the PutFunctionConcurrency "
                      "operation (reached max retries: 0): Specified ReservedConcurrentExecutions for function decreases "
                      "account's UnreservedConcurrentExecution below its minimum value of [100].");
    QTest::newRow("unknown function")
        << QStringList{QStringLiteral("put-function-concurrency"), QStringLiteral("--function-name"),
                       QStringLiteral("nope"), QStringLiteral("--reserved-concurrent-executions"),
                       QStringLiteral("1")}
        << QByteArray("(ResourceNotFoundException) when calling the PutFunctionConcurrency "
                      "operation (reached max retries: 0): Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope");
    QTest::newRow("alias")
        << QStringList{QStringLiteral("get-function-concurrency"), QStringLiteral("--function-name"),
                       QStringLiteral("versioned:live")}
        << QByteArray("(InvalidParameterValueException)");
}

void TestLambdaControlPlane::reservedConcurrencyRefusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, error);
    const Run r = aws(arguments);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(error), r.err.constData());
}

QTEST_GUILESS_MAIN(TestLambdaControlPlane)
#include "tst_lambdacontrolplane.moc"
