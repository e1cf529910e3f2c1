// The emulator's Cognito user pools: the real AWS CLI v2 signs up, confirms, signs in and
// administers users of the bakery lab; PyJWT verifies the tokens against the pool's JWKS;
// Core::Cognito::SrpClient runs USER_SRP_AUTH; a pool built in the test covers client
// secrets, auth flows, expiry and Cognito's error words.
#include "../common/awscli.h"
#include "core/aws/sigv4signer.h"
#include "core/cognito/srp.h"
#include "core/cognito/userpoolclient.h"
#include "core/emulator/awsauthenticator.h"
#include "core/emulator/cognitoidpservice.h"
#include "core/emulator/emulator.h"
#include "core/emulator/emulatorhost.h"
#include "core/httpclient.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
namespace Srp = Gatehouse::Core::Cognito;

namespace {

using Cli = GatehouseTest::AwsCli::Run;

const QString Baker = QStringLiteral("baker@example.com");
const QString BakerPassword = QStringLiteral("Sourdough-2024");
const QString TestPool = QStringLiteral("us-east-1_TestPool1");
const QString SecretClient = QStringLiteral("secretclient0000000000000a");
const QString ClientSecret = QStringLiteral("the-secret-of-the-test-client");
const QString DefaultClient = QStringLiteral("defaultclient000000000000b");
const QString AlicePassword = QStringLiteral("Correct-Horse-1");
const QString AdminClient = QStringLiteral("adminclient00000000000000c");

struct Reply
{
    int status = 0;
    QJsonObject json;
    QString type() const { return json.value(QStringLiteral("__type")).toString(); }
    QString message() const { return json.value(QStringLiteral("message")).toString(); }
    QJsonObject result() const
    {
        return json.value(QStringLiteral("AuthenticationResult")).toObject();
    }
};

Core::HttpRequest request(const QByteArray &op, const QByteArray &body, bool sign)
{
    Core::Aws::SigV4Request in;
    in.method = "POST";
    in.path = "/";
    in.headers.add("Host", "127.0.0.1:4577");
    in.headers.add("Content-Type", "application/x-amz-json-1.1");
    in.headers.add("X-Amz-Target", QByteArray(CognitoIdpService::TargetPrefix) + op);
    in.payload = body;
    in.service = QStringLiteral("cognito-idp");
    in.region = QStringLiteral("us-east-1");
    in.time = QDateTime::currentDateTimeUtc();
    Core::HttpRequest out;
    out.method = in.method;
    out.path = in.path;
    out.target = in.path;
    if (sign) {
        Core::Aws::Credentials keys;
        keys.accessKeyId = QStringLiteral("test");
        keys.secretAccessKey = QStringLiteral("test");
        const auto signature = Core::Aws::SigV4Signer(keys).signHeaders(in);
        if (signature)
            Core::Aws::applySigV4Headers(in.headers, *signature);
    }
    out.headers = in.headers;
    out.body = in.payload;
    return out;
}

Reply call(CognitoIdpService &service, const QByteArray &op, const QJsonObject &in,
           bool sign = false)
{
    const Core::HttpResponse response =
        service.answer(request(op, QJsonDocument(in).toJson(QJsonDocument::Compact), sign));
    return {response.status, QJsonDocument::fromJson(response.body).object()};
}

// The CLI's error line without its retry note: "An error occurred (Type) when calling the Op
// operation: message".
QByteArray cliError(const Cli &run)
{
    QByteArray err = run.err;
    return err.replace(" (reached max retries: 0)", "");
}

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject jwtClaims(const QString &token)
{
    const QList<QByteArray> parts = token.toLatin1().split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding))
        .object();
}

// A pool made in the test: a client with a secret and every flow, a client with Cognito's
// defaults, a seed user with a password and one without.
QList<CognitoPoolConfig> testPools()
{
    CognitoPoolConfig pool;
    pool.logicalId = QStringLiteral("TestPool");
    pool.poolName = QStringLiteral("test-pool");
    pool.poolId = TestPool;
    pool.autoVerifiedAttributes = {QStringLiteral("email")};
    CognitoClientConfig secret;
    secret.clientName = QStringLiteral("with-secret");
    secret.clientId = SecretClient;
    secret.clientSecret = ClientSecret;
    secret.explicitAuthFlows = {QStringLiteral("ALLOW_USER_PASSWORD_AUTH"),
                                QStringLiteral("ALLOW_USER_SRP_AUTH"),
                                QStringLiteral("ALLOW_REFRESH_TOKEN_AUTH")};
    secret.preventUserExistenceErrors = false;
    secret.accessTokenSeconds = 300;
    CognitoClientConfig defaults;
    defaults.clientName = QStringLiteral("defaults");
    defaults.clientId = DefaultClient;
    defaults.explicitAuthFlows = {QStringLiteral("ALLOW_USER_SRP_AUTH"),
                                  QStringLiteral("ALLOW_REFRESH_TOKEN_AUTH"),
                                  QStringLiteral("ALLOW_CUSTOM_AUTH")};
    CognitoClientConfig server;
    server.clientName = QStringLiteral("server-side");
    server.clientId = AdminClient;
    server.explicitAuthFlows = {QStringLiteral("ALLOW_ADMIN_USER_PASSWORD_AUTH"),
                                QStringLiteral("ALLOW_REFRESH_TOKEN_AUTH")};
    pool.clients = {secret, defaults, server};
    CognitoGroupConfig admins;
    admins.groupName = QStringLiteral("admins");
    admins.precedence = 1;
    pool.groups = {admins};
    CognitoSeedUser alice;
    alice.username = QStringLiteral("alice");
    alice.attributes = {{QStringLiteral("email"), QStringLiteral("alice@example.com")},
                        {QStringLiteral("email_verified"), QStringLiteral("true")}};
    alice.password = AlicePassword;
    alice.groups = {QStringLiteral("admins")};
    CognitoSeedUser newbie;
    newbie.username = QStringLiteral("newbie");
    pool.users = {alice, newbie};
    return {pool};
}

QString secretHash(const QString &username)
{
    return Srp::secretHash(ClientSecret, username, SecretClient);
}

QJsonObject passwordAuth(const QString &client, const QString &user, const QString &password,
                         const QString &hash = {})
{
    QJsonObject params{{QStringLiteral("USERNAME"), user}, {QStringLiteral("PASSWORD"), password}};
    if (!hash.isEmpty())
        params.insert(QStringLiteral("SECRET_HASH"), hash);
    return {{QStringLiteral("AuthFlow"), QStringLiteral("USER_PASSWORD_AUTH")},
            {QStringLiteral("ClientId"), client},
            {QStringLiteral("AuthParameters"), params}};
}

} // namespace

class TestCognitoIdp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    // the bakery lab through the real AWS CLI and HTTP
    void cliPasswordSignIn();
    void tokensVerifyWithPyJwt();
    void cliWrongPasswordAndUnknownUser();
    void cliSignUpConfirmSignIn();
    void cliAdminCreateUserNewPassword();
    void cliSignedOperations();
    void cliUnsignedAdminRefused();
    void cliGlobalSignOutRevokes();
    void srpRoundTripOverHttp();
    void wellKnownDocuments();
    void badInput_data();
    void badInput();
    void hostedSignInWithPkce();

    // a pool built in the test, answered in process
    void errors_data();
    void errors();
    void secretHashChecked();
    void srpWrongPasswordAndTimestamp();
    void refreshKeepsSignIn();
    void codeExpires();
    void tokensExpire();
    void seedUserWithoutPassword();
    void listUsersFilter();
    void adminSignInAndUserControls();
    void forgotPasswordAndRevokeToken();
    void logsCodesNotSecrets();
    void hostForwardsCodes();
    void userPoolClientAgainstEmulator();

private:
    Cli aws(const QStringList &arguments, bool signedCli = true);
    Reply http(const QByteArray &op, const QByteArray &body,
               const QByteArray &contentType = "application/x-amz-json-1.1");
    QByteArray get(const QString &path, int *status = nullptr);
    struct Web
    {
        int status = 0;
        QByteArray body;
        QByteArray location;
        QByteArray contentType;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };
    Web web(const QByteArray &method, const QString &path, const QByteArray &form = {},
            const QByteArray &bearer = {});
    QString poolId() const { return m_emulator->lab().userPools.at(0).poolId; }
    QString clientId() const { return m_emulator->lab().userPools.at(0).clients.at(0).clientId; }
    QString issuer() const { return m_emulator->info().baseUrl + QLatin1Char('/') + poolId(); }
    QJsonObject bakerTokens();

    std::unique_ptr<Emulator::Emulator> m_emulator;
    std::unique_ptr<GatehouseTest::AwsCli> m_aws;
    std::unique_ptr<GatehouseTest::AwsCli> m_anonymous;
    QNetworkAccessManager m_network;
};

void TestCognitoIdp::initTestCase()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QCOMPARE(m_emulator->lab().userPools.size(), 1);
    QVERIFY(m_emulator->cognito());
    m_aws = std::make_unique<GatehouseTest::AwsCli>(m_emulator->info().baseUrl);
    // Unknown keys: user-facing operations must not need any.
    m_anonymous = std::make_unique<GatehouseTest::AwsCli>(
        m_emulator->info().baseUrl, GatehouseTest::AwsCliCredentials{QStringLiteral("AKIANOBODY"),
                                                                     QStringLiteral("nothing"),
                                                                     {}});
}

void TestCognitoIdp::cleanupTestCase()
{
    m_emulator.reset();
}

Cli TestCognitoIdp::aws(const QStringList &arguments, bool signedCli)
{
    return (signedCli ? m_aws : m_anonymous)
        ->run(QStringList{QStringLiteral("cognito-idp")} + arguments);
}

Reply TestCognitoIdp::http(const QByteArray &op, const QByteArray &body,
                           const QByteArray &contentType)
{
    QNetworkRequest req(QUrl(m_emulator->info().baseUrl + QLatin1Char('/')));
    req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    req.setRawHeader("X-Amz-Target", QByteArray(CognitoIdpService::TargetPrefix) + op);
    QNetworkReply *reply = m_network.post(req, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    Reply out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
              QJsonDocument::fromJson(reply->readAll()).object()};
    reply->deleteLater();
    return out;
}

QByteArray TestCognitoIdp::get(const QString &path, int *status)
{
    QNetworkReply *reply = m_network.get(QNetworkRequest(QUrl(m_emulator->info().baseUrl + path)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

TestCognitoIdp::Web TestCognitoIdp::web(const QByteArray &method, const QString &path,
                                        const QByteArray &form, const QByteArray &bearer)
{
    QNetworkRequest req(QUrl(m_emulator->info().baseUrl + path));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    if (!bearer.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + bearer);
    if (method == "POST")
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArray("application/x-www-form-urlencoded"));
    QNetworkReply *reply = method == "POST" ? m_network.post(req, form) : m_network.get(req);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    Web out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->rawHeader("Location"), reply->rawHeader("Content-Type")};
    reply->deleteLater();
    return out;
}

QJsonObject TestCognitoIdp::bakerTokens()
{
    const Cli run = aws(
        {QStringLiteral("initiate-auth"), QStringLiteral("--auth-flow"),
         QStringLiteral("USER_PASSWORD_AUTH"), QStringLiteral("--client-id"), clientId(),
         QStringLiteral("--auth-parameters"),
         json({{QStringLiteral("USERNAME"), Baker}, {QStringLiteral("PASSWORD"), BakerPassword}})},
        false);
    if (run.exitCode != 0)
        qWarning("%s", run.err.constData());
    return run.json().value(QStringLiteral("AuthenticationResult")).toObject();
}

void TestCognitoIdp::cliPasswordSignIn()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const QJsonObject result = bakerTokens();
    QCOMPARE(result.value(QStringLiteral("TokenType")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(result.value(QStringLiteral("ExpiresIn")).toInt(), 3600);
    QVERIFY(!result.value(QStringLiteral("RefreshToken")).toString().isEmpty());
    const QJsonObject id = jwtClaims(result.value(QStringLiteral("IdToken")).toString());
    const QJsonObject access = jwtClaims(result.value(QStringLiteral("AccessToken")).toString());
    QCOMPARE(id.value(QStringLiteral("email")).toString(), Baker);
    QCOMPARE(id.value(QStringLiteral("email_verified")).toBool(), true);
    // A pool signing in by email names its users by their sub, as Cognito does.
    QCOMPARE(id.value(QStringLiteral("cognito:username")).toString(),
             id.value(QStringLiteral("sub")).toString());
    QCOMPARE(id.value(QStringLiteral("token_use")).toString(), QStringLiteral("id"));
    QCOMPARE(id.value(QStringLiteral("aud")).toString(), clientId());
    QCOMPARE(id.value(QStringLiteral("iss")).toString(), issuer());
    QCOMPARE(access.value(QStringLiteral("token_use")).toString(), QStringLiteral("access"));
    QCOMPARE(access.value(QStringLiteral("client_id")).toString(), clientId());
    QCOMPARE(access.value(QStringLiteral("scope")).toString(),
             QStringLiteral("aws.cognito.signin.user.admin"));
    QCOMPARE(access.value(QStringLiteral("username")).toString(),
             id.value(QStringLiteral("sub")).toString());
    QCOMPARE(access.value(QStringLiteral("origin_jti")), id.value(QStringLiteral("origin_jti")));
    QCOMPARE(access.value(QStringLiteral("exp")).toInteger() -
                 access.value(QStringLiteral("iat")).toInteger(),
             3600);
    QVERIFY(!access.contains(QStringLiteral("aud")));

    // GetUser by the access token, through the CLI.
    const Cli user = aws({QStringLiteral("get-user"), QStringLiteral("--access-token"),
                          result.value(QStringLiteral("AccessToken")).toString()},
                         false);
    QVERIFY2(user.exitCode == 0, user.err.constData());
    QCOMPARE(user.json().value(QStringLiteral("Username")).toString(),
             id.value(QStringLiteral("sub")).toString());
}

void TestCognitoIdp::tokensVerifyWithPyJwt()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const QJsonObject result = bakerTokens();
    const QString jwksUrl = issuer() + QStringLiteral("/.well-known/jwks.json");
    const QString helper =
        QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/verify_with_pyjwt.py");
    struct Case
    {
        QString token;
        QString audience;
        QString use;
    };
    const Case cases[] = {
        {result.value(QStringLiteral("IdToken")).toString(), clientId(), QStringLiteral("id")},
        {result.value(QStringLiteral("AccessToken")).toString(), QStringLiteral("-"),
         QStringLiteral("access")}};
    for (const Case &c : cases) {
        QProcess python;
        QSignalSpy done(&python, &QProcess::finished);
        python.start(QStringLiteral("/usr/bin/python3"),
                     {helper, jwksUrl, c.token, c.audience, issuer()});
        QVERIFY(done.wait(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QJsonObject out = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        QCOMPARE(out.value(QStringLiteral("kid")).toString(),
                 m_emulator->cognito()->tokens().keyId());
        QCOMPARE(out.value(QStringLiteral("claims"))
                     .toObject()
                     .value(QStringLiteral("token_use"))
                     .toString(),
                 c.use);
    }
    // A token with one changed character does not verify.
    QString forged = result.value(QStringLiteral("IdToken")).toString();
    const qsizetype dot = forged.indexOf(QLatin1Char('.'));
    forged[dot + 5] = forged.at(dot + 5) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QProcess python;
    QSignalSpy done(&python, &QProcess::finished);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {helper, jwksUrl, forged, clientId(), issuer()});
    QVERIFY(done.wait(60000));
    QCOMPARE(python.exitCode(), 1);
}

void TestCognitoIdp::cliWrongPasswordAndUnknownUser()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    for (const QString &user : {Baker, QStringLiteral("nobody@example.com")}) {
        const Cli run = aws({QStringLiteral("initiate-auth"), QStringLiteral("--auth-flow"),
                             QStringLiteral("USER_PASSWORD_AUTH"), QStringLiteral("--client-id"),
                             clientId(), QStringLiteral("--auth-parameters"),
                             json({{QStringLiteral("USERNAME"), user},
                                   {QStringLiteral("PASSWORD"), QStringLiteral("Rye-bread-1")}})},
                            false);
        QVERIFY(run.exitCode != 0);
        // The bakery client keeps Cognito's default PreventUserExistenceErrors: no hint who exists.
        QVERIFY2(cliError(run).contains(
                     "(NotAuthorizedException) when calling the InitiateAuth operation: "
                     "Incorrect username or password."),
                 run.err.constData());
    }
}

void TestCognitoIdp::cliSignUpConfirmSignIn()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const QString email = QStringLiteral("croissant@example.com");
    const QString password = QStringLiteral("Butter&Flour-9");
    const Cli weak = aws({QStringLiteral("sign-up"), QStringLiteral("--client-id"), clientId(),
                          QStringLiteral("--username"), email, QStringLiteral("--password"),
                          QStringLiteral("butterflour")},
                         false);
    QVERIFY2(cliError(weak).contains(
                 "(InvalidPasswordException) when calling the SignUp operation: Password did not "
                 "conform with policy: Password must have uppercase characters"),
             weak.err.constData());

    QSignalSpy sent(m_emulator->cognito(), &CognitoIdpService::codeSent);
    const Cli signUp =
        aws({QStringLiteral("sign-up"), QStringLiteral("--client-id"), clientId(),
             QStringLiteral("--username"), email, QStringLiteral("--password"), password},
            false);
    QVERIFY2(signUp.exitCode == 0, signUp.err.constData());
    const QJsonObject out = signUp.json();
    QCOMPARE(out.value(QStringLiteral("UserConfirmed")).toBool(true), false);
    QVERIFY(!out.value(QStringLiteral("UserSub")).toString().isEmpty());
    const QJsonObject delivery = out.value(QStringLiteral("CodeDeliveryDetails")).toObject();
    QCOMPARE(delivery.value(QStringLiteral("DeliveryMedium")).toString(), QStringLiteral("EMAIL"));
    QCOMPARE(delivery.value(QStringLiteral("AttributeName")).toString(), QStringLiteral("email"));
    QCOMPARE(delivery.value(QStringLiteral("Destination")).toString(), QStringLiteral("c***@e***"));
    const QString code = m_emulator->cognito()->confirmationCode(poolId(), email);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9]{6}$")).match(code).hasMatch());
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.at(0).at(3).toString(), code);

    const Cli again =
        aws({QStringLiteral("sign-up"), QStringLiteral("--client-id"), clientId(),
             QStringLiteral("--username"), email, QStringLiteral("--password"), password},
            false);
    QVERIFY2(cliError(again).contains(
                 "(UsernameExistsException) when calling the SignUp operation: An account with the "
                 "given email already exists."),
             again.err.constData());

    const QStringList signIn{
        QStringLiteral("initiate-auth"),
        QStringLiteral("--auth-flow"),
        QStringLiteral("USER_PASSWORD_AUTH"),
        QStringLiteral("--client-id"),
        clientId(),
        QStringLiteral("--auth-parameters"),
        json({{QStringLiteral("USERNAME"), email}, {QStringLiteral("PASSWORD"), password}})};
    const Cli early = aws(signIn, false);
    QVERIFY2(cliError(early).contains(
                 "(UserNotConfirmedException) when calling the InitiateAuth operation: User is not "
                 "confirmed."),
             early.err.constData());

    const QString wrongCode =
        code == QLatin1String("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    const Cli mismatch =
        aws({QStringLiteral("confirm-sign-up"), QStringLiteral("--client-id"), clientId(),
             QStringLiteral("--username"), email, QStringLiteral("--confirmation-code"), wrongCode},
            false);
    QVERIFY2(cliError(mismatch).contains("(CodeMismatchException)"), mismatch.err.constData());
    const Cli confirm =
        aws({QStringLiteral("confirm-sign-up"), QStringLiteral("--client-id"), clientId(),
             QStringLiteral("--username"), email, QStringLiteral("--confirmation-code"), code},
            false);
    QVERIFY2(confirm.exitCode == 0, confirm.err.constData());

    const Cli late = aws(signIn, false);
    QVERIFY2(late.exitCode == 0, late.err.constData());
    const QJsonObject id = jwtClaims(late.json()
                                         .value(QStringLiteral("AuthenticationResult"))
                                         .toObject()
                                         .value(QStringLiteral("IdToken"))
                                         .toString());
    QCOMPARE(id.value(QStringLiteral("sub")).toString(),
             out.value(QStringLiteral("UserSub")).toString());
    QCOMPARE(id.value(QStringLiteral("email_verified")).toBool(), true);
}

void TestCognitoIdp::cliAdminCreateUserNewPassword()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const QString email = QStringLiteral("pastry.chef@example.com");
    const Cli created =
        aws({QStringLiteral("admin-create-user"), QStringLiteral("--user-pool-id"), poolId(),
             QStringLiteral("--username"), email, QStringLiteral("--temporary-password"),
             QStringLiteral("Temporary-Pass-1"), QStringLiteral("--message-action"),
             QStringLiteral("SUPPRESS")});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QCOMPARE(created.json()
                 .value(QStringLiteral("User"))
                 .toObject()
                 .value(QStringLiteral("UserStatus"))
                 .toString(),
             QStringLiteral("FORCE_CHANGE_PASSWORD"));

    const Cli challenge =
        aws({QStringLiteral("initiate-auth"), QStringLiteral("--auth-flow"),
             QStringLiteral("USER_PASSWORD_AUTH"), QStringLiteral("--client-id"), clientId(),
             QStringLiteral("--auth-parameters"),
             json({{QStringLiteral("USERNAME"), email},
                   {QStringLiteral("PASSWORD"), QStringLiteral("Temporary-Pass-1")}})},
            false);
    QVERIFY2(challenge.exitCode == 0, challenge.err.constData());
    QCOMPARE(challenge.json().value(QStringLiteral("ChallengeName")).toString(),
             QStringLiteral("NEW_PASSWORD_REQUIRED"));
    const QString session = challenge.json().value(QStringLiteral("Session")).toString();
    QVERIFY(!session.isEmpty());
    const QString userId = challenge.json()
                               .value(QStringLiteral("ChallengeParameters"))
                               .toObject()
                               .value(QStringLiteral("USER_ID_FOR_SRP"))
                               .toString();
    QVERIFY(!userId.isEmpty());

    const Cli answered =
        aws({QStringLiteral("respond-to-auth-challenge"), QStringLiteral("--client-id"), clientId(),
             QStringLiteral("--challenge-name"), QStringLiteral("NEW_PASSWORD_REQUIRED"),
             QStringLiteral("--session"), session, QStringLiteral("--challenge-responses"),
             json({{QStringLiteral("USERNAME"), email},
                   {QStringLiteral("NEW_PASSWORD"), QStringLiteral("Final-Pass-22")}})},
            false);
    QVERIFY2(answered.exitCode == 0, answered.err.constData());
    QVERIFY(!answered.json()
                 .value(QStringLiteral("AuthenticationResult"))
                 .toObject()
                 .value(QStringLiteral("IdToken"))
                 .toString()
                 .isEmpty());

    const Cli fetched = aws({QStringLiteral("admin-get-user"), QStringLiteral("--user-pool-id"),
                             poolId(), QStringLiteral("--username"), email});
    QVERIFY2(fetched.exitCode == 0, fetched.err.constData());
    QCOMPARE(fetched.json().value(QStringLiteral("UserStatus")).toString(),
             QStringLiteral("CONFIRMED"));
    QCOMPARE(fetched.json().value(QStringLiteral("Username")).toString(), userId);

    // The session is single-use.
    const Cli replay =
        aws({QStringLiteral("respond-to-auth-challenge"), QStringLiteral("--client-id"), clientId(),
             QStringLiteral("--challenge-name"), QStringLiteral("NEW_PASSWORD_REQUIRED"),
             QStringLiteral("--session"), session, QStringLiteral("--challenge-responses"),
             json({{QStringLiteral("USERNAME"), email},
                   {QStringLiteral("NEW_PASSWORD"), QStringLiteral("Other-Pass-33")}})},
            false);
    QVERIFY2(cliError(replay).contains("(NotAuthorizedException)"), replay.err.constData());

    const Cli deleted = aws({QStringLiteral("admin-delete-user"), QStringLiteral("--user-pool-id"),
                             poolId(), QStringLiteral("--username"), email});
    QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
    const Cli gone = aws({QStringLiteral("admin-get-user"), QStringLiteral("--user-pool-id"),
                          poolId(), QStringLiteral("--username"), email});
    QVERIFY2(cliError(gone).contains("(UserNotFoundException) when calling the AdminGetUser "
                                     "operation: User does not exist."),
             gone.err.constData());
}

void TestCognitoIdp::cliSignedOperations()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Cli pools = aws(
        {QStringLiteral("list-user-pools"), QStringLiteral("--max-results"), QStringLiteral("10")});
    QVERIFY2(pools.exitCode == 0, pools.err.constData());
    const QJsonArray list = pools.json().value(QStringLiteral("UserPools")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("Name")).toString(),
             QStringLiteral("bakery-customers"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("Id")).toString(), poolId());

    const Cli pool =
        aws({QStringLiteral("describe-user-pool"), QStringLiteral("--user-pool-id"), poolId()});
    QVERIFY2(pool.exitCode == 0, pool.err.constData());
    const QJsonObject p = pool.json().value(QStringLiteral("UserPool")).toObject();
    QCOMPARE(p.value(QStringLiteral("UsernameAttributes")).toArray().at(0).toString(),
             QStringLiteral("email"));
    QCOMPARE(p.value(QStringLiteral("Policies"))
                 .toObject()
                 .value(QStringLiteral("PasswordPolicy"))
                 .toObject()
                 .value(QStringLiteral("MinimumLength"))
                 .toInt(),
             8);
    QVERIFY(
        p.value(QStringLiteral("Arn")).toString().endsWith(QLatin1String(":userpool/") + poolId()));

    const Cli clients =
        aws({QStringLiteral("list-user-pool-clients"), QStringLiteral("--user-pool-id"), poolId()});
    QVERIFY2(clients.exitCode == 0, clients.err.constData());
    QCOMPARE(clients.json()
                 .value(QStringLiteral("UserPoolClients"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("ClientName"))
                 .toString(),
             QStringLiteral("bakery-web"));
    const Cli client =
        aws({QStringLiteral("describe-user-pool-client"), QStringLiteral("--user-pool-id"),
             poolId(), QStringLiteral("--client-id"), clientId()});
    QVERIFY2(client.exitCode == 0, client.err.constData());
    QVERIFY(client.json()
                .value(QStringLiteral("UserPoolClient"))
                .toObject()
                .value(QStringLiteral("ExplicitAuthFlows"))
                .toArray()
                .contains(QStringLiteral("ALLOW_USER_PASSWORD_AUTH")));

    const Cli users =
        aws({QStringLiteral("list-users"), QStringLiteral("--user-pool-id"), poolId(),
             QStringLiteral("--filter"), QStringLiteral("email = \"baker@example.com\"")});
    QVERIFY2(users.exitCode == 0, users.err.constData());
    QCOMPARE(users.json().value(QStringLiteral("Users")).toArray().size(), 1);
    const Cli groups =
        aws({QStringLiteral("list-groups"), QStringLiteral("--user-pool-id"), poolId()});
    QVERIFY2(groups.exitCode == 0, groups.err.constData());

    const Cli missing = aws({QStringLiteral("describe-user-pool"), QStringLiteral("--user-pool-id"),
                             QStringLiteral("us-east-1_Nope12345")});
    QVERIFY2(
        cliError(missing).contains(
            "(ResourceNotFoundException) when calling the DescribeUserPool operation: User pool "
            "us-east-1_Nope12345 does not exist."),
        missing.err.constData());
}

void TestCognitoIdp::cliUnsignedAdminRefused()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Cli stranger = aws(
        {QStringLiteral("list-user-pools"), QStringLiteral("--max-results"), QStringLiteral("10")},
        false);
    QVERIFY2(cliError(stranger).contains("(UnrecognizedClientException)"),
             stranger.err.constData());
    const Reply unsigned_ =
        call(*m_emulator->cognito(), "ListUserPools", {{QStringLiteral("MaxResults"), 5}});
    QCOMPARE(unsigned_.status, 403);
    QCOMPARE(unsigned_.type(), QStringLiteral("MissingAuthenticationTokenException"));
    const Reply signed_ =
        call(*m_emulator->cognito(), "ListUserPools", {{QStringLiteral("MaxResults"), 5}}, true);
    QCOMPARE(signed_.status, 200);
}

void TestCognitoIdp::cliGlobalSignOutRevokes()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const QJsonObject tokens = bakerTokens();
    const QString access = tokens.value(QStringLiteral("AccessToken")).toString();
    const QString refresh = tokens.value(QStringLiteral("RefreshToken")).toString();
    const QStringList refreshRun{QStringLiteral("initiate-auth"),
                                 QStringLiteral("--auth-flow"),
                                 QStringLiteral("REFRESH_TOKEN_AUTH"),
                                 QStringLiteral("--client-id"),
                                 clientId(),
                                 QStringLiteral("--auth-parameters"),
                                 json({{QStringLiteral("REFRESH_TOKEN"), refresh}})};
    const Cli refreshed = aws(refreshRun, false);
    QVERIFY2(refreshed.exitCode == 0, refreshed.err.constData());
    const QJsonObject again =
        refreshed.json().value(QStringLiteral("AuthenticationResult")).toObject();
    QVERIFY(!again.value(QStringLiteral("AccessToken")).toString().isEmpty());
    QVERIFY(!again.contains(QStringLiteral("RefreshToken")));
    QCOMPARE(jwtClaims(again.value(QStringLiteral("IdToken")).toString())
                 .value(QStringLiteral("auth_time")),
             jwtClaims(tokens.value(QStringLiteral("IdToken")).toString())
                 .value(QStringLiteral("auth_time")));

    const Cli out =
        aws({QStringLiteral("global-sign-out"), QStringLiteral("--access-token"), access}, false);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const Cli user =
        aws({QStringLiteral("get-user"), QStringLiteral("--access-token"), access}, false);
    QVERIFY2(cliError(user).contains("(NotAuthorizedException) when calling the GetUser operation: "
                                     "Access Token has been revoked"),
             user.err.constData());
    const Cli refreshedAccess = aws({QStringLiteral("get-user"), QStringLiteral("--access-token"),
                                     again.value(QStringLiteral("AccessToken")).toString()},
                                    false);
    QVERIFY2(cliError(refreshedAccess).contains("Access Token has been revoked"),
             refreshedAccess.err.constData());
    const Cli late = aws(refreshRun, false);
    QVERIFY2(
        cliError(late).contains(
            "(NotAuthorizedException) when calling the InitiateAuth operation: Refresh Token has "
            "been revoked"),
        late.err.constData());
    // A new sign-in works again.
    QVERIFY(!bakerTokens().value(QStringLiteral("AccessToken")).toString().isEmpty());
}

void TestCognitoIdp::srpRoundTripOverHttp()
{
    Srp::SrpClient client;
    const Reply challenge =
        http("InitiateAuth",
             QJsonDocument(
                 QJsonObject{{QStringLiteral("AuthFlow"), QStringLiteral("USER_SRP_AUTH")},
                             {QStringLiteral("ClientId"), clientId()},
                             {QStringLiteral("AuthParameters"),
                              QJsonObject{{QStringLiteral("USERNAME"), Baker},
                                          {QStringLiteral("SRP_A"), client.publicValueHex()}}}})
                 .toJson());
    QCOMPARE(challenge.status, 200);
    QCOMPARE(challenge.json.value(QStringLiteral("ChallengeName")).toString(),
             QStringLiteral("PASSWORD_VERIFIER"));
    const QJsonObject params =
        challenge.json.value(QStringLiteral("ChallengeParameters")).toObject();
    const QString userId = params.value(QStringLiteral("USER_ID_FOR_SRP")).toString();
    // Email pools: USER_ID_FOR_SRP is the user's sub, their user name.
    QVERIFY(QUuid::fromString(userId).isNull() == false);
    const QString poolName = Srp::srpPoolName(poolId());
    const auto key = client.passwordAuthenticationKey(
        poolName, userId, BakerPassword, params.value(QStringLiteral("SRP_B")).toString(),
        params.value(QStringLiteral("SALT")).toString());
    QVERIFY(key.ok());
    const QString timestamp = Srp::srpTimestamp(QDateTime::currentDateTimeUtc());
    const QString secretBlock = params.value(QStringLiteral("SECRET_BLOCK")).toString();
    const Reply done = http(
        "RespondToAuthChallenge",
        QJsonDocument(
            QJsonObject{{QStringLiteral("ClientId"), clientId()},
                        {QStringLiteral("ChallengeName"), QStringLiteral("PASSWORD_VERIFIER")},
                        {QStringLiteral("ChallengeResponses"),
                         QJsonObject{{QStringLiteral("USERNAME"), userId},
                                     {QStringLiteral("PASSWORD_CLAIM_SECRET_BLOCK"), secretBlock},
                                     {QStringLiteral("TIMESTAMP"), timestamp},
                                     {QStringLiteral("PASSWORD_CLAIM_SIGNATURE"),
                                      Srp::passwordClaimSignature(*key, poolName, userId,
                                                                  secretBlock, timestamp)}}}})
            .toJson());
    QVERIFY2(done.status == 200, qPrintable(done.message()));
    QCOMPARE(jwtClaims(done.result().value(QStringLiteral("IdToken")).toString())
                 .value(QStringLiteral("email"))
                 .toString(),
             Baker);
}

void TestCognitoIdp::wellKnownDocuments()
{
    int status = 0;
    const QJsonObject config =
        QJsonDocument::fromJson(
            get(QLatin1Char('/') + poolId() + QStringLiteral("/.well-known/openid-configuration"),
                &status))
            .object();
    QCOMPARE(status, 200);
    const QString base = m_emulator->info().baseUrl;
    QCOMPARE(config.value(QStringLiteral("issuer")).toString(), issuer());
    QCOMPARE(config.value(QStringLiteral("jwks_uri")).toString(),
             issuer() + QStringLiteral("/.well-known/jwks.json"));
    QCOMPARE(config.value(QStringLiteral("token_endpoint")).toString(),
             base + QStringLiteral("/oauth2/token"));
    QCOMPARE(config.value(QStringLiteral("authorization_endpoint")).toString(),
             base + QStringLiteral("/oauth2/authorize"));
    QCOMPARE(config.value(QStringLiteral("userinfo_endpoint")).toString(),
             base + QStringLiteral("/oauth2/userInfo"));
    QCOMPARE(config.value(QStringLiteral("id_token_signing_alg_values_supported")).toArray(),
             QJsonArray{QStringLiteral("RS256")});
    QCOMPARE(config.value(QStringLiteral("subject_types_supported")).toArray(),
             QJsonArray{QStringLiteral("public")});

    const QJsonObject jwks =
        QJsonDocument::fromJson(
            get(QLatin1Char('/') + poolId() + QStringLiteral("/.well-known/jwks.json"), &status))
            .object();
    QCOMPARE(status, 200);
    const QJsonObject key = jwks.value(QStringLiteral("keys")).toArray().at(0).toObject();
    QCOMPARE(key.value(QStringLiteral("kty")).toString(), QStringLiteral("RSA"));
    QCOMPARE(key.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(key.value(QStringLiteral("use")).toString(), QStringLiteral("sig"));
    QCOMPARE(key.value(QStringLiteral("e")).toString(), QStringLiteral("AQAB"));
    QCOMPARE(key.value(QStringLiteral("n")).toString().size(), 342); // 2048 bits in base64url
    QCOMPARE(key.value(QStringLiteral("kid")).toString(), m_emulator->cognito()->tokens().keyId());

    get(QStringLiteral("/us-east-1_Nope12345/.well-known/jwks.json"), &status);
    QCOMPARE(status, 404);
}

void TestCognitoIdp::badInput_data()
{
    QTest::addColumn<QByteArray>("op");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed JSON") << QByteArray("InitiateAuth") << QByteArray("{\"AuthFlow\": ")
                                    << 400 << QStringLiteral("SerializationException") << QString();
    QTest::newRow("not an object") << QByteArray("InitiateAuth") << QByteArray("[1,2]") << 400
                                   << QStringLiteral("SerializationException") << QString();
    QTest::newRow("unknown operation") << QByteArray("BakeBread") << QByteArray("{}") << 400
                                       << QStringLiteral("UnknownOperationException") << QString();
    QTest::newRow("no client id")
        << QByteArray("InitiateAuth") << QByteArray("{\"AuthFlow\":\"USER_PASSWORD_AUTH\"}") << 400
        << QStringLiteral("InvalidParameterException")
        << QStringLiteral("1 validation error detected: Value null at 'clientId' failed to "
                          "satisfy constraint: Member must not be null");
    QTest::newRow("no auth flow")
        << QByteArray("InitiateAuth") << QByteArray("{\"ClientId\":\"x\"}") << 400
        << QStringLiteral("InvalidParameterException")
        << QStringLiteral("1 validation error detected: Value null at 'authFlow' failed to "
                          "satisfy constraint: Member must not be null");
    QTest::newRow("unknown client")
        << QByteArray("SignUp")
        << QByteArray("{\"ClientId\":\"nope\",\"Username\":\"a@b.c\",\"Password\":\"Aa1!aaaa\"}")
        << 400 << QStringLiteral("ResourceNotFoundException")
        << QStringLiteral("User pool client nope does not exist.");
    QTest::newRow("bad access token")
        << QByteArray("GetUser") << QByteArray("{\"AccessToken\":\"abc.def.ghi\"}") << 400
        << QStringLiteral("NotAuthorizedException") << QStringLiteral("Invalid Access Token");
    QTest::newRow("huge body") << QByteArray("SignUp") << QByteArray(2 * 1024 * 1024, ' ') << 413
                               << QStringLiteral("RequestEntityTooLargeException") << QString();
}

void TestCognitoIdp::badInput()
{
    QFETCH(QByteArray, op);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QString, message);
    const Reply reply = http(op, body);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.type(), type);
    if (!message.isEmpty())
        QCOMPARE(reply.message(), message);
    // The emulator keeps answering.
    QCOMPARE(http("GetUser", "{\"AccessToken\":\"x\"}").status, 400);
}

// The hosted endpoints: the sign-in page, a code for PKCE S256, tokens, userInfo, refresh, revoke.
void TestCognitoIdp::hostedSignInWithPkce()
{
    const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const QByteArray challenge =
        QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray redirectUri = "http://127.0.0.1:9/callback";
    const QString authorize =
        QStringLiteral("/oauth2/authorize?response_type=code&client_id=%1&redirect_uri=%2"
                       "&state=xyz%261&scope=openid+email&nonce=n-0S6&code_challenge=%3"
                       "&code_challenge_method=S256")
            .arg(clientId(),
                 QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(redirectUri))),
                 QString::fromLatin1(challenge));
    const Web form = web("GET", authorize);
    QCOMPARE(form.status, 200);
    QVERIFY(form.contentType.startsWith("text/html"));
    QVERIFY(form.body.contains("<form method=\"post\""));

    const Web wrong = web("POST", authorize, "username=baker%40example.com&password=Rye-bread-1");
    QCOMPARE(wrong.status, 200);
    QVERIFY(wrong.body.contains("Incorrect username or password."));

    const auto signIn = [&] {
        const Web ok =
            web("POST", authorize,
                "username=baker%40example.com&password=" + QUrl::toPercentEncoding(BakerPassword));
        const QUrlQuery query(QUrl(QString::fromLatin1(ok.location)));
        return std::make_pair(ok, query.queryItemValue(QStringLiteral("code")));
    };
    const auto [redirected, code] = signIn();
    QCOMPARE(redirected.status, 302);
    QVERIFY2(redirected.location.startsWith(QByteArray(redirectUri + "?code=")),
             redirected.location.constData());
    QVERIFY2(redirected.location.endsWith("&state=xyz%261"), redirected.location.constData());

    const QByteArray exchange = "grant_type=authorization_code&client_id=" + clientId().toLatin1() +
                                "&code=" + code.toLatin1() + "&redirect_uri=" +
                                QUrl::toPercentEncoding(QString::fromLatin1(redirectUri));
    QCOMPARE(web("POST", QStringLiteral("/oauth2/token"),
                 exchange + "&code_verifier=wrong-verifier-wrong-verifier-wrong-verifier")
                 .json()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_grant"));
    const auto [again, code2] = signIn();
    const QByteArray exchange2 =
        "grant_type=authorization_code&client_id=" + clientId().toLatin1() +
        "&code=" + code2.toLatin1() +
        "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromLatin1(redirectUri)) +
        "&code_verifier=" + verifier;
    const Web tokens = web("POST", QStringLiteral("/oauth2/token"), exchange2);
    QCOMPARE(tokens.status, 200);
    const QJsonObject t = tokens.json();
    QCOMPARE(t.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(!t.value(QStringLiteral("refresh_token")).toString().isEmpty());
    QCOMPARE(jwtClaims(t.value(QStringLiteral("id_token")).toString())
                 .value(QStringLiteral("nonce"))
                 .toString(),
             QStringLiteral("n-0S6"));
    QCOMPARE(jwtClaims(t.value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("scope"))
                 .toString(),
             QStringLiteral("openid email"));
    // A code works once.
    QCOMPARE(web("POST", QStringLiteral("/oauth2/token"), exchange2)
                 .json()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_grant"));

    const QByteArray access = t.value(QStringLiteral("access_token")).toString().toLatin1();
    const Web info = web("GET", QStringLiteral("/oauth2/userInfo"), {}, access);
    QCOMPARE(info.status, 200);
    QCOMPARE(info.json().value(QStringLiteral("email")).toString(), Baker);
    QCOMPARE(info.json().value(QStringLiteral("email_verified")).toString(),
             QStringLiteral("true"));
    QCOMPARE(web("GET", QStringLiteral("/oauth2/userInfo")).status, 401);

    const QByteArray refresh =
        "grant_type=refresh_token&client_id=" + clientId().toLatin1() +
        "&refresh_token=" + t.value(QStringLiteral("refresh_token")).toString().toLatin1();
    const Web refreshed = web("POST", QStringLiteral("/oauth2/token"), refresh);
    QCOMPARE(refreshed.status, 200);
    QVERIFY(!refreshed.json().value(QStringLiteral("id_token")).toString().isEmpty());
    QVERIFY(!refreshed.json().contains(QStringLiteral("refresh_token")));

    const Web revoked = web("POST", QStringLiteral("/oauth2/revoke"),
                            "client_id=" + clientId().toLatin1() + "&token=" +
                                t.value(QStringLiteral("refresh_token")).toString().toLatin1());
    QCOMPARE(revoked.status, 200);
    QCOMPARE(web("POST", QStringLiteral("/oauth2/token"), refresh)
                 .json()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_grant"));
    const Web late = web("GET", QStringLiteral("/oauth2/userInfo"), {}, access);
    QCOMPARE(late.status, 401);
    QCOMPARE(late.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_token"));

    QCOMPARE(web("POST", QStringLiteral("/oauth2/token"),
                 "grant_type=password&client_id=" + clientId().toLatin1())
                 .json()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("unsupported_grant_type"));
    QCOMPARE(web("POST", QStringLiteral("/oauth2/token"), "grant_type=refresh_token&client_id=nope")
                 .json()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_client"));
}

void TestCognitoIdp::errors_data()
{
    QTest::addColumn<QByteArray>("op");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    const QString hash = secretHash(QStringLiteral("alice"));
    QTest::newRow("flow not enabled")
        << QByteArray("InitiateAuth")
        << passwordAuth(DefaultClient, QStringLiteral("alice"), AlicePassword)
        << QStringLiteral("InvalidParameterException")
        << QStringLiteral("USER_PASSWORD_AUTH flow not enabled for this client");
    QTest::newRow("unknown user, legacy errors")
        << QByteArray("InitiateAuth")
        << passwordAuth(SecretClient, QStringLiteral("bob"), AlicePassword,
                        secretHash(QStringLiteral("bob")))
        << QStringLiteral("UserNotFoundException") << QStringLiteral("User does not exist.");
    QTest::newRow("wrong password") << QByteArray("InitiateAuth")
                                    << passwordAuth(SecretClient, QStringLiteral("alice"),
                                                    QStringLiteral("Wrong-Horse-1"), hash)
                                    << QStringLiteral("NotAuthorizedException")
                                    << QStringLiteral("Incorrect username or password.");
    QTest::newRow("missing password")
        << QByteArray("InitiateAuth")
        << QJsonObject{{QStringLiteral("AuthFlow"), QStringLiteral("USER_PASSWORD_AUTH")},
                       {QStringLiteral("ClientId"), SecretClient},
                       {QStringLiteral("AuthParameters"),
                        QJsonObject{{QStringLiteral("USERNAME"), QStringLiteral("alice")}}}}
        << QStringLiteral("InvalidParameterException")
        << QStringLiteral("Missing required parameter PASSWORD");
    QTest::newRow("unknown auth flow")
        << QByteArray("InitiateAuth")
        << QJsonObject{{QStringLiteral("AuthFlow"), QStringLiteral("MAGIC")},
                       {QStringLiteral("ClientId"), SecretClient}}
        << QStringLiteral("InvalidParameterException") << QString();
    QTest::newRow("admin flow") << QByteArray("InitiateAuth")
                                << QJsonObject{{QStringLiteral("AuthFlow"),
                                                QStringLiteral("ADMIN_USER_PASSWORD_AUTH")},
                                               {QStringLiteral("ClientId"), SecretClient}}
                                << QStringLiteral("InvalidParameterException")
                                << QStringLiteral("Initiate Auth method not supported.");
    QTest::newRow("short password")
        << QByteArray("SignUp")
        << QJsonObject{{QStringLiteral("ClientId"), SecretClient},
                       {QStringLiteral("Username"), QStringLiteral("carol")},
                       {QStringLiteral("Password"), QStringLiteral("Ab1!")},
                       {QStringLiteral("SecretHash"), secretHash(QStringLiteral("carol"))}}
        << QStringLiteral("InvalidPasswordException")
        << QStringLiteral("Password did not conform with policy: Password not long enough");
    QTest::newRow("no symbol")
        << QByteArray("SignUp")
        << QJsonObject{{QStringLiteral("ClientId"), SecretClient},
                       {QStringLiteral("Username"), QStringLiteral("carol")},
                       {QStringLiteral("Password"), QStringLiteral("Abcdefgh1")},
                       {QStringLiteral("SecretHash"), secretHash(QStringLiteral("carol"))}}
        << QStringLiteral("InvalidPasswordException")
        << QStringLiteral(
               "Password did not conform with policy: Password must have symbol characters");
    QTest::newRow("user exists") << QByteArray("SignUp")
                                 << QJsonObject{{QStringLiteral("ClientId"), SecretClient},
                                                {QStringLiteral("Username"),
                                                 QStringLiteral("alice")},
                                                {QStringLiteral("Password"), AlicePassword},
                                                {QStringLiteral("SecretHash"), hash}}
                                 << QStringLiteral("UsernameExistsException")
                                 << QStringLiteral("User already exists");
    QTest::newRow("confirm confirmed")
        << QByteArray("ConfirmSignUp")
        << QJsonObject{{QStringLiteral("ClientId"), SecretClient},
                       {QStringLiteral("Username"), QStringLiteral("alice")},
                       {QStringLiteral("ConfirmationCode"), QStringLiteral("123456")},
                       {QStringLiteral("SecretHash"), hash}}
        << QStringLiteral("NotAuthorizedException")
        << QStringLiteral("User cannot be confirmed. Current status is CONFIRMED");
    QTest::newRow("unknown challenge")
        << QByteArray("RespondToAuthChallenge")
        << QJsonObject{{QStringLiteral("ClientId"), SecretClient},
                       {QStringLiteral("ChallengeName"), QStringLiteral("SMS_MFA")}}
        << QStringLiteral("InvalidParameterException") << QString();
    QTest::newRow("unknown refresh token")
        << QByteArray("InitiateAuth")
        << QJsonObject{{QStringLiteral("AuthFlow"), QStringLiteral("REFRESH_TOKEN_AUTH")},
                       {QStringLiteral("ClientId"), DefaultClient},
                       {QStringLiteral("AuthParameters"),
                        QJsonObject{{QStringLiteral("REFRESH_TOKEN"), QStringLiteral("nope")}}}}
        << QStringLiteral("NotAuthorizedException") << QStringLiteral("Invalid Refresh Token");
}

void TestCognitoIdp::errors()
{
    QFETCH(QByteArray, op);
    QFETCH(QJsonObject, input);
    QFETCH(QString, type);
    QFETCH(QString, message);
    CognitoIdpService service(nullptr, testPools());
    const Reply reply = call(service, op, input);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.type(), type);
    if (!message.isEmpty())
        QCOMPARE(reply.message(), message);
}

void TestCognitoIdp::secretHashChecked()
{
    CognitoIdpService service(nullptr, testPools());
    const QString unable =
        QStringLiteral("Unable to verify secret hash for client ") + SecretClient;
    Reply r = call(service, "InitiateAuth",
                   passwordAuth(SecretClient, QStringLiteral("alice"), AlicePassword));
    QCOMPARE(r.type(), QStringLiteral("NotAuthorizedException"));
    QCOMPARE(r.message(), unable);
    r = call(service, "InitiateAuth",
             passwordAuth(SecretClient, QStringLiteral("alice"), AlicePassword,
                          secretHash(QStringLiteral("mallory"))));
    QCOMPARE(r.message(), unable);
    // By user name and by the email alias? Alias sign-in needs UsernameAttributes; here the name.
    r = call(service, "InitiateAuth",
             passwordAuth(SecretClient, QStringLiteral("alice"), AlicePassword,
                          secretHash(QStringLiteral("alice"))));
    QCOMPARE(r.status, 200);
    const QJsonObject id = jwtClaims(r.result().value(QStringLiteral("IdToken")).toString());
    QCOMPARE(id.value(QStringLiteral("cognito:username")).toString(), QStringLiteral("alice"));
    QCOMPARE(id.value(QStringLiteral("cognito:groups")).toArray(),
             QJsonArray{QStringLiteral("admins")});
    QCOMPARE(r.result().value(QStringLiteral("ExpiresIn")).toInt(), 300);
    // Refresh with a secret: SECRET_HASH of the user name.
    const QString refresh = r.result().value(QStringLiteral("RefreshToken")).toString();
    const QJsonObject refreshIn{{QStringLiteral("AuthFlow"), QStringLiteral("REFRESH_TOKEN_AUTH")},
                                {QStringLiteral("ClientId"), SecretClient},
                                {QStringLiteral("AuthParameters"),
                                 QJsonObject{{QStringLiteral("REFRESH_TOKEN"), refresh}}}};
    QCOMPARE(call(service, "InitiateAuth", refreshIn).message(), unable);
    QJsonObject withHash = refreshIn;
    withHash.insert(
        QStringLiteral("AuthParameters"),
        QJsonObject{{QStringLiteral("REFRESH_TOKEN"), refresh},
                    {QStringLiteral("SECRET_HASH"), secretHash(QStringLiteral("alice"))}});
    QCOMPARE(call(service, "InitiateAuth", withHash).status, 200);
}

void TestCognitoIdp::srpWrongPasswordAndTimestamp()
{
    CognitoIdpService service(nullptr, testPools());
    const QString poolName = Srp::srpPoolName(TestPool);
    const auto respond = [&](const QString &password, const QString &timestamp) {
        Srp::SrpClient client;
        const Reply challenge =
            call(service, "InitiateAuth",
                 {{QStringLiteral("AuthFlow"), QStringLiteral("USER_SRP_AUTH")},
                  {QStringLiteral("ClientId"), DefaultClient},
                  {QStringLiteral("AuthParameters"),
                   QJsonObject{{QStringLiteral("USERNAME"), QStringLiteral("alice")},
                               {QStringLiteral("SRP_A"), client.publicValueHex()}}}});
        const QJsonObject p =
            challenge.json.value(QStringLiteral("ChallengeParameters")).toObject();
        const QString userId = p.value(QStringLiteral("USER_ID_FOR_SRP")).toString();
        const auto key = client.passwordAuthenticationKey(
            poolName, userId, password, p.value(QStringLiteral("SRP_B")).toString(),
            p.value(QStringLiteral("SALT")).toString());
        const QString block = p.value(QStringLiteral("SECRET_BLOCK")).toString();
        return call(
            service, "RespondToAuthChallenge",
            {{QStringLiteral("ClientId"), DefaultClient},
             {QStringLiteral("ChallengeName"), QStringLiteral("PASSWORD_VERIFIER")},
             {QStringLiteral("ChallengeResponses"),
              QJsonObject{{QStringLiteral("USERNAME"), userId},
                          {QStringLiteral("PASSWORD_CLAIM_SECRET_BLOCK"), block},
                          {QStringLiteral("TIMESTAMP"), timestamp},
                          {QStringLiteral("PASSWORD_CLAIM_SIGNATURE"),
                           Srp::passwordClaimSignature(key.ok() ? *key : QByteArray(), poolName,
                                                       userId, block, timestamp)}}}});
    };
    const QString now = Srp::srpTimestamp(QDateTime::currentDateTimeUtc());
    QCOMPARE(respond(AlicePassword, now).status, 200);
    const Reply wrong = respond(QStringLiteral("Wrong-Horse-1"), now);
    QCOMPARE(wrong.type(), QStringLiteral("NotAuthorizedException"));
    QCOMPARE(wrong.message(), QStringLiteral("Incorrect username or password."));
    const Reply badTime = respond(AlicePassword, QStringLiteral("Sat Nov 21 9:05:01 UTC 2026"));
    QCOMPARE(badTime.type(), QStringLiteral("InvalidParameterException"));
    QCOMPARE(badTime.message(),
             QStringLiteral("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."));

    // An unknown user gets a challenge all the same on a client that hides who exists.
    Srp::SrpClient client;
    const Reply ghost = call(service, "InitiateAuth",
                             {{QStringLiteral("AuthFlow"), QStringLiteral("USER_SRP_AUTH")},
                              {QStringLiteral("ClientId"), DefaultClient},
                              {QStringLiteral("AuthParameters"),
                               QJsonObject{{QStringLiteral("USERNAME"), QStringLiteral("ghost")},
                                           {QStringLiteral("SRP_A"), client.publicValueHex()}}}});
    QCOMPARE(ghost.json.value(QStringLiteral("ChallengeName")).toString(),
             QStringLiteral("PASSWORD_VERIFIER"));
}

void TestCognitoIdp::refreshKeepsSignIn()
{
    CognitoIdpService service(nullptr, testPools());
    QDateTime clock = QDateTime::currentDateTimeUtc();
    service.setClock([&clock] { return clock; });
    const Reply signIn = call(service, "InitiateAuth",
                              passwordAuth(SecretClient, QStringLiteral("alice"), AlicePassword,
                                           secretHash(QStringLiteral("alice"))));
    const QString refresh = signIn.result().value(QStringLiteral("RefreshToken")).toString();
    QVERIFY(refresh.size() > 1000);
    const QJsonObject in{
        {QStringLiteral("AuthFlow"), QStringLiteral("REFRESH_TOKEN")},
        {QStringLiteral("ClientId"), SecretClient},
        {QStringLiteral("AuthParameters"),
         QJsonObject{{QStringLiteral("REFRESH_TOKEN"), refresh},
                     {QStringLiteral("SECRET_HASH"), secretHash(QStringLiteral("alice"))}}}};
    clock = clock.addDays(29);
    const Reply later = call(service, "InitiateAuth", in);
    QCOMPARE(later.status, 200);
    const QJsonObject access =
        jwtClaims(later.result().value(QStringLiteral("AccessToken")).toString());
    QCOMPARE(access.value(QStringLiteral("origin_jti")),
             jwtClaims(signIn.result().value(QStringLiteral("AccessToken")).toString())
                 .value(QStringLiteral("origin_jti")));
    QCOMPARE(access.value(QStringLiteral("iat")).toInteger(), clock.toSecsSinceEpoch());
    clock = clock.addDays(1).addSecs(60);
    QCOMPARE(call(service, "InitiateAuth", in).message(),
             QStringLiteral("Refresh Token has expired"));
    // Another client cannot use it.
    QJsonObject other = in;
    other.insert(QStringLiteral("ClientId"), DefaultClient);
    QCOMPARE(call(service, "InitiateAuth", other).message(),
             QStringLiteral("Invalid Refresh Token"));
}

void TestCognitoIdp::codeExpires()
{
    CognitoIdpService service(nullptr, testPools());
    QDateTime clock = QDateTime::currentDateTimeUtc();
    service.setClock([&clock] { return clock; });
    const Reply up = call(
        service, "SignUp",
        {{QStringLiteral("ClientId"), SecretClient},
         {QStringLiteral("Username"), QStringLiteral("dave")},
         {QStringLiteral("Password"), QStringLiteral("Dave's-Pass-1")},
         {QStringLiteral("SecretHash"), secretHash(QStringLiteral("dave"))},
         {QStringLiteral("UserAttributes"),
          QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("email")},
                                 {QStringLiteral("Value"), QStringLiteral("dave@example.com")}}}}});
    QCOMPARE(up.status, 200);
    const QString code = service.confirmationCode(TestPool, QStringLiteral("dave"));
    QCOMPARE(code.size(), 6);
    clock = clock.addSecs(CognitoIdpService::CodeValiditySeconds + 1);
    const QJsonObject confirm{{QStringLiteral("ClientId"), SecretClient},
                              {QStringLiteral("Username"), QStringLiteral("dave")},
                              {QStringLiteral("ConfirmationCode"), code},
                              {QStringLiteral("SecretHash"), secretHash(QStringLiteral("dave"))}};
    const Reply expired = call(service, "ConfirmSignUp", confirm);
    QCOMPARE(expired.type(), QStringLiteral("ExpiredCodeException"));
    QCOMPARE(expired.message(),
             QStringLiteral("Invalid code provided, please request a code again."));
    const Reply resent = call(service, "ResendConfirmationCode",
                              {{QStringLiteral("ClientId"), SecretClient},
                               {QStringLiteral("Username"), QStringLiteral("dave")},
                               {QStringLiteral("SecretHash"), secretHash(QStringLiteral("dave"))}});
    QCOMPARE(resent.status, 200);
    QJsonObject fresh = confirm;
    fresh.insert(QStringLiteral("ConfirmationCode"),
                 service.confirmationCode(TestPool, QStringLiteral("dave")));
    QCOMPARE(call(service, "ConfirmSignUp", fresh).status, 200);
}

void TestCognitoIdp::tokensExpire()
{
    CognitoIdpService service(nullptr, testPools());
    QDateTime clock = QDateTime::currentDateTimeUtc();
    service.setClock([&clock] { return clock; });
    const Reply signIn = call(service, "InitiateAuth",
                              passwordAuth(SecretClient, QStringLiteral("alice"), AlicePassword,
                                           secretHash(QStringLiteral("alice"))));
    const QJsonObject getUser{
        {QStringLiteral("AccessToken"), signIn.result().value(QStringLiteral("AccessToken"))}};
    QCOMPARE(call(service, "GetUser", getUser).status, 200);
    // Another key's signature, or a changed claim, is no token of this pool.
    CognitoIdpService other(nullptr, testPools());
    const Reply foreign = call(other, "GetUser", getUser);
    QCOMPARE(foreign.message(), QStringLiteral("Invalid Access Token"));
    QString changed = getUser.value(QStringLiteral("AccessToken")).toString();
    const qsizetype dot = changed.indexOf(QLatin1Char('.'));
    changed[dot + 3] =
        changed.at(dot + 3) == QLatin1Char('x') ? QLatin1Char('y') : QLatin1Char('x');
    QCOMPARE(call(service, "GetUser", {{QStringLiteral("AccessToken"), changed}}).message(),
             QStringLiteral("Invalid Access Token"));
    clock = clock.addSecs(301);
    QCOMPARE(call(service, "GetUser", getUser).message(),
             QStringLiteral("Access Token has expired"));
    // An ID token is no access token.
    const QJsonObject withId{
        {QStringLiteral("AccessToken"), signIn.result().value(QStringLiteral("IdToken"))}};
    QCOMPARE(call(service, "GetUser", withId).message(), QStringLiteral("Invalid Access Token"));
}

void TestCognitoIdp::seedUserWithoutPassword()
{
    AwsAuthenticator authenticator(QStringLiteral("123456789012"));
    CognitoIdpService service(&authenticator, testPools());
    const Reply user = call(service, "AdminGetUser",
                            {{QStringLiteral("UserPoolId"), TestPool},
                             {QStringLiteral("Username"), QStringLiteral("newbie")}},
                            true);
    QCOMPARE(user.status, 200);
    QCOMPARE(user.json.value(QStringLiteral("UserStatus")).toString(),
             QStringLiteral("FORCE_CHANGE_PASSWORD"));
    const Reply set = call(service, "AdminSetUserPassword",
                           {{QStringLiteral("UserPoolId"), TestPool},
                            {QStringLiteral("Username"), QStringLiteral("newbie")},
                            {QStringLiteral("Password"), QStringLiteral("Newbie-Pass-1")},
                            {QStringLiteral("Permanent"), true}},
                           true);
    QCOMPARE(set.status, 200);
    QCOMPARE(
        call(service, "InitiateAuth",
             passwordAuth(SecretClient, QStringLiteral("newbie"), QStringLiteral("Newbie-Pass-1"),
                          secretHash(QStringLiteral("newbie"))))
            .status,
        200);
    const Reply grouped = call(service, "AdminAddUserToGroup",
                               {{QStringLiteral("UserPoolId"), TestPool},
                                {QStringLiteral("Username"), QStringLiteral("newbie")},
                                {QStringLiteral("GroupName"), QStringLiteral("bakers")}},
                               true);
    QCOMPARE(grouped.type(), QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(call(service, "AdminAddUserToGroup",
                  {{QStringLiteral("UserPoolId"), TestPool},
                   {QStringLiteral("Username"), QStringLiteral("newbie")},
                   {QStringLiteral("GroupName"), QStringLiteral("admins")}},
                  true)
                 .status,
             200);
    const Reply signIn =
        call(service, "InitiateAuth",
             passwordAuth(SecretClient, QStringLiteral("newbie"), QStringLiteral("Newbie-Pass-1"),
                          secretHash(QStringLiteral("newbie"))));
    QCOMPARE(jwtClaims(signIn.result().value(QStringLiteral("AccessToken")).toString())
                 .value(QStringLiteral("cognito:groups"))
                 .toArray(),
             QJsonArray{QStringLiteral("admins")});
}

void TestCognitoIdp::listUsersFilter()
{
    AwsAuthenticator authenticator(QStringLiteral("123456789012"));
    CognitoIdpService service(&authenticator, testPools());
    const auto names = [&](const QString &filter) {
        QStringList out;
        const Reply r = call(
            service, "ListUsers",
            {{QStringLiteral("UserPoolId"), TestPool}, {QStringLiteral("Filter"), filter}}, true);
        for (const QJsonValue &u : r.json.value(QStringLiteral("Users")).toArray())
            out.append(u.toObject().value(QStringLiteral("Username")).toString());
        return out;
    };
    QCOMPARE(names(QString()), (QStringList{QStringLiteral("alice"), QStringLiteral("newbie")}));
    QCOMPARE(names(QStringLiteral("username ^= \"ali\"")), QStringList{QStringLiteral("alice")});
    QCOMPARE(names(QStringLiteral("cognito:user_status = \"FORCE_CHANGE_PASSWORD\"")),
             QStringList{QStringLiteral("newbie")});
    const Reply bad = call(service, "ListUsers",
                           {{QStringLiteral("UserPoolId"), TestPool},
                            {QStringLiteral("Filter"), QStringLiteral("email")}},
                           true);
    QCOMPARE(bad.type(), QStringLiteral("InvalidParameterException"));
    const Reply paged =
        call(service, "ListUsers",
             {{QStringLiteral("UserPoolId"), TestPool}, {QStringLiteral("Limit"), 1}}, true);
    QCOMPARE(paged.json.value(QStringLiteral("Users")).toArray().size(), 1);
    QCOMPARE(paged.json.value(QStringLiteral("PaginationToken")).toString(), QStringLiteral("1"));
}

void TestCognitoIdp::adminSignInAndUserControls()
{
    AwsAuthenticator authenticator(QStringLiteral("123456789012"));
    CognitoIdpService service(&authenticator, testPools());
    const auto adminAuth = [&](const QString &client, const QString &flow,
                               const QString &pool = TestPool, bool sign = true) {
        return call(service, "AdminInitiateAuth",
                    {{QStringLiteral("UserPoolId"), pool},
                     {QStringLiteral("ClientId"), client},
                     {QStringLiteral("AuthFlow"), flow},
                     {QStringLiteral("AuthParameters"),
                      QJsonObject{{QStringLiteral("USERNAME"), QStringLiteral("alice")},
                                  {QStringLiteral("PASSWORD"), AlicePassword}}}},
                    sign);
    };
    const QString adminFlow = QStringLiteral("ADMIN_USER_PASSWORD_AUTH");
    const Reply ok = adminAuth(AdminClient, adminFlow);
    QCOMPARE(ok.status, 200);
    QVERIFY(!ok.result().value(QStringLiteral("AccessToken")).toString().isEmpty());
    QCOMPARE(adminAuth(AdminClient, QStringLiteral("ADMIN_NO_SRP_AUTH")).status, 200);
    QCOMPARE(adminAuth(DefaultClient, adminFlow).message(),
             QStringLiteral("ADMIN_USER_PASSWORD_AUTH flow not enabled for this client"));
    QCOMPARE(adminAuth(AdminClient, QStringLiteral("USER_PASSWORD_AUTH")).message(),
             QStringLiteral("Initiate Auth method not supported."));
    QCOMPARE(adminAuth(AdminClient, adminFlow, QStringLiteral("us-east-1_Other0000")).type(),
             QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(adminAuth(AdminClient, adminFlow, TestPool, false).status, 403);

    const auto admin = [&](const QByteArray &op, QJsonObject in) {
        in.insert(QStringLiteral("UserPoolId"), TestPool);
        in.insert(QStringLiteral("Username"), QStringLiteral("alice"));
        return call(service, op, in, true);
    };
    QCOMPARE(admin("AdminDisableUser", {}).status, 200);
    QCOMPARE(adminAuth(AdminClient, adminFlow).message(), QStringLiteral("User is disabled."));
    QCOMPARE(admin("AdminEnableUser", {}).status, 200);
    QCOMPARE(adminAuth(AdminClient, adminFlow).status, 200);

    const QJsonObject getUser{
        {QStringLiteral("AccessToken"), ok.result().value(QStringLiteral("AccessToken"))}};
    QCOMPARE(call(service, "GetUser", getUser).status, 200);
    QCOMPARE(admin("AdminUserGlobalSignOut", {}).status, 200);
    QCOMPARE(call(service, "GetUser", getUser).message(),
             QStringLiteral("Access Token has been revoked"));

    const auto groups = [&] {
        QStringList out;
        for (const QJsonValue &g :
             admin("AdminListGroupsForUser", {}).json.value(QStringLiteral("Groups")).toArray())
            out.append(g.toObject().value(QStringLiteral("GroupName")).toString());
        return out;
    };
    QCOMPARE(groups(), QStringList{QStringLiteral("admins")});
    QCOMPARE(
        admin("AdminRemoveUserFromGroup", {{QStringLiteral("GroupName"), QStringLiteral("admins")}})
            .status,
        200);
    QCOMPARE(groups(), QStringList());
}

void TestCognitoIdp::forgotPasswordAndRevokeToken()
{
    CognitoIdpService service(nullptr, testPools());
    const QJsonObject who{{QStringLiteral("ClientId"), SecretClient},
                          {QStringLiteral("Username"), QStringLiteral("alice")},
                          {QStringLiteral("SecretHash"), secretHash(QStringLiteral("alice"))}};
    const Reply forgot = call(service, "ForgotPassword", who);
    QCOMPARE(forgot.status, 200);
    QCOMPARE(forgot.json.value(QStringLiteral("CodeDeliveryDetails"))
                 .toObject()
                 .value(QStringLiteral("Destination"))
                 .toString(),
             QStringLiteral("a***@e***"));
    const QString code = service.passwordResetCode(TestPool, QStringLiteral("alice"));
    QCOMPARE(code.size(), 6);
    QJsonObject confirm = who;
    confirm.insert(QStringLiteral("Password"), QStringLiteral("Battery-Staple-2"));
    confirm.insert(QStringLiteral("ConfirmationCode"), code == QLatin1String("111111")
                                                           ? QStringLiteral("222222")
                                                           : QStringLiteral("111111"));
    QCOMPARE(call(service, "ConfirmForgotPassword", confirm).type(),
             QStringLiteral("CodeMismatchException"));
    confirm.insert(QStringLiteral("ConfirmationCode"), code);
    QCOMPARE(call(service, "ConfirmForgotPassword", confirm).status, 200);
    QCOMPARE(call(service, "InitiateAuth",
                  passwordAuth(SecretClient, QStringLiteral("alice"), AlicePassword,
                               secretHash(QStringLiteral("alice"))))
                 .type(),
             QStringLiteral("NotAuthorizedException"));
    const Reply signIn =
        call(service, "InitiateAuth",
             passwordAuth(SecretClient, QStringLiteral("alice"), QStringLiteral("Battery-Staple-2"),
                          secretHash(QStringLiteral("alice"))));
    QCOMPARE(signIn.status, 200);

    const QString refresh = signIn.result().value(QStringLiteral("RefreshToken")).toString();
    QCOMPARE(call(service, "RevokeToken",
                  {{QStringLiteral("Token"), refresh}, {QStringLiteral("ClientId"), SecretClient}})
                 .message(),
             QStringLiteral("Unable to verify secret hash for client ") + SecretClient);
    QCOMPARE(call(service, "RevokeToken",
                  {{QStringLiteral("Token"), refresh},
                   {QStringLiteral("ClientId"), SecretClient},
                   {QStringLiteral("ClientSecret"), ClientSecret}})
                 .status,
             200);
    const Reply late =
        call(service, "InitiateAuth",
             {{QStringLiteral("AuthFlow"), QStringLiteral("REFRESH_TOKEN_AUTH")},
              {QStringLiteral("ClientId"), SecretClient},
              {QStringLiteral("AuthParameters"),
               QJsonObject{{QStringLiteral("REFRESH_TOKEN"), refresh},
                           {QStringLiteral("SECRET_HASH"), secretHash(QStringLiteral("alice"))}}}});
    QCOMPARE(late.message(), QStringLiteral("Refresh Token has been revoked"));
    // A client that hides who exists answers for a stranger as for anyone.
    const Reply stranger = call(service, "ForgotPassword",
                                {{QStringLiteral("ClientId"), DefaultClient},
                                 {QStringLiteral("Username"), QStringLiteral("zed@example.com")}});
    QCOMPARE(stranger.status, 200);
    QCOMPARE(stranger.json.value(QStringLiteral("CodeDeliveryDetails"))
                 .toObject()
                 .value(QStringLiteral("Destination"))
                 .toString(),
             QStringLiteral("z***@e***"));
    // Users without a verified address get no reset code.
    const Reply newbie = call(service, "ForgotPassword",
                              {{QStringLiteral("ClientId"), DefaultClient},
                               {QStringLiteral("Username"), QStringLiteral("newbie")}});
    QCOMPARE(newbie.type(), QStringLiteral("InvalidParameterException"));
}

namespace {
QStringList g_log;
void collectLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log.append(message);
}
} // namespace

// The log carries what mail would (codes, with the user), never a password or a token.
void TestCognitoIdp::logsCodesNotSecrets()
{
    AwsAuthenticator authenticator(QStringLiteral("123456789012"));
    CognitoIdpService service(&authenticator, testPools());
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collectLog);
    const QString password = QStringLiteral("Secret-Sauce-77");
    const Reply up = call(
        service, "SignUp",
        {{QStringLiteral("ClientId"), DefaultClient},
         {QStringLiteral("Username"), QStringLiteral("erin")},
         {QStringLiteral("Password"), password},
         {QStringLiteral("UserAttributes"),
          QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("email")},
                                 {QStringLiteral("Value"), QStringLiteral("erin@example.com")}}}}});
    const Reply created = call(service, "AdminCreateUser",
                               {{QStringLiteral("UserPoolId"), TestPool},
                                {QStringLiteral("Username"), QStringLiteral("frank")}},
                               true);
    const Reply signIn = call(service, "InitiateAuth",
                              passwordAuth(SecretClient, QStringLiteral("alice"), AlicePassword,
                                           secretHash(QStringLiteral("alice"))));
    qInstallMessageHandler(previous);
    QCOMPARE(up.status, 200);
    QCOMPARE(created.status, 200);
    QCOMPARE(signIn.status, 200);
    const QString log = g_log.join(QLatin1Char('\n'));
    const QString code = service.confirmationCode(TestPool, QStringLiteral("erin"));
    QVERIFY2(log.contains(QStringLiteral("erin")) && log.contains(code), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("frank")), qPrintable(log));
    for (const QString &secret :
         {password, AlicePassword, signIn.result().value(QStringLiteral("AccessToken")).toString(),
          signIn.result().value(QStringLiteral("RefreshToken")).toString()})
        QVERIFY(!log.contains(secret));
    // Seed passwords became verifiers; no copy stays with the service.
    for (const CognitoSeedUser &seed : std::as_const(service.store().pools().first().config.users))
        QVERIFY(seed.password.isEmpty());
}

// The GUI runs the emulator on its own thread; codes reach it as a queued signal.
void TestCognitoIdp::hostForwardsCodes()
{
    EmulatorHost host;
    QSignalSpy started(&host, &EmulatorHost::started);
    QSignalSpy codes(&host, &EmulatorHost::cognitoCodeSent);
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    host.start(options);
    QVERIFY(started.wait(30000));
    const auto info = started.at(0).at(0).value<Core::EmulatorInfo>();
    const QString client = m_emulator->lab().userPools.at(0).clients.at(0).clientId;
    QNetworkRequest req(QUrl(info.baseUrl + QLatin1Char('/')));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-amz-json-1.1"));
    req.setRawHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.SignUp");
    QNetworkReply *reply = m_network.post(
        req, QJsonDocument(
                 QJsonObject{{QStringLiteral("ClientId"), client},
                             {QStringLiteral("Username"), QStringLiteral("muffin@example.com")},
                             {QStringLiteral("Password"), QStringLiteral("Blue-Berry-42")}})
                 .toJson());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QVERIFY(codes.size() == 1 || codes.wait(10000));
    QCOMPARE(codes.at(0).at(2).toString(), QStringLiteral("muffin@example.com"));
    QCOMPARE(codes.at(0).at(3).toString().size(), 6);
}

namespace {
template<typename T> T waitFor(std::optional<T> &slot)
{
    if (!QTest::qWaitFor([&] { return slot.has_value(); }, 30000))
        return T(Core::makeError(Core::ErrorCode::Timeout, QStringLiteral("no answer")));
    return *slot;
}
} // namespace

// Gatehouse's own user-pool client (core/cognito/userpoolclient) against the emulator: SRP and
// password sign-in, refresh, sign-up with the code from the service, global sign-out.
void TestCognitoIdp::userPoolClientAgainstEmulator()
{
    using namespace Gatehouse::Core::Cognito;
    Core::HttpClient http;
    UserPoolClient client(&http, QUrl(m_emulator->info().baseUrl));
    const AppClient app{poolId(), clientId(), {}};

    std::optional<Core::Result<SignInOutcome>> srp;
    client.signInWithSrp(app, Baker, BakerPassword, this,
                         [&](const Core::Result<SignInOutcome> &r) { srp = r; });
    const Core::Result<SignInOutcome> srpOutcome = waitFor(srp);
    QVERIFY2(srpOutcome.ok(), qPrintable(srpOutcome.ok() ? QString() : srpOutcome.error().message));
    QVERIFY(srpOutcome->signedIn());
    const QString sub =
        jwtClaims(srpOutcome->tokens.idToken).value(QStringLiteral("sub")).toString();

    std::optional<Core::Result<Core::TokenSet>> refreshed;
    client.refresh(app, srpOutcome->tokens.refreshToken, sub, this,
                   [&](const Core::Result<Core::TokenSet> &r) { refreshed = r; });
    const Core::Result<Core::TokenSet> renewed = waitFor(refreshed);
    QVERIFY2(renewed.ok(), qPrintable(renewed.ok() ? QString() : renewed.error().message));
    QVERIFY(!renewed->accessToken.isEmpty());

    const QString email = QStringLiteral("scone@example.com");
    std::optional<Core::Result<SignUpOutcome>> up;
    client.signUp(app, email, QStringLiteral("Clotted-Cream-5"), {}, this,
                  [&](const Core::Result<SignUpOutcome> &r) { up = r; });
    const Core::Result<SignUpOutcome> signedUp = waitFor(up);
    QVERIFY2(signedUp.ok(), qPrintable(signedUp.ok() ? QString() : signedUp.error().message));
    QCOMPARE(signedUp->deliveryDestination, QStringLiteral("s***@e***"));
    std::optional<Core::Result<void>> confirmed;
    client.confirmSignUp(app, email, m_emulator->cognito()->confirmationCode(poolId(), email), this,
                         [&](const Core::Result<void> &r) { confirmed = r; });
    QVERIFY(waitFor(confirmed).ok());

    std::optional<Core::Result<SignInOutcome>> password;
    client.signInWithPassword(app, email, QStringLiteral("Clotted-Cream-5"), this,
                              [&](const Core::Result<SignInOutcome> &r) { password = r; });
    const Core::Result<SignInOutcome> passwordOutcome = waitFor(password);
    QVERIFY2(passwordOutcome.ok(),
             qPrintable(passwordOutcome.ok() ? QString() : passwordOutcome.error().message));

    std::optional<Core::Result<void>> out;
    client.globalSignOut(poolId(), passwordOutcome->tokens.accessToken, this,
                         [&](const Core::Result<void> &r) { out = r; });
    QVERIFY(waitFor(out).ok());
    const Reply user = call(*m_emulator->cognito(), "GetUser",
                            {{QStringLiteral("AccessToken"), passwordOutcome->tokens.accessToken}});
    QCOMPARE(user.message(), QStringLiteral("Access Token has been revoked"));
}

QTEST_GUILESS_MAIN(TestCognitoIdp)
#include "tst_cognitoidp.moc"
