// The user-pool client on the wire: InitiateAuth / RespondToAuthChallenge bodies as Cognito
// documents them, SRP answered so that a server holding only the verifier accepts it,
// SECRET_HASH where the client has a secret, NEW_PASSWORD_REQUIRED, refresh, errors in
// Cognito's words, and a trace that never shows a password, token or key.
#include "fakeaws.h"

#include "core/cognito/srp.h"
#include "core/cognito/userpoolclient.h"
#include "core/httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Cognito;

class TestUserPoolClient : public QObject
{
    Q_OBJECT

private slots:
    void passwordSignIn();
    void srpSignInConvincesTheVerifier();
    void secretHashOnEveryCall();
    void newPasswordChallenge();
    void refreshKeepsTheRefreshToken();
    void refusalInCognitosWords();
    void badIdsBeforeAnyCall();
    void signUpAndConfirm();
};

namespace {

const QByteArray kJson = "Content-Type: application/x-amz-json-1.1";
const QString kPool = QStringLiteral("us-east-1_Bakery123");
const QString kClientId = QStringLiteral("5j1e2ul9d0fm3bakery4webcl");
const QString kUser = QStringLiteral("baker@example.com");
const QString kPassword = QStringLiteral("Sourdough-2024");

QByteArray tokensAnswer(bool withRefresh = true)
{
    QJsonObject result{{QStringLiteral("AccessToken"), QStringLiteral("eyJ.access.sig")},
                       {QStringLiteral("IdToken"), QStringLiteral("eyJ.id.sig")},
                       {QStringLiteral("ExpiresIn"), 3600},
                       {QStringLiteral("TokenType"), QStringLiteral("Bearer")}};
    if (withRefresh)
        result.insert(QStringLiteral("RefreshToken"), QStringLiteral("refresh-opaque"));
    return FakeAws::response(200, kJson,
                             QJsonDocument(QJsonObject{{QStringLiteral("AuthenticationResult"), result},
                                                       {QStringLiteral("ChallengeParameters"), QJsonObject()}})
                                 .toJson(QJsonDocument::Compact));
}

QJsonObject bodyOf(const HttpRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QJsonObject field(const QJsonObject &object, const char *name)
{
    return object.value(QLatin1String(name)).toObject();
}

QString text(const QJsonObject &object, const char *name)
{
    return object.value(QLatin1String(name)).toString();
}

template<typename T>
T waitFor(std::optional<T> &slot)
{
    if (!QTest::qWaitFor([&] { return slot.has_value(); }, 10000))
        qFatal("no answer within 10 s");
    return *slot;
}

} // namespace

void TestUserPoolClient::passwordSignIn()
{
    FakeAws server;
    server.answers = {tokensAnswer()};
    HttpClient http;
    UserPoolClient client(&http, server.url());
    QList<TraceStep> trace;
    connect(&client, &UserPoolClient::traced, this, [&](const TraceStep &step) { trace.append(step); });
    std::optional<Result<SignInOutcome>> result;
    client.signInWithPassword({kPool, kClientId, {}}, kUser, kPassword, this,
                              [&](const Result<SignInOutcome> &r) { result = r; });
    const Result<SignInOutcome> outcome = waitFor(result);
    QVERIFY(outcome.ok());
    QVERIFY(outcome->signedIn());
    QCOMPARE(outcome->tokens.accessToken, QStringLiteral("eyJ.access.sig"));
    QCOMPARE(outcome->tokens.refreshToken, QStringLiteral("refresh-opaque"));
    QCOMPARE(outcome->tokens.source, QStringLiteral("password"));
    QVERIFY(qAbs(outcome->tokens.obtainedAt.secsTo(outcome->tokens.expiresAt) - 3600) <= 1);

    const HttpRequest &sent = server.requests.at(0);
    QCOMPARE(sent.headers.value("X-Amz-Target"), QByteArray("AWSCognitoIdentityProviderService.InitiateAuth"));
    QCOMPARE(sent.headers.value("Content-Type"), QByteArray("application/x-amz-json-1.1"));
    QVERIFY(!sent.headers.contains("Authorization"));
    const QJsonObject body = bodyOf(sent);
    QCOMPARE(text(body, "AuthFlow"), QStringLiteral("USER_PASSWORD_AUTH"));
    QCOMPARE(text(body, "ClientId"), kClientId);
    QCOMPARE(text(field(body, "AuthParameters"), "USERNAME"), kUser);
    QCOMPARE(text(field(body, "AuthParameters"), "PASSWORD"), kPassword);
    QVERIFY(!field(body, "AuthParameters").contains(QStringLiteral("SECRET_HASH")));

    QCOMPARE(trace.size(), 1);
    QCOMPARE(trace.at(0).operation, QStringLiteral("InitiateAuth (USER_PASSWORD_AUTH)"));
    QVERIFY(!trace.at(0).sent.contains(kPassword));
    QVERIFY(trace.at(0).received.contains(QStringLiteral("AccessToken")));
    QVERIFY(!trace.at(0).received.contains(QStringLiteral("eyJ")));
}

void TestUserPoolClient::srpSignInConvincesTheVerifier()
{
    // The server side holds only a verifier; its B is fixed before the client's A arrives,
    // as on Cognito.
    const QString poolName = srpPoolName(kPool);
    const QString userId = QStringLiteral("7d8f6b2e-0000-4000-8000-00000000b4e5"); // the sub, for an email pool
    const SrpVerifier verifier = SrpServer::makeVerifier(poolName, userId, kPassword);
    SrpServer srpServer(verifier);
    const QString secretBlock = QString::fromLatin1(QByteArray("opaque secret block from the server").toBase64());
    const QJsonObject challenge{
        {QStringLiteral("ChallengeName"), QStringLiteral("PASSWORD_VERIFIER")},
        {QStringLiteral("ChallengeParameters"),
         QJsonObject{{QStringLiteral("SALT"), verifier.saltHex},
                     {QStringLiteral("SECRET_BLOCK"), secretBlock},
                     {QStringLiteral("SRP_B"), srpServer.publicValueHex()},
                     {QStringLiteral("USERNAME"), userId},
                     {QStringLiteral("USER_ID_FOR_SRP"), userId}}}};
    FakeAws server;
    server.answers = {FakeAws::response(200, kJson, QJsonDocument(challenge).toJson(QJsonDocument::Compact)),
                      tokensAnswer()};
    HttpClient http;
    UserPoolClient client(&http, server.url());
    const QDateTime now(QDate(2026, 11, 1), QTime(9, 5, 1), Qt::UTC);
    client.setClock([now] { return now; });
    QList<TraceStep> trace;
    connect(&client, &UserPoolClient::traced, this, [&](const TraceStep &step) { trace.append(step); });
    std::optional<Result<SignInOutcome>> result;
    client.signInWithSrp({kPool, kClientId, {}}, kUser, kPassword, this,
                         [&](const Result<SignInOutcome> &r) { result = r; });
    const Result<SignInOutcome> outcome = waitFor(result);
    QVERIFY(outcome.ok());
    QVERIFY(outcome->signedIn());
    QCOMPARE(outcome->tokens.source, QStringLiteral("SRP"));
    QCOMPARE(server.requests.size(), 2);

    const QJsonObject initiate = bodyOf(server.requests.at(0));
    QCOMPARE(text(initiate, "AuthFlow"), QStringLiteral("USER_SRP_AUTH"));
    QCOMPARE(text(field(initiate, "AuthParameters"), "USERNAME"), kUser);
    const QString srpA = text(field(initiate, "AuthParameters"), "SRP_A");
    QVERIFY(srpA.size() > 700);
    QVERIFY(!field(initiate, "AuthParameters").contains(QStringLiteral("PASSWORD")));

    const HttpRequest &respond = server.requests.at(1);
    QCOMPARE(respond.headers.value("X-Amz-Target"), QByteArray("AWSCognitoIdentityProviderService.RespondToAuthChallenge"));
    const QJsonObject answer = bodyOf(respond);
    QCOMPARE(text(answer, "ChallengeName"), QStringLiteral("PASSWORD_VERIFIER"));
    const QJsonObject responses = field(answer, "ChallengeResponses");
    QCOMPARE(text(responses, "USERNAME"), userId);
    QCOMPARE(text(responses, "PASSWORD_CLAIM_SECRET_BLOCK"), secretBlock);
    QCOMPARE(text(responses, "TIMESTAMP"), QStringLiteral("Sun Nov 1 09:05:01 UTC 2026"));
    const Result<QByteArray> serverKey = srpServer.passwordAuthenticationKey(srpA);
    QVERIFY(serverKey.ok());
    QCOMPARE(text(responses, "PASSWORD_CLAIM_SIGNATURE"),
             passwordClaimSignature(*serverKey, poolName, userId, secretBlock, text(responses, "TIMESTAMP")));

    QCOMPARE(trace.size(), 2);
    QCOMPARE(trace.at(0).received,
             QStringLiteral("challenge PASSWORD_VERIFIER (SALT, SECRET_BLOCK, SRP_B, USERNAME, USER_ID_FOR_SRP)"));
    for (const TraceStep &step : trace) {
        QVERIFY(!step.sent.contains(kPassword));
        QVERIFY(!step.sent.contains(text(responses, "PASSWORD_CLAIM_SIGNATURE")));
        QVERIFY(!step.sent.contains(srpA)); // abbreviated
    }
}

void TestUserPoolClient::secretHashOnEveryCall()
{
    FakeAws server;
    server.answers = {tokensAnswer(), tokensAnswer(false)};
    HttpClient http;
    UserPoolClient client(&http, server.url());
    const AppClient app{kPool, kClientId, QStringLiteral("client-secret-1")};
    std::optional<Result<SignInOutcome>> signedIn;
    client.signInWithPassword(app, kUser, kPassword, this, [&](const Result<SignInOutcome> &r) { signedIn = r; });
    QVERIFY(waitFor(signedIn).ok());
    QCOMPARE(text(field(bodyOf(server.requests.at(0)), "AuthParameters"), "SECRET_HASH"),
             secretHash(app.clientSecret, kUser, kClientId));
    std::optional<Result<TokenSet>> refreshed;
    client.refresh(app, QStringLiteral("refresh-opaque"), QStringLiteral("sub-of-baker"), this,
                   [&](const Result<TokenSet> &r) { refreshed = r; });
    QVERIFY(waitFor(refreshed).ok());
    QCOMPARE(text(field(bodyOf(server.requests.at(1)), "AuthParameters"), "SECRET_HASH"),
             secretHash(app.clientSecret, QStringLiteral("sub-of-baker"), kClientId));
}

void TestUserPoolClient::newPasswordChallenge()
{
    const QJsonObject challenge{
        {QStringLiteral("ChallengeName"), QStringLiteral("NEW_PASSWORD_REQUIRED")},
        {QStringLiteral("Session"), QStringLiteral("session-1")},
        {QStringLiteral("ChallengeParameters"),
         QJsonObject{{QStringLiteral("USER_ID_FOR_SRP"), QStringLiteral("newbaker")},
                     {QStringLiteral("requiredAttributes"), QStringLiteral("[]")},
                     {QStringLiteral("userAttributes"), QStringLiteral("{\"email\":\"new@example.com\"}")}}}};
    FakeAws server;
    server.answers = {FakeAws::response(200, kJson, QJsonDocument(challenge).toJson(QJsonDocument::Compact)),
                      tokensAnswer()};
    HttpClient http;
    UserPoolClient client(&http, server.url());
    const AppClient app{kPool, kClientId, {}};
    std::optional<Result<SignInOutcome>> first;
    client.signInWithPassword(app, QStringLiteral("newbaker"), QStringLiteral("Temp-Pass1!"), this,
                              [&](const Result<SignInOutcome> &r) { first = r; });
    const Result<SignInOutcome> waiting = waitFor(first);
    QVERIFY(waiting.ok());
    QVERIFY(!waiting->signedIn());
    QCOMPARE(waiting->challengeName, QStringLiteral("NEW_PASSWORD_REQUIRED"));
    QCOMPARE(waiting->session, QStringLiteral("session-1"));

    std::optional<Result<SignInOutcome>> second;
    client.setNewPassword(app, *waiting, QStringLiteral("Brand-New-Pass2!"), this,
                          [&](const Result<SignInOutcome> &r) { second = r; });
    const Result<SignInOutcome> done = waitFor(second);
    QVERIFY(done.ok());
    QVERIFY(done->signedIn());
    const QJsonObject answer = bodyOf(server.requests.at(1));
    QCOMPARE(text(answer, "ChallengeName"), QStringLiteral("NEW_PASSWORD_REQUIRED"));
    QCOMPARE(text(answer, "Session"), QStringLiteral("session-1"));
    QCOMPARE(text(field(answer, "ChallengeResponses"), "USERNAME"), QStringLiteral("newbaker"));
    QCOMPARE(text(field(answer, "ChallengeResponses"), "NEW_PASSWORD"), QStringLiteral("Brand-New-Pass2!"));

    // Answering a challenge that is not NEW_PASSWORD_REQUIRED is refused before any call.
    std::optional<Result<SignInOutcome>> wrong;
    client.setNewPassword(app, done.value(), QStringLiteral("x"), this, [&](const Result<SignInOutcome> &r) { wrong = r; });
    QVERIFY(!waitFor(wrong).ok());
    QCOMPARE(server.requests.size(), 2);
}

void TestUserPoolClient::refreshKeepsTheRefreshToken()
{
    FakeAws server;
    server.answers = {tokensAnswer(false)};
    HttpClient http;
    UserPoolClient client(&http, server.url());
    std::optional<Result<TokenSet>> refreshed;
    client.refresh({kPool, kClientId, {}}, QStringLiteral("the-refresh-token"), kUser, this,
                   [&](const Result<TokenSet> &r) { refreshed = r; });
    const Result<TokenSet> tokens = waitFor(refreshed);
    QVERIFY(tokens.ok());
    QCOMPARE(tokens->refreshToken, QStringLiteral("the-refresh-token"));
    QCOMPARE(tokens->source, QStringLiteral("refresh"));
    const QJsonObject body = bodyOf(server.requests.at(0));
    QCOMPARE(text(body, "AuthFlow"), QStringLiteral("REFRESH_TOKEN_AUTH"));
    QCOMPARE(text(field(body, "AuthParameters"), "REFRESH_TOKEN"), QStringLiteral("the-refresh-token"));
}

void TestUserPoolClient::refusalInCognitosWords()
{
    FakeAws server;
    server.answers = {FakeAws::response(400, kJson + "\r\nx-amzn-ErrorType: NotAuthorizedException:",
                                        "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}"),
                      FakeAws::response(400, kJson,
                                        "{\"__type\":\"UserNotConfirmedException\",\"message\":\"User is not confirmed.\"}"),
                      FakeAws::response(200, kJson, "this is not json")};
    HttpClient http;
    UserPoolClient client(&http, server.url());
    QList<TraceStep> trace;
    connect(&client, &UserPoolClient::traced, this, [&](const TraceStep &step) { trace.append(step); });
    const AppClient app{kPool, kClientId, {}};
    std::optional<Result<SignInOutcome>> wrong;
    client.signInWithPassword(app, kUser, QStringLiteral("nope"), this, [&](const Result<SignInOutcome> &r) { wrong = r; });
    Result<SignInOutcome> refused = waitFor(wrong);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().awsCode, QStringLiteral("NotAuthorizedException"));
    QVERIFY2(refused.error().message.contains(QStringLiteral("Incorrect username or password.")),
             qPrintable(refused.error().message));
    QVERIFY(!trace.last().ok);

    std::optional<Result<SignInOutcome>> unconfirmed;
    client.signInWithSrp(app, kUser, kPassword, this, [&](const Result<SignInOutcome> &r) { unconfirmed = r; });
    refused = waitFor(unconfirmed);
    QCOMPARE(refused.error().awsCode, QStringLiteral("UserNotConfirmedException"));

    std::optional<Result<SignInOutcome>> garbage;
    client.signInWithPassword(app, kUser, kPassword, this, [&](const Result<SignInOutcome> &r) { garbage = r; });
    refused = waitFor(garbage);
    QCOMPARE(refused.error().code, ErrorCode::Protocol);
    QVERIFY(refused.error().message.contains(QStringLiteral("not JSON")));
}

void TestUserPoolClient::badIdsBeforeAnyCall()
{
    FakeAws server;
    HttpClient http;
    UserPoolClient client(&http, server.url());
    std::optional<Result<SignInOutcome>> result;
    client.signInWithSrp({QStringLiteral("Bakery123"), kClientId, {}}, kUser, kPassword, this,
                         [&](const Result<SignInOutcome> &r) { result = r; });
    Result<SignInOutcome> refused = waitFor(result);
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    QVERIFY(refused.error().message.contains(QStringLiteral("us-east-1_AbCdEf123")));
    result.reset();
    client.signInWithPassword({kPool, QStringLiteral("has spaces"), {}}, kUser, kPassword, this,
                              [&](const Result<SignInOutcome> &r) { result = r; });
    refused = waitFor(result);
    QVERIFY(refused.error().message.contains(QStringLiteral("app client id")));
    QVERIFY(server.requests.isEmpty());
    QCOMPARE(UserPoolClient::regionOfPool(QStringLiteral("eu-central-1_Ab1")), QStringLiteral("eu-central-1"));
    QCOMPARE(UserPoolClient(&http).endpointFor(QStringLiteral("eu-central-1_Ab1")),
             QUrl(QStringLiteral("https://cognito-idp.eu-central-1.amazonaws.com/")));
}

void TestUserPoolClient::signUpAndConfirm()
{
    FakeAws server;
    server.answers = {FakeAws::response(200, kJson,
                                        "{\"UserConfirmed\":false,\"UserSub\":\"1234-sub\",\"CodeDeliveryDetails\":"
                                        "{\"AttributeName\":\"email\",\"DeliveryMedium\":\"EMAIL\",\"Destination\":\"n***@e***\"}}"),
                      FakeAws::response(400, kJson,
                                        "{\"__type\":\"CodeMismatchException\",\"message\":\"Invalid verification code provided, please try again.\"}"),
                      FakeAws::response(200, kJson, "{}")};
    HttpClient http;
    UserPoolClient client(&http, server.url());
    const AppClient app{kPool, kClientId, {}};
    std::optional<Result<SignUpOutcome>> signedUp;
    client.signUp(app, QStringLiteral("new@example.com"), QStringLiteral("Rye-Bread-2026"),
                  {{QStringLiteral("email"), QStringLiteral("new@example.com")}}, this,
                  [&](const Result<SignUpOutcome> &r) { signedUp = r; });
    const Result<SignUpOutcome> outcome = waitFor(signedUp);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->userSub, QStringLiteral("1234-sub"));
    QVERIFY(!outcome->confirmed);
    QCOMPARE(outcome->deliveryDestination, QStringLiteral("n***@e***"));
    const QJsonObject body = bodyOf(server.requests.at(0));
    QCOMPARE(text(body, "Username"), QStringLiteral("new@example.com"));
    QCOMPARE(body.value(QStringLiteral("UserAttributes")).toArray().at(0).toObject().value(QStringLiteral("Name")).toString(),
             QStringLiteral("email"));

    std::optional<Result<void>> confirmed;
    client.confirmSignUp(app, QStringLiteral("new@example.com"), QStringLiteral("000000"), this,
                         [&](const Result<void> &r) { confirmed = r; });
    QCOMPARE(waitFor(confirmed).error().awsCode, QStringLiteral("CodeMismatchException"));
    confirmed.reset();
    client.confirmSignUp(app, QStringLiteral("new@example.com"), QStringLiteral(" 123456 "), this,
                         [&](const Result<void> &r) { confirmed = r; });
    QVERIFY(waitFor(confirmed).ok());
    QCOMPARE(text(bodyOf(server.requests.at(2)), "ConfirmationCode"), QStringLiteral("123456"));
}

QTEST_GUILESS_MAIN(TestUserPoolClient)
#include "tst_userpoolclient.moc"
