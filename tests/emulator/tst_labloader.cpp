#include "core/emulator/httpapievent.h"
#include "core/emulator/labloader.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QFile>
#include <QTest>

using namespace Gatehouse::Emulator;

namespace {

QString labsDir()
{
    return QStringLiteral(GATEHOUSE_TEST_DATA "/labs");
}

QString env(const FunctionConfig &f, const QString &name)
{
    for (const auto &[key, value] : f.environment) {
        if (key == name)
            return value;
    }
    return QStringLiteral("<unset>");
}

QString describe(const LabDefinition &lab)
{
    QStringList lines;
    for (const LabDiagnostic &d : lab.diagnostics)
        lines.append(d.toString());
    return lines.join(QLatin1Char('\n'));
}

// The bakery is clean: not even its chat's AWS::Lambda::Permission for
// apigateway.amazonaws.com draws a warning, since the emulator's gateways may invoke every
// lab function anyway.
bool isClean(const LabDefinition &lab)
{
    return lab.diagnostics.isEmpty();
}

} // namespace

class tst_LabLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bakery();
    void bakeryHandlerAnswers();
    void travelAndAppSyncRoles();
    void intrinsics();
    void versionsAndAliases();
    void faultsLab();
    void cognitoPool();
    void apiIdIsStable();
    void brokenTemplate_data();
    void brokenTemplate();
    void diagnosticText();
    void missingFolder();
    void byteOrderMark();
};

void tst_LabLoader::bakery()
{
    const QString dir = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    const LabDefinition lab = LabLoader::load(dir);
    QVERIFY2(isClean(lab), qPrintable(describe(lab)));
    QCOMPARE(lab.name, QStringLiteral("bakery"));
    QCOMPARE(lab.templatePath, QDir(dir).absoluteFilePath(QStringLiteral("template.yaml")));
    QVERIFY(lab.description.startsWith(QLatin1String("Bakery")));
    QCOMPARE(lab.functions.size(), 6); // the snack picker, GET /orders, the kitchen, its authorizer, the chat and its authorizer
    const FunctionConfig &f = lab.functions.first();
    QCOMPARE(f.logicalId, QStringLiteral("BakeryFunction"));
    QCOMPARE(f.name, QStringLiteral("bakeryFunction"));
    QCOMPARE(f.runtime, QStringLiteral("python3.12"));
    QCOMPARE(f.handler, QStringLiteral("app.lambda_handler"));
    QCOMPARE(f.codeDir, QDir(dir).absoluteFilePath(QStringLiteral("src")));
    QCOMPARE(f.timeoutSeconds, 10);
    QCOMPARE(f.memoryMb, 128);
    QCOMPARE(f.architecture, QStringLiteral("x86_64"));
    QCOMPARE(f.templateLine, 48);
    QCOMPARE(env(f, QStringLiteral("BAKERY_NAME")), QStringLiteral("Gatehouse Bakery"));

    QCOMPARE(lab.httpApis.size(), 1);
    const HttpApiConfig &api = lab.httpApis.first();
    QCOMPARE(api.logicalId, QStringLiteral("ServerlessHttpApi"));
    QCOMPARE(api.apiId, LabLoader::apiIdFor(QStringLiteral("bakery"), QStringLiteral("ServerlessHttpApi")));
    QCOMPARE(api.stageName, QStringLiteral("$default"));
    // Globals.HttpApi's stage settings reach SAM's implicit API.
    QCOMPARE(api.stageVariables, (QList<QPair<QString, QString>>{{QStringLiteral("bakeryName"), QStringLiteral("Gatehouse-Bakery")}}));
    QCOMPARE(api.throttle(QStringLiteral("GET /kitchen")).burstLimit, std::optional<int>(5));
    QCOMPARE(api.throttle(QStringLiteral("GET /kitchen")).rateLimit, std::optional<double>(1));
    QVERIFY(!api.throttle(QStringLiteral("GET /snack")).isSet());
    QCOMPARE(api.routes.size(), 4);
    QCOMPARE(api.routes.first().routeKey, QStringLiteral("GET /snack"));
    QVERIFY(api.routes.first().authorizer.isEmpty());
    QCOMPARE(api.routes.at(1).routeKey, QStringLiteral("GET /orders"));
    QCOMPARE(api.routes.at(1).functionName, QStringLiteral("bakeryOrders"));
    QCOMPARE(api.routes.at(1).authorizer, QStringLiteral("CognitoAuthorizer"));
    QCOMPARE(api.routes.first().functionName, QStringLiteral("bakeryFunction"));
    QCOMPARE(api.routes.first().payloadFormatVersion, QStringLiteral("2.0"));
    QCOMPARE(api.routes.first().timeoutMs, 30000);
    QCOMPARE(api.routes.at(2).routeKey, QStringLiteral("GET /kitchen"));
    QCOMPARE(api.routes.at(2).functionName, QStringLiteral("bakeryKitchen"));
    QCOMPARE(api.routes.at(2).authorizer, QStringLiteral("KitchenKeyAuthorizer"));
    QCOMPARE(api.routes.at(3).routeKey, QStringLiteral("GET /deliveries"));
    QCOMPARE(api.routes.at(3).authorizer, QStringLiteral("AWS_IAM"));
    const HttpApiAuthorizerConfig *kitchenKey = api.authorizer(QStringLiteral("KitchenKeyAuthorizer"));
    QVERIFY(kitchenKey);
    QCOMPARE(kitchenKey->kind, HttpApiAuthorizerConfig::Kind::Lambda);
    QCOMPARE(kitchenKey->functionName, QStringLiteral("bakeryKitchenKey"));
    QCOMPARE(kitchenKey->identitySources, QStringList{QStringLiteral("$request.header.x-bakery-key")});
    QCOMPARE(kitchenKey->resultTtlSeconds, 60);

    // The chat's $connect is behind a Lambda REQUEST authorizer on ?token=.
    QCOMPARE(lab.webSocketApis.size(), 1);
    const WebSocketApiConfig &chat = lab.webSocketApis.first();
    const WebSocketRouteConfig *connect = chat.route(QStringLiteral("$connect"));
    QVERIFY(connect);
    QCOMPARE(connect->authorization, WebSocketRouteConfig::Authorization::Custom);
    const HttpApiAuthorizerConfig *chatToken = chat.authorizer(connect->authorizerId);
    QVERIFY(chatToken);
    QCOMPARE(chatToken->functionName, QStringLiteral("bakeryWebSocketChatAuthorizer"));
    QCOMPARE(chatToken->identitySources, QStringList{QStringLiteral("$request.querystring.token")});
    QCOMPARE(chat.route(QStringLiteral("sendmessage"))->authorization, WebSocketRouteConfig::Authorization::None);

    QCOMPARE(lab.outputs.size(), 6);
    QCOMPARE(lab.outputs.at(2).second, QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:bakeryFunction:live"));
    QCOMPARE(lab.outputs.at(3).second, QStringLiteral("https://%1.execute-api.us-east-1.amazonaws.com/orders").arg(api.apiId));

    QCOMPARE(lab.versions.size(), 2);
    QCOMPARE(lab.versions.at(0).logicalId, QStringLiteral("BakeryVersion1"));
    QCOMPARE(lab.versions.at(0).number, 1);
    QCOMPARE(lab.versions.at(0).codeDir, QDir(dir).absoluteFilePath(QStringLiteral("src-v1")));
    QCOMPARE(lab.versions.at(1).number, 2);
    QCOMPARE(lab.versions.at(1).codeDir, f.codeDir);
    QCOMPARE(lab.versions.at(1).description, QStringLiteral("Snack picker with a special of the day"));
    QCOMPARE(lab.aliases.size(), 1);
    QCOMPARE(lab.aliases.at(0).name, QStringLiteral("live"));
    QCOMPARE(lab.aliases.at(0).functionName, QStringLiteral("bakeryFunction"));
    QCOMPARE(lab.aliases.at(0).functionVersion, QStringLiteral("1"));
    QCOMPARE(lab.aliases.at(0).additionalVersion, QStringLiteral("2"));
    QCOMPARE(lab.aliases.at(0).additionalWeight, 0.1);
    QCOMPARE(lab.outputs.at(0).first, QStringLiteral("SnackUrl"));
    QCOMPARE(lab.outputs.at(0).second, QStringLiteral("https://%1.execute-api.us-east-1.amazonaws.com/snack").arg(api.apiId));
    QCOMPARE(lab.outputs.at(1).second, QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:bakeryFunction"));
}

// Runs the lab's handler with python3 on the event we build, and reads its answer as API
// Gateway would.
void tst_LabLoader::bakeryHandlerAnswers()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(!lab.hasErrors());
    Gatehouse::Core::HttpRequest request;
    request.method = "GET";
    request.path = "/snack";
    request.peerAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    request.headers.add("User-Agent", "curl/7.88.1");
    HttpApiEventContext context;
    context.apiId = lab.httpApis.first().apiId;
    context.routeKey = lab.httpApis.first().routes.first().routeKey;
    context.requestId = HttpApiEvent::newRequestId();
    context.timeEpochMs = 1587481701067;
    const QByteArray event = HttpApiEvent::build(request, request.path, context);

    const QString script = QStringLiteral(
        "import json, sys, types\n"
        "import app\n"
        "context = types.SimpleNamespace(aws_request_id='c0ffee')\n"
        "print(json.dumps(app.lambda_handler(json.loads(sys.stdin.read()), context)))\n");
    QProcess python;
    python.setWorkingDirectory(lab.functions.first().codeDir);
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    python.write(event);
    python.closeWriteChannel();
    QVERIFY(finished.wait(20000));
    QCOMPARE(python.exitCode(), 0);
    const QList<QByteArray> lines = python.readAllStandardOutput().trimmed().split('\n');
    QVERIFY(lines.first().startsWith("suggesting ")); // the handler's log line
    const Gatehouse::Core::HttpResponse response = HttpApiEvent::interpretResponse(lines.last());
    QCOMPARE(response.status, 200);
    QCOMPARE(response.headers.value("content-type"), QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QVERIFY(!body.value(QStringLiteral("snack")).toString().isEmpty());
    QCOMPARE(body.value(QStringLiteral("bakery")).toString(), QStringLiteral("Bakery")); // env not set here
    QCOMPARE(body.value(QStringLiteral("requestId")).toString(), QStringLiteral("c0ffee"));
}

// The travel lab is clean too: its AppSync service role has no local effect but is what AWS
// needs, while a role another service assumes still draws the "no effect" warning.
void tst_LabLoader::travelAndAppSyncRoles()
{
    const LabDefinition travel = LabLoader::load(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/travel"));
    QVERIFY2(isClean(travel), qPrintable(describe(travel)));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("AWSTemplateFormatVersion: '2010-09-09'\n"
               "Resources:\n"
               "  AppSyncRole:\n"
               "    Type: AWS::IAM::Role\n"
               "    Properties:\n"
               "      AssumeRolePolicyDocument:\n"
               "        Statement:\n"
               "          - Effect: Allow\n"
               "            Principal: {Service: [appsync.amazonaws.com]}\n"
               "            Action: sts:AssumeRole\n"
               "  WorkerRole:\n"
               "    Type: AWS::IAM::Role\n"
               "    Properties:\n"
               "      AssumeRolePolicyDocument:\n"
               "        Statement:\n"
               "          - Effect: Allow\n"
               "            Principal: {Service: [appsync.amazonaws.com, lambda.amazonaws.com]}\n"
               "            Action: sts:AssumeRole\n");
    file.close();
    const LabDefinition lab = LabLoader::load(dir.path());
    const QString text = describe(lab);
    QVERIFY2(!text.contains(QLatin1String("AppSyncRole")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Resources.WorkerRole.Type: AWS::IAM::Role has no effect")), qPrintable(text));
}

void tst_LabLoader::intrinsics()
{
    const LabDefinition lab = LabLoader::load(labsDir() + QStringLiteral("/intrinsics"), QStringLiteral("eu-west-1"));
    QVERIFY2(!lab.hasErrors(), qPrintable(describe(lab)));
    QVERIFY2(lab.diagnostics.isEmpty(), qPrintable(describe(lab)));
    QCOMPARE(lab.functions.size(), 2);
    const FunctionConfig &tart = lab.functions.at(0);
    QCOMPARE(tart.name, QStringLiteral("lemon-tarts"));
    QCOMPARE(tart.runtime, QStringLiteral("nodejs20.x"));
    QCOMPARE(tart.timeoutSeconds, 5);
    QCOMPARE(tart.memoryMb, 256);
    QCOMPARE(tart.architecture, QStringLiteral("arm64"));
    QCOMPARE(tart.reservedConcurrency, 5);
    QCOMPARE(lab.functions.at(1).reservedConcurrency, -1);
    const QString shopId = LabLoader::apiIdFor(QStringLiteral("intrinsics"), QStringLiteral("ShopApi"));
    QStringList names;
    for (const auto &pair : tart.environment)
        names.append(pair.first);
    QCOMPARE(names, (QStringList{QStringLiteral("SHARED"), QStringLiteral("FLAVOUR"), QStringLiteral("SELF_ARN"),
                                 QStringLiteral("REGION_AND_API"), QStringLiteral("PARTITION")}));
    QCOMPARE(env(tart, QStringLiteral("SHARED")), QStringLiteral("from-globals"));
    QCOMPARE(env(tart, QStringLiteral("FLAVOUR")), QStringLiteral("lemon"));
    QCOMPARE(env(tart, QStringLiteral("SELF_ARN")), QStringLiteral("arn:aws:lambda:eu-west-1:123456789012:function:lemon-tarts"));
    QCOMPARE(env(tart, QStringLiteral("REGION_AND_API")), QStringLiteral("eu-west-1/%1/${Literal}").arg(shopId));
    QCOMPARE(env(tart, QStringLiteral("PARTITION")), QStringLiteral("aws"));
    QCOMPARE(lab.functions.at(1).name, QStringLiteral("PieFunction")); // no FunctionName: the logical id

    QCOMPARE(lab.httpApis.size(), 2);
    const HttpApiConfig &shop = lab.httpApis.at(0);
    QCOMPARE(shop.apiId, shopId);
    QCOMPARE(shop.stageName, QStringLiteral("prod"));
    QCOMPARE(shop.name, QStringLiteral("intrinsics-shop"));
    QCOMPARE(shop.routes.size(), 2);
    QCOMPARE(shop.routes.at(0).routeKey, QStringLiteral("GET /tarts/{id}"));
    QCOMPARE(shop.routes.at(0).timeoutMs, 1500);
    QCOMPARE(shop.routes.at(0).functionName, QStringLiteral("lemon-tarts"));
    QCOMPARE(shop.routes.at(1).routeKey, QStringLiteral("ANY /pies/{proxy+}"));
    QCOMPARE(shop.routes.at(1).functionName, QStringLiteral("PieFunction"));
    const HttpApiConfig &implicit = lab.httpApis.at(1);
    QCOMPARE(implicit.logicalId, QStringLiteral("ServerlessHttpApi"));
    QCOMPARE(implicit.routes.size(), 1);
    QCOMPARE(implicit.routes.first().routeKey, QStringLiteral("$default"));

    QCOMPARE(lab.outputs.size(), 3);
    QCOMPARE(lab.outputs.at(0).second, QStringLiteral("https://%1.execute-api.eu-west-1.amazonaws.com/prod").arg(shopId));
    QCOMPARE(lab.outputs.at(1).second, QStringLiteral("arn:aws:lambda:eu-west-1:123456789012:function:lemon-tarts"));
    QCOMPARE(lab.outputs.at(2).second, QStringLiteral("https://%1.execute-api.eu-west-1.amazonaws.com").arg(shopId));
}

// Versions are numbered per function in template order; aliases keep their weights.
void tst_LabLoader::versionsAndAliases()
{
    const LabDefinition lab = LabLoader::load(labsDir() + QStringLiteral("/lambda-versions"));
    QVERIFY2(lab.diagnostics.isEmpty(), qPrintable(describe(lab)));
    QCOMPARE(lab.versions.size(), 3);
    const QStringList expected{QStringLiteral("SnackV1 snacks 1 first"), QStringLiteral("TeaV1 TeaFunction 1 "),
                               QStringLiteral("SnackV2 snacks 2 second")};
    for (qsizetype i = 0; i < lab.versions.size(); ++i) {
        const LabVersionConfig &v = lab.versions.at(i);
        QCOMPARE(QStringLiteral("%1 %2 %3 %4").arg(v.logicalId, v.functionName).arg(v.number).arg(v.description),
                 expected.at(i));
    }
    QCOMPARE(lab.versions.at(0).codeDir, QDir(labsDir()).absoluteFilePath(QStringLiteral("intrinsics")));
    QCOMPARE(lab.versions.at(1).codeDir, QDir(labsDir()).absoluteFilePath(QStringLiteral("src")));
    QCOMPARE(lab.aliases.size(), 2);
    QCOMPARE(lab.aliases.at(0).functionVersion, QStringLiteral("2"));
    QCOMPARE(lab.aliases.at(0).additionalVersion, QStringLiteral("1"));
    QCOMPARE(lab.aliases.at(0).additionalWeight, 0.25);
    QCOMPARE(lab.aliases.at(1).name, QStringLiteral("dev"));
    QCOMPARE(lab.aliases.at(1).functionVersion, QStringLiteral("$LATEST"));
    QVERIFY(lab.aliases.at(1).additionalVersion.isEmpty());
    QCOMPARE(lab.outputs.size(), 3);
    QCOMPARE(lab.outputs.at(0).second, QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:snacks:2"));
    QCOMPARE(lab.outputs.at(1).second, QStringLiteral("2"));
    QCOMPARE(lab.outputs.at(2).second, QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:snacks:live"));
}

void tst_LabLoader::cognitoPool()
{
    const LabDefinition lab = LabLoader::load(labsDir() + QStringLiteral("/cognito-pool"));
    QVERIFY2(lab.diagnostics.isEmpty(), qPrintable(describe(lab)));
    QCOMPARE(lab.userPools.size(), 1);
    const CognitoPoolConfig &pool = lab.userPools.first();
    QCOMPARE(pool.poolName, QStringLiteral("bakers"));
    QVERIFY2(QRegularExpression(QStringLiteral("^us-east-1_[A-Za-z0-9]{9}$")).match(pool.poolId).hasMatch(), qPrintable(pool.poolId));
    QCOMPARE(pool.poolId, LabLoader::load(labsDir() + QStringLiteral("/cognito-pool")).userPools.first().poolId);
    QCOMPARE(pool.passwordPolicy.minimumLength, 10);
    QVERIFY(!pool.passwordPolicy.requireSymbols);
    QVERIFY(pool.passwordPolicy.requireNumbers);
    QCOMPARE(pool.usernameAttributes, QStringList{QStringLiteral("email")});
    QCOMPARE(pool.clients.size(), 1);
    const CognitoClientConfig &client = pool.clients.first();
    QCOMPARE(client.clientName, QStringLiteral("web"));
    QVERIFY2(QRegularExpression(QStringLiteral("^[a-z0-9]{26}$")).match(client.clientId).hasMatch(), qPrintable(client.clientId));
    QVERIFY(!client.clientSecret.isEmpty());
    QCOMPARE(client.accessTokenSeconds, 30 * 60);
    QCOMPARE(client.idTokenSeconds, 3600);
    QCOMPARE(client.refreshTokenSeconds, 2 * 3600);
    QCOMPARE(pool.groups.size(), 1);
    QCOMPARE(pool.users.size(), 1);
    QCOMPARE(pool.users.first().username, QStringLiteral("baker@example.com"));
    QCOMPARE(pool.users.first().password, QStringLiteral("Flour-and-water-1"));
    QCOMPARE(pool.users.first().groups, QStringList{QStringLiteral("bakers")});
}

void tst_LabLoader::faultsLab()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/emulator-labs/faults"));
    QVERIFY2(lab.diagnostics.isEmpty(), qPrintable(describe(lab)));
    QCOMPARE(lab.functions.size(), 6);
    QCOMPARE(lab.httpApis.size(), 1);
    QCOMPARE(lab.httpApis.first().routes.size(), 6);
    QCOMPARE(lab.functions.at(4).timeoutSeconds, 10);
    QCOMPARE(lab.functions.at(0).timeoutSeconds, 2);
    QCOMPARE(lab.httpApis.first().routes.at(4).timeoutMs, 1000);
}

void tst_LabLoader::apiIdIsStable()
{
    const QString a = LabLoader::apiIdFor(QStringLiteral("bakery"), QStringLiteral("ServerlessHttpApi"));
    QCOMPARE(a, LabLoader::apiIdFor(QStringLiteral("bakery"), QStringLiteral("ServerlessHttpApi")));
    QVERIFY(QRegularExpression(QStringLiteral("^[a-z0-9]{10}$")).match(a).hasMatch());
    QVERIFY(a != LabLoader::apiIdFor(QStringLiteral("bakery"), QStringLiteral("OtherApi")));
    QVERIFY(a != LabLoader::apiIdFor(QStringLiteral("pastry"), QStringLiteral("ServerlessHttpApi")));
}

void tst_LabLoader::brokenTemplate_data()
{
    QTest::addColumn<QString>("lab");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message"); // a part of the message

    const auto fn = [](const char *rest) { return QString(QStringLiteral("Resources.SnackFunction.Properties.") + QLatin1String(rest)); };
    QTest::newRow("cognito token validity out of range") << "cognito-validity-range" << true << 11 << 28
        << "Resources.WebClient.Properties.AccessTokenValidity" << "outside Cognito's limits";
    QTest::newRow("typo in a property") << "typo-property" << true << 7 << 7 << fn("Runtme")
        << "unknown property of AWS::Serverless::Function; did you mean Runtime?";
    QTest::newRow("invalid runtime") << "bad-runtime" << true << 7 << 16 << fn("Runtime")
        << "invalid Runtime value python3.7; supported: python3.9, python3.10";
    QTest::newRow("missing handler") << "missing-handler" << true << 6 << 7 << fn("Handler") << "missing Handler";
    QTest::newRow("CodeUri folder missing") << "missing-codeuri-folder" << true << 8 << 16 << fn("CodeUri")
        << "does not exist";
    QTest::newRow("timeout out of range") << "timeout-range" << true << 9 << 16 << fn("Timeout")
        << "901 is not a whole number from 1 to 900";
    QTest::newRow("memory out of range") << "memory-range" << true << 9 << 19 << fn("MemorySize")
        << "64 is not a whole number from 128 to 10240";
    QTest::newRow("reserved concurrency over the account's") << "reserved-range" << true << 9 << 37
        << fn("ReservedConcurrentExecutions") << "901 is not a whole number from 0 to 900";
    QTest::newRow("route conflict") << "route-conflict" << true << 22 << 9
        << "Resources.OtherFunction.Properties.Events.AlsoSnack"
        << "route GET /snack is already defined on ServerlessHttpApi by Resources.SnackFunction.Properties.Events.GetSnack";
    QTest::newRow("unsupported resource type") << "unsupported-type" << true << 16 << 11 << "Resources.SnackQueue.Type"
        << "resource type AWS::SQS::Queue is not supported by Gatehouse";
    QTest::newRow("typo in a resource type") << "typo-type" << true << 4 << 11 << "Resources.SnackFunction.Type"
        << "did you mean AWS::Serverless::Function?";
    QTest::newRow("unsupported event type") << "unsupported-event" << true << 11 << 17 << fn("Events.GetSnack.Type")
        << "event type SQS is not supported by Gatehouse (supported: HttpApi, Api)";
    QTest::newRow("unsupported intrinsic") << "unsupported-intrinsic" << true << 8 << 16 << fn("CodeUri")
        << "the intrinsic function Fn::Join is not supported by Gatehouse";
    QTest::newRow("missing Transform") << "missing-transform" << true << 1 << 1 << "Transform"
        << "missing Transform: AWS::Serverless-2016-10-31";
    QTest::newRow("Ref to nothing") << "unknown-ref" << true << 11 << 18 << fn("Environment.Variables.TABLE")
        << "Ref to SnackTable: no parameter or resource has that name";
    const auto live = [](const char *rest) { return QString(QStringLiteral("Resources.Live.Properties.") + QLatin1String(rest)); };
    QTest::newRow("alias weight of 1") << "alias-weight-range" << true << 26 << 29
        << live("RoutingConfig.AdditionalVersionWeights[0].FunctionWeight")
        << "FunctionWeight 1.0 is not a number from 0 up to (not including) 1";
    QTest::newRow("alias with two weighted versions") << "alias-two-weights" << true << 25 << 11
        << live("RoutingConfig.AdditionalVersionWeights") << "at most one additional version";
    QTest::newRow("alias to an unknown version") << "alias-unknown-version" << true << 21 << 24
        << live("FunctionVersion") << "SnackFunction has no version 3 in this template";
    QTest::newRow("alias weight on an unknown version") << "alias-unknown-extra-version" << true << 25 << 30
        << live("RoutingConfig.AdditionalVersionWeights[0].FunctionVersion") << "SnackFunction has no version 7";
    QTest::newRow("weighted alias on $LATEST") << "alias-routing-latest" << true << 25 << 30
        << live("RoutingConfig.AdditionalVersionWeights[0].FunctionVersion")
        << "$LATEST is not supported for an alias pointing to more than 1 version";
    QTest::newRow("alias name of digits only") << "alias-bad-name" << true << 22 << 13
        << live("Name") << "invalid alias name 2024";
    QTest::newRow("typo in a version property") << "version-typo" << true << 13 << 7
        << "Resources.SnackV1.Properties.Descripton"
        << "unknown property of AWS::Lambda::Version; did you mean Description?";
    QTest::newRow("version code folder missing") << "version-codeuri-missing" << true << 13 << 18
        << "Resources.SnackV1.Metadata.Gatehouse.CodeUri" << "the CodeUri folder";
    QTest::newRow("version of an unknown function") << "version-unknown-function" << true << 12 << 21
        << "Resources.SnackV1.Properties.FunctionName" << "cakeFunction is not a function of this template";
    QTest::newRow("no local effect is a warning") << "no-local-effect" << false << 9 << 7 << fn("Policies")
        << "has no effect in the emulator";
}

void tst_LabLoader::brokenTemplate()
{
    QFETCH(QString, lab);
    QFETCH(bool, isError);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, field);
    QFETCH(QString, message);

    const LabDefinition def = LabLoader::load(labsDir() + QLatin1Char('/') + lab);
    qInfo().noquote() << describe(def);
    QCOMPARE(def.hasErrors(), isError);
    bool found = false;
    for (const LabDiagnostic &d : def.diagnostics) {
        if (d.field == field && d.message.contains(message)) {
            found = true;
            QCOMPARE(d.severity, isError ? LabDiagnostic::Severity::Error : LabDiagnostic::Severity::Warning);
            QCOMPARE(d.line, line);
            QCOMPARE(d.column, column);
            QCOMPARE(d.file, QDir(labsDir()).absoluteFilePath(lab + QStringLiteral("/template.yaml")));
        }
    }
    QVERIFY2(found, qPrintable(describe(def)));
}

void tst_LabLoader::diagnosticText()
{
    const LabDefinition lab = LabLoader::load(labsDir() + QStringLiteral("/typo-property"));
    QCOMPARE(lab.diagnostics.size(), 1); // no second "missing Runtime" for the same mistake
    QCOMPARE(lab.diagnostics.first().toString(),
             QDir(labsDir()).absoluteFilePath(QStringLiteral("typo-property/template.yaml"))
                 + QStringLiteral(":7:7: error: Resources.SnackFunction.Properties.Runtme: unknown property of "
                                  "AWS::Serverless::Function; did you mean Runtime?"));

    const LabDefinition broken = LabLoader::load(labsDir() + QStringLiteral("/yaml-syntax"));
    QCOMPARE(broken.diagnostics.size(), 1);
    const LabDiagnostic &d = broken.diagnostics.first();
    QVERIFY2(d.message.startsWith(QLatin1String("YAML syntax error: ")), qPrintable(d.toString()));
    qInfo().noquote() << d.toString();
    QVERIFY2(d.line >= 7 && d.column > 0, qPrintable(d.toString()));
    QVERIFY(broken.functions.isEmpty());
}

void tst_LabLoader::missingFolder()
{
    const LabDefinition lab = LabLoader::load(labsDir() + QStringLiteral("/no-such-lab"));
    QVERIFY(lab.hasErrors());
    QVERIFY(lab.diagnostics.first().message.contains(QLatin1String("does not exist")));
}

// Editors on Windows may save template.yaml with a UTF-8 byte order mark.
void tst_LabLoader::byteOrderMark()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("src")));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("src-v1")));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("orders")));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("kitchen")));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("kitchen-key")));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("chat")));
    QFile source(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery/template.yaml"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QFile copy(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(copy.open(QIODevice::WriteOnly));
    copy.write("\xEF\xBB\xBF" + source.readAll());
    copy.close();
    const LabDefinition lab = LabLoader::load(dir.path());
    QVERIFY2(isClean(lab), qPrintable(describe(lab)));
    QCOMPARE(lab.functions.size(), 6);
}

QTEST_GUILESS_MAIN(tst_LabLoader)
#include "tst_labloader.moc"
