#include "core/emulator/httpapigateway.h"
#include "core/emulator/httpserver.h"
#include "core/emulator/labloader.h"
#include "core/emulator/lambdaservice.h"
#include "core/emulator/requesthandler.h"

#include "core/result.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

// Answers like a Lambda service would, by function name; keeps what it was asked.
class FakeInvoker : public LambdaInvoker
{
public:
    QList<InvokeRequest> requests;
    bool slowFinished = false;

    void invoke(const InvokeRequest &request, QObject *context,
                std::function<void(const InvokeResult &)> done) override
    {
        requests.append(request);
        InvokeResult result;
        result.requestId = QStringLiteral("fake-%1").arg(requests.size());
        const QString name = request.functionName;
        if (name == QLatin1String("echo")) {
            QJsonObject response{{QStringLiteral("statusCode"), 201},
                                 {QStringLiteral("headers"), QJsonObject{{QStringLiteral("content-type"), QStringLiteral("application/json")}}},
                                 {QStringLiteral("cookies"), QJsonArray{QStringLiteral("flavour=lemon")}},
                                 {QStringLiteral("body"), QString::fromUtf8(request.payload)}};
            result.payload = QJsonDocument(response).toJson(QJsonDocument::Compact);
        } else if (name == QLatin1String("inferred")) {
            result.payload = R"({"snack":"scone"})";
        } else if (name == QLatin1String("raise")) {
            result.functionError = QStringLiteral("Unhandled");
            result.errorType = QStringLiteral("ValueError");
            result.payload = R"({"errorMessage":"no","errorType":"ValueError"})";
        } else if (name == QLatin1String("slow")) {
            QTimer::singleShot(1200, context, [this, done, result] {
                slowFinished = true;
                done(result);
            });
            return;
        } else {
            result.error = Core::makeError(Core::ErrorCode::NotFound, QStringLiteral("Function not found"));
            result.error.httpStatus = 404;
            result.error.awsCode = QStringLiteral("ResourceNotFoundException");
        }
        QTimer::singleShot(0, context, [done, result] { done(result); });
    }
};

// Path-style addressing, as the emulator's dispatcher does it: /_aws/execute-api/<apiId>/<path>.
class Dispatcher : public RequestHandler
{
public:
    explicit Dispatcher(HttpApiGateway *gateway, LambdaService *lambda = nullptr)
        : m_gateway(gateway), m_lambda(lambda) {}
    void handleRequest(const Core::HttpRequest &request, HttpResponder responder) override
    {
        if (m_lambda && m_lambda->handleRuntimeRequest(request, responder))
            return;
        const QByteArray prefix = "/_aws/execute-api/";
        const QByteArray rest = request.path.mid(prefix.size());
        const qsizetype slash = rest.indexOf('/');
        const QString apiId = QString::fromLatin1(slash < 0 ? rest : rest.left(slash));
        m_gateway->handle(request, apiId, slash < 0 ? QByteArray("/") : rest.mid(slash),
                          request.headers.value("host"), responder);
    }

private:
    HttpApiGateway *m_gateway;
    LambdaService *m_lambda;
};

struct CurlAnswer
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
};

} // namespace

class tst_HttpApiGateway : public QObject
{
    Q_OBJECT

private:
    CurlAnswer curl(const QStringList &args);
    QString url(const QString &apiId, const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1/_aws/execute-api/%2%3").arg(m_server->serverPort()).arg(apiId, path);
    }

    FakeInvoker m_invoker;
    HttpApiGateway *m_gateway = nullptr;
    Dispatcher *m_dispatcher = nullptr;
    HttpServer *m_server = nullptr;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void answers_data();
    void answers();
    void eventReachesFunction();
    void integrationTimeout();
    void bodyTooLarge();
    void bakeryLabThroughLambda();
};

CurlAnswer tst_HttpApiGateway::curl(const QStringList &args)
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral("curl"), QStringList{QStringLiteral("-s"), QStringLiteral("-i"),
                                                      QStringLiteral("--max-time"), QStringLiteral("20")} + args);
    if (!finished.wait(25000))
        return {};
    CurlAnswer answer;
    QByteArray out = process.readAllStandardOutput();
    while (out.startsWith("HTTP/1.1 100")) // interim answers to Expect: 100-continue
        out.remove(0, out.indexOf("\r\n\r\n") + 4);
    const qsizetype end = out.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = out.left(end).split('\n');
    answer.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        answer.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    answer.body = end < 0 ? QByteArray() : out.mid(end + 4);
    return answer;
}

void tst_HttpApiGateway::initTestCase()
{
    HttpApiConfig bakery;
    bakery.logicalId = QStringLiteral("ServerlessHttpApi");
    bakery.apiId = QStringLiteral("bakery0001");
    bakery.name = QStringLiteral("bakery");
    const auto route = [](const char *key, const char *function, int timeoutMs = 30000) {
        HttpRouteConfig r;
        r.routeKey = QString::fromLatin1(key);
        r.functionName = QString::fromLatin1(function);
        r.timeoutMs = timeoutMs;
        return r;
    };
    bakery.routes = {route("GET /snack/{name}", "echo"), route("POST /upload", "echo"),
                     route("GET /inferred", "inferred"), route("GET /raise", "raise"),
                     route("GET /gone", "missing"), route("GET /slow", "slow", 200)};
    HttpApiConfig shop;
    shop.logicalId = QStringLiteral("ShopApi");
    shop.apiId = QStringLiteral("shop000001");
    shop.name = QStringLiteral("shop");
    shop.stageName = QStringLiteral("prod");
    shop.routes = {route("ANY /{proxy+}", "echo")};

    m_gateway = new HttpApiGateway(&m_invoker, this);
    m_gateway->setApis({bakery, shop});
    m_gateway->setAccountId(QStringLiteral("000000000000"));
    m_dispatcher = new Dispatcher(m_gateway);
    m_server = new HttpServer(m_dispatcher, {}, this);
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

void tst_HttpApiGateway::cleanupTestCase()
{
    delete m_server;
    m_server = nullptr;
    delete m_dispatcher;
}

void tst_HttpApiGateway::answers_data()
{
    QTest::addColumn<QString>("apiId");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body"); // exact body; empty: not checked
    QTest::addColumn<QByteArray>("contentType");

    const QByteArray json = "application/json";
    QTest::newRow("route answers, structured") << "bakery0001" << "/snack/scone" << 201 << QByteArray() << json;
    QTest::newRow("inferred response") << "bakery0001" << "/inferred" << 200 << QByteArray(R"({"snack":"scone"})") << json;
    QTest::newRow("unknown route") << "bakery0001" << "/cake" << 404 << QByteArray(R"({"message":"Not Found"})") << json;
    QTest::newRow("wrong method") << "bakery0001" << "/upload" << 404 << QByteArray(R"({"message":"Not Found"})") << json;
    QTest::newRow("unknown api") << "nosuchapi0" << "/snack/x" << 404 << QByteArray(R"({"message":"Not Found"})") << json;
    QTest::newRow("function error") << "bakery0001" << "/raise" << 500 << QByteArray(R"({"message":"Internal Server Error"})") << json;
    QTest::newRow("service error") << "bakery0001" << "/gone" << 500 << QByteArray(R"({"message":"Internal Server Error"})") << json;
    QTest::newRow("named stage") << "shop000001" << "/prod/anything/at/all" << 201 << QByteArray() << json;
    QTest::newRow("stage missing") << "shop000001" << "/anything" << 404 << QByteArray(R"({"message":"Not Found"})") << json;
    QTest::newRow("stage root, no route") << "shop000001" << "/prod" << 404 << QByteArray(R"({"message":"Not Found"})") << json;
}

void tst_HttpApiGateway::answers()
{
    QFETCH(QString, apiId);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    const CurlAnswer answer = curl({url(apiId, path)});
    QCOMPARE(answer.status, status);
    if (!body.isEmpty())
        QCOMPARE(answer.body, body);
    QCOMPARE(answer.header("content-type"), contentType);
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{15}=$"))
                .match(QString::fromLatin1(answer.header("apigw-requestid"))).hasMatch());
}

void tst_HttpApiGateway::eventReachesFunction()
{
    m_invoker.requests.clear();
    const CurlAnswer answer = curl({url(QStringLiteral("bakery0001"), QStringLiteral("/snack/lemon%20tart?size=large&size=small")),
                                    QStringLiteral("-H"), QStringLiteral("Cookie: a=1; b=2")});
    QCOMPARE(answer.status, 201);
    QCOMPARE(answer.header("set-cookie"), QByteArray("flavour=lemon"));
    QCOMPARE(m_invoker.requests.size(), 1);
    const InvokeRequest &request = m_invoker.requests.first();
    QCOMPARE(request.functionName, QStringLiteral("echo"));
    QCOMPARE(request.source, QStringLiteral("GET /snack/{name} (HttpApi bakery)"));
    QCOMPARE(answer.body, request.payload); // the echo function returned the event as its body
    const QJsonObject event = QJsonDocument::fromJson(request.payload).object();
    QCOMPARE(event.value(QStringLiteral("routeKey")).toString(), QStringLiteral("GET /snack/{name}"));
    QCOMPARE(event.value(QStringLiteral("rawPath")).toString(), QStringLiteral("/snack/lemon tart")); // decoded by HTTP APIs
    QCOMPARE(event.value(QStringLiteral("rawQueryString")).toString(), QStringLiteral("size=large&size=small"));
    QCOMPARE(event.value(QStringLiteral("pathParameters")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("lemon tart"));
    QCOMPARE(event.value(QStringLiteral("queryStringParameters")).toObject().value(QStringLiteral("size")).toString(), QStringLiteral("large,small"));
    QCOMPARE(event.value(QStringLiteral("cookies")).toArray().size(), 2);
    const QJsonObject headers = event.value(QStringLiteral("headers")).toObject();
    QVERIFY(headers.value(QStringLiteral("user-agent")).toString().startsWith(QLatin1String("curl/")));
    QCOMPARE(headers.value(QStringLiteral("x-forwarded-for")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(headers.value(QStringLiteral("x-forwarded-port")).toString(), QString::number(m_server->serverPort()));
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("apiId")).toString(), QStringLiteral("bakery0001"));
    QCOMPARE(rc.value(QStringLiteral("accountId")).toString(), QStringLiteral("000000000000"));
    QCOMPARE(rc.value(QStringLiteral("stage")).toString(), QStringLiteral("$default"));
    QCOMPARE(rc.value(QStringLiteral("domainName")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(rc.value(QStringLiteral("requestId")).toString(), QString::fromLatin1(answer.header("apigw-requestid")));
    QCOMPARE(rc.value(QStringLiteral("http")).toObject().value(QStringLiteral("sourceIp")).toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(qAbs(rc.value(QStringLiteral("timeEpoch")).toDouble() - double(QDateTime::currentMSecsSinceEpoch())) < 60000);
}

void tst_HttpApiGateway::integrationTimeout()
{
    m_invoker.slowFinished = false;
    QElapsedTimer clock;
    clock.start();
    const CurlAnswer answer = curl({url(QStringLiteral("bakery0001"), QStringLiteral("/slow"))});
    QCOMPARE(answer.status, 503);
    QCOMPARE(answer.body, QByteArray(R"({"message":"Service Unavailable"})"));
    QVERIFY2(clock.elapsed() < 1100, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!m_invoker.slowFinished); // the function is still running; the client has its answer
    QTRY_VERIFY_WITH_TIMEOUT(m_invoker.slowFinished, 5000);
    QCOMPARE(curl({url(QStringLiteral("bakery0001"), QStringLiteral("/inferred"))}).status, 200);
}

void tst_HttpApiGateway::bodyTooLarge()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    QVERIFY(file.write(QByteArray(HttpApiGateway::kMaxBodyBytes + 1, 'x')) > 0);
    file.close();
    m_invoker.requests.clear();
    const CurlAnswer answer = curl({QStringLiteral("--data-binary"), QLatin1Char('@') + file.fileName(),
                                    url(QStringLiteral("bakery0001"), QStringLiteral("/upload"))});
    QCOMPARE(answer.status, 413);
    QCOMPARE(answer.body, QByteArray(R"({"message":"Request Entity Too Large"})"));
    QVERIFY(m_invoker.requests.isEmpty());

    QVERIFY(file.open());
    QVERIFY(file.resize(HttpApiGateway::kMaxBodyBytes));
    file.close();
    QCOMPARE(curl({QStringLiteral("--data-binary"), QLatin1Char('@') + file.fileName(),
                   url(QStringLiteral("bakery0001"), QStringLiteral("/upload"))}).status, 201);
}

// The course's first lab as a learner runs it: the real template, the real Python handler in
// a Lambda worker, curl as the client.
void tst_HttpApiGateway::bakeryLabThroughLambda()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(!lab.hasErrors());
    LambdaService lambda;
    HttpApiGateway gateway(&lambda);
    gateway.setApis(lab.httpApis);
    Dispatcher dispatcher(&gateway, &lambda);
    HttpServer server(&dispatcher);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    lambda.setRuntimeApiAuthority(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    lambda.setFunctions(lab.functions);
    QSignalSpy finished(&lambda, &LambdaService::invocationFinished);

    const QString url = QStringLiteral("http://127.0.0.1:%1/_aws/execute-api/%2/snack")
                            .arg(server.serverPort()).arg(lab.httpApis.first().apiId);
    QElapsedTimer clock;
    clock.start();
    const CurlAnswer answer = curl({url});
    qInfo("cold request through curl, gateway and a new Python worker: %lld ms", clock.elapsed());
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    // From the HTTP API's stage variable bakeryName (stage variable values allow no spaces).
    QCOMPARE(body.value(QStringLiteral("bakery")).toString(), QStringLiteral("Gatehouse-Bakery"));
    QVERIFY(!body.value(QStringLiteral("snack")).toString().isEmpty());
    QVERIFY(!body.value(QStringLiteral("requestId")).toString().isEmpty());
    QVERIFY(!answer.header("apigw-requestid").isEmpty());

    QTRY_VERIFY(finished.size() >= 1);
    const auto record = finished.first().first().value<Core::InvocationRecord>();
    QCOMPARE(record.functionName, QStringLiteral("bakeryFunction"));
    QCOMPARE(record.source, QStringLiteral("GET /snack (HttpApi bakery)"));
    QCOMPARE(record.status, QStringLiteral("Success"));
    QCOMPARE(record.requestId, body.value(QStringLiteral("requestId")).toString());
    clock.restart();
    QCOMPARE(curl(QStringList{url}).status, 200);
    qInfo("warm request: %lld ms", clock.elapsed());
    QCOMPARE(curl({QStringLiteral("-X"), QStringLiteral("POST"), url}).status, 404);
    lambda.shutdown();
}

QTEST_GUILESS_MAIN(tst_HttpApiGateway)
#include "tst_httpapigateway.moc"
