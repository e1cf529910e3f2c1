// gatehouse import and export end to end: an OpenAPI document describing the bakery lab's
// GET /snack imports to a request that the emulator (in-process) answers with 200, both in
// core and through the CLI; the exchange is written as HAR and checked by Python's json;
// --print-curl prints a command that Debian's curl runs against the same emulator; the
// emulator's own index imports; problems and exit codes as documented.
#include "../common/gatehouseprocess.h"
#include "core/emulator/emulator.h"
#include "core/httpclient.h"
#include "core/import/openapiimport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace Gatehouse;
using GatehouseTest::runGatehouse;

namespace {

const QString kBakeryDocument = QStringLiteral(GATEHOUSE_TEST_DATA "/import/bakery-openapi.yaml");

} // namespace

class TestImportCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void importedRequestReachesEmulator();
    void cliImportThenRequestWithHar();
    void harMasksSecretVariables();
    void printCurlRunsWithCurl();
    void importEmulatorIndex();
    void problemsAndExitCodes();

private:
    QString envFile() const { return m_dir.filePath(QStringLiteral("env.json")); }

    std::unique_ptr<Emulator::Emulator> m_emulator;
    QString m_apiUrl; // path-style URL of the API that serves GET /snack
    QTemporaryDir m_dir;
};

void TestImportCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    for (const Core::EmulatorApiInfo &api : m_emulator->info().apis) {
        for (const Core::EmulatorRouteInfo &route : api.routes) {
            if (route.routeKey == QLatin1String("GET /snack") && api.kind == QLatin1String("HTTP API"))
                m_apiUrl = api.pathStyleUrl;
        }
    }
    QVERIFY(!m_apiUrl.isEmpty());
    QFile env(envFile());
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write(QJsonDocument(QJsonObject{{QStringLiteral("baseUrl"), m_apiUrl}}).toJson());
}

void TestImportCli::cleanupTestCase()
{
    m_emulator.reset();
}

// The proof the issue asks for, in core: document → request → 200 from the emulated API.
void TestImportCli::importedRequestReachesEmulator()
{
    QFile file(kBakeryDocument);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Core::Import::ImportResult result =
        Core::Import::importOpenApi(file.readAll(), kBakeryDocument);
    QCOMPARE(result.requests.size(), 1);
    const Core::Import::ImportedRequest &snack = result.requests.first();
    QCOMPARE(snack.name, QStringLiteral("getSnack"));
    QCOMPARE(snack.spec.url, QStringLiteral("{{baseUrl}}/snack"));
    QCOMPARE(result.variables.value(QStringLiteral("baseUrl")),
             QStringLiteral("https://abcdefghij.execute-api.us-east-1.amazonaws.com"));

    Core::Environment env;
    env.variables = {{QStringLiteral("baseUrl"), m_apiUrl}};
    const Core::Result<Core::HttpClientRequest> request = snack.spec.toClientRequest(env);
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    Core::HttpClient client;
    Core::HttpJob *job = client.send(*request);
    std::optional<Core::Result<Core::HttpClientResponse>> received;
    connect(
        job, &Core::HttpJob::finished, this,
        [&received](const Core::Result<Core::HttpClientResponse> &result) { received = result; });
    QTRY_VERIFY_WITH_TIMEOUT(received.has_value(), 20000);
    const Core::Result<Core::HttpClientResponse> &answer = *received;
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    QCOMPARE(answer->status, 200);
    QVERIFY2(answer->body.contains("snack"), answer->body.constData());
    QCOMPARE(request->headers.value("X-Customer"),
             QByteArray("ada")); // the header's example came along
}

void TestImportCli::cliImportThenRequestWithHar()
{
    const auto imported = runGatehouse({QStringLiteral("import"), QStringLiteral("openapi"),
                                        kBakeryDocument, QStringLiteral("--json")});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(imported.out).object();
    const QJsonObject request = doc.value(QLatin1String("requests")).toArray().first().toObject();
    QCOMPARE(request.value(QLatin1String("method")).toString(), QStringLiteral("GET"));
    const QString url = request.value(QLatin1String("url")).toString();
    QCOMPARE(url, QStringLiteral("{{baseUrl}}/snack"));
    QCOMPARE(request.value(QLatin1String("folder")).toArray().first().toString(),
             QStringLiteral("snacks"));

    const QString har = m_dir.filePath(QStringLiteral("snack.har"));
    const auto sent = runGatehouse(
        {QStringLiteral("request"), QStringLiteral("GET"), url, QStringLiteral("--env"), envFile(),
         QStringLiteral("-H"), QStringLiteral("Cookie: sid=cookie-secret-1"), QStringLiteral("-H"),
         QStringLiteral("X-Api-Key: key-secret-2"), QStringLiteral("--har"), har});
    QVERIFY2(sent.exitCode == 0, sent.err.constData());
    QVERIFY2(sent.out.startsWith("HTTP/1.1 200"), sent.out.constData());

    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/app/check_har.py"), har,
                  QStringLiteral("GET"), QStringLiteral("200"), QStringLiteral("cookie-secret-1"),
                  QStringLiteral("key-secret-2")});
    QVERIFY(python.waitForFinished(20000));
    const QByteArray verdict = python.readAllStandardOutput() + python.readAllStandardError();
    QVERIFY2(python.exitCode() == 0 && verdict.trimmed() == "ok", verdict.constData());
}

// A secret variable's value can sit in any header, the URL or the body: the HAR keeps {{name}}.
void TestImportCli::harMasksSecretVariables()
{
    const QString env = m_dir.filePath(QStringLiteral("secret-env.json"));
    QFile file(env);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QJsonArray values{
        QJsonObject{{QStringLiteral("key"), QStringLiteral("baseUrl")}, {QStringLiteral("value"), m_apiUrl},
                    {QStringLiteral("enabled"), true}},
        QJsonObject{{QStringLiteral("key"), QStringLiteral("partnerToken")},
                    {QStringLiteral("value"), QStringLiteral("partner-secret-3")},
                    {QStringLiteral("enabled"), true}, {QStringLiteral("type"), QStringLiteral("secret")}}};
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("partners")},
                                         {QStringLiteral("values"), values}})
                   .toJson());
    file.close();

    const QString har = m_dir.filePath(QStringLiteral("secret.har"));
    const auto sent = runGatehouse(
        {QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{baseUrl}}/snack?t={{partnerToken}}"),
         QStringLiteral("--env"), env, QStringLiteral("-H"), QStringLiteral("X-Partner-Token: {{partnerToken}}"),
         QStringLiteral("--har"), har});
    QVERIFY2(sent.exitCode == 0, sent.err.constData());

    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/app/check_har.py"), har, QStringLiteral("GET"),
                  QStringLiteral("200"), QStringLiteral("partner-secret-3")});
    QVERIFY(python.waitForFinished(20000));
    const QByteArray verdict = python.readAllStandardOutput() + python.readAllStandardError();
    QVERIFY2(python.exitCode() == 0 && verdict.trimmed() == "ok", verdict.constData());
    QFile written(har);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray text = written.readAll();
    QVERIFY2(text.contains("{{partnerToken}}"), text.constData()); // the header names its variable
}

void TestImportCli::printCurlRunsWithCurl()
{
    const auto printed = runGatehouse(
        {QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{baseUrl}}/snack"),
         QStringLiteral("--env"), envFile(), QStringLiteral("-H"),
         QStringLiteral("X-Note: it's {{missing}}"), QStringLiteral("--print-curl")});
    QCOMPARE(printed.exitCode, 0);
    const QString command = QString::fromUtf8(printed.out).trimmed();
    QCOMPARE(command,
             QStringLiteral("curl %1/snack -H 'X-Note: it'\\''s {{missing}}'").arg(m_apiUrl));
    QVERIFY2(printed.err.contains("missing"), printed.err.constData());

    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), command + QStringLiteral(" -s -w '\\n%{http_code}'")});
    QSignalSpy done(&shell, &QProcess::finished);
    QVERIFY(done.wait(20000));
    const QByteArray out = shell.readAllStandardOutput();
    QVERIFY2(out.endsWith("\n200"), out.constData());
    QVERIFY(out.contains("snack"));
}

void TestImportCli::importEmulatorIndex()
{
    const auto listed = runGatehouse({QStringLiteral("import"), QStringLiteral("emulator"),
                                      m_emulator->info().baseUrl + QLatin1Char('/')});
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    // Two APIs (the HTTP API and the partners' REST API): one base URL variable each.
    const QByteArray apiId = m_apiUrl.section(QLatin1Char('/'), -1).toUtf8();
    QVERIFY2(listed.out.contains(QByteArray("GET {{baseUrl_" + apiId + "}}/snack")), listed.out.constData());
    QVERIFY(listed.out.contains(m_apiUrl.toUtf8()));
}

void TestImportCli::problemsAndExitCodes()
{
    const auto broken = runGatehouse({QStringLiteral("import"), QStringLiteral("openapi"),
                                      QStringLiteral(GATEHOUSE_TEST_DATA "/import/broken.yaml")});
    QCOMPARE(broken.exitCode, 2);
    QVERIFY2(broken.err.contains("/import/broken.yaml:9:6: error: not valid YAML or JSON"),
             broken.err.constData());

    const auto partial = runGatehouse(
        {QStringLiteral("import"), QStringLiteral("curl"), QStringLiteral("-")},
        "curl https://example.com/a -H 'Authorization: Bearer tok-secret-3'\ncurl 'unterminated\n");
    QCOMPARE(partial.exitCode, 0);
    QVERIFY(partial.out.contains("GET https://example.com/a"));
    QVERIFY(!partial.out.contains("tok-secret-3"));
    QVERIFY(partial.out.contains("bearerToken"));
    QVERIFY2(partial.err.contains("-:2:6: error: a single quote opened here is never closed"),
             partial.err.constData());

    const auto detected = runGatehouse({QStringLiteral("import"), kBakeryDocument});
    QCOMPARE(detected.exitCode, 0);
    QVERIFY(detected.out.contains("GET {{baseUrl}}/snack"));

    const auto missing = runGatehouse({QStringLiteral("import"), QStringLiteral("postman"),
                                       m_dir.filePath(QStringLiteral("nope.json"))});
    QCOMPARE(missing.exitCode, 2);
    const auto usage =
        runGatehouse({QStringLiteral("import"), QStringLiteral("soap"), QStringLiteral("x")});
    QCOMPARE(usage.exitCode, 2);
    const auto refused =
        runGatehouse({QStringLiteral("import"), QStringLiteral("openapi"),
                      m_emulator->info().baseUrl + QStringLiteral("/no-such-document")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("answered 404"), refused.err.constData());
}

QTEST_GUILESS_MAIN(TestImportCli)
#include "tst_importcli.moc"
