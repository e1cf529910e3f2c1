#include "fakeaws.h"

#include "core/aws/awsclient.h"
#include "core/aws/sigv4verifier.h"
#include "core/aws/stsclient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

namespace {

const QString AccessKey = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
const QString SecretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

// The answer shapes of the STS API reference (GetCallerIdentity, AssumeRole, errors).
const QByteArray CallerIdentityXml =
    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "  <GetCallerIdentityResult>\n"
    "   <Arn>arn:aws:iam::123456789012:user/Alice</Arn>\n"
    "    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>\n"
    "    <Account>123456789012</Account>\n"
    "  </GetCallerIdentityResult>\n"
    "  <ResponseMetadata>\n"
    "    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>\n"
    "  </ResponseMetadata>\n"
    "</GetCallerIdentityResponse>\n";

const QByteArray AssumeRoleXml =
    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "<AssumeRoleResult>\n"
    "<SourceIdentity>Alice</SourceIdentity>\n"
    "  <AssumedRoleUser>\n"
    "    <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>\n"
    "    <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>\n"
    "  </AssumedRoleUser>\n"
    "  <Credentials>\n"
    "    <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>\n"
    "    <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>\n"
    "    <SessionToken>\n"
    "     AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==\n"
    "    </SessionToken>\n"
    "    <Expiration>2019-11-09T13:34:41Z</Expiration>\n"
    "  </Credentials>\n"
    "  <PackedPolicySize>6</PackedPolicySize>\n"
    "</AssumeRoleResult>\n"
    "<ResponseMetadata>\n"
    "  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>\n"
    "</ResponseMetadata>\n"
    "</AssumeRoleResponse>\n";

const QByteArray AccessDeniedXml =
    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "  <Error>\n"
    "    <Type>Sender</Type>\n"
    "    <Code>AccessDenied</Code>\n"
    "    <Message>User: arn:aws:iam::123456789012:user/Alice is not authorized to perform: sts:AssumeRole on resource: "
    "arn:aws:iam::123456789012:role/demo</Message>\n"
    "  </Error>\n"
    "  <RequestId>4ba7d34b-1c5d-4f0e-9a3b-2d6e8f0a1b2c</RequestId>\n"
    "</ErrorResponse>\n";

class KeysProvider : public CredentialsProvider
{
public:
    void resolve(QObject *context, CredentialsCallback done) override
    {
        QTimer::singleShot(0, context, [done] {
            done(Credentials{AccessKey, SecretKey, QString(), QDateTime(), QStringLiteral("test")});
        });
    }
    QString describe() const override { return QStringLiteral("test keys"); }
};

QByteArray xmlAnswer(int status, const QByteArray &body)
{
    return FakeAws::response(status, "Content-Type: text/xml\nx-amzn-RequestId: from-header", body);
}

void fastRetries(StsClient &sts)
{
    RetryStrategy strategy;
    strategy.setQuota(std::make_shared<RetryQuota>());
    strategy.setRandomSource([] { return 0.0; });
    sts.awsClient()->setRetryStrategy(strategy);
}

// Checks the request is a signed STS query call and returns its form parameters.
QUrlQuery checkStsRequest(const HttpRequest &request, const QString &secret, const QString &region)
{
    [&] {
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/"));
        QCOMPARE(request.headers.value("Content-Type"), QByteArray("application/x-www-form-urlencoded; charset=utf-8"));
        const Result<SigV4Authorization> auth = SigV4Verifier::parse(request);
        QVERIFY(auth.ok());
        QCOMPARE(auth->service, QStringLiteral("sts"));
        QCOMPARE(auth->region, region);
        QVERIFY(auth->signedHeaders.contains("content-type"));
        const SigV4Verification verification =
            SigV4Verifier().verify(request, *auth, secret, SigV4Flags(), QDateTime::currentDateTimeUtc());
        QVERIFY2(verification.ok(), qPrintable(verification.error.message));
    }();
    return QUrlQuery(QString::fromUtf8(request.body));
}

// moto (a third-party AWS mock in Python) serving STS on 127.0.0.1, port chosen by the system.
// Prints the port, stops when its stdin closes, and exits by itself after two minutes.
const char MotoScript[] = R"(
import os, sys, threading
try:
    from moto.server import ThreadedMotoServer
except ImportError:
    print('none', flush=True); sys.exit(0)
threading.Timer(120, lambda: os._exit(0)).start()
server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False)
server.start()
print(server._server.server_port, flush=True)
sys.stdin.read()
server.stop()
os._exit(0)
)";

template<typename T>
Result<T> waitFor(const std::function<void(std::function<void(const Result<T> &)>)> &start)
{
    std::optional<Result<T>> out;
    start([&out](const Result<T> &r) { out = r; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 20000))
        return makeError(ErrorCode::Timeout, QStringLiteral("no answer in 20 s"));
    return *out;
}

} // namespace

class TestStsClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getCallerIdentity();
    void assumeRole();
    void assumeRoleDefaults();
    void assumeRoleAccessDenied();
    void throttledThenAnswered();
    void notStsAnswer_data();
    void notStsAnswer();
    void missingRoleArn();
    void contextGone();
    void defaultEndpoint_data();
    void defaultEndpoint();
    void againstMoto();
};

void TestStsClient::getCallerIdentity()
{
    FakeAws aws;
    aws.answer = xmlAnswer(200, CallerIdentityXml);
    StsClient sts;
    KeysProvider keys;
    QList<Result<CallerIdentity>> results;
    sts.getCallerIdentity(&keys, QStringLiteral("eu-central-1"), aws.url(), this,
                          [&results](const Result<CallerIdentity> &r) { results.append(r); });
    QTRY_COMPARE(results.size(), 1);
    QVERIFY2(results.first().ok(), qPrintable(results.first().ok() ? QString() : results.first().error().message));
    QCOMPARE(results.first()->account, QStringLiteral("123456789012"));
    QCOMPARE(results.first()->arn, QStringLiteral("arn:aws:iam::123456789012:user/Alice"));
    QCOMPARE(results.first()->userId, QStringLiteral("AIDACKCEVSQ6C2EXAMPLE"));
    QCOMPARE(aws.requests.size(), 1);
    QCOMPARE(aws.requests.first().body, QByteArray("Action=GetCallerIdentity&Version=2011-06-15"));
    checkStsRequest(aws.requests.first(), SecretKey, QStringLiteral("eu-central-1"));
}

void TestStsClient::assumeRole()
{
    FakeAws aws;
    aws.answer = xmlAnswer(200, AssumeRoleXml);
    StsClient sts;
    const Credentials source{AccessKey, SecretKey, QStringLiteral("source/session+token="), QDateTime(), QStringLiteral("profile base")};
    AssumeRoleParams params;
    params.roleArn = QStringLiteral("arn:aws:iam::123456789012:role/demo");
    params.roleSessionName = QStringLiteral("TestAR");
    params.externalId = QStringLiteral("ext id/123");
    params.durationSeconds = 900;
    params.region = QStringLiteral("us-west-2");
    params.endpoint = aws.url();
    QList<Result<Credentials>> results;
    sts.assumeRole(source, params, this, [&results](const Result<Credentials> &r) { results.append(r); });
    QTRY_COMPARE(results.size(), 1);
    QVERIFY2(results.first().ok(), qPrintable(results.first().ok() ? QString() : results.first().error().message));
    const Credentials &c = results.first().value();
    QCOMPARE(c.accessKeyId, QStringLiteral("ASIAIOSFODNN7EXAMPLE"));
    QCOMPARE(c.secretAccessKey, QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"));
    QVERIFY(c.sessionToken.startsWith(QStringLiteral("AQoDYXdzEPT//////////wEXAMPLE")));
    QVERIFY(c.sessionToken.endsWith(QStringLiteral("oLxBA==")));
    QCOMPARE(c.expiration, QDateTime(QDate(2019, 11, 9), QTime(13, 34, 41), Qt::UTC));
    QCOMPARE(c.source, QStringLiteral("assumed role arn:aws:iam::123456789012:role/demo"));

    QCOMPARE(aws.requests.size(), 1);
    const HttpRequest &request = aws.requests.first();
    QCOMPARE(request.headers.value("X-Amz-Security-Token"), QByteArray("source/session+token="));
    QCOMPARE(request.body, QByteArray("Action=AssumeRole&Version=2011-06-15"
                                      "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
                                      "&RoleSessionName=TestAR&DurationSeconds=900&ExternalId=ext%20id%2F123"));
    const QUrlQuery form = checkStsRequest(request, SecretKey, QStringLiteral("us-west-2"));
    QCOMPARE(form.queryItemValue(QStringLiteral("RoleArn"), QUrl::FullyDecoded), params.roleArn);
    QCOMPARE(form.queryItemValue(QStringLiteral("ExternalId"), QUrl::FullyDecoded), params.externalId);
}

void TestStsClient::assumeRoleDefaults()
{
    FakeAws aws;
    aws.answer = xmlAnswer(200, AssumeRoleXml);
    StsClient sts;
    AssumeRoleParams params;
    params.roleArn = QStringLiteral("arn:aws:iam::123456789012:role/demo");
    params.endpoint = aws.url();
    QList<Result<Credentials>> results;
    sts.assumeRole(Credentials{AccessKey, SecretKey, {}, {}, {}}, params, this,
                   [&results](const Result<Credentials> &r) { results.append(r); });
    QTRY_COMPARE(results.size(), 1);
    QVERIFY(results.first().ok());
    const QUrlQuery form = checkStsRequest(aws.requests.first(), SecretKey, QStringLiteral("us-east-1"));
    QVERIFY(form.queryItemValue(QStringLiteral("RoleSessionName")).startsWith(QStringLiteral("gatehouse-session-")));
    QCOMPARE(form.queryItemValue(QStringLiteral("DurationSeconds")), QStringLiteral("3600"));
    QVERIFY(!form.hasQueryItem(QStringLiteral("ExternalId")));
    QVERIFY(!aws.requests.first().headers.contains("X-Amz-Security-Token"));
}

void TestStsClient::assumeRoleAccessDenied()
{
    FakeAws aws;
    aws.answer = xmlAnswer(403, AccessDeniedXml);
    StsClient sts;
    fastRetries(sts);
    AssumeRoleParams params;
    params.roleArn = QStringLiteral("arn:aws:iam::123456789012:role/demo");
    params.roleSessionName = QStringLiteral("s");
    params.endpoint = aws.url();
    QList<Result<Credentials>> results;
    sts.assumeRole(Credentials{AccessKey, SecretKey, {}, {}, {}}, params, this,
                   [&results](const Result<Credentials> &r) { results.append(r); });
    QTRY_COMPARE(results.size(), 1);
    const Error error = results.first().error();
    QCOMPARE(error.code, ErrorCode::Service);
    QCOMPARE(error.awsCode, QStringLiteral("AccessDenied"));
    QCOMPARE(error.httpStatus, 403);
    QCOMPARE(error.requestId, QStringLiteral("4ba7d34b-1c5d-4f0e-9a3b-2d6e8f0a1b2c"));
    QVERIFY(!error.retryable);
    QVERIFY2(error.message.startsWith(QStringLiteral("STS AssumeRole for arn:aws:iam::123456789012:role/demo failed: "
                                                     "AccessDenied: User: arn:aws:iam::123456789012:user/Alice is not authorized")),
             qPrintable(error.message));
    QCOMPARE(aws.requests.size(), 1);
}

void TestStsClient::throttledThenAnswered()
{
    FakeAws aws;
    aws.answers = {xmlAnswer(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded"
                                  "</Message></Error><RequestId>t-1</RequestId></ErrorResponse>")};
    aws.answer = xmlAnswer(200, CallerIdentityXml);
    StsClient sts;
    fastRetries(sts);
    KeysProvider keys;
    QList<Result<CallerIdentity>> results;
    sts.getCallerIdentity(&keys, QString(), aws.url(), this, [&results](const Result<CallerIdentity> &r) { results.append(r); });
    QTRY_COMPARE(results.size(), 1);
    QVERIFY(results.first().ok());
    QCOMPARE(aws.requests.size(), 2);
}

void TestStsClient::notStsAnswer_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("html 200") << FakeAws::response(200, "Content-Type: text/html", "<html><body>Welcome to nginx!</body></html>")
                              << int(ErrorCode::Protocol) << QStringLiteral("<html>");
    QTest::newRow("truncated xml") << xmlAnswer(200, CallerIdentityXml.left(120)) << int(ErrorCode::Protocol)
                                   << QStringLiteral("does not parse");
    QTest::newRow("no account") << xmlAnswer(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>a</Arn>"
                                                  "</GetCallerIdentityResult></GetCallerIdentityResponse>")
                                << int(ErrorCode::Protocol) << QStringLiteral("Account");
    QTest::newRow("proxy 403 page") << FakeAws::response(403, "Content-Type: text/html", "<html><head><title>Blocked</title></head></html>")
                                    << int(ErrorCode::Service) << QStringLiteral("Blocked");
}

void TestStsClient::notStsAnswer()
{
    QFETCH(QByteArray, answer);
    QFETCH(int, code);
    QFETCH(QString, messagePart);

    FakeAws aws;
    aws.answer = answer;
    StsClient sts;
    fastRetries(sts);
    KeysProvider keys;
    QList<Result<CallerIdentity>> results;
    sts.getCallerIdentity(&keys, QString(), aws.url(), this, [&results](const Result<CallerIdentity> &r) { results.append(r); });
    QTRY_COMPARE(results.size(), 1);
    QVERIFY(!results.first().ok());
    QCOMPARE(int(results.first().error().code), code);
    QVERIFY2(results.first().error().message.contains(messagePart), qPrintable(results.first().error().message));
}

void TestStsClient::missingRoleArn()
{
    StsClient sts;
    QList<Result<Credentials>> results;
    sts.assumeRole(Credentials{AccessKey, SecretKey, {}, {}, {}}, AssumeRoleParams(), this,
                   [&results](const Result<Credentials> &r) { results.append(r); });
    QCOMPARE(results.size(), 0); // reported later, never from inside the call
    QTRY_COMPARE(results.size(), 1);
    QCOMPARE(results.first().error().code, ErrorCode::InvalidArgument);
}

void TestStsClient::contextGone()
{
    FakeAws aws;
    aws.answer = xmlAnswer(200, CallerIdentityXml);
    StsClient sts;
    KeysProvider keys;
    int calls = 0;
    auto *context = new QObject;
    sts.getCallerIdentity(&keys, QString(), aws.url(), context, [&calls](const Result<CallerIdentity> &) { ++calls; });
    delete context;
    QTRY_COMPARE(aws.requests.size(), 1);
    QTest::qWait(100);
    QCOMPARE(calls, 0);
}

void TestStsClient::defaultEndpoint_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("empty") << QString() << QStringLiteral("https://sts.us-east-1.amazonaws.com");
    QTest::newRow("eu-west-1") << QStringLiteral("eu-west-1") << QStringLiteral("https://sts.eu-west-1.amazonaws.com");
    QTest::newRow("china") << QStringLiteral("cn-north-1") << QStringLiteral("https://sts.cn-north-1.amazonaws.com.cn");
    QTest::newRow("gov cloud") << QStringLiteral("us-gov-west-1") << QStringLiteral("https://sts.us-gov-west-1.amazonaws.com");
}

void TestStsClient::defaultEndpoint()
{
    QFETCH(QString, region);
    QFETCH(QString, endpoint);
    QCOMPARE(StsClient::defaultEndpoint(region), QUrl(endpoint));
}

// A peer we did not write: GetCallerIdentity, AssumeRole, then GetCallerIdentity with the
// assumed role's credentials, against moto's STS.
void TestStsClient::againstMoto()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    QProcess moto;
    moto.start(python, {QStringLiteral("-c"), QString::fromUtf8(MotoScript)});
    QTRY_VERIFY_WITH_TIMEOUT(moto.canReadLine() || moto.state() == QProcess::NotRunning, 60000);
    const QByteArray line = moto.readLine().trimmed();
    if (line == "none" || line.isEmpty())
        QSKIP("python3 has no moto server");
    const QUrl endpoint(QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(line)));

    StsClient sts;
    KeysProvider keys;
    const Result<CallerIdentity> me = waitFor<CallerIdentity>([&](auto done) {
        sts.getCallerIdentity(&keys, QStringLiteral("us-east-1"), endpoint, this, done);
    });
    QVERIFY2(me.ok(), qPrintable(me.ok() ? QString() : me.error().message));
    QCOMPARE(me->account, QStringLiteral("123456789012"));
    QVERIFY2(me->arn.startsWith(QStringLiteral("arn:aws:")), qPrintable(me->arn));

    AssumeRoleParams params;
    params.roleArn = QStringLiteral("arn:aws:iam::123456789012:role/demo");
    params.roleSessionName = QStringLiteral("gatehouse-test");
    params.durationSeconds = 900;
    params.endpoint = endpoint;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Result<Credentials> role = waitFor<Credentials>([&](auto done) {
        sts.assumeRole(Credentials{AccessKey, SecretKey, {}, {}, QStringLiteral("test")}, params, this, done);
    });
    QVERIFY2(role.ok(), qPrintable(role.ok() ? QString() : role.error().message));
    QVERIFY(role->accessKeyId.startsWith(QStringLiteral("ASIA")));
    QVERIFY(role->hasSessionToken());
    QVERIFY2(qAbs(before.secsTo(role->expiration) - 900) < 60, qPrintable(role->expiration.toString(Qt::ISODateWithMs)));

    struct RoleKeys : CredentialsProvider
    {
        Credentials credentials;
        void resolve(QObject *, CredentialsCallback done) override { done(credentials); }
        QString describe() const override { return credentials.source; }
    } roleKeys;
    roleKeys.credentials = role.value();
    const Result<CallerIdentity> assumed = waitFor<CallerIdentity>([&](auto done) {
        sts.getCallerIdentity(&roleKeys, QStringLiteral("us-east-1"), endpoint, this, done);
    });
    QVERIFY2(assumed.ok(), qPrintable(assumed.ok() ? QString() : assumed.error().message));
    QCOMPARE(assumed->arn, QStringLiteral("arn:aws:sts::123456789012:assumed-role/demo/gatehouse-test"));

    moto.closeWriteChannel();
    QSignalSpy stopped(&moto, &QProcess::finished);
    if (moto.state() != QProcess::NotRunning)
        QVERIFY(stopped.wait(20000));
}

QTEST_GUILESS_MAIN(TestStsClient)
#include "tst_stsclient.moc"
