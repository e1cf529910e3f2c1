// HTTP API CORS as API Gateway does it: the gateway answers preflights itself (no OPTIONS
// route needed), sets Allow-Origin for allowed origins only, replaces the integration's CORS
// headers, and SAM's short form `CorsConfiguration: true` allows every origin.
#include "core/emulator/emulator.h"
#include "core/httpclient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Gatehouse;

class TestHttpApiCors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void preflightAnsweredByTheGateway();
    void preflightFromAnotherOrigin();
    void actualRequestGetsHeaders();
    void shortFormAllowsEveryOrigin();
    void badConfigurationInWords();

private:
    QString url(const QString &apiLogicalId, const QString &path) const;
    Core::HttpClientResponse send(const QByteArray &method, const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers);

    std::unique_ptr<Emulator::Emulator> m_emulator;
    Core::HttpClient m_http;
};

void TestHttpApiCors::initTestCase()
{
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/cors");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QCOMPARE(m_emulator->lab().httpApis.size(), 2);
}

void TestHttpApiCors::cleanupTestCase()
{
    m_emulator.reset();
}

QString TestHttpApiCors::url(const QString &apiLogicalId, const QString &path) const
{
    for (const Emulator::HttpApiConfig &api : m_emulator->lab().httpApis) {
        if (api.logicalId == apiLogicalId)
            return m_emulator->info().baseUrl + QStringLiteral("/_aws/execute-api/") + api.apiId + path;
    }
    return {};
}

Core::HttpClientResponse TestHttpApiCors::send(const QByteArray &method, const QString &target,
                                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    Core::HttpClientRequest request;
    request.method = method;
    request.url = QUrl(target);
    for (const auto &[name, value] : headers)
        request.headers.add(name, value);
    std::optional<Core::Result<Core::HttpClientResponse>> result;
    Core::HttpJob *job = m_http.send(request);
    connect(job, &Core::HttpJob::finished, this, [&](const Core::Result<Core::HttpClientResponse> &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000) || !*result)
        return {};
    return **result;
}

void TestHttpApiCors::preflightAnsweredByTheGateway()
{
    const Core::HttpClientResponse answer =
        send("OPTIONS", url(QStringLiteral("StrictApi"), QStringLiteral("/items")),
             {{"Origin", "https://bakery.example.com"}, {"Access-Control-Request-Method", "POST"},
              {"Access-Control-Request-Headers", "content-type"}});
    QCOMPARE(answer.status, 204);
    QCOMPARE(answer.headers.value("Access-Control-Allow-Origin"), QByteArray("https://bakery.example.com"));
    QCOMPARE(answer.headers.value("Access-Control-Allow-Methods"), QByteArray("GET,POST"));
    QCOMPARE(answer.headers.value("Access-Control-Allow-Headers"), QByteArray("authorization,content-type"));
    QCOMPARE(answer.headers.value("Access-Control-Max-Age"), QByteArray("600"));
    QCOMPARE(answer.headers.value("Access-Control-Allow-Credentials"), QByteArray("true"));
    // Even for a path no route has: the preflight never reaches an integration.
    QCOMPARE(send("OPTIONS", url(QStringLiteral("StrictApi"), QStringLiteral("/nowhere")),
                  {{"Origin", "https://bakery.example.com"}, {"Access-Control-Request-Method", "GET"}})
                 .status,
             204);
}

void TestHttpApiCors::preflightFromAnotherOrigin()
{
    const Core::HttpClientResponse answer =
        send("OPTIONS", url(QStringLiteral("StrictApi"), QStringLiteral("/items")),
             {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
    QCOMPARE(answer.status, 204);
    QVERIFY(!answer.headers.contains("Access-Control-Allow-Origin"));
    QVERIFY(!answer.headers.contains("Access-Control-Allow-Methods"));
}

void TestHttpApiCors::actualRequestGetsHeaders()
{
    Core::HttpClientResponse answer = send("GET", url(QStringLiteral("StrictApi"), QStringLiteral("/items")),
                                           {{"Origin", "https://bakery.example.com"}});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.headers.value("Access-Control-Allow-Origin"), QByteArray("https://bakery.example.com"));
    QCOMPARE(answer.headers.value("Access-Control-Expose-Headers"), QByteArray("x-order-count"));
    QCOMPARE(answer.headers.value("Access-Control-Allow-Credentials"), QByteArray("true"));
    QCOMPARE(answer.headers.value("Vary"), QByteArray("Origin"));
    answer = send("GET", url(QStringLiteral("StrictApi"), QStringLiteral("/items")), {{"Origin", "https://evil.example"}});
    QCOMPARE(answer.status, 200);
    QVERIFY(!answer.headers.contains("Access-Control-Allow-Origin"));
    // Without an Origin it is no CORS request.
    answer = send("GET", url(QStringLiteral("StrictApi"), QStringLiteral("/items")), {});
    QVERIFY(!answer.headers.contains("Access-Control-Allow-Origin"));
}

void TestHttpApiCors::shortFormAllowsEveryOrigin()
{
    const Core::HttpClientResponse preflight =
        send("OPTIONS", url(QStringLiteral("OpenApi"), QStringLiteral("/items")),
             {{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "GET"}});
    QCOMPARE(preflight.status, 204);
    QCOMPARE(preflight.headers.value("Access-Control-Allow-Origin"), QByteArray("*"));
    const Core::HttpClientResponse answer =
        send("GET", url(QStringLiteral("OpenApi"), QStringLiteral("/items")), {{"Origin", "http://localhost:3000"}});
    QCOMPARE(answer.headers.value("Access-Control-Allow-Origin"), QByteArray("*"));
    QVERIFY(!answer.headers.contains("Vary"));
}

void TestHttpApiCors::badConfigurationInWords()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("AWSTemplateFormatVersion: '2010-09-09'\n"
               "Transform: AWS::Serverless-2016-10-31\n"
               "Resources:\n"
               "  Api:\n"
               "    Type: AWS::Serverless::HttpApi\n"
               "    Properties:\n"
               "      CorsConfiguration:\n"
               "        AllowOrigins: ['*']\n"
               "        AllowCredentials: true\n"
               "        MaxAge: 100000\n");
    file.close();
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = dir.path();
    Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    QVERIFY(!started.ok());
    QVERIFY2(started.error().message.contains(QStringLiteral("AllowCredentials cannot go with AllowOrigins")),
             qPrintable(started.error().message));
    QVERIFY(started.error().message.contains(QStringLiteral("MaxAge")));
}

QTEST_GUILESS_MAIN(TestHttpApiCors)
#include "tst_httpapicors.moc"
