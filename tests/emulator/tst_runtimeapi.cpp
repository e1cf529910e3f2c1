#include "core/emulator/runtimeapi.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <yaml-cpp/yaml.h>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
using Endpoint = RuntimeApi::Endpoint;

Q_DECLARE_METATYPE(Gatehouse::Emulator::RuntimeApi::Endpoint)

namespace {

const char *const SpecPath =
    GATEHOUSE_TEST_DATA "/lambda-events/aws-lambda-dotnet/RuntimeSupport/runtime-api.yaml";

QSet<int> documentedStatuses(const YAML::Node &operation)
{
    QSet<int> out;
    for (const auto &response : operation["responses"])
        out.insert(response.first.as<int>());
    return out;
}

// The statuses LambdaService answers on each endpoint (besides 404/405 for unknown paths).
QSet<int> statusesWeSend(Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Next:
        return {200, 403};
    case Endpoint::Response:
        return {202, 400, 403, 413};
    case Endpoint::Error:
        return {202, 400, 403};
    case Endpoint::InitError:
        return {202, 403};
    case Endpoint::Invalid:
        break;
    }
    return {};
}

} // namespace

class TestRuntimeApi : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void specPathsParse();
    void specNextHeaders();
    void reportedError_data();
    void reportedError();
    void traceId();
};

void TestRuntimeApi::parse_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<QByteArray>("workerId");
    QTest::addColumn<QByteArray>("requestId");
    QTest::addColumn<QByteArray>("method");

    const QByteArray base = "/_runtime/w1/2018-06-01/runtime";
    QTest::newRow("next") << base + "/invocation/next" << Endpoint::Next << QByteArray("w1")
                          << QByteArray() << QByteArray("GET");
    QTest::newRow("response") << base + "/invocation/r-1/response" << Endpoint::Response
                              << QByteArray("w1") << QByteArray("r-1") << QByteArray("POST");
    QTest::newRow("error") << base + "/invocation/r-2/error" << Endpoint::Error << QByteArray("w1")
                           << QByteArray("r-2") << QByteArray("POST");
    QTest::newRow("init error") << base + "/init/error" << Endpoint::InitError << QByteArray("w1")
                                << QByteArray() << QByteArray("POST");
    QTest::newRow("other version")
        << QByteArray("/_runtime/w1/2017-01-01/runtime/invocation/next") << Endpoint::Invalid
        << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("no worker") << QByteArray("/_runtime//2018-06-01/runtime/invocation/next")
                               << Endpoint::Invalid << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("empty request id") << base + "/invocation//response" << Endpoint::Invalid
                                      << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("extra segment") << base + "/invocation/next/more" << Endpoint::Invalid
                                   << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("unknown verb") << base + "/invocation/r-1/cancel" << Endpoint::Invalid
                                  << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("not the runtime api")
        << QByteArray("/2015-03-31/functions/f/invocations") << Endpoint::Invalid << QByteArray()
        << QByteArray() << QByteArray();
}

void TestRuntimeApi::parse()
{
    QFETCH(QByteArray, path);
    QFETCH(Endpoint, endpoint);
    QFETCH(QByteArray, workerId);
    QFETCH(QByteArray, requestId);
    QFETCH(QByteArray, method);

    const RuntimeApi::Route route = RuntimeApi::parse(path);
    QCOMPARE(route.endpoint, endpoint);
    QCOMPARE(route.workerId, workerId);
    QCOMPARE(route.requestId, requestId);
    QCOMPARE(route.method, method);
}

// Every path and method of AWS's runtime-api.yaml reaches an endpoint, and every status we
// answer there is one the spec documents for it.
void TestRuntimeApi::specPathsParse()
{
    YAML::Node spec;
    try {
        spec = YAML::LoadFile(SpecPath);
    } catch (const YAML::Exception &e) {
        QFAIL(e.what());
    }
    const QByteArray server =
        QByteArray::fromStdString(spec["servers"][0]["url"].as<std::string>());
    QCOMPARE(server, QByteArray("/2018-06-01"));
    int operations = 0;
    for (const auto &path : spec["paths"]) {
        QByteArray target = QByteArray::fromStdString(path.first.as<std::string>());
        target.replace("{AwsRequestId}", "req-9");
        for (const auto &operation : path.second) {
            const QByteArray method =
                QByteArray::fromStdString(operation.first.as<std::string>()).toUpper();
            const RuntimeApi::Route route = RuntimeApi::parse("/_runtime/w9" + server + target);
            QVERIFY2(route.endpoint != Endpoint::Invalid, target.constData());
            QCOMPARE(route.method, method);
            QCOMPARE(route.workerId, QByteArray("w9"));
            QCOMPARE(route.requestId,
                     target.contains("req-9") ? QByteArray("req-9") : QByteArray());
            const QSet<int> documented = documentedStatuses(operation.second);
            const QSet<int> ours = statusesWeSend(route.endpoint);
            QVERIFY2(documented.contains(ours), target.constData());
            ++operations;
        }
    }
    QCOMPARE(operations, 4);
}

// /next answers with exactly the headers the spec lists when every optional one applies.
void TestRuntimeApi::specNextHeaders()
{
    const YAML::Node spec = YAML::LoadFile(SpecPath);
    QSet<QByteArray> documented;
    for (const auto &header :
         spec["paths"]["/runtime/invocation/next"]["get"]["responses"]["200"]["headers"])
        documented.insert(QByteArray::fromStdString(header.first.as<std::string>()).toLower());
    QCOMPARE(documented.size(), 6);

    RuntimeApi::NextEvent event;
    event.requestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
    event.deadlineMs = 1542409706888;
    event.invokedFunctionArn = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime";
    event.traceId = RuntimeApi::newTraceId(event.deadlineMs);
    event.clientContext = R"({"custom":{}})";
    event.cognitoIdentity = R"({"cognitoIdentityId":"x"})";
    event.payload = R"({"key":"value"})";
    const Core::HttpResponse response = RuntimeApi::nextResponse(event);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, event.payload);
    QSet<QByteArray> sent;
    for (const auto &field : response.headers.fields()) {
        if (field.first.startsWith("Lambda-Runtime-"))
            sent.insert(field.first.toLower());
    }
    QCOMPARE(sent, documented);
    QCOMPARE(response.headers.value("Lambda-Runtime-Deadline-Ms"), QByteArray("1542409706888"));
    QCOMPARE(response.headers.value("Lambda-Runtime-Aws-Request-Id"), event.requestId);

    event.clientContext.clear();
    event.cognitoIdentity.clear();
    const Core::HttpResponse plain = RuntimeApi::nextResponse(event);
    QVERIFY(!plain.headers.contains("Lambda-Runtime-Client-Context"));
    QVERIFY(!plain.headers.contains("Lambda-Runtime-Cognito-Identity"));
}

void TestRuntimeApi::reportedError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("errorMessage");
    QTest::addColumn<QByteArray>("document");

    const QByteArray full = R"({"errorMessage":"oops","errorType":"KeyError","stackTrace":["a"]})";
    QTest::newRow("document") << full << QByteArray("Unhandled") << "KeyError"
                              << "oops" << full;
    QTest::newRow("header only") << QByteArray() << QByteArray("Runtime.Custom") << "Runtime.Custom"
                                 << ""
                                 << QByteArray(
                                        R"({"errorMessage":"","errorType":"Runtime.Custom"})");
    QTest::newRow("not json") << QByteArray("<html>") << QByteArray("Runtime.Custom")
                              << "Runtime.Custom"
                              << ""
                              << QByteArray(R"({"errorMessage":"","errorType":"Runtime.Custom"})");
    QTest::newRow("nothing") << QByteArray() << QByteArray() << "Unhandled"
                             << "" << QByteArray(R"({"errorMessage":"","errorType":"Unhandled"})");
    QTest::newRow("type from header")
        << QByteArray(R"({"errorMessage":"m"})") << QByteArray("H") << "H"
        << "m" << QByteArray(R"({"errorMessage":"m"})");
}

void TestRuntimeApi::reportedError()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(QString, errorType);
    QFETCH(QString, errorMessage);
    QFETCH(QByteArray, document);

    Core::HttpRequest request;
    request.method = "POST";
    request.body = body;
    if (!header.isEmpty())
        request.headers.add("Lambda-Runtime-Function-Error-Type", header);
    const RuntimeApi::ReportedError reported = RuntimeApi::parseReportedError(request);
    QCOMPARE(reported.errorType, errorType);
    QCOMPARE(reported.errorMessage, errorMessage);
    QCOMPARE(reported.document, document);
}

void TestRuntimeApi::traceId()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray id = RuntimeApi::newTraceId(now);
    const QRegularExpression shape(
        QStringLiteral("^Root=1-([0-9a-f]{8})-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$"));
    const QRegularExpressionMatch match = shape.match(QString::fromLatin1(id));
    QVERIFY2(match.hasMatch(), id.constData());
    QCOMPARE(match.captured(1).toLongLong(nullptr, 16), now / 1000);
    QVERIFY(RuntimeApi::newTraceId(now) != id);
}

QTEST_GUILESS_MAIN(TestRuntimeApi)
#include "tst_runtimeapi.moc"
