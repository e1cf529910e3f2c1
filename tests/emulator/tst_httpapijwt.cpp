// JWT authorizers on the emulator's HTTP APIs, as API Gateway enforces them: the bakery lab's
// GET /orders with tokens the real AWS CLI gets from the emulator's Cognito, tokens that must be
// refused (none, garbage, another key, expired, another client, a changed byte), scopes, and a
// test lab (tests/data/labs/jwt-authorizers) whose echo function shows the event's
// requestContext.authorizer.jwt.
#include "../common/emulatorlab.h"
#include "../common/awscli.h"
#include "core/emulator/cognitoidpservice.h"
#include "core/emulator/emulator.h"
#include "core/emulator/httpapijwtauthorizer.h"
#include "core/emulator/labloader.h"
#include "core/jwt/jwk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

const QString Baker = QStringLiteral("baker@example.com");
const QString BakerPassword = QStringLiteral("Sourdough-2024");

struct Tokens
{
    QString id;
    QString access;
};

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray wwwAuthenticate;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QJsonObject payloadOf(const QString &token)
{
    const QByteArray segment = token.section(QLatin1Char('.'), 1, 1).toLatin1();
    return QJsonDocument::fromJson(QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding)).object();
}

QJsonObject headerOf(const QString &token)
{
    const QByteArray segment = token.section(QLatin1Char('.'), 0, 0).toLatin1();
    return QJsonDocument::fromJson(QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding)).object();
}

// One byte of the payload changed: same header and signature, different claims.
QString tampered(const QString &token)
{
    QString out = token;
    const qsizetype at = token.indexOf(QLatin1Char('.')) + 6;
    out[at] = out.at(at) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    return out;
}

QString routeUrl(const Core::EmulatorInfo &info, const QString &routeKey)
{
    for (const Core::EmulatorApiInfo &api : info.apis) {
        for (const Core::EmulatorRouteInfo &route : api.routes) {
            if (route.routeKey == routeKey)
                return route.url;
        }
    }
    return QString();
}

} // namespace

class tst_HttpApiJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void templateAuth();
    void unknownAuthorizerIsAnError();
    void claimText_data();
    void claimText();
    void wrongIssuer();

    void bakeryOrdersWithIdAndAccessToken();
    void bakeryRefusals_data();
    void bakeryRefusals();
    void bakerySnackStaysOpen();

    void eventCarriesClaims();
    void otherClientsAudience();
    void scopes();
    void queryIdentitySource();
    void openRoute();
    void lambdaAndIamRoutes();
    void otherIssuerByDiscovery();

private:
    std::unique_ptr<Emulator::Emulator> start(const QString &labDirectory);
    Tokens signIn(Emulator::Emulator &emulator, const QString &clientId);
    Answer get(const QString &url, const QByteArray &authorization = QByteArray(), bool withHeader = true);
    QString signWithOtherKey(const QString &token);
    QJsonObject echoedEvent(const Answer &answer) const;

    std::unique_ptr<Emulator::Emulator> m_bakery;
    std::unique_ptr<Emulator::Emulator> m_lab;
    Tokens m_bakerTokens;
    Tokens m_labTokens;
    QNetworkAccessManager m_network;
};

std::unique_ptr<Emulator::Emulator> tst_HttpApiJwt::start(const QString &labDirectory)
{
    return Test::startLab(labDirectory);
}

Tokens tst_HttpApiJwt::signIn(Emulator::Emulator &emulator, const QString &clientId)
{
    GatehouseTest::AwsCli cli(emulator.info().baseUrl);
    const QJsonObject parameters{{QStringLiteral("USERNAME"), Baker}, {QStringLiteral("PASSWORD"), BakerPassword}};
    const GatehouseTest::AwsCli::Run run = cli.run(
        {QStringLiteral("cognito-idp"), QStringLiteral("initiate-auth"), QStringLiteral("--auth-flow"),
         QStringLiteral("USER_PASSWORD_AUTH"), QStringLiteral("--client-id"), clientId,
         QStringLiteral("--auth-parameters"),
         QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact))});
    if (run.exitCode != 0)
        qWarning("aws cognito-idp initiate-auth: %s", run.err.constData());
    const QJsonObject result = run.json().value(QStringLiteral("AuthenticationResult")).toObject();
    return {result.value(QStringLiteral("IdToken")).toString(), result.value(QStringLiteral("AccessToken")).toString()};
}

Answer tst_HttpApiJwt::get(const QString &url, const QByteArray &authorization, bool withHeader)
{
    QNetworkRequest request{QUrl(url)};
    if (withHeader)
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(60000);
    Answer out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.wwwAuthenticate = reply->rawHeader("www-authenticate");
    reply->deleteLater();
    return out;
}

QString tst_HttpApiJwt::signWithOtherKey(const QString &token)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/sign_with_other_key.py"),
                  headerOf(token).value(QStringLiteral("kid")).toString()});
    python.write(QJsonDocument(payloadOf(token)).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    QSignalSpy done(&python, &QProcess::finished);
    if (python.state() != QProcess::NotRunning)
        done.wait(60000);
    if (python.exitCode() != 0)
        qWarning("sign_with_other_key.py: %s", python.readAllStandardError().constData());
    return QString::fromLatin1(python.readAllStandardOutput().trimmed());
}

QJsonObject tst_HttpApiJwt::echoedEvent(const Answer &answer) const
{
    return answer.json().value(QStringLiteral("event")).toObject();
}

void tst_HttpApiJwt::initTestCase()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    m_bakery = start(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(m_bakery);
    m_lab = start(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/jwt-authorizers"));
    QVERIFY(m_lab);
    m_bakerTokens = signIn(*m_bakery, m_bakery->lab().userPools.at(0).clients.at(0).clientId);
    QVERIFY(!m_bakerTokens.id.isEmpty() && !m_bakerTokens.access.isEmpty());
    m_labTokens = signIn(*m_lab, m_lab->lab().userPools.at(0).clients.at(0).clientId);
    QVERIFY(!m_labTokens.id.isEmpty() && !m_labTokens.access.isEmpty());
}

void tst_HttpApiJwt::cleanupTestCase()
{
    m_lab.reset();
    m_bakery.reset();
}

void tst_HttpApiJwt::templateAuth()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/jwt-authorizers"),
                                              QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    QVERIFY(!lab.hasErrors());
    QCOMPARE(lab.httpApis.size(), 1);
    const HttpApiConfig &api = lab.httpApis.first();
    QCOMPARE(api.defaultAuthorizer, QStringLiteral("PoolAuthorizer"));
    QCOMPARE(api.authorizers.size(), 5); // four from Auth.Authorizers and AWS_IAM
    const HttpApiAuthorizerConfig *pool = api.authorizer(QStringLiteral("PoolAuthorizer"));
    QVERIFY(pool);
    QCOMPARE(pool->kind, HttpApiAuthorizerConfig::Kind::Jwt);
    const QString poolId = lab.userPools.at(0).poolId;
    QCOMPARE(pool->issuer, QStringLiteral("https://cognito-idp.us-east-1.amazonaws.com/") + poolId);
    QCOMPARE(pool->audiences, QStringList{lab.userPools.at(0).clients.at(0).clientId});
    QCOMPARE(pool->identitySource, QStringLiteral("$request.header.Authorization"));
    QCOMPARE(api.authorizer(QStringLiteral("QueryAuthorizer"))->identitySource, QStringLiteral("$request.querystring.token"));
    QCOMPARE(api.authorizer(QStringLiteral("QueryAuthorizer"))->issuer, pool->issuer);
    QCOMPARE(api.authorizer(QStringLiteral("LambdaAuthorizer"))->kind, HttpApiAuthorizerConfig::Kind::Lambda);
    QCOMPARE(api.authorizer(QStringLiteral("AWS_IAM"))->kind, HttpApiAuthorizerConfig::Kind::Iam);

    QHash<QString, HttpRouteConfig> routes;
    for (const HttpRouteConfig &r : api.routes)
        routes.insert(r.routeKey, r);
    QCOMPARE(routes.value(QStringLiteral("GET /private")).authorizer, QStringLiteral("PoolAuthorizer"));
    QVERIFY(routes.value(QStringLiteral("GET /public")).authorizer.isEmpty());
    QCOMPARE(routes.value(QStringLiteral("GET /scoped")).authorizationScopes, QStringList{QStringLiteral("bakery/orders.read")});
    // A route without scopes of its own takes its authorizer's.
    QCOMPARE(routes.value(QStringLiteral("GET /query")).authorizationScopes,
             QStringList{QStringLiteral("aws.cognito.signin.user.admin")});
    QCOMPARE(routes.value(QStringLiteral("GET /iam")).authorizer, QStringLiteral("AWS_IAM"));

    // The bakery: the implicit API gets the authorizer from Globals.HttpApi; /snack stays open.
    const LabDefinition bakery = LabLoader::load(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"),
                                                 QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    QVERIFY(!bakery.hasErrors());
    QCOMPARE(bakery.httpApis.size(), 1);
    QCOMPARE(bakery.httpApis.first().routes.size(), 4); // and GET /kitchen, GET /deliveries
    QVERIFY(bakery.httpApis.first().routes.at(0).authorizer.isEmpty());
    QCOMPARE(bakery.httpApis.first().routes.at(1).routeKey, QStringLiteral("GET /orders"));
    QCOMPARE(bakery.httpApis.first().routes.at(1).authorizer, QStringLiteral("CognitoAuthorizer"));
}

void tst_HttpApiJwt::unknownAuthorizerIsAnError()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/jwt-unknown-authorizer"),
                                              QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    QVERIFY(lab.hasErrors());
    QString text;
    for (const LabDiagnostic &d : lab.diagnostics)
        text += d.toString() + QLatin1Char('\n');
    QVERIFY2(text.contains(QLatin1String("PoolAuthorize is not an authorizer of Api")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("did you mean PoolAuthorizer?")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Resources.Fn.Properties.Events.Get.Properties.Auth.Authorizer")), qPrintable(text));
}

void tst_HttpApiJwt::claimText_data()
{
    QTest::addColumn<QByteArray>("json"); // {"v": ...}
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << QByteArray("{\"v\":\"baker@example.com\"}") << QStringLiteral("baker@example.com");
    QTest::newRow("number") << QByteArray("{\"v\":1763740000}") << QStringLiteral("1763740000");
    QTest::newRow("boolean") << QByteArray("{\"v\":true}") << QStringLiteral("true");
    QTest::newRow("array") << QByteArray("{\"v\":[\"admin\",\"bakers\"]}") << QStringLiteral("[admin bakers]");
}

void tst_HttpApiJwt::claimText()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, text);
    QCOMPARE(HttpApiJwtAuthorizer::claimText(QJsonDocument::fromJson(json).object().value(QStringLiteral("v"))), text);
}

// A token the trusted key signed but for another issuer (the configured issuer maps to the
// emulator's own, not to whatever iss a token claims).
void tst_HttpApiJwt::wrongIssuer()
{
    const Core::Result<Core::Jwt::Jwk> key = Core::Jwt::Jwk::fromJsonObject(m_lab->cognito()->tokens().publicJwk());
    QVERIFY(key.ok());
    const HttpApiAuthorizerConfig *authorizer = m_lab->lab().httpApis.first().authorizer(QStringLiteral("PoolAuthorizer"));
    QVERIFY(authorizer);
    const JwtTrust right{payloadOf(m_labTokens.id).value(QStringLiteral("iss")).toString(),
                         Core::Jwt::JwkSet::fromKeys({*key})};
    QCOMPARE(HttpApiJwtAuthorizer::check(m_labTokens.id.toLatin1(), right, *authorizer, {}).verdict,
             JwtAuthorization::Verdict::Allow);
    JwtTrust wrong = right;
    wrong.issuer = authorizer->issuer; // AWS's URL: the emulator's tokens do not carry it
    const JwtAuthorization verdict = HttpApiJwtAuthorizer::check(m_labTokens.id.toLatin1(), wrong, *authorizer, {});
    QCOMPARE(verdict.verdict, JwtAuthorization::Verdict::Unauthorized);
    QCOMPARE(verdict.reason, QStringLiteral("the token does not have a valid issuer"));
}

void tst_HttpApiJwt::bakeryOrdersWithIdAndAccessToken()
{
    const QString url = routeUrl(m_bakery->info(), QStringLiteral("GET /orders"));
    QVERIFY(!url.isEmpty());
    const QString sub = payloadOf(m_bakerTokens.id).value(QStringLiteral("sub")).toString();
    QVERIFY(!sub.isEmpty());

    const Answer byId = get(url, "Bearer " + m_bakerTokens.id.toLatin1());
    QVERIFY2(byId.status == 200, byId.body.constData());
    const QJsonObject idBody = byId.json();
    QCOMPARE(idBody.value(QStringLiteral("customer")).toString(), Baker);
    QCOMPARE(idBody.value(QStringLiteral("sub")).toString(), sub);
    QCOMPARE(idBody.value(QStringLiteral("tokenUse")).toString(), QStringLiteral("id"));
    QVERIFY(idBody.value(QStringLiteral("scopes")).isNull()); // the route asks for no scopes
    const QJsonArray orders = idBody.value(QStringLiteral("orders")).toArray();
    QVERIFY(!orders.isEmpty());

    // The access token (aud absent, client_id instead) is let through too, bare as well as
    // after "Bearer", and the same caller gets the same orders.
    const QByteArray access = m_bakerTokens.access.toLatin1();
    for (const QByteArray &header : QByteArrayList{"Bearer " + access, access}) {
        const Answer byAccess = get(url, header);
        QVERIFY2(byAccess.status == 200, byAccess.body.constData());
        QCOMPARE(byAccess.json().value(QStringLiteral("sub")).toString(), sub);
        QCOMPARE(byAccess.json().value(QStringLiteral("tokenUse")).toString(), QStringLiteral("access"));
        QCOMPARE(byAccess.json().value(QStringLiteral("orders")).toArray(), orders);
    }
}

void tst_HttpApiJwt::bakeryRefusals_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("no Authorization header") << QStringLiteral("none");
    QTest::newRow("empty Bearer") << QStringLiteral("empty");
    QTest::newRow("garbage") << QStringLiteral("garbage");
    QTest::newRow("a changed byte") << QStringLiteral("tampered");
    QTest::newRow("signed by another key") << QStringLiteral("other-key");
    QTest::newRow("expired") << QStringLiteral("expired");
    QTest::newRow("another lab's pool") << QStringLiteral("other-pool");
    QTest::newRow("refresh token") << QStringLiteral("refresh");
}

void tst_HttpApiJwt::bakeryRefusals()
{
    QFETCH(QString, kind);
    const QString url = routeUrl(m_bakery->info(), QStringLiteral("GET /orders"));
    QByteArray header;
    bool withHeader = true;
    if (kind == QLatin1String("none")) {
        withHeader = false;
    } else if (kind == QLatin1String("empty")) {
        header = "Bearer ";
    } else if (kind == QLatin1String("garbage")) {
        header = "Bearer not-a-token";
    } else if (kind == QLatin1String("tampered")) {
        header = "Bearer " + tampered(m_bakerTokens.id).toLatin1();
    } else if (kind == QLatin1String("other-key")) {
        const QString forged = signWithOtherKey(m_bakerTokens.id);
        QCOMPARE(headerOf(forged).value(QStringLiteral("kid")), headerOf(m_bakerTokens.id).value(QStringLiteral("kid")));
        QCOMPARE(payloadOf(forged), payloadOf(m_bakerTokens.id));
        header = "Bearer " + forged.toLatin1();
    } else if (kind == QLatin1String("expired")) {
        // Signed in two hours ago: the one-hour tokens ran out an hour ago.
        m_bakery->cognito()->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(-7200); });
        const Tokens old = signIn(*m_bakery, m_bakery->lab().userPools.at(0).clients.at(0).clientId);
        m_bakery->cognito()->setClock({});
        QVERIFY(!old.id.isEmpty());
        QVERIFY(payloadOf(old.id).value(QStringLiteral("exp")).toInteger() < QDateTime::currentSecsSinceEpoch());
        header = "Bearer " + old.id.toLatin1();
    } else if (kind == QLatin1String("other-pool")) {
        header = "Bearer " + m_labTokens.id.toLatin1();
    } else if (kind == QLatin1String("refresh")) {
        header = "Bearer eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d";
    }
    const Answer answer = get(url, header, withHeader);
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.body, QByteArray("{\"message\":\"Unauthorized\"}"));
}

void tst_HttpApiJwt::bakerySnackStaysOpen()
{
    const Answer answer = get(routeUrl(m_bakery->info(), QStringLiteral("GET /snack")), QByteArray(), false);
    QVERIFY2(answer.status == 200, answer.body.constData());
    QVERIFY(!answer.json().value(QStringLiteral("snack")).toString().isEmpty());
}

void tst_HttpApiJwt::eventCarriesClaims()
{
    const Answer answer = get(routeUrl(m_lab->info(), QStringLiteral("GET /private")), "Bearer " + m_labTokens.id.toLatin1());
    QVERIFY2(answer.status == 200, answer.body.constData());
    const QJsonObject rc = echoedEvent(answer).value(QStringLiteral("requestContext")).toObject();
    const QJsonObject jwt = rc.value(QStringLiteral("authorizer")).toObject().value(QStringLiteral("jwt")).toObject();
    QCOMPARE(jwt.keys(), (QStringList{QStringLiteral("claims"), QStringLiteral("scopes")}));
    QVERIFY(jwt.value(QStringLiteral("scopes")).isNull());
    const QJsonObject claims = jwt.value(QStringLiteral("claims")).toObject();
    const QJsonObject expected = payloadOf(m_labTokens.id);
    QCOMPARE(claims.keys(), expected.keys());
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        QVERIFY2(claims.value(it.key()).isString(), qPrintable(it.key()));
        QCOMPARE(claims.value(it.key()).toString(), HttpApiJwtAuthorizer::claimText(it.value()));
    }
    QCOMPARE(claims.value(QStringLiteral("email")).toString(), Baker);
    QCOMPARE(claims.value(QStringLiteral("exp")).toString(), QString::number(expected.value(QStringLiteral("exp")).toInteger()));
    QCOMPARE(claims.value(QStringLiteral("token_use")).toString(), QStringLiteral("id"));
}

void tst_HttpApiJwt::otherClientsAudience()
{
    const QString other = m_lab->lab().userPools.at(0).clients.at(1).clientId;
    const Tokens tokens = signIn(*m_lab, other);
    QVERIFY(!tokens.id.isEmpty());
    QCOMPARE(payloadOf(tokens.id).value(QStringLiteral("aud")).toString(), other);
    const QString url = routeUrl(m_lab->info(), QStringLiteral("GET /private"));
    for (const QString &token : {tokens.id, tokens.access}) {
        const Answer answer = get(url, "Bearer " + token.toLatin1());
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.body, QByteArray("{\"message\":\"Unauthorized\"}"));
        QVERIFY2(answer.wwwAuthenticate.contains("the token does not have a valid audience"), answer.wwwAuthenticate.constData());
    }
}

void tst_HttpApiJwt::scopes()
{
    // The access token's scope is aws.cognito.signin.user.admin; the ID token has none.
    const Answer missing = get(routeUrl(m_lab->info(), QStringLiteral("GET /scoped")), "Bearer " + m_labTokens.access.toLatin1());
    QCOMPARE(missing.status, 403);
    QCOMPARE(missing.body, QByteArray("{\"message\":\"Forbidden\"}"));
    QVERIFY2(missing.wwwAuthenticate.contains("insufficient_scope"), missing.wwwAuthenticate.constData());

    const QString url = routeUrl(m_lab->info(), QStringLiteral("GET /signin-scope"));
    const Answer idToken = get(url, "Bearer " + m_labTokens.id.toLatin1());
    QCOMPARE(idToken.status, 403);
    const Answer ok = get(url, "Bearer " + m_labTokens.access.toLatin1());
    QVERIFY2(ok.status == 200, ok.body.constData());
    const QJsonObject jwt = echoedEvent(ok).value(QStringLiteral("requestContext")).toObject()
                                .value(QStringLiteral("authorizer")).toObject().value(QStringLiteral("jwt")).toObject();
    QCOMPARE(jwt.value(QStringLiteral("scopes")).toArray(), QJsonArray{QStringLiteral("aws.cognito.signin.user.admin")});
    QCOMPARE(jwt.value(QStringLiteral("claims")).toObject().value(QStringLiteral("client_id")).toString(),
             m_lab->lab().userPools.at(0).clients.at(0).clientId);

    // A bad token is 401 even where scopes are missing too.
    QCOMPARE(get(url, "Bearer " + tampered(m_labTokens.access).toLatin1()).status, 401);
}

void tst_HttpApiJwt::queryIdentitySource()
{
    const QString url = routeUrl(m_lab->info(), QStringLiteral("GET /query"));
    const Answer ok = get(url + QStringLiteral("?token=") + m_labTokens.access, QByteArray(), false);
    QVERIFY2(ok.status == 200, ok.body.constData());
    // The Authorization header does not count for this authorizer.
    QCOMPARE(get(url, "Bearer " + m_labTokens.access.toLatin1()).status, 401);
}

void tst_HttpApiJwt::openRoute()
{
    const Answer answer = get(routeUrl(m_lab->info(), QStringLiteral("GET /public")), QByteArray(), false);
    QVERIFY2(answer.status == 200, answer.body.constData());
    QVERIFY(!echoedEvent(answer).value(QStringLiteral("requestContext")).toObject().contains(QStringLiteral("authorizer")));
}

void tst_HttpApiJwt::lambdaAndIamRoutes()
{
    // An issuer that is not a pool of the lab and whose discovery fails: refused (the log says
    // why), never let through.
    const Answer foreign = get(routeUrl(m_lab->info(), QStringLiteral("GET /foreign")), "Bearer " + m_labTokens.id.toLatin1());
    QCOMPARE(foreign.status, 401);
    QCOMPARE(foreign.body, QByteArray("{\"message\":\"Unauthorized\"}"));

    // The Lambda authorizer here is the echo function, whose answer is no IAM policy: 500.
    const Answer lambda = get(routeUrl(m_lab->info(), QStringLiteral("GET /lambda")), "Bearer " + m_labTokens.id.toLatin1());
    QCOMPARE(lambda.status, 500);
    QCOMPARE(lambda.body, QByteArray("{\"message\":\"Internal Server Error\"}"));
    // AWS_IAM wants a SigV4 signature, not a JWT.
    const Answer iam = get(routeUrl(m_lab->info(), QStringLiteral("GET /iam")), QByteArray(), false);
    QCOMPARE(iam.status, 403);
    QCOMPARE(iam.body, QByteArray("{\"message\":\"Missing Authentication Token\"}"));
}

// An issuer the emulator does not run itself: the keys come by OIDC discovery over HTTP. The
// "other" issuer here is the bakery emulator's own pool (loopback), named in a lab written for
// the test because its port is only known now.
void tst_HttpApiJwt::otherIssuerByDiscovery()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CognitoPoolConfig &bakeryPool = m_bakery->lab().userPools.at(0);
    const QString issuer = m_bakery->cognito()->issuer(bakeryPool.poolId);
    const QStringList lines = {
        QStringLiteral("AWSTemplateFormatVersion: '2010-09-09'"),
        QStringLiteral("Transform: AWS::Serverless-2016-10-31"),
        QStringLiteral("Resources:"),
        QStringLiteral("  Api:"),
        QStringLiteral("    Type: AWS::Serverless::HttpApi"),
        QStringLiteral("    Properties:"),
        QStringLiteral("      Auth:"),
        QStringLiteral("        DefaultAuthorizer: Elsewhere"),
        QStringLiteral("        Authorizers:"),
        QStringLiteral("          Elsewhere:"),
        QStringLiteral("            JwtConfiguration:"),
        QStringLiteral("              issuer: %1").arg(issuer),
        QStringLiteral("              audience: [%1]").arg(bakeryPool.clients.at(0).clientId),
        QStringLiteral("  Echo:"),
        QStringLiteral("    Type: AWS::Serverless::Function"),
        QStringLiteral("    Properties:"),
        QStringLiteral("      CodeUri: %1").arg(QStringLiteral(GATEHOUSE_TEST_DATA "/handlers/python")),
        QStringLiteral("      Handler: app.echo"),
        QStringLiteral("      Runtime: python3.12"),
        QStringLiteral("      Events:"),
        QStringLiteral("        Get:"),
        QStringLiteral("          Type: HttpApi"),
        QStringLiteral("          Properties: {ApiId: !Ref Api, Path: /elsewhere, Method: GET}"),
    };
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
    file.close();
    std::unique_ptr<Emulator::Emulator> elsewhere = start(dir.path());
    QVERIFY(elsewhere);
    const QString url = routeUrl(elsewhere->info(), QStringLiteral("GET /elsewhere"));

    const Answer ok = get(url, "Bearer " + m_bakerTokens.access.toLatin1());
    QVERIFY2(ok.status == 200, ok.body.constData());
    const QJsonObject claims = echoedEvent(ok).value(QStringLiteral("requestContext")).toObject()
                                   .value(QStringLiteral("authorizer")).toObject().value(QStringLiteral("jwt")).toObject()
                                   .value(QStringLiteral("claims")).toObject();
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), issuer);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), payloadOf(m_bakerTokens.access).value(QStringLiteral("sub")).toString());
    // The second request uses the cached keys; a token of another pool (another key) is refused.
    QCOMPARE(get(url, "Bearer " + m_bakerTokens.id.toLatin1()).status, 200);
    QCOMPARE(get(url, "Bearer " + m_labTokens.id.toLatin1()).status, 401);
    QCOMPARE(get(url, "Bearer " + tampered(m_bakerTokens.id).toLatin1()).status, 401);
}

QTEST_MAIN(tst_HttpApiJwt)
#include "tst_httpapijwt.moc"
