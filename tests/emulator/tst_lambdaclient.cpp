#include "core/aws/lambdaclient.h"
#include "core/aws/staticcredentialsprovider.h"
#include "core/emulator/emulator.h"
#include "../common/awscli.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Gatehouse;
using namespace Gatehouse::Core::Aws;

// Gatehouse's own Lambda client against an in-process emulator serving the versions lab:
// the slots run in order and build on each other (publish, then alias, then invoke).
class TestLambdaClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listFunctions();
    void publishVersions();
    void paginationFollowsNextMarker();
    void configurationOfAVersion();
    void aliasWithWeights();
    void invokeWithQualifierAndTail_data();
    void invokeWithQualifierAndTail();
    void agreesWithAwsCli();
    void unknownFunction_data();
    void unknownFunction();
    void deleteAlias();

private:
    template<typename T, typename Start>
    Core::Result<T> await(Start start);
    void writeMarker(const QByteArray &marker);

    QTemporaryDir m_dir;
    QString m_lab;
    std::unique_ptr<Emulator::Emulator> m_emulator;
    std::unique_ptr<StaticCredentialsProvider> m_credentials;
    std::unique_ptr<LambdaClient> m_client;
};

template<typename T, typename Start>
Core::Result<T> TestLambdaClient::await(Start start)
{
    std::optional<Core::Result<T>> result;
    int reports = 0;
    start([&](const Core::Result<T> &r) {
        ++reports;
        result = r;
    });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000))
        return Core::makeError(Core::ErrorCode::Timeout, QStringLiteral("no answer within 60 s"));
    QTest::qWait(20);
    if (reports != 1)
        return Core::makeError(Core::ErrorCode::Internal, QStringLiteral("%1 reports for one call").arg(reports));
    return *result;
}

void TestLambdaClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_lab = m_dir.filePath(QStringLiteral("lab"));
    const QString source = QStringLiteral(GATEHOUSE_TEST_DATA "/emulator-labs/versions");
    QVERIFY(QDir().mkpath(m_lab + QStringLiteral("/src")));
    for (const QString &file : {QStringLiteral("template.yaml"), QStringLiteral("src/app.py"),
                                QStringLiteral("src/marker.txt")})
        QVERIFY(QFile::copy(source + QLatin1Char('/') + file, m_lab + QLatin1Char('/') + file));
    QFile::setPermissions(m_lab + QStringLiteral("/src/marker.txt"), QFile::ReadOwner | QFile::WriteOwner);
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = m_lab;
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));

    Credentials keys;
    keys.accessKeyId = QStringLiteral("test");
    keys.secretAccessKey = QStringLiteral("test");
    keys.source = QStringLiteral("test keys");
    m_credentials = std::make_unique<StaticCredentialsProvider>(keys);
    m_client = std::make_unique<LambdaClient>(m_credentials.get(), QStringLiteral("us-east-1"),
                                              QUrl(m_emulator->info().baseUrl));
}

void TestLambdaClient::cleanupTestCase()
{
    m_client.reset();
    m_emulator.reset();
}

void TestLambdaClient::writeMarker(const QByteArray &marker)
{
    QFile file(m_lab + QStringLiteral("/src/marker.txt"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(marker + '\n');
}

void TestLambdaClient::listFunctions()
{
    const auto all = await<QList<LambdaFunctionConfiguration>>([&](auto done) {
        m_client->listAllFunctions({}, this, {}, done);
    });
    QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
    QCOMPARE(all->size(), 1);
    const LambdaFunctionConfiguration &f = all->first();
    QCOMPARE(f.functionName, QStringLiteral("versioned"));
    QCOMPARE(f.functionArn, QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:versioned"));
    QCOMPARE(f.version, QStringLiteral("$LATEST"));
    QCOMPARE(f.runtime, QStringLiteral("python3.12"));
    QCOMPARE(f.handler, QStringLiteral("app.handler"));
    QCOMPARE(f.memorySize, 128);
    QCOMPARE(f.timeout, 5);
    QVERIFY(!f.codeSha256.isEmpty());
    QVERIFY(!f.revisionId.isEmpty());
}

void TestLambdaClient::publishVersions()
{
    const auto v1 = await<LambdaFunctionConfiguration>([&](auto done) {
        m_client->publishVersion(QStringLiteral("versioned"), QStringLiteral("first bake"), this, done);
    });
    QVERIFY2(v1.ok(), qPrintable(v1.ok() ? QString() : v1.error().message));
    QCOMPARE(v1->version, QStringLiteral("1"));
    QCOMPARE(v1->description, QStringLiteral("first bake"));
    QCOMPARE(v1->functionArn, QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:versioned:1"));

    writeMarker("v2");
    const auto v2 = await<LambdaFunctionConfiguration>([&](auto done) {
        m_client->publishVersion(QStringLiteral("versioned"), QString(), this, done);
    });
    QVERIFY2(v2.ok(), qPrintable(v2.ok() ? QString() : v2.error().message));
    QCOMPARE(v2->version, QStringLiteral("2"));
    QVERIFY(v2->codeSha256 != v1->codeSha256);
    writeMarker("latest");
}

void TestLambdaClient::paginationFollowsNextMarker()
{
    LambdaPageRequest first;
    first.maxItems = 1;
    QList<int> pageSizes;
    const auto versions = await<QList<LambdaFunctionConfiguration>>([&](auto done) {
        m_client->listAllVersionsByFunction(QStringLiteral("versioned"), first, this,
                                            [&](const LambdaClient::FunctionPage &page) {
                                                pageSizes.append(int(page.items.size()));
                                            },
                                            done);
    });
    QVERIFY2(versions.ok(), qPrintable(versions.ok() ? QString() : versions.error().message));
    QCOMPARE(pageSizes, (QList<int>{1, 1, 1}));
    QStringList names;
    for (const auto &v : *versions)
        names.append(v.version);
    QCOMPARE(names, (QStringList{QStringLiteral("$LATEST"), QStringLiteral("1"), QStringLiteral("2")}));

    first.allVersions = true;
    first.maxItems = 2;
    pageSizes.clear();
    const auto functions = await<QList<LambdaFunctionConfiguration>>([&](auto done) {
        m_client->listAllFunctions(first, this,
                                   [&](const LambdaClient::FunctionPage &page) {
                                       pageSizes.append(int(page.items.size()));
                                   },
                                   done);
    });
    QVERIFY2(functions.ok(), qPrintable(functions.ok() ? QString() : functions.error().message));
    QCOMPARE(pageSizes, (QList<int>{2, 1}));
    QCOMPARE(functions->size(), 3);

    const auto onePage = await<LambdaClient::FunctionPage>([&](auto done) {
        LambdaPageRequest request;
        request.maxItems = 1;
        m_client->listVersionsByFunction(QStringLiteral("versioned"), request, this, done);
    });
    QVERIFY(onePage.ok());
    QCOMPARE(onePage->items.size(), 1);
    QVERIFY(!onePage->nextMarker.isEmpty());
}

void TestLambdaClient::configurationOfAVersion()
{
    const auto v1 = await<LambdaFunctionConfiguration>([&](auto done) {
        m_client->getFunctionConfiguration(QStringLiteral("versioned"), QStringLiteral("1"), this, done);
    });
    QVERIFY2(v1.ok(), qPrintable(v1.ok() ? QString() : v1.error().message));
    QCOMPARE(v1->version, QStringLiteral("1"));
    QCOMPARE(v1->description, QStringLiteral("first bake"));
}

void TestLambdaClient::aliasWithWeights()
{
    LambdaAliasSpec spec;
    spec.functionVersion = QStringLiteral("1");
    spec.additionalVersionWeights.insert(QStringLiteral("2"), 0.1);
    spec.description = QStringLiteral("canary");
    const auto created = await<LambdaAliasConfiguration>([&](auto done) {
        m_client->createAlias(QStringLiteral("versioned"), QStringLiteral("live"), spec, this, done);
    });
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    QCOMPARE(created->aliasArn, QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:versioned:live"));
    QCOMPARE(created->functionVersion, QStringLiteral("1"));
    QCOMPARE(created->additionalVersionWeights.value(QStringLiteral("2")), 0.1);
    QCOMPARE(created->description, QStringLiteral("canary"));

    spec.additionalVersionWeights[QStringLiteral("2")] = 0.25;
    spec.sendDescription = false;
    const auto updated = await<LambdaAliasConfiguration>([&](auto done) {
        m_client->updateAlias(QStringLiteral("versioned"), QStringLiteral("live"), spec, this, done);
    });
    QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().message));
    QCOMPARE(updated->additionalVersionWeights.value(QStringLiteral("2")), 0.25);
    QCOMPARE(updated->description, QStringLiteral("canary"));
    QVERIFY(updated->revisionId != created->revisionId);

    LambdaAliasSpec stable;
    stable.functionVersion = QStringLiteral("2");
    const auto second = await<LambdaAliasConfiguration>([&](auto done) {
        m_client->createAlias(QStringLiteral("versioned"), QStringLiteral("stable"), stable, this, done);
    });
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));

    const auto aliases = await<QList<LambdaAliasConfiguration>>([&](auto done) {
        m_client->listAliases(QStringLiteral("versioned"), this, done);
    });
    QVERIFY2(aliases.ok(), qPrintable(aliases.ok() ? QString() : aliases.error().message));
    QCOMPARE(aliases->size(), 2);
    const auto live = std::find_if(aliases->cbegin(), aliases->cend(),
                                   [](const auto &a) { return a.name == QStringLiteral("live"); });
    QVERIFY(live != aliases->cend());
    QCOMPARE(live->functionVersion, QStringLiteral("1"));
    QCOMPARE(live->additionalVersionWeights.value(QStringLiteral("2")), 0.25);

    const auto got = await<LambdaAliasConfiguration>([&](auto done) {
        m_client->getAlias(QStringLiteral("versioned"), QStringLiteral("stable"), this, done);
    });
    QVERIFY(got.ok());
    QCOMPARE(got->functionVersion, QStringLiteral("2"));
    QVERIFY(got->additionalVersionWeights.isEmpty());
}

void TestLambdaClient::invokeWithQualifierAndTail_data()
{
    QTest::addColumn<QString>("qualifier");
    QTest::addColumn<QString>("executed");
    QTest::addColumn<QByteArray>("marker");

    QTest::newRow("version 1") << QStringLiteral("1") << QStringLiteral("1") << QByteArray("v1");
    QTest::newRow("version 2") << QStringLiteral("2") << QStringLiteral("2") << QByteArray("v2");
    QTest::newRow("alias stable") << QStringLiteral("stable") << QStringLiteral("2") << QByteArray("v2");
    QTest::newRow("$LATEST") << QStringLiteral("$LATEST") << QStringLiteral("$LATEST") << QByteArray("latest");
    QTest::newRow("no qualifier") << QString() << QStringLiteral("$LATEST") << QByteArray("latest");
}

void TestLambdaClient::invokeWithQualifierAndTail()
{
    QFETCH(QString, qualifier);
    QFETCH(QString, executed);
    QFETCH(QByteArray, marker);

    LambdaInvokeRequest request;
    request.functionName = QStringLiteral("versioned");
    request.qualifier = qualifier;
    request.payload = R"({"from": "tst_lambdaclient"})";
    request.tailLog = true;
    const auto result = await<LambdaInvokeResult>([&](auto done) { m_client->invoke(request, this, done); });
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result->statusCode, 200);
    QCOMPARE(result->executedVersion, executed);
    QVERIFY(result->functionError.isEmpty());
    QCOMPARE(result->payload, QByteArray(R"({"marker": ")" + marker + "\"}"));
    QVERIFY2(result->logResult.contains(QByteArray(QByteArray("running code ") + marker)), result->logResult.constData());
    QVERIFY2(result->logResult.contains("REPORT RequestId:"), result->logResult.constData());
}

// The AWS CLI v2 (botocore's parser, not ours) reads the same aliases and versions.
void TestLambdaClient::agreesWithAwsCli()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const GatehouseTest::AwsCli cli(m_emulator->info().baseUrl);
    const QJsonObject live = cli.run({QStringLiteral("lambda"), QStringLiteral("get-alias"), QStringLiteral("--function-name"),
                                      QStringLiteral("versioned"), QStringLiteral("--name"), QStringLiteral("live")})
                                 .json();
    const auto ours = await<LambdaAliasConfiguration>([&](auto done) {
        m_client->getAlias(QStringLiteral("versioned"), QStringLiteral("live"), this, done);
    });
    QVERIFY(ours.ok());
    QCOMPARE(ours->aliasArn, live.value(QStringLiteral("AliasArn")).toString());
    QCOMPARE(ours->functionVersion, live.value(QStringLiteral("FunctionVersion")).toString());
    QCOMPARE(ours->revisionId, live.value(QStringLiteral("RevisionId")).toString());
    const QJsonObject weights =
        live.value(QStringLiteral("RoutingConfig")).toObject().value(QStringLiteral("AdditionalVersionWeights")).toObject();
    QCOMPARE(weights.size(), ours->additionalVersionWeights.size());
    QCOMPARE(weights.value(QStringLiteral("2")).toDouble(), ours->additionalVersionWeights.value(QStringLiteral("2")));

    const QJsonArray versions = cli.run({QStringLiteral("lambda"), QStringLiteral("list-versions-by-function"),
                                         QStringLiteral("--function-name"), QStringLiteral("versioned")})
                                    .json()
                                    .value(QStringLiteral("Versions"))
                                    .toArray();
    const auto ourVersions = await<QList<LambdaFunctionConfiguration>>([&](auto done) {
        m_client->listAllVersionsByFunction(QStringLiteral("versioned"), {}, this, {}, done);
    });
    QVERIFY(ourVersions.ok());
    QCOMPARE(ourVersions->size(), versions.size());
    for (qsizetype i = 0; i < versions.size(); ++i) {
        const QJsonObject v = versions.at(i).toObject();
        const LambdaFunctionConfiguration &o = ourVersions->at(i);
        QCOMPARE(o.version, v.value(QStringLiteral("Version")).toString());
        QCOMPARE(o.functionArn, v.value(QStringLiteral("FunctionArn")).toString());
        QCOMPARE(o.codeSha256, v.value(QStringLiteral("CodeSha256")).toString());
        QCOMPARE(o.codeSize, qint64(v.value(QStringLiteral("CodeSize")).toDouble()));
        QCOMPARE(o.lastModified, v.value(QStringLiteral("LastModified")).toString());
        QCOMPARE(o.description, v.value(QStringLiteral("Description")).toString());
        QCOMPARE(o.memorySize, v.value(QStringLiteral("MemorySize")).toInt());
    }
}

void TestLambdaClient::unknownFunction_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("GetFunctionConfiguration") << QStringLiteral("configuration");
    QTest::newRow("Invoke") << QStringLiteral("invoke");
    QTest::newRow("ListVersionsByFunction") << QStringLiteral("versions");
    QTest::newRow("unknown qualifier") << QStringLiteral("qualifier");
}

void TestLambdaClient::unknownFunction()
{
    QFETCH(QString, operation);
    std::optional<Core::Error> error;
    if (operation == QLatin1String("invoke")) {
        LambdaInvokeRequest request;
        request.functionName = QStringLiteral("no-such-function");
        const auto r = await<LambdaInvokeResult>([&](auto done) { m_client->invoke(request, this, done); });
        QVERIFY(!r.ok());
        error = r.error();
    } else if (operation == QLatin1String("versions")) {
        const auto r = await<QList<LambdaFunctionConfiguration>>([&](auto done) {
            m_client->listAllVersionsByFunction(QStringLiteral("no-such-function"), {}, this, {}, done);
        });
        QVERIFY(!r.ok());
        error = r.error();
    } else {
        const QString name = operation == QLatin1String("qualifier") ? QStringLiteral("versioned")
                                                                      : QStringLiteral("no-such-function");
        const QString qualifier = operation == QLatin1String("qualifier") ? QStringLiteral("99") : QString();
        const auto r = await<LambdaFunctionConfiguration>([&](auto done) {
            m_client->getFunctionConfiguration(name, qualifier, this, done);
        });
        QVERIFY(!r.ok());
        error = r.error();
    }
    QCOMPARE(error->code, Core::ErrorCode::Service);
    QCOMPARE(error->awsCode, QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(error->httpStatus, 404);
    QVERIFY2(error->message.startsWith(QStringLiteral("Lambda ")), qPrintable(error->message));
}

void TestLambdaClient::deleteAlias()
{
    const auto deleted = await<bool>([&](auto done) {
        m_client->deleteAlias(QStringLiteral("versioned"), QStringLiteral("stable"), this, done);
    });
    QVERIFY2(deleted.ok(), qPrintable(deleted.ok() ? QString() : deleted.error().message));
    const auto aliases = await<QList<LambdaAliasConfiguration>>([&](auto done) {
        m_client->listAliases(QStringLiteral("versioned"), this, done);
    });
    QVERIFY(aliases.ok());
    QCOMPARE(aliases->size(), 1);
    QCOMPARE(aliases->first().name, QStringLiteral("live"));
}

QTEST_GUILESS_MAIN(TestLambdaClient)
#include "tst_lambdaclient.moc"
