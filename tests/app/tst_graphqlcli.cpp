// gatehouse graphql query / subscribe / schema against AWS Amplify's AppSync simulator
// (tests/peers/appsync-simulator): exit codes, errors with their paths in words, one JSON line
// per event, SDL from introspection, and no secret on stderr even with --trace; a token from
// a Cognito sign-in against the emulator's bakery pool, which the simulator checks by issuer.
#include "../common/gatehouseprocess.h"
#include "../core/graphqlpeer.h"

#include "core/emulator/emulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

using GatehouseTest::runGatehouse;

namespace {

const QByteArray ApiKey = "da2-gatehousetestkey0000000001";

QProcessEnvironment environmentWithKey(const QByteArray &key = ApiKey)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GATEHOUSE_APPSYNC_API_KEY"), QString::fromUtf8(key));
    return environment;
}

} // namespace

class TestGraphQLCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_simulator = std::make_unique<GraphQLPeer>(QStringLiteral("serve.js"));
        QVERIFY2(m_simulator->port() > 0, qPrintable(m_simulator->problem()));
        m_url = QStringLiteral("http://127.0.0.1:%1/graphql").arg(m_simulator->port());
    }
    void cleanupTestCase() { m_simulator.reset(); }

    void queryPrintsResponse()
    {
        const auto run = runGatehouse({QStringLiteral("graphql"), QStringLiteral("query"), m_url,
                                       QStringLiteral("-q"),
                                       QStringLiteral("query G($n: String!) { getDestination(name: $n) { name activities } }"),
                                       QStringLiteral("--vars"), QStringLiteral("{\"n\": \"Quito\"}")},
                                      {}, environmentWithKey());
        QCOMPARE(run.exitCode, 0);
        const QJsonObject destination = QJsonDocument::fromJson(run.out).object()
                                            .value(QStringLiteral("data")).toObject()
                                            .value(QStringLiteral("getDestination")).toObject();
        QCOMPARE(destination.value(QStringLiteral("name")).toString(), QStringLiteral("Quito"));
        QCOMPARE(destination.value(QStringLiteral("activities")).toArray().size(), 2);
        QVERIFY(run.err.isEmpty());
    }

    void queryWithIamFromEnvironment()
    {
        // Credentials from the default chain (environment), region given: the simulator takes
        // any SigV4 Authorization (tst_graphqltransport checks the signature with botocore).
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEXAMPLE"));
        environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        environment.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("/nonexistent/config"));
        environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/nonexistent/credentials"));
        environment.remove(QStringLiteral("GATEHOUSE_APPSYNC_API_KEY"));
        const auto run = runGatehouse({QStringLiteral("graphql"), QStringLiteral("query"), m_url, QStringLiteral("-q"),
                                       QStringLiteral("{ getDestination(name: \"Bern\") { name } }"),
                                       QStringLiteral("--auth"), QStringLiteral("iam"), QStringLiteral("--region"),
                                       QStringLiteral("eu-central-1")},
                                      {}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("\"name\": \"Bern\""), run.out.constData());
        QVERIFY(!run.err.contains("wJalrXUtnFEMI"));
    }

    void cognitoSignInToken()
    {
        // The bakery lab's pool on the embedded emulator signs the baker in (SRP); a simulator
        // that trusts only that pool's issuer (OIDC) lets the query through.
        Gatehouse::Emulator::EmulatorOptions emulatorOptions;
        emulatorOptions.port = 0;
        emulatorOptions.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
        Gatehouse::Emulator::Emulator emulator(emulatorOptions);
        const auto started = emulator.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        const QString pool = emulator.lab().userPools.at(0).poolId;
        const QString client = emulator.lab().userPools.at(0).clients.at(0).clientId;
        QProcessEnvironment issuer;
        issuer.insert(QStringLiteral("APPSYNC_SIM_OIDC_ISSUER"), emulator.info().baseUrl + QLatin1Char('/') + pool);
        GraphQLPeer trusting(QStringLiteral("serve.js"), issuer);
        QVERIFY2(trusting.port() > 0, qPrintable(trusting.problem()));
        const QString url = QStringLiteral("http://127.0.0.1:%1/graphql").arg(trusting.port());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("GATEHOUSE_APPSYNC_API_KEY"));
        const QStringList arguments{QStringLiteral("graphql"), QStringLiteral("query"), url, QStringLiteral("-q"),
                                    QStringLiteral("{ getDestination(name: \"Bakery\") { name } }"),
                                    QStringLiteral("--auth"), QStringLiteral("oidc"),
                                    QStringLiteral("--cognito-pool"), pool, QStringLiteral("--client-id"), client,
                                    QStringLiteral("--user"), QStringLiteral("baker@example.com"),
                                    QStringLiteral("--cognito-endpoint"), emulator.info().baseUrl,
                                    QStringLiteral("--password-stdin")};
        const auto run = runGatehouse(arguments, "Sourdough-2024\n", environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("\"name\": \"Bakery\""), run.out.constData());
        QVERIFY(!run.err.contains("Sourdough-2024"));

        // The same user with a wrong password never reaches the API; said in words.
        const auto refused = runGatehouse(arguments, "not-the-password\n", environment);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("cannot get the token"), refused.err.constData());
        QVERIFY(refused.out.isEmpty());

        // A token the simulator does not trust (the first simulator's issuer is another one).
        const QStringList elsewhere = QStringList(arguments).replaceInStrings(url, m_url);
        const auto untrusted = runGatehouse(elsewhere, "Sourdough-2024\n", environment);
        QCOMPARE(untrusted.exitCode, 4);
        QVERIFY2(untrusted.err.contains("UnauthorizedException"), untrusted.err.constData());
    }

    void queryWithErrorsExitsOne()
    {
        const auto run = runGatehouse({QStringLiteral("graphql"), QStringLiteral("query"), m_url,
                                       QStringLiteral("-q"), QStringLiteral("{ failing }")},
                                      {}, environmentWithKey());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains("\"errors\""));
        QVERIFY2(run.err.contains("error at failing (line:column 1:3): the failing field always fails [TestError]"),
                 run.err.constData());
    }

    void wrongKeyInWords()
    {
        const auto run = runGatehouse({QStringLiteral("graphql"), QStringLiteral("query"), m_url,
                                       QStringLiteral("-q"), QStringLiteral("{ failing }"),
                                       QStringLiteral("--api-key"), QStringLiteral("-")},
                                      "da2-this-key-is-wrong\n", QProcessEnvironment::systemEnvironment());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("Invalid API key [UnauthorizedException]"), run.err.constData());
        QVERIFY(!run.err.contains("da2-this-key-is-wrong"));
    }

    void badInputInWords_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("non-JSON variables")
            << QStringList{QStringLiteral("query"), QStringLiteral("URL"), QStringLiteral("-q"),
                           QStringLiteral("{ failing }"), QStringLiteral("--vars"), QStringLiteral("{n:")}
            << 2 << QByteArray("variables are not valid JSON");
        QTest::newRow("no document") << QStringList{QStringLiteral("query"), QStringLiteral("URL")} << 2
                                     << QByteArray("give the GraphQL document");
        QTest::newRow("unknown auth")
            << QStringList{QStringLiteral("query"), QStringLiteral("URL"), QStringLiteral("-q"),
                           QStringLiteral("{ a }"), QStringLiteral("--auth"), QStringLiteral("kerberos")}
            << 2 << QByteArray("Unknown auth mode 'kerberos'");
        QTest::newRow("not a GraphQL endpoint")
            << QStringList{QStringLiteral("query"), QStringLiteral("ROOT/nothing"), QStringLiteral("-q"),
                           QStringLiteral("{ a }")}
            << 4 << QByteArray("HTTP 404 Not Found without a GraphQL response");
    }

    void badInputInWords()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, expected);
        for (QString &argument : arguments) {
            argument.replace(QStringLiteral("URL"), m_url);
            argument.replace(QStringLiteral("ROOT"), m_url.chopped(8));
        }
        arguments.prepend(QStringLiteral("graphql"));
        const auto run = runGatehouse(arguments, {}, environmentWithKey());
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(expected), run.err.constData());
    }

    void subscribePrintsEvents()
    {
        QProcess subscriber;
        subscriber.setProcessEnvironment(environmentWithKey());
        subscriber.start(QStringLiteral(GATEHOUSE_EXECUTABLE),
                         {QStringLiteral("graphql"), QStringLiteral("subscribe"), m_url,
                          QStringLiteral("--realtime-url"),
                          QStringLiteral("ws://127.0.0.1:%1/graphql").arg(m_simulator->port()),
                          QStringLiteral("-q"), QStringLiteral("subscription { onActivityAdded { destination name } }"),
                          QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--trace"),
                          QStringLiteral("--wait"), QStringLiteral("20")});
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += subscriber.readAllStandardError()).contains("subscribed (id "), 15000);
        for (const char *name : {"museum", "market"}) {
            const auto mutation = runGatehouse(
                {QStringLiteral("graphql"), QStringLiteral("query"), m_url, QStringLiteral("-q"),
                 QStringLiteral("mutation { addActivity(destination: \"Cusco\", name: \"%1\") { id } }")
                     .arg(QLatin1String(name))},
                {}, environmentWithKey());
            QCOMPARE(mutation.exitCode, 0);
        }
        // It may have printed both events and exited while the second mutation returned.
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), QProcess::NotRunning, 15000);
        QCOMPARE(subscriber.exitStatus(), QProcess::NormalExit);
        QCOMPARE(subscriber.exitCode(), 0);
        const QList<QByteArray> lines = subscriber.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QStringList names;
        for (const QByteArray &line : lines) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            QVERIFY(!event.value(QStringLiteral("id")).toString().isEmpty());
            names << event.value(QStringLiteral("payload")).toObject().value(QStringLiteral("data")).toObject()
                         .value(QStringLiteral("onActivityAdded")).toObject().value(QStringLiteral("name")).toString();
        }
        QCOMPARE(names, (QStringList{QStringLiteral("museum"), QStringLiteral("market")}));
        err += subscriber.readAllStandardError();
        QVERIFY2(err.contains("> {\"id\":") && err.contains("\"type\":\"start_ack\""), err.constData());
        QVERIFY2(err.contains("\"x-api-key\":\"***\""), err.constData());
        QVERIFY(!err.contains(ApiKey));
    }

    void subscribeStopsOnSigterm()
    {
        QProcess subscriber;
        subscriber.setProcessEnvironment(environmentWithKey());
        subscriber.start(QStringLiteral(GATEHOUSE_EXECUTABLE),
                         {QStringLiteral("graphql"), QStringLiteral("subscribe"), m_url,
                          QStringLiteral("--realtime-url"),
                          QStringLiteral("ws://127.0.0.1:%1/graphql").arg(m_simulator->port()),
                          QStringLiteral("-q"), QStringLiteral("subscription { onActivityAdded { name } }"),
                          QStringLiteral("--trace")});
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += subscriber.readAllStandardError()).contains("subscribed (id "), 15000);
        subscriber.terminate(); // SIGTERM
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), QProcess::NotRunning, 10000);
        QCOMPARE(subscriber.exitStatus(), QProcess::NormalExit);
        QCOMPARE(subscriber.exitCode(), 0);
        err += subscriber.readAllStandardError();
        // It said stop before closing, as AppSync asks, and the server completed.
        QVERIFY2(err.contains("\"type\":\"stop\"") && err.contains("\"type\":\"complete\""), err.constData());
    }

    void subscribeRefusedInWords()
    {
        // A port nobody listens on: the connection is refused, exit 3.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        const auto run = runGatehouse({QStringLiteral("graphql"), QStringLiteral("subscribe"),
                                       QStringLiteral("http://127.0.0.1:%1/graphql").arg(port),
                                       QStringLiteral("-q"), QStringLiteral("subscription { a }")},
                                      {}, environmentWithKey());
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("ended before it was ready") || run.err.contains("refused"), run.err.constData());
    }

    void schemaPrintsSdl()
    {
        const auto run = runGatehouse({QStringLiteral("graphql"), QStringLiteral("schema"), m_url},
                                      {}, environmentWithKey());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("type Destination {\n  name: String!\n  weather: String\n  activities: [String]\n}"),
                 run.out.constData());
        QVERIFY(run.out.contains("onActivityAdded(destination: String): Activity"));
        const auto json = runGatehouse({QStringLiteral("graphql"), QStringLiteral("schema"), m_url, QStringLiteral("--json")},
                                       {}, environmentWithKey());
        QCOMPARE(json.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(json.out).object().value(QStringLiteral("data")).toObject()
                    .contains(QStringLiteral("__schema")));
    }

private:
    std::unique_ptr<GraphQLPeer> m_simulator;
    QString m_url;
};

QTEST_GUILESS_MAIN(TestGraphQLCli)
#include "tst_graphqlcli.moc"
