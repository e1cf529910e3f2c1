#include "fakeaws.h"

#include "core/aws/awsclient.h"
#include "core/aws/sigv4verifier.h"

#include "tests/common/botocorepeer.h"

#include <QFileInfo>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

namespace {

const QString AccessKey = QStringLiteral("AKIDEXAMPLE");
const QString SecretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const QDateTime SigningTime = QDateTime(QDate(2026, 11, 21), QTime(12, 36, 0), Qt::UTC);

// Hands out fixed credentials (or an error), asynchronously like a real provider.
class TestCredentials : public CredentialsProvider
{
public:
    Result<Credentials> result = Credentials{AccessKey, SecretKey, QString(), QDateTime(), QStringLiteral("test")};
    int resolved = 0;

    void resolve(QObject *context, CredentialsCallback done) override
    {
        ++resolved;
        QTimer::singleShot(0, context, [done, r = result] { done(r); });
    }
    QString describe() const override { return QStringLiteral("test keys"); }
};

struct Outcome
{
    QList<Result<HttpClientResponse>> results;
    int attemptsSeen = 0;
    SigV4Signature signature;
};

AwsRequest lambdaRequest(const QUrl &endpoint)
{
    AwsRequest request;
    request.service = QStringLiteral("lambda");
    request.region = QStringLiteral("eu-west-1");
    request.endpoint = endpoint;
    request.method = "GET";
    request.path = "/2015-03-31/functions";
    request.protocol = AwsProtocol::RestJson;
    return request;
}

AwsCall *start(AwsClient &client, const AwsRequest &request, CredentialsProvider *credentials, Outcome &outcome,
               QObject *context)
{
    AwsCall *call = client.call(request, credentials);
    QObject::connect(call, &AwsCall::finished, context, [&outcome, call](const Result<HttpClientResponse> &r) {
        outcome.results.append(r);
        outcome.attemptsSeen = call->attempts();
        outcome.signature = call->lastSignature();
    });
    return call;
}

// A fresh quota and no waiting, so every test starts alike and runs fast.
RetryStrategy quickStrategy(double random = 0.0)
{
    RetryStrategy strategy;
    strategy.setQuota(std::make_shared<RetryQuota>());
    strategy.setRandomSource([random] { return random; });
    return strategy;
}

const QByteArray Throttled = FakeAws::response(
    400, "Content-Type: application/x-amz-json-1.1\nx-amzn-RequestId: r-throttled",
    R"({"__type":"com.amazonaws.lambda#ThrottlingException","message":"Rate exceeded"})");
const QByteArray Ok = FakeAws::response(200, "Content-Type: application/json\nx-amzn-RequestId: r-ok",
                                        R"({"Functions":[]})");

// botocore's SigV4Auth (the AWS SDK for Python) signing the requests our fake received, with
// the headers they signed: reads [{method, url, headers, body, service, region, timestamp}],
// prints [signature].
const char BotocoreSignScript[] = R"(
import json, sys
try:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    print('null'); sys.exit(0)
out = []
for row in json.load(sys.stdin):
    request = AWSRequest(method=row['method'], url=row['url'], headers=dict(row['headers']),
                         data=row['body'].encode('utf-8'))
    request.context['timestamp'] = row['timestamp']
    auth = SigV4Auth(Credentials(row['accessKey'], row['secretKey']), row['service'], row['region'])
    canonical = auth.canonical_request(request)
    out.append(auth.signature(auth.string_to_sign(request, canonical), request))
print(json.dumps(out))
)";

} // namespace

class TestAwsClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void throttlingThenSuccess();
    void badRequestIsNotRetried();
    void unavailableGivesUpAfterThree();
    void requestsVerifyWithSigV4Verifier_data();
    void requestsVerifyWithSigV4Verifier();
    void resignsEachAttempt();
    void backoffWaits();
    void connectionRefusedIsRetried();
    void credentialsFailure();
    void invalidEndpoint();
    void cancel();
    void clockSkewCorrected_data();
    void clockSkewCorrected();
    void botocoreSignsAlike();
    void maxAttemptsFromEnvironment();
};

void TestAwsClient::throttlingThenSuccess()
{
    FakeAws aws;
    aws.answers = {Throttled, Ok};
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy());
    client.setClock([] { return SigningTime; });
    TestCredentials credentials;
    Outcome outcome;
    AwsCall *call = start(client, lambdaRequest(aws.url()), &credentials, outcome, this);
    QSignalSpy retrying(call, &AwsCall::retrying);

    QTRY_COMPARE(outcome.results.size(), 1);
    QVERIFY(outcome.results.first().ok());
    QCOMPARE(outcome.results.first()->status, 200);
    QCOMPARE(outcome.results.first()->body, QByteArray(R"({"Functions":[]})"));
    QCOMPARE(aws.requests.size(), 2);
    QCOMPARE(outcome.attemptsSeen, 2);
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(retrying.first().at(0).value<Error>().awsCode, QStringLiteral("ThrottlingException"));
    QCOMPARE(credentials.resolved, 2);
    QTest::qWait(20);
    QCOMPARE(outcome.results.size(), 1);
}

void TestAwsClient::badRequestIsNotRetried()
{
    FakeAws aws;
    aws.answer = FakeAws::response(400, "x-amzn-ErrorType: InvalidParameterValueException\nx-amzn-RequestId: r-400",
                                   R"({"Type":"User","message":"Unsupported runtime"})");
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy());
    TestCredentials credentials;
    Outcome outcome;
    start(client, lambdaRequest(aws.url()), &credentials, outcome, this);

    QTRY_COMPARE(outcome.results.size(), 1);
    QVERIFY(!outcome.results.first().ok());
    const Error error = outcome.results.first().error();
    QCOMPARE(error.code, ErrorCode::Service);
    QCOMPARE(error.awsCode, QStringLiteral("InvalidParameterValueException"));
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(error.requestId, QStringLiteral("r-400"));
    QCOMPARE(error.message, QStringLiteral("InvalidParameterValueException: Unsupported runtime"));
    QVERIFY(!error.retryable);
    QCOMPARE(aws.requests.size(), 1);
}

void TestAwsClient::unavailableGivesUpAfterThree()
{
    FakeAws aws;
    aws.answers = {FakeAws::response(503, "x-amzn-RequestId: r-1", "{}"), FakeAws::response(503, "x-amzn-RequestId: r-2", "{}")};
    aws.answer = FakeAws::response(503, "x-amzn-RequestId: r-3\nx-amzn-ErrorType: ServiceUnavailableException",
                                   R"({"message":"Service is down"})");
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy());
    TestCredentials credentials;
    Outcome outcome;
    start(client, lambdaRequest(aws.url()), &credentials, outcome, this);

    QTRY_COMPARE(outcome.results.size(), 1);
    QCOMPARE(aws.requests.size(), 3);
    QCOMPARE(outcome.attemptsSeen, 3);
    const Error error = outcome.results.first().error();
    QCOMPARE(error.httpStatus, 503);
    QCOMPARE(error.requestId, QStringLiteral("r-3")); // the last error
    QCOMPARE(error.awsCode, QStringLiteral("ServiceUnavailableException"));
    QVERIFY(error.retryable);
    QVERIFY2(error.message.contains(QStringLiteral("Service is down")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("3 attempts")), qPrintable(error.message));
    QTest::qWait(50);
    QCOMPARE(aws.requests.size(), 3);
}

void TestAwsClient::requestsVerifyWithSigV4Verifier_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("sessionToken");

    QTest::newRow("GET list") << QByteArray("GET") << QByteArray("/2015-03-31/functions") << QByteArray() << QByteArray()
                              << QString();
    QTest::newRow("POST invoke with qualifier")
        << QByteArray("POST") << QByteArray("/2015-03-31/functions/my-fn/invocations") << QByteArray("Qualifier=%24LATEST")
        << QByteArray(R"({"hello":"world"})") << QString();
    QTest::newRow("encoded path, session token")
        << QByteArray("GET") << QByteArray("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Ax")
        << QByteArray("MaxItems=5&Marker=a%2Fb") << QByteArray() << QStringLiteral("FQoGZXIvYXdzEXAMPLE//token==");
}

void TestAwsClient::requestsVerifyWithSigV4Verifier()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, body);
    QFETCH(QString, sessionToken);

    FakeAws aws;
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy());
    client.setClock([] { return SigningTime; });
    TestCredentials credentials;
    credentials.result = Credentials{AccessKey, SecretKey, sessionToken, QDateTime(), QStringLiteral("test")};
    AwsRequest request = lambdaRequest(aws.url());
    request.method = method;
    request.path = path;
    request.query = query;
    request.body = body;
    if (!body.isEmpty())
        request.headers.add("Content-Type", "application/json");
    Outcome outcome;
    start(client, request, &credentials, outcome, this);
    QTRY_COMPARE(outcome.results.size(), 1);
    QVERIFY(outcome.results.first().ok());
    QCOMPARE(aws.requests.size(), 1);

    const HttpRequest &received = aws.requests.first();
    QCOMPARE(received.method, method);
    QCOMPARE(received.path, path);
    QCOMPARE(received.query, query);
    QCOMPARE(received.body, body);
    QCOMPARE(received.headers.value("X-Amz-Date"), QByteArray("20261121T123600Z"));
    QCOMPARE(received.headers.value("X-Amz-Security-Token"), sessionToken.toUtf8());
    const Result<SigV4Authorization> auth = SigV4Verifier::parse(received);
    QVERIFY2(auth.ok(), qPrintable(auth.ok() ? QString() : auth.error().message));
    QCOMPARE(auth->accessKeyId, AccessKey.toUtf8());
    QCOMPARE(auth->region, QStringLiteral("eu-west-1"));
    QCOMPARE(auth->service, QStringLiteral("lambda"));
    QVERIFY(auth->signedHeaders.contains("host"));
    QVERIFY(auth->signedHeaders.contains("x-amz-date"));
    const SigV4Verification verification = SigV4Verifier().verify(
        received, *auth, SecretKey, SigV4Flags::forService(QStringLiteral("lambda")), SigningTime.addSecs(30));
    QVERIFY2(verification.ok(), qPrintable(verification.error.message));
    QCOMPARE(outcome.signature.canonicalRequest, verification.expected.canonicalRequest);
    QCOMPARE(outcome.signature.signature, auth->signature);

    // The verifier must be able to say no: a wrong secret fails.
    const SigV4Verification wrong = SigV4Verifier().verify(received, *auth, QStringLiteral("not-the-secret"),
                                                           SigV4Flags(), SigningTime);
    QCOMPARE(wrong.error.awsCode, QStringLiteral("SignatureDoesNotMatch"));
}

void TestAwsClient::resignsEachAttempt()
{
    FakeAws aws;
    aws.answers = {Throttled, Throttled, Ok};
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy());
    int tick = 0;
    client.setClock([&tick] { return SigningTime.addSecs(tick++); });
    TestCredentials credentials;
    Outcome outcome;
    start(client, lambdaRequest(aws.url()), &credentials, outcome, this);
    QTRY_COMPARE(outcome.results.size(), 1);
    QVERIFY(outcome.results.first().ok());
    QCOMPARE(aws.requests.size(), 3);
    QSet<QByteArray> dates;
    QSet<QByteArray> signatures;
    for (const HttpRequest &request : std::as_const(aws.requests)) {
        dates.insert(request.headers.value("X-Amz-Date"));
        signatures.insert(request.headers.value("Authorization"));
        const Result<SigV4Authorization> auth = SigV4Verifier::parse(request);
        QVERIFY(auth.ok());
        QVERIFY(SigV4Verifier().verify(request, *auth, SecretKey, SigV4Flags(), SigningTime).ok());
    }
    QCOMPARE(dates.size(), 3);
    QCOMPARE(signatures.size(), 3);
    QCOMPARE(outcome.signature.stringToSign.split('\n').value(1), QByteArray("20261121T123602Z"));
}

void TestAwsClient::backoffWaits()
{
    FakeAws aws;
    aws.answers = {Throttled, Ok};
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy(0.3)); // first retry waits 0.3 * 1 s
    TestCredentials credentials;
    Outcome outcome;
    QElapsedTimer clock;
    clock.start();
    AwsCall *call = start(client, lambdaRequest(aws.url()), &credentials, outcome, this);
    QSignalSpy retrying(call, &AwsCall::retrying);
    QTRY_COMPARE(outcome.results.size(), 1);
    QVERIFY(outcome.results.first().ok());
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(retrying.first().at(2).toInt(), 300);
    QVERIFY2(clock.elapsed() >= 290, qPrintable(QString::number(clock.elapsed())));
}

void TestAwsClient::connectionRefusedIsRetried()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy());
    TestCredentials credentials;
    Outcome outcome;
    start(client, lambdaRequest(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))), &credentials, outcome, this);
    QTRY_COMPARE(outcome.results.size(), 1);
    QCOMPARE(outcome.results.first().error().code, ErrorCode::ConnectionRefused);
    QCOMPARE(outcome.attemptsSeen, 3);
    QCOMPARE(credentials.resolved, 3);
}

void TestAwsClient::credentialsFailure()
{
    FakeAws aws;
    AwsClient client(nullptr);
    TestCredentials credentials;
    credentials.result = makeError(ErrorCode::NotFound, QStringLiteral("The profile 'dev' does not exist."));
    Outcome outcome;
    start(client, lambdaRequest(aws.url()), &credentials, outcome, this);
    QTRY_COMPARE(outcome.results.size(), 1);
    const Error error = outcome.results.first().error();
    QCOMPARE(error.code, ErrorCode::NotFound);
    QVERIFY2(error.message.contains(QStringLiteral("test keys")) && error.message.contains(QStringLiteral("'dev'")),
             qPrintable(error.message));
    QCOMPARE(aws.requests.size(), 0);
}

void TestAwsClient::invalidEndpoint()
{
    AwsClient client(nullptr);
    TestCredentials credentials;
    Outcome outcome;
    start(client, lambdaRequest(QUrl(QStringLiteral("lambda.eu-west-1.amazonaws.com"))), &credentials, outcome, this);
    QTRY_COMPARE(outcome.results.size(), 1);
    QCOMPARE(outcome.results.first().error().code, ErrorCode::InvalidArgument);
}

void TestAwsClient::cancel()
{
    FakeAws aws;
    aws.mode = FakeAws::Mode::Silent;
    AwsClient client(nullptr);
    TestCredentials credentials;
    Outcome outcome;
    AwsCall *call = start(client, lambdaRequest(aws.url()), &credentials, outcome, this);
    QPointer<AwsCall> guard(call);
    QTRY_COMPARE(aws.requests.size(), 1);
    call->cancel();
    call->cancel();
    QCOMPARE(outcome.results.size(), 1);
    QCOMPARE(outcome.results.first().error().code, ErrorCode::Cancelled);
    QTRY_VERIFY(guard.isNull());
}

void TestAwsClient::clockSkewCorrected_data()
{
    QTest::addColumn<QByteArray>("errorType");
    QTest::addColumn<qint64>("serverAheadSecs");
    QTest::addColumn<int>("requests");
    QTest::addColumn<qint64>("offsetMs");

    QTest::newRow("an hour ahead, InvalidSignatureException")
        << QByteArray("InvalidSignatureException") << qint64(3600) << 2 << qint64(3600000);
    QTest::newRow("20 min behind, RequestTimeTooSkewed")
        << QByteArray("RequestTimeTooSkewed") << qint64(-1200) << 2 << qint64(-1200000);
    QTest::newRow("5 min exactly counts as skew") << QByteArray("SignatureDoesNotMatch") << qint64(300) << 2 << qint64(300000);
    QTest::newRow("4 min is no skew: not retried") << QByteArray("SignatureDoesNotMatch") << qint64(240) << 1 << qint64(0);
    QTest::newRow("skewed but another error: not retried") << QByteArray("AccessDeniedException") << qint64(3600) << 1
                                                           << qint64(3600000);
}

// The server's Date says this computer's clock is off: learn the offset and sign again.
void TestAwsClient::clockSkewCorrected()
{
    QFETCH(QByteArray, errorType);
    QFETCH(qint64, serverAheadSecs);
    QFETCH(int, requests);
    QFETCH(qint64, offsetMs);

    const QDateTime serverTime = SigningTime.addSecs(serverAheadSecs);
    const QByteArray date = QLocale::c().toString(serverTime, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    FakeAws aws;
    aws.answers = {FakeAws::response(403, "x-amzn-ErrorType: " + errorType + "\nDate: " + date,
                                     R"({"message":"Signature expired: 20261121T123600Z is now earlier than the server's time."})")};
    aws.answer = FakeAws::response(200, "Date: " + date, "{}");
    AwsClient client(nullptr);
    client.setRetryStrategy(quickStrategy());
    client.setClock([] { return SigningTime; });
    TestCredentials credentials;
    Outcome outcome;
    start(client, lambdaRequest(aws.url()), &credentials, outcome, this);
    QTRY_COMPARE(outcome.results.size(), 1);
    QCOMPARE(aws.requests.size(), requests);
    QCOMPARE(client.clockOffsetMs(), offsetMs);
    QCOMPARE(aws.requests.first().headers.value("X-Amz-Date"), QByteArray("20261121T123600Z"));
    if (requests == 2) {
        QVERIFY(outcome.results.first().ok());
        QCOMPARE(aws.requests.at(1).headers.value("X-Amz-Date"), sigV4Timestamp(serverTime));
        const Result<SigV4Authorization> auth = SigV4Verifier::parse(aws.requests.at(1));
        QVERIFY(auth.ok());
        QVERIFY(SigV4Verifier().verify(aws.requests.at(1), *auth, SecretKey, SigV4Flags(), serverTime).ok());
    } else {
        QCOMPARE(outcome.results.first().error().awsCode, QString::fromLatin1(errorType));
    }
}

// A peer we did not write: botocore computes the same signature for what went on the wire.
void TestAwsClient::botocoreSignsAlike()
{
    GATEHOUSE_REQUIRE_BOTOCORE(python);
    FakeAws aws;
    AwsClient client(nullptr);
    client.setClock([] { return SigningTime; });
    TestCredentials credentials;
    credentials.result = Credentials{AccessKey, SecretKey, QStringLiteral("FQoGZXIvYXdzEXAMPLE//token=="), QDateTime(), {}};
    struct Shape { QByteArray method, path, query, body; };
    const QList<Shape> shapes = {
        {"GET", "/2015-03-31/functions", "", ""},
        {"POST", "/2015-03-31/functions/my-fn/invocations", "Qualifier=%24LATEST", R"({"hello":"world"})"},
        {"GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Ax/aliases",
         "MaxItems=5&Marker=a%2Fb&FunctionVersion=%24LATEST", ""},
        {"PUT", "/2015-03-31/functions/x/code", "", R"({"ZipFile":"UEsDBA=="})"},
    };
    int finished = 0;
    for (const Shape &shape : shapes) {
        AwsRequest request = lambdaRequest(aws.url());
        request.method = shape.method;
        request.path = shape.path;
        request.query = shape.query;
        request.body = shape.body;
        if (!shape.body.isEmpty())
            request.headers.add("Content-Type", "application/json");
        connect(client.call(request, &credentials), &AwsCall::finished, this,
                [&finished](const Result<HttpClientResponse> &) { ++finished; });
    }
    QTRY_COMPARE(finished, int(shapes.size()));
    QCOMPARE(aws.requests.size(), shapes.size());

    QJsonArray input;
    QList<QByteArray> ourSignatures;
    for (const HttpRequest &received : std::as_const(aws.requests)) {
        const Result<SigV4Authorization> auth = SigV4Verifier::parse(received);
        QVERIFY(auth.ok());
        ourSignatures.append(auth->signature);
        QJsonArray headers;
        for (const QByteArray &name : auth->signedHeaders)
            headers.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(received.headers.value(name))});
        QJsonObject row;
        row.insert(QStringLiteral("method"), QString::fromLatin1(received.method));
        row.insert(QStringLiteral("url"), QString(QStringLiteral("http://") + QString::fromLatin1(received.headers.value("Host"))
                                                  + QString::fromLatin1(received.target)));
        row.insert(QStringLiteral("headers"), headers);
        row.insert(QStringLiteral("body"), QString::fromUtf8(received.body));
        row.insert(QStringLiteral("timestamp"), QString::fromLatin1(received.headers.value("X-Amz-Date")));
        row.insert(QStringLiteral("accessKey"), AccessKey);
        row.insert(QStringLiteral("secretKey"), SecretKey);
        row.insert(QStringLiteral("service"), auth->service);
        row.insert(QStringLiteral("region"), auth->region);
        input.append(row);
    }
    QProcess process;
    QSignalSpy done(&process, &QProcess::finished);
    process.start(python, {QStringLiteral("-c"), QString::fromUtf8(BotocoreSignScript)});
    process.write(QJsonDocument(input).toJson());
    process.closeWriteChannel();
    QVERIFY(done.wait(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QJsonDocument output = QJsonDocument::fromJson(process.readAllStandardOutput());
    if (output.isNull())
        QSKIP("python3 has no botocore");
    const QJsonArray theirs = output.array();
    QCOMPARE(theirs.size(), ourSignatures.size());
    for (qsizetype i = 0; i < theirs.size(); ++i)
        QCOMPARE(theirs.at(i).toString().toLatin1(), ourSignatures.at(i));
}

void TestAwsClient::maxAttemptsFromEnvironment()
{
    const QByteArray saved = qgetenv("AWS_MAX_ATTEMPTS");
    qputenv("AWS_MAX_ATTEMPTS", "5");
    AwsClient five(nullptr);
    qputenv("AWS_MAX_ATTEMPTS", "zero");
    AwsClient invalid(nullptr);
    qunsetenv("AWS_MAX_ATTEMPTS");
    AwsClient unset(nullptr);
    if (!saved.isNull())
        qputenv("AWS_MAX_ATTEMPTS", saved);
    QCOMPARE(five.retryStrategy().maxAttempts(), 5);
    QCOMPARE(invalid.retryStrategy().maxAttempts(), 3);
    QCOMPARE(unset.retryStrategy().maxAttempts(), 3);

    FakeAws aws;
    aws.answer = FakeAws::response(503, QByteArray(), QByteArray());
    RetryStrategy strategy = quickStrategy();
    strategy.setMaxAttempts(five.retryStrategy().maxAttempts());
    five.setRetryStrategy(strategy);
    TestCredentials credentials;
    Outcome outcome;
    start(five, lambdaRequest(aws.url()), &credentials, outcome, this);
    QTRY_COMPARE(outcome.results.size(), 1);
    QCOMPARE(aws.requests.size(), 5);
}

QTEST_GUILESS_MAIN(TestAwsClient)
#include "tst_awsclient.moc"
