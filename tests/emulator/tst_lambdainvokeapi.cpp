#include "core/emulator/awsauthenticator.h"
#include "core/invocationrecord.h"
#include "core/emulator/httpserver.h"
#include "core/emulator/lambdainvokeapi.h"
#include "core/emulator/lambdaservice.h"
#include "core/emulator/requesthandler.h"
#include "../common/awscli.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

class Front : public RequestHandler
{
public:
    LambdaService *service = nullptr;
    LambdaInvokeApi *api = nullptr;
    void handleRequest(const Core::HttpRequest &request, HttpResponder responder) override
    {
        if (service->handleRuntimeRequest(request, responder) ||
            api->handleRequest(request, responder))
            return;
        Core::HttpResponse response;
        response.status = 404;
        responder.send(response);
    }
};

FunctionConfig pythonFunction(const QString &name, const QString &handler)
{
    FunctionConfig config;
    config.name = name;
    config.runtime = QStringLiteral("python3.12");
    config.handler = handler;
    config.codeDir = QStringLiteral(GATEHOUSE_TEST_DATA "/handlers/python");
    return config;
}

using Run = GatehouseTest::AwsCli::Run;

} // namespace

// The real AWS CLI and curl, against the Invoke operation served from one loopback port.
class TestLambdaInvokeApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void functionNames_data();
    void functionNames();
    void awsCliInvoke_data();
    void awsCliInvoke();
    void awsCliNotFound();
    void curlAnswers_data();
    void curlAnswers();
    void curlAuthentication_data();
    void curlAuthentication();
    void awsCliWrongSecret();
    void eventRetries_data();
    void eventRetries();
    void awsCliRefusals_data();
    void awsCliRefusals();

private:
    Run curlPost(const QString &curl, const QString &path, const QStringList &headers,
                 const QByteArray &body, const QString &user);
    QString endpoint() const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort());
    }

    Front m_front;
    AwsAuthenticator m_authenticator{QStringLiteral("123456789012")};
    std::unique_ptr<LambdaService> m_service;
    std::unique_ptr<LambdaInvokeApi> m_api;
    std::unique_ptr<HttpServer> m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<GatehouseTest::AwsCli> m_cli;
};

void TestLambdaInvokeApi::init()
{
    m_service = std::make_unique<LambdaService>();
    m_api = std::make_unique<LambdaInvokeApi>(m_service.get());
    m_api->setAuthenticator(&m_authenticator);
    m_front.service = m_service.get();
    m_front.api = m_api.get();
    m_server = std::make_unique<HttpServer>(&m_front);
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_service->setRuntimeApiAuthority(QStringLiteral("127.0.0.1:%1").arg(m_server->serverPort()));
    FunctionConfig slow = pythonFunction(QStringLiteral("slow"), QStringLiteral("app.echo"));
    slow.timeoutSeconds = 1;
    m_service->setFunctions({pythonFunction(QStringLiteral("ping"), QStringLiteral("app.ping")),
                             pythonFunction(QStringLiteral("fail"), QStringLiteral("app.fail")),
                             slow});
    m_cli = std::make_unique<GatehouseTest::AwsCli>(endpoint());
}

void TestLambdaInvokeApi::cleanup()
{
    m_service->shutdown();
    m_cli.reset();
    m_server.reset();
    m_api.reset();
    m_service.reset();
}

void TestLambdaInvokeApi::functionNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("qualifier");

    QTest::newRow("name") << "my-function"
                          << "my-function"
                          << "";
    QTest::newRow("name and alias") << "my-function:v1"
                                    << "my-function"
                                    << "v1";
    QTest::newRow("partial arn") << "123456789012:function:my-function"
                                 << "my-function"
                                 << "";
    QTest::newRow("arn") << "arn:aws:lambda:us-west-2:123456789012:function:my-function"
                         << "my-function"
                         << "";
    QTest::newRow("arn and version")
        << "arn:aws:lambda:us-west-2:123456789012:function:my-function:7"
        << "my-function"
        << "7";
    QTest::newRow("other service arn") << "arn:aws:sqs:us-west-2:123456789012:queue"
                                       << ""
                                       << "";
    QTest::newRow("bad characters") << "my function"
                                    << ""
                                    << "";
}

void TestLambdaInvokeApi::functionNames()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QString, qualifier);
    const LambdaInvokeApi::FunctionReference ref = LambdaInvokeApi::parseFunctionName(text);
    QCOMPARE(ref.name, name);
    QCOMPARE(ref.qualifier, qualifier);
}

void TestLambdaInvokeApi::awsCliInvoke_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("functionError");
    QTest::addColumn<QString>("payloadKey");
    QTest::addColumn<QString>("payloadValue");

    QTest::newRow("success") << "ping"
                             << ""
                             << "ok"
                             << "true";
    QTest::newRow("handler exception") << "arn:aws:lambda:us-east-1:123456789012:function:fail"
                                       << "Unhandled"
                                       << "errorType"
                                       << "ValueError";
}

void TestLambdaInvokeApi::awsCliInvoke()
{
    QFETCH(QString, function);
    QFETCH(QString, functionError);
    QFETCH(QString, payloadKey);
    QFETCH(QString, payloadValue);
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());

    const QString outFile = m_cli->filePath(QStringLiteral("out.json"));
    const QString inFile = m_cli->filePath(QStringLiteral("in.json"));
    QFile in(inFile);
    QVERIFY(in.open(QIODevice::WriteOnly | QIODevice::Truncate));
    in.write(R"({"bake":"rye"})");
    in.close();
    // fileb:// hands the bytes over unchanged in AWS CLI v1 and v2 alike.
    const Run r = m_cli->run({QStringLiteral("lambda"), QStringLiteral("invoke"),
                              QStringLiteral("--function-name"), function,
                              QStringLiteral("--payload"), QStringLiteral("fileb://") + inFile,
                              QStringLiteral("--log-type"), QStringLiteral("Tail"), outFile});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject summary = r.json();
    QCOMPARE(summary.value(QStringLiteral("StatusCode")).toInt(), 200);
    QCOMPARE(summary.value(QStringLiteral("ExecutedVersion")).toString(),
             QStringLiteral("$LATEST"));
    QCOMPARE(summary.value(QStringLiteral("FunctionError")).toString(), functionError);
    const QByteArray log =
        QByteArray::fromBase64(summary.value(QStringLiteral("LogResult")).toString().toLatin1());
    QVERIFY2(log.contains("START RequestId: ") && log.contains("REPORT RequestId: "),
             log.constData());

    QFile out(outFile);
    QVERIFY(out.open(QIODevice::ReadOnly));
    const QJsonObject payload = QJsonDocument::fromJson(out.readAll()).object();
    QCOMPARE(payload.value(payloadKey).toVariant().toString(), payloadValue);
}

void TestLambdaInvokeApi::awsCliNotFound()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Run r = m_cli->run({QStringLiteral("lambda"), QStringLiteral("invoke"),
                              QStringLiteral("--function-name"), QStringLiteral("croissant"),
                              m_cli->filePath(QStringLiteral("none.json"))});
    QVERIFY(r.exitCode != 0);
    // CLI v2 adds "(reached max retries: N)" between the operation and the message.
    QVERIFY2(r.err.contains("An error occurred (ResourceNotFoundException) when calling the Invoke operation"),
             r.err.constData());
    QVERIFY2(r.err.contains(
                 ": Function not found: arn:aws:lambda:us-east-1:123456789012:function:croissant"),
             r.err.constData());
}

void TestLambdaInvokeApi::curlAnswers_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expected"); // a header line or body text the answer contains

    const QString ping = QStringLiteral("/2015-03-31/functions/ping/invocations");
    QTest::newRow("event") << ping << QStringList{QStringLiteral("X-Amz-Invocation-Type: Event")}
                           << QByteArray("{}") << 202 << QByteArray("x-amzn-RequestId: ");
    QTest::newRow("dry run") << ping << QStringList{QStringLiteral("X-Amz-Invocation-Type: DryRun")}
                             << QByteArray("{}") << 204 << QByteArray("x-amzn-RequestId: ");
    QTest::newRow("event unknown function")
        << QStringLiteral("/2015-03-31/functions/nope/invocations")
        << QStringList{QStringLiteral("X-Amz-Invocation-Type: Event")} << QByteArray("{}") << 404
        << QByteArray("x-amzn-ErrorType: ResourceNotFoundException");
    QTest::newRow("not json") << ping << QStringList() << QByteArray("{oops") << 400
                              << QByteArray("x-amzn-ErrorType: InvalidRequestContentException");
    QTest::newRow("unknown qualifier")
        << ping + QStringLiteral("?Qualifier=v1") << QStringList() << QByteArray("{}") << 404
        << QByteArray(
               R"("Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:ping:v1")");
    QTest::newRow("empty payload")
        << ping << QStringList() << QByteArray() << 200 << QByteArray(R"({"ok": true})");
    QTest::newRow("event payload over 1 MB")
        << ping << QStringList{QStringLiteral("X-Amz-Invocation-Type: Event")}
        << QByteArray("\"" + QByteArray(1048576, 'a') + "\"") << 413
        << QByteArray(
               R"x("message":"1048578 byte payload is too large for the Event invocation type (limit 1048576 bytes)")x");
    QTest::newRow("payload over 6 MB")
        << ping << QStringList() << QByteArray("\"" + QByteArray(6291456, 'a') + "\"") << 413
        << QByteArray("x-amzn-ErrorType: RequestEntityTooLargeException");
}

void TestLambdaInvokeApi::curlAnswers()
{
    QFETCH(QString, path);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, expected);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const Run r = curlPost(curl, path, headers, body, QStringLiteral("test:test"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + " ")),
             r.out.left(300).constData());
    QVERIFY2(r.out.contains(expected), r.out.left(600).constData());
}

// curl signs with its own SigV4 code (--aws-sigv4); Lambda's refusals come back as REST-JSON.
void TestLambdaInvokeApi::curlAuthentication_data()
{
    QTest::addColumn<QString>("user"); // key:secret for --aws-sigv4; empty: unsigned
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("errorType");
    QTest::addColumn<QByteArray>("message");

    QTest::newRow("test/test") << "test:test" << 200 << QByteArray() << QByteArray(R"({"ok": true})");
    QTest::newRow("unsigned") << "" << 403 << QByteArray("MissingAuthenticationTokenException")
                              << QByteArray(R"({"message":"Missing Authentication Token"})");
    QTest::newRow("wrong secret")
        << "test:wrong" << 403 << QByteArray("InvalidSignatureException")
        << QByteArray(R"({"message":"The request signature we calculated does not match the )"
                      R"(signature you provided. Check your AWS Secret Access Key and signing )"
                      R"(method. Consult the service documentation for details.\n\nThe )"
                      R"(Canonical String for this request should have been\n'POST\n)"
                      R"(/2015-03-31/functions/ping/invocations\n)");
    QTest::newRow("unknown key")
        << "AKIDNOBODY:test" << 403 << QByteArray("UnrecognizedClientException")
        << QByteArray(R"({"message":"The security token included in the request is invalid."})");
}

void TestLambdaInvokeApi::curlAuthentication()
{
    QFETCH(QString, user);
    QFETCH(int, status);
    QFETCH(QByteArray, errorType);
    QFETCH(QByteArray, message);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const Run r = curlPost(curl, QStringLiteral("/2015-03-31/functions/ping/invocations"), {},
                           QByteArray("{}"), user);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + " ")),
             r.out.left(300).constData());
    if (!errorType.isEmpty())
        QVERIFY2(r.out.contains(QByteArray("x-amzn-ErrorType: " + errorType)), r.out.constData());
    QVERIFY2(r.out.contains(QByteArray("\r\n\r\n" + message)), r.out.constData());
}

Run TestLambdaInvokeApi::curlPost(const QString &curl, const QString &path,
                                  const QStringList &headers, const QByteArray &body,
                                  const QString &user)
{
    const QString bodyFile = m_dir.filePath(QStringLiteral("body.json"));
    QFile file(bodyFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(body);
    file.close();
    QStringList arguments = {QStringLiteral("-sS"),
                             QStringLiteral("-i"),
                             QStringLiteral("-X"),
                             QStringLiteral("POST"),
                             QStringLiteral("--data-binary"),
                             QLatin1Char('@') + bodyFile,
                             QStringLiteral("-H"),
                             QStringLiteral("Content-Type: application/json")};
    // curl 7.88 signs an "Expect:" it was told to leave out, so signed requests keep curl's
    // own Expect: 100-continue for large bodies.
    if (user.isEmpty())
        arguments << QStringLiteral("-H") << QStringLiteral("Expect:");
    else
        arguments << QStringLiteral("--aws-sigv4") << QStringLiteral("aws:amz:us-east-1:lambda")
                  << QStringLiteral("--user") << user;
    for (const QString &header : headers)
        arguments << QStringLiteral("-H") << header;
    arguments << endpoint() + path;
    QProcess process;
    process.start(curl, arguments);
    Run result = GatehouseTest::AwsCli::finish(process);
    while (result.out.startsWith("HTTP/1.1 100 "))
        result.out = result.out.mid(result.out.indexOf("\r\n\r\n") + 4);
    return result;
}

void TestLambdaInvokeApi::awsCliWrongSecret()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    m_cli->setCredentials({QStringLiteral("test"), QStringLiteral("wrong")});
    const Run r = m_cli->run({QStringLiteral("lambda"), QStringLiteral("invoke"),
                              QStringLiteral("--function-name"), QStringLiteral("ping"),
                              m_cli->filePath(QStringLiteral("none.json"))});
    // AWS CLI v1 exits 255 here (its invoke customization), v2 254.
    QVERIFY2(r.exitCode == 254 || r.exitCode == 255, r.err.constData());
    QVERIFY2(r.err.contains("An error occurred (InvalidSignatureException) when calling the "
                            "Invoke operation"),
             r.err.constData());
    QVERIFY2(r.err.contains("The Canonical String for this request should have been\n'POST\n"
                            "/2015-03-31/functions/ping/invocations\n"),
             r.err.constData());
}

// InvocationType Event: 202 at once, then the function runs in the background; a function
// error or timeout runs twice more (after the service's retry delays, short here), a success
// once, every attempt under the request id the 202 carried.
void TestLambdaInvokeApi::eventRetries_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("runs");
    QTest::addColumn<QString>("status");

    QTest::newRow("success runs once") << "ping" << QByteArray("{}") << 1 << "Success";
    QTest::newRow("handler error runs 3 times") << "fail" << QByteArray("{}") << 3 << "Unhandled";
    QTest::newRow("timeout runs 3 times") << "slow" << QByteArray(R"({"sleep": 3})") << 3
                                          << "Timeout";
}

void TestLambdaInvokeApi::eventRetries()
{
    QFETCH(QString, function);
    QFETCH(QByteArray, payload);
    QFETCH(int, runs);
    QFETCH(QString, status);
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    m_service->setEventRetryDelays({300, 600});
    QSignalSpy finished(m_service.get(), &LambdaService::invocationFinished);
    const QString in = m_cli->filePath(QStringLiteral("event.json"));
    QFile file(in);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(payload);
    file.close();
    QElapsedTimer clock;
    clock.start();
    const GatehouseTest::AwsCli::Run r = m_cli->run(
        {QStringLiteral("lambda"), QStringLiteral("invoke"), QStringLiteral("--function-name"),
         function, QStringLiteral("--invocation-type"), QStringLiteral("Event"),
         QStringLiteral("--payload"), QStringLiteral("fileb://") + in,
         m_cli->filePath(QStringLiteral("event-out.json"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(QStringLiteral("StatusCode")).toInt(), 202);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), runs, 30000);
    // Longer than the last retry delay and a timed-out attempt: no further run may come.
    QTest::qWait(2500);
    QCOMPARE(finished.size(), runs);
    const QString requestId =
        finished.first().first().value<Core::InvocationRecord>().requestId;
    for (const QList<QVariant> &signal : std::as_const(finished)) {
        const auto record = signal.first().value<Core::InvocationRecord>();
        QCOMPARE(record.functionName, function);
        QCOMPARE(record.status, status);
        QCOMPARE(record.requestId, requestId);
    }
    if (runs > 1)
        QVERIFY2(clock.elapsed() >= 900, "the retries came before their delays");
}

// What Invoke refuses, as the AWS CLI reports it.
void TestLambdaInvokeApi::awsCliRefusals_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("statusCode"); // 0: the CLI fails with the error below
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("not json")
        << QByteArray("{oops") << QStringList() << 0
        << QByteArray("An error occurred (InvalidRequestContentException) when calling the Invoke "
                      "operation (reached max retries: 0): Could not parse request body into json: "
                      "Could not parse payload into json: parse error at line 1, column 2");
    QTest::newRow("7 MB payload")
        << QByteArray("\"" + QByteArray(7 * 1024 * 1024, 'a') + "\"") << QStringList() << 0
        << QByteArray("(RequestEntityTooLargeException) when calling the Invoke operation "
                      "(reached max retries: 0): Request must be smaller than 6291456 bytes for "
                      "the InvokeFunction operation");
    QTest::newRow("unknown qualifier")
        << QByteArray("{}") << QStringList{QStringLiteral("--qualifier"), QStringLiteral("nope")}
        << 0
        << QByteArray("(ResourceNotFoundException) when calling the Invoke operation (reached max "
                      "retries: 0): Function not found: "
                      "arn:aws:lambda:us-east-1:123456789012:function:ping:nope");
    QTest::newRow("dry run") << QByteArray("{}")
                             << QStringList{QStringLiteral("--invocation-type"),
                                            QStringLiteral("DryRun")}
                             << 204 << QByteArray();
}

void TestLambdaInvokeApi::awsCliRefusals()
{
    QFETCH(QByteArray, payload);
    QFETCH(QStringList, extra);
    QFETCH(int, statusCode);
    QFETCH(QByteArray, error);
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    QSignalSpy finished(m_service.get(), &LambdaService::invocationFinished);
    const QString in = m_cli->filePath(QStringLiteral("refused.json"));
    QFile file(in);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(payload);
    file.close();
    const GatehouseTest::AwsCli::Run r = m_cli->run(
        QStringList{QStringLiteral("lambda"), QStringLiteral("invoke"),
                    QStringLiteral("--function-name"), QStringLiteral("ping"),
                    QStringLiteral("--payload"), QStringLiteral("fileb://") + in} +
        extra + QStringList{m_cli->filePath(QStringLiteral("refused-out.json"))});
    if (statusCode != 0) {
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("StatusCode")).toInt(), statusCode);
    } else {
        QVERIFY2(r.exitCode != 0, r.out.constData());
        QVERIFY2(r.err.contains(error), r.err.constData());
    }
    for (const QList<QVariant> &signal : std::as_const(finished)) // nothing ran
        QCOMPARE(signal.first().value<Core::InvocationRecord>().status, QStringLiteral("Rejected"));
}

QTEST_GUILESS_MAIN(TestLambdaInvokeApi)
#include "tst_lambdainvokeapi.moc"
