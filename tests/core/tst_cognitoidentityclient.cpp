// Identity pools: GetId and GetCredentialsForIdentity on the wire (JSON 1.1, unsigned, the
// user pool's ID token as a login), errors as Cognito words them, and the credential_process
// JSON read back by the real AWS CLI (aws configure export-credentials).
#include "fakeaws.h"

#include "../common/awscli.h"

#include "core/aws/cognitoidentityclient.h"
#include "core/httpclient.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

class TestCognitoIdentityClient : public QObject
{
    Q_OBJECT

private slots:
    void credentialsForAUserPoolLogin();
    void refusalInWords();
    void badPoolId();
    void awsCliReadsTheCredentialProcessJson();
};

void TestCognitoIdentityClient::credentialsForAUserPoolLogin()
{
    FakeAws server;
    server.answers = {
        FakeAws::response(200, "Content-Type: application/x-amz-json-1.1", "{\"IdentityId\":\"us-east-1:11111111-2222-3333-4444-555555555555\"}"),
        FakeAws::response(200, "Content-Type: application/x-amz-json-1.1",
                          "{\"IdentityId\":\"us-east-1:11111111-2222-3333-4444-555555555555\",\"Credentials\":{"
                          "\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretKey\":\"secret\",\"SessionToken\":\"token\","
                          "\"Expiration\":1.7955E9}}")};
    HttpClient http;
    CognitoIdentityClient client(&http, QStringLiteral("us-east-1"), server.url());
    const QString provider = CognitoIdentityClient::userPoolProvider(QStringLiteral("us-east-1"), QStringLiteral("us-east-1_Bakery"));
    QCOMPARE(provider, QStringLiteral("cognito-idp.us-east-1.amazonaws.com/us-east-1_Bakery"));
    std::optional<Result<Credentials>> result;
    client.credentials(QStringLiteral("us-east-1:pool-guid"), {{provider, QStringLiteral("eyJ.id.token")}}, this,
                       [&](const Result<Credentials> &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().message));
    QCOMPARE((*result)->accessKeyId, QStringLiteral("ASIAEXAMPLE"));
    QCOMPARE((*result)->sessionToken, QStringLiteral("token"));
    QCOMPARE((*result)->expiration, QDateTime::fromSecsSinceEpoch(1795500000, Qt::UTC));

    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests.at(0).headers.value("X-Amz-Target"), QByteArray("AWSCognitoIdentityService.GetId"));
    QCOMPARE(server.requests.at(0).headers.value("Content-Type"), QByteArray("application/x-amz-json-1.1"));
    QVERIFY(!server.requests.at(0).headers.contains("Authorization")); // unsigned, as on AWS
    const QJsonObject getId = QJsonDocument::fromJson(server.requests.at(0).body).object();
    QCOMPARE(getId.value(QStringLiteral("IdentityPoolId")).toString(), QStringLiteral("us-east-1:pool-guid"));
    QCOMPARE(getId.value(QStringLiteral("Logins")).toObject().value(provider).toString(), QStringLiteral("eyJ.id.token"));
    QCOMPARE(server.requests.at(1).headers.value("X-Amz-Target"), QByteArray("AWSCognitoIdentityService.GetCredentialsForIdentity"));
    QCOMPARE(QJsonDocument::fromJson(server.requests.at(1).body).object().value(QStringLiteral("IdentityId")).toString(),
             QStringLiteral("us-east-1:11111111-2222-3333-4444-555555555555"));
}

void TestCognitoIdentityClient::refusalInWords()
{
    FakeAws server;
    server.answer = FakeAws::response(400, "Content-Type: application/x-amz-json-1.1",
                                      "{\"__type\":\"NotAuthorizedException\",\"message\":\"Invalid login token. Token expired.\"}");
    HttpClient http;
    CognitoIdentityClient client(&http, QStringLiteral("us-east-1"), server.url());
    std::optional<Result<Credentials>> result;
    client.credentials(QStringLiteral("us-east-1:pool"), {}, this, [&](const Result<Credentials> &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error().awsCode, QStringLiteral("NotAuthorizedException"));
    QVERIFY2(result->error().message.startsWith(QStringLiteral("Cognito identity GetId failed: NotAuthorizedException")),
             qPrintable(result->error().message));
}

void TestCognitoIdentityClient::badPoolId()
{
    HttpClient http;
    CognitoIdentityClient client(&http, QStringLiteral("us-east-1"));
    std::optional<Result<QString>> result;
    client.getId(QStringLiteral("us-east-1_UserPool"), {}, this, [&](const Result<QString> &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->error().message.contains(QStringLiteral("is not an identity pool id")));
}

void TestCognitoIdentityClient::awsCliReadsTheCredentialProcessJson()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/aws")).isExecutable())
        QSKIP("Debian's awscli (v2) is not installed at /usr/bin/aws (packaging/dev installs it)");
    Credentials credentials;
    credentials.accessKeyId = QStringLiteral("ASIAFROMPOOL");
    credentials.secretAccessKey = QStringLiteral("pool-secret");
    credentials.sessionToken = QStringLiteral("pool-token");
    credentials.expiration = QDateTime::currentDateTimeUtc().addSecs(3600);
    QTemporaryDir dir;
    QFile json(dir.filePath(QStringLiteral("creds.json")));
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write(CognitoIdentityClient::credentialProcessJson(credentials));
    json.close();
    const GatehouseTest::AwsCli::Run aws =
        GatehouseTest::AwsCli::exportCredentials("[profile pool]\ncredential_process = cat " + json.fileName().toUtf8() + "\n",
                                                 QStringLiteral("pool"));
    QVERIFY2(aws.exitCode == 0, aws.err.constData());
    const QJsonObject read = aws.json();
    QCOMPARE(read.value(QStringLiteral("AccessKeyId")).toString(), QStringLiteral("ASIAFROMPOOL"));
    QCOMPARE(read.value(QStringLiteral("SessionToken")).toString(), QStringLiteral("pool-token"));
}

QTEST_GUILESS_MAIN(TestCognitoIdentityClient)
#include "tst_cognitoidentityclient.moc"
