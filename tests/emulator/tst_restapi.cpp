// API Gateway REST APIs in the emulator (tests/data/labs/rest-api): the proxy event (payload
// 1.0) against AWS's samples in tests/data/lambda-events key for key and type for type, the
// resource tree and stage, the gateway's own 403 and 429 answers with AWS's bodies and
// x-amzn-ErrorType, API keys and usage plans (throttle, quota), a proxy response with
// multiValueHeaders and a binary body, template errors by line and column, and the index.
#include "../common/awscli.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"
#include "core/emulator/restapievent.h"
#include "core/emulator/restapigateway.h"
#include "core/emulator/restapireader.h"
#include "core/import/emulatorimport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

const QString QuotaKey = QStringLiteral("quota-key-0123456789abcdef");

struct Answer
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QList<QByteArray> all(const QByteArray &name) const
    {
        QList<QByteArray> out;
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                out.append(h.second);
        }
        return out;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QJsonObject readSample(const QString &relative)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/") + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray data = file.readAll();
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    return QJsonDocument::fromJson(data).object();
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        return QStringLiteral("undefined");
    }
    return QString();
}

// Maps whose keys are the request's own (headers, parameters): only their values' types count.
bool isFreeMap(const QString &path)
{
    static const QStringList maps = {QStringLiteral("headers"), QStringLiteral("multiValueHeaders"),
                                     QStringLiteral("queryStringParameters"),
                                     QStringLiteral("multiValueQueryStringParameters"),
                                     QStringLiteral("pathParameters"), QStringLiteral("stageVariables")};
    return maps.contains(path);
}

// Fields a sample has that the emulator does not produce, and why.
bool onlyInSamples(const QString &path, bool keyed)
{
    static const QStringList never = {
        QStringLiteral("version"),                        // HTTP APIs' payload 1.0 only
        QStringLiteral("requestContext.authorizer"),      // REST authorizers are not emulated
        QStringLiteral("requestContext.operationName"),   // OpenAPI operationId only
        QStringLiteral("requestContext.connectionId"),    // a WebSocket field in the .NET sample
    };
    if (never.contains(path))
        return true;
    return !keyed && (path == QLatin1String("requestContext.identity.apiKey")
                      || path == QLatin1String("requestContext.identity.apiKeyId"));
}

// Where the samples show null (powertools' event), or the field is mutual TLS only.
bool mayBeNull(const QString &path)
{
    static const QStringList nullable = {
        QStringLiteral("queryStringParameters"), QStringLiteral("multiValueQueryStringParameters"),
        QStringLiteral("pathParameters"), QStringLiteral("stageVariables"), QStringLiteral("body"),
        QStringLiteral("requestContext.resourceId"), QStringLiteral("requestContext.identity.clientCert")};
    return nullable.contains(path) || (path.startsWith(QLatin1String("requestContext.identity."))
                                       && path != QLatin1String("requestContext.identity.sourceIp"));
}

// Every key of `sample` is in `ours` with the same JSON type (recursively), and the other way
// round for the keys `known` lists (the union of all samples).
void compareShape(const QJsonObject &sample, const QJsonObject &ours, const QString &prefix, bool keyed,
                  const QJsonObject &known, QStringList *problems)
{
    for (auto it = sample.begin(); it != sample.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (!ours.contains(it.key())) {
            if (!onlyInSamples(path, keyed))
                problems->append(path + QStringLiteral(": missing"));
            continue;
        }
        const QJsonValue mine = ours.value(it.key());
        const QJsonValue theirs = it.value();
        if (mine.isNull() && !theirs.isNull()) {
            if (!mayBeNull(path))
                problems->append(path + QStringLiteral(": null, the sample has ") + typeName(theirs));
            continue;
        }
        if (theirs.isNull())
            continue;
        if (mine.type() != theirs.type()) {
            problems->append(QStringLiteral("%1: %2, the sample has %3").arg(path, typeName(mine), typeName(theirs)));
            continue;
        }
        if (isFreeMap(path)) {
            const bool multi = path.startsWith(QLatin1String("multiValue"));
            const QJsonObject map = mine.toObject();
            for (auto v = map.begin(); v != map.end(); ++v) {
                bool ok = multi ? v.value().isArray() : v.value().isString();
                for (const QJsonValue &item : v.value().toArray())
                    ok = ok && item.isString();
                if (!ok)
                    problems->append(path + QLatin1Char('.') + v.key() + QStringLiteral(": wrong type"));
            }
            continue;
        }
        if (theirs.isObject())
            compareShape(theirs.toObject(), mine.toObject(), path, keyed, known.value(it.key()).toObject(), problems);
    }
    for (auto it = ours.begin(); it != ours.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (!known.contains(it.key()))
            problems->append(path + QStringLiteral(": in no sample"));
    }
}

// The union of the samples' keys, recursively (free maps stay empty).
void unite(QJsonObject *into, const QJsonObject &sample, const QString &prefix)
{
    for (auto it = sample.begin(); it != sample.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        QJsonObject child = into->value(it.key()).toObject();
        if (it.value().isObject() && !isFreeMap(path))
            unite(&child, it.value().toObject(), path);
        into->insert(it.key(), child);
    }
}

} // namespace

class tst_RestApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void templateReading();
    void templateErrors_data();
    void templateErrors();

    void eventMatchesSamples_data();
    void eventMatchesSamples();
    void eventValues();
    void resourceTree_data();
    void resourceTree();
    void hostStyle();
    void missingAuthenticationToken();
    void apiKeyRefusals_data();
    void apiKeyRefusals();
    void throttle();
    void quota();
    void proxyRoundTrip();
    void payloadLimits();
    void corsPreflight();
    void base64WithoutBinaryAccept();
    void malformedAndFailing_data();
    void malformedAndFailing();
    void sampleResponse();
    void indexAndImport();
    void awsCliControlPlane();
    void bakeryPartners();
    void globalsAndSharedPlan();

private:
    Answer send(const QByteArray &method, const QByteArray &target, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                const QByteArray &body = QByteArray(), const QByteArray &host = QByteArray(), quint16 port = 0);
    QByteArray shop(const QByteArray &pathInStage) const;
    QString throttledKey() const;

    std::unique_ptr<Emulator::Emulator> m_emulator;
    QString m_shopId;
    QString m_implicitId;
    qint64 m_now = 0;
};

void tst_RestApi::initTestCase()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/rest-api");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    for (const RestApiConfig &api : m_emulator->lab().restApis) {
        if (api.logicalId == QLatin1String("ShopApi"))
            m_shopId = api.apiId;
        else
            m_implicitId = api.apiId;
    }
    QVERIFY(!m_shopId.isEmpty() && !m_implicitId.isEmpty());
    // Throttle and quota follow a clock the tests move; each test starts a day later, so
    // buckets are full and quotas fresh.
    m_now = QDateTime(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    m_emulator->restApis()->setClock([this] { return m_now; });
}

void tst_RestApi::cleanupTestCase()
{
    m_emulator.reset();
}

QByteArray tst_RestApi::shop(const QByteArray &pathInStage) const
{
    return Emulator::Emulator::pathStylePrefix(m_shopId) + "/test" + pathInStage;
}

QString tst_RestApi::throttledKey() const
{
    for (const RestApiKeyConfig &key : m_emulator->lab().apiKeys) {
        if (key.logicalId == QLatin1String("ShopApiApiKey"))
            return key.value;
    }
    return QString();
}

Answer tst_RestApi::send(const QByteArray &method, const QByteArray &target,
                         const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                         const QByteArray &host, quint16 port)
{
    if (port == 0)
        port = m_emulator->info().port;
    QByteArray raw = method + ' ' + target + " HTTP/1.1\r\n";
    raw += "Host: " + (host.isEmpty() ? "127.0.0.1:" + QByteArray::number(port) : host) + "\r\n";
    for (const auto &h : headers)
        raw += h.first + ": " + h.second + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {};
    socket.write(raw);
    QByteArray received;
    const bool closed = QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        60000);
    received += socket.readAll();
    if (!closed)
        qWarning("the emulator did not close the connection in 60 s");
    Answer answer;
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return answer;
    const QList<QByteArray> lines = received.left(end).split('\n');
    answer.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            answer.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    answer.body = received.mid(end + 4);
    return answer;
}

void tst_RestApi::templateReading()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/rest-api"));
    QVERIFY(!lab.hasErrors());
    QCOMPARE(lab.restApis.size(), 2);
    const RestApiConfig &shopApi = lab.restApis.at(0);
    QCOMPARE(shopApi.logicalId, QStringLiteral("ShopApi"));
    QCOMPARE(shopApi.stageName, QStringLiteral("test"));
    QCOMPARE(shopApi.name, QStringLiteral("shop"));
    QCOMPARE(shopApi.binaryMediaTypes, QStringList{QStringLiteral("application/octet-stream")});
    QCOMPARE(shopApi.methods.size(), 11);
    for (const RestMethodConfig &m : shopApi.methods)
        QCOMPARE(m.timeoutMs, m.resourcePath == QLatin1String("/slow") ? 300 : 29000);
    const RestApiConfig &implicit = lab.restApis.at(1);
    QCOMPARE(implicit.logicalId, RestApiReader::implicitApiLogicalId());
    QCOMPARE(implicit.stageName, QStringLiteral("Prod"));
    QCOMPARE(implicit.methods.size(), 1);
    QCOMPARE(implicit.methods.at(0).resourcePath, QStringLiteral("/hello"));

    QStringList keys;
    for (const RestApiKeyConfig &k : lab.apiKeys)
        keys.append(k.logicalId + (k.enabled ? QStringLiteral("+") : QStringLiteral("-")));
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("DisabledKey-"), QStringLiteral("LoneKey+"), QStringLiteral("QuotaKey+"),
                                QStringLiteral("ShopApiApiKey+")}));
    bool warned = false;
    for (const LabDiagnostic &d : lab.diagnostics)
        warned = warned || (d.severity == LabDiagnostic::Severity::Warning && d.message.contains(QStringLiteral("disabled-key")));
    QVERIFY(warned);

    QCOMPARE(lab.usagePlans.size(), 2);
    for (const RestUsagePlanConfig &plan : lab.usagePlans) {
        QVERIFY(plan.covers(shopApi.apiId, QStringLiteral("test")));
        if (plan.logicalId == QLatin1String("QuotaPlan")) {
            QCOMPARE(plan.keyIds.size(), 2);
            QCOMPARE(plan.quotaLimit.value_or(-1), 3);
            QVERIFY(!plan.rateLimit);
        } else {
            QCOMPARE(plan.logicalId, QStringLiteral("ShopApiUsagePlan"));
            QCOMPARE(plan.name, QStringLiteral("shop-throttled"));
            QCOMPARE(plan.rateLimit.value_or(-1), 1.0);
            QCOMPARE(plan.burstLimit.value_or(-1), 2);
            QCOMPARE(plan.keyIds.size(), 1);
        }
    }
    bool outputs = false;
    for (const auto &[name, value] : lab.outputs)
        outputs = outputs || (name == QLatin1String("HelloUrl") && value.contains(implicit.apiId + QStringLiteral(".execute-api.")));
    QVERIFY(outputs);
}

void tst_RestApi::templateErrors_data()
{
    QTest::addColumn<QByteArray>("resources");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    const QByteArray function = "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
                                "      Handler: app.echo\n      Runtime: python3.12\n      Events:\n        E:\n"
                                "          Type: Api\n          Properties:\n";
    // Resources: is line 3; the function's event Properties entries start on line 14.
    QTest::newRow("path without /") << function + "            Path: menu\n            Method: get\n" << 14 << 19
                                    << QStringLiteral("a Path starts with /");
    QTest::newRow("method") << function + "            Path: /menu\n            Method: fetch\n" << 15 << 21
                            << QStringLiteral("invalid Method fetch");
    QTest::newRow("greedy not last") << function + "            Path: /{proxy+}/x\n            Method: get\n" << 14 << 19
                                     << QStringLiteral("a greedy {proxy+} must be the last segment");
    QTest::newRow("timeout over REST's 29 s")
        << function + "            Path: /menu\n            Method: get\n            TimeoutInMillis: 30000\n" << 16 << 30
        << QStringLiteral("30000 is not a number from 50 to 29000");
    QTest::newRow("event typo") << function + "            Path: /menu\n            Method: get\n            Auth:\n"
                                              "              ApiKeyRequird: true\n"
                                << 17 << 15 << QStringLiteral("did you mean ApiKeyRequired?");
    const QByteArray api = "  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n";
    QTest::newRow("no stage") << api + "      Name: x\n" << 4 << 3 << QStringLiteral("missing StageName");
    QTest::newRow("usage plan mode") << api + "      StageName: v1\n      Auth:\n        UsagePlan:\n"
                                              "          CreateUsagePlan: PER-API\n"
                                     << 10 << 28 << QStringLiteral("did you mean PER_API?");
    QTest::newRow("quota period") << api + "      StageName: v1\n      Auth:\n        UsagePlan:\n"
                                           "          CreateUsagePlan: SHARED\n          Quota: {Limit: 5, Period: YEAR}\n"
                                  << 11 << 37 << QStringLiteral("invalid Period YEAR");
    QTest::newRow("plan stage") << api + "      StageName: v1\n  Plan:\n    Type: AWS::ApiGateway::UsagePlan\n"
                                         "    Properties:\n      ApiStages:\n        - ApiId: !Ref Api\n          Stage: Prod\n"
                                << 13 << 18 << QStringLiteral("the API Api has no stage Prod (its stage is v1)");
    QTest::newRow("plan key") << api + "      StageName: v1\n  PK:\n    Type: AWS::ApiGateway::UsagePlanKey\n"
                                       "    Properties:\n      KeyId: !Ref Api\n      KeyType: API_KEY\n      UsagePlanId: nope\n"
                              << 11 << 14 << QStringLiteral("KeyId must be !Ref to an AWS::ApiGateway::ApiKey");
    QTest::newRow("HTTP API payload 3.0")
        << QByteArray("  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
                      "      Handler: app.echo\n      Runtime: python3.12\n      Events:\n        E:\n"
                      "          Type: HttpApi\n          Properties:\n            PayloadFormatVersion: \"3.0\"\n")
        << 14 << 35 << QStringLiteral("invalid PayloadFormatVersion 3.0; write \"1.0\"");
    QTest::newRow("Cors origin without quotes")
        << api + "      StageName: v1\n      Cors:\n        AllowOrigin: https://a.example\n" << 9 << 22
        << QStringLiteral("https://a.example must be in single quotes inside the string");
    QTest::newRow("short key") << QByteArray("  K:\n    Type: AWS::ApiGateway::ApiKey\n    Properties:\n      Value: short\n")
                               << 7 << 14 << QStringLiteral("at least 20 characters");
}

void tst_RestApi::templateErrors()
{
    QFETCH(QByteArray, resources);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("lab/src")));
    QFile file(dir.path() + QStringLiteral("/lab/template.yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Transform: AWS::Serverless-2016-10-31\n\nResources:\n" + resources);
    file.close();
    const LabDefinition lab = LabLoader::load(dir.path() + QStringLiteral("/lab"));
    QStringList all;
    bool found = false;
    for (const LabDiagnostic &d : lab.diagnostics) {
        all.append(d.toString());
        if (d.severity == LabDiagnostic::Severity::Error && d.message.contains(message)) {
            found = true;
            QCOMPARE(d.line, line);
            QCOMPARE(d.column, column);
        }
    }
    QVERIFY2(found, qPrintable(all.join(QLatin1Char('\n'))));
}

void tst_RestApi::eventMatchesSamples_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<bool>("keyed");
    QTest::newRow("aws-lambda-go apigw-request, with a key") << QStringLiteral("aws-lambda-go/apigw-request.json") << true;
    QTest::newRow("aws-lambda-go apigw-request, open") << QStringLiteral("aws-lambda-go/apigw-request.json") << false;
    QTest::newRow("aws-lambda-dotnet proxy-event") << QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/proxy-event.json") << true;
    QTest::newRow("powertools apiGatewayProxyEvent") << QStringLiteral("powertools-lambda-python/apiGatewayProxyEvent.json") << false;
}

void tst_RestApi::eventMatchesSamples()
{
    QFETCH(QString, sample);
    QFETCH(bool, keyed);
    m_now += 24 * 3600 * 1000;
    QJsonObject known;
    for (const QString &s : {QStringLiteral("aws-lambda-go/apigw-request.json"),
                             QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/proxy-event.json"),
                             QStringLiteral("powertools-lambda-python/apiGatewayProxyEvent.json")})
        unite(&known, readSample(s), QString());
    const QJsonObject expected = readSample(sample);
    QVERIFY(!expected.isEmpty());

    // A method that needs a key, or an open {proxy+} with a query and a JSON body.
    const Answer answer = keyed ? send("GET", shop("/counted?name=me"), {{"x-api-key", QuotaKey.toUtf8()}})
                                : send("POST", shop("/files/a/b?name=me"), {{"Content-Type", "application/json"}}, "{\"a\": 1}");
    QCOMPARE(answer.status, 200);
    QStringList problems;
    // Every sample key with its type, and no key that no sample has.
    compareShape(expected, answer.json(), QString(), keyed, known, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_RestApi::eventValues()
{
    m_now += 24 * 3600 * 1000;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const Answer answer = send("GET", shop("/orders/42?name=me&name=you&plain"),
                               {{"Header2", "value1"}, {"header2", "value2"}, {"User-Agent", "tst_restapi/1"}});
    QCOMPARE(answer.status, 200);
    const QJsonObject e = answer.json();
    QCOMPARE(e.value(QStringLiteral("resource")).toString(), QStringLiteral("/orders/{id}"));
    QCOMPARE(e.value(QStringLiteral("path")).toString(), QStringLiteral("/orders/42"));
    QCOMPARE(e.value(QStringLiteral("httpMethod")).toString(), QStringLiteral("GET"));
    // Headers keep the client's spelling; headers has the last value, multiValueHeaders all.
    const QJsonObject headers = e.value(QStringLiteral("headers")).toObject();
    QCOMPARE(headers.value(QStringLiteral("Header2")).toString(), QStringLiteral("value2"));
    QCOMPARE(e.value(QStringLiteral("multiValueHeaders")).toObject().value(QStringLiteral("Header2")).toArray(),
             (QJsonArray{QStringLiteral("value1"), QStringLiteral("value2")}));
    QCOMPARE(headers.value(QStringLiteral("User-Agent")).toString(), QStringLiteral("tst_restapi/1"));
    QCOMPARE(headers.value(QStringLiteral("X-Forwarded-For")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(headers.value(QStringLiteral("X-Forwarded-Proto")).toString(), QStringLiteral("http"));
    QVERIFY(headers.value(QStringLiteral("X-Amzn-Trace-Id")).toString().startsWith(QLatin1String("Root=1-")));
    QCOMPARE(e.value(QStringLiteral("queryStringParameters")).toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("you")}, {QStringLiteral("plain"), QString()}}));
    QCOMPARE(e.value(QStringLiteral("multiValueQueryStringParameters")).toObject().value(QStringLiteral("name")).toArray(),
             (QJsonArray{QStringLiteral("me"), QStringLiteral("you")}));
    QCOMPARE(e.value(QStringLiteral("pathParameters")).toObject(), (QJsonObject{{QStringLiteral("id"), QStringLiteral("42")}}));
    QCOMPARE(e.value(QStringLiteral("stageVariables")).toObject(), (QJsonObject{{QStringLiteral("color"), QStringLiteral("blue")}}));
    QVERIFY(e.value(QStringLiteral("body")).isNull());
    QCOMPARE(e.value(QStringLiteral("isBase64Encoded")).toBool(true), false);

    const QJsonObject rc = e.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("accountId")).toString(), QStringLiteral("123456789012"));
    QCOMPARE(rc.value(QStringLiteral("apiId")).toString(), m_shopId);
    QCOMPARE(rc.value(QStringLiteral("stage")).toString(), QStringLiteral("test"));
    QCOMPARE(rc.value(QStringLiteral("resourcePath")).toString(), QStringLiteral("/orders/{id}"));
    QCOMPARE(rc.value(QStringLiteral("path")).toString(), QStringLiteral("/test/orders/42"));
    QCOMPARE(rc.value(QStringLiteral("httpMethod")).toString(), QStringLiteral("GET"));
    QCOMPARE(rc.value(QStringLiteral("protocol")).toString(), QStringLiteral("HTTP/1.1"));
    // Path style stands for the API's own host name.
    QCOMPARE(rc.value(QStringLiteral("domainName")).toString(), m_shopId + QStringLiteral(".execute-api.localhost"));
    QCOMPARE(rc.value(QStringLiteral("domainPrefix")).toString(), m_shopId);
    QCOMPARE(rc.value(QStringLiteral("resourceId")).toString().size(), 6);
    static const QRegularExpression uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    QVERIFY(uuid.match(rc.value(QStringLiteral("requestId")).toString()).hasMatch());
    QCOMPARE(answer.header("x-amzn-RequestId"), rc.value(QStringLiteral("requestId")).toString().toUtf8());
    QCOMPARE(answer.header("x-amz-apigw-id"), rc.value(QStringLiteral("extendedRequestId")).toString().toUtf8());
    // The samples' format: "15/May/2020:06:01:09 +0000", and the epoch in milliseconds.
    static const QRegularExpression time(QStringLiteral("^\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000$"));
    QVERIFY(time.match(rc.value(QStringLiteral("requestTime")).toString()).hasMatch());
    const qint64 epoch = qint64(rc.value(QStringLiteral("requestTimeEpoch")).toDouble());
    QVERIFY(epoch >= before - 1000 && epoch <= QDateTime::currentMSecsSinceEpoch());
    const QJsonObject identity = rc.value(QStringLiteral("identity")).toObject();
    QCOMPARE(identity.value(QStringLiteral("sourceIp")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(identity.value(QStringLiteral("userAgent")).toString(), QStringLiteral("tst_restapi/1"));
    QVERIFY(!identity.contains(QStringLiteral("apiKey"))); // an open method
    QVERIFY(identity.value(QStringLiteral("user")).isNull());

    const Answer keyed = send("GET", shop("/counted"), {{"x-api-key", QuotaKey.toUtf8()}});
    QCOMPARE(keyed.status, 200);
    const QJsonObject keyedIdentity = keyed.json()[QStringLiteral("requestContext")][QStringLiteral("identity")].toObject();
    QCOMPARE(keyedIdentity.value(QStringLiteral("apiKey")).toString(), QuotaKey);
    QString quotaKeyId;
    for (const RestApiKeyConfig &k : m_emulator->lab().apiKeys) {
        if (k.value == QuotaKey)
            quotaKeyId = k.id;
    }
    QCOMPARE(keyedIdentity.value(QStringLiteral("apiKeyId")).toString(), quotaKeyId);
}

void tst_RestApi::resourceTree_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path"); // in the stage
    QTest::addColumn<QString>("resource"); // empty: 403 Missing Authentication Token
    QTest::addColumn<QJsonObject>("parameters");

    QTest::newRow("root") << QByteArray("GET") << QByteArray("/") << QStringLiteral("/") << QJsonObject();
    QTest::newRow("literal") << QByteArray("GET") << QByteArray("/orders") << QStringLiteral("/orders") << QJsonObject();
    QTest::newRow("trailing slash") << QByteArray("GET") << QByteArray("/orders/") << QStringLiteral("/orders") << QJsonObject();
    // REST APIs keep the client's percent-encoding in path and path parameters.
    QTest::newRow("variable") << QByteArray("GET") << QByteArray("/orders/a%20b") << QStringLiteral("/orders/{id}")
                              << QJsonObject{{QStringLiteral("id"), QStringLiteral("a%20b")}};
    QTest::newRow("encoded literal") << QByteArray("GET") << QByteArray("/%6Frders") << QStringLiteral("/orders") << QJsonObject();
    QTest::newRow("two variables, ANY") << QByteArray("DELETE") << QByteArray("/orders/7/items/3")
                                        << QStringLiteral("/orders/{id}/items/{item}")
                                        << QJsonObject{{QStringLiteral("id"), QStringLiteral("7")}, {QStringLiteral("item"), QStringLiteral("3")}};
    QTest::newRow("greedy") << QByteArray("PUT") << QByteArray("/files/a/b/c.txt") << QStringLiteral("/files/{proxy+}")
                            << QJsonObject{{QStringLiteral("proxy"), QStringLiteral("a/b/c.txt")}};
    QTest::newRow("greedy needs a segment") << QByteArray("GET") << QByteArray("/files") << QString() << QJsonObject();
    QTest::newRow("resource without the method") << QByteArray("POST") << QByteArray("/orders") << QString() << QJsonObject();
    QTest::newRow("no resource") << QByteArray("GET") << QByteArray("/nothing") << QString() << QJsonObject();
    QTest::newRow("too deep") << QByteArray("GET") << QByteArray("/orders/1/2") << QString() << QJsonObject();
}

void tst_RestApi::resourceTree()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QString, resource);
    QFETCH(QJsonObject, parameters);
    const Answer answer = send(method, shop(path));
    if (resource.isEmpty()) {
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.body, QByteArray("{\"message\":\"Missing Authentication Token\"}"));
        return;
    }
    QCOMPARE(answer.status, 200);
    const QJsonObject event = answer.json();
    QCOMPARE(event.value(QStringLiteral("resource")).toString(), resource);
    QCOMPARE(event.value(QStringLiteral("httpMethod")).toString(), QString::fromLatin1(method));
    QCOMPARE(event.value(QStringLiteral("path")).toString(), QString::fromLatin1(path));
    if (parameters.isEmpty())
        QVERIFY(event.value(QStringLiteral("pathParameters")).isNull());
    else
        QCOMPARE(event.value(QStringLiteral("pathParameters")).toObject(), parameters);
}

void tst_RestApi::hostStyle()
{
    const QByteArray host = m_implicitId.toUtf8() + ".execute-api.localhost:" + QByteArray::number(m_emulator->info().port);
    const Answer answer = send("GET", "/Prod/hello", {}, {}, host);
    QCOMPARE(answer.status, 200);
    const QJsonObject rc = answer.json().value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("stage")).toString(), QStringLiteral("Prod"));
    QCOMPARE(rc.value(QStringLiteral("domainName")).toString(), m_implicitId + QStringLiteral(".execute-api.localhost"));
    QCOMPARE(rc.value(QStringLiteral("domainPrefix")).toString(), m_implicitId);
    QCOMPARE(rc.value(QStringLiteral("path")).toString(), QStringLiteral("/Prod/hello"));
}

void tst_RestApi::missingAuthenticationToken()
{
    QSignalSpy invoked(m_emulator.get(), &Emulator::Emulator::invocationFinished);
    const QByteArray prefix = Emulator::Emulator::pathStylePrefix(m_shopId);
    // Unknown method, the API's root without a stage, the stage without "/".
    for (const QByteArray &target : QList<QByteArray>{shop("/nothing"), prefix + "/", prefix + "/test"}) {
        const Answer answer = send("GET", target);
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.body, QByteArray("{\"message\":\"Missing Authentication Token\"}"));
        QCOMPARE(answer.header("x-amzn-ErrorType"), QByteArray("MissingAuthenticationTokenException"));
        QCOMPARE(answer.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(!answer.header("x-amzn-RequestId").isEmpty());
    }
    // A stage the API does not have.
    const Answer other = send("GET", prefix + "/Prod/orders");
    QCOMPARE(other.status, 403);
    QCOMPARE(other.body, QByteArray("{\"message\":\"Forbidden\"}"));
    QCOMPARE(other.header("x-amzn-ErrorType"), QByteArray("ForbiddenException"));
    QTest::qWait(100);
    QCOMPARE(invoked.size(), 0);
}

void tst_RestApi::apiKeyRefusals_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("no key") << QByteArray();
    QTest::newRow("unknown key") << QByteArray("not-a-key-of-this-lab-0000");
    QTest::newRow("disabled key") << QByteArray("disabled-key-0123456789abcdef");
    QTest::newRow("key in no usage plan") << QByteArray("lone-key-0123456789abcdef");
}

void tst_RestApi::apiKeyRefusals()
{
    QFETCH(QByteArray, key);
    QSignalSpy invoked(m_emulator.get(), &Emulator::Emulator::invocationFinished);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!key.isEmpty())
        headers.append({"x-api-key", key});
    const Answer answer = send("GET", shop("/counted"), headers);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.body, QByteArray("{\"message\":\"Forbidden\"}"));
    QCOMPARE(answer.header("x-amzn-ErrorType"), QByteArray("ForbiddenException"));
    QTest::qWait(100);
    QCOMPARE(invoked.size(), 0);
}

void tst_RestApi::throttle()
{
    m_now += 24 * 3600 * 1000;
    const QByteArray key = throttledKey().toUtf8();
    QVERIFY(!key.isEmpty());
    // Burst 2: two at once pass, the third is throttled; a second later (rate 1/s) one more.
    QCOMPARE(send("GET", shop("/throttled"), {{"x-api-key", key}}).status, 200);
    QCOMPARE(send("GET", shop("/throttled"), {{"x-api-key", key}}).status, 200);
    Answer throttled = send("GET", shop("/throttled"), {{"x-api-key", key}});
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.body, QByteArray("{\"message\":\"Too Many Requests\"}"));
    QCOMPARE(throttled.header("x-amzn-ErrorType"), QByteArray("TooManyRequestsException"));
    m_now += 500;
    QCOMPARE(send("GET", shop("/throttled"), {{"x-api-key", key}}).status, 429);
    m_now += 500;
    QCOMPARE(send("GET", shop("/throttled"), {{"x-api-key", key}}).status, 200);
    QCOMPARE(send("GET", shop("/throttled"), {{"x-api-key", key}}).status, 429);
    // Another plan's key is not throttled by this bucket; open methods never are.
    QCOMPARE(send("GET", shop("/counted"), {{"x-api-key", QuotaKey.toUtf8()}}).status, 200);
    QCOMPARE(send("GET", shop("/orders"), {{"x-api-key", key}}).status, 200);
}

void tst_RestApi::quota()
{
    m_now += 24 * 3600 * 1000;
    for (int i = 0; i < 3; ++i)
        QCOMPARE(send("GET", shop("/counted"), {{"x-api-key", QuotaKey.toUtf8()}}).status, 200);
    const Answer exceeded = send("GET", shop("/counted"), {{"x-api-key", QuotaKey.toUtf8()}});
    QCOMPARE(exceeded.status, 429);
    QCOMPARE(exceeded.body, QByteArray("{\"message\":\"Limit Exceeded\"}"));
    QCOMPARE(exceeded.header("x-amzn-ErrorType"), QByteArray("LimitExceededException"));
    // The quota is per key per plan for the API stage: /throttled counts against it too.
    QCOMPARE(send("GET", shop("/throttled"), {{"x-api-key", QuotaKey.toUtf8()}}).status, 429);
    // Still the same UTC day an hour later; a new period the next day.
    m_now += 3600 * 1000;
    QCOMPARE(send("GET", shop("/counted"), {{"x-api-key", QuotaKey.toUtf8()}}).status, 429);
    m_now += 24 * 3600 * 1000;
    QCOMPARE(send("GET", shop("/counted"), {{"x-api-key", QuotaKey.toUtf8()}}).status, 200);
}

// SAM's Cors: an OPTIONS method on every resource that answers preflights itself; the other
// answers get no CORS headers from the gateway (a proxy function sends its own).
void tst_RestApi::corsPreflight()
{
    QSignalSpy invoked(m_emulator.get(), &Emulator::Emulator::invocationFinished);
    const QList<QPair<QByteArray, QByteArray>> preflight = {{"Origin", "https://shop.example"},
                                                            {"Access-Control-Request-Method", "GET"}};
    const Answer orders = send("OPTIONS", shop("/orders"), preflight);
    QCOMPARE(orders.status, 200);
    QCOMPARE(orders.header("Access-Control-Allow-Origin"), QByteArray("https://shop.example"));
    QCOMPARE(orders.header("Access-Control-Allow-Methods"), QByteArray("GET,OPTIONS"));
    QCOMPARE(orders.header("Access-Control-Allow-Headers"), QByteArray("Content-Type,X-Api-Key"));
    QCOMPARE(orders.header("Access-Control-Max-Age"), QByteArray("600"));
    QVERIFY(orders.header("Access-Control-Allow-Credentials").isEmpty());
    // ANY stands for every method, as SAM lists them.
    const Answer any = send("OPTIONS", shop("/orders/1/items/2"), preflight);
    QCOMPARE(any.status, 200);
    QCOMPARE(any.header("Access-Control-Allow-Methods"), QByteArray("DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT"));
    // No resource, no OPTIONS method.
    QCOMPARE(send("OPTIONS", shop("/nothing"), preflight).status, 403);
    QTest::qWait(100);
    QCOMPARE(invoked.size(), 0);
    const Answer get = send("GET", shop("/orders"), {{"Origin", "https://shop.example"}});
    QCOMPARE(get.status, 200);
    QVERIFY(get.header("Access-Control-Allow-Origin").isEmpty());
}

// Over 10 MB the gateway refuses the body itself, in plain text; between Lambda's 6 MB and that,
// the invoke fails and the gateway answers its JSON 413 (both as captured from AWS).
void tst_RestApi::payloadLimits()
{
    QSignalSpy invoked(m_emulator.get(), &Emulator::Emulator::invocationFinished);
    const Answer huge = send("POST", shop("/files/big"), {{"Content-Type", "text/plain"}},
                             QByteArray(RestApiGateway::kMaxBodyBytes + 1, 'x'));
    QCOMPARE(huge.status, 413);
    QCOMPARE(huge.header("Content-Type"), QByteArray("text; charset=utf-8"));
    QCOMPARE(huge.body, QByteArray("HTTP content length exceeded 10485760 bytes."));
    const Answer large = send("POST", shop("/files/big"), {{"Content-Type", "text/plain"}}, QByteArray(7 * 1024 * 1024, 'x'));
    QCOMPARE(large.status, 413);
    QCOMPARE(large.body, QByteArray("{\"message\": \"Request Too Long\"}"));
    QCOMPARE(large.header("x-amzn-ErrorType"), QByteArray("BadRequestException"));
    // Lambda refused the event: the function never ran (the log records the refusal only).
    QTest::qWait(100);
    QCOMPARE(invoked.size(), 1);
    const auto record = invoked.at(0).at(0).value<Core::InvocationRecord>();
    QVERIFY2(record.status != QLatin1String("Success"), qPrintable(record.status + QLatin1Char(' ') + record.errorType));
}

void tst_RestApi::proxyRoundTrip()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    const Answer answer = send("POST", shop("/shaped"),
                               {{"Content-Type", "application/octet-stream"}, {"Accept", "application/octet-stream"}}, bytes);
    QCOMPARE(answer.status, 201);
    QByteArray reversed = bytes;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(answer.body, reversed); // base64 in, base64 out, decoded for a binary Accept
    QCOMPARE(answer.header("Content-Type"), QByteArray("application/octet-stream"));
    QCOMPARE(answer.all("Set-Cookie"), (QList<QByteArray>{"a=1", "b=2"}));
    QCOMPARE(answer.all("X-Single"), QList<QByteArray>{"one"});
    // In both headers and multiValueHeaders: only the multiValueHeaders values, as AWS documents.
    QCOMPARE(answer.all("X-Both"), (QList<QByteArray>{"m1", "m2"}));
}

void tst_RestApi::base64WithoutBinaryAccept()
{
    // A text body goes to the function as text; a client that does not accept a binary media
    // type gets the function's base64 text as it is.
    const Answer answer = send("POST", shop("/shaped"), {{"Content-Type", "text/plain"}, {"Accept", "text/plain"}}, "abc");
    QCOMPARE(answer.status, 201);
    QCOMPARE(answer.body, QByteArray("cba").toBase64());
}

void tst_RestApi::malformedAndFailing_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    const QByteArray internal = "{\"message\": \"Internal server error\"}";
    QTest::newRow("malformed proxy response") << QByteArray("/malformed") << 502 << internal;
    QTest::newRow("function error") << QByteArray("/failing") << 502 << internal;
    QTest::newRow("integration timeout (TimeoutInMillis 300)")
        << QByteArray("/slow") << 504 << QByteArray("{\"message\": \"Endpoint request timed out\"}");
}

void tst_RestApi::malformedAndFailing()
{
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const Answer answer = send("GET", shop(path));
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.body, body);
    QCOMPARE(answer.header("x-amzn-ErrorType"), QByteArray("InternalServerErrorException"));
}

void tst_RestApi::sampleResponse()
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/aws-lambda-go/apigw-response.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const std::optional<Core::HttpResponse> response = RestApiEvent::interpretResponse(file.readAll(), false);
    QVERIFY(response.has_value());
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("Hello World"));
    // Every name is in both forms: each value once.
    QCOMPARE(response->headers.values("X-Forwarded-For"), QList<QByteArray>{"192.168.100.1, 192.168.1.1"});
    QCOMPARE(response->headers.values("Upgrade-Insecure-Requests"), QList<QByteArray>{"1"});
    QCOMPARE(response->headers.size(), 17 + 1); // and the default Content-Type
    QVERIFY(!RestApiEvent::interpretResponse("{\"body\": \"no status\"}", false));
    QVERIFY(!RestApiEvent::interpretResponse("\"just a string\"", false));
    QVERIFY(!RestApiEvent::interpretResponse("{\"statusCode\": 200, \"headers\": {\"a\": [1]}}", false));
}

void tst_RestApi::indexAndImport()
{
    const Answer index = send("GET", "/");
    QCOMPARE(index.status, 200);
    const QJsonArray apis = index.json().value(QStringLiteral("apis")).toArray();
    QJsonObject shopApi;
    for (const QJsonValue &a : apis) {
        if (a[QStringLiteral("apiId")].toString() == m_shopId)
            shopApi = a.toObject();
    }
    QCOMPARE(shopApi.value(QStringLiteral("kind")).toString(), QStringLiteral("REST API"));
    QCOMPARE(shopApi.value(QStringLiteral("stage")).toString(), QStringLiteral("test"));
    QVERIFY(shopApi.value(QStringLiteral("url")).toString().endsWith(QStringLiteral("/_aws/execute-api/") + m_shopId + QStringLiteral("/test")));
    QStringList keyValues;
    for (const QJsonValue &k : shopApi.value(QStringLiteral("apiKeys")).toArray())
        keyValues.append(k[QStringLiteral("value")].toString());
    QVERIFY(keyValues.contains(throttledKey()));
    QVERIFY(keyValues.contains(QuotaKey));
    QVERIFY(!keyValues.contains(QStringLiteral("disabled-key-0123456789abcdef")));
    QVERIFY(!keyValues.contains(QStringLiteral("lone-key-0123456789abcdef")));

    const Core::Import::ImportResult imported = Core::Import::importEmulatorIndex(index.body);
    bool keyed = false;
    for (const Core::Import::ImportedRequest &r : imported.requests) {
        if (r.name != QLatin1String("GET /counted"))
            continue;
        QVERIFY(r.spec.url.endsWith(QLatin1String("/counted")));
        for (const Core::HeaderEntry &h : r.spec.headers) {
            if (h.name == QLatin1String("x-api-key")) {
                keyed = true;
                const QString variable = h.value.mid(2, h.value.size() - 4);
                QVERIFY(keyValues.contains(imported.variables.value(variable)));
            }
        }
    }
    QVERIFY(keyed);
}

// The AWS CLI (botocore's apigateway model) reads the lab's REST APIs, keys and plans from the
// emulator's read-only control plane, signed with SigV4 for "apigateway".
void tst_RestApi::awsCliControlPlane()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    GatehouseTest::AwsCli cli(m_emulator->info().baseUrl);
    const GatehouseTest::AwsCli::Run apis = cli.run({QStringLiteral("apigateway"), QStringLiteral("get-rest-apis")});
    QVERIFY2(apis.exitCode == 0, apis.err.constData());
    QStringList ids;
    for (const QJsonValue &item : apis.json().value(QStringLiteral("items")).toArray())
        ids.append(item[QStringLiteral("id")].toString());
    ids.sort();
    QStringList expected{m_shopId, m_implicitId};
    expected.sort();
    QCOMPARE(ids, expected);

    const GatehouseTest::AwsCli::Run keys =
        cli.run({QStringLiteral("apigateway"), QStringLiteral("get-api-keys"), QStringLiteral("--include-values")});
    QVERIFY2(keys.exitCode == 0, keys.err.constData());
    QMap<QString, QString> values;
    for (const QJsonValue &item : keys.json().value(QStringLiteral("items")).toArray())
        values.insert(item[QStringLiteral("id")].toString(), item[QStringLiteral("value")].toString());
    QCOMPARE(values.size(), m_emulator->lab().apiKeys.size());
    QString quotaKeyId;
    for (const RestApiKeyConfig &key : m_emulator->lab().apiKeys) {
        QCOMPARE(values.value(key.id), key.value);
        if (key.value == QuotaKey)
            quotaKeyId = key.id;
    }
    // Without --include-values API Gateway leaves the values out.
    const GatehouseTest::AwsCli::Run hidden = cli.run({QStringLiteral("apigateway"), QStringLiteral("get-api-keys")});
    QVERIFY2(hidden.exitCode == 0, hidden.err.constData());
    QVERIFY(!hidden.out.contains(QuotaKey.toUtf8()));

    const GatehouseTest::AwsCli::Run plans = cli.run(
        {QStringLiteral("apigateway"), QStringLiteral("get-usage-plans"), QStringLiteral("--key-id"), quotaKeyId});
    QVERIFY2(plans.exitCode == 0, plans.err.constData());
    const QJsonArray items = plans.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0)[QStringLiteral("name")].toString(), QStringLiteral("shop-quota"));
    QCOMPARE(items.at(0)[QStringLiteral("quota")][QStringLiteral("limit")].toInt(), 3);
    QCOMPARE(items.at(0)[QStringLiteral("quota")][QStringLiteral("period")].toString(), QStringLiteral("DAY"));
    QCOMPARE(items.at(0)[QStringLiteral("apiStages")][0][QStringLiteral("stage")].toString(), QStringLiteral("test"));

    // A wrong secret is refused as AWS refuses it.
    GatehouseTest::AwsCli wrong(m_emulator->info().baseUrl, {QStringLiteral("test"), QStringLiteral("wrong")});
    const GatehouseTest::AwsCli::Run refused = wrong.run({QStringLiteral("apigateway"), QStringLiteral("get-rest-apis")});
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains("signature"), refused.err.constData());
}

// The bakery lab's REST API for partner cafés, as lab.md tells a learner to call it.
void tst_RestApi::bakeryPartners()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    Emulator::Emulator bakery(options);
    const auto started = bakery.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    const Core::EmulatorApiInfo *partners = nullptr;
    for (const Core::EmulatorApiInfo &api : started->apis) {
        if (api.name == QLatin1String("bakery-partners"))
            partners = &api;
    }
    QVERIFY(partners);
    QCOMPARE(partners->kind, QStringLiteral("REST API"));
    QCOMPARE(partners->stage, QStringLiteral("Prod"));
    QCOMPARE(partners->routes.size(), 1);
    QCOMPARE(partners->routes.at(0).routeKey, QStringLiteral("GET /snack"));
    QVERIFY(partners->routes.at(0).apiKeyRequired);
    QCOMPARE(partners->apiKeys.size(), 1);
    QCOMPARE(partners->apiKeys.at(0).value, QStringLiteral("corner-cafe-key-0123456789"));
    QCOMPARE(partners->apiKeys.at(0).limits, QStringLiteral("rate 1/s, burst 2, quota 100 per DAY"));

    qint64 now = QDateTime(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    bakery.restApis()->setClock([&now] { return now; });
    const QByteArray url = QUrl(partners->routes.at(0).url).path(QUrl::FullyEncoded).toUtf8();
    const quint16 port = started->port;
    auto get = [&](const QByteArray &key) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!key.isEmpty())
            headers.append({"x-api-key", key});
        return send("GET", url, headers, QByteArray(), "127.0.0.1:" + QByteArray::number(port), port);
    };
    QCOMPARE(get(QByteArray()).status, 403);
    const Answer ok = get("corner-cafe-key-0123456789");
    QCOMPARE(ok.status, 200);
    QVERIFY(!ok.json().value(QStringLiteral("snack")).toString().isEmpty());
    QCOMPARE(get("corner-cafe-key-0123456789").status, 200);
    const Answer throttled = get("corner-cafe-key-0123456789");
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.body, QByteArray("{\"message\":\"Too Many Requests\"}"));
}

// Globals.Api reaches the implicit API and an explicit one, which overrides what it sets itself;
// SAM's SHARED plan covers both stages with one key, and its weekly quota starts on Monday.
void tst_RestApi::globalsAndSharedPlan()
{
    const QString dir = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/rest-api-globals");
    const LabDefinition lab = LabLoader::load(dir);
    QVERIFY(!lab.hasErrors());
    QCOMPARE(lab.restApis.size(), 2);
    const RestApiConfig &other = lab.restApis.at(0);
    const RestApiConfig &implicit = lab.restApis.at(1);
    QCOMPARE(other.logicalId, QStringLiteral("OtherApi"));
    QCOMPARE(implicit.logicalId, QStringLiteral("ServerlessRestApi"));
    QCOMPARE(implicit.binaryMediaTypes, QStringList{QStringLiteral("image/png")});
    QCOMPARE(other.binaryMediaTypes, QStringList{QStringLiteral("image/png")});
    QCOMPARE(implicit.stageVariables.value(0).second, QStringLiteral("gold"));
    QCOMPARE(other.stageVariables.value(0).second, QStringLiteral("silver"));
    QVERIFY(implicit.methods.at(0).apiKeyRequired);   // GET /a
    QVERIFY(!implicit.methods.at(1).apiKeyRequired);  // GET /open says false
    QVERIFY(!other.methods.at(0).apiKeyRequired);     // OtherApi's own Auth
    QCOMPARE(lab.usagePlans.size(), 1);
    const RestUsagePlanConfig &plan = lab.usagePlans.at(0);
    QCOMPARE(plan.logicalId, QStringLiteral("ServerlessUsagePlan"));
    QVERIFY(plan.covers(implicit.apiId, QStringLiteral("Prod")));
    QVERIFY(plan.covers(other.apiId, QStringLiteral("v2")));
    QCOMPARE(lab.apiKeys.size(), 1);
    QCOMPARE(lab.apiKeys.at(0).logicalId, QStringLiteral("ServerlessApiKey"));
    QVERIFY(lab.apiKeys.at(0).enabled);
    QCOMPARE(lab.apiKeys.at(0).value.size(), 40);

    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = dir;
    Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    qint64 now = QDateTime(QDate(2026, 3, 8), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch(); // a Sunday
    emulator.restApis()->setClock([&now] { return now; });
    const QByteArray key = lab.apiKeys.at(0).value.toUtf8();
    const quint16 port = started->port;
    const QByteArray host = "127.0.0.1:" + QByteArray::number(port);
    auto get = [&](const QByteArray &path) {
        return send("GET", Emulator::Emulator::pathStylePrefix(implicit.apiId) + "/Prod" + path, {{"x-api-key", key}},
                    QByteArray(), host, port);
    };
    QCOMPARE(get("/a").status, 200);
    QCOMPARE(get("/a").status, 200);
    QCOMPARE(get("/a").status, 429);
    QCOMPARE(get("/open").status, 200); // open methods are not counted
    now += 11 * 3600 * 1000;           // Sunday 23:00: the same week (it started on Monday)
    QCOMPARE(get("/a").status, 429);
    now += 3600 * 1000 + 1;             // Monday 00:00
    QCOMPARE(get("/a").status, 200);

    // Globals.Api.Cors "'*'": the implicit API wants its key on the preflight too (SAM's
    // AddApiKeyRequiredToCorsPreflight defaults to true), OtherApi needs none.
    auto preflight = [&](const QString &apiId, const QByteArray &path, const QByteArray &withKey) {
        QList<QPair<QByteArray, QByteArray>> headers = {{"Origin", "http://localhost:3000"}};
        if (!withKey.isEmpty())
            headers.append({"x-api-key", withKey});
        return send("OPTIONS", Emulator::Emulator::pathStylePrefix(apiId) + path, headers, QByteArray(), host, port);
    };
    const Answer refused = preflight(implicit.apiId, "/Prod/a", QByteArray());
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.body, QByteArray("{\"message\":\"Forbidden\"}"));
    const Answer keyed = preflight(implicit.apiId, "/Prod/a", key);
    QCOMPARE(keyed.status, 200);
    QCOMPARE(keyed.header("Access-Control-Allow-Origin"), QByteArray("*"));
    const Answer open = preflight(other.apiId, "/v2/b", QByteArray());
    QCOMPARE(open.status, 200);
    QCOMPARE(open.header("Access-Control-Allow-Methods"), QByteArray("GET,OPTIONS"));
}

QTEST_GUILESS_MAIN(tst_RestApi)
#include "tst_restapi.moc"
