// Signing at send time: Host as the client sends it, service/region resolution, and the
// asynchronous authorize() with typed keys and with a profile, checked against the botocore
// suite's get-vanilla case.
#include "core/aws/requestauthorizer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

namespace {

const QString BotocoreKey = QStringLiteral("AKIDEXAMPLE");
const QString BotocoreSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

QByteArray vector(const char *extension)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/sigv4/botocore-aws4_testsuite/get-vanilla/get-vanilla.%1")
                   .arg(QLatin1String(extension)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

HttpClientRequest vanillaRequest()
{
    HttpClientRequest request;
    request.method = "GET";
    request.url = QUrl(QStringLiteral("https://example.amazonaws.com/"));
    return request;
}

RequestAuth serviceAuth()
{
    RequestAuth auth;
    auth.kind = AuthKind::AwsSigV4;
    auth.service = QStringLiteral("service");
    auth.region = QStringLiteral("us-east-1");
    return auth;
}

Result<SignedRequest> authorizeAndWait(RequestAuthorizer &authorizer, const HttpClientRequest &request,
                                       const RequestAuth &auth)
{
    std::optional<Result<SignedRequest>> outcome;
    int reports = 0;
    authorizer.authorize(request, auth, [&](const Result<SignedRequest> &result) {
        outcome = result;
        ++reports;
    });
    if (outcome) // reports later, never from inside authorize()
        return makeError(ErrorCode::Internal, QStringLiteral("reported synchronously"));
    for (int waited = 0; !outcome && waited < 10000; waited += 10)
        QTest::qWait(10);
    if (!outcome)
        return makeError(ErrorCode::Timeout, QStringLiteral("no report within 10 s"));
    QTest::qWait(20);
    if (reports != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("reported %1 times").arg(reports));
    return *outcome;
}

} // namespace

class tst_RequestAuthorizer : public QObject
{
    Q_OBJECT

private slots:
    void hostHeader_data();
    void hostHeader();
    void scope_data();
    void scope();
    void typedKeysMatchBotocoreSuite();
    void profileFromSharedFiles();
    void errorsInWords_data();
    void errorsInWords();
};

void tst_RequestAuthorizer::hostHeader_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("https default port") << "https://example.amazonaws.com/" << QByteArray("example.amazonaws.com");
    QTest::newRow("explicit 443 is dropped") << "https://example.amazonaws.com:443/" << QByteArray("example.amazonaws.com");
    QTest::newRow("http explicit 80 is dropped") << "http://127.0.0.1:80/" << QByteArray("127.0.0.1");
    QTest::newRow("other port is kept") << "http://127.0.0.1:4577/x" << QByteArray("127.0.0.1:4577");
    QTest::newRow("443 on http is kept") << "http://h:443/" << QByteArray("h:443");
    QTest::newRow("IPv6 in brackets") << "http://[::1]:4577/" << QByteArray("[::1]:4577");
    QTest::newRow("upper case host") << "https://EXAMPLE.amazonaws.com/" << QByteArray("example.amazonaws.com");
}

void tst_RequestAuthorizer::hostHeader()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, host);
    QCOMPARE(hostHeaderFor(QUrl(url)), host);
}

void tst_RequestAuthorizer::scope_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("environmentRegion");
    QTest::addColumn<QString>("expected"); // "service/region" or the start of the error
    QTest::newRow("guessed") << "https://abc.execute-api.eu-west-1.amazonaws.com/" << "" << "" << ""
                             << "execute-api/eu-west-1";
    QTest::newRow("typed wins over guess") << "https://abc.execute-api.eu-west-1.amazonaws.com/" << "lambda"
                                           << "us-west-2" << "" << "lambda/us-west-2";
    QTest::newRow("region from AWS_REGION") << "https://api.example.com/" << "execute-api" << "" << "ap-south-1"
                                            << "execute-api/ap-south-1";
    QTest::newRow("host wins over AWS_REGION") << "https://lambda.eu-north-1.amazonaws.com/" << "" << "" << "ap-south-1"
                                               << "lambda/eu-north-1";
    QTest::newRow("no service") << "https://api.example.com/" << "" << "us-east-1" << ""
                                << "Cannot tell which AWS service";
    QTest::newRow("no region") << "https://api.example.com/" << "execute-api" << "" << ""
                               << "Cannot tell the AWS region";
}

void tst_RequestAuthorizer::scope()
{
    QFETCH(QString, url);
    QFETCH(QString, service);
    QFETCH(QString, region);
    QFETCH(QString, environmentRegion);
    QFETCH(QString, expected);
    QTemporaryDir home;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    if (!environmentRegion.isEmpty())
        env.insert(QStringLiteral("AWS_REGION"), environmentRegion);
    RequestAuth auth;
    auth.kind = AuthKind::AwsSigV4;
    auth.service = service;
    auth.region = region;
    const Result<SigningScope> scope = signingScopeFor(QUrl(url), auth, &env);
    const QString got = scope ? scope->service + QLatin1Char('/') + scope->region : scope.error().message;
    QVERIFY2(got.startsWith(expected), qPrintable(got));
}

void tst_RequestAuthorizer::typedKeysMatchBotocoreSuite()
{
    RequestAuthorizer authorizer;
    authorizer.setFixedTime(QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC));
    RequestAuth auth = serviceAuth();
    auth.source = AwsCredentialSource::AccessKeys;
    auth.accessKeyId = BotocoreKey;
    auth.secretAccessKey = BotocoreSecret;
    const Result<SignedRequest> signedRequest = authorizeAndWait(authorizer, vanillaRequest(), auth);
    QVERIFY2(signedRequest, qPrintable(signedRequest ? QString() : signedRequest.error().message));
    QCOMPARE(signedRequest->signature.canonicalRequest, vector("creq"));
    QCOMPARE(signedRequest->signature.stringToSign, vector("sts"));
    QCOMPARE(signedRequest->request.headers.value("Authorization"), vector("authz"));
    QCOMPARE(signedRequest->request.headers.value("X-Amz-Date"), QByteArray("20150830T123600Z"));
    QVERIFY(!signedRequest->request.headers.contains("Host")); // the client sets it, as signed
    QCOMPARE(signedRequest->accessKeyId, QByteArray("AKIDEXAMPLE"));
    QCOMPARE(signedRequest->credentialsSource, QStringLiteral("access keys entered by hand"));
}

void tst_RequestAuthorizer::profileFromSharedFiles()
{
    QTemporaryDir home;
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
    QFile credentials(home.filePath(QStringLiteral(".aws/credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write(QStringLiteral("[suite]\naws_access_key_id = %1\naws_secret_access_key = %2\n")
                          .arg(BotocoreKey, BotocoreSecret).toUtf8());
    credentials.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    RequestAuthorizer authorizer;
    authorizer.setEnvironment(env);
    authorizer.setFixedTime(QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC));
    RequestAuth auth = serviceAuth();
    auth.profile = QStringLiteral("suite");
    for (int round = 0; round < 2; ++round) { // the second time from the kept provider
        const Result<SignedRequest> signedRequest = authorizeAndWait(authorizer, vanillaRequest(), auth);
        QVERIFY2(signedRequest, qPrintable(signedRequest ? QString() : signedRequest.error().message));
        QCOMPARE(signedRequest->request.headers.value("Authorization"), vector("authz"));
        QVERIFY2(signedRequest->credentialsSource.contains(QLatin1String("suite")),
                 qPrintable(signedRequest->credentialsSource));
    }
}

void tst_RequestAuthorizer::errorsInWords_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("words");
    QTest::newRow("typed keys without secret") << int(AwsCredentialSource::AccessKeys) << QStringLiteral("AKID")
                                               << QStringLiteral("https://example.amazonaws.com/")
                                               << QStringLiteral("secret access key");
    QTest::newRow("unknown profile") << int(AwsCredentialSource::Profile) << QString()
                                     << QStringLiteral("https://example.amazonaws.com/") << QStringLiteral("nobody");
    QTest::newRow("no service for the host") << int(AwsCredentialSource::AccessKeys) << QStringLiteral("AKID")
                                             << QStringLiteral("https://api.example.com/")
                                             << QStringLiteral("which AWS service");
}

void tst_RequestAuthorizer::errorsInWords()
{
    QFETCH(int, source);
    QFETCH(QString, keyId);
    QFETCH(QString, url);
    QFETCH(QString, words);
    QTemporaryDir home;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    RequestAuthorizer authorizer;
    authorizer.setEnvironment(env);
    RequestAuth auth;
    auth.kind = AuthKind::AwsSigV4;
    auth.source = static_cast<AwsCredentialSource>(source);
    auth.profile = QStringLiteral("nobody");
    auth.accessKeyId = keyId;
    auth.region = QStringLiteral("us-east-1");
    if (!url.contains(QLatin1String("api.example.com")))
        auth.service = QStringLiteral("service");
    HttpClientRequest request = vanillaRequest();
    request.url = QUrl(url);
    const Result<SignedRequest> signedRequest = authorizeAndWait(authorizer, request, auth);
    QVERIFY(!signedRequest);
    QVERIFY2(signedRequest.error().message.contains(words), qPrintable(signedRequest.error().message));
}

QTEST_GUILESS_MAIN(tst_RequestAuthorizer)
#include "tst_requestauthorizer.moc"
