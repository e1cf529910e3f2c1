// Stage variables and route throttling of HTTP APIs, as API Gateway applies them: StageVariables
// (Globals merged under the API's own, !Sub evaluated) arrive in the event in the shape of AWS's
// samples and feed a Lambda authorizer's $stageVariables identity source; a route's token
// bucket lets its burst through, answers the next request 429 {"message":"Too Many Requests"}
// without calling the function, and refills at the rate; RouteSettings override
// DefaultRouteSettings limit by limit; a route without settings is not throttled; bad values
// are template errors at their line and column. Lab: tests/data/labs/httpapi-stage.
#include "../common/emulatorlab.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"
#include "core/emulator/tokenbucket.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray requestId;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QString routeUrl(const Core::EmulatorInfo &info, const QString &apiName, const QString &routeKey)
{
    for (const Core::EmulatorApiInfo &api : info.apis) {
        for (const Core::EmulatorRouteInfo &route : api.routes) {
            if (route.routeKey == routeKey && (apiName.isEmpty() || api.pathStyleUrl.contains(apiName)))
                return route.url;
        }
    }
    return QString();
}

QJsonObject sampleEvent(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/aws-lambda-go/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class tst_HttpApiThrottle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tokenBucket();
    void stageVariablesInTheEvent();
    void stageVariableAsIdentitySource();
    void burstThenTooManyRequests();
    void refillsAtTheRate();
    void zeroLimitsRefuseAll();
    void routeSettingsOverrideDefaults();
    void routeWithoutSettingsIsNotThrottled();
    void badValuesAtLineAndColumn();
    void globalsMergeLimitByLimit();
    void bakeryLab();

private:
    Answer send(const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    QString url(const QString &apiLogicalId, const QString &routeKey) const;
    int invocations(const QString &function) const { return m_invocations.value(function); }

    std::unique_ptr<Emulator::Emulator> m_emulator;
    QHash<QString, int> m_invocations;
    QNetworkAccessManager m_network;
};

void tst_HttpApiThrottle::initTestCase()
{
    m_emulator = Test::startLab(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/httpapi-stage"));
    QVERIFY(m_emulator);
    connect(m_emulator.get(), &Emulator::Emulator::invocationFinished, this,
            [this](const Core::InvocationRecord &record) { ++m_invocations[record.functionName]; });
}

void tst_HttpApiThrottle::cleanupTestCase()
{
    m_emulator.reset();
}

QString tst_HttpApiThrottle::url(const QString &apiLogicalId, const QString &routeKey) const
{
    for (const HttpApiConfig &api : m_emulator->lab().httpApis) {
        if (api.logicalId == apiLogicalId)
            return routeUrl(m_emulator->info(), api.apiId, routeKey);
    }
    return QString();
}

Answer tst_HttpApiThrottle::send(const QString &target, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request{QUrl(target)};
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(60000);
    Answer out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.contentType = reply->rawHeader("Content-Type");
    out.requestId = reply->rawHeader("apigw-requestid");
    reply->deleteLater();
    return out;
}

// The bucket on its own, with a clock the test holds: full at first, one token per request,
// `rate` tokens a second back, never more than the burst.
void tst_HttpApiThrottle::tokenBucket()
{
    TokenBucket bucket(2.0, 3);
    const qint64 t0 = 1'700'000'000'000;
    QVERIFY(bucket.take(t0));
    QVERIFY(bucket.take(t0));
    QVERIFY(bucket.take(t0));
    QVERIFY(!bucket.take(t0));
    QVERIFY(!bucket.take(t0 + 499)); // 0.998 of a token
    QVERIFY(bucket.take(t0 + 500));
    QVERIFY(!bucket.take(t0 + 500));
    QCOMPARE(bucket.tokens(t0 + 60'000), 3.0); // an idle minute fills it to the burst, no more
    QVERIFY(!bucket.take(t0 - 10'000));        // a clock stepping back refills nothing

    TokenBucket closed(0.0, 0);
    QVERIFY(!closed.take(t0));
    QVERIFY(!closed.take(t0 + 3'600'000));
}

// AWS's samples carry stageVariables as an object of string values; so does the emulator's
// event, with Globals' variables under the API's own (oven: hot wins over cold) and !Sub done.
void tst_HttpApiThrottle::stageVariablesInTheEvent()
{
    const QJsonObject sample = sampleEvent(QStringLiteral("apigw-v2-request-jwt-authorizer.json"));
    QVERIFY(sample.value(QStringLiteral("stageVariables")).isObject());

    const Answer answer = send(url(QStringLiteral("StageApi"), QStringLiteral("GET /open")));
    QVERIFY2(answer.status == 200, answer.body.constData());
    const QJsonObject event = answer.json().value(QStringLiteral("event")).toObject();
    const QJsonValue variables = event.value(QStringLiteral("stageVariables"));
    QVERIFY2(variables.isObject(), answer.body.constData());
    for (const QJsonValue &value : sample.value(QStringLiteral("stageVariables")).toObject())
        QVERIFY(value.isString());
    for (const QJsonValue &value : variables.toObject())
        QVERIFY(value.isString());
    const QJsonObject expected{{QStringLiteral("shared"), QStringLiteral("from-globals")},
                               {QStringLiteral("oven"), QStringLiteral("hot")},
                               {QStringLiteral("bakeryName"), QStringLiteral("httpapi-stage-bakery")},
                               {QStringLiteral("counter"), QStringLiteral("https://example.com/menu?day=1&lang=en,fr#top")}};
    QCOMPARE(variables.toObject(), expected);
    QCOMPARE(event.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("stage")).toString(),
             QStringLiteral("dev"));

    // The other API has only Globals' variables.
    const Answer other = send(url(QStringLiteral("DefaultsApi"), QStringLiteral("GET /vip")));
    QVERIFY2(other.status == 200, other.body.constData());
    QCOMPARE(other.json().value(QStringLiteral("event")).toObject().value(QStringLiteral("stageVariables")).toObject(),
             (QJsonObject{{QStringLiteral("shared"), QStringLiteral("from-globals")}, {QStringLiteral("oven"), QStringLiteral("cold")}}));
}

// Identity: StageVariables: [oven] -> identitySource carries the stage's value after the
// header's, and the authorizer's event has the stage variables too.
void tst_HttpApiThrottle::stageVariableAsIdentitySource()
{
    const Answer in = send(url(QStringLiteral("StageApi"), QStringLiteral("GET /guarded")), {{"x-key", "open-sesame"}});
    QVERIFY2(in.status == 200, in.body.constData());
    const QJsonObject lambda = in.json().value(QStringLiteral("event")).toObject().value(QStringLiteral("requestContext"))
                                   .toObject().value(QStringLiteral("authorizer")).toObject().value(QStringLiteral("lambda")).toObject();
    const QJsonObject authorizerEvent = QJsonDocument::fromJson(lambda.value(QStringLiteral("event")).toString().toUtf8()).object();
    QCOMPARE(authorizerEvent.value(QStringLiteral("identitySource")).toArray(),
             (QJsonArray{QStringLiteral("open-sesame"), QStringLiteral("hot")}));
    QCOMPARE(authorizerEvent.value(QStringLiteral("stageVariables")).toObject().value(QStringLiteral("oven")).toString(),
             QStringLiteral("hot"));
    QCOMPARE(send(url(QStringLiteral("StageApi"), QStringLiteral("GET /guarded")), {{"x-key", "wrong"}}).status, 403);
}

// Burst 3 at 0.01 requests a second: three pass, the fourth is refused as HTTP APIs refuse it
// and the function is not called for it.
void tst_HttpApiThrottle::burstThenTooManyRequests()
{
    const QString limited = url(QStringLiteral("StageApi"), QStringLiteral("GET /limited"));
    QVERIFY(!limited.isEmpty());
    const int before = invocations(QStringLiteral("stageEcho"));
    for (int i = 0; i < 3; ++i) {
        const Answer passed = send(limited);
        QVERIFY2(passed.status == 200, passed.body.constData());
    }
    const Answer refused = send(limited);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.body, QByteArray("{\"message\":\"Too Many Requests\"}"));
    QCOMPARE(refused.contentType, QByteArray("application/json"));
    QVERIFY(!refused.requestId.isEmpty());
    QCOMPARE(send(limited).status, 429);
    QTest::qWait(200); // an invocation record that would arrive late
    QCOMPARE(invocations(QStringLiteral("stageEcho")), before + 3);
}

// Burst 1 at 2 requests a second: refused right after a request, let through again within
// about half a second.
void tst_HttpApiThrottle::refillsAtTheRate()
{
    const QString drip = url(QStringLiteral("StageApi"), QStringLiteral("GET /drip"));
    QCOMPARE(send(drip).status, 200);
    // (QTRY_COMPARE would send once more to report: each try is one request here.)
    // A request may take long enough for the token to come back; retry until one is refused.
    QVERIFY(QTest::qWaitFor([&] { return send(drip).status == 429; }, 5000));
    QElapsedTimer waited;
    waited.start();
    int refused = 0;
    QVERIFY(QTest::qWaitFor([&] {
        const int status = send(drip).status;
        refused += status == 429 ? 1 : 0;
        return status == 200;
    }, 5000));
    // Half a second at 2 a second; the first retry after the refusal is refused too.
    QVERIFY2(waited.elapsed() >= 400 && waited.elapsed() <= 2000, qPrintable(QString::number(waited.elapsed())));
    QVERIFY(refused >= 1);
}

void tst_HttpApiThrottle::zeroLimitsRefuseAll()
{
    const int before = invocations(QStringLiteral("stageEcho"));
    QCOMPARE(send(url(QStringLiteral("StageApi"), QStringLiteral("GET /shut"))).status, 429);
    QCOMPARE(send(url(QStringLiteral("StageApi"), QStringLiteral("GET /shut"))).status, 429);
    QCOMPARE(invocations(QStringLiteral("stageEcho")), before);
}

// DefaultRouteSettings: burst 2 for every route; GET /vip's own burst 4 replaces it, and the
// rate (0.01) it leaves unset comes from the defaults. GET /vip has already had one request.
void tst_HttpApiThrottle::routeSettingsOverrideDefaults()
{
    const QString plain = url(QStringLiteral("DefaultsApi"), QStringLiteral("GET /plain"));
    QCOMPARE(send(plain).status, 200);
    QCOMPARE(send(plain).status, 200);
    QCOMPARE(send(plain).status, 429);
    const QString vip = url(QStringLiteral("DefaultsApi"), QStringLiteral("GET /vip"));
    QCOMPARE(send(vip).status, 200);
    QCOMPARE(send(vip).status, 200);
    QCOMPARE(send(vip).status, 200);
    QCOMPARE(send(vip).status, 429);
    const HttpApiConfig *api = nullptr;
    for (const HttpApiConfig &a : m_emulator->lab().httpApis)
        api = a.logicalId == QLatin1String("DefaultsApi") ? &a : api;
    QVERIFY(api);
    QCOMPARE(api->throttle(QStringLiteral("GET /vip")).rateLimit, std::optional<double>(0.01));
    QCOMPARE(api->throttle(QStringLiteral("GET /vip")).burstLimit, std::optional<int>(4));
}

void tst_HttpApiThrottle::routeWithoutSettingsIsNotThrottled()
{
    const QString open = url(QStringLiteral("StageApi"), QStringLiteral("GET /open"));
    for (int i = 0; i < 25; ++i) {
        const Answer answer = send(open);
        QVERIFY2(answer.status == 200, qPrintable(QStringLiteral("request %1: %2").arg(i).arg(answer.status)));
    }
}

void tst_HttpApiThrottle::badValuesAtLineAndColumn()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("src")));
    QFile handler(dir.filePath(QStringLiteral("src/app.py")));
    QVERIFY(handler.open(QIODevice::WriteOnly));
    handler.write("def handler(event, context):\n    return {}\n");
    handler.close();
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("AWSTemplateFormatVersion: '2010-09-09'\n"      // 1
               "Transform: AWS::Serverless-2016-10-31\n"       // 2
               "Globals:\n"                                    // 3
               "  HttpApi:\n"                                  // 4
               "    StageVariables:\n"                         // 5
               "      bakery-name: x\n"                        // 6
               "Resources:\n"                                  // 7
               "  Api:\n"                                      // 8
               "    Type: AWS::Serverless::HttpApi\n"          // 9
               "    Properties:\n"                             // 10
               "      StageVariables:\n"                       // 11
               "        bakeryName: Gatehouse Bakery\n"        // 12
               "      DefaultRouteSettings:\n"                 // 13
               "        ThrottlingBurstLimit: -1\n"            // 14
               "        ThrottlingRateLimit: fast\n"           // 15
               "      RouteSettings:\n"                        // 16
               "        GET /snacks:\n"                        // 17
               "          ThrottlingBurstLimit: 2.5\n"         // 18
               "          ThrotlingRateLimit: 1\n"             // 19
               "  Fn:\n"                                       // 20
               "    Type: AWS::Serverless::Function\n"         // 21
               "    Properties:\n"                             // 22
               "      CodeUri: src/\n"                         // 23
               "      Handler: app.handler\n"                  // 24
               "      Runtime: python3.12\n"                   // 25
               "      Events:\n"                               // 26
               "        Snack:\n"                              // 27
               "          Type: HttpApi\n"                     // 28
               "          Properties: {ApiId: !Ref Api, Path: /snack, Method: GET}\n");
    file.close();
    const LabDefinition lab = LabLoader::load(dir.path());
    QStringList errors;
    for (const LabDiagnostic &d : lab.diagnostics) {
        if (d.severity == LabDiagnostic::Severity::Error)
            errors.append(d.toString());
    }
    const QString all = errors.join(QLatin1Char('\n'));
    const auto has = [&](const QString &position, const QString &text) {
        return std::any_of(errors.cbegin(), errors.cend(), [&](const QString &e) {
            return e.contains(QStringLiteral("template.yaml:") + position + QStringLiteral(": error")) && e.contains(text);
        });
    };
    QVERIFY2(has(QStringLiteral("6:7"), QStringLiteral("invalid stage variable name bakery-name")), qPrintable(all));
    QVERIFY2(has(QStringLiteral("12:21"), QStringLiteral("invalid value \"Gatehouse Bakery\"")), qPrintable(all));
    QVERIFY2(has(QStringLiteral("14:31"), QStringLiteral("-1 is not a burst limit")), qPrintable(all));
    QVERIFY2(has(QStringLiteral("15:30"), QStringLiteral("fast is not a rate limit")), qPrintable(all));
    QVERIFY2(has(QStringLiteral("18:33"), QStringLiteral("2.5 is not a burst limit")), qPrintable(all));
    QVERIFY2(has(QStringLiteral("19:11"), QStringLiteral("did you mean ThrottlingRateLimit?")), qPrintable(all));
    QVERIFY2(has(QStringLiteral("17:9"), QStringLiteral("Api has no route GET /snacks")), qPrintable(all));
    QVERIFY2(has(QStringLiteral("17:9"), QStringLiteral("did you mean GET /snack?")), qPrintable(all));
    QCOMPARE(errors.size(), 7);
}

// Globals.HttpApi.DefaultRouteSettings under each API's own, limit by limit (SAM merges maps
// recursively); Globals' RouteSettings go to every API, so one without the route is an error.
void tst_HttpApiThrottle::globalsMergeLimitByLimit()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("src")));
    QFile handler(dir.filePath(QStringLiteral("src/app.py")));
    QVERIFY(handler.open(QIODevice::WriteOnly));
    handler.write("def handler(event, context):\n    return {}\n");
    handler.close();
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Transform: AWS::Serverless-2016-10-31\n"          // 1
               "Globals:\n"                                       // 2
               "  HttpApi:\n"                                     // 3
               "    DefaultRouteSettings:\n"                      // 4
               "      ThrottlingBurstLimit: 7\n"                  // 5
               "      ThrottlingRateLimit: 3\n"                   // 6
               "    RouteSettings:\n"                             // 7
               "      GET /a:\n"                                  // 8
               "        ThrottlingBurstLimit: 1\n"                // 9
               "Resources:\n"                                     // 10
               "  First:\n"                                       // 11
               "    Type: AWS::Serverless::HttpApi\n"             // 12
               "    Properties:\n"                                // 13
               "      DefaultRouteSettings: {ThrottlingRateLimit: 0.5}\n"
               "  Second:\n"                                      // 15
               "    Type: AWS::Serverless::HttpApi\n"             // 16
               "  Fn:\n"                                          // 17
               "    Type: AWS::Serverless::Function\n"            // 18
               "    Properties:\n"                                // 19
               "      CodeUri: src/\n"                            // 20
               "      Handler: app.handler\n"                     // 21
               "      Runtime: python3.12\n"                      // 22
               "      Events:\n"                                  // 23
               "        A: {Type: HttpApi, Properties: {ApiId: !Ref First, Path: /a, Method: GET}}\n"
               "        B: {Type: HttpApi, Properties: {ApiId: !Ref Second, Path: /b, Method: GET}}\n");
    file.close();
    const LabDefinition lab = LabLoader::load(dir.path());
    QStringList errors;
    for (const LabDiagnostic &d : lab.diagnostics)
        errors.append(d.toString());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("template.yaml:8:7: error"))
                 && errors.first().contains(QStringLiteral("Second has no route GET /a")),
             qPrintable(errors.first()));
    QCOMPARE(lab.httpApis.size(), 2);
    const HttpApiConfig &first = lab.httpApis.at(0);
    QCOMPARE(first.logicalId, QStringLiteral("First"));
    QCOMPARE(first.defaultThrottle.burstLimit, std::optional<int>(7));      // from Globals
    QCOMPARE(first.defaultThrottle.rateLimit, std::optional<double>(0.5)); // its own
    QCOMPARE(first.throttle(QStringLiteral("GET /a")).burstLimit, std::optional<int>(1));
    QCOMPARE(first.throttle(QStringLiteral("GET /a")).rateLimit, std::optional<double>(0.5));
    QCOMPARE(lab.httpApis.at(1).throttle(QStringLiteral("GET /b")).rateLimit, std::optional<double>(3));
}

// The bakery as lab.md shows it: GET /snack names the bakery from the stage variable, and GET
// /kitchen (burst 5, 1 a second) refuses the 6th quick request, before its authorizer: a caller
// without the key gets 401 five times, then 429.
void tst_HttpApiThrottle::bakeryLab()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    Emulator::Emulator bakery(options);
    const auto started = bakery.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    // gatehouse emulator and GET / say which route is throttled, and how.
    QHash<QString, QString> throttles;
    for (const Core::EmulatorRouteInfo &r : bakery.info().apis.at(0).routes)
        throttles.insert(r.routeKey, r.throttle);
    QCOMPARE(throttles.value(QStringLiteral("GET /kitchen")), QStringLiteral("rate 1/s, burst 5"));
    QCOMPARE(throttles.value(QStringLiteral("GET /snack")), QString());
    QCOMPARE(bakery.info().apis.at(0).stageVariables, QStringList{QStringLiteral("bakeryName=Gatehouse-Bakery")});
    const Answer index = send(bakery.info().baseUrl + QStringLiteral("/"));
    QString listed;
    for (const QJsonValue &route : index.json().value(QStringLiteral("apis")).toArray().at(0).toObject()
                                        .value(QStringLiteral("routes")).toArray()) {
        if (route.toObject().value(QStringLiteral("routeKey")).toString() == QLatin1String("GET /kitchen"))
            listed = route.toObject().value(QStringLiteral("throttle")).toString();
    }
    QCOMPARE(listed, QStringLiteral("rate 1/s, burst 5"));

    const Answer snack = send(routeUrl(bakery.info(), QString(), QStringLiteral("GET /snack")));
    QVERIFY2(snack.status == 200, snack.body.constData());
    QCOMPARE(snack.json().value(QStringLiteral("bakery")).toString(), QStringLiteral("Gatehouse-Bakery"));

    const QString kitchen = routeUrl(bakery.info(), QString(), QStringLiteral("GET /kitchen"));
    QVERIFY(!kitchen.isEmpty());
    QElapsedTimer clock;
    clock.start();
    QList<int> statuses;
    for (int i = 0; i < 6; ++i)
        statuses.append(send(kitchen).status);
    if (clock.elapsed() >= 1000) // a token came back meanwhile: the 6th may pass on a slow machine
        QCOMPARE(statuses.mid(0, 5), (QList<int>{401, 401, 401, 401, 401}));
    else
        QCOMPARE(statuses, (QList<int>{401, 401, 401, 401, 401, 429}));
}

QTEST_GUILESS_MAIN(tst_HttpApiThrottle)
#include "tst_httpapithrottle.moc"
