// Cognito identity pools in the emulator, the course's flow offline: the real AWS CLI signs in
// to the bakery's user pool, trades the ID token for an IdentityId and temporary credentials
// (GetId, GetCredentialsForIdentity), and `aws sts get-caller-identity` signed with them
// answers the role's assumed-role ARN; the same through `gatehouse cognito credentials` as a
// credential_process. Refusals in Cognito's words (tampered, expired, another client, an
// access token, no logins), guests where a pool allows them, and the template reader's checks.
#include "../common/emulatorlab.h"
#include "../common/awscli.h"
#include "../common/gatehouseprocess.h"
#include "core/emulator/awsauthenticator.h"
#include "core/emulator/cognitoidentitypoolreader.h"
#include "core/emulator/cognitoidentityservice.h"
#include "core/emulator/cognitoidpservice.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

const QString Baker = QStringLiteral("baker@example.com");
const QString BakerPassword = QStringLiteral("Sourdough-2024");
const QString Visitor = QStringLiteral("visitor@example.com");
const QString VisitorPassword = QStringLiteral("Visiting-2024");
const QString Account = QStringLiteral("123456789012");

struct Tokens
{
    QString id;
    QString access;
};

struct Answer
{
    int status = 0;
    QJsonObject json;
    QString type() const { return json.value(QStringLiteral("__type")).toString(); }
    QString message() const { return json.value(QStringLiteral("message")).toString(); }
};

QJsonObject payloadOf(const QString &token)
{
    const QByteArray segment = token.section(QLatin1Char('.'), 1, 1).toLatin1();
    return QJsonDocument::fromJson(QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding))
        .object();
}

// One byte of the payload changed: same header and signature, different claims.
QString tampered(const QString &token)
{
    QString out = token;
    const qsizetype at = token.indexOf(QLatin1Char('.')) + 6;
    out[at] = out.at(at) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    return out;
}

QString provider(const QString &poolId)
{
    return QStringLiteral("cognito-idp.us-east-1.amazonaws.com/") + poolId;
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class tst_CognitoIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void templateReadsTheIdentityPool();
    void templateErrors();

    void awsCliGetsCredentialsForTheBaker();
    void sameUserSameIdentity();
    void credentialsAnswerAsJson11();
    void gatehouseCliAsCredentialProcess();
    void describeAndListNeedSigV4();

    void getIdRefusals_data();
    void getIdRefusals();
    void awsCliShowsTheRefusal();
    void credentialsRefusals();
    void identityRecognisedFromItsLogins();
    void openIdTokenForTheIdentity();
    void tokensExpireWithTheServiceClock();

    void guestsWhereThePoolAllowsThem();
    void anotherClientOfThePool();

private:
    std::unique_ptr<Emulator::Emulator> start(const QString &labDirectory);
    Tokens signIn(Emulator::Emulator &emulator, const QString &clientId, const QString &user,
                  const QString &password);
    Answer call(Emulator::Emulator &emulator, const char *operation, const QJsonObject &body);
    GatehouseTest::AwsCli::Run awsWithConfig(const QByteArray &config,
                                             const QStringList &arguments);
    // The bakery's token signed again by the emulator's key with some claims changed.
    QString resigned(const QJsonObject &changes);

    const CognitoIdentityPoolConfig &bakeryPool() const
    {
        return m_bakery->lab().identityPools.at(0);
    }
    QString bakeryUserPool() const { return m_bakery->lab().userPools.at(0).poolId; }

    std::unique_ptr<Emulator::Emulator> m_bakery;
    std::unique_ptr<Emulator::Emulator> m_guests;
    Tokens m_baker;
    QNetworkAccessManager m_network;
};

std::unique_ptr<Emulator::Emulator> tst_CognitoIdentity::start(const QString &labDirectory)
{
    return Test::startLab(labDirectory);
}

Tokens tst_CognitoIdentity::signIn(Emulator::Emulator &emulator, const QString &clientId,
                                   const QString &user, const QString &password)
{
    GatehouseTest::AwsCli cli(emulator.info().baseUrl);
    const QJsonObject parameters{{QStringLiteral("USERNAME"), user},
                                 {QStringLiteral("PASSWORD"), password}};
    const GatehouseTest::AwsCli::Run run =
        cli.run({QStringLiteral("cognito-idp"), QStringLiteral("initiate-auth"),
                 QStringLiteral("--auth-flow"), QStringLiteral("USER_PASSWORD_AUTH"),
                 QStringLiteral("--client-id"), clientId, QStringLiteral("--auth-parameters"),
                 json(parameters)});
    if (run.exitCode != 0)
        qWarning("aws cognito-idp initiate-auth: %s", run.err.constData());
    const QJsonObject result = run.json().value(QStringLiteral("AuthenticationResult")).toObject();
    return {result.value(QStringLiteral("IdToken")).toString(),
            result.value(QStringLiteral("AccessToken")).toString()};
}

// An unsigned JSON 1.1 call, as browsers and the SDKs make GetId and GetCredentialsForIdentity.
Answer tst_CognitoIdentity::call(Emulator::Emulator &emulator, const char *operation,
                                 const QJsonObject &body)
{
    QNetworkRequest request{QUrl(emulator.info().baseUrl + QLatin1Char('/'))};
    request.setRawHeader("X-Amz-Target", QByteArray("AWSCognitoIdentityService.") + operation);
    request.setRawHeader("Content-Type", "application/x-amz-json-1.1");
    QNetworkReply *reply =
        m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    Answer out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}

// The AWS CLI with `config` as its whole ~/.aws/config and no keys in the environment.
GatehouseTest::AwsCli::Run tst_CognitoIdentity::awsWithConfig(const QByteArray &config,
                                                              const QStringList &arguments)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("config")));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(config);
    file.close();
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        if (name.startsWith(QLatin1String("AWS_")))
            env.remove(name);
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), file.fileName());
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), dir.filePath(QStringLiteral("none")));
    env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    env.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
    env.insert(QStringLiteral("AWS_PAGER"), QString());
    process.setProcessEnvironment(env);
    process.start(GatehouseTest::AwsCli::path(), arguments);
    return GatehouseTest::AwsCli::finish(process);
}

QString tst_CognitoIdentity::resigned(const QJsonObject &changes)
{
    QJsonObject claims = payloadOf(m_baker.id);
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it)
        claims.insert(it.key(), it.value());
    return m_bakery->cognito()->tokens().sign(claims);
}

void tst_CognitoIdentity::initTestCase()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    m_bakery = start(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(m_bakery);
    m_guests = start(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/cognito-identity"));
    QVERIFY(m_guests);
    QCOMPARE(m_bakery->lab().identityPools.size(), 1);
    m_baker = signIn(*m_bakery, m_bakery->lab().userPools.at(0).clients.at(0).clientId, Baker,
                     BakerPassword);
    QVERIFY(!m_baker.id.isEmpty() && !m_baker.access.isEmpty());
}

void tst_CognitoIdentity::cleanupTestCase()
{
    m_bakery.reset();
    m_guests.reset();
}

void tst_CognitoIdentity::templateReadsTheIdentityPool()
{
    const CognitoIdentityPoolConfig &pool = bakeryPool();
    static const QRegularExpression idPattern(
        QStringLiteral("^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    QVERIFY2(idPattern.match(pool.identityPoolId).hasMatch(), qPrintable(pool.identityPoolId));
    // Stable per lab and logical id, so a lab's ids stay the same between runs.
    QCOMPARE(pool.identityPoolId, CognitoIdentityPoolReader::identityPoolIdFor(
                                      QStringLiteral("us-east-1"), QStringLiteral("bakery"),
                                      QStringLiteral("BakeryIdentityPool")));
    QVERIFY(pool.identityPoolId != CognitoIdentityPoolReader::identityPoolIdFor(
                                       QStringLiteral("us-east-1"), QStringLiteral("other"),
                                       QStringLiteral("BakeryIdentityPool")));
    QCOMPARE(pool.poolName, QStringLiteral("bakery_customers"));
    QVERIFY(!pool.allowUnauthenticated);
    QCOMPARE(pool.providers.size(), 1);
    QCOMPARE(pool.providers.at(0).providerName, provider(bakeryUserPool()));
    QCOMPARE(pool.providers.at(0).clientId, m_bakery->lab().userPools.at(0).clients.at(0).clientId);
    QCOMPARE(pool.authenticatedRoleArn,
             QStringLiteral("arn:aws:iam::123456789012:role/") +
                 CognitoIdentityPoolReader::roleNameFor(QStringLiteral("bakery"),
                                                        QStringLiteral("BakeryCustomerRole")));
    QVERIFY(pool.unauthenticatedRoleArn.isEmpty());
    // The emulator describes it for the GUI and the CLI.
    QCOMPARE(m_bakery->info().identityPools.size(), 1);
    QCOMPARE(m_bakery->info().identityPools.at(0).identityPoolId, pool.identityPoolId);

    const CognitoIdentityPoolConfig &guests = m_guests->lab().identityPools.at(0);
    QVERIFY(guests.allowUnauthenticated);
    QCOMPARE(guests.poolName, QStringLiteral("guests and members"));
    QCOMPARE(guests.authenticatedRoleArn,
             QStringLiteral("arn:aws:iam::123456789012:role/cognito/members"));
    QVERIFY(guests.unauthenticatedRoleArn.startsWith(
        QStringLiteral("arn:aws:iam::123456789012:role/cognito-identity-GuestRole-")));
}

void tst_CognitoIdentity::templateErrors()
{
    const LabDefinition lab =
        LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/cognito-identity-errors"));
    QVERIFY(lab.hasErrors());
    QStringList errors;
    for (const LabDiagnostic &d : lab.diagnostics)
        if (d.severity == LabDiagnostic::Severity::Error)
            errors.append(d.field + QStringLiteral(": ") + d.message);
    const QString all = errors.join(QLatin1Char('\n'));
    const QStringList expected{
        QStringLiteral("Resources.Foreign.Properties.AllowUnauthenticatedIdentities: missing "
                       "AllowUnauthenticatedIdentities"),
        QStringLiteral("Resources.Foreign.Properties.CognitoIdentityProviders[0].ProviderName: "
                       "cognito-idp.us-east-1.amazonaws.com/us-east-1_Elsewhere is not a user pool "
                       "of this template"),
        QStringLiteral("Resources.Foreign.Properties.CognitoIdentityProviders[1].ClientId: "
                       "someoneelsesclient is not an app client of Pool"),
        QStringLiteral("Resources.Roles.Properties.Roles.authenticated: "
                       "arn:aws:iam::123456789012:user/alice is not a role ARN"),
        QStringLiteral("Resources.Roles.Properties.Roles.authenticatd: a role is authenticated or "
                       "unauthenticated; did you mean authenticated?"),
    };
    for (const QString &e : expected)
        QVERIFY2(all.contains(e), qPrintable(QStringLiteral("missing «%1» in:\n%2").arg(e, all)));
    QCOMPARE(errors.size(), expected.size());
}

void tst_CognitoIdentity::awsCliGetsCredentialsForTheBaker()
{
    GatehouseTest::AwsCli cli(m_bakery->info().baseUrl);
    const QString login = provider(bakeryUserPool()) + QLatin1Char('=') + m_baker.id;
    const GatehouseTest::AwsCli::Run getId =
        cli.run({QStringLiteral("cognito-identity"), QStringLiteral("get-id"),
                 QStringLiteral("--identity-pool-id"), bakeryPool().identityPoolId,
                 QStringLiteral("--logins"), login});
    QVERIFY2(getId.exitCode == 0, getId.err.constData());
    const QString identityId = getId.json().value(QStringLiteral("IdentityId")).toString();
    QVERIFY2(identityId.startsWith(QStringLiteral("us-east-1:")), getId.out.constData());

    const GatehouseTest::AwsCli::Run credentials =
        cli.run({QStringLiteral("cognito-identity"), QStringLiteral("get-credentials-for-identity"),
                 QStringLiteral("--identity-id"), identityId, QStringLiteral("--logins"), login});
    QVERIFY2(credentials.exitCode == 0, credentials.err.constData());
    QCOMPARE(credentials.json().value(QStringLiteral("IdentityId")).toString(), identityId);
    const QJsonObject keys = credentials.json().value(QStringLiteral("Credentials")).toObject();
    QVERIFY(
        keys.value(QStringLiteral("AccessKeyId")).toString().startsWith(QStringLiteral("ASIA")));
    QVERIFY(!keys.value(QStringLiteral("SecretKey")).toString().isEmpty());
    QVERIFY(!keys.value(QStringLiteral("SessionToken")).toString().isEmpty());
    QVERIFY(!keys.value(QStringLiteral("Expiration"))
                 .toString()
                 .isEmpty()); // the CLI read the number as a time

    GatehouseTest::AwsCli signedCli(m_bakery->info().baseUrl,
                                    {keys.value(QStringLiteral("AccessKeyId")).toString(),
                                     keys.value(QStringLiteral("SecretKey")).toString(),
                                     keys.value(QStringLiteral("SessionToken")).toString()});
    const GatehouseTest::AwsCli::Run who =
        signedCli.run({QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
    QVERIFY2(who.exitCode == 0, who.err.constData());
    const QString roleName = bakeryPool().authenticatedRoleArn.section(QLatin1Char('/'), -1);
    QCOMPARE(who.json().value(QStringLiteral("Arn")).toString(),
             QStringLiteral("arn:aws:sts::%1:assumed-role/%2/CognitoIdentityCredentials")
                 .arg(Account, roleName));
    QCOMPARE(who.json().value(QStringLiteral("Account")).toString(), Account);
    QVERIFY(who.json()
                .value(QStringLiteral("UserId"))
                .toString()
                .endsWith(QStringLiteral(":CognitoIdentityCredentials")));
}

void tst_CognitoIdentity::sameUserSameIdentity()
{
    const QJsonObject first{
        {QStringLiteral("IdentityPoolId"), bakeryPool().identityPoolId},
        {QStringLiteral("Logins"), QJsonObject{{provider(bakeryUserPool()), m_baker.id}}}};
    const Answer a = call(*m_bakery, "GetId", first);
    QCOMPARE(a.status, 200);
    // A new sign-in is a new token for the same sub.
    const Tokens again = signIn(*m_bakery, m_bakery->lab().userPools.at(0).clients.at(0).clientId,
                                Baker, BakerPassword);
    QVERIFY(again.id != m_baker.id);
    QCOMPARE(payloadOf(again.id).value(QStringLiteral("sub")),
             payloadOf(m_baker.id).value(QStringLiteral("sub")));
    const QJsonObject second{
        {QStringLiteral("IdentityPoolId"), bakeryPool().identityPoolId},
        {QStringLiteral("Logins"), QJsonObject{{provider(bakeryUserPool()), again.id}}}};
    const Answer b = call(*m_bakery, "GetId", second);
    QCOMPARE(b.status, 200);
    QCOMPARE(b.json.value(QStringLiteral("IdentityId")),
             a.json.value(QStringLiteral("IdentityId")));
    // The id derives from pool, provider and sub, not from the token.
    QCOMPARE(a.json.value(QStringLiteral("IdentityId")).toString(),
             CognitoIdentityService::identityIdFor(
                 bakeryPool().identityPoolId, provider(bakeryUserPool()),
                 payloadOf(m_baker.id).value(QStringLiteral("sub")).toString()));
}

void tst_CognitoIdentity::credentialsAnswerAsJson11()
{
    const QJsonObject logins{{provider(bakeryUserPool()), m_baker.id}};
    const Answer id = call(*m_bakery, "GetId",
                           {{QStringLiteral("IdentityPoolId"), bakeryPool().identityPoolId},
                            {QStringLiteral("Logins"), logins}});
    const Answer answer =
        call(*m_bakery, "GetCredentialsForIdentity",
             {{QStringLiteral("IdentityId"), id.json.value(QStringLiteral("IdentityId"))},
              {QStringLiteral("Logins"), logins}});
    QCOMPARE(answer.status, 200);
    const QJsonValue expiration = answer.json.value(QStringLiteral("Credentials"))
                                      .toObject()
                                      .value(QStringLiteral("Expiration"));
    QVERIFY(expiration.isDouble()); // epoch seconds, a JSON number
    const qint64 inOneHour = QDateTime::currentSecsSinceEpoch() + 3600;
    QVERIFY(qAbs(qint64(expiration.toDouble()) - inOneHour) < 60);
}

void tst_CognitoIdentity::gatehouseCliAsCredentialProcess()
{
    const QString base = m_bakery->info().baseUrl;
    const QStringList arguments{QStringLiteral("cognito"),         QStringLiteral("credentials"),
                                QStringLiteral("--identity-pool"), bakeryPool().identityPoolId,
                                QStringLiteral("--user-pool"),     bakeryUserPool(),
                                QStringLiteral("--id-token"),      QStringLiteral("-"),
                                QStringLiteral("--endpoint-url"),  base};
    const GatehouseTest::GatehouseRun run =
        GatehouseTest::runGatehouse(arguments, m_baker.id.toUtf8());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject printed = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(printed.value(QStringLiteral("Version")).toInt(), 1);
    QVERIFY(
        printed.value(QStringLiteral("AccessKeyId")).toString().startsWith(QStringLiteral("ASIA")));

    // The AWS CLI runs gatehouse itself as the profile's credential_process and signs with it.
    QTemporaryDir dir;
    QFile token(dir.filePath(QStringLiteral("id-token")));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write(m_baker.id.toUtf8());
    token.close();
    const QString command = QStringLiteral("exec '%1' %2 < '%3'")
                                .arg(QStringLiteral(GATEHOUSE_EXECUTABLE),
                                     arguments.join(QLatin1Char(' ')), token.fileName());
    const QByteArray config =
        "[profile pool]\nregion = us-east-1\noutput = json\ncredential_process = /bin/sh -c \"" +
        command.toUtf8() + "\"\n";
    const GatehouseTest::AwsCli::Run who = awsWithConfig(
        config, {QStringLiteral("--profile"), QStringLiteral("pool"), QStringLiteral("sts"),
                 QStringLiteral("get-caller-identity"), QStringLiteral("--endpoint-url"), base});
    QVERIFY2(who.exitCode == 0, who.err.constData());
    QCOMPARE(who.json().value(QStringLiteral("Arn")).toString(),
             QStringLiteral("arn:aws:sts::%1:assumed-role/%2/CognitoIdentityCredentials")
                 .arg(Account, bakeryPool().authenticatedRoleArn.section(QLatin1Char('/'), -1)));
}

void tst_CognitoIdentity::describeAndListNeedSigV4()
{
    GatehouseTest::AwsCli cli(m_bakery->info().baseUrl);
    const GatehouseTest::AwsCli::Run described =
        cli.run({QStringLiteral("cognito-identity"), QStringLiteral("describe-identity-pool"),
                 QStringLiteral("--identity-pool-id"), bakeryPool().identityPoolId});
    QVERIFY2(described.exitCode == 0, described.err.constData());
    QCOMPARE(described.json().value(QStringLiteral("IdentityPoolName")).toString(),
             QStringLiteral("bakery_customers"));
    QCOMPARE(described.json().value(QStringLiteral("AllowUnauthenticatedIdentities")).toBool(),
             false);
    const QJsonObject providerEntry = described.json()
                                          .value(QStringLiteral("CognitoIdentityProviders"))
                                          .toArray()
                                          .at(0)
                                          .toObject();
    QCOMPARE(providerEntry.value(QStringLiteral("ProviderName")).toString(),
             provider(bakeryUserPool()));

    const GatehouseTest::AwsCli::Run listed =
        cli.run({QStringLiteral("cognito-identity"), QStringLiteral("list-identity-pools"),
                 QStringLiteral("--max-results"), QStringLiteral("10")});
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    const QJsonArray pools = listed.json().value(QStringLiteral("IdentityPools")).toArray();
    QCOMPARE(pools.size(), 1);
    QCOMPARE(pools.at(0).toObject().value(QStringLiteral("IdentityPoolId")).toString(),
             bakeryPool().identityPoolId);

    const GatehouseTest::AwsCli::Run roles =
        cli.run({QStringLiteral("cognito-identity"), QStringLiteral("get-identity-pool-roles"),
                 QStringLiteral("--identity-pool-id"), bakeryPool().identityPoolId});
    QVERIFY2(roles.exitCode == 0, roles.err.constData());
    QCOMPARE(roles.json()
                 .value(QStringLiteral("Roles"))
                 .toObject()
                 .value(QStringLiteral("authenticated"))
                 .toString(),
             bakeryPool().authenticatedRoleArn);

    // Unsigned, as AWS refuses it.
    const Answer unsignedCall =
        call(*m_bakery, "DescribeIdentityPool",
             {{QStringLiteral("IdentityPoolId"), bakeryPool().identityPoolId}});
    QCOMPARE(unsignedCall.status, 403);
    QCOMPARE(unsignedCall.type(), QStringLiteral("MissingAuthenticationTokenException"));
}

void tst_CognitoIdentity::getIdRefusals_data()
{
    QTest::addColumn<QString>("pool");
    QTest::addColumn<QString>("loginProvider"); // empty: no Logins
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");

    const QString pool = bakeryPool().identityPoolId;
    const QString idp = provider(bakeryUserPool());
    const QString notAuthorized = QStringLiteral("NotAuthorizedException");
    QTest::newRow("tampered token")
        << pool << idp << tampered(m_baker.id) << notAuthorized
        << QStringLiteral("Invalid login token. Couldn't verify signed token.");
    QTest::newRow("not a JWT")
        << pool << idp << QStringLiteral("not-a-token") << notAuthorized
        << QStringLiteral("Invalid login token. Not a valid OpenId Connect identity token.");
    QTest::newRow("token for another client")
        << pool << idp
        << resigned({{QStringLiteral("aud"), QStringLiteral("anotherclientofthepool0000")}})
        << notAuthorized
        << QStringLiteral("Token is not from a supported provider of this identity pool.");
    QTest::newRow("access token") << pool << idp << m_baker.access << notAuthorized
                                  << QStringLiteral(
                                         "Invalid login token. Missing a required claim: aud");
    const qint64 past = QDateTime::currentSecsSinceEpoch() - 60;
    QTest::newRow("expired token")
        << pool << idp << resigned({{QStringLiteral("exp"), past}}) << notAuthorized
        << QStringLiteral("Invalid login token. Token expired: ");
    QTest::newRow("another issuer")
        << pool << idp
        << resigned({{QStringLiteral("iss"), QStringLiteral("https://login.example.com")}})
        << notAuthorized
        << QStringLiteral("Invalid login token. Issuer doesn't match providerName");
    QTest::newRow("provider not of the pool")
        << pool << provider(QStringLiteral("us-east-1_Elsewhere")) << m_baker.id << notAuthorized
        << QStringLiteral("Token is not from a supported provider of this identity pool.");
    QTest::newRow("no logins")
        << pool << QString() << QString() << notAuthorized
        << QStringLiteral("Unauthenticated access is not supported for this identity pool.");
    QTest::newRow("unknown pool")
        << QStringLiteral("us-east-1:00000000-0000-0000-0000-000000000000") << idp << m_baker.id
        << QStringLiteral("ResourceNotFoundException")
        << QStringLiteral(
               "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.");
    QTest::newRow("user pool id as identity pool id")
        << bakeryUserPool() << idp << m_baker.id << QStringLiteral("InvalidParameterException")
        << QStringLiteral("1 validation error detected: Value '%1' at 'identityPoolId' failed to "
                          "satisfy constraint: "
                          "Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+")
               .arg(bakeryUserPool());
}

void tst_CognitoIdentity::getIdRefusals()
{
    QFETCH(QString, pool);
    QFETCH(QString, loginProvider);
    QFETCH(QString, token);
    QFETCH(QString, type);
    QFETCH(QString, message);
    QJsonObject body{{QStringLiteral("IdentityPoolId"), pool}};
    if (!loginProvider.isEmpty())
        body.insert(QStringLiteral("Logins"), QJsonObject{{loginProvider, token}});
    const Answer answer = call(*m_bakery, "GetId", body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.type(), type);
    QVERIFY2(answer.message().startsWith(message), qPrintable(answer.message()));
}

void tst_CognitoIdentity::awsCliShowsTheRefusal()
{
    GatehouseTest::AwsCli cli(m_bakery->info().baseUrl);
    const GatehouseTest::AwsCli::Run run =
        cli.run({QStringLiteral("cognito-identity"), QStringLiteral("get-id"),
                 QStringLiteral("--identity-pool-id"), bakeryPool().identityPoolId,
                 QStringLiteral("--logins"),
                 provider(bakeryUserPool()) + QLatin1Char('=') + tampered(m_baker.id)});
    QVERIFY(run.exitCode != 0);
    // "(reached max retries: 0)" may stand between: the tests' CLI makes one attempt.
    QVERIFY2(run.err.contains("(NotAuthorizedException) when calling the GetId operation"),
             run.err.constData());
    QVERIFY2(run.err.contains("Invalid login token. Couldn't verify signed token."),
             run.err.constData());
}

void tst_CognitoIdentity::credentialsRefusals()
{
    const QJsonObject logins{{provider(bakeryUserPool()), m_baker.id}};
    const QString identityId =
        call(*m_bakery, "GetId",
             {{QStringLiteral("IdentityPoolId"), bakeryPool().identityPoolId},
              {QStringLiteral("Logins"), logins}})
            .json.value(QStringLiteral("IdentityId"))
            .toString();
    QVERIFY(!identityId.isEmpty());

    const Answer withoutLogins =
        call(*m_bakery, "GetCredentialsForIdentity", {{QStringLiteral("IdentityId"), identityId}});
    QCOMPARE(withoutLogins.type(), QStringLiteral("NotAuthorizedException"));
    QVERIFY2(withoutLogins.message().startsWith(QStringLiteral("Logins don't match.")),
             qPrintable(withoutLogins.message()));

    const Answer tamperedLogin =
        call(*m_bakery, "GetCredentialsForIdentity",
             {{QStringLiteral("IdentityId"), identityId},
              {QStringLiteral("Logins"),
               QJsonObject{{provider(bakeryUserPool()), tampered(m_baker.id)}}}});
    QCOMPARE(tamperedLogin.message(),
             QStringLiteral("Invalid login token. Couldn't verify signed token."));

    const QString stranger = QStringLiteral("us-east-1:11111111-2222-3333-4444-555555555555");
    const Answer unknown =
        call(*m_bakery, "GetCredentialsForIdentity", {{QStringLiteral("IdentityId"), stranger}});
    QCOMPARE(unknown.type(), QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(unknown.message(), QStringLiteral("Identity '%1' not found.").arg(stranger));
}

namespace {

Core::HttpResponse answerInProcess(CognitoIdentityService &service, const char *operation,
                                   const QJsonObject &body)
{
    Core::HttpRequest request;
    request.method = "POST";
    request.path = "/";
    request.target = "/";
    request.headers.add("X-Amz-Target", QByteArray("AWSCognitoIdentityService.") + operation);
    request.headers.add("Content-Type", "application/x-amz-json-1.1");
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return service.answer(request);
}

} // namespace

void tst_CognitoIdentity::openIdTokenForTheIdentity()
{
    const QJsonObject logins{{provider(bakeryUserPool()), m_baker.id}};
    const QString identityId =
        call(*m_bakery, "GetId",
             {{QStringLiteral("IdentityPoolId"), bakeryPool().identityPoolId},
              {QStringLiteral("Logins"), logins}})
            .json.value(QStringLiteral("IdentityId"))
            .toString();
    const Answer answer =
        call(*m_bakery, "GetOpenIdToken",
             {{QStringLiteral("IdentityId"), identityId}, {QStringLiteral("Logins"), logins}});
    QCOMPARE(answer.status, 200);
    const QString token = answer.json.value(QStringLiteral("Token")).toString();
    const std::optional<QJsonObject> claims = m_bakery->cognito()->tokens().verify(token);
    QVERIFY(claims);
    QCOMPARE(claims->value(QStringLiteral("iss")).toString(),
             QStringLiteral("https://cognito-identity.amazonaws.com"));
    QCOMPARE(claims->value(QStringLiteral("sub")).toString(), identityId);
    QCOMPARE(claims->value(QStringLiteral("aud")).toString(), bakeryPool().identityPoolId);
    QCOMPARE(claims->value(QStringLiteral("amr")).toArray().at(0).toString(),
             QStringLiteral("authenticated"));
    const Answer withoutLogins =
        call(*m_bakery, "GetOpenIdToken", {{QStringLiteral("IdentityId"), identityId}});
    QCOMPARE(withoutLogins.type(), QStringLiteral("NotAuthorizedException"));
}

// A service that never gave the id out (as Amplify may cache one) still knows whose it is.
void tst_CognitoIdentity::identityRecognisedFromItsLogins()
{
    CognitoIdentityService fresh(m_bakery->authenticator(), m_bakery->cognito(),
                                 m_bakery->lab().identityPools);
    const QString sub = payloadOf(m_baker.id).value(QStringLiteral("sub")).toString();
    const QString identityId = CognitoIdentityService::identityIdFor(
        bakeryPool().identityPoolId, provider(bakeryUserPool()), sub);
    const Core::HttpResponse response = answerInProcess(
        fresh, "GetCredentialsForIdentity",
        {{QStringLiteral("IdentityId"), identityId},
         {QStringLiteral("Logins"), QJsonObject{{provider(bakeryUserPool()), m_baker.id}}}});
    QCOMPARE(response.status, 200);
    QCOMPARE(QJsonDocument::fromJson(response.body)
                 .object()
                 .value(QStringLiteral("IdentityId"))
                 .toString(),
             identityId);
}

void tst_CognitoIdentity::tokensExpireWithTheServiceClock()
{
    CognitoIdentityService service(m_bakery->authenticator(), m_bakery->cognito(),
                                   m_bakery->lab().identityPools);
    const qint64 exp = qint64(payloadOf(m_baker.id).value(QStringLiteral("exp")).toDouble());
    service.setClock([exp] { return QDateTime::fromSecsSinceEpoch(exp + 1, Qt::UTC); });
    const Core::HttpResponse response = answerInProcess(
        service, "GetId",
        {{QStringLiteral("IdentityPoolId"), bakeryPool().identityPoolId},
         {QStringLiteral("Logins"), QJsonObject{{provider(bakeryUserPool()), m_baker.id}}}});
    QCOMPARE(response.status, 400);
    QCOMPARE(
        QJsonDocument::fromJson(response.body).object().value(QStringLiteral("message")).toString(),
        QStringLiteral("Invalid login token. Token expired: %1 >= %2").arg(exp + 1).arg(exp));
}

void tst_CognitoIdentity::guestsWhereThePoolAllowsThem()
{
    const CognitoIdentityPoolConfig &pool = m_guests->lab().identityPools.at(0);
    const Answer first =
        call(*m_guests, "GetId", {{QStringLiteral("IdentityPoolId"), pool.identityPoolId}});
    QCOMPARE(first.status, 200);
    const Answer second =
        call(*m_guests, "GetId", {{QStringLiteral("IdentityPoolId"), pool.identityPoolId}});
    QVERIFY(first.json.value(QStringLiteral("IdentityId")) !=
            second.json.value(QStringLiteral("IdentityId")));
    const Answer credentials =
        call(*m_guests, "GetCredentialsForIdentity",
             {{QStringLiteral("IdentityId"), first.json.value(QStringLiteral("IdentityId"))}});
    QCOMPARE(credentials.status, 200);
    const QJsonObject keys = credentials.json.value(QStringLiteral("Credentials")).toObject();
    GatehouseTest::AwsCli cli(m_guests->info().baseUrl,
                              {keys.value(QStringLiteral("AccessKeyId")).toString(),
                               keys.value(QStringLiteral("SecretKey")).toString(),
                               keys.value(QStringLiteral("SessionToken")).toString()});
    const GatehouseTest::AwsCli::Run who =
        cli.run({QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
    QVERIFY2(who.exitCode == 0, who.err.constData());
    QCOMPARE(who.json().value(QStringLiteral("Arn")).toString(),
             QStringLiteral("arn:aws:sts::%1:assumed-role/%2/CognitoIdentityCredentials")
                 .arg(Account, pool.unauthenticatedRoleArn.section(QLatin1Char('/'), -1)));

    // A member signs in and gets the authenticated role (its name without the path).
    const CognitoPoolConfig &userPool = m_guests->lab().userPools.at(0);
    const Tokens member =
        signIn(*m_guests, userPool.clients.at(0).clientId, Visitor, VisitorPassword);
    QVERIFY(!member.id.isEmpty());
    const QJsonObject logins{{provider(userPool.poolId), member.id}};
    const Answer id = call(*m_guests, "GetId",
                           {{QStringLiteral("IdentityPoolId"), pool.identityPoolId},
                            {QStringLiteral("Logins"), logins}});
    const Answer memberCredentials =
        call(*m_guests, "GetCredentialsForIdentity",
             {{QStringLiteral("IdentityId"), id.json.value(QStringLiteral("IdentityId"))},
              {QStringLiteral("Logins"), logins}});
    QCOMPARE(memberCredentials.status, 200);
    const QJsonObject memberKeys =
        memberCredentials.json.value(QStringLiteral("Credentials")).toObject();
    cli.setCredentials({memberKeys.value(QStringLiteral("AccessKeyId")).toString(),
                        memberKeys.value(QStringLiteral("SecretKey")).toString(),
                        memberKeys.value(QStringLiteral("SessionToken")).toString()});
    const GatehouseTest::AwsCli::Run memberWho =
        cli.run({QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
    QVERIFY2(memberWho.exitCode == 0, memberWho.err.constData());
    QCOMPARE(memberWho.json().value(QStringLiteral("Arn")).toString(),
             QStringLiteral("arn:aws:sts::%1:assumed-role/members/CognitoIdentityCredentials")
                 .arg(Account));
}

void tst_CognitoIdentity::anotherClientOfThePool()
{
    const CognitoPoolConfig &userPool = m_guests->lab().userPools.at(0);
    QCOMPARE(userPool.clients.size(), 2);
    const Tokens other =
        signIn(*m_guests, userPool.clients.at(1).clientId, Visitor, VisitorPassword);
    QVERIFY(!other.id.isEmpty());
    const Answer answer = call(
        *m_guests, "GetId",
        {{QStringLiteral("IdentityPoolId"), m_guests->lab().identityPools.at(0).identityPoolId},
         {QStringLiteral("Logins"), QJsonObject{{provider(userPool.poolId), other.id}}}});
    QCOMPARE(answer.type(), QStringLiteral("NotAuthorizedException"));
    QCOMPARE(answer.message(),
             QStringLiteral("Token is not from a supported provider of this identity pool."));
}

QTEST_GUILESS_MAIN(tst_CognitoIdentity)
#include "tst_cognitoidentity.moc"
