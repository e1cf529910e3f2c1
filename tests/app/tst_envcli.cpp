// --env NAME of gatehouse request and gatehouse run: saved environments of the GUI found by name
// in a temporary XDG_DATA_HOME, secret values from GATEHOUSE_SECRET_<KEY> when no secret store
// runs (a session bus nobody answers), and never printed.
#include "../common/gatehouseprocess.h"
#include "../core/fakeaws.h"
#include "core/collection/collectionstore.h"
#include "core/environmentstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using GatehouseTest::runGatehouse;

namespace {

const QByteArray Secret = "ci-s3cret-4711";

} // namespace

class TestEnvCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void requestBySavedName();
    void missingSecretIsNamedNotSent();
    void unknownNameListsTheSavedOnes();
    void fileStillWins();
    void runBySavedNameMasksTheSecret();

private:
    QProcessEnvironment environment(bool withSecret) const;

    QTemporaryDir m_data;
    std::unique_ptr<FakeAws> m_server;
};

void TestEnvCli::init()
{
    m_server = std::make_unique<FakeAws>();
    Core::EnvironmentStore store(m_data.filePath(QStringLiteral("Gatehouse/Gatehouse/environments")));
    Core::Environment env;
    env.name = QStringLiteral("Staging EU");
    env.variables = {{QStringLiteral("base"), m_server->url().toString(QUrl::StripTrailingSlash), true, false},
                     {QStringLiteral("api-key"), QString(), true, true}};
    QVERIFY(store.save(env).ok());
    QFile file(store.fileFor(env.name));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"api-key\""));
}

QProcessEnvironment TestEnvCli::environment(bool withSecret) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_data.path());
    env.insert(QStringLiteral("HOME"), m_data.path());
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + m_data.filePath(QStringLiteral("no-bus")));
    env.remove(QStringLiteral("GATEHOUSE_SECRET_API_KEY"));
    if (withSecret)
        env.insert(QStringLiteral("GATEHOUSE_SECRET_API_KEY"), QString::fromLatin1(Secret));
    return env;
}

void TestEnvCli::requestBySavedName()
{
    const auto run = runGatehouse({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{base}}/items?key={{api-key}}"),
                                   QStringLiteral("-H"), QStringLiteral("X-Api-Key: {{api-key}}"), QStringLiteral("--env"),
                                   QStringLiteral("Staging EU")},
                                  {}, environment(true));
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QCOMPARE(m_server->requests.size(), 1);
    QCOMPARE(m_server->requests.at(0).target, QByteArray("/items?key=" + Secret));
    QCOMPARE(m_server->requests.at(0).headers.value("X-Api-Key"), Secret);
    QVERIFY(!run.out.contains(Secret));
    QVERIFY(!run.err.contains(Secret));

    // --print-curl leaves the secret as a {{variable}}.
    const auto curl = runGatehouse({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{base}}/items"),
                                    QStringLiteral("-H"), QStringLiteral("X-Api-Key: {{api-key}}"), QStringLiteral("--env"),
                                    QStringLiteral("Staging EU"), QStringLiteral("--print-curl")},
                                   {}, environment(true));
    QVERIFY2(curl.exitCode == 0, curl.err.constData());
    QVERIFY2(curl.out.contains("{{api-key}}"), curl.out.constData());
    QVERIFY(!curl.out.contains(Secret));
    QVERIFY(!curl.err.contains(Secret));
}

void TestEnvCli::missingSecretIsNamedNotSent()
{
    const auto run = runGatehouse({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{base}}/items"),
                                   QStringLiteral("-H"), QStringLiteral("X-Api-Key: {{api-key}}"), QStringLiteral("--env"),
                                   QStringLiteral("Staging EU")},
                                  {}, environment(false));
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(m_server->requests.size(), 0);
    QVERIFY2(run.err.contains("gatehouse request: note: the secret variable 'api-key' of environment 'Staging EU' has "
                              "no value (no system secret store is running"),
             run.err.constData());
    QVERIFY(run.err.contains("; set GATEHOUSE_SECRET_API_KEY or keep it in the GUI's Environments dialog.\n"));
    QVERIFY(run.err.contains("{{api-key}} is not defined in environment 'Staging EU'."));
}

void TestEnvCli::unknownNameListsTheSavedOnes()
{
    const auto run = runGatehouse({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{base}}/"),
                                   QStringLiteral("--env"), QStringLiteral("prod")},
                                  {}, environment(true));
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QByteArray("gatehouse request: --env 'prod' is neither an environment file nor a saved "
                                 "environment; the saved environments are: Staging EU.\n"));
}

// A file path is read as a file even when a saved environment has that name.
void TestEnvCli::fileStillWins()
{
    QTemporaryDir cwd;
    QFile file(cwd.filePath(QStringLiteral("Staging EU")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"base\": \"" + m_server->url().toString(QUrl::StripTrailingSlash).toUtf8() + "/from-file\"}");
    file.close();
    const auto run = runGatehouse({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{base}}/x"),
                                   QStringLiteral("--env"), file.fileName()},
                                  {}, environment(false));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(m_server->requests.value(0).target, QByteArray("/from-file/x"));
}

// The JSON report names the URL as sent, but with the secret as its {{variable}}.
void TestEnvCli::runBySavedNameMasksTheSecret()
{
    QTemporaryDir dir;
    Core::Collection::Collection collection;
    collection.name = QStringLiteral("Checks");
    Core::Collection::CollectionItem item;
    item.request.name = QStringLiteral("Items");
    item.request.spec.url = QStringLiteral("{{base}}/items?key={{api-key}}");
    collection.root.items = {item};
    const QString path = dir.filePath(QStringLiteral("checks"));
    QVERIFY(Core::Collection::saveCollection(collection, path).ok());

    const auto run = runGatehouse({QStringLiteral("run"), path, QStringLiteral("--env"), QStringLiteral("Staging EU"),
                                   QStringLiteral("--reporter"), QStringLiteral("json")},
                                  {}, environment(true));
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QCOMPARE(m_server->requests.value(0).target, QByteArray("/items?key=" + Secret));
    QVERIFY(!run.out.contains(Secret));
    QVERIFY(!run.err.contains(Secret));
    const QJsonObject report = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(report.value(QStringLiteral("requests")).toArray().at(0).toObject().value(QStringLiteral("url")).toString(),
             m_server->url().toString(QUrl::StripTrailingSlash) + QStringLiteral("/items?key={{api-key}}"));

    const auto text = runGatehouse({QStringLiteral("run"), path, QStringLiteral("--env"), QStringLiteral("Staging EU")}, {},
                                   environment(true));
    QVERIFY2(text.exitCode == 0, QByteArray(text.out + text.err).constData());
    QVERIFY(!text.out.contains(Secret));
    QVERIFY(!text.err.contains(Secret));

    // A failed assertion on an answer that echoes the secret prints it as its {{key}}.
    m_server->answer = FakeAws::response(200, "Content-Type: application/json", "{\"echo\": \"" + Secret + "\"}");
    Core::Collection::Assertion check;
    check.kind = Core::Collection::Assertion::Kind::JsonPath;
    check.subject = QStringLiteral("$.echo");
    check.expected = QStringLiteral("\"something else\""); // compact JSON text
    collection.root.items[0].request.tests = {check};
    const QString checked = dir.filePath(QStringLiteral("checked"));
    QVERIFY(Core::Collection::saveCollection(collection, checked).ok());
    for (const QString &reporter : {QStringLiteral("text"), QStringLiteral("json")}) {
        const auto failed = runGatehouse({QStringLiteral("run"), checked, QStringLiteral("--env"), QStringLiteral("Staging EU"),
                                          QStringLiteral("--reporter"), reporter},
                                         {}, environment(true));
        QVERIFY2(failed.exitCode == 1, QByteArray(failed.out + failed.err).constData());
        QVERIFY2(failed.out.contains("{{api-key}}"), failed.out.constData());
        QVERIFY(!failed.out.contains(Secret));
        QVERIFY(!failed.err.contains(Secret));
    }
}

QTEST_GUILESS_MAIN(TestEnvCli)
#include "tst_envcli.moc"
