// OAuth2 for the Cognito hosted UI: PKCE against RFC 7636's own example, the authorization-code
// flow with a simulated browser coming back to the loopback listener, a stand-in token
// endpoint that records what was sent, and client_credentials.
#include "fakeaws.h"

#include "core/httpclient.h"
#include "core/oauth2/oauthflow.h"

#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::OAuth2;

namespace {

const QByteArray TokenAnswer = R"({"id_token":"eyJ.id.sig","access_token":"eyJ.access.sig","refresh_token":"opaque-refresh","expires_in":3600,"token_type":"Bearer"})";

// What a browser does after the sign-in page: follow the redirect to the loopback listener.
// The listener runs on this thread, so the socket is driven without blocking the event loop.
QByteArray browserFollows(const QUrl &redirect)
{
    QTcpSocket socket;
    QByteArray answer;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] {
        socket.write("GET " + redirect.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
                     + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
    if (!QTest::qWaitFor([&] { return closed; }, 10000))
        return {};
    return answer;
}

// Collects a flow's finished() results (Result<Tokens> has no default constructor, so no QSignalSpy).
template<typename Flow>
struct Results
{
    explicit Results(Flow *flow)
    {
        QObject::connect(flow, &Flow::finished, flow, [this](const Result<Tokens> &r) { all.append(r); });
    }
    qsizetype size() const { return all.size(); }
    QList<Result<Tokens>> all;
};

QUrlQuery formOf(const QByteArray &body)
{
    return QUrlQuery(QString::fromLatin1(body));
}

} // namespace

class TestOAuth2 : public QObject
{
    Q_OBJECT

private slots:
    void pkceMatchesRfc7636();
    void authorizationCodeWithPkce();
    void stateMismatchIsRefused();
    void refusalOnTheSignInPage();
    void tokenEndpointRefuses();
    void clientCredentials();
    void refresh();
    void badSettingsInWords();

private:
    ClientSettings settings(const FakeAws &server) const;
};

ClientSettings TestOAuth2::settings(const FakeAws &server) const
{
    ClientSettings s;
    s.authorizeEndpoint = QUrl(server.url().toString() + QStringLiteral("/oauth2/authorize"));
    s.tokenEndpoint = QUrl(server.url().toString() + QStringLiteral("/oauth2/token"));
    s.clientId = QStringLiteral("bakeryclient");
    s.scopes = {QStringLiteral("openid"), QStringLiteral("email"), QStringLiteral("orders/read")};
    return s;
}

void TestOAuth2::pkceMatchesRfc7636()
{
    QCOMPARE(codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    const QByteArray verifier = makeCodeVerifier();
    QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
    for (char c : verifier)
        QVERIFY(QByteArray("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~").contains(c));
    QVERIFY(makeCodeVerifier() != verifier);
}

void TestOAuth2::authorizationCodeWithPkce()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json", TokenAnswer);
    HttpClient http;
    AuthorizationCodeFlow flow(&http);
    Results<AuthorizationCodeFlow> finished(&flow);
    const Result<QUrl> url = flow.start(settings(server));
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
    const QUrlQuery query(*url);
    QCOMPARE(url->path(), QStringLiteral("/oauth2/authorize"));
    QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("bakeryclient"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded), QStringLiteral("openid email orders/read"));
    const QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(redirect, flow.redirectUri());
    const QString state = query.queryItemValue(QStringLiteral("state"));
    QVERIFY(state.size() >= 32);

    QUrl back = redirect;
    back.setQuery(QStringLiteral("code=the-code&state=") + state);
    const QByteArray page = browserFollows(back);
    QVERIFY2(page.startsWith("HTTP/1.1 200") && page.contains("Signed in"), qPrintable(back.toString() + QString::fromLatin1(page)));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const auto tokens = finished.all.first();
    QVERIFY2(tokens.ok(), qPrintable(tokens.ok() ? QString() : tokens.error().message));
    QCOMPARE(tokens->idToken, QStringLiteral("eyJ.id.sig"));
    QCOMPARE(tokens->refreshToken, QStringLiteral("opaque-refresh"));
    QCOMPARE(tokens->expiresIn, 3600);

    // The code went to the token endpoint with the verifier whose hash the browser carried.
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.first().path, QByteArray("/oauth2/token"));
    const QUrlQuery form = formOf(server.requests.first().body);
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    QCOMPARE(form.queryItemValue(QStringLiteral("code")), QStringLiteral("the-code"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_id")), QStringLiteral("bakeryclient"));
    QCOMPARE(QUrl(form.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)), redirect);
    const QByteArray verifier = form.queryItemValue(QStringLiteral("code_verifier")).toLatin1();
    QCOMPARE(codeChallengeS256(verifier), query.queryItemValue(QStringLiteral("code_challenge")).toLatin1());
    QVERIFY(!server.requests.first().headers.contains("Authorization")); // public client
    QVERIFY(!flow.isWaiting());
}

void TestOAuth2::stateMismatchIsRefused()
{
    FakeAws server;
    HttpClient http;
    AuthorizationCodeFlow flow(&http);
    Results<AuthorizationCodeFlow> finished(&flow);
    const Result<QUrl> url = flow.start(settings(server));
    QVERIFY(url.ok());
    QUrl back = flow.redirectUri();
    back.setQuery(QStringLiteral("code=stolen&state=not-ours"));
    QVERIFY(browserFollows(back).startsWith("HTTP/1.1 400"));
    QTRY_COMPARE(finished.size(), 1);
    const auto tokens = finished.all.first();
    QVERIFY(!tokens.ok());
    QVERIFY(tokens.error().message.contains(QStringLiteral("state does not match")));
    QCOMPARE(server.requests.size(), 0); // the stolen code was never exchanged
}

void TestOAuth2::refusalOnTheSignInPage()
{
    FakeAws server;
    HttpClient http;
    AuthorizationCodeFlow flow(&http);
    Results<AuthorizationCodeFlow> finished(&flow);
    const Result<QUrl> url = flow.start(settings(server));
    QVERIFY(url.ok());
    QUrl back = flow.redirectUri();
    back.setQuery(QStringLiteral("error=access_denied&error_description=User%20cancelled&state=")
                  + QUrlQuery(*url).queryItemValue(QStringLiteral("state")));
    browserFollows(back);
    QTRY_COMPARE(finished.size(), 1);
    const auto tokens = finished.all.first();
    QVERIFY(!tokens.ok());
    QCOMPARE(tokens.error().awsCode, QStringLiteral("access_denied"));
    QCOMPARE(tokens.error().message, QStringLiteral("The sign-in page refused: access_denied (User cancelled)"));
}

void TestOAuth2::tokenEndpointRefuses()
{
    FakeAws server;
    server.answer = FakeAws::response(400, "Content-Type: application/json", R"({"error":"invalid_grant"})");
    HttpClient http;
    AuthorizationCodeFlow flow(&http);
    Results<AuthorizationCodeFlow> finished(&flow);
    const Result<QUrl> url = flow.start(settings(server));
    QVERIFY(url.ok());
    QUrl back = flow.redirectUri();
    back.setQuery(QStringLiteral("code=expired&state=") + QUrlQuery(*url).queryItemValue(QStringLiteral("state")));
    browserFollows(back);
    QTRY_COMPARE(finished.size(), 1);
    const auto tokens = finished.all.first();
    QVERIFY(!tokens.ok());
    QCOMPARE(tokens.error().message, QStringLiteral("The token endpoint refused: invalid_grant"));
    QCOMPARE(tokens.error().httpStatus, 400);
}

void TestOAuth2::clientCredentials()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json",
                                      R"({"access_token":"eyJ.m2m.sig","expires_in":3600,"token_type":"Bearer"})");
    HttpClient http;
    ClientCredentialsFlow flow(&http);
    Results<ClientCredentialsFlow> finished(&flow);
    ClientSettings s = settings(server);
    s.clientSecret = QStringLiteral("s3cr3t");
    s.scopes = {QStringLiteral("orders/read"), QStringLiteral("orders/write")};
    flow.request(s);
    QTRY_COMPARE(finished.size(), 1);
    const auto tokens = finished.all.first();
    QVERIFY(tokens.ok());
    QCOMPARE(tokens->accessToken, QStringLiteral("eyJ.m2m.sig"));
    const HttpRequest &sent = server.requests.first();
    QCOMPARE(sent.headers.value("Authorization"), QByteArray("Basic ") + QByteArray("bakeryclient:s3cr3t").toBase64());
    const QUrlQuery form = formOf(sent.body);
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    QCOMPARE(form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded), QStringLiteral("orders/read orders/write"));
    QVERIFY(!form.hasQueryItem(QStringLiteral("client_secret"))); // never in the body

    s.clientSecret.clear();
    flow.request(s);
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(finished.all.last().error().message.contains(QStringLiteral("secret")));
}

void TestOAuth2::refresh()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json",
                                      R"({"access_token":"eyJ.new.sig","id_token":"eyJ.newid.sig","expires_in":3600,"token_type":"Bearer"})");
    HttpClient http;
    std::optional<Result<Tokens>> result;
    refreshTokens(&http, settings(server), QStringLiteral("opaque-refresh"), this, [&](const Result<Tokens> &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->ok());
    QCOMPARE((*result)->accessToken, QStringLiteral("eyJ.new.sig"));
    const QUrlQuery form = formOf(server.requests.first().body);
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
    QCOMPARE(form.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("opaque-refresh"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_id")), QStringLiteral("bakeryclient"));
}

void TestOAuth2::badSettingsInWords()
{
    HttpClient http;
    AuthorizationCodeFlow flow(&http);
    ClientSettings s;
    s.authorizeEndpoint = QUrl(QStringLiteral("bakery.auth.example/oauth2/authorize"));
    s.tokenEndpoint = QUrl(QStringLiteral("https://bakery.auth.example/oauth2/token"));
    s.clientId = QStringLiteral("c");
    Result<QUrl> url = flow.start(s);
    QVERIFY(!url.ok());
    QVERIFY(url.error().message.contains(QStringLiteral("authorize endpoint")));
    s.authorizeEndpoint = QUrl(QStringLiteral("https://bakery.auth.example/oauth2/authorize"));
    s.clientId.clear();
    url = flow.start(s);
    QVERIFY(!url.ok());
    QVERIFY(url.error().message.contains(QStringLiteral("client id")));
    QVERIFY(!flow.isWaiting());
}

QTEST_GUILESS_MAIN(TestOAuth2)
#include "tst_oauth2.moc"
