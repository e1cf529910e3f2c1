// GraphQL transports against servers Gatehouse did not write: AWS Amplify's AppSync simulator
// (HTTP with API_KEY, AWS_IAM, Cognito and OIDC; the AppSync real-time protocol) and the
// graphql-ws library's reference server (graphql-transport-ws), both from
// tests/peers/appsync-simulator; IAM signatures against botocore; the failure paths (no ack,
// no keep-alive, a dropped socket) against a QWebSocketServer that misbehaves on purpose.
#include "core/graphql/httpquery.h"
#include "core/graphql/subscriptionclient.h"
#include "core/graphql/tracemodel.h"
#include "graphqlpeer.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::GraphQL;

namespace {

const QString TestApiKey = QStringLiteral("da2-gatehousetestkey0000000001");

// A JWT made by PyJWT (python3-jwt) with the given issuer; the simulator only reads claims.
QString pyJwt(const QString &issuer)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import jwt,sys; print(jwt.encode({'iss': sys.argv[1], 'sub': "
                                 "'u1', 'token_use': 'id'}, 'test-secret-test-secret-test-secret', "
                                 "algorithm='HS256'))"),
                  issuer});
    python.waitForFinished(20000);
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

// QVERIFY2 evaluates its message even when the check holds.
template<typename T>
QString messageOf(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

QJsonObject jsonObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

Result<HttpQueryResult> runQuery(HttpClient &client, const HttpQueryRequest &request, const Auth &auth)
{
    std::optional<Result<HttpQueryResult>> out;
    QObject context;
    HttpQuery *query = HttpQuery::start(client, request, auth, &context);
    QObject::connect(query, &HttpQuery::finished, &context,
                     [&out](const Result<HttpQueryResult> &result) { out = result; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 15000))
        return makeError(ErrorCode::Timeout, QStringLiteral("no answer in the test"));
    return *out;
}

// Misbehaves on purpose: acks or not, never sends ka, drops sockets on request.
class MisbehavingServer : public QObject
{
public:
    enum Mode { NeverAck, AckWithoutKa, AckThenDrop };
    explicit MisbehavingServer(Mode mode)
        : m_server(QStringLiteral("misbehaving"), QWebSocketServer::NonSecureMode)
        , m_mode(mode)
    {
        m_server.setSupportedSubprotocols({QStringLiteral("graphql-ws")});
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *socket = m_server.nextPendingConnection();
            ++connections;
            lastRequest = socket->request();
            lastSubprotocol = socket->subprotocol();
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString &text) { onMessage(socket, text); });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    int connections = 0;
    QStringList starts; // ids of start messages, over every connection
    QNetworkRequest lastRequest;
    QString lastSubprotocol;

private:
    void onMessage(QWebSocket *socket, const QString &text)
    {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = message.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("connection_init") && m_mode != NeverAck)
            socket->sendTextMessage(QStringLiteral(
                "{\"type\":\"connection_ack\",\"payload\":{\"connectionTimeoutMs\":400}}"));
        if (type == QLatin1String("start")) {
            const QString id = message.value(QStringLiteral("id")).toString();
            starts.append(id);
            socket->sendTextMessage(QStringLiteral("{\"type\":\"start_ack\",\"id\":\"%1\"}").arg(id));
            if (m_mode == AckThenDrop && starts.size() == 1)
                QTimer::singleShot(50, socket, [socket] { socket->abort(); });
        }
        if (m_mode == AckThenDrop && type == QLatin1String("connection_init"))
            m_kaTimer.callOnTimeout(socket, [socket] {
                socket->sendTextMessage(QStringLiteral("{\"type\":\"ka\"}"));
            });
        if (m_mode == AckThenDrop)
            m_kaTimer.start(100);
    }

    QWebSocketServer m_server;
    Mode m_mode;
    QTimer m_kaTimer;
};

} // namespace

class TestGraphQLTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void httpQueryWithApiKey();
    void httpMutationWithApiKey();
    void httpAuthModes_data();
    void httpAuthModes();
    void httpWrongApiKey();
    void httpNotGraphQL_data();
    void httpNotGraphQL();
    void httpBadInput();

    void realtimeUrl_data();
    void realtimeUrl();
    void handshakeForms();
    void handshakeFormsOnTheWire_data();
    void handshakeFormsOnTheWire();
    void iamSignatureMatchesBotocore_data();
    void iamSignatureMatchesBotocore();

    void appSyncSubscription_data();
    void appSyncSubscription();
    void appSyncWrongKeyRefused();
    void transportWsSubscription();

    void neverAckTimesOut();
    void missingKeepAliveIsDeath();
    void droppedSocketReported();
    void droppedSocketResubscribes();

private:
    QUrl simulatorUrl(const QString &path = QStringLiteral("/graphql")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_simulator->port()).arg(path));
    }
    std::unique_ptr<GraphQLPeer> m_simulator;
    std::unique_ptr<GraphQLPeer> m_graphqlWs;
    HttpClient *m_http = nullptr;
};

void TestGraphQLTransport::initTestCase()
{
    m_simulator = std::make_unique<GraphQLPeer>(QStringLiteral("serve.js"));
    QVERIFY2(m_simulator->port() > 0, qPrintable(m_simulator->problem()));
    m_graphqlWs = std::make_unique<GraphQLPeer>(QStringLiteral("serve-graphql-ws.js"));
    QVERIFY2(m_graphqlWs->port() > 0, qPrintable(m_graphqlWs->problem()));
    m_http = new HttpClient(this);
}

void TestGraphQLTransport::cleanupTestCase()
{
    m_simulator.reset();
    m_graphqlWs.reset();
}

void TestGraphQLTransport::httpQueryWithApiKey()
{
    HttpQueryRequest request;
    request.url = simulatorUrl();
    request.query = QStringLiteral("query Get($n: String!) { getDestination(name: $n) { name weather "
                                   "activities } failing }");
    request.operationName = QStringLiteral("Get");
    request.variablesJson = "{\"n\": \"Paris\"}";
    Auth auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}};
    const auto result = runQuery(*m_http, request, auth);
    QVERIFY2(result.ok(), qPrintable(messageOf(result)));
    QCOMPARE(result->httpStatus, 200);
    // Key order as the server sent it, not re-sorted.
    QCOMPARE(result->response.data,
             QByteArray("{\"getDestination\":{\"name\":\"Paris\",\"weather\":\"sunny\",\"activities\":"
                        "[\"hiking\",\"kayaking\"]},\"failing\":null}"));
    QCOMPARE(result->response.errors.size(), 1);
    QCOMPARE(result->response.errors.at(0).path, QStringLiteral("failing"));
    QCOMPARE(result->response.errors.at(0).errorType, QStringLiteral("TestError"));
    QCOMPARE(result->response.errors.at(0).message, QStringLiteral("the failing field always fails"));
    QVERIFY(result->response.errors.at(0).locations.startsWith(QStringLiteral("1:")));
}

void TestGraphQLTransport::httpMutationWithApiKey()
{
    HttpQueryRequest request;
    request.url = simulatorUrl();
    request.query = QStringLiteral("mutation { addActivity(destination: \"Oslo\", name: \"ski\") { id "
                                   "destination name } }");
    const auto result = runQuery(*m_http, request, Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}});
    QVERIFY2(result.ok(), qPrintable(messageOf(result)));
    const QJsonObject added = jsonObject(result->response.data).value(QStringLiteral("addActivity")).toObject();
    QCOMPARE(added.value(QStringLiteral("destination")).toString(), QStringLiteral("Oslo"));
    QCOMPARE(added.value(QStringLiteral("name")).toString(), QStringLiteral("ski"));
    QCOMPARE(added.value(QStringLiteral("id")).toString().size(), 36); // $util.autoId(): a UUID
    QVERIFY(result->response.errors.isEmpty());
}

void TestGraphQLTransport::httpAuthModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("issuer");
    QTest::newRow("AWS_IAM") << int(AuthMode::AwsIam) << QString();
    QTest::newRow("AMAZON_COGNITO_USER_POOLS")
        << int(AuthMode::CognitoUserPools)
        << QStringLiteral("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test");
    QTest::newRow("OPENID_CONNECT") << int(AuthMode::OpenIdConnect) << QStringLiteral("https://issuer.example");
}

void TestGraphQLTransport::httpAuthModes()
{
    QFETCH(int, mode);
    QFETCH(QString, issuer);
    Auth auth;
    auth.mode = AuthMode(mode);
    auth.region = QStringLiteral("eu-west-1");
    auth.credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    auth.credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    if (!issuer.isEmpty()) {
        auth.token = pyJwt(issuer);
        QVERIFY(auth.token.count(QLatin1Char('.')) == 2);
    }
    HttpQueryRequest request;
    request.url = simulatorUrl();
    request.query = QStringLiteral("{ getDestination(name: \"Lima\") { name } }");
    const auto result = runQuery(*m_http, request, auth);
    QVERIFY2(result.ok(), qPrintable(messageOf(result)));
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->response.data, QByteArray("{\"getDestination\":{\"name\":\"Lima\"}}"));

    // The same token from an issuer the API does not trust is refused by the simulator.
    if (!issuer.isEmpty()) {
        auth.token = pyJwt(QStringLiteral("https://elsewhere.example"));
        const auto refused = runQuery(*m_http, request, auth);
        QVERIFY(refused.ok());
        QCOMPARE(refused->httpStatus, 401);
        QCOMPARE(refused->response.errors.value(0).errorType, QStringLiteral("UnauthorizedException"));
    }
}

void TestGraphQLTransport::httpWrongApiKey()
{
    HttpQueryRequest request;
    request.url = simulatorUrl();
    request.query = QStringLiteral("{ getDestination(name: \"Paris\") { name } }");
    const auto result = runQuery(*m_http, request, Auth{AuthMode::ApiKey, QStringLiteral("da2-wrong"), {}, {}, {}});
    QVERIFY2(result.ok(), qPrintable(messageOf(result)));
    QCOMPARE(result->httpStatus, 401);
    QVERIFY(result->response.data.isEmpty());
    QCOMPARE(result->response.errors.size(), 1);
    QCOMPARE(result->response.errors.at(0).errorType, QStringLiteral("UnauthorizedException"));
    QVERIFY(result->response.errors.at(0).message.contains(QLatin1String("Invalid API key")));
}

void TestGraphQLTransport::httpNotGraphQL_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("html page") << 200 << QByteArray("text/html") << QByteArray("<!doctype html><p>hi")
                               << QStringLiteral("HTML page");
    QTest::newRow("404") << 404 << QByteArray("text/plain") << QByteArray("Not Found")
                         << QStringLiteral("HTTP 404");
    QTest::newRow("json without data") << 200 << QByteArray("application/json")
                                       << QByteArray("{\"message\":\"hello\"}")
                                       << QStringLiteral("neither \"data\" nor \"errors\"");
    QTest::newRow("not json") << 200 << QByteArray("text/plain") << QByteArray("OK")
                              << QStringLiteral("not JSON");
}

void TestGraphQLTransport::httpNotGraphQL()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    HttpClientResponse response;
    response.status = status;
    response.headers.add("Content-Type", contentType);
    response.body = body;
    const auto result = readHttpQueryAnswer(response);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Protocol);
    QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));

    // And a real server's 404 page (express, inside the simulator) for a wrong path.
    if (qstrcmp(QTest::currentDataTag(), "404") == 0) {
        HttpQueryRequest request;
        request.url = simulatorUrl(QStringLiteral("/nothing-here"));
        request.query = QStringLiteral("{ failing }");
        const auto answer = runQuery(*m_http, request, Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}});
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().httpStatus, 404);
        QVERIFY2(answer.error().message.contains(QLatin1String("without a GraphQL response")),
                 qPrintable(answer.error().message));
    }
}

void TestGraphQLTransport::httpBadInput()
{
    HttpQueryRequest request;
    request.url = simulatorUrl();
    request.query = QStringLiteral("{ failing }");
    request.variablesJson = "{\"n\": ";
    auto built = buildHttpQuery(request, Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}});
    QVERIFY(!built.ok());
    QVERIFY(built.error().message.contains(QLatin1String("not valid JSON")));
    request.variablesJson = "[1]";
    built = buildHttpQuery(request, Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}});
    QVERIFY(built.error().message.contains(QLatin1String("must be a JSON object")));
    request.variablesJson.clear();
    built = buildHttpQuery(request, Auth{AuthMode::ApiKey, {}, {}, {}, {}});
    QVERIFY(built.error().message.contains(QLatin1String("needs the API key")));
    built = buildHttpQuery(request, Auth{AuthMode::AwsIam, {}, {}, {QStringLiteral("AKID"), QStringLiteral("s"), {}, {}, {}}, {}});
    QVERIFY2(built.error().message.contains(QLatin1String("--region")), qPrintable(built.error().message));
    request.url = QUrl(QStringLiteral("ftp://example.com/graphql"));
    built = buildHttpQuery(request, Auth{});
    QVERIFY(built.error().message.contains(QLatin1String("not an http:// or https:// URL")));
}

void TestGraphQLTransport::realtimeUrl_data()
{
    QTest::addColumn<QString>("graphql");
    QTest::addColumn<QString>("realtime");
    QTest::newRow("appsync") << "https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql"
                             << "wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com/graphql";
    QTest::newRow("custom domain") << "https://api.example.com/graphql"
                                   << "wss://api.example.com/graphql/realtime";
    QTest::newRow("emulator") << "http://127.0.0.1:4577/graphql" << "ws://127.0.0.1:4577/graphql/realtime";
}

void TestGraphQLTransport::realtimeUrl()
{
    QFETCH(QString, graphql);
    QFETCH(QString, realtime);
    QCOMPARE(appSyncRealtimeUrl(QUrl(graphql)).toString(), realtime);
    QCOMPARE(appSyncRegion(QUrl(graphql)),
             graphql.contains(QLatin1String("appsync-api")) ? QStringLiteral("eu-west-1") : QString());
}

void TestGraphQLTransport::handshakeForms()
{
    SubscriptionOptions options;
    options.url = QUrl(QStringLiteral("https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql"));
    options.auth = Auth{AuthMode::ApiKey, QStringLiteral("da2-12345678901234567890123456"), {}, {}, {}};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray expected =
        "{\"host\":\"abc123.appsync-api.eu-west-1.amazonaws.com\",\"x-api-key\":\"da2-12345678901234567890123456\"}";

    options.handshake = AppSyncHandshake::QueryString;
    auto query = SubscriptionClient::connectOptions(options, now);
    QVERIFY(query.ok());
    QCOMPARE(query->url.host(), QStringLiteral("abc123.appsync-realtime-api.eu-west-1.amazonaws.com"));
    QCOMPARE(query->subprotocols, QStringList{QStringLiteral("graphql-ws")});
    const QUrlQuery parameters(query->url);
    QCOMPARE(parameters.queryItemValue(QStringLiteral("payload"), QUrl::FullyDecoded), QStringLiteral("e30="));
    QCOMPARE(QByteArray::fromBase64(parameters.queryItemValue(QStringLiteral("header"), QUrl::FullyDecoded).toLatin1(),
                                    QByteArray::AbortOnBase64DecodingErrors),
             expected);

    options.handshake = AppSyncHandshake::Subprotocol;
    auto protocol = SubscriptionClient::connectOptions(options, now);
    QVERIFY(protocol.ok());
    QVERIFY(!protocol->url.hasQuery());
    QCOMPARE(protocol->subprotocols.size(), 2);
    QCOMPARE(protocol->subprotocols.at(0), QStringLiteral("graphql-ws"));
    const QString header = protocol->subprotocols.at(1);
    QVERIFY(header.startsWith(QLatin1String("header-")));
    QVERIFY(!header.contains(QLatin1Char('=')) && !header.contains(QLatin1Char('+'))
            && !header.contains(QLatin1Char('/')));
    QCOMPARE(QByteArray::fromBase64(header.mid(7).toLatin1(), QByteArray::Base64UrlEncoding
                                                                  | QByteArray::AbortOnBase64DecodingErrors),
             expected);

    options.handshake = AppSyncHandshake::Headers;
    auto headers = SubscriptionClient::connectOptions(options, now);
    QVERIFY(headers.ok());
    QCOMPARE(headers->headers.value("x-api-key"), QByteArray("da2-12345678901234567890123456"));
    QCOMPARE(headers->subprotocols, QStringList{QStringLiteral("graphql-ws")});

    // AWS_LAMBDA and the JWT modes carry the token as Authorization, as PROTOCOLS.md 1.3 says.
    for (AuthMode mode : {AuthMode::AwsLambda, AuthMode::CognitoUserPools, AuthMode::OpenIdConnect}) {
        SubscriptionOptions tokenOptions = options;
        tokenOptions.auth = Auth{mode, {}, QStringLiteral("custom-authorizer-token"), {}, {}};
        tokenOptions.handshake = AppSyncHandshake::Subprotocol;
        auto withToken = SubscriptionClient::connectOptions(tokenOptions, now);
        QVERIFY(withToken.ok());
        QCOMPARE(QByteArray::fromBase64(withToken->subprotocols.at(1).mid(7).toLatin1(), QByteArray::Base64UrlEncoding),
                 QByteArray("{\"host\":\"abc123.appsync-api.eu-west-1.amazonaws.com\",\"Authorization\":\"custom-authorizer-token\"}"));
        HttpQueryRequest request;
        request.url = options.url;
        request.query = QStringLiteral("{ a }");
        const auto http = buildHttpQuery(request, tokenOptions.auth, now);
        QVERIFY(http.ok());
        QCOMPARE(http->headers.value("Authorization"), QByteArray("custom-authorizer-token"));
        tokenOptions.auth.token.clear();
        QVERIFY(!SubscriptionClient::connectOptions(tokenOptions, now).ok());
    }

    // Traces never show the key, whichever form carried it.
    const QByteArray masked = maskSecrets(query->url.toEncoded() + ' ' + header.toUtf8() + ' '
                                              + "{\"x-api-key\":\"da2-other-key-not-named\"}",
                                          options.auth.secrets());
    QVERIFY2(!masked.contains("da2-"), masked.constData());
    QVERIFY(!masked.contains(header.mid(7).toUtf8()));
}

void TestGraphQLTransport::handshakeFormsOnTheWire_data()
{
    QTest::addColumn<int>("form");
    QTest::newRow("query string") << int(AppSyncHandshake::QueryString);
    QTest::newRow("subprotocol") << int(AppSyncHandshake::Subprotocol);
    QTest::newRow("headers") << int(AppSyncHandshake::Headers);
}

// What each form puts on the upgrade request as a server sees it: Qt's WebSocket client sends
// the long header-<base64url> token, the server picks graphql-ws, and the object arrives whole.
void TestGraphQLTransport::handshakeFormsOnTheWire()
{
    QFETCH(int, form);
    MisbehavingServer server(MisbehavingServer::AckWithoutKa);
    SubscriptionOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(server.port()));
    options.realtimeUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(server.port()));
    options.auth = Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}};
    options.handshake = AppSyncHandshake(form);
    SubscriptionClient client;
    QSignalSpy acked(&client, &SubscriptionClient::acknowledged);
    QVERIFY(client.open(options).ok());
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 1, 5000);
    QCOMPARE(server.lastSubprotocol, QStringLiteral("graphql-ws"));
    const QNetworkRequest &request = server.lastRequest;
    const QByteArray object = "{\"host\":\"127.0.0.1:" + QByteArray::number(server.port())
                              + "\",\"x-api-key\":\"" + TestApiKey.toUtf8() + "\"}";
    switch (AppSyncHandshake(form)) {
    case AppSyncHandshake::QueryString: {
        const QUrlQuery query(request.url());
        QCOMPARE(QByteArray::fromBase64(query.queryItemValue(QStringLiteral("header"), QUrl::FullyDecoded).toLatin1()), object);
        QCOMPARE(query.queryItemValue(QStringLiteral("payload"), QUrl::FullyDecoded), QStringLiteral("e30="));
        break;
    }
    case AppSyncHandshake::Subprotocol: {
        const QList<QByteArray> offered = request.rawHeader("Sec-WebSocket-Protocol").split(',');
        QCOMPARE(offered.size(), 2);
        QCOMPARE(offered.at(0).trimmed(), QByteArray("graphql-ws"));
        QCOMPARE(QByteArray::fromBase64(offered.at(1).trimmed().mid(7), QByteArray::Base64UrlEncoding), object);
        QVERIFY(!request.url().hasQuery());
        break;
    }
    case AppSyncHandshake::Headers:
        QCOMPARE(request.rawHeader("x-api-key"), TestApiKey.toUtf8());
        QVERIFY(!request.url().hasQuery());
        break;
    }
    client.close();
}

void TestGraphQLTransport::iamSignatureMatchesBotocore_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("token");
    QTest::newRow("connect, temporary credentials")
        << "https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql/connect" << QByteArray("{}")
        << QStringLiteral("FwoGZXIvYXdzEBYaDtest+session/token==");
    QTest::newRow("connect, long-term keys")
        << "https://abc123.appsync-api.us-east-1.amazonaws.com/graphql/connect" << QByteArray("{}") << QString();
    QTest::newRow("start payload, custom domain")
        << "https://api.example.com/graphql"
        << QByteArray("{\"query\":\"subscription { onActivityAdded { id } }\",\"variables\":{}}")
        << QStringLiteral("token123");
}

void TestGraphQLTransport::iamSignatureMatchesBotocore()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, body);
    QFETCH(QString, token);
    Auth auth;
    auth.mode = AuthMode::AwsIam;
    auth.credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    auth.credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    auth.credentials.sessionToken = token;
    if (appSyncRegion(QUrl(url)).isEmpty())
        auth.region = QStringLiteral("ap-southeast-2");
    const QDateTime time(QDate(2024, 3, 1), QTime(12, 34, 56), Qt::UTC);
    const auto fields = authorizationFields(auth, QUrl(url), body, time);
    QVERIFY2(fields.ok(), qPrintable(messageOf(fields)));
    HttpHeaders object;
    for (const auto &field : *fields)
        object.add(field.first, field.second);
    QCOMPARE(object.value("x-amz-date"), QByteArray("20240301T123456Z"));
    QCOMPARE(object.value("host"), QUrl(url).host().toUtf8());
    QCOMPARE(object.value("X-Amz-Security-Token"), token.toUtf8());
    QCOMPARE(object.value("content-encoding"), QByteArray("amz-1.0"));

    QJsonObject given{{QStringLiteral("url"), url},
                      {QStringLiteral("body"), QString::fromUtf8(body)},
                      {QStringLiteral("region"), auth.region.isEmpty() ? appSyncRegion(QUrl(url)) : auth.region},
                      {QStringLiteral("accessKey"), auth.credentials.accessKeyId},
                      {QStringLiteral("secretKey"), auth.credentials.secretAccessKey},
                      {QStringLiteral("token"), token},
                      {QStringLiteral("amzDate"), QStringLiteral("20240301T123456Z")}};
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/core/appsyncsigv4.py")});
    python.write(QJsonDocument(given).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    const QByteArray botocore = python.readAllStandardOutput().trimmed();
    QCOMPARE(object.value("Authorization"), botocore);
    QVERIFY(botocore.contains(token.isEmpty()
                                  ? QByteArray("SignedHeaders=accept;content-encoding;content-type;host;x-amz-date,")
                                  : QByteArray("SignedHeaders=accept;content-encoding;content-type;host;x-amz-date;x-amz-security-token,")));
}

void TestGraphQLTransport::appSyncSubscription_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("API_KEY") << int(AuthMode::ApiKey);
    QTest::newRow("AWS_IAM") << int(AuthMode::AwsIam);
}

void TestGraphQLTransport::appSyncSubscription()
{
    QFETCH(int, mode);
    SubscriptionOptions options;
    options.url = simulatorUrl();
    options.realtimeUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(m_simulator->port()));
    options.auth.mode = AuthMode(mode);
    options.auth.apiKey = TestApiKey;
    options.auth.region = QStringLiteral("eu-west-1");
    options.auth.credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    options.auth.credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    options.auth.credentials.sessionToken = QStringLiteral("session-token-for-the-test");

    SubscriptionClient client;
    QSignalSpy acked(&client, &SubscriptionClient::acknowledged);
    QSignalSpy started(&client, &SubscriptionClient::started);
    QSignalSpy data(&client, &SubscriptionClient::dataReceived);
    QSignalSpy completed(&client, &SubscriptionClient::completed);
    QSignalSpy disconnected(&client, &SubscriptionClient::disconnected);
    QList<TraceEntry> trace;
    connect(&client, &SubscriptionClient::traced, this, [&trace](const TraceEntry &e) { trace.append(e); });
    QVERIFY(client.open(options).ok());
    // Two subscriptions on one connection. The simulator pushes every addActivity to every
    // real-time subscriber (it does not filter by arguments as AppSync does), so both get it.
    const QString subscription = QStringLiteral(
        "subscription S($destination: String) { onActivityAdded(destination: $destination) { id destination name } }");
    const auto first = client.subscribe(subscription, "{\"destination\":\"Paris\"}");
    const auto second = client.subscribe(subscription, "{\"destination\":\"Rome\"}");
    QVERIFY(first.ok() && second.ok());
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 10000);
    QCOMPARE(acked.size(), 1);
    // The simulator's ack says connectionTimeout, not AppSync's connectionTimeoutMs: the
    // client falls back to AppSync's default of 5 minutes and says so.
    QCOMPARE(acked.at(0).at(0).toLongLong(), 300000);

    HttpQueryRequest mutation;
    mutation.url = simulatorUrl();
    mutation.query = QStringLiteral("mutation { addActivity(destination: \"Paris\", name: \"louvre\") { id destination name } }");
    QElapsedTimer clock;
    clock.start();
    const auto added = runQuery(*m_http, mutation, options.auth);
    QVERIFY2(added.ok(), qPrintable(messageOf(added)));
    QTRY_COMPARE_WITH_TIMEOUT(data.size(), 2, 5000);
    qInfo("mutation sent to both events received: %lld ms", clock.elapsed());
    const QString addedId = jsonObject(added->response.data).value(QStringLiteral("addActivity")).toObject()
                                .value(QStringLiteral("id")).toString();
    QSet<QString> receivers;
    for (const auto &arguments : std::as_const(data)) {
        receivers.insert(arguments.at(0).toString());
        const QJsonObject event = jsonObject(arguments.at(1).toByteArray())
                                      .value(QStringLiteral("data")).toObject()
                                      .value(QStringLiteral("onActivityAdded")).toObject();
        QCOMPARE(event.value(QStringLiteral("name")).toString(), QStringLiteral("louvre"));
        QCOMPARE(event.value(QStringLiteral("id")).toString(), addedId);
    }
    QCOMPARE(receivers, (QSet<QString>{*first, *second}));

    // stop → complete; afterwards only the other subscription hears a mutation.
    client.unsubscribe(*first);
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 5000);
    QCOMPARE(completed.at(0).at(0).toString(), *first);
    data.clear();
    QVERIFY(runQuery(*m_http, mutation, options.auth).ok());
    QTRY_COMPARE_WITH_TIMEOUT(data.size(), 1, 5000);
    QCOMPARE(data.at(0).at(0).toString(), *second);
    QTest::qWait(200);
    QCOMPARE(data.size(), 1);
    // close() stops the other one and waits for its complete before closing the socket.
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    QVERIFY(!disconnected.at(0).at(0).value<Error>().isError());
    QCOMPARE(completed.size(), 2);
    QCOMPARE(completed.at(1).at(0).toString(), *second);

    // Every frame went through the trace, none with a secret in it.
    QStringList types;
    for (const TraceEntry &entry : std::as_const(trace)) {
        QVERIFY2(!entry.text.contains(TestApiKey.toUtf8()), entry.text.constData());
        QVERIFY2(!entry.text.contains("wJalrXUtnFEMI"), entry.text.constData());
        QVERIFY2(!entry.text.contains("session-token-for-the-test"), entry.text.constData());
        if (!entry.note)
            types << jsonObject(entry.text).value(QStringLiteral("type")).toString();
    }
    for (const char *type : {"connection_init", "connection_ack", "start", "start_ack", "data", "stop", "complete"})
        QVERIFY2(types.contains(QLatin1String(type)), type);
    if (AuthMode(mode) == AuthMode::AwsIam) {
        bool sawSignedStart = false;
        for (const TraceEntry &entry : std::as_const(trace))
            sawSignedStart |= entry.text.contains("\"start\"") && entry.text.contains("\"x-amz-date\"")
                              && entry.text.contains("\"Authorization\":\"***\"");
        QVERIFY(sawSignedStart);
    }
}

void TestGraphQLTransport::appSyncWrongKeyRefused()
{
    SubscriptionOptions options;
    options.url = simulatorUrl();
    options.realtimeUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(m_simulator->port()));
    options.auth = Auth{AuthMode::ApiKey, QStringLiteral("da2-wrong-key"), {}, {}, {}};
    options.ackTimeoutMs = 3000;
    SubscriptionClient client;
    QSignalSpy disconnected(&client, &SubscriptionClient::disconnected);
    QVERIFY(client.open(options).ok());
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
    const Error error = disconnected.at(0).at(0).value<Error>();
    QVERIFY(error.isError());
    // The simulator closes with 1002 (protocol error) when the key is wrong.
    QVERIFY2(error.message.contains(QLatin1String("before it was ready")), qPrintable(error.message));
}

void TestGraphQLTransport::transportWsSubscription()
{
    SubscriptionOptions options;
    options.protocol = SubscriptionProtocol::GraphQLTransportWs;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(m_graphqlWs->port()));
    SubscriptionClient client;
    QSignalSpy data(&client, &SubscriptionClient::dataReceived);
    QSignalSpy completed(&client, &SubscriptionClient::completed);
    QSignalSpy failed(&client, &SubscriptionClient::subscriptionFailed);
    // The trace panel's model, fed by the live session and checked by Qt's model tester; a
    // cap of 6 rows makes it drop the oldest while frames arrive.
    TraceModel trace;
    QAbstractItemModelTester tester(&trace, QAbstractItemModelTester::FailureReportingMode::QtTest);
    trace.setMaximumRows(6);
    connect(&client, &SubscriptionClient::traced, &trace, &TraceModel::append);
    QList<TraceEntry> entries;
    connect(&client, &SubscriptionClient::traced, this, [&entries](const TraceEntry &entry) { entries << entry; });
    QVERIFY(client.open(options).ok());
    const auto countdown = client.subscribe(QStringLiteral("subscription C($n: Int!) { countdown(from: $n) }"),
                                            "{\"n\": 2}");
    const auto unknown = client.subscribe(QStringLiteral("subscription { nosuchfield }"));
    QVERIFY(countdown.ok() && unknown.ok());
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 10000);
    QCOMPARE(data.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(data.at(i).at(0).toString(), *countdown);
        QCOMPARE(data.at(i).at(1).toByteArray(), QByteArray("{\"data\":{\"countdown\":") + QByteArray::number(2 - i) + "}}");
    }
    // A validation failure is an `error` message with the graphql-js error list.
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
    QCOMPARE(failed.at(0).at(0).toString(), *unknown);
    const auto errors = failed.at(0).at(1).value<QList<ResponseError>>();
    QVERIFY2(errors.value(0).message.contains(QLatin1String("nosuchfield")), qPrintable(errors.value(0).message));
    QVERIFY(client.activeSubscriptions().isEmpty());
    client.close();

    // The model keeps the newest 6 of everything traced, in order, with each frame's type
    // and subscription id picked out.
    QVERIFY(entries.size() > 9);
    QCOMPARE(trace.rowCount(), 6);
    for (int row = 0; row < 6; ++row) {
        const TraceEntry &entry = entries.at(entries.size() - 6 + row);
        QCOMPARE(trace.index(row, TraceModel::TextColumn).data().toString(), QString::fromUtf8(entry.text));
        const QString direction = trace.index(row, 0).data(TraceModel::DirectionRole).toString();
        QCOMPARE(direction, entry.note ? QStringLiteral("note")
                            : entry.direction == WebSocketDirection::Sent ? QStringLiteral("sent")
                                                                          : QStringLiteral("received"));
        const QString type = trace.index(row, TraceModel::TypeColumn).data().toString();
        if (!entry.note)
            QCOMPARE(type, QJsonDocument::fromJson(entry.text).object().value(QStringLiteral("type")).toString());
        else
            QVERIFY(type.isEmpty());
    }
    trace.clear();
    QCOMPARE(trace.rowCount(), 0);
}

void TestGraphQLTransport::neverAckTimesOut()
{
    MisbehavingServer server(MisbehavingServer::NeverAck);
    SubscriptionOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(server.port()));
    options.realtimeUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(server.port()));
    options.auth = Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}};
    options.ackTimeoutMs = 300;
    SubscriptionClient client;
    QSignalSpy disconnected(&client, &SubscriptionClient::disconnected);
    QVERIFY(client.open(options).ok());
    QVERIFY(client.subscribe(QStringLiteral("subscription { a }")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    const Error error = disconnected.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::Timeout);
    QVERIFY2(error.message.contains(QLatin1String("no connection_ack within 0.3 s")), qPrintable(error.message));
    QCOMPARE(client.state(), SubscriptionClient::State::Closed);
}

void TestGraphQLTransport::missingKeepAliveIsDeath()
{
    MisbehavingServer server(MisbehavingServer::AckWithoutKa);
    SubscriptionOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(server.port()));
    options.realtimeUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(server.port()));
    options.auth = Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}};
    SubscriptionClient client;
    QSignalSpy acked(&client, &SubscriptionClient::acknowledged);
    QSignalSpy disconnected(&client, &SubscriptionClient::disconnected);
    QVERIFY(client.open(options).ok());
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 1, 5000);
    QCOMPARE(acked.at(0).at(0).toLongLong(), 400); // connectionTimeoutMs from the ack
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    QVERIFY(clock.elapsed() >= 350);
    const Error error = disconnected.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::Timeout);
    QVERIFY2(error.message.contains(QLatin1String("No keep-alive (ka)")), qPrintable(error.message));
    QVERIFY(error.message.contains(QLatin1String("considered dead")));
}

void TestGraphQLTransport::droppedSocketReported()
{
    MisbehavingServer server(MisbehavingServer::AckThenDrop);
    SubscriptionOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(server.port()));
    options.realtimeUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(server.port()));
    options.auth = Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}};
    SubscriptionClient client;
    QSignalSpy started(&client, &SubscriptionClient::started);
    QSignalSpy disconnected(&client, &SubscriptionClient::disconnected);
    QVERIFY(client.open(options).ok());
    QVERIFY(client.subscribe(QStringLiteral("subscription { a }")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    const Error error = disconnected.at(0).at(0).value<Error>();
    QVERIFY(error.isError());
    QVERIFY2(error.message.contains(QLatin1String("dropped with 1 subscription(s) active")), qPrintable(error.message));
    QCOMPARE(server.connections, 1);
}

void TestGraphQLTransport::droppedSocketResubscribes()
{
    MisbehavingServer server(MisbehavingServer::AckThenDrop);
    SubscriptionOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(server.port()));
    options.realtimeUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(server.port()));
    options.auth = Auth{AuthMode::ApiKey, TestApiKey, {}, {}, {}};
    options.resubscribe = true;
    SubscriptionClient client;
    QSignalSpy started(&client, &SubscriptionClient::started);
    QSignalSpy reconnecting(&client, &SubscriptionClient::reconnecting);
    QSignalSpy disconnected(&client, &SubscriptionClient::disconnected);
    QVERIFY(client.open(options).ok());
    const auto id = client.subscribe(QStringLiteral("subscription { a }"));
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 10000);
    QCOMPARE(reconnecting.size(), 1);
    QVERIFY(reconnecting.at(0).at(0).value<Error>().message.contains(QLatin1String("dropped")));
    QCOMPARE(server.connections, 2);
    QCOMPARE(server.starts, (QStringList{*id, *id})); // the same subscription started again
    QCOMPARE(disconnected.size(), 0);
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
}

QTEST_GUILESS_MAIN(TestGraphQLTransport)
#include "tst_graphqltransport.moc"
