// The emulator's AppSync GraphQL APIs: the travel lab (resources/labs/travel) and a test lab
// whose direct Lambda resolvers echo their event (tests/data/labs/appsync-echo). Template
// reading and its errors in words naming the resource; the direct resolver event against
// AppSync's samples (powertools' appSyncDirectResolver.json, aws-lambda-go's identities) for
// a Cognito caller, an IAM caller signed by botocore and a nested field's source; the auth
// providers (API key missing or wrong: 401 UnauthorizedException; a field the provider may not
// read: "Not Authorized to access ..."); a function's error as Lambda:Unhandled; NONE resolvers;
// introspection over HTTP loading back into the schema; and Debian's python3 urllib as a client.
// The travel lab's activities go through VTL resolvers on its DynamoDB table (a pipeline for
// addActivity); tst_appsynctemplates covers the templates themselves.
#include "../common/appsyncclient.h"
#include "../common/emulatorlab.h"
#include "../common/websocketapitest.h"
#include "core/emulator/appsyncservice.h"
#include "core/emulator/cognitoidpservice.h"
#include "core/emulator/cognitotokens.h"
#include "core/emulator/dynamodbstore.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"
#include "core/graphql/schema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <optional>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
using Gatehouse::Test::graphQlApi;
using Gatehouse::Test::graphQlBody;
using Gatehouse::Test::readSampleEvent;
using Gatehouse::Test::shapeDifference;

namespace {

using Reply = Gatehouse::Test::GraphQlReply;

QSet<QString> keySet(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

} // namespace

class TestAppSync : public QObject
{
    Q_OBJECT

    std::unique_ptr<Emulator::Emulator> m_travel;
    std::unique_ptr<Emulator::Emulator> m_echo;
    std::unique_ptr<Emulator::Emulator> m_auth; // tests/data/labs/appsync-oidc
    QNetworkAccessManager m_network;

    Reply post(const QString &url, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        return Gatehouse::Test::postGraphQl(m_network, url, body, headers);
    }

    static QString url(const Emulator::Emulator &emulator) { return graphQlApi(emulator)->pathStyleUrl; }
    static QByteArray apiKey(const Emulator::Emulator &emulator) { return Gatehouse::Test::graphQlApiKey(emulator); }

    Reply withKey(const Emulator::Emulator &emulator, const QString &query, const QJsonObject &variables = {})
    {
        return post(url(emulator), graphQlBody(query, variables), {{"x-api-key", apiKey(emulator)}});
    }

    // The GraphQL URL of a lab's API by its Name.
    static QString urlOf(const Emulator::Emulator &emulator, const QString &name)
    {
        for (const Core::EmulatorApiInfo &api : emulator.info().apis) {
            if (api.kind == QLatin1String("GraphQL API") && api.name == name)
                return api.pathStyleUrl;
        }
        return {};
    }

    // The real-time peer against the OIDC lab's API (http://host/graphql -> ws://host/graphql/realtime),
    // signing in with `token`; `handshake` picks how the token travels (see the peer).
    static void startOidcPeer(QProcess *peer, const QByteArray &token, const QString &graphQlUrl,
                              const QString &subscription, const QString &handshake)
    {
        Gatehouse::Test::startRealtimePeer(peer, {QStringLiteral("oidc"), QStringLiteral("ws") + graphQlUrl.mid(4) + QStringLiteral("/realtime"),
                                                  subscription, handshake},
                                           {{QStringLiteral("GATEHOUSE_TOKEN"), QString::fromUtf8(token)}});
    }

    // An ID token of a lab pool's user, from the emulator's Cognito (InitiateAuth USER_PASSWORD_AUTH).
    QByteArray idToken(const Emulator::Emulator &emulator, const QString &user, const QString &password, int client = 0)
    {
        const QString clientId = emulator.lab().userPools.at(0).clients.at(client).clientId;
        QNetworkRequest request{QUrl(emulator.info().baseUrl + QLatin1Char('/'))};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-amz-json-1.1"));
        request.setRawHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");
        const QJsonObject body{{QStringLiteral("AuthFlow"), QStringLiteral("USER_PASSWORD_AUTH")},
                               {QStringLiteral("ClientId"), clientId},
                               {QStringLiteral("AuthParameters"),
                                QJsonObject{{QStringLiteral("USERNAME"), user}, {QStringLiteral("PASSWORD"), password}}}};
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30000);
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return answer.value(QStringLiteral("AuthenticationResult")).toObject().value(QStringLiteral("IdToken")).toString().toUtf8();
    }

    // Debian's python3: urllib with an API key, or signed by botocore for "appsync".
    QJsonObject python(const QString &mode, const QString &target, const QByteArray &body, const QByteArray &key = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("GATEHOUSE_API_KEY"), QString::fromUtf8(key));
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral("/usr/bin/python3"),
                      {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/appsync_peer.py"), mode, target,
                       QStringLiteral("us-east-1")});
        process.write(body);
        process.closeWriteChannel();
        // The emulator answers on this thread, so the wait turns the event loop.
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < 60000)
            QTest::qWait(20);
        const QByteArray out = process.readAllStandardOutput();
        if (out.isEmpty())
            qWarning("%s", process.readAllStandardError().constData());
        return QJsonDocument::fromJson(out).object();
    }

private slots:
    void initTestCase()
    {
        m_travel = Gatehouse::Test::startLab(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/travel"));
        QVERIFY(m_travel);
        m_echo = Gatehouse::Test::startLab(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/appsync-echo"));
        QVERIFY(m_echo);
        m_auth = Gatehouse::Test::startLab(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/appsync-oidc"));
        QVERIFY(m_auth);
    }

    void cleanupTestCase()
    {
        m_travel.reset();
        m_echo.reset();
        m_auth.reset();
    }

    // OPENID_CONNECT with the lab pool's AWS issuer URL: its ID token is verified in-process
    // (the emulator's key, iss, exp, aud = ClientId) and the resolver runs.
    void oidcTokenOfLabPoolAccepted()
    {
        const LabDefinition &lab = m_auth->lab();
        const AppSyncApiConfig *api = nullptr;
        for (const AppSyncApiConfig &a : lab.graphQlApis)
            if (a.name == QLatin1String("oidc"))
                api = &a;
        QVERIFY(api);
        QCOMPARE(api->defaultAuth.type, AppSyncAuthProvider::Type::OpenIdConnect);
        QCOMPARE(api->defaultAuth.oidcIssuer,
                 QStringLiteral("https://cognito-idp.us-east-1.amazonaws.com/") + lab.userPools.at(0).poolId);
        QCOMPARE(api->defaultAuth.oidcClientId, lab.userPools.at(0).clients.at(0).clientId);
        const QByteArray token = idToken(*m_auth, QStringLiteral("rita"), QStringLiteral("Reader-Password-1"));
        QVERIFY(!token.isEmpty());
        const Reply reply = post(urlOf(*m_auth, QStringLiteral("oidc")),
                                 graphQlBody(QStringLiteral("{ hello(text: \"hi\") { text } }")),
                                 {{"Authorization", token}});
        QVERIFY2(reply.status == 200, reply.body.constData());
        QCOMPARE(reply.data().value(QStringLiteral("hello")).toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("hi"));
        QVERIFY(!reply.json().contains(QStringLiteral("errors")));
        // "Bearer " in front is accepted too.
        const Reply bearer = post(urlOf(*m_auth, QStringLiteral("oidc")),
                                  graphQlBody(QStringLiteral("{ hello(text: \"b\") { text } }")),
                                  {{"Authorization", "Bearer " + token}});
        QCOMPARE(bearer.status, 200);
    }

    void oidcTokenRefused_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("tokenKind");
        QTest::addColumn<QString>("words");
        QTest::newRow("expired") << QStringLiteral("oidc") << QStringLiteral("expired") << QStringLiteral("expired");
        QTest::newRow("wrong audience") << QStringLiteral("oidc") << QStringLiteral("other client")
                                        << QStringLiteral("is not the API's ClientId");
        QTest::newRow("wrong issuer") << QStringLiteral("other-issuer") << QStringLiteral("good")
                                      << QStringLiteral("not by the expected");
        QTest::newRow("older than IatTTL") << QStringLiteral("ttl") << QStringLiteral("good")
                                           << QStringLiteral("IatTTL of 1 ms");
        QTest::newRow("older than AuthTTL") << QStringLiteral("authttl") << QStringLiteral("good")
                                            << QStringLiteral("AuthTTL of 1 ms");
        QTest::newRow("bad signature") << QStringLiteral("oidc") << QStringLiteral("tampered")
                                       << QStringLiteral("signature");
    }

    void oidcTokenRefused()
    {
        QFETCH(QString, api);
        QFETCH(QString, tokenKind);
        QFETCH(QString, words);
        const LabDefinition &lab = m_auth->lab();
        QByteArray token;
        if (tokenKind == QLatin1String("expired")) {
            // Signed by the emulator's own Cognito key, as its pool would, but an hour old.
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            const QJsonObject claims{
                {QStringLiteral("iss"), m_auth->cognito()->issuer(lab.userPools.at(0).poolId)},
                {QStringLiteral("sub"), QStringLiteral("c0ffee00-0000-4000-8000-000000000001")},
                {QStringLiteral("aud"), lab.userPools.at(0).clients.at(0).clientId},
                {QStringLiteral("token_use"), QStringLiteral("id")},
                {QStringLiteral("iat"), now - 3600},
                {QStringLiteral("exp"), now - 1800}};
            token = m_auth->cognito()->tokens().sign(claims).toUtf8();
        } else if (tokenKind == QLatin1String("other client")) {
            token = idToken(*m_auth, QStringLiteral("rita"), QStringLiteral("Reader-Password-1"), 1);
        } else {
            token = idToken(*m_auth, QStringLiteral("rita"), QStringLiteral("Reader-Password-1"));
        }
        QVERIFY(!token.isEmpty());
        if (tokenKind == QLatin1String("tampered")) {
            // Another payload under the same signature: {"sub":"admin"} would be a forgery.
            QList<QByteArray> parts = token.split('.');
            QJsonObject payload = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
            payload.insert(QStringLiteral("sub"), QStringLiteral("admin"));
            parts[1] = QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            token = parts.join('.');
        }
        if (api == QLatin1String("ttl") || api == QLatin1String("authttl"))
            QTest::qWait(20); // IatTTL (AuthTTL) is 1 ms
        const QString target = urlOf(*m_auth, api);
        QVERIFY(!target.isEmpty());
        const Reply reply = post(target, graphQlBody(QStringLiteral("{ hello(text: \"hi\") { text } }")),
                                 {{"Authorization", token}});
        QCOMPARE(reply.status, 401);
        const QJsonObject error = reply.firstError();
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("UnauthorizedException"));
        const QString message = error.value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(words, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(!message.contains(QString::fromUtf8(token)));
    }

    // OPENID_CONNECT with an issuer outside the lab: its keys by discovery over HTTP at request
    // time, from a PyJWT issuer on 127.0.0.1 (tests/emulator/oidc_issuer_peer.py); an issuer
    // that does not answer is refused in words naming it.
    void oidcOutsideIssuer()
    {
        QProcess peer;
        peer.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/oidc_issuer_peer.py")});
        QVERIFY(peer.waitForStarted());
        QElapsedTimer timer;
        timer.start();
        while (!peer.canReadLine() && peer.state() == QProcess::Running && timer.elapsed() < 30000)
            peer.waitForReadyRead(100);
        const QJsonObject line = QJsonDocument::fromJson(peer.readLine()).object();
        const QString issuer = line.value(QStringLiteral("issuer")).toString();
        const QByteArray token = line.value(QStringLiteral("token")).toString().toUtf8();
        QVERIFY2(issuer.startsWith(QLatin1String("http://127.0.0.1:")), peer.readAllStandardError().constData());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile in(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/appsync-oidc-outside/template.yaml"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(dir.filePath(QStringLiteral("template.yaml")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.readAll().replace("ISSUER_URL", issuer.toUtf8()));
        out.close();
        std::unique_ptr<Emulator::Emulator> lab = Gatehouse::Test::startLab(dir.path());
        QVERIFY(lab);

        const Reply reply = post(urlOf(*lab, QStringLiteral("outside")),
                                 graphQlBody(QStringLiteral("{ hello(text: \"far\") { text } }")),
                                 {{"Authorization", token}});
        QVERIFY2(reply.status == 200, reply.body.constData());
        QCOMPARE(reply.data().value(QStringLiteral("hello")).toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("far"));

        // The same token at an API whose issuer is a closed port: refused, naming the issuer.
        const Reply refused = post(urlOf(*lab, QStringLiteral("unreachable")),
                                   graphQlBody(QStringLiteral("{ hello }")), {{"Authorization", token}});
        QCOMPARE(refused.status, 401);
        const QString message = refused.firstError().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QLatin1String("no key of the issuer http://127.0.0.1:1")), qPrintable(message));

        peer.closeWriteChannel();
        QVERIFY(peer.waitForFinished(30000));
    }

    // cognito_groups on @aws_cognito_user_pools and @aws_auth: a token whose cognito:groups
    // meet the list reads the field; any other token of the pool gets AppSync's per-field refusal.
    void cognitoGroups_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("edit");
        QTest::addColumn<bool>("audit");
        QTest::newRow("editor") << QStringLiteral("eve") << QStringLiteral("Editor-Password-1") << true << false;
        QTest::newRow("auditor") << QStringLiteral("aldo") << QStringLiteral("Auditor-Password-1") << false << true;
        QTest::newRow("no group") << QStringLiteral("rita") << QStringLiteral("Reader-Password-1") << false << false;
    }

    void cognitoGroups()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(bool, edit);
        QFETCH(bool, audit);
        const QByteArray token = idToken(*m_auth, user, password);
        QVERIFY(!token.isEmpty());
        const Reply reply = post(urlOf(*m_auth, QStringLiteral("groups")),
                                 graphQlBody(QStringLiteral("{ open(text: \"o\") { text } edit(text: \"e\") { text } "
                                                            "audit(text: \"a\") { text } }")),
                                 {{"Authorization", token}});
        QVERIFY2(reply.status == 200, reply.body.constData());
        const QJsonObject data = reply.data();
        QCOMPARE(data.value(QStringLiteral("open")).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("o"));
        QCOMPARE(data.value(QStringLiteral("edit")).isNull(), !edit);
        QCOMPARE(data.value(QStringLiteral("audit")).isNull(), !audit);
        QStringList messages;
        for (const QJsonValue &e : reply.json().value(QStringLiteral("errors")).toArray())
            messages.append(e.toObject().value(QStringLiteral("message")).toString());
        QCOMPARE(messages.contains(QStringLiteral("Not Authorized to access edit on type Query")), !edit);
        QCOMPARE(messages.contains(QStringLiteral("Not Authorized to access audit on type Query")), !audit);
        QCOMPARE(messages.size(), int(!edit) + int(!audit));
    }

    void travelTemplate()
    {
        const LabDefinition &lab = m_travel->lab();
        QCOMPARE(lab.graphQlApis.size(), 1);
        const AppSyncApiConfig &api = lab.graphQlApis.first();
        QCOMPARE(api.name, QStringLiteral("travel"));
        QCOMPARE(api.apiId.size(), 26);
        QCOMPARE(api.defaultAuth.type, AppSyncAuthProvider::Type::ApiKey);
        QCOMPARE(api.additionalAuth.size(), 2);
        QCOMPARE(api.additionalAuth.at(0).type, AppSyncAuthProvider::Type::Iam);
        QCOMPARE(api.additionalAuth.at(1).type, AppSyncAuthProvider::Type::UserPool);
        QCOMPARE(api.additionalAuth.at(1).userPoolId, lab.userPools.first().poolId);
        QCOMPARE(api.dataSources.size(), 3);
        QCOMPARE(api.dataSource(QStringLiteral("weather"))->functionName, QStringLiteral("travelWeatherFunction"));
        QCOMPARE(api.dataSource(QStringLiteral("activities"))->type, AppSyncDataSource::Type::DynamoDb);
        QCOMPARE(api.dataSource(QStringLiteral("activities"))->tableName, QStringLiteral("travel-activities"));
        QCOMPARE(api.resolvers.size(), 5);
        QVERIFY(api.resolver(QStringLiteral("Destination"), QStringLiteral("weather")));
        // addActivity: a pipeline of the function's check and the table's PutItem.
        const AppSyncResolver *add = api.resolver(QStringLiteral("Mutation"), QStringLiteral("addActivity"));
        QVERIFY(add);
        QCOMPARE(add->kind, AppSyncResolver::Kind::Pipeline);
        QCOMPARE(add->functions.size(), 2);
        QCOMPARE(api.function(add->functions.at(1))->dataSource, QStringLiteral("activities"));
        QVERIFY(api.resolver(QStringLiteral("Destination"), QStringLiteral("activities"))->templates.request);
        QCOMPARE(api.apiKeys.size(), 1);
        QVERIFY(api.apiKeys.first().id.startsWith(QLatin1String("da2-")));
        QVERIFY(api.schemaSdl.contains("@aws_subscribe"));
        // The GUI's and CLI's listing, and the template's outputs evaluated with the same key.
        const std::optional<Core::EmulatorApiInfo> info = graphQlApi(*m_travel);
        QVERIFY(info);
        QCOMPARE(info->stage, QStringLiteral("API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS"));
        QVERIFY(info->pathStyleUrl.endsWith(QStringLiteral("/_aws/appsync/") + api.apiId + QStringLiteral("/graphql")));
        QCOMPARE(info->routes.size(), 6);
        QCOMPARE(info->routes.first().routeKey, QStringLiteral("Query.getAllDestinations"));
        QCOMPARE(info->routes.first().method, QStringLiteral("POST")); // the GUI opens the resolver as a POST
        QCOMPARE(info->routes.last().url, QStringLiteral("ws") + info->pathStyleUrl.mid(4) + QStringLiteral("/realtime"));
        // What answers each field, as the dock and `gatehouse emulator` show it (they said
        // "(NONE)" for the table and the pipeline before).
        QHash<QString, QString> targets;
        for (const Core::EmulatorRouteInfo &route : info->routes)
            targets.insert(route.routeKey, route.target);
        QCOMPARE(targets.value(QStringLiteral("Mutation.addActivity")),
                 QStringLiteral("pipeline: checkDestination \u2192 putActivity"));
        QVERIFY2(targets.value(QStringLiteral("Destination.activities")).startsWith(QLatin1String("DynamoDB table ")),
                 qPrintable(targets.value(QStringLiteral("Destination.activities"))));
        QCOMPARE(targets.value(QStringLiteral("Destination.activities")).mid(15), lab.dynamoTables.first().tableName);
        QVERIFY(!targets.value(QStringLiteral("Query.getDestination")).isEmpty());
        QCOMPARE(targets.value(QStringLiteral("Query.getDestination")), info->routes.at(1).functionName);
        for (const Core::EmulatorRouteInfo &route : info->routes) {
            if (route.routeKey == QLatin1String("Mutation.addActivity")) {
                QCOMPARE(route.targetKind, Core::EmulatorRouteInfo::TargetKind::Pipeline);
                QCOMPARE(route.targetNames, (QStringList{QStringLiteral("checkDestination"), QStringLiteral("putActivity")}));
            }
            if (route.routeKey == QLatin1String("Destination.activities")) {
                QCOMPARE(route.targetKind, Core::EmulatorRouteInfo::TargetKind::Table);
                QCOMPARE(route.targetNames, QStringList{lab.dynamoTables.first().tableName});
            }
        }
        QCOMPARE(info->apiKeys.first().value, api.apiKeys.first().id);
        bool keyOutput = false;
        for (const auto &output : lab.outputs)
            keyOutput = keyOutput || (output.first == QLatin1String("ApiKey") && output.second == api.apiKeys.first().id);
        QVERIFY(keyOutput);
    }

    void templateErrors_data()
    {
        QTest::addColumn<QString>("resources");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("words");
        const QString resolver = QStringLiteral("  R:\n    Type: AWS::AppSync::Resolver\n    Properties:\n"
                                                "      ApiId: !GetAtt Api.ApiId\n      TypeName: Query\n"
                                                "      FieldName: %1\n      DataSourceName: %2\n%3");
        const QString lambdaSource = QStringLiteral("  D:\n    Type: AWS::AppSync::DataSource\n    Properties:\n"
                                                    "      ApiId: !GetAtt Api.ApiId\n      Name: fn\n      Type: AWS_LAMBDA\n"
                                                    "      LambdaConfig:\n        LambdaFunctionArn: !GetAtt F.Arn\n");
        QTest::newRow("unknown data source") << lambdaSource + resolver.arg(QStringLiteral("hello"), QStringLiteral("fnn"), QString())
                                             << QStringLiteral("Resources.R") << QStringLiteral("no data source named fnn on this API; did you mean fn?");
        QTest::newRow("DynamoDB without config") << QStringLiteral("  D:\n    Type: AWS::AppSync::DataSource\n    Properties:\n"
                                                                   "      ApiId: !GetAtt Api.ApiId\n      Name: t\n      Type: AMAZON_DYNAMODB\n")
                                                 << QStringLiteral("Resources.D.Properties.DynamoDBConfig")
                                                 << QStringLiteral("an AMAZON_DYNAMODB data source needs DynamoDBConfig with TableName");
        QTest::newRow("DynamoDB table outside the lab")
            << QStringLiteral("  D:\n    Type: AWS::AppSync::DataSource\n    Properties:\n      ApiId: !GetAtt Api.ApiId\n      Name: t\n"
                              "      Type: AMAZON_DYNAMODB\n      DynamoDBConfig:\n        TableName: elsewhere\n        AwsRegion: us-east-1\n")
            << QStringLiteral("Resources.D.Properties.DynamoDBConfig.TableName")
            << QStringLiteral("elsewhere is not a table of this lab, which declares none");
        QTest::newRow("HTTP data source") << QStringLiteral("  D:\n    Type: AWS::AppSync::DataSource\n    Properties:\n"
                                                            "      ApiId: !GetAtt Api.ApiId\n      Name: t\n      Type: HTTP\n")
                                          << QStringLiteral("Resources.D.Properties.Type")
                                          << QStringLiteral("data source type HTTP is not emulated: use AWS_LAMBDA");
        QTest::newRow("field not in schema") << lambdaSource + resolver.arg(QStringLiteral("goodbye"), QStringLiteral("fn"), QString())
                                             << QStringLiteral("Resources.Api") << QStringLiteral("Query.goodbye, which the schema does not define");
        QTest::newRow("APPSYNC_JS") << lambdaSource + resolver.arg(QStringLiteral("hello"), QStringLiteral("fn"),
                                                                   QStringLiteral("      Runtime:\n        Name: APPSYNC_JS\n"))
                                    << QStringLiteral("Resources.R") << QStringLiteral("APPSYNC_JS resolver code is not emulated");
        QTest::newRow("SAM GraphQLApi") << QStringLiteral("  Sam:\n    Type: AWS::Serverless::GraphQLApi\n    Properties:\n"
                                                          "      SchemaInline: 'type Query { a: String }'\n      Auth:\n"
                                                          "        Type: API_KEY\n")
                                        << QStringLiteral("Resources.Sam.Type")
                                        << QStringLiteral("AWS::Serverless::GraphQLApi is not emulated: SAM resolves its fields with APPSYNC_JS");
        QTest::newRow("ApiId of nothing") << QStringLiteral("  K:\n    Type: AWS::AppSync::ApiKey\n    Properties:\n      ApiId: nope\n")
                                          << QStringLiteral("Resources.K") << QStringLiteral("ApiId must name an AWS::AppSync::GraphQLApi");
    }

    void templateErrors()
    {
        QFETCH(QString, resources);
        QFETCH(QString, resource);
        QFETCH(QString, words);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("src")));
        QFile handler(dir.filePath(QStringLiteral("src/app.py")));
        QVERIFY(handler.open(QIODevice::WriteOnly));
        handler.write("def handler(event, context):\n    return None\n");
        handler.close();
        const QString text = QStringLiteral("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n"
                                            "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                                            "      CodeUri: src/\n      Handler: app.handler\n      Runtime: python3.12\n"
                                            "  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: t\n"
                                            "      AuthenticationType: API_KEY\n"
                                            "  S:\n    Type: AWS::AppSync::GraphQLSchema\n    Properties:\n"
                                            "      ApiId: !GetAtt Api.ApiId\n      Definition: 'type Query { hello: String }'\n")
                             + resources;
        QFile file(dir.filePath(QStringLiteral("template.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
        file.close();
        const LabDefinition lab = LabLoader::load(dir.path());
        QVERIFY(lab.hasErrors());
        QStringList errors;
        for (const LabDiagnostic &d : lab.diagnostics)
            errors.append(d.toString());
        const QString all = errors.join(QLatin1Char('\n'));
        bool found = false;
        for (const QString &e : std::as_const(errors))
            found = found || (e.contains(resource) && e.contains(words));
        QVERIFY2(found, qPrintable(all));
    }

    void missingSchemaAndForeignPool()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("template.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
                   "  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: t\n"
                   "      AuthenticationType: AMAZON_COGNITO_USER_POOLS\n      UserPoolConfig:\n"
                   "        UserPoolId: us-east-1_Elsewhere\n"
                   "  Api2:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: t2\n"
                   "      AuthenticationType: API_KEY\n");
        file.close();
        const LabDefinition lab = LabLoader::load(dir.path());
        QStringList errors;
        for (const LabDiagnostic &d : lab.diagnostics)
            errors.append(d.toString());
        const QString all = errors.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("Resources.Api.Properties.UserPoolConfig.UserPoolId"))
                     && all.contains(QStringLiteral("the lab's own user pools")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("the GraphQL API Api2 has no schema")), qPrintable(all));
    }

    void queryWithApiKey()
    {
        const Reply all = withKey(*m_travel, QStringLiteral("{ getAllDestinations { name weather activities hotels } }"));
        QCOMPARE(all.status, 200);
        const QJsonArray destinations = all.data().value(QStringLiteral("getAllDestinations")).toArray();
        QCOMPARE(destinations.size(), 3);
        for (const QJsonValue &d : destinations) {
            // weather has its own resolver, which got the destination as its source.
            QVERIFY2(!d.toObject().value(QStringLiteral("weather")).toString().isEmpty(), all.body.constData());
            QVERIFY(!d.toObject().value(QStringLiteral("hotels")).toArray().isEmpty());
        }
        const Reply one = withKey(*m_travel, QStringLiteral("query ($n: String!) { getDestination(name: $n) { name hotels } "
                                                            "none: getDestination(name: \"Atlantis\") { name } }"),
                                  QJsonObject{{QStringLiteral("n"), QStringLiteral("Kyoto")}});
        QCOMPARE(one.body, QByteArray("{\"data\":{\"getDestination\":{\"name\":\"Kyoto\",\"hotels\":[\"Ryokan Yachiyo\"]},"
                                      "\"none\":null}}"));
        // Host-style addressing reaches the same API.
        const std::optional<Core::EmulatorApiInfo> info = graphQlApi(*m_travel);
        QNetworkRequest request{QUrl(m_travel->info().baseUrl + QStringLiteral("/graphql"))};
        request.setRawHeader("Host", (info->apiId + QStringLiteral(".appsync-api.localhost")).toUtf8());
        request.setRawHeader("x-api-key", apiKey(*m_travel));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_network.post(request, graphQlBody(QStringLiteral("{ getDestination(name: \"Lisbon\") { name } }")));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(30000));
        QCOMPARE(reply->readAll(), QByteArray("{\"data\":{\"getDestination\":{\"name\":\"Lisbon\"}}}"));
        reply->deleteLater();
    }

    void refusedKeys_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no key") << QByteArray() << QByteArray() << QStringLiteral("Valid authorization header not provided.");
        QTest::newRow("wrong key") << QByteArray("x-api-key") << QByteArray("da2-notthekeyatall00000000000")
                                   << QStringLiteral("You are not authorized to make this call.");
        QTest::newRow("not a token") << QByteArray("Authorization") << QByteArray("not-a-jwt") << QString();
    }

    void refusedKeys()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(QString, message);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!header.isEmpty())
            headers.append({header, value});
        const Reply reply = post(url(*m_travel), graphQlBody(QStringLiteral("{ getAllDestinations { name } }")), headers);
        QCOMPARE(reply.status, 401);
        const QJsonObject error = reply.firstError();
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("UnauthorizedException"));
        if (!message.isEmpty())
            QCOMPARE(error.value(QStringLiteral("message")).toString(), message);
        else
            QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    }

    void fieldNotAllowedForProvider()
    {
        const Reply reply = withKey(*m_travel, QStringLiteral("mutation { addActivity(destination: \"Kyoto\", activity: \"x\") { name } }"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("addActivity")).isNull());
        const QJsonObject error = reply.firstError();
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Not Authorized to access addActivity on type Mutation"));
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("Unauthorized"));
        QCOMPARE(error.value(QStringLiteral("path")).toArray(), QJsonArray{QStringLiteral("addActivity")});
    }

    void mutationWithCognitoToken()
    {
        const QByteArray token = idToken(*m_travel, QStringLiteral("traveller@example.com"), QStringLiteral("Passport-2024"));
        QVERIFY(!token.isEmpty());
        const QString activity = QStringLiteral("Kayaking ") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        const Reply added = post(url(*m_travel),
                                 graphQlBody(QStringLiteral("mutation ($a: String!) { addActivity(destination: \"Reykjavik\", "
                                                            "activity: $a) { name activities } }"),
                                             QJsonObject{{QStringLiteral("a"), activity}}),
                                 {{"Authorization", token}});
        QCOMPARE(added.status, 200);
        QVERIFY2(added.data().value(QStringLiteral("addActivity")).toObject().value(QStringLiteral("activities")).toArray()
                     .contains(activity),
                 added.body.constData());
        const Reply read = withKey(*m_travel, QStringLiteral("{ getDestination(name: \"Reykjavik\") { activities } }"));
        QVERIFY(read.data().value(QStringLiteral("getDestination")).toObject().value(QStringLiteral("activities")).toArray()
                    .contains(activity));
        // The pipeline's VTL PutItem wrote it to the lab's table: the destination as partition
        // key, an id from $util.autoId(), and the traveller from $ctx.identity, which has the
        // shape the direct Lambda event's identity has.
        const DynamoStore::CallResult scan =
            m_travel->dynamoStore()->call(QStringLiteral("Scan"), QByteArray("{\"TableName\":\"travel-activities\"}"));
        QVERIFY2(scan.ok, qPrintable(scan.error.message));
        QJsonObject stored;
        for (const QJsonValue &item : QJsonDocument::fromJson(scan.body).object().value(QStringLiteral("Items")).toArray()) {
            if (item.toObject().value(QStringLiteral("activity")).toObject().value(QStringLiteral("S")).toString() == activity)
                stored = item.toObject();
        }
        QCOMPARE(stored.value(QStringLiteral("destination")).toObject().value(QStringLiteral("S")).toString(), QStringLiteral("Reykjavik"));
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                     .match(stored.value(QStringLiteral("id")).toObject().value(QStringLiteral("S")).toString()).hasMatch(),
                 scan.body.constData());
        const QString addedBy = stored.value(QStringLiteral("addedBy")).toObject().value(QStringLiteral("S")).toString();
        const QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(token.split('.').at(1), QByteArray::Base64UrlEncoding))
                                       .object();
        QVERIFY(!addedBy.isEmpty());
        QCOMPARE(addedBy, claims.value(QStringLiteral("cognito:username")).toString());
        // An unknown destination: the function's ValueError, as AppSync reports a direct resolver's.
        const Reply unknown = post(url(*m_travel),
                                   graphQlBody(QStringLiteral("mutation { addActivity(destination: \"Atlantis\", activity: \"Diving\") { name } }")),
                                   {{"Authorization", token}});
        QCOMPARE(unknown.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("Lambda:Unhandled"));
        QVERIFY(unknown.firstError().value(QStringLiteral("message")).toString().startsWith(QStringLiteral("Unknown destination Atlantis")));
    }

    void directResolverEventWithCognito()
    {
        const QByteArray token = idToken(*m_echo, QStringLiteral("jdoe"), QStringLiteral("Echo-Password-1"));
        QVERIFY(!token.isEmpty());
        const Reply reply = post(url(*m_echo),
                                 graphQlBody(QStringLiteral("query Q($i: ID) { echo(id: $i) { id event child { label event } } }"),
                                             QJsonObject{{QStringLiteral("i"), QStringLiteral("my identifier")}}),
                                 {{"Authorization", token}});
        QCOMPARE(reply.status, 200);
        const QJsonObject echo = reply.data().value(QStringLiteral("echo")).toObject();
        const QJsonObject event = QJsonDocument::fromJson(echo.value(QStringLiteral("event")).toString().toUtf8()).object();
        QVERIFY2(!event.isEmpty(), reply.body.constData());

        const QJsonObject sample = readSampleEvent(QStringLiteral("powertools-lambda-python/appSyncDirectResolver.json"));
        QVERIFY(!sample.isEmpty());
        // Every key of AppSync's sample, with its type; the identity's claims are the token's own.
        QJsonObject sampleIdentity = sample.value(QStringLiteral("identity")).toObject();
        QJsonObject comparable = sample;
        sampleIdentity.remove(QStringLiteral("claims"));
        comparable.insert(QStringLiteral("identity"), sampleIdentity);
        const QString difference = shapeDifference(comparable, event);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(keySet(event), keySet(sample));
        QCOMPARE(keySet(event.value(QStringLiteral("identity")).toObject()), keySet(sample.value(QStringLiteral("identity")).toObject()));
        QCOMPARE(keySet(event.value(QStringLiteral("info")).toObject()), keySet(sample.value(QStringLiteral("info")).toObject()));
        const QJsonObject cognito = readSampleEvent(QStringLiteral("aws-lambda-go/appsync-identity-cognito.json"));
        QVERIFY(keySet(event.value(QStringLiteral("identity")).toObject()).contains(keySet(cognito)));

        const QJsonObject identity = event.value(QStringLiteral("identity")).toObject();
        QCOMPARE(identity.value(QStringLiteral("username")).toString(), QStringLiteral("jdoe"));
        QCOMPARE(identity.value(QStringLiteral("claims")).toObject().value(QStringLiteral("token_use")).toString(), QStringLiteral("id"));
        QCOMPARE(identity.value(QStringLiteral("issuer")).toString(),
                 m_echo->info().baseUrl + QLatin1Char('/') + m_echo->lab().userPools.first().poolId);
        QCOMPARE(event.value(QStringLiteral("arguments")).toObject(), (QJsonObject{{QStringLiteral("id"), QStringLiteral("my identifier")}}));
        QVERIFY(event.value(QStringLiteral("source")).isNull());
        const QJsonObject info = event.value(QStringLiteral("info")).toObject();
        QCOMPARE(info.value(QStringLiteral("parentTypeName")).toString(), QStringLiteral("Query"));
        QCOMPARE(info.value(QStringLiteral("fieldName")).toString(), QStringLiteral("echo"));
        QCOMPARE(info.value(QStringLiteral("selectionSetList")).toArray(),
                 (QJsonArray{QStringLiteral("id"), QStringLiteral("event"), QStringLiteral("child"), QStringLiteral("child/label"),
                             QStringLiteral("child/event")}));
        QCOMPARE(info.value(QStringLiteral("variables")).toObject(), (QJsonObject{{QStringLiteral("i"), QStringLiteral("my identifier")}}));
        QVERIFY(info.value(QStringLiteral("selectionSetGraphQL")).toString().contains(QStringLiteral("child {")));

        // The nested field's resolver got its parent object as source.
        const QJsonObject child = QJsonDocument::fromJson(
                                      echo.value(QStringLiteral("child")).toObject().value(QStringLiteral("event")).toString().toUtf8())
                                      .object();
        QCOMPARE(child.value(QStringLiteral("source")).toObject(), (QJsonObject{{QStringLiteral("label"), QStringLiteral("inner")}}));
        QCOMPARE(child.value(QStringLiteral("info")).toObject().value(QStringLiteral("parentTypeName")).toString(), QStringLiteral("Child"));
    }

    void iamCallerSignedByBotocore()
    {
        if (!Gatehouse::Test::debianPythonHas(QStringLiteral("botocore")))
            QSKIP("Debian's python3-botocore is needed as the signing peer");
        const QJsonObject answer = python(QStringLiteral("iam"), url(*m_echo),
                                          graphQlBody(QStringLiteral("{ echo { event } secret }")));
        QCOMPARE(answer.value(QStringLiteral("status")).toInt(), 200);
        const QJsonObject response = QJsonDocument::fromJson(answer.value(QStringLiteral("body")).toString().toUtf8()).object();
        QVERIFY2(!response.contains(QStringLiteral("errors")), qPrintable(answer.value(QStringLiteral("body")).toString()));
        const QJsonObject event = QJsonDocument::fromJson(response.value(QStringLiteral("data")).toObject()
                                                              .value(QStringLiteral("echo")).toObject()
                                                              .value(QStringLiteral("event")).toString().toUtf8())
                                      .object();
        const QJsonObject identity = event.value(QStringLiteral("identity")).toObject();
        const QJsonObject sample = readSampleEvent(QStringLiteral("aws-lambda-go/appsync-identity-iam.json"));
        QVERIFY(!sample.isEmpty());
        QCOMPARE(keySet(identity), keySet(sample));
        QCOMPARE(identity.value(QStringLiteral("userArn")).toString(), QStringLiteral("arn:aws:iam::123456789012:user/gatehouse"));
        QCOMPARE(identity.value(QStringLiteral("accountId")).toString(), QStringLiteral("123456789012"));
        QVERIFY(identity.value(QStringLiteral("sourceIp")).isArray());

        // A wrong signature is refused before anything runs.
        const Reply refused = post(url(*m_echo), graphQlBody(QStringLiteral("{ secret }")),
                                   {{"Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/appsync/aws4_request, "
                                                      "SignedHeaders=host;x-amz-date, Signature=00"},
                                    {"X-Amz-Date", "20250101T000000Z"}});
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("UnauthorizedException"));
    }

    void lambdaAuthorizer()
    {
        const Reply allowed = post(url(*m_echo), graphQlBody(QStringLiteral("query Named { echo(id: \"7\") { event } fail }")),
                                   {{"Authorization", "let-me-in"}});
        QCOMPARE(allowed.status, 200);
        const QJsonObject event = QJsonDocument::fromJson(allowed.data().value(QStringLiteral("echo")).toObject()
                                                              .value(QStringLiteral("event")).toString().toUtf8())
                                      .object();
        // The resolvers' identity is the authorizer's resolverContext.
        const QJsonObject context = event.value(QStringLiteral("identity")).toObject().value(QStringLiteral("resolverContext")).toObject();
        QCOMPARE(context.value(QStringLiteral("who")).toString(), QStringLiteral("tester"));
        // deniedFields: Query.fail is refused for this caller although Query allows @aws_lambda.
        QCOMPARE(allowed.firstError().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Not Authorized to access fail on type Query"));
        // The authorizer's event has AppSync's shape (aws-lambda-dotnet's sample).
        const QJsonObject authorizerEvent = QJsonDocument::fromJson(context.value(QStringLiteral("event")).toString().toUtf8()).object();
        const QJsonObject sample = readSampleEvent(QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/appsync-event-lambda-authorizer-request.json"));
        QVERIFY(!sample.isEmpty());
        QJsonObject withoutHeaders = sample; // the console's browser headers are the request's own
        withoutHeaders.remove(QStringLiteral("requestHeaders"));
        const QString difference = shapeDifference(withoutHeaders, authorizerEvent);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(keySet(authorizerEvent), keySet(sample));
        QCOMPARE(authorizerEvent.value(QStringLiteral("requestHeaders")).toObject().value(QStringLiteral("authorization")).toString(),
                 QStringLiteral("let-me-in"));
        const QJsonObject requestContext = authorizerEvent.value(QStringLiteral("requestContext")).toObject();
        QCOMPARE(requestContext.value(QStringLiteral("apiId")).toString(), m_echo->lab().graphQlApis.first().apiId);
        QCOMPARE(requestContext.value(QStringLiteral("operationName")).toString(), QStringLiteral("Named"));
        QCOMPARE(authorizerEvent.value(QStringLiteral("authorizationToken")).toString(), QStringLiteral("let-me-in"));

        const Reply refused = post(url(*m_echo), graphQlBody(QStringLiteral("{ echo { id } }")), {{"Authorization", "nope"}});
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("UnauthorizedException"));
    }

    void fieldOnlyForIam()
    {
        const Reply reply = withKey(*m_echo, QStringLiteral("{ fail: secret }"));
        QCOMPARE(reply.firstError().value(QStringLiteral("message")).toString(), QStringLiteral("Not Authorized to access secret on type Query"));
    }

    void lambdaErrors()
    {
        Reply reply = withKey(*m_echo, QStringLiteral("{ fail echo { id } }"));
        QVERIFY2(reply.body.startsWith("{\"data\":{\"fail\":null,\"echo\":{\"id\":null}},\"errors\":"), reply.body.constData());
        const QJsonObject error = reply.firstError();
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("Lambda:Unhandled"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("the kitchen is closed"));
        QCOMPARE(error.value(QStringLiteral("path")).toArray(), QJsonArray{QStringLiteral("fail")});
        QCOMPARE(error.value(QStringLiteral("locations")).toArray().at(0).toObject().value(QStringLiteral("column")).toInt(), 3);
        // The rest of the entry as AppSync writes it (an answer quoted in aws/aws-appsync-community#209):
        // data and errorInfo null, the location's sourceName null.
        QVERIFY(error.contains(QStringLiteral("data")) && error.value(QStringLiteral("data")).isNull());
        QVERIFY(error.contains(QStringLiteral("errorInfo")) && error.value(QStringLiteral("errorInfo")).isNull());
        const QJsonObject location = error.value(QStringLiteral("locations")).toArray().at(0).toObject();
        QVERIFY(location.contains(QStringLiteral("sourceName")) && location.value(QStringLiteral("sourceName")).isNull());
        // A non-null field that fails takes the whole data with it.
        reply = withKey(*m_echo, QStringLiteral("{ mustNotFail echo { id } }"));
        QVERIFY(reply.json().value(QStringLiteral("data")).isNull());
    }

    void noneResolverReturnsArguments()
    {
        const Reply reply = withKey(*m_echo, QStringLiteral("mutation { note(text: \"hi\") { text author } }"));
        QCOMPARE(reply.body, QByteArray("{\"data\":{\"note\":{\"text\":\"hi\",\"author\":null}}}"));
    }

    void badRequests()
    {
        Reply reply = post(url(*m_echo), "{\"query\": 1}", {{"x-api-key", apiKey(*m_echo)}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("MalformedHttpRequestException"));
        reply = withKey(*m_echo, QStringLiteral("{ echo { nope } }"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("ValidationError"));
        QVERIFY(reply.firstError().value(QStringLiteral("message")).toString().contains(QStringLiteral("nope")));
    }

    void introspectionLoadsBack()
    {
        const Reply reply = withKey(*m_travel, Core::GraphQL::Schema::introspectionQuery());
        QCOMPARE(reply.status, 200);
        const Core::Result<Core::GraphQL::Schema> loaded = Core::GraphQL::Schema::fromIntrospection(reply.body);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        Core::GraphQL::SchemaOptions options;
        options.appSync = true;
        const Core::Result<Core::GraphQL::Schema> original =
            Core::GraphQL::Schema::fromSdl(m_travel->lab().graphQlApis.first().schemaSdl, options);
        QVERIFY(original.ok());
        // Introspection does not carry applied directives (AppSync's drops @aws_* too): the same
        // schema less those (directive definitions and their descriptions kept).
        QStringList expected;
        const QRegularExpression applied(QStringLiteral(" @aws_\\w+(\\([^)]*\\))?"));
        for (QString line : original->toSdl().split(QLatin1Char('\n'))) {
            if (!line.contains(QLatin1String("directive")))
                line.remove(applied);
            expected.append(line);
        }
        QCOMPARE(loaded->toSdl(), expected.join(QLatin1Char('\n')));
    }

    void realtimeSubscriptionWithPythonWebsockets_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("handshake");
        QTest::newRow("API key, header parameter") << QStringLiteral("apikey") << QStringLiteral("query");
        QTest::newRow("IAM signed by botocore, header parameter") << QStringLiteral("iam") << QStringLiteral("query");
        QTest::newRow("API key, header- subprotocol") << QStringLiteral("apikey") << QStringLiteral("subprotocol");
        QTest::newRow("IAM, plain handshake headers") << QStringLiteral("iam") << QStringLiteral("headers");
    }

    void realtimeSubscriptionWithPythonWebsockets()
    {
        QFETCH(QString, mode);
        QFETCH(QString, handshake);
        if (!Gatehouse::Test::debianPythonHas(mode == QLatin1String("iam") ? QStringLiteral("websockets, botocore")
                                                                           : QStringLiteral("websockets")))
            QSKIP("Debian's python3-websockets (and python3-botocore for IAM) are needed as the real-time client");
        const QByteArray token = idToken(*m_travel, QStringLiteral("traveller@example.com"), QStringLiteral("Passport-2024"));
        QVERIFY(!token.isEmpty());
        const std::optional<Core::EmulatorApiInfo> info = graphQlApi(*m_travel);
        const QString subscription = QString::fromUtf8(QJsonDocument(QJsonObject{
            {QStringLiteral("query"), QStringLiteral("subscription ($n: String) { onActivityAdded(name: $n) { name activities } }")},
            {QStringLiteral("variables"), QJsonObject{{QStringLiteral("n"), QStringLiteral("Kyoto")}}}}).toJson(QJsonDocument::Compact));
        QProcess peer;
        Gatehouse::Test::startRealtimePeer(&peer, {mode, info->routes.last().url, subscription, handshake},
                                           {{QStringLiteral("GATEHOUSE_API_KEY"), QString::fromUtf8(apiKey(*m_travel))},
                                            {QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test")},
                                            {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test")}});
        QList<QJsonObject> frames;
        const auto waitFor = [&](const Gatehouse::Test::FrameTest &wanted, int timeoutMs) {
            return Gatehouse::Test::waitForFrame(peer, &frames, wanted, timeoutMs).has_value();
        };
        const auto is = [](const char *type, const char *id = nullptr) {
            return Gatehouse::Test::isFrame(QLatin1String(type), id ? QString(QLatin1String(id)) : QString());
        };
        QVERIFY2(waitFor(is("start_ack", "sub-1"), 30000), peer.readAllStandardError().constData());
        QVERIFY(waitFor(is("error", "sub-bad"), 10000));
        QCOMPARE(frames.first().value(QStringLiteral("value")).toString(), QStringLiteral("graphql-ws"));
        const QJsonObject ack = frames.at(1);
        QCOMPARE(ack.value(QStringLiteral("type")).toString(), QStringLiteral("connection_ack"));
        QCOMPARE(ack.value(QStringLiteral("payload")).toObject().value(QStringLiteral("connectionTimeoutMs")).toInt(), 300000);
        QVERIFY(waitFor(is("ka"), 1000));
        for (const QJsonObject &f : std::as_const(frames)) {
            if (is("error", "sub-bad")(f))
                QCOMPARE(f.value(QStringLiteral("payload")).toObject().value(QStringLiteral("errors")).toArray().at(0).toObject()
                             .value(QStringLiteral("errorType")).toString(),
                         QStringLiteral("UnauthorizedException"));
        }

        // Lisbon does not match the subscription's name argument; Kyoto does.
        const QString activity = QStringLiteral("Moss garden ") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        for (const QString &destination : {QStringLiteral("Lisbon"), QStringLiteral("Kyoto")}) {
            const Reply added = post(url(*m_travel),
                                     graphQlBody(QStringLiteral("mutation ($d: String!, $a: String!) { addActivity(destination: $d, "
                                                                "activity: $a) { name activities } }"),
                                                 QJsonObject{{QStringLiteral("d"), destination}, {QStringLiteral("a"), activity}}),
                                     {{"Authorization", token}});
            QVERIFY2(!added.json().contains(QStringLiteral("errors")), added.body.constData());
        }
        QVERIFY(waitFor(is("data", "sub-1"), 20000));
        QVERIFY(waitFor(is("complete", "sub-1"), 10000));
        QList<QJsonObject> data;
        for (const QJsonObject &f : std::as_const(frames)) {
            if (is("data")(f))
                data.append(f);
        }
        QCOMPARE(data.size(), 1);
        const QJsonObject pushed = data.first().value(QStringLiteral("payload")).toObject().value(QStringLiteral("data")).toObject()
                                       .value(QStringLiteral("onActivityAdded")).toObject();
        QCOMPARE(pushed.value(QStringLiteral("name")).toString(), QStringLiteral("Kyoto"));
        QVERIFY(pushed.value(QStringLiteral("activities")).toArray().contains(activity));
        QVERIFY(peer.waitForFinished(10000));
        QCOMPARE(peer.exitCode(), 0);
    }

    // OPENID_CONNECT on the real-time endpoint: the lab pool's ID token in the handshake (as the
    // header parameter and as plain upgrade headers) and in each start's extensions, from Debian's
    // python3-websockets; a start whose token has a changed signature is refused for that id.
    void realtimeWithOidcToken_data()
    {
        QTest::addColumn<QString>("handshake");
        QTest::newRow("header parameter") << QStringLiteral("query");
        QTest::newRow("plain handshake headers") << QStringLiteral("headers");
    }

    void realtimeWithOidcToken()
    {
        QFETCH(QString, handshake);
        if (!Gatehouse::Test::debianPythonHas(QStringLiteral("websockets")))
            QSKIP("Debian's python3-websockets is needed as the real-time client");
        const QByteArray token = idToken(*m_auth, QStringLiteral("rita"), QStringLiteral("Reader-Password-1"));
        QVERIFY(!token.isEmpty());
        const QString graphQl = urlOf(*m_auth, QStringLiteral("oidc"));
        QVERIFY(!graphQl.isEmpty());
        const QString subscription = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("query"), QStringLiteral("subscription { onSay { text } }")}}).toJson(QJsonDocument::Compact));
        QProcess peer;
        startOidcPeer(&peer, token, graphQl, subscription, handshake);
        QList<QJsonObject> frames;
        const auto find = [&](const QString &type, const QString &id) {
            return Gatehouse::Test::waitForFrame(peer, &frames, Gatehouse::Test::isFrame(type, id), 20000);
        };
        const auto framesText = [&] {
            QStringList lines;
            for (const QJsonObject &f : std::as_const(frames))
                lines << QString::fromUtf8(QJsonDocument(f).toJson(QJsonDocument::Compact));
            return (lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + QString::fromUtf8(peer.readAllStandardError())).toUtf8();
        };
        QVERIFY2(find(QStringLiteral("connection_ack"), {}), framesText().constData());
        QVERIFY2(find(QStringLiteral("start_ack"), QStringLiteral("sub-1")), framesText().constData());
        const std::optional<QJsonObject> refused = find(QStringLiteral("error"), QStringLiteral("sub-bad"));
        QVERIFY2(refused, framesText().constData());
        QCOMPARE(refused->value(QStringLiteral("payload")).toObject().value(QStringLiteral("errors")).toArray().at(0).toObject()
                     .value(QStringLiteral("errorType")).toString(),
                 QStringLiteral("UnauthorizedException"));

        const QString text = QStringLiteral("said ") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        const Reply said = post(graphQl, graphQlBody(QStringLiteral("mutation ($t: String) { say(text: $t) { text } }"),
                                                     QJsonObject{{QStringLiteral("t"), text}}),
                                {{"Authorization", token}});
        QVERIFY2(said.status == 200 && !said.json().contains(QStringLiteral("errors")), said.body.constData());
        const std::optional<QJsonObject> data = find(QStringLiteral("data"), QStringLiteral("sub-1"));
        QVERIFY2(data, framesText().constData());
        QCOMPARE(data->value(QStringLiteral("payload")).toObject().value(QStringLiteral("data")).toObject()
                     .value(QStringLiteral("onSay")).toObject().value(QStringLiteral("text")).toString(),
                 text);
        QVERIFY2(find(QStringLiteral("complete"), QStringLiteral("sub-1")), framesText().constData());
        QVERIFY(peer.waitForFinished(10000));
        QCOMPARE(peer.exitCode(), 0);
    }

    // The OIDC token refused at the handshake: connection_error after connection_init.
    void realtimeHandshakeRefusesBadOidcToken()
    {
        if (!Gatehouse::Test::debianPythonHas(QStringLiteral("websockets")))
            QSKIP("Debian's python3-websockets is needed as the real-time client");
        QByteArray token = idToken(*m_auth, QStringLiteral("rita"), QStringLiteral("Reader-Password-1"));
        QVERIFY(!token.isEmpty());
        token.chop(4);
        token.append("AAAA");
        const QString graphQl = urlOf(*m_auth, QStringLiteral("oidc"));
        QProcess peer;
        startOidcPeer(&peer, token, graphQl, QStringLiteral("{\"query\":\"subscription { onSay { text } }\"}"),
                      QStringLiteral("headers"));
        QElapsedTimer timer;
        timer.start();
        while (peer.state() != QProcess::NotRunning && timer.elapsed() < 30000)
            QTest::qWait(20);
        const QByteArray out = peer.readAllStandardOutput();
        QJsonObject error;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject frame = QJsonDocument::fromJson(line).object();
            if (frame.value(QStringLiteral("type")).toString() == QLatin1String("connection_error"))
                error = frame;
            QVERIFY2(frame.value(QStringLiteral("type")).toString() != QLatin1String("connection_ack"), out.constData());
        }
        QVERIFY2(!error.isEmpty(), QByteArray(out + peer.readAllStandardError()).constData());
        // AppSync's connection_error (quoted in aws-amplify/amplify-flutter#2763) carries errorCode 401.
        const QJsonObject refusal = error.value(QStringLiteral("payload")).toObject().value(QStringLiteral("errors")).toArray().at(0).toObject();
        QCOMPARE(refusal.value(QStringLiteral("errorType")).toString(), QStringLiteral("UnauthorizedException"));
        QCOMPARE(refusal.value(QStringLiteral("errorCode")).toInt(), 401);
        QVERIFY2(!refusal.value(QStringLiteral("message")).toString().isEmpty(), out.constData());
    }

    void debianPythonUrllib()
    {
        const QJsonObject answer = python(QStringLiteral("apikey"), url(*m_travel),
                                          graphQlBody(QStringLiteral("{ getDestination(name: \"Lisbon\") { hotels } }")),
                                          apiKey(*m_travel));
        QCOMPARE(answer.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(answer.value(QStringLiteral("body")).toString(),
                 QStringLiteral("{\"data\":{\"getDestination\":{\"hotels\":[\"Hotel Avenida\",\"Casa do Rio\"]}}}"));
    }
};

QTEST_MAIN(TestAppSync)
#include "tst_appsync.moc"
