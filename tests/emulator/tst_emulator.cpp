// The emulator as a whole, in-process on port 0, driven by real clients: curl (an HTTP client
// we did not write) and a raw socket for what curl will not send.
#include "core/emulator/emulator.h"
#include "core/httpclient.h"
#include "../common/awscli.h"

#include <QJsonArray>
#include <optional>
#include <memory>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace Gatehouse;

namespace {

struct CurlResult
{
    int exitCode = -1;
    int status = 0;
    QByteArray headers;
    QByteArray body;
};

CurlResult curl(const QStringList &arguments, int timeoutMs = 20000)
{
    QProcess process;
    process.start(QStringLiteral("/usr/bin/curl"),
                  QStringList{QStringLiteral("-s"), QStringLiteral("-i"),
                              QStringLiteral("--max-time"), QStringLiteral("15")}
                      + arguments);
    QSignalSpy finished(&process, &QProcess::finished);
    CurlResult result;
    if (!finished.wait(timeoutMs))
        return result;
    result.exitCode = process.exitCode();
    QByteArray out = process.readAllStandardOutput();
    // Skip interim "100 Continue" blocks.
    while (out.startsWith("HTTP/1.1 100")) {
        out = out.mid(out.indexOf("\r\n\r\n") + 4);
    }
    const qsizetype split = out.indexOf("\r\n\r\n");
    result.headers = out.left(split);
    result.body = split < 0 ? QByteArray() : out.mid(split + 4);
    result.status = result.headers.mid(9, 3).toInt();
    return result;
}

QByteArray header(const CurlResult &r, const QByteArray &name)
{
    for (const QByteArray &line : r.headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

class tst_Emulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void indexListsTheLab();
    void bakerySnackPathStyle();
    void bakerySnackHostStyle();
    void coreClientReachesTheLab();
    void unknownRouteIsNotFound();
    void unknownPathSaysWhereApisLive();
    void functionFaults_data();
    void functionFaults();
    void integrationTimeoutIs503();
    void requestBodyOverTenMegabytes();
    void binaryBodyIsBase64();
    void malformedRequestKeepsServing();
    void invocationsAreReported();
    void secondEmulatorOnSamePortFailsInWords();
    void awsCliInvokesThroughTheEmulator();
    void awsCliWithWrongSecretIsRefused_data();
    void awsCliWithWrongSecretIsRefused();
    void brokenLabIsRefusedWithFileAndLine();

private:
    QString url(const Core::EmulatorInfo &info, const QString &path) const;
    void expectStillServing();

    std::unique_ptr<Emulator::Emulator> m_bakery;
    std::unique_ptr<Emulator::Emulator> m_faults;
    std::unique_ptr<QSignalSpy> m_invocations;
};

QString tst_Emulator::url(const Core::EmulatorInfo &info, const QString &path) const
{
    return info.apis.value(0).pathStyleUrl + path;
}

void tst_Emulator::initTestCase()
{
    Emulator::EmulatorOptions bakery;
    bakery.port = 0;
    bakery.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    m_bakery = std::make_unique<Emulator::Emulator>(bakery);
    const auto started = m_bakery->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QVERIFY(started->port != 0);

    Emulator::EmulatorOptions faults;
    faults.port = 0;
    faults.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/emulator-labs/faults");
    m_faults = std::make_unique<Emulator::Emulator>(faults);
    m_invocations = std::make_unique<QSignalSpy>(m_faults.get(),
                                                 &Emulator::Emulator::invocationFinished);
    const auto faultsStarted = m_faults->start();
    QVERIFY2(faultsStarted.ok(),
             qPrintable(faultsStarted.ok() ? QString() : faultsStarted.error().message));
}

void tst_Emulator::cleanupTestCase()
{
    m_faults.reset();
    m_bakery.reset();
}

void tst_Emulator::indexListsTheLab()
{
    const CurlResult r = curl({m_bakery->info().baseUrl + QStringLiteral("/")});
    QCOMPARE(r.status, 200);
    const QJsonObject doc = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(doc.value(QStringLiteral("lab")).toString(), QStringLiteral("bakery"));
    const QJsonArray apis = doc.value(QStringLiteral("apis")).toArray();
    QCOMPARE(apis.size(), 3); // the HTTP API, the partners' REST API, the chat's WebSocket API
    const QJsonArray routes = apis.at(0).toObject().value(QStringLiteral("routes")).toArray();
    QCOMPARE(routes.at(0).toObject().value(QStringLiteral("routeKey")).toString(),
             QStringLiteral("GET /snack"));
    QCOMPARE(apis.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("REST API"));
    QCOMPARE(apis.at(2).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("WebSocket API"));
}

void tst_Emulator::bakerySnackPathStyle()
{
    const Core::EmulatorInfo info = m_bakery->info();
    QCOMPARE(info.apis.size(), 3);
    QCOMPARE(info.apis.at(0).kind, QStringLiteral("HTTP API"));
    QCOMPARE(info.apis.at(0).routes.value(0).routeKey, QStringLiteral("GET /snack"));
    const CurlResult r = curl({info.apis.at(0).routes.at(0).url});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.status, 200);
    QVERIFY(!header(r, "apigw-requestid").isEmpty());
    const QJsonObject doc = QJsonDocument::fromJson(r.body).object();
    QVERIFY2(!doc.value(QStringLiteral("snack")).toString().isEmpty(), r.body.constData());
}

void tst_Emulator::bakerySnackHostStyle()
{
    const Core::EmulatorInfo info = m_bakery->info();
    const QString host = QStringLiteral("%1.execute-api.localhost:%2")
                             .arg(info.apis.at(0).apiId)
                             .arg(info.port);
    const CurlResult r = curl({QStringLiteral("-H"), QStringLiteral("Host: ") + host,
                               info.baseUrl + QStringLiteral("/snack")});
    QCOMPARE(r.status, 200);
    QVERIFY(QJsonDocument::fromJson(r.body).object().contains(QStringLiteral("snack")));
}

// Gatehouse's own client, in the same process and thread as the emulator, as the GUI uses it.
void tst_Emulator::coreClientReachesTheLab()
{
    using Answer = Core::Result<Core::HttpClientResponse>;
    Core::HttpClient client;
    auto send = [&client](const QUrl &url, Core::HttpHeaders headers) {
        Core::HttpClientRequest request;
        request.url = url;
        request.headers = std::move(headers);
        auto answer = std::make_shared<std::optional<Answer>>();
        Core::HttpJob *job = client.send(request);
        QObject::connect(job, &Core::HttpJob::finished, &client,
                         [answer](const Answer &result) { answer->emplace(result); });
        return answer;
    };

    Core::HttpHeaders headers;
    headers.add("X-Multi", "a");
    headers.add("X-Multi", "b");
    const auto ok = send(QUrl(m_faults->info().apis.at(0).pathStyleUrl
                              + QStringLiteral("/ok/spelt?x=1&x=2")),
                         headers);
    QTRY_VERIFY_WITH_TIMEOUT(ok->has_value(), 20000);
    const Answer &result = **ok;
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QVERIFY(!result->headers.value("apigw-requestid").isEmpty());
    const QJsonObject doc = QJsonDocument::fromJson(result->body).object();
    QCOMPARE(doc.value(QStringLiteral("hello")).toString(), QStringLiteral("spelt"));

    // Nothing listening: an error in words, not a hang.
    const auto refused = send(QUrl(QStringLiteral("http://127.0.0.1:1/")), {});
    QTRY_VERIFY_WITH_TIMEOUT(refused->has_value(), 20000);
    QVERIFY(!(*refused)->ok());
    QCOMPARE((*refused)->error().code, Core::ErrorCode::ConnectionRefused);
}

void tst_Emulator::unknownRouteIsNotFound()
{
    const CurlResult r = curl({url(m_bakery->info(), QStringLiteral("/cake"))});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray(R"({"message":"Not Found"})"));
    const CurlResult wrongMethod = curl({QStringLiteral("-X"), QStringLiteral("DELETE"),
                                         url(m_bakery->info(), QStringLiteral("/snack"))});
    QCOMPARE(wrongMethod.status, 404);
}

void tst_Emulator::unknownPathSaysWhereApisLive()
{
    const CurlResult r = curl({m_bakery->info().baseUrl + QStringLiteral("/nowhere")});
    QCOMPARE(r.status, 404);
    QVERIFY(r.body.contains("/_aws/execute-api/"));
}

void tst_Emulator::functionFaults_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("status");
    QTest::newRow("handler raises") << "/raise" << "ValueError" << "Unhandled";
    QTest::newRow("handler never returns") << "/hang" << "Sandbox.Timedout" << "Timeout";
    QTest::newRow("handler kills its process") << "/crash" << "Runtime.ExitError" << "Crashed";
}

// Each fault is answered as API Gateway answers a failed integration, and the next request
// on the same API is served as usual.
void tst_Emulator::functionFaults()
{
    QFETCH(QString, path);
    QFETCH(QString, errorType);
    QFETCH(QString, status);
    m_invocations->clear();
    const CurlResult r = curl({url(m_faults->info(), path)});
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message":"Internal Server Error"})"));
    QTRY_VERIFY(!m_invocations->isEmpty());
    const auto record = m_invocations->last().at(0).value<Core::InvocationRecord>();
    QCOMPARE(record.errorType, errorType);
    QCOMPARE(record.status, status);
    expectStillServing();
}

void tst_Emulator::integrationTimeoutIs503()
{
    const CurlResult r = curl({url(m_faults->info(), QStringLiteral("/slow"))});
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body, QByteArray(R"({"message":"Service Unavailable"})"));
    expectStillServing();
}

void tst_Emulator::requestBodyOverTenMegabytes()
{
    QTemporaryFile big;
    QVERIFY(big.open());
    big.write(QByteArray(20 * 1024 * 1024, 'x'));
    big.flush();
    const CurlResult r = curl({QStringLiteral("--data-binary"), QLatin1Char('@') + big.fileName(),
                               url(m_faults->info(), QStringLiteral("/echo"))});
    QCOMPARE(r.status, 413);
    QVERIFY2(r.body.contains("Request Entity Too Large"), r.body.constData());
    expectStillServing();
}

void tst_Emulator::binaryBodyIsBase64()
{
    QTemporaryFile bin;
    QVERIFY(bin.open());
    bin.write(QByteArray::fromHex("00ff10fe80"));
    bin.flush();
    const CurlResult r = curl({QStringLiteral("-H"), QStringLiteral("Content-Type: application/octet-stream"),
                               QStringLiteral("--data-binary"), QLatin1Char('@') + bin.fileName(),
                               url(m_faults->info(), QStringLiteral("/echo"))});
    QCOMPARE(r.status, 200);
    const QJsonObject doc = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(doc.value(QStringLiteral("base64")).toBool(), true);
    QCOMPARE(doc.value(QStringLiteral("length")).toInt(), 8); // base64 of 5 bytes
}

void tst_Emulator::malformedRequestKeepsServing()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_faults->info().port);
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }));
    socket.write("GARBAGE\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&] { return socket.bytesAvailable() > 0; }, 5000));
    const QByteArray answer = socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    expectStillServing();
}

void tst_Emulator::invocationsAreReported()
{
    m_invocations->clear();
    const CurlResult r = curl({url(m_faults->info(), QStringLiteral("/ok/rye"))});
    QCOMPARE(r.status, 200);
    const QJsonObject doc = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(doc.value(QStringLiteral("hello")).toString(), QStringLiteral("rye"));
    QCOMPARE(doc.value(QStringLiteral("routeKey")).toString(), QStringLiteral("GET /ok/{name}"));
    QCOMPARE(doc.value(QStringLiteral("function")).toString(), QStringLiteral("okFunction"));
    QTRY_COMPARE(m_invocations->size(), 1);
    const auto record = m_invocations->at(0).at(0).value<Core::InvocationRecord>();
    QCOMPARE(record.functionName, QStringLiteral("okFunction"));
    QCOMPARE(record.status, QStringLiteral("Success"));
    QVERIFY(record.source.contains(QStringLiteral("GET /ok/{name}")));
    QVERIFY(record.durationMs > 0);
}

void tst_Emulator::secondEmulatorOnSamePortFailsInWords()
{
    Emulator::EmulatorOptions options;
    options.port = m_bakery->info().port;
    Emulator::Emulator second(options);
    const auto started = second.start();
    QVERIFY(!started.ok());
    QVERIFY2(started.error().message.contains(QStringLiteral("--port")),
             qPrintable(started.error().message));
}

// The real AWS CLI v2 reaches the lab's function through the emulator's Lambda Invoke API.
void tst_Emulator::awsCliInvokesThroughTheEmulator()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const GatehouseTest::AwsCli aws(m_faults->info().baseUrl);
    const QString out = aws.filePath(QStringLiteral("out.json"));
    const GatehouseTest::AwsCli::Run r =
        aws.run({QStringLiteral("lambda"), QStringLiteral("invoke"), QStringLiteral("--function-name"),
                 QStringLiteral("raiseFunction"), QStringLiteral("--log-type"), QStringLiteral("Tail"),
                 QStringLiteral("--cli-binary-format"), QStringLiteral("raw-in-base64-out"),
                 QStringLiteral("--payload"), QStringLiteral("{}"), out});
    QVERIFY2(r.exitCode != -1, "the AWS CLI did not finish within 60 s");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject answer = r.json();
    QCOMPARE(answer.value(QStringLiteral("StatusCode")).toInt(), 200);
    QCOMPARE(answer.value(QStringLiteral("FunctionError")).toString(), QStringLiteral("Unhandled"));
    const QByteArray log = QByteArray::fromBase64(answer.value(QStringLiteral("LogResult")).toString().toLatin1());
    QVERIFY2(log.contains("START RequestId:") && log.contains("REPORT RequestId:"), log.constData());
    QFile payload(out);
    QVERIFY(payload.open(QIODevice::ReadOnly));
    const QJsonObject error = QJsonDocument::fromJson(payload.readAll()).object();
    QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("ValueError"));
    QCOMPARE(error.value(QStringLiteral("errorMessage")).toString(), QStringLiteral("the oven is cold"));
}

// The emulator's AWS APIs check SigV4: a wrong secret is refused as AWS refuses it.
void tst_Emulator::awsCliWithWrongSecretIsRefused_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("lambda invoke")
        << QStringList{QStringLiteral("lambda"), QStringLiteral("invoke"),
                       QStringLiteral("--function-name"), QStringLiteral("raiseFunction"),
                       QStringLiteral("out.json")}
        << QByteArray("An error occurred (InvalidSignatureException) when calling the Invoke operation");
    QTest::newRow("sts get-caller-identity")
        << QStringList{QStringLiteral("sts"), QStringLiteral("get-caller-identity")}
        << QByteArray("An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity "
                      "operation");
}

void tst_Emulator::awsCliWithWrongSecretIsRefused()
{
    QFETCH(QStringList, command);
    QFETCH(QByteArray, error);
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    QTemporaryDir dir;
    GatehouseTest::AwsCli aws(m_faults->info().baseUrl,
                              {QStringLiteral("test"), QStringLiteral("not-test")});
    aws.setWorkingDirectory(dir.path());
    const GatehouseTest::AwsCli::Run r = aws.run(command);
    QVERIFY2(r.exitCode != -1, "the AWS CLI did not finish within 60 s");
    const QByteArray err = r.err;
    QVERIFY2(r.exitCode != 0, err.constData());
    QVERIFY2(err.contains(error), err.constData());
    QVERIFY2(err.contains("The request signature we calculated does not match the signature you "
                          "provided."),
             err.constData());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out.json"))));
}

void tst_Emulator::brokenLabIsRefusedWithFileAndLine()
{
    QTemporaryDir dir;
    QFile yaml(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write("Transform: AWS::Serverless-2016-10-31\n"
               "Resources:\n"
               "  Fn:\n"
               "    Type: AWS::Serverless::Function\n"
               "    Properties:\n"
               "      Handler: app.handler\n"
               "      Runtme: python3.12\n"
               "      CodeUri: .\n");
    yaml.close();
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = dir.path();
    Emulator::Emulator broken(options);
    const auto started = broken.start();
    QVERIFY(!started.ok());
    const QString message = started.error().message;
    QVERIFY2(message.contains(QStringLiteral("template.yaml:7")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Runtme")), qPrintable(message));
    QVERIFY(!broken.isRunning());
}

void tst_Emulator::expectStillServing()
{
    const CurlResult r = curl({url(m_faults->info(), QStringLiteral("/ok/again"))});
    QCOMPARE(r.status, 200);
}

QTEST_GUILESS_MAIN(tst_Emulator)
#include "tst_emulator.moc"
