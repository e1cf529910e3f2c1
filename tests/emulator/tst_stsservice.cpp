// The emulator's STS: GetCallerIdentity and AssumeRole answered in process for requests our
// signer signs, and through the whole emulator for the real AWS CLI (a signer we did not write).
#include "core/aws/sigv4signer.h"
#include "core/emulator/awsauthenticator.h"
#include "core/emulator/emulator.h"
#include "core/emulator/stsservice.h"
#include "../common/awscli.h"

#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QXmlStreamReader>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

const QDateTime Now(QDate(2026, 1, 15), QTime(12, 0), QTimeZone::utc());
const QString Account = QStringLiteral("123456789012");

Core::Aws::Credentials keys(const QString &id, const QString &secret, const QString &token = {})
{
    Core::Aws::Credentials c;
    c.accessKeyId = id;
    c.secretAccessKey = secret;
    c.sessionToken = token;
    return c;
}

Core::HttpRequest stsRequest(const Core::Aws::Credentials &credentials, const QByteArray &form)
{
    Core::Aws::SigV4Request in;
    in.method = "POST";
    in.path = "/";
    in.headers.add("Host", "127.0.0.1:4577");
    in.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    in.payload = form;
    in.service = QStringLiteral("sts");
    in.region = QStringLiteral("us-east-1");
    in.time = Now;
    Core::Aws::SigV4Signer signer(credentials);
    const auto signature = signer.signHeaders(in);
    Core::HttpRequest out;
    out.method = in.method;
    out.path = in.path;
    out.headers = in.headers;
    out.body = in.payload;
    if (signature)
        Core::Aws::applySigV4Headers(out.headers, *signature);
    return out;
}

// "AssumeRoleResponse/AssumeRoleResult/Credentials/AccessKeyId" -> text; the root's namespace
// under "xmlns".
QHash<QString, QString> flatten(const QByteArray &xmlText)
{
    QXmlStreamReader xml(xmlText);
    QStringList path;
    QHash<QString, QString> values;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            path.append(xml.name().toString());
            if (path.size() == 1)
                values.insert(QStringLiteral("xmlns"), xml.namespaceUri().toString());
        } else if (xml.isCharacters() && !xml.isWhitespace()) {
            values.insert(path.join(QLatin1Char('/')), xml.text().toString());
        } else if (xml.isEndElement()) {
            path.removeLast();
        }
    }
    if (xml.hasError())
        values.insert(QStringLiteral("error"), xml.errorString());
    return values;
}

using Cli = GatehouseTest::AwsCli::Run;

} // namespace

class tst_StsService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void recognisesStsRequests_data();
    void recognisesStsRequests();
    void getCallerIdentityXml();
    void assumeRoleXml();
    void assumeRoleValidation_data();
    void assumeRoleValidation();
    void chainedAssumeRoleIsLimitedToOneHour();
    void unknownAction();
    void presignedGetCallerIdentity_data();
    void presignedGetCallerIdentity();
    void cliGetCallerIdentity();
    void cliWrongSecret();
    void cliUnknownKey();
    void cliAssumeRoleAndChain();

private:
    Cli aws(const Core::Aws::Credentials &credentials, const QStringList &arguments);

    std::unique_ptr<AwsAuthenticator> m_auth;
    std::unique_ptr<StsService> m_sts;
    std::unique_ptr<Emulator::Emulator> m_emulator;
};

void tst_StsService::initTestCase()
{
    m_auth = std::make_unique<AwsAuthenticator>(Account);
    m_sts = std::make_unique<StsService>(m_auth.get());
    Emulator::EmulatorOptions options;
    options.port = 0;
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
}

void tst_StsService::cleanupTestCase()
{
    m_emulator.reset();
}

void tst_StsService::recognisesStsRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("sts");

    const QByteArray form = "Action=GetCallerIdentity&Version=2011-06-15";
    const QByteArray signedSts = "AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/sts/"
                                 "aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
    QByteArray signedLambda = signedSts;
    signedLambda.replace("/sts/", "/lambda/");
    QTest::newRow("signed form") << QByteArray("POST") << QByteArray() << form << signedSts << true;
    QTest::newRow("unsigned form") << QByteArray("POST") << QByteArray() << form << QByteArray() << true;
    QTest::newRow("unsigned query") << QByteArray("GET") << form << QByteArray() << QByteArray() << true;
    QTest::newRow("other version") << QByteArray("POST") << QByteArray()
                                   << QByteArray("Action=GetCallerIdentity&Version=2010-05-08")
                                   << QByteArray() << false;
    QTest::newRow("signed for lambda") << QByteArray("POST") << QByteArray() << form << signedLambda
                                       << false;
    QTest::newRow("other path") << QByteArray("POST") << QByteArray() << form << signedSts << false;
    QTest::newRow("plain GET /") << QByteArray("GET") << QByteArray() << QByteArray() << QByteArray()
                                 << false;
}

void tst_StsService::recognisesStsRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, authorization);
    QFETCH(bool, sts);
    Core::HttpRequest r;
    r.method = method;
    r.path = QByteArray(QTest::currentDataTag()) == "other path" ? "/_aws/x" : "/";
    r.query = query;
    r.body = body;
    r.headers.add("Host", "127.0.0.1");
    if (!authorization.isEmpty()) {
        r.headers.add("X-Amz-Date", "20260115T120000Z");
        r.headers.add("Authorization", authorization);
    }
    QCOMPARE(StsService::isStsRequest(r), sts);
}

void tst_StsService::getCallerIdentityXml()
{
    const Core::HttpResponse r = m_sts->answer(
        stsRequest(keys(QStringLiteral("test"), QStringLiteral("test")),
                   "Action=GetCallerIdentity&Version=2011-06-15"),
        Now);
    QCOMPARE(r.status, 200);
    const auto v = flatten(r.body);
    QCOMPARE(v.value(QStringLiteral("xmlns")), QStringLiteral("https://sts.amazonaws.com/doc/2011-06-15/"));
    const QString result = QStringLiteral("GetCallerIdentityResponse/GetCallerIdentityResult/");
    QCOMPARE(v.value(result + QLatin1String("Arn")),
             QStringLiteral("arn:aws:iam::123456789012:user/gatehouse"));
    QCOMPARE(v.value(result + QLatin1String("Account")), Account);
    QVERIFY(v.value(result + QLatin1String("UserId")).startsWith(QLatin1String("AIDA")));
    QCOMPARE(v.value(QStringLiteral("GetCallerIdentityResponse/ResponseMetadata/RequestId")),
             QString::fromLatin1(r.headers.value("x-amzn-RequestId")));
}

void tst_StsService::assumeRoleXml()
{
    const Core::HttpResponse r = m_sts->answer(
        stsRequest(keys(QStringLiteral("test"), QStringLiteral("test")),
                   "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321"
                   "%3Arole%2Fteam%2Fbaker&RoleSessionName=night+shift%40oven&DurationSeconds=900"
                   "&ExternalId=ext-1"),
        Now);
    QCOMPARE(r.status, 400); // '+' is a space in a form body, and a space is not allowed
    const Core::HttpResponse ok = m_sts->answer(
        stsRequest(keys(QStringLiteral("test"), QStringLiteral("test")),
                   "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321"
                   "%3Arole%2Fteam%2Fbaker&RoleSessionName=night%2Bshift%40oven&DurationSeconds=900"),
        Now);
    QCOMPARE(ok.status, 200);
    const auto v = flatten(ok.body);
    const QString result = QStringLiteral("AssumeRoleResponse/AssumeRoleResult/");
    QCOMPARE(v.value(result + QLatin1String("AssumedRoleUser/Arn")),
             QStringLiteral("arn:aws:sts::210987654321:assumed-role/baker/night+shift@oven"));
    const QString roleId = v.value(result + QLatin1String("AssumedRoleUser/AssumedRoleId"));
    QVERIFY2(roleId.startsWith(QLatin1String("AROA")) && roleId.endsWith(QLatin1String(":night+shift@oven")),
             qPrintable(roleId));
    const QString keyId = v.value(result + QLatin1String("Credentials/AccessKeyId"));
    QVERIFY2(keyId.startsWith(QLatin1String("ASIA")) && keyId.size() == 20, qPrintable(keyId));
    QCOMPARE(v.value(result + QLatin1String("Credentials/SecretAccessKey")).size(), 40);
    QVERIFY(!v.value(result + QLatin1String("Credentials/SessionToken")).isEmpty());
    QCOMPARE(v.value(result + QLatin1String("Credentials/Expiration")),
             QStringLiteral("2026-01-15T12:15:00Z"));

    const AwsPrincipal *issued = m_auth->principal(keyId);
    QVERIFY(issued);
    QVERIFY(issued->assumedRole);
    QCOMPARE(issued->accountId, QStringLiteral("210987654321"));
    QCOMPARE(issued->userId, roleId);
}

void tst_StsService::assumeRoleValidation_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<QString>("message");
    const QByteArray base = "Action=AssumeRole&Version=2011-06-15";
    const QByteArray arn = "&RoleArn=arn:aws:iam::123456789012:role/baker";
    QTest::newRow("duration under 900")
        << base + arn + "&RoleSessionName=s1&DurationSeconds=100"
        << "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy "
           "constraint: Member must have value greater than or equal to 900";
    QTest::newRow("duration over 43200")
        << base + arn + "&RoleSessionName=s1&DurationSeconds=43201"
        << "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy "
           "constraint: Member must have value less than or equal to 43200";
    QTest::newRow("no role arn")
        << base + "&RoleSessionName=s1"
        << "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
           "Member must not be null";
    QTest::newRow("two problems")
        << base + arn + "&RoleSessionName=s&DurationSeconds=60"
        << "2 validation errors detected: Value 's' at 'roleSessionName' failed to satisfy "
           "constraint: Member must have length greater than or equal to 2; Value '60' at "
           "'durationSeconds' failed to satisfy constraint: Member must have value greater "
           "than or equal to 900";
    QTest::newRow("session name pattern")
        << base + arn + "&RoleSessionName=a%2Fb"
        << "1 validation error detected: Value 'a/b' at 'roleSessionName' failed to satisfy "
           "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*";
    QTest::newRow("not a role arn")
        << base + "&RoleArn=arn:aws:iam::123456789012:user/baker&RoleSessionName=s1"
        << "arn:aws:iam::123456789012:user/baker is invalid: a role ARN has the form "
           "arn:aws:iam::<account id>:role/<name>";
}

void tst_StsService::assumeRoleValidation()
{
    QFETCH(QByteArray, form);
    QFETCH(QString, message);
    const Core::HttpResponse r =
        m_sts->answer(stsRequest(keys(QStringLiteral("test"), QStringLiteral("test")), form), Now);
    QCOMPARE(r.status, 400);
    const auto v = flatten(r.body);
    QCOMPARE(v.value(QStringLiteral("ErrorResponse/Error/Type")), QStringLiteral("Sender"));
    QCOMPARE(v.value(QStringLiteral("ErrorResponse/Error/Code")), QStringLiteral("ValidationError"));
    QCOMPARE(v.value(QStringLiteral("ErrorResponse/Error/Message")), message);
}

void tst_StsService::chainedAssumeRoleIsLimitedToOneHour()
{
    const Core::HttpResponse first = m_sts->answer(
        stsRequest(keys(QStringLiteral("test"), QStringLiteral("test")),
                   "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/a"
                   "&RoleSessionName=one"),
        Now);
    const auto v = flatten(first.body);
    const QString c = QStringLiteral("AssumeRoleResponse/AssumeRoleResult/Credentials/");
    const Core::Aws::Credentials session =
        keys(v.value(c + QLatin1String("AccessKeyId")), v.value(c + QLatin1String("SecretAccessKey")),
             v.value(c + QLatin1String("SessionToken")));
    const QByteArray chain = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::"
                             "123456789012:role/b&RoleSessionName=two&DurationSeconds=";
    const Core::HttpResponse tooLong = m_sts->answer(stsRequest(session, chain + "3601"), Now);
    QCOMPARE(tooLong.status, 400);
    QCOMPARE(flatten(tooLong.body).value(QStringLiteral("ErrorResponse/Error/Message")),
             QStringLiteral("The requested DurationSeconds exceeds the 1 hour session limit for "
                            "roles assumed by role chaining."));
    const Core::HttpResponse ok = m_sts->answer(stsRequest(session, chain + "3600"), Now);
    QCOMPARE(ok.status, 200);
    QCOMPARE(flatten(ok.body).value(
                 QStringLiteral("AssumeRoleResponse/AssumeRoleResult/AssumedRoleUser/Arn")),
             QStringLiteral("arn:aws:sts::123456789012:assumed-role/b/two"));
}

void tst_StsService::unknownAction()
{
    const Core::HttpResponse r = m_sts->answer(
        stsRequest(keys(QStringLiteral("test"), QStringLiteral("test")),
                   "Action=GetSessionTokens&Version=2011-06-15"),
        Now);
    QCOMPARE(r.status, 400);
    const auto v = flatten(r.body);
    QCOMPARE(v.value(QStringLiteral("ErrorResponse/Error/Code")), QStringLiteral("InvalidAction"));
    QCOMPARE(v.value(QStringLiteral("ErrorResponse/Error/Message")),
             QStringLiteral("Could not find operation GetSessionTokens for version 2011-06-15"));
}

// A presigned GET, as EKS tokens and Vault's AWS auth use STS.
void tst_StsService::presignedGetCallerIdentity_data()
{
    QTest::addColumn<int>("ageSeconds");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("fresh") << 10 << 200 << "";
    QTest::newRow("past X-Amz-Expires") << 61 << 403 << "SignatureDoesNotMatch";
}

void tst_StsService::presignedGetCallerIdentity()
{
    QFETCH(int, ageSeconds);
    QFETCH(int, status);
    QFETCH(QString, code);
    Core::Aws::SigV4Request in;
    in.method = "GET";
    in.path = "/";
    in.query = "Action=GetCallerIdentity&Version=2011-06-15";
    in.headers.add("Host", "127.0.0.1:4577");
    in.service = QStringLiteral("sts");
    in.region = QStringLiteral("us-east-1");
    in.time = Now.addSecs(-ageSeconds);
    Core::Aws::SigV4Signer signer(keys(QStringLiteral("test"), QStringLiteral("test")));
    const auto signature = signer.presign(in, 60);
    QVERIFY(signature.ok());
    Core::HttpRequest r;
    r.method = in.method;
    r.path = in.path;
    r.query = signature->query;
    r.headers = in.headers;
    QVERIFY(StsService::isStsRequest(r));
    const Core::HttpResponse answer = m_sts->answer(r, Now);
    QCOMPARE(answer.status, status);
    const auto v = flatten(answer.body);
    if (code.isEmpty())
        QCOMPARE(v.value(QStringLiteral("GetCallerIdentityResponse/GetCallerIdentityResult/Arn")),
                 QStringLiteral("arn:aws:iam::123456789012:user/gatehouse"));
    else
        QCOMPARE(v.value(QStringLiteral("ErrorResponse/Error/Code")), code);
}

Cli tst_StsService::aws(const Core::Aws::Credentials &credentials, const QStringList &arguments)
{
    const GatehouseTest::AwsCli cli(m_emulator->info().baseUrl,
                                    {credentials.accessKeyId, credentials.secretAccessKey,
                                     credentials.sessionToken});
    return cli.run(arguments);
}

void tst_StsService::cliGetCallerIdentity()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Cli r = aws(keys(QStringLiteral("test"), QStringLiteral("test")),
                      {QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(QStringLiteral("Account")).toString(), Account);
    QCOMPARE(r.json().value(QStringLiteral("Arn")).toString(),
             QStringLiteral("arn:aws:iam::123456789012:user/gatehouse"));
}

void tst_StsService::cliWrongSecret()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Cli r = aws(keys(QStringLiteral("test"), QStringLiteral("not-the-secret")),
                      {QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
    QCOMPARE(r.exitCode, 254);
    QVERIFY2(r.err.contains("An error occurred (SignatureDoesNotMatch) when calling the "
                            "GetCallerIdentity operation"),
             r.err.constData());
    QVERIFY2(r.err.contains(": The request signature we calculated does not match the signature "
                            "you provided. Check your AWS Secret Access Key and signing method."),
             r.err.constData());
    QVERIFY2(r.err.contains("The Canonical String for this request should have been\n'POST\n/\n"),
             r.err.constData());
}

void tst_StsService::cliUnknownKey()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Cli r = aws(keys(QStringLiteral("AKIAUNKNOWN"), QStringLiteral("test")),
                      {QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
    QCOMPARE(r.exitCode, 254);
    QVERIFY2(r.err.contains("An error occurred (InvalidClientTokenId) when calling the "
                            "GetCallerIdentity operation"),
             r.err.constData());
    QVERIFY2(r.err.contains(": The security token included in the request is invalid."),
             r.err.constData());
}

// assume-role with test/test, then with those credentials (a chain), each checked with
// get-caller-identity.
void tst_StsService::cliAssumeRoleAndChain()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    Core::Aws::Credentials current = keys(QStringLiteral("test"), QStringLiteral("test"));
    const QStringList roles{QStringLiteral("baker"), QStringLiteral("oven")};
    for (const QString &role : roles) {
        const Cli assumed =
            aws(current, {QStringLiteral("sts"), QStringLiteral("assume-role"),
                          QStringLiteral("--role-arn"),
                          QStringLiteral("arn:aws:iam::123456789012:role/") + role,
                          QStringLiteral("--role-session-name"), role + QLatin1String("-session"),
                          QStringLiteral("--external-id"), QStringLiteral("lab-7")});
        QVERIFY2(assumed.exitCode == 0, assumed.err.constData());
        const QJsonObject c = assumed.json().value(QStringLiteral("Credentials")).toObject();
        current = keys(c.value(QStringLiteral("AccessKeyId")).toString(),
                       c.value(QStringLiteral("SecretAccessKey")).toString(),
                       c.value(QStringLiteral("SessionToken")).toString());
        QVERIFY(current.accessKeyId.startsWith(QLatin1String("ASIA")));
        const QDateTime expiration = QDateTime::fromString(
            c.value(QStringLiteral("Expiration")).toString(), Qt::ISODate);
        QVERIFY2(qAbs(QDateTime::currentDateTimeUtc().secsTo(expiration) - 3600) < 120,
                 qPrintable(c.value(QStringLiteral("Expiration")).toString()));
        const QString arn = QStringLiteral("arn:aws:sts::123456789012:assumed-role/%1/%1-session")
                                .arg(role);
        QCOMPARE(assumed.json()
                     .value(QStringLiteral("AssumedRoleUser"))
                     .toObject()
                     .value(QStringLiteral("Arn"))
                     .toString(),
                 arn);
        const Cli who = aws(current, {QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
        QVERIFY2(who.exitCode == 0, who.err.constData());
        QCOMPARE(who.json().value(QStringLiteral("Arn")).toString(), arn);
        QCOMPARE(who.json().value(QStringLiteral("Account")).toString(), Account);
    }
}

QTEST_GUILESS_MAIN(tst_StsService)
#include "tst_stsservice.moc"
