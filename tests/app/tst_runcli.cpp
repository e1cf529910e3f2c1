// gatehouse run DIR as a CI job or a lab checker runs it: real processes and exit codes, a
// collection written by core's own save, answers from a canned server on 127.0.0.1 and from the
// emulator's bakery lab.
#include "../common/gatehouseprocess.h"
#include "../core/fakeaws.h"
#include "core/collection/collectionstore.h"
#include "core/emulator/emulator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Core::Collection;
using GatehouseTest::runGatehouse;

namespace {

CollectionItem request(const QString &name, const QString &url, const QList<Assertion> &tests)
{
    CollectionItem item;
    item.request.name = name;
    item.request.spec.url = url;
    item.request.tests = tests;
    return item;
}

Assertion status(int code)
{
    Assertion assertion;
    assertion.status = code;
    return assertion;
}

Assertion jsonPath(const QString &path, const QString &equals = {})
{
    Assertion assertion;
    assertion.kind = Assertion::Kind::JsonPath;
    assertion.subject = path;
    assertion.expected = equals;
    if (equals.isEmpty())
        assertion.check = Assertion::Check::Exists;
    return assertion;
}

Assertion headerContains(const QString &name, const QString &text)
{
    Assertion assertion;
    assertion.kind = Assertion::Kind::Header;
    assertion.check = Assertion::Check::Contains;
    assertion.subject = name;
    assertion.expected = text;
    return assertion;
}

// Saves items as a collection in dir; returns its path.
QString saveItems(const QTemporaryDir &dir, std::vector<CollectionItem> items)
{
    Gatehouse::Core::Collection::Collection collection;
    collection.name = QStringLiteral("Checks");
    collection.variables = {
        {QStringLiteral("base"), QStringLiteral("http://127.0.0.1:1"), true, false},
        {QStringLiteral("token"), QString(), false, true}};
    collection.root.items = std::move(items);
    const QString path = dir.filePath(QStringLiteral("checks"));
    const auto saved = saveCollection(collection, path);
    return saved.ok() ? path : QString();
}

QString writeEnvironment(const QTemporaryDir &dir, const QByteArray &json)
{
    const QString path = dir.filePath(QStringLiteral("local.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(json);
    return path;
}

} // namespace

class TestRunCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void passingRunExitsZero();
    void failedAssertionExitsOne();
    void undefinedVariableIsNamed();
    void noAnswerExitsThree();
    void malformedCollectionExitsTwo();
    void badArguments_data();
    void badArguments();
    void folderAndBail();
    void jsonReporter();
    void bakeryLabSnack();

private:
    std::unique_ptr<FakeAws> m_server;
    QTemporaryDir m_dir;
    QString m_env;
};

void TestRunCli::init()
{
    m_server = std::make_unique<FakeAws>();
    m_server->answer =
        FakeAws::response(200, "Content-Type: application/json; charset=utf-8",
                          "{\"items\": [{\"id\": 3, \"name\": \"rye\"}], \"count\": 1}");
    m_env = writeEnvironment(m_dir, "{\"base\": \"" + m_server->url().toString().toUtf8() + "\"}");
}

void TestRunCli::passingRunExitsZero()
{
    const QString collection = saveItems(
        m_dir, {request(QStringLiteral("List items"), QStringLiteral("{{base}}/items"),
                        {status(200),
                         headerContains(QStringLiteral("Content-Type"), QStringLiteral("json")),
                         jsonPath(QStringLiteral("$.items[0].id"), QStringLiteral("3")),
                         jsonPath(QStringLiteral("$.items"))}),
                request(QStringLiteral("Count"), QStringLiteral("{{base}}/count"),
                        {jsonPath(QStringLiteral("$['count']"), QStringLiteral("1"))})});
    QVERIFY(!collection.isEmpty());
    const auto run =
        runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"), m_env});
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QVERIFY2(run.out.contains("PASS      List items  200"), run.out.constData());
    QVERIFY(run.out.contains("PASS      Count  200"));
    QVERIFY(run.out.contains(
        "2 requests: 2 passed, 0 failed, 0 not sent, 0 without an answer; 5 of 5 assertions held"));
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(m_server->requests.at(0).path, QByteArray("/items"));
    QCOMPARE(m_server->requests.at(1).path, QByteArray("/count"));
}

void TestRunCli::failedAssertionExitsOne()
{
    const QString collection = saveItems(
        m_dir, {request(QStringLiteral("Create"), QStringLiteral("{{base}}/items"),
                        {status(201),
                         jsonPath(QStringLiteral("$.items[0].name"), QStringLiteral("\"wheat\"")),
                         jsonPath(QStringLiteral("$.items[0].id"), QStringLiteral("3"))})});
    const auto run =
        runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"), m_env});
    QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
    QVERIFY2(run.out.contains("FAIL      Create  200"), run.out.constData());
    QVERIFY(run.out.contains("status: expected 201, actual 200"));
    QVERIFY(run.out.contains("$.items[0].name equals: expected \"wheat\", actual \"rye\""));
    QVERIFY(!run.out.contains("$.items[0].id equals")); // held, so not listed
    QVERIFY(run.out.contains("1 of 3 assertions held"));
}

void TestRunCli::undefinedVariableIsNamed()
{
    CollectionItem secret =
        request(QStringLiteral("Needs a token"), QStringLiteral("{{base}}/me"), {status(200)});
    secret.request.inheritAuth = false;
    secret.request.spec.auth.kind = Core::AuthKind::Bearer;
    secret.request.spec.auth.bearerToken = QStringLiteral("{{token}}");
    const QString collection = saveItems(
        m_dir,
        {secret, request(QStringLiteral("Open"), QStringLiteral("{{base}}/open"), {status(200)})});
    const auto run =
        runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"), m_env});
    QVERIFY2(run.exitCode == 2, QByteArray(run.out + run.err).constData());
    QVERIFY2(run.out.contains("NOT SENT  Needs a token"), run.out.constData());
    QVERIFY(run.out.contains(
        "{{token}} is not defined in the collection's variables or the environment 'local'."));
    QVERIFY(run.out.contains("PASS      Open"));
    QCOMPARE(m_server->requests.size(), 1); // the run went on, and the first request never left

    // With the token in the environment it is sent, as a Bearer header.
    const QString env = writeEnvironment(
        m_dir, "{\"values\": [{\"key\": \"base\", \"value\": \"" +
                   m_server->url().toString().toUtf8() +
                   "\"}, {\"key\": \"token\", \"value\": \"abc.def\", \"type\": \"secret\"}]}");
    const auto second =
        runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"), env});
    QVERIFY2(second.exitCode == 0, QByteArray(second.out + second.err).constData());
    QCOMPARE(m_server->requests.at(1).headers.value("Authorization"), QByteArray("Bearer abc.def"));
}

void TestRunCli::noAnswerExitsThree()
{
    const QString collection = saveItems(
        m_dir,
        {request(QStringLiteral("Nobody home"), QStringLiteral("{{base}}/"), {status(200)})});
    const auto run =
        runGatehouse({QStringLiteral("run"), collection}); // the collection's base: port 1
    QVERIFY2(run.exitCode == 3, QByteArray(run.out + run.err).constData());
    QVERIFY2(run.out.contains("NO ANSWER Nobody home"), run.out.constData());
    QVERIFY(run.out.contains("refused"));
}

void TestRunCli::malformedCollectionExitsTwo()
{
    const auto run = runGatehouse(
        {QStringLiteral("run"), QStringLiteral(GATEHOUSE_TEST_DATA "/collections/broken")});
    QVERIFY2(run.exitCode == 2, QByteArray(run.out + run.err).constData());
    QVERIFY2(run.err.contains("collections/broken/missing-comma.request.json:4:"),
             run.err.constData());
    QVERIFY(run.err.contains(
        "collections/broken/unknown-field.request.json:9:3: unknown field \"retries\""));
    QVERIFY(run.err.contains(
        "collections/broken/literal-token.request.json:7:5: \"token\" holds a secret in clear"));
    QVERIFY(run.err.contains("nothing was sent"));
    QVERIFY(run.out.isEmpty());
}

void TestRunCli::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("no folder") << QStringList{} << QByteArray("give one collection folder");
    QTest::newRow("not a collection")
        << QStringList{QStringLiteral(GATEHOUSE_TEST_DATA "/collections")}
        << QByteArray("no collection.json");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("x"), QStringLiteral("--fast")}
                                    << QByteArray("unknown option '--fast'");
    QTest::newRow("bad reporter") << QStringList{QStringLiteral("x"), QStringLiteral("--reporter"),
                                                 QStringLiteral("xml")}
                                  << QByteArray("text or json");
    QTest::newRow("missing env file")
        << QStringList{QStringLiteral(GATEHOUSE_TEST_DATA "/collections/bakery"),
                       QStringLiteral("--env"), QStringLiteral("/nonexistent.json")}
        << QByteArray("nonexistent.json");
    QTest::newRow("unknown folder")
        << QStringList{QStringLiteral(GATEHOUSE_TEST_DATA "/collections/bakery"),
                       QStringLiteral("--folder"), QStringLiteral("Refunds")}
        << QByteArray("no folder 'Refunds'");
}

void TestRunCli::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, expected);
    const auto run = runGatehouse(QStringList{QStringLiteral("run")} + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected), run.err.constData());
}

void TestRunCli::folderAndBail()
{
    CollectionItem folder;
    folder.kind = CollectionItem::Kind::Folder;
    folder.folder.name = QStringLiteral("Orders");
    folder.folder.items = {
        request(QStringLiteral("Fails first"), QStringLiteral("{{base}}/a"), {status(404)}),
        request(QStringLiteral("Then passes"), QStringLiteral("{{base}}/b"), {status(200)})};
    const QString collection = saveItems(
        m_dir,
        {request(QStringLiteral("Outside"), QStringLiteral("{{base}}/outside"), {}), folder});
    const auto run = runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"),
                                   m_env, QStringLiteral("--folder"), QStringLiteral("Orders")});
    QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
    QVERIFY(run.out.contains("FAIL      Orders / Fails first"));
    QVERIFY(run.out.contains("PASS      Orders / Then passes"));
    QVERIFY(!run.out.contains("Outside"));

    const auto bail = runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"),
                                    m_env, QStringLiteral("--folder"), QStringLiteral("orders"),
                                    QStringLiteral("--bail")});
    QVERIFY2(bail.exitCode == 1, QByteArray(bail.out + bail.err).constData());
    QVERIFY(!bail.out.contains("Then passes"));
    QVERIFY(bail.out.contains("1 skipped after --bail"));
    QCOMPARE(m_server->requests.size(), 3);
}

void TestRunCli::jsonReporter()
{
    const QString collection = saveItems(
        m_dir, {request(QStringLiteral("List"), QStringLiteral("{{base}}/items"),
                        {status(200), jsonPath(QStringLiteral("$.count"), QStringLiteral("2"))})});
    const auto run = runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"),
                                   m_env, QStringLiteral("--reporter"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, 1);
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(run.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, run.out.constData());
    QCOMPARE(report.value(QStringLiteral("exitCode")).toInt(), 1);
    const QJsonObject first = report.value(QStringLiteral("requests")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("List"));
    QCOMPARE(first.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
    QCOMPARE(first.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(first.value(QStringLiteral("url")).toString(),
             m_server->url().toString() + QStringLiteral("/items"));
    const QJsonObject failed = first.value(QStringLiteral("assertions")).toArray().at(1).toObject();
    QCOMPARE(failed.value(QStringLiteral("passed")).toBool(), false);
    QCOMPARE(failed.value(QStringLiteral("expected")).toString(), QStringLiteral("2"));
    QCOMPARE(failed.value(QStringLiteral("actual")).toString(), QStringLiteral("1"));
}

// The lab checker case: the emulator's bakery lab in this process, the collection checks GET
// /snack.
void TestRunCli::bakeryLabSnack()
{
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QString api;
    for (const Core::EmulatorApiInfo &info : emulator.info().apis) {
        for (const Core::EmulatorRouteInfo &route : info.routes) {
            if (route.routeKey == QLatin1String("GET /snack") && info.kind == QLatin1String("HTTP API"))
                api = info.pathStyleUrl; // the partner REST API has GET /snack too, behind a key
        }
    }
    QVERIFY(!api.isEmpty());
    const QString env =
        writeEnvironment(m_dir, "{\"base\": \"" + api.toUtf8() + "\", \"sts\": \"" +
                                    emulator.info().baseUrl.toUtf8() +
                                    "\", \"keyId\": \"test\", \"secret\": \"test\"}");
    // Signed with SigV4 through the same authorizer as gatehouse request, keys from the
    // environment: the emulator's STS checks the signature.
    CollectionItem whoami = request(
        QStringLiteral("Who am I"), QStringLiteral("{{sts}}/"),
        {status(200), headerContains(QStringLiteral("Content-Type"), QStringLiteral("xml"))});
    whoami.request.spec.method = QStringLiteral("POST");
    whoami.request.spec.bodyKind = Core::BodyKind::Text;
    whoami.request.spec.body = QStringLiteral("Action=GetCallerIdentity&Version=2011-06-15");
    whoami.request.spec.headers = {{true, QStringLiteral("Content-Type"),
                                    QStringLiteral("application/x-www-form-urlencoded")}};
    whoami.request.inheritAuth = false;
    Core::RequestAuth &auth = whoami.request.spec.auth;
    auth.kind = Core::AuthKind::AwsSigV4;
    auth.source = Core::AwsCredentialSource::AccessKeys;
    auth.accessKeyId = QStringLiteral("{{keyId}}");
    auth.secretAccessKey = QStringLiteral("{{secret}}");
    auth.service = QStringLiteral("sts");
    auth.region = QStringLiteral("us-east-1");
    const QString collection = saveItems(
        m_dir,
        {request(
             QStringLiteral("Get a snack"), QStringLiteral("{{base}}/snack"),
             {status(200),
              headerContains(QStringLiteral("content-type"), QStringLiteral("application/json")),
              jsonPath(QStringLiteral("$.snack")), jsonPath(QStringLiteral("$.requestId"))}),
         request(
             QStringLiteral("No such route"), QStringLiteral("{{base}}/cake"),
             {status(404), jsonPath(QStringLiteral("$.message"), QStringLiteral("\"Not Found\""))}),
         whoami});
    const auto run =
        runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"), env});
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QVERIFY(run.out.contains("PASS      Get a snack  200"));
    QVERIFY(run.out.contains("PASS      No such route  404"));
    QVERIFY(run.out.contains("PASS      Who am I  200"));

    // A wrong secret: the emulator refuses the signature and the assertion says so.
    const QString wrong =
        writeEnvironment(m_dir, "{\"base\": \"" + api.toUtf8() + "\", \"sts\": \"" +
                                    emulator.info().baseUrl.toUtf8() +
                                    "\", \"keyId\": \"test\", \"secret\": \"not-test\"}");
    const auto refused =
        runGatehouse({QStringLiteral("run"), collection, QStringLiteral("--env"), wrong});
    QVERIFY2(refused.exitCode == 1, QByteArray(refused.out + refused.err).constData());
    QVERIFY(refused.out.contains("FAIL      Who am I  403"));
    QVERIFY(refused.out.contains("status: expected 200, actual 403"));
}

QTEST_GUILESS_MAIN(TestRunCli)
#include "tst_runcli.moc"
