// The OAuth 2.0 auth as a document: collection files keep its settings byte for byte in a fixed
// order and never a secret in clear (both ways), withoutSecrets() keeps only {{variable}}
// references, variables are substituted with undefined ones named, and the token goes where the
// settings say (Authorization with a prefix, or a query parameter).
#include "core/collection/collectionformat.h"
#include "core/collection/collectionstore.h"
#include "core/oauth2/tokenmanager.h"
#include "core/requestspec.h"

#include <QFile>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Collection;

namespace {

const QString Data = QStringLiteral(GATEHOUSE_TEST_DATA "/collections/oauth2/");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

OAuth2Settings everyField()
{
    OAuth2Settings o;
    o.grant = OAuth2Grant::AuthorizationCode;
    o.tokenUrl = QStringLiteral("https://bakery.auth.eu-west-1.amazoncognito.com/oauth2/token");
    o.authorizeUrl = QStringLiteral("https://bakery.auth.eu-west-1.amazoncognito.com/oauth2/authorize");
    o.redirectPort = 8765;
    o.clientId = QStringLiteral("{{clientId}}");
    o.clientSecret = QStringLiteral("{{clientSecret}}");
    o.clientAuth = OAuth2ClientAuth::RequestBody;
    o.scopes = QStringLiteral("openid bakery/orders.read");
    o.audience = QStringLiteral("https://api.example.com");
    o.refreshToken = QStringLiteral("{{refreshToken}}");
    o.userPoolId = QStringLiteral("eu-west-1_AbCdEf123");
    o.cognitoEndpoint = QStringLiteral("http://127.0.0.1:4577");
    o.username = QStringLiteral("baker@example.com");
    o.password = QStringLiteral("{{cognitoPassword}}");
    o.srp = false;
    o.tokenUse = OAuth2TokenUse::Id;
    o.placement = OAuth2Placement::Query;
    o.headerPrefix = QStringLiteral("JWT");
    o.queryParameter = QStringLiteral("token");
    return o;
}

} // namespace

class tst_OAuth2Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesRoundTripByteForByte_data();
    void filesRoundTripByteForByte();
    void everyFieldSurvivesASave();
    void savedCollectionLoadsBack();
    void secretInClearIsNotWritten_data();
    void secretInClearIsNotWritten();
    void secretInClearIsNotRead();
    void unknownGrantIsNamed();
    void withoutSecretsKeepsReferencesOnly();
    void variablesAreSubstituted();
    void tokenPlacement_data();
    void tokenPlacement();
    void authorizationHeaderClash();
    void keyFollowsTheSettings();
};

void tst_OAuth2Settings::filesRoundTripByteForByte_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("collection");
    QTest::newRow("collection.json, Cognito sign-in") << QStringLiteral("collection.json") << true;
    QTest::newRow("client credentials request") << QStringLiteral("orders-as-machine.request.json") << false;
    QTest::newRow("inheriting request") << QStringLiteral("private-as-baker.request.json") << false;
}

void tst_OAuth2Settings::filesRoundTripByteForByte()
{
    QFETCH(QString, file);
    QFETCH(bool, collection);
    const QByteArray text = readFile(Data + file);
    QVERIFY(!text.isEmpty());
    QList<LoadProblem> problems;
    if (collection) {
        const std::optional<FolderFile> folder = parseFolderFile(text, true, problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.isEmpty() ? QString() : problems.first().toString()));
        QVERIFY(folder.has_value());
        QCOMPARE(folder->auth.kind, AuthKind::OAuth2);
        QCOMPARE(folder->auth.oauth2.grant, OAuth2Grant::CognitoSignIn);
        QCOMPARE(folder->auth.oauth2.password, QStringLiteral("{{cognitoPassword}}"));
        return; // collection.json is written whole by collectionFileText: savedCollectionLoadsBack
    }
    const std::optional<CollectionRequest> request = parseRequestFile(text, problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.isEmpty() ? QString() : problems.first().toString()));
    QVERIFY(request.has_value());
    const Result<QByteArray> written = requestFileText(*request);
    QVERIFY(written.ok());
    QCOMPARE(*written, text);
}

void tst_OAuth2Settings::everyFieldSurvivesASave()
{
    CollectionRequest request;
    request.name = QStringLiteral("Every field");
    request.spec.url = QStringLiteral("{{api}}/orders");
    request.inheritAuth = false;
    request.spec.auth.kind = AuthKind::OAuth2;
    request.spec.auth.oauth2 = everyField();
    const Result<QByteArray> text = requestFileText(request);
    QVERIFY2(text.ok(), qPrintable(text.ok() ? QString() : text.error().message));
    // The fixed order, one member per line.
    const QList<QByteArray> keys{"\"grant\": \"authorizationCode\"", "\"tokenUrl\"", "\"authorizeUrl\"",
                                 "\"redirectPort\": 8765", "\"clientId\"", "\"clientSecret\": \"{{clientSecret}}\"",
                                 "\"clientAuth\": \"body\"", "\"scopes\"", "\"audience\"", "\"refreshToken\"",
                                 "\"userPoolId\"", "\"cognitoEndpoint\"", "\"username\"", "\"password\"",
                                 "\"srp\": false", "\"tokenUse\": \"id\"", "\"in\": \"query\"",
                                 "\"headerPrefix\": \"JWT\"", "\"queryParameter\": \"token\""};
    qsizetype at = text->indexOf("\"kind\": \"oauth2\"");
    QVERIFY(at > 0);
    for (const QByteArray &key : keys) {
        const qsizetype next = text->indexOf(key, at);
        QVERIFY2(next > at, key.constData());
        at = next;
    }
    QList<LoadProblem> problems;
    const std::optional<CollectionRequest> back = parseRequestFile(*text, problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.isEmpty() ? QString() : problems.first().toString()));
    QVERIFY(back.has_value());
    QVERIFY(!back->inheritAuth);
    QVERIFY(back->spec.auth.oauth2 == everyField());
    QCOMPARE(*requestFileText(*back), *text);
}

void tst_OAuth2Settings::savedCollectionLoadsBack()
{
    const Result<LoadedCollection> loaded = loadCollection(Data);
    QVERIFY(loaded.ok());
    QVERIFY2(loaded->problems.isEmpty(),
             qPrintable(loaded->problems.isEmpty() ? QString() : loaded->problems.first().toString()));
    const Result<QByteArray> text = collectionFileText(loaded->collection);
    QVERIFY(text.ok());
    QCOMPARE(*text, readFile(Data + QStringLiteral("collection.json")));
    const QList<RequestRef> requests = requestsInOrder(loaded->collection.root, QString());
    QCOMPARE(requests.size(), 2);
    QVERIFY(requests.at(0).request->inheritAuth);
    QCOMPARE(requests.at(1).request->spec.auth.oauth2.grant, OAuth2Grant::ClientCredentials);
    QCOMPARE(requests.at(1).request->spec.auth.oauth2.clientSecret, QStringLiteral("{{machineSecret}}"));
}

void tst_OAuth2Settings::secretInClearIsNotWritten_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("words");
    QTest::newRow("client secret") << 0 << QStringLiteral("OAuth2 client secret");
    QTest::newRow("refresh token") << 1 << QStringLiteral("OAuth2 refresh token");
    QTest::newRow("Cognito password") << 2 << QStringLiteral("Cognito password");
}

void tst_OAuth2Settings::secretInClearIsNotWritten()
{
    QFETCH(int, field);
    QFETCH(QString, words);
    CollectionRequest request;
    request.name = QStringLiteral("Leaky");
    request.inheritAuth = false;
    request.spec.auth.kind = AuthKind::OAuth2;
    request.spec.auth.oauth2 = everyField();
    QString *secrets[] = {&request.spec.auth.oauth2.clientSecret, &request.spec.auth.oauth2.refreshToken,
                          &request.spec.auth.oauth2.password};
    *secrets[field] = QStringLiteral("hunter2-in-clear");
    const Result<QByteArray> text = requestFileText(request);
    QVERIFY(!text.ok());
    QVERIFY2(text.error().message.contains(words) && text.error().message.contains(QStringLiteral("secret variable")),
             qPrintable(text.error().message));
    QVERIFY(!text.error().message.contains(QStringLiteral("hunter2")));
}

void tst_OAuth2Settings::secretInClearIsNotRead()
{
    QByteArray text = readFile(Data + QStringLiteral("orders-as-machine.request.json"));
    text.replace("\"clientSecret\": \"{{machineSecret}}\"", "\"clientSecret\": \"s3cret\"");
    QList<LoadProblem> problems;
    QVERIFY(!parseRequestFile(text, problems).has_value());
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().reason.contains(QStringLiteral("\"clientSecret\" holds a secret in clear")),
             qPrintable(problems.first().reason));
    QCOMPARE(problems.first().line, 17);
}

void tst_OAuth2Settings::unknownGrantIsNamed()
{
    QByteArray text = readFile(Data + QStringLiteral("orders-as-machine.request.json"));
    text.replace("\"grant\": \"clientCredentials\"", "\"grant\": \"password\"");
    QList<LoadProblem> problems;
    QVERIFY(!parseRequestFile(text, problems).has_value());
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().reason,
             QStringLiteral("\"grant\" is authorizationCode, clientCredentials, refreshToken, cognito, not \"password\""));
}

void tst_OAuth2Settings::withoutSecretsKeepsReferencesOnly()
{
    RequestAuth auth;
    auth.kind = AuthKind::OAuth2;
    auth.oauth2 = everyField();
    QVERIFY(auth.withoutSecrets().oauth2 == everyField()); // only {{references}}: all kept
    auth.oauth2.clientSecret = QStringLiteral("s3cret");
    auth.oauth2.refreshToken = QStringLiteral("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0");
    auth.oauth2.password = QStringLiteral("Sourdough-2024");
    const OAuth2Settings kept = auth.withoutSecrets().oauth2;
    QVERIFY(kept.clientSecret.isEmpty() && kept.refreshToken.isEmpty() && kept.password.isEmpty());
    QCOMPARE(kept.clientId, everyField().clientId);
    QCOMPARE(kept.username, everyField().username);
}

void tst_OAuth2Settings::variablesAreSubstituted()
{
    Environment environment;
    environment.name = QStringLiteral("lab");
    environment.variables = {{QStringLiteral("clientId"), QStringLiteral("oven"), true, false},
                             {QStringLiteral("clientSecret"), QStringLiteral(" s3cret "), true, true}};
    const Result<OAuth2Settings> missing = resolveOAuth2Settings(everyField(), environment);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(QStringLiteral("refreshToken"))
                 && missing.error().message.contains(QStringLiteral("cognitoPassword")),
             qPrintable(missing.error().message));
    environment.variables.append({QStringLiteral("refreshToken"), QStringLiteral("r"), true, true});
    environment.variables.append({QStringLiteral("cognitoPassword"), QStringLiteral("p"), true, true});
    const Result<OAuth2Settings> resolved = resolveOAuth2Settings(everyField(), environment);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->clientId, QStringLiteral("oven"));
    QCOMPARE(resolved->clientSecret, QStringLiteral("s3cret"));
    QCOMPARE(resolved->password, QStringLiteral("p"));

    RequestSpec spec;
    spec.url = QStringLiteral("https://api.example.com/orders");
    spec.auth.kind = AuthKind::OAuth2;
    spec.auth.oauth2 = everyField();
    QVERIFY(spec.unresolvedVariables(Environment()).contains(QStringLiteral("cognitoPassword")));
}

void tst_OAuth2Settings::tokenPlacement_data()
{
    QTest::addColumn<OAuth2Placement>("placement");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<OAuth2TokenUse>("use");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("url");
    QTest::newRow("Bearer access token") << OAuth2Placement::Header << QStringLiteral("Bearer")
                                         << OAuth2TokenUse::Access << QByteArray("Bearer acc.ess.tok")
                                         << QStringLiteral("https://api.example.com/orders?a=1");
    QTest::newRow("bare ID token (Cognito user pool authorizer)")
        << OAuth2Placement::Header << QString() << OAuth2TokenUse::Id << QByteArray("id.tok.en")
        << QStringLiteral("https://api.example.com/orders?a=1");
    QTest::newRow("query parameter") << OAuth2Placement::Query << QStringLiteral("Bearer") << OAuth2TokenUse::Access
                                     << QByteArray()
                                     << QStringLiteral("https://api.example.com/orders?a=1&token=acc.ess.tok");
}

void tst_OAuth2Settings::tokenPlacement()
{
    QFETCH(OAuth2Placement, placement);
    QFETCH(QString, prefix);
    QFETCH(OAuth2TokenUse, use);
    QFETCH(QByteArray, header);
    QFETCH(QString, url);
    OAuth2Settings settings;
    settings.placement = placement;
    settings.headerPrefix = prefix;
    settings.tokenUse = use;
    settings.queryParameter = QStringLiteral("token");
    OAuth2::CachedToken token;
    token.accessToken = QStringLiteral("acc.ess.tok");
    token.idToken = QStringLiteral("id.tok.en");
    HttpClientRequest request;
    request.url = QUrl(QStringLiteral("https://api.example.com/orders?a=1"));
    QVERIFY(OAuth2::applyToken(request, settings, token).ok());
    QCOMPARE(request.headers.value("Authorization"), header);
    QCOMPARE(request.url.toString(), url);
}

void tst_OAuth2Settings::authorizationHeaderClash()
{
    OAuth2Settings settings;
    OAuth2::CachedToken token;
    token.accessToken = QStringLiteral("a.b.c");
    HttpClientRequest request;
    request.url = QUrl(QStringLiteral("https://api.example.com/"));
    request.headers.add("Authorization", "Basic eDp5");
    const Result<void> applied = OAuth2::applyToken(request, settings, token);
    QVERIFY(!applied.ok());
    QVERIFY(applied.error().message.contains(QStringLiteral("both an Authorization header and OAuth 2.0")));
    settings.tokenUse = OAuth2TokenUse::Id; // no ID token: said so, not sent empty
    request.headers = {};
    const Result<void> noId = OAuth2::applyToken(request, settings, token);
    QVERIFY(!noId.ok());
    QVERIFY(noId.error().message.contains(QStringLiteral("openid")));
}

void tst_OAuth2Settings::keyFollowsTheSettings()
{
    const OAuth2Settings a = everyField();
    OAuth2Settings b = a;
    QCOMPARE(OAuth2::tokenKey(a), OAuth2::tokenKey(b));
    b.scopes += QStringLiteral(" bakery/orders.write");
    QVERIFY(OAuth2::tokenKey(a) != OAuth2::tokenKey(b));
    b = a;
    b.clientSecret = QStringLiteral("{{otherSecret}}");
    QVERIFY(OAuth2::tokenKey(a) != OAuth2::tokenKey(b));
    b = a;
    b.headerPrefix = QStringLiteral("Token"); // how it is sent is not who it is for
    QCOMPARE(OAuth2::tokenKey(a), OAuth2::tokenKey(b));
    QVERIFY(!OAuth2::tokenKey(a).contains(QStringLiteral("cognitoPassword")));
}

QTEST_MAIN(tst_OAuth2Settings)
#include "tst_oauth2settings.moc"
