#include "core/emulator/httpserver.h"
#include "core/emulator/lambdaservice.h"
#include "core/emulator/requesthandler.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <csignal>
#include <memory>
#include <optional>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

class RuntimeForwarder : public RequestHandler
{
public:
    LambdaService *service = nullptr;
    void handleRequest(const Core::HttpRequest &request, HttpResponder responder) override
    {
        if (service->handleRuntimeRequest(request, responder))
            return;
        Core::HttpResponse response;
        response.status = 404;
        responder.send(response);
    }
};

FunctionConfig function(const QString &name, const QString &runtime, const QString &handler,
                        int timeout = 10)
{
    FunctionConfig config;
    config.name = name;
    config.logicalId = name;
    config.runtime = runtime;
    config.handler = handler;
    const QString folder = runtime.startsWith(QLatin1String("python"))   ? QStringLiteral("python")
                           : runtime.startsWith(QLatin1String("nodejs")) ? QStringLiteral("nodejs")
                                                                         : handler;
    config.codeDir = QStringLiteral(GATEHOUSE_TEST_DATA "/handlers/") + folder;
    if (name == QLatin1String("nodeTypeModule"))
        config.codeDir = QStringLiteral(GATEHOUSE_TEST_DATA "/handlers/nodejs-module");
    config.timeoutSeconds = timeout;
    config.memoryMb = 256;
    config.environment = {{QStringLiteral("BAKERY_NAME"), QStringLiteral("Crumbs")}};
    return config;
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestLambdaService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pythonSuccess();
    void pythonErrors_data();
    void pythonErrors();
    void timeoutKillsWorker();
    void warmReuse();
    void parallelLogsAttributed();
    void concurrencyQueue();
    void requestTooLarge();
    void unknownFunction();
    void handlerKinds_data();
    void handlerKinds();
    void nodeErrors_data();
    void nodeErrors();
    void shutdownFailsRunningInvocations();
    void idleWorkerDeathDropsIt();
    void providedRuntime_data();
    void providedRuntime();
    void runtimeApiAnswers();
    void sustainedLoad();

private:
    std::optional<InvokeResult> invoke(const QString &name, const QByteArray &payload,
                                       int waitMs = 20000);

    RuntimeForwarder m_forwarder;
    std::unique_ptr<LambdaService> m_service;
    std::unique_ptr<HttpServer> m_server;
};

void TestLambdaService::init()
{
    qputenv("AWS_SECRET_ACCESS_KEY", "not-for-functions");
    qputenv("GATEHOUSE_TEST_SECRET", "not-for-functions");
    m_service = std::make_unique<LambdaService>();
    m_forwarder.service = m_service.get();
    m_server = std::make_unique<HttpServer>(&m_forwarder);
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_service->setRuntimeApiAuthority(QStringLiteral("127.0.0.1:%1").arg(m_server->serverPort()));
    m_service->setFunctions({
        function(QStringLiteral("echo"), QStringLiteral("python3.12"), QStringLiteral("app.echo")),
        function(QStringLiteral("ping"), QStringLiteral("python3.12"), QStringLiteral("app.ping")),
        function(QStringLiteral("quick"), QStringLiteral("python3.12"), QStringLiteral("app.echo"),
                 1),
        function(QStringLiteral("fail"), QStringLiteral("python3.12"), QStringLiteral("app.fail")),
        function(QStringLiteral("big"), QStringLiteral("python3.12"), QStringLiteral("app.big")),
        function(QStringLiteral("huge"), QStringLiteral("python3.12"), QStringLiteral("app.huge")),
        function(QStringLiteral("marshal"), QStringLiteral("python3.12"),
                 QStringLiteral("app.unserialisable")),
        function(QStringLiteral("broken"), QStringLiteral("python3.12"),
                 QStringLiteral("broken.handler")),
        function(QStringLiteral("missing"), QStringLiteral("python3.12"),
                 QStringLiteral("app.nope")),
        function(QStringLiteral("node"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("index.handler")),
        function(QStringLiteral("nodeEsm"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("esm.handler")),
        function(QStringLiteral("dotted"), QStringLiteral("python3.11"),
                 QStringLiteral("bakery.orders.create")),
        function(QStringLiteral("nodeTypeModule"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("app.handler")),
        function(QStringLiteral("nodeCallback"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("index.callback")),
        function(QStringLiteral("nodeFail"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("index.fail")),
        function(QStringLiteral("nodeHuge"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("index.huge")),
        function(QStringLiteral("nodeNoHandler"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("index.nope")),
        function(QStringLiteral("nodeNoModule"), QStringLiteral("nodejs20.x"),
                 QStringLiteral("nothere.handler")),
        function(QStringLiteral("noBootstrap"), QStringLiteral("provided.al2023"),
                 QStringLiteral("nodejs")),
        function(QStringLiteral("java"), QStringLiteral("java21"), QStringLiteral("python")),
        function(QStringLiteral("bash"), QStringLiteral("provided.al2023"),
                 QStringLiteral("provided")),
        function(QStringLiteral("probe"), QStringLiteral("provided.al2023"),
                 QStringLiteral("probe")),
    });
}

void TestLambdaService::cleanup()
{
    m_service->shutdown();
    m_server.reset();
    m_service.reset();
}

std::optional<InvokeResult> TestLambdaService::invoke(const QString &name,
                                                      const QByteArray &payload, int waitMs)
{
    InvokeRequest request;
    request.functionName = name;
    request.payload = payload;
    request.source = QStringLiteral("tst_lambdaservice");
    std::optional<InvokeResult> out;
    m_service->invoke(request, this, [&out](const InvokeResult &result) { out = result; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, waitMs))
        qWarning("invocation of %s did not finish in %d ms", qPrintable(name), waitMs);
    return out;
}

void TestLambdaService::pythonSuccess()
{
    QSignalSpy records(m_service.get(), &LambdaService::invocationFinished);
    InvokeRequest request;
    request.functionName = QStringLiteral("echo");
    request.payload = R"({"name":"sourdough","line":"baking sourdough"})";
    request.clientContext = R"({"custom":{"shop":"north"}})";
    request.cognitoIdentity =
        R"({"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"})";
    std::optional<InvokeResult> result;
    m_service->invoke(request, this, [&result](const InvokeResult &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);

    QVERIFY2(!result->error.isError(), qPrintable(result->error.message));
    QCOMPARE(result->functionError, QString());
    const QJsonObject out = object(result->payload);
    QCOMPARE(out.value(QStringLiteral("event")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("sourdough"));
    QCOMPARE(out.value(QStringLiteral("requestId")).toString(), result->requestId);
    QCOMPARE(out.value(QStringLiteral("functionName")).toString(), QStringLiteral("echo"));
    QCOMPARE(out.value(QStringLiteral("functionVersion")).toString(), QStringLiteral("$LATEST"));
    QCOMPARE(out.value(QStringLiteral("arn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:echo"));
    QCOMPARE(out.value(QStringLiteral("memory")).toString(), QStringLiteral("256"));
    QCOMPARE(out.value(QStringLiteral("logGroup")).toString(), QStringLiteral("/aws/lambda/echo"));
    QCOMPARE(out.value(QStringLiteral("identityId")).toString(), QStringLiteral("us-east-1:abc"));
    QCOMPARE(out.value(QStringLiteral("clientCustom"))
                 .toObject()
                 .value(QStringLiteral("shop"))
                 .toString(),
             QStringLiteral("north"));
    const int remaining = out.value(QStringLiteral("remainingMs")).toInt();
    QVERIFY2(remaining > 8000 && remaining <= 10000, QByteArray::number(remaining));
    QCOMPARE(out.value(QStringLiteral("cwd")).toString(),
             QStringLiteral(GATEHOUSE_TEST_DATA "/handlers/python"));
    const QJsonObject env = out.value(QStringLiteral("env")).toObject();
    QCOMPARE(env.value(QStringLiteral("AWS_REGION")).toString(), QStringLiteral("us-east-1"));
    QCOMPARE(env.value(QStringLiteral("AWS_EXECUTION_ENV")).toString(),
             QStringLiteral("AWS_Lambda_python3.12"));
    QCOMPARE(env.value(QStringLiteral("TZ")).toString(), QStringLiteral(":UTC"));
    QCOMPARE(env.value(QStringLiteral("BAKERY_NAME")).toString(), QStringLiteral("Crumbs"));
    QVERIFY(env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).isNull());
    QVERIFY(env.value(QStringLiteral("GATEHOUSE_TEST_SECRET")).isNull());
    QVERIFY(env.value(QStringLiteral("_X_AMZN_TRACE_ID"))
                .toString()
                .contains(QRegularExpression(QStringLiteral(
                    "^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$"))));

    const QString log = QString::fromUtf8(result->log);
    const QString id = result->requestId;
    const QRegularExpression shape(
        QStringLiteral("^app module loaded\nSTART RequestId: %1 Version: \\$LATEST\nbaking "
                       "sourdough\nEND RequestId: %1\n"
                       "REPORT RequestId: %1\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ "
                       "ms\tMemory Size: 256 MB\t"
                       "Max Memory Used: [1-9]\\d* MB\tInit Duration: \\d+\\.\\d\\d ms\t\n$")
            .arg(id));
    QVERIFY2(shape.match(log).hasMatch(), qPrintable(log));
    // A cold start bills its init phase too (AWS, August 2025).
    const QRegularExpressionMatch times =
        QRegularExpression(
            QStringLiteral(
                "Duration: ([\\d.]+) ms\tBilled Duration: (\\d+) ms.*Init Duration: ([\\d.]+) ms"))
            .match(log);
    QVERIFY(times.hasMatch());
    const qint64 hundredths = std::llround(times.captured(1).toDouble() * 100) +
                              std::llround(times.captured(3).toDouble() * 100);
    QCOMPARE(times.captured(2).toLongLong(), (hundredths + 99) / 100);

    QCOMPARE(records.size(), 1);
    const auto record = records.at(0).at(0).value<Core::InvocationRecord>();
    QCOMPARE(record.status, QStringLiteral("Success"));
    QCOMPARE(record.requestId, id);
    QCOMPARE(record.source, QString());
}

void TestLambdaService::pythonErrors_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message"); // %1: the request id
    QTest::addColumn<QString>("logLine"); // %1: the request id
    QTest::addColumn<QString>("status");

    QTest::newRow("exception")
        << "fail" << QByteArray("{}") << "ValueError"
        << "the bakery is closed"
        << "[ERROR] ValueError: the bakery is closed\rTraceback (most recent call last):\r"
        << "Unhandled";
    QTest::newRow("import error")
        << "broken" << QByteArray("{}") << "Runtime.ImportModuleError"
        << "Unable to import module 'broken': No module named 'module_that_does_not_exist_anywhere'"
        << "[ERROR] Runtime.ImportModuleError: Unable to import module 'broken'"
        << "InitError";
    QTest::newRow("missing handler")
        << "missing" << QByteArray("{}") << "Runtime.HandlerNotFound"
        << "Handler 'nope' missing on module 'app'"
        << "[ERROR] Runtime.HandlerNotFound: Handler 'nope' missing on module 'app'"
        << "InitError";
    QTest::newRow("not serialisable")
        << "marshal" << QByteArray("{}") << "Runtime.MarshalError"
        << "Unable to marshal response: Object of type set is not JSON serializable"
        << "[ERROR] Runtime.MarshalError: Unable to marshal response"
        << "Unhandled";
    QTest::newRow("event not JSON") << "echo" << QByteArray("{not json") << "Runtime.UnmarshalError"
                                    << "Unable to unmarshal input: Expecting property name "
                                       "enclosed in double quotes: line 1 column 2 (char 1)"
                                    << "[ERROR] Runtime.UnmarshalError: Unable to unmarshal input"
                                    << "Unhandled";
    QTest::newRow("process exits")
        << "echo" << QByteArray(R"({"line":"about to exit","exit":3})") << "Runtime.ExitError"
        << "RequestId: %1 Error: Runtime exited with error: exit status 3"
        << "about to exit\nRequestId: %1 Error: Runtime exited with error: exit status "
           "3\nRuntime.ExitError\nEND"
        << "Crashed";
    QTest::newRow("provided without bootstrap")
        << "noBootstrap" << QByteArray("{}") << "Runtime.InvalidEntrypoint"
        << "RequestId: %1 Error: Couldn't find valid bootstrap(s): [" GATEHOUSE_TEST_DATA
           "/handlers/nodejs/bootstrap]"
        << "START RequestId: %1 Version: $LATEST\nRequestId: %1 Error: Couldn't find valid "
           "bootstrap(s)"
        << "InitError";
    QTest::newRow("unsupported runtime")
        << "java" << QByteArray("{}") << "Runtime.InvalidEntrypoint"
        << "RequestId: %1 Error: Runtime java21 is not supported by the emulator"
        << "Status: error\tError Type: Runtime.InvalidEntrypoint\t\n"
        << "InitError";
    QTest::newRow("response over the front's body limit")
        << "huge" << QByteArray("{}") << "Function.ResponseSizeTooLarge"
        << "Response payload size (20971522 bytes) exceeded maximum allowed payload size (6291556 "
           "bytes)."
        << "END RequestId: %1"
        << "Unhandled";
    QTest::newRow("response over 6 MB")
        << "big" << QByteArray("{}") << "Function.ResponseSizeTooLarge"
        << "Response payload size (7340034 bytes) exceeded maximum allowed payload size (6291556 "
           "bytes)."
        << "Status: error\tError Type: Function.ResponseSizeTooLarge"
        << "Unhandled";
}

void TestLambdaService::pythonErrors()
{
    QFETCH(QString, function);
    QFETCH(QByteArray, payload);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QFETCH(QString, logLine);
    QFETCH(QString, status);

    QSignalSpy records(m_service.get(), &LambdaService::invocationFinished);
    const std::optional<InvokeResult> result = invoke(function, payload);
    QVERIFY(result.has_value());
    QVERIFY(!result->error.isError());
    QCOMPARE(result->functionError, QStringLiteral("Unhandled"));
    QCOMPARE(result->errorType, errorType);
    const QJsonObject doc = object(result->payload);
    QCOMPARE(doc.value(QStringLiteral("errorType")).toString(), errorType);
    const auto withId = [&result](const QString &text) {
        return text.contains(QLatin1String("%1")) ? text.arg(result->requestId) : text;
    };
    QCOMPARE(doc.value(QStringLiteral("errorMessage")).toString(), withId(message));
    QVERIFY2(result->log.contains(withId(logLine).toUtf8()), result->log.constData());
    QVERIFY(result->log.contains(QByteArray("END RequestId: " + result->requestId.toUtf8())));
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).at(0).value<Core::InvocationRecord>().status, status);
    if (errorType == QLatin1String("ValueError")) {
        QCOMPARE(doc.value(QStringLiteral("requestId")).toString(), result->requestId);
        const QJsonArray trace = doc.value(QStringLiteral("stackTrace")).toArray();
        QCOMPARE(trace.size(), 1);
        QVERIFY(trace.at(0).toString().startsWith(
            QStringLiteral("  File \"" GATEHOUSE_TEST_DATA "/handlers/python/app.py\", line ")));
        QVERIFY(trace.at(0).toString().endsWith(
            QStringLiteral(", in fail\n    raise ValueError(\"the bakery is closed\")\n")));
    }
}

void TestLambdaService::timeoutKillsWorker()
{
    QElapsedTimer clock;
    clock.start();
    const std::optional<InvokeResult> timedOut =
        invoke(QStringLiteral("quick"), R"({"line":"going to sleep","child":true,"sleep":5})");
    QVERIFY(timedOut.has_value());
    QVERIFY2(clock.elapsed() < 5000, QByteArray::number(clock.elapsed()));
    QCOMPARE(timedOut->errorType, QStringLiteral("Sandbox.Timedout"));
    QCOMPARE(timedOut->payload,
             QStringLiteral(
                 "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: %1 Error: "
                 "Task timed out after 1.00 seconds\"}")
                 .arg(timedOut->requestId)
                 .toUtf8());
    QVERIFY(timedOut->log.contains("going to sleep\n"));
    QVERIFY(
        timedOut->log.contains(QByteArray(" " + timedOut->requestId.toUtf8() +
                                          " Task timed out after 1.00 seconds\nEND RequestId: ")));
    QVERIFY(timedOut->log.contains("\tStatus: timeout\t\n"));
    QVERIFY(timedOut->durationMs >= 1000 && timedOut->durationMs < 3000);
    QCOMPARE(m_service->workerCount(QStringLiteral("quick")), 0);

    // The kill takes the worker's whole process group: its `sleep 30` child dies too.
    const QRegularExpressionMatch child = QRegularExpression(QStringLiteral("child pid (\\d+)\n"))
                                              .match(QString::fromUtf8(timedOut->log));
    QVERIFY(child.hasMatch());
    const QString stat = QStringLiteral("/proc/%1/stat").arg(child.captured(1));
    const auto gone = [&stat] {
        QFile file(stat);
        if (!file.open(QIODevice::ReadOnly))
            return true;
        const QByteArray line = file.readAll();
        return line.mid(line.lastIndexOf(')') + 2, 1) == "Z";
    };
    QTRY_VERIFY_WITH_TIMEOUT(gone(), 5000);

    const std::optional<InvokeResult> fresh = invoke(QStringLiteral("quick"), "{}");
    QVERIFY(fresh.has_value());
    QCOMPARE(fresh->functionError, QString());
    QVERIFY(fresh->log.contains("Init Duration: "));
}

void TestLambdaService::warmReuse()
{
    const std::optional<InvokeResult> first = invoke(QStringLiteral("echo"), R"({"line":"alpha"})");
    const std::optional<InvokeResult> second =
        invoke(QStringLiteral("echo"), R"({"line":"bravo"})");
    QVERIFY(first.has_value() && second.has_value());
    const int firstPid = object(first->payload).value(QStringLiteral("pid")).toInt();
    QVERIFY(firstPid > 0);
    QCOMPARE(object(second->payload).value(QStringLiteral("pid")).toInt(), firstPid);
    QCOMPARE(m_service->workerCount(QStringLiteral("echo")), 1);
    QVERIFY(first->log.contains("Init Duration: "));
    QVERIFY(!second->log.contains("Init Duration: "));
    QVERIFY(!second->log.contains("app module loaded"));
    QVERIFY(first->log.contains("\nalpha\n") && !first->log.contains("bravo"));
    QVERIFY(second->log.contains("\nbravo\n") && !second->log.contains("alpha"));
    QVERIFY(first->requestId != second->requestId);
}

void TestLambdaService::parallelLogsAttributed()
{
    constexpr int count = 10;
    QList<std::optional<InvokeResult>> results(count);
    for (int i = 0; i < count; ++i) {
        InvokeRequest request;
        request.functionName = QStringLiteral("echo");
        request.payload = QStringLiteral(R"({"line":"line-%1","sleep":0.3})").arg(i).toUtf8();
        m_service->invoke(request, this, [&results, i](const InvokeResult &r) { results[i] = r; });
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(results.cbegin(), results.cend(), [](const auto &r) { return r.has_value(); }),
        30000);
    QSet<int> pids;
    for (int i = 0; i < count; ++i) {
        const InvokeResult &r = *results.at(i);
        QCOMPARE(r.functionError, QString());
        pids.insert(object(r.payload).value(QStringLiteral("pid")).toInt());
        const QByteArray own = "line-" + QByteArray::number(i) + '\n';
        QVERIFY2(r.log.contains(own), r.log.constData());
        QCOMPARE(r.log.count("line-"), 1);
    }
    QCOMPARE(pids.size(), count);
    QCOMPARE(m_service->workerCount(QStringLiteral("echo")), count);
}

void TestLambdaService::concurrencyQueue()
{
    m_service->setMaxConcurrency(2);
    constexpr int count = 6;
    int finished = 0;
    int maxWorkers = 0;
    QSet<int> pids;
    for (int i = 0; i < count; ++i) {
        InvokeRequest request;
        request.functionName = QStringLiteral("echo");
        request.payload = R"({"sleep":0.2})";
        m_service->invoke(request, this, [&](const InvokeResult &r) {
            ++finished;
            pids.insert(object(r.payload).value(QStringLiteral("pid")).toInt());
        });
        maxWorkers = qMax(maxWorkers, m_service->workerCount(QStringLiteral("echo")));
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, count, 30000);
    QCOMPARE(maxWorkers, 2);
    QCOMPARE(pids.size(), 2);
}

void TestLambdaService::requestTooLarge()
{
    QSignalSpy records(m_service.get(), &LambdaService::invocationFinished);
    const QByteArray payload = "\"" + QByteArray(7 * 1024 * 1024, 'a') + "\"";
    const std::optional<InvokeResult> result = invoke(QStringLiteral("echo"), payload);
    QVERIFY(result.has_value());
    QCOMPARE(result->error.awsCode, QStringLiteral("RequestEntityTooLargeException"));
    QCOMPARE(result->error.httpStatus, 413);
    QCOMPARE(result->error.message,
             QStringLiteral(
                 "Request must be smaller than 6291456 bytes for the InvokeFunction operation"));
    QCOMPARE(m_service->workerCount(QStringLiteral("echo")), 0);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).at(0).value<Core::InvocationRecord>().status,
             QStringLiteral("Rejected"));
}

void TestLambdaService::unknownFunction()
{
    const std::optional<InvokeResult> result = invoke(QStringLiteral("croissant"), "{}");
    QVERIFY(result.has_value());
    QCOMPARE(result->error.awsCode, QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(result->error.httpStatus, 404);
    QCOMPARE(result->error.message,
             QStringLiteral(
                 "Function not found: arn:aws:lambda:us-east-1:123456789012:function:croissant"));
}

void TestLambdaService::handlerKinds_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QByteArray>("logLine");

    QTest::newRow("commonjs async") << "node" << QByteArray(R"({"name":"bagel"})") << "hello"
                                    << "bagel" << QByteArray("\tINFO\tnode saw bagel\n");
    QTest::newRow("es module") << "nodeEsm" << QByteArray(R"({"name":"brioche"})") << "name"
                               << "brioche" << QByteArray();
    QTest::newRow("callback") << "nodeCallback" << QByteArray(R"({"n":"7"})") << "n"
                              << "7" << QByteArray();
    QTest::newRow("type module package")
        << "nodeTypeModule" << QByteArray(R"({"item":"scone"})") << "module"
        << "esm" << QByteArray();
    QTest::newRow("python dotted module")
        << "dotted" << QByteArray(R"({"item":"scone"})") << "module"
        << "bakery.orders" << QByteArray();
}

void TestLambdaService::handlerKinds()
{
    QFETCH(QString, function);
    QFETCH(QByteArray, payload);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QFETCH(QByteArray, logLine);

    const std::optional<InvokeResult> result = invoke(function, payload);
    QVERIFY(result.has_value());
    QVERIFY2(result->functionError.isEmpty(), result->payload.constData());
    QCOMPARE(object(result->payload).value(key).toString(), expected);
    QVERIFY(result->log.contains(QByteArray("START RequestId: " + result->requestId.toUtf8())));
    QVERIFY(result->log.contains(QByteArray("REPORT RequestId: " + result->requestId.toUtf8())));
    if (!logLine.isEmpty())
        QVERIFY2(result->log.contains(QByteArray(result->requestId.toUtf8() + logLine)),
                 result->log.constData());
}

void TestLambdaService::nodeErrors_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("status");

    QTest::newRow("exception") << "nodeFail"
                               << "Error"
                               << "the node bakery is closed"
                               << "Unhandled";
    QTest::newRow("missing handler") << "nodeNoHandler"
                                     << "Runtime.HandlerNotFound"
                                     << "index.nope is undefined or not exported"
                                     << "InitError";
    QTest::newRow("response over the front's body limit")
        << "nodeHuge"
        << "Function.ResponseSizeTooLarge"
        << "Response payload size (20971522 bytes) exceeded maximum allowed payload size (6291556 "
           "bytes)."
        << "Unhandled";
    QTest::newRow("missing module") << "nodeNoModule"
                                    << "Runtime.ImportModuleError"
                                    << "Error: Cannot find module 'nothere'"
                                    << "InitError";
}

void TestLambdaService::nodeErrors()
{
    QFETCH(QString, function);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QFETCH(QString, status);

    QSignalSpy records(m_service.get(), &LambdaService::invocationFinished);
    const std::optional<InvokeResult> result = invoke(function, "{}");
    QVERIFY(result.has_value());
    QCOMPARE(result->functionError, QStringLiteral("Unhandled"));
    QCOMPARE(result->errorType, errorType);
    const QJsonObject doc = object(result->payload);
    QCOMPARE(doc.value(QStringLiteral("errorType")).toString(), errorType);
    QVERIFY2(doc.value(QStringLiteral("errorMessage")).toString().startsWith(message),
             result->payload.constData());
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).at(0).value<Core::InvocationRecord>().status, status);
    const QByteArray logged =
        "\tERROR\tInvoke Error \t{\"errorType\":\"" + errorType.toUtf8() + "\",\"errorMessage\":\"";
    QVERIFY2(result->log.contains(logged), result->log.constData());
    if (errorType != QLatin1String("Error"))
        return;
    const QJsonArray trace = doc.value(QStringLiteral("trace")).toArray();
    QVERIFY(trace.size() > 1);
    QCOMPARE(trace.at(0).toString(), QStringLiteral("Error: the node bakery is closed"));
    QVERIFY(trace.at(1).toString().contains(QStringLiteral("/handlers/nodejs/index.js:")));
}

void TestLambdaService::shutdownFailsRunningInvocations()
{
    std::optional<InvokeResult> result;
    InvokeRequest request;
    request.functionName = QStringLiteral("echo");
    request.payload = R"({"line":"long bake","sleep":5})";
    m_service->invoke(request, this, [&result](const InvokeResult &r) { result = r; });
    QTRY_COMPARE_WITH_TIMEOUT(m_service->workerCount(QStringLiteral("echo")), 1, 5000);
    QTest::qWait(300);
    QElapsedTimer clock;
    clock.start();
    m_service->shutdown();
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 2000);
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(result->error.awsCode, QStringLiteral("ServiceException"));
    QCOMPARE(result->error.httpStatus, 500);
    QCOMPARE(m_service->workerCount(QStringLiteral("echo")), 0);
}

void TestLambdaService::idleWorkerDeathDropsIt()
{
    const std::optional<InvokeResult> first = invoke(QStringLiteral("echo"), "{}");
    QVERIFY(first.has_value());
    const int pid = object(first->payload).value(QStringLiteral("pid")).toInt();
    QVERIFY(pid > 0);
    QCOMPARE(m_service->workerCount(QStringLiteral("echo")), 1);
    QCOMPARE(::kill(pid, SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->workerCount(QStringLiteral("echo")), 0, 5000);
    const std::optional<InvokeResult> second = invoke(QStringLiteral("echo"), "{}");
    QVERIFY(second.has_value());
    QCOMPARE(second->functionError, QString());
    QVERIFY(object(second->payload).value(QStringLiteral("pid")).toInt() != pid);
}

void TestLambdaService::providedRuntime_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("functionError");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("response") << QByteArray(R"({"bake":"rye"})") << QString()
                              << QByteArray(R"({"echo":{"bake":"rye"}})");
    QTest::newRow("error")
        << QByteArray(R"({"fail":true})") << QStringLiteral("Unhandled")
        << QByteArray(R"({"errorMessage":"bash says no","errorType":"BashError","stackTrace":[]})");
}

// bash + curl speak to the Runtime API the way AWS's custom runtime tutorial does.
void TestLambdaService::providedRuntime()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, functionError);
    QFETCH(QByteArray, expected);

    const std::optional<InvokeResult> result = invoke(QStringLiteral("bash"), payload);
    QVERIFY(result.has_value());
    QCOMPARE(result->functionError, functionError);
    QCOMPARE(result->payload, expected);
    QVERIFY2(result->log.contains(
                 QByteArray("bash runtime handling " + result->requestId.toUtf8() + '\n')),
             result->log.constData());
    if (!functionError.isEmpty())
        QCOMPARE(result->errorType, QStringLiteral("BashError"));
}

// A custom runtime built on Python's http.client probes the answers runtime-api.yaml lists.
void TestLambdaService::runtimeApiAnswers()
{
    InvokeRequest request;
    request.functionName = QStringLiteral("probe");
    request.payload = R"({"probe":1})";
    request.clientContext = R"({"custom":{"k":"v"}})";
    request.cognitoIdentity = R"({"cognitoIdentityId":"id-1"})";
    std::optional<InvokeResult> result;
    m_service->invoke(request, this, [&result](const InvokeResult &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    QVERIFY2(result->functionError.isEmpty(), result->payload.constData());
    const QJsonObject seen = object(result->payload);
    const auto status = [&seen](const char *key) {
        return seen.value(QLatin1String(key)).toArray().at(0).toInt();
    };
    const auto errorType = [&seen](const char *key) {
        return seen.value(QLatin1String(key))
            .toArray()
            .at(1)
            .toObject()
            .value(QStringLiteral("errorType"))
            .toString();
    };
    QCOMPARE(status("wrongRequestId"), 400);
    QCOMPARE(errorType("wrongRequestId"), QStringLiteral("InvalidRequestID"));
    QCOMPARE(status("unknownWorker"), 403);
    QCOMPARE(status("wrongMethod"), 405);
    QCOMPARE(status("unknownPath"), 404);
    const QJsonObject headers = seen.value(QStringLiteral("headers")).toObject();
    const qint64 deadline =
        qint64(headers.value(QStringLiteral("Lambda-Runtime-Deadline-Ms")).toString().toLongLong());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(deadline > now + 5000 && deadline <= now + 10000, QByteArray::number(deadline - now));
    QCOMPARE(headers.value(QStringLiteral("Lambda-Runtime-Invoked-Function-Arn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:probe"));
    QCOMPARE(headers.value(QStringLiteral("Lambda-Runtime-Client-Context")).toString(),
             QString::fromUtf8(request.clientContext));
    QCOMPARE(headers.value(QStringLiteral("Lambda-Runtime-Cognito-Identity")).toString(),
             QString::fromUtf8(request.cognitoIdentity));
    QCOMPARE(headers.value(QStringLiteral("Content-Type")).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(seen.value(QStringLiteral("event")).toObject().value(QStringLiteral("probe")).toInt(),
             1);

    // What the runtime printed after answering lands before the next invocation's START.
    const std::optional<InvokeResult> next = invoke(QStringLiteral("probe"), "{}");
    QVERIFY(next.has_value());
    QVERIFY2(next->log.startsWith("final answer 202\nsecond answer 400\nSTART RequestId: "),
             next->log.constData());
}

// 16 callers keep invoking a trivial Python handler; prints the rate it reached (the timed
// verdict belongs to the benchmark, not to ctest) and checks every invocation succeeded.
void TestLambdaService::sustainedLoad()
{
    constexpr int total = 3000;
    constexpr int callers = 16;
    int started = 0;
    int succeeded = 0;
    int failed = 0;
    std::function<void()> next = [&] {
        if (started == total)
            return;
        ++started;
        InvokeRequest request;
        request.functionName = QStringLiteral("ping");
        request.payload = R"({"n":1})";
        m_service->invoke(request, this, [&](const InvokeResult &r) {
            (r.functionError.isEmpty() && !r.error.isError() ? succeeded : failed)++;
            next();
        });
    };
    for (int i = 0; i < callers; ++i)
        next();
    QTRY_VERIFY_WITH_TIMEOUT(succeeded + failed >= callers, 20000); // warm-up: workers started
    QElapsedTimer clock;
    clock.start();
    const int before = succeeded + failed;
    QTRY_COMPARE_WITH_TIMEOUT(succeeded + failed, total, 60000);
    const double seconds = clock.nsecsElapsed() / 1e9;
    qInfo("sustained load: %.0f invocations/s with %d callers, %d workers",
          (total - before) / seconds, callers, m_service->workerCount(QStringLiteral("ping")));
    QCOMPARE(failed, 0);
    QVERIFY(m_service->workerCount(QStringLiteral("ping")) <= 10);
}

QTEST_GUILESS_MAIN(TestLambdaService)
#include "tst_lambdaservice.moc"
