// The request builder's OAuth 2.0 auth against the emulator's Cognito: client credentials
// (client_secret_basic and client_secret_post) and Cognito sign-in (SRP, password, SECRET_HASH)
// obtain tokens the HTTP API's JWT authorizer lets through (the bakery lab's GET /orders and
// tests/data/labs/oauth2-clients), PyJWT verifies them through the JWKS URL, tokens are renewed
// by themselves near expiry (injected clock), the token endpoint's refusals come back in words,
// and a 401 leads to one renewal and one retry, never a loop (against a scripted loopback server).
#include "../common/emulatorlab.h"
#include "../common/awscli.h"
#include "../core/fakeaws.h"
#include "core/emulator/cognitoidpservice.h"
#include "core/emulator/cognitotokens.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"
#include "core/httpclient.h"
#include "core/oauth2/tokenmanager.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Gatehouse;
using Core::OAuth2::AuthorizedSend;
using Core::OAuth2::CachedToken;
using Core::OAuth2::TokenManager;

namespace {

const QString Baker = QStringLiteral("baker@example.com");
const QString BakerPassword = QStringLiteral("Sourdough-2024");

QJsonObject payloadOf(const QString &token)
{
    const QByteArray segment = token.section(QLatin1Char('.'), 1, 1).toLatin1();
    return QJsonDocument::fromJson(QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding)).object();
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

Core::EmulatorAppClientInfo clientNamed(const Core::EmulatorInfo &info, const QString &name)
{
    for (const Core::EmulatorUserPoolInfo &pool : info.userPools) {
        for (const Core::EmulatorAppClientInfo &client : pool.clients) {
            if (client.name == name)
                return client;
        }
    }
    return {};
}

Core::HttpClientRequest getRequest(const QString &url)
{
    Core::HttpClientRequest request;
    request.method = "GET";
    request.url = QUrl(url);
    return request;
}

} // namespace

class tst_TokenManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void clientCredentials_data();
    void clientCredentials();
    void clientCredentialsRefusals_data();
    void clientCredentialsRefusals();
    void awsCliDescribesTheMachineClient();
    void bakeryOvenReadsOrders();
    void templateRulesForMachineClients();
    void cognitoSignInOpensBakeryOrders_data();
    void cognitoSignInOpensBakeryOrders();
    void pyjwtVerifiesThroughJwks_data();
    void pyjwtVerifiesThroughJwks();
    void refreshTokenGrant();
    void renewedNearExpiry_data();
    void renewedNearExpiry();
    void concurrentRequestsShareOneFetch();
    void unauthorizedRetriesOnce();
    void unauthorizedTwiceIsTheAnswer();
    void unauthorizedRenewsWithRefreshToken();

private:
    std::unique_ptr<Emulator::Emulator> start(const QString &labDirectory);
    Core::Result<CachedToken> fetch(TokenManager &manager, const Core::OAuth2Settings &settings);
    Core::Result<Core::HttpClientResponse> send(TokenManager &manager, const QString &url,
                                                const Core::OAuth2Settings &settings, bool *retried = nullptr);
    Core::OAuth2Settings machineSettings() const;
    Core::OAuth2Settings cognitoSettings(const Core::EmulatorInfo &info, const QString &clientName) const;

    std::unique_ptr<Emulator::Emulator> m_bakery;
    std::unique_ptr<Emulator::Emulator> m_lab;
    Core::HttpClient m_http;
};

std::unique_ptr<Emulator::Emulator> tst_TokenManager::start(const QString &labDirectory)
{
    return Test::startLab(labDirectory);
}

Core::Result<CachedToken> tst_TokenManager::fetch(TokenManager &manager, const Core::OAuth2Settings &settings)
{
    std::optional<Core::Result<CachedToken>> out;
    manager.token(settings, this, [&out](const Core::Result<CachedToken> &token) { out = token; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 60000))
        return Core::makeError(Core::ErrorCode::Timeout, QStringLiteral("no token within 60 s"));
    return *out;
}

Core::Result<Core::HttpClientResponse> tst_TokenManager::send(TokenManager &manager, const QString &url,
                                                              const Core::OAuth2Settings &settings, bool *retried)
{
    AuthorizedSend sender(&m_http, &manager);
    QList<Core::Result<Core::HttpClientResponse>> finished;
    connect(&sender, &AuthorizedSend::finished, this,
            [&finished](const Core::Result<Core::HttpClientResponse> &result) { finished.append(result); });
    sender.start(getRequest(url), settings);
    if (!QTest::qWaitFor([&finished] { return !finished.isEmpty(); }, 60000))
        return Core::makeError(Core::ErrorCode::Timeout, QStringLiteral("no answer within 60 s"));
    // Exactly one report, even after the event loop has turned a while longer.
    QTest::qWait(50);
    if (finished.size() != 1)
        return Core::makeError(Core::ErrorCode::Internal, QStringLiteral("finished %1 times").arg(finished.size()));
    if (retried)
        *retried = sender.retried();
    return finished.at(0);
}

Core::OAuth2Settings tst_TokenManager::machineSettings() const
{
    const Core::EmulatorInfo info = m_lab->info();
    const Core::EmulatorAppClientInfo client = clientNamed(info, QStringLiteral("oven-service"));
    Core::OAuth2Settings settings;
    settings.grant = Core::OAuth2Grant::ClientCredentials;
    settings.tokenUrl = info.baseUrl + QStringLiteral("/oauth2/token");
    settings.clientId = client.clientId;
    settings.clientSecret = client.clientSecret;
    settings.scopes = QStringLiteral("bakery/orders.read");
    return settings;
}

Core::OAuth2Settings tst_TokenManager::cognitoSettings(const Core::EmulatorInfo &info, const QString &clientName) const
{
    const Core::EmulatorAppClientInfo client = clientNamed(info, clientName);
    Core::OAuth2Settings settings;
    settings.grant = Core::OAuth2Grant::CognitoSignIn;
    settings.userPoolId = info.userPools.at(0).poolId;
    settings.cognitoEndpoint = info.baseUrl;
    settings.clientId = client.clientId;
    settings.clientSecret = client.clientSecret;
    settings.username = Baker;
    settings.password = BakerPassword;
    return settings;
}

void tst_TokenManager::initTestCase()
{
    m_bakery = start(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(m_bakery);
    m_lab = start(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/oauth2-clients"));
    QVERIFY(m_lab);
    QVERIFY(!clientNamed(m_lab->info(), QStringLiteral("oven-service")).clientSecret.isEmpty());
}

void tst_TokenManager::clientCredentials_data()
{
    QTest::addColumn<Core::OAuth2ClientAuth>("clientAuth");
    QTest::addColumn<QString>("scopes");
    QTest::newRow("client_secret_basic") << Core::OAuth2ClientAuth::BasicHeader << QStringLiteral("bakery/orders.read");
    QTest::newRow("client_secret_post") << Core::OAuth2ClientAuth::RequestBody << QStringLiteral("bakery/orders.read");
    QTest::newRow("no scope: all the client may have") << Core::OAuth2ClientAuth::BasicHeader << QString();
}

void tst_TokenManager::clientCredentials()
{
    QFETCH(Core::OAuth2ClientAuth, clientAuth);
    QFETCH(QString, scopes);
    TokenManager manager(&m_http);
    Core::OAuth2Settings settings = machineSettings();
    settings.clientAuth = clientAuth;
    settings.scopes = scopes;
    const Core::Result<CachedToken> token = fetch(manager, settings);
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
    const QJsonObject claims = payloadOf(token->accessToken);
    QCOMPARE(claims.value(QStringLiteral("client_id")).toString(), settings.clientId);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), settings.clientId);
    QCOMPARE(claims.value(QStringLiteral("scope")).toString(), QStringLiteral("bakery/orders.read"));
    QVERIFY(token->refreshToken.isEmpty()); // Cognito gives machines no refresh token
    QVERIFY(token->idToken.isEmpty());
    QCOMPARE(token->source, QStringLiteral("client credentials"));
    // The emulator's lab clients keep Cognito's default of one hour.
    QVERIFY(qAbs(token->obtainedAt.secsTo(token->expiresAt) - 3600) <= 1);

    // The route asks for bakery/orders.read, which the machine's token carries.
    const Core::Result<Core::HttpClientResponse> answer = send(manager, routeUrl(m_lab->info(), QStringLiteral("GET /orders")), settings);
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    QCOMPARE(answer->status, 200);
    const QJsonObject event = QJsonDocument::fromJson(answer->body).object().value(QStringLiteral("event")).toObject();
    const QJsonObject jwt = event.value(QStringLiteral("requestContext")).toObject()
                                .value(QStringLiteral("authorizer")).toObject()
                                .value(QStringLiteral("jwt")).toObject();
    QCOMPARE(jwt.value(QStringLiteral("claims")).toObject().value(QStringLiteral("client_id")).toString(),
             settings.clientId);
}

void tst_TokenManager::clientCredentialsRefusals_data()
{
    QTest::addColumn<QString>("clientName");
    QTest::addColumn<QString>("secret"); // empty: the client's own
    QTest::addColumn<QString>("scopes");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("hint");
    QTest::newRow("wrong secret") << QStringLiteral("oven-service") << QStringLiteral("not-the-secret")
                                  << QStringLiteral("bakery/orders.read") << QStringLiteral("invalid_client")
                                  << QStringLiteral("check the client id and secret");
    QTest::newRow("scope the client may not have")
        << QStringLiteral("oven-service") << QString() << QStringLiteral("bakery/orders.write")
        << QStringLiteral("invalid_scope") << QStringLiteral("AllowedOAuthScopes");
    QTest::newRow("standard scope") << QStringLiteral("oven-service") << QString() << QStringLiteral("openid")
                                    << QStringLiteral("invalid_scope") << QStringLiteral("resource server");
    QTest::newRow("user client without the grant")
        << QStringLiteral("bakery-backend") << QString() << QStringLiteral("bakery/orders.read")
        << QStringLiteral("unauthorized_client") << QStringLiteral("AllowedOAuthFlows");
}

void tst_TokenManager::clientCredentialsRefusals()
{
    QFETCH(QString, clientName);
    QFETCH(QString, secret);
    QFETCH(QString, scopes);
    QFETCH(QString, error);
    QFETCH(QString, hint);
    const Core::EmulatorAppClientInfo client = clientNamed(m_lab->info(), clientName);
    Core::OAuth2Settings settings = machineSettings();
    settings.clientId = client.clientId;
    settings.clientSecret = secret.isEmpty() ? client.clientSecret : secret;
    settings.scopes = scopes;
    TokenManager manager(&m_http);
    const Core::Result<CachedToken> token = fetch(manager, settings);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().awsCode, error);
    QCOMPARE(token.error().httpStatus, 400);
    const QString message = token.error().message;
    QVERIFY2(message.contains(error) && message.contains(hint), qPrintable(message));
    QVERIFY(!manager.cached(settings).has_value());
}

// What Cognito's own API says of the client, read by the AWS CLI (signed, as
// DescribeUserPoolClient must be).
void tst_TokenManager::awsCliDescribesTheMachineClient()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    const Core::EmulatorInfo info = m_lab->info();
    const Core::EmulatorAppClientInfo machine = clientNamed(info, QStringLiteral("oven-service"));
    GatehouseTest::AwsCli cli(info.baseUrl);
    const GatehouseTest::AwsCli::Run run =
        cli.run({QStringLiteral("cognito-idp"), QStringLiteral("describe-user-pool-client"), QStringLiteral("--user-pool-id"),
                 info.userPools.at(0).poolId, QStringLiteral("--client-id"), machine.clientId});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject client = run.json().value(QStringLiteral("UserPoolClient")).toObject();
    QCOMPARE(client.value(QStringLiteral("AllowedOAuthFlowsUserPoolClient")).toBool(), true);
    QCOMPARE(client.value(QStringLiteral("AllowedOAuthFlows")).toVariant().toStringList(),
             QStringList{QStringLiteral("client_credentials")});
    QCOMPARE(client.value(QStringLiteral("AllowedOAuthScopes")).toVariant().toStringList(),
             QStringList{QStringLiteral("bakery/orders.read")});
    QCOMPARE(client.value(QStringLiteral("ClientSecret")).toString(), machine.clientSecret);
}

// The bakery lab's machine client, as its guide shows it: client credentials open GET /orders,
// and the order book is the client's own (its sub is the client id).
void tst_TokenManager::bakeryOvenReadsOrders()
{
    const Core::EmulatorInfo info = m_bakery->info();
    const Core::EmulatorAppClientInfo oven = clientNamed(info, QStringLiteral("bakery-oven"));
    QVERIFY(!oven.clientSecret.isEmpty());
    Core::OAuth2Settings settings;
    settings.tokenUrl = info.baseUrl + QStringLiteral("/oauth2/token");
    settings.clientId = oven.clientId;
    settings.clientSecret = oven.clientSecret;
    settings.scopes = QStringLiteral("bakery/orders.read");
    TokenManager manager(&m_http);
    const Core::Result<Core::HttpClientResponse> answer = send(manager, routeUrl(info, QStringLiteral("GET /orders")), settings);
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    QVERIFY2(answer->status == 200, answer->body.constData());
    const QJsonObject body = QJsonDocument::fromJson(answer->body).object();
    QCOMPARE(body.value(QStringLiteral("sub")).toString(), oven.clientId);
    QCOMPARE(body.value(QStringLiteral("tokenUse")).toString(), QStringLiteral("access"));
}

void tst_TokenManager::templateRulesForMachineClients()
{
    const Emulator::LabDefinition lab = Emulator::LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/oauth2-client-errors"));
    QStringList errors;
    for (const Emulator::LabDiagnostic &d : lab.diagnostics) {
        if (d.severity == Emulator::LabDiagnostic::Severity::Error)
            errors.append(d.field + QStringLiteral(": ") + d.message);
    }
    const QString all = errors.join(QLatin1Char('\n'));
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.at(0).startsWith(QStringLiteral("Resources.NoSecret.Properties.AllowedOAuthFlows: client_credentials "
                                                     "needs a client secret: add GenerateSecret: true")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Resources.Mixed.Properties.AllowedOAuthFlows: client_credentials cannot be "
                                         "combined with code or implicit")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Resources.Mixed.Properties.AllowedOAuthScopes: bakery/orders.raed is neither a "
                                         "standard scope nor a scope of a resource server of this pool"))
                 && all.contains(QStringLiteral("bakery/orders.read")),
             qPrintable(all));
}

void tst_TokenManager::cognitoSignInOpensBakeryOrders_data()
{
    QTest::addColumn<bool>("srp");
    QTest::addColumn<Core::OAuth2TokenUse>("use");
    QTest::newRow("SRP, access token") << true << Core::OAuth2TokenUse::Access;
    QTest::newRow("USER_PASSWORD_AUTH, ID token") << false << Core::OAuth2TokenUse::Id;
}

void tst_TokenManager::cognitoSignInOpensBakeryOrders()
{
    QFETCH(bool, srp);
    QFETCH(Core::OAuth2TokenUse, use);
    const Core::EmulatorInfo info = m_bakery->info();
    Core::OAuth2Settings settings = cognitoSettings(info, QStringLiteral("bakery-web"));
    settings.srp = srp;
    settings.tokenUse = use;
    TokenManager manager(&m_http);
    const QString orders = routeUrl(info, QStringLiteral("GET /orders"));
    QVERIFY(!orders.isEmpty());

    // Without a token the lab's authorizer refuses; with the manager's it lets the call through.
    Core::HttpJob *bare = m_http.send(getRequest(orders));
    int bareStatus = 0;
    connect(bare, &Core::HttpJob::finished, this, [&bareStatus](const Core::Result<Core::HttpClientResponse> &result) {
        bareStatus = result ? result->status : -1;
    });
    QVERIFY(QTest::qWaitFor([&bareStatus] { return bareStatus != 0; }, 60000));
    QCOMPARE(bareStatus, 401);

    bool retried = true;
    const Core::Result<Core::HttpClientResponse> answer = send(manager, orders, settings, &retried);
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    QCOMPARE(answer->status, 200);
    QVERIFY(!retried);
    const std::optional<CachedToken> token = manager.cached(settings);
    QVERIFY(token.has_value());
    QCOMPARE(token->source, srp ? QStringLiteral("Cognito SRP") : QStringLiteral("Cognito password"));
    QVERIFY(!token->refreshToken.isEmpty());
    QCOMPARE(payloadOf(token->idToken).value(QStringLiteral("email")).toString(), Baker);
}

void tst_TokenManager::pyjwtVerifiesThroughJwks_data()
{
    QTest::addColumn<bool>("machine");
    QTest::newRow("client credentials access token") << true;
    QTest::newRow("Cognito sign-in ID token (secret client)") << false;
}

void tst_TokenManager::pyjwtVerifiesThroughJwks()
{
    QFETCH(bool, machine);
    const Core::EmulatorInfo info = m_lab->info();
    const Core::OAuth2Settings settings = machine ? machineSettings() : cognitoSettings(info, QStringLiteral("bakery-backend"));
    TokenManager manager(&m_http);
    const Core::Result<CachedToken> token = fetch(manager, settings);
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
    const QString issuer = info.userPools.at(0).issuer;
    QProcess python;
    QSignalSpy done(&python, &QProcess::finished);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/verify_with_pyjwt.py"),
                  issuer + QStringLiteral("/.well-known/jwks.json"), machine ? token->accessToken : token->idToken,
                  machine ? QStringLiteral("-") : settings.clientId, issuer});
    QVERIFY(done.wait(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonObject out = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    QCOMPARE(out.value(QStringLiteral("kid")).toString(), m_lab->cognito()->tokens().keyId());
    const QJsonObject claims = out.value(QStringLiteral("claims")).toObject();
    QCOMPARE(claims.value(QStringLiteral("token_use")).toString(), machine ? QStringLiteral("access") : QStringLiteral("id"));
    if (machine)
        QCOMPARE(claims.value(QStringLiteral("client_id")).toString(), settings.clientId);
    else
        QCOMPARE(claims.value(QStringLiteral("email")).toString(), Baker);
}

// The refresh-token grant starts from a refresh token typed in (here one a Cognito sign-in
// gave): /oauth2/token answers new tokens the API takes; a refused one says what to do.
void tst_TokenManager::refreshTokenGrant()
{
    const Core::EmulatorInfo info = m_lab->info();
    TokenManager signIn(&m_http);
    const Core::Result<CachedToken> first = fetch(signIn, cognitoSettings(info, QStringLiteral("bakery-web")));
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    Core::OAuth2Settings settings;
    settings.grant = Core::OAuth2Grant::RefreshToken;
    settings.tokenUrl = info.baseUrl + QStringLiteral("/oauth2/token");
    settings.clientId = clientNamed(info, QStringLiteral("bakery-web")).clientId;
    settings.refreshToken = first->refreshToken;
    TokenManager manager(&m_http);
    const Core::Result<CachedToken> token = fetch(manager, settings);
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
    QCOMPARE(token->source, QStringLiteral("refresh"));
    QVERIFY(token->accessToken != first->accessToken);
    QCOMPARE(payloadOf(token->accessToken).value(QStringLiteral("client_id")).toString(), settings.clientId);
    const Core::Result<Core::HttpClientResponse> answer = send(manager, routeUrl(info, QStringLiteral("GET /private")), settings);
    QVERIFY(answer.ok());
    QCOMPARE(answer->status, 200);

    settings.refreshToken = QStringLiteral("not-a-refresh-token");
    const Core::Result<CachedToken> refused = fetch(manager, settings);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().awsCode, QStringLiteral("invalid_grant"));
    QVERIFY2(refused.error().message.contains(QStringLiteral("no longer valid; get a new token")),
             qPrintable(refused.error().message));
}

void tst_TokenManager::renewedNearExpiry_data()
{
    QTest::addColumn<bool>("machine");
    QTest::addColumn<QString>("renewedBy");
    QTest::newRow("client credentials run again") << true << QStringLiteral("client credentials");
    QTest::newRow("Cognito refresh with SECRET_HASH") << false << QStringLiteral("refresh");
}

void tst_TokenManager::renewedNearExpiry()
{
    QFETCH(bool, machine);
    QFETCH(QString, renewedBy);
    const Core::EmulatorInfo info = m_lab->info();
    const Core::OAuth2Settings settings = machine ? machineSettings() : cognitoSettings(info, QStringLiteral("bakery-backend"));
    TokenManager manager(&m_http);
    QDateTime clock = QDateTime::currentDateTimeUtc();
    manager.setClock([&clock] { return clock; });
    QSignalSpy changed(&manager, &TokenManager::tokenChanged);

    const Core::Result<CachedToken> first = fetch(manager, settings);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    // Well before expiry the same token comes back, without a call.
    clock = clock.addSecs(3600 - TokenManager::RefreshLeadSeconds - 60);
    const Core::Result<CachedToken> same = fetch(manager, settings);
    QVERIFY(same.ok());
    QCOMPARE(same->accessToken, first->accessToken);
    QCOMPARE(changed.size(), 1);

    // Within 30 s of expiry it is renewed before it is used.
    clock = clock.addSecs(70); // 20 s left
    const Core::Result<CachedToken> renewed = fetch(manager, settings);
    QVERIFY2(renewed.ok(), qPrintable(renewed.ok() ? QString() : renewed.error().message));
    QVERIFY(renewed->accessToken != first->accessToken);
    QCOMPARE(renewed->source, renewedBy);
    QCOMPARE(renewed->refreshToken, first->refreshToken); // Cognito sends no new refresh token
    QCOMPARE(changed.size(), 2);
    QCOMPARE(renewed->expiresAt, clock.addSecs(3600));

    // The renewed token is one the API takes (the emulator's own clock is the real one).
    const Core::Result<Core::HttpClientResponse> answer =
        send(manager, routeUrl(info, machine ? QStringLiteral("GET /orders") : QStringLiteral("GET /private")), settings);
    QVERIFY(answer.ok());
    QCOMPARE(answer->status, 200);
    QCOMPARE(manager.cached(settings)->accessToken, renewed->accessToken);
}

void tst_TokenManager::concurrentRequestsShareOneFetch()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json",
                                      "{\"access_token\":\"shared\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    Core::OAuth2Settings settings;
    settings.tokenUrl = server.url().toString() + QStringLiteral("/oauth2/token");
    settings.clientId = QStringLiteral("machine");
    settings.clientSecret = QStringLiteral("s3cret");
    TokenManager manager(&m_http);
    QList<Core::Result<CachedToken>> results;
    for (int i = 0; i < 3; ++i)
        manager.token(settings, this, [&results](const Core::Result<CachedToken> &token) { results.append(token); });
    QVERIFY(QTest::qWaitFor([&results] { return results.size() == 3; }, 30000));
    QCOMPARE(server.requests.size(), 1);
    for (const auto &result : results)
        QCOMPARE(result->accessToken, QStringLiteral("shared"));
}

void tst_TokenManager::unauthorizedRetriesOnce()
{
    // One loopback server plays token endpoint and API, answering in order.
    FakeAws server;
    server.answers = {
        FakeAws::response(200, "Content-Type: application/json", "{\"access_token\":\"first\",\"expires_in\":3600}"),
        FakeAws::response(401, "Content-Type: application/json", "{\"message\":\"Unauthorized\"}"),
        FakeAws::response(200, "Content-Type: application/json", "{\"access_token\":\"second\",\"expires_in\":3600}"),
        FakeAws::response(200, "Content-Type: application/json", "{\"orders\":[]}")};
    Core::OAuth2Settings settings;
    settings.tokenUrl = server.url().toString() + QStringLiteral("/oauth2/token");
    settings.clientId = QStringLiteral("machine");
    settings.clientSecret = QStringLiteral("s3cret");
    TokenManager manager(&m_http);
    bool retried = false;
    const Core::Result<Core::HttpClientResponse> answer =
        send(manager, server.url().toString() + QStringLiteral("/orders"), settings, &retried);
    QVERIFY(answer.ok());
    QCOMPARE(answer->status, 200);
    QVERIFY(retried);
    QCOMPARE(server.requests.size(), 4);
    QCOMPARE(server.requests.at(1).headers.value("Authorization"), QByteArray("Bearer first"));
    QVERIFY(server.requests.at(2).body.contains("grant_type=client_credentials"));
    QCOMPARE(server.requests.at(3).headers.value("Authorization"), QByteArray("Bearer second"));
    QCOMPARE(manager.cached(settings)->accessToken, QStringLiteral("second"));
}

void tst_TokenManager::unauthorizedTwiceIsTheAnswer()
{
    FakeAws server;
    const QByteArray token = FakeAws::response(200, "Content-Type: application/json", "{\"access_token\":\"t\",\"expires_in\":3600}");
    const QByteArray refused = FakeAws::response(401, "Content-Type: application/json", "{\"message\":\"Unauthorized\"}");
    server.answers = {token, refused, token, refused};
    server.answer = token; // anything after the fourth would be a loop
    Core::OAuth2Settings settings;
    settings.tokenUrl = server.url().toString() + QStringLiteral("/oauth2/token");
    settings.clientId = QStringLiteral("machine");
    settings.clientSecret = QStringLiteral("s3cret");
    TokenManager manager(&m_http);
    bool retried = false;
    const Core::Result<Core::HttpClientResponse> answer =
        send(manager, server.url().toString() + QStringLiteral("/orders"), settings, &retried);
    QVERIFY(answer.ok());
    QCOMPARE(answer->status, 401);
    QVERIFY(retried);
    QTest::qWait(300);
    QCOMPARE(server.requests.size(), 4);
}

void tst_TokenManager::unauthorizedRenewsWithRefreshToken()
{
    FakeAws server;
    server.answers = {
        FakeAws::response(200, "Content-Type: application/json",
                          "{\"access_token\":\"first\",\"refresh_token\":\"keep-me\",\"expires_in\":3600}"),
        FakeAws::response(401, "", ""),
        FakeAws::response(200, "Content-Type: application/json", "{\"access_token\":\"second\",\"expires_in\":3600}"),
        FakeAws::response(200, "Content-Type: application/json", "{}")};
    Core::OAuth2Settings settings;
    settings.tokenUrl = server.url().toString() + QStringLiteral("/oauth2/token");
    settings.clientId = QStringLiteral("machine");
    settings.clientSecret = QStringLiteral("s3cret");
    settings.clientAuth = Core::OAuth2ClientAuth::RequestBody;
    TokenManager manager(&m_http);
    const Core::Result<Core::HttpClientResponse> answer =
        send(manager, server.url().toString() + QStringLiteral("/orders"), settings);
    QVERIFY(answer.ok());
    QCOMPARE(answer->status, 200);
    QCOMPARE(server.requests.size(), 4);
    const QByteArray refresh = server.requests.at(2).body;
    QVERIFY2(refresh.contains("grant_type=refresh_token") && refresh.contains("refresh_token=keep-me")
                 && refresh.contains("client_secret=s3cret"),
             refresh.constData());
    QVERIFY(!server.requests.at(2).headers.contains("Authorization"));
    QCOMPARE(manager.cached(settings)->refreshToken, QStringLiteral("keep-me"));
}

QTEST_MAIN(tst_TokenManager)
#include "tst_tokenmanager.moc"
