// Lambda REQUEST authorizers and IAM authorization on the emulator's HTTP APIs, as API Gateway
// applies them: the authorizer's event (payload formats 2.0 and 1.0) and the integration's
// requestContext.authorizer compared key for key and type for type with AWS's samples
// (tests/data/lambda-events), simple and IAM-policy answers with API Gateway's statuses and
// bodies, the result cache, broken authorizers, and AWS_IAM routes called with requests that
// botocore's signer (not Gatehouse's) signed. Test lab: tests/data/labs/lambda-authorizers; the
// bakery lab's GET /kitchen and GET /deliveries as a student calls them.
#include "../common/emulatorlab.h"
#include "../common/awscli.h"
#include "../common/botocorepeer.h"
#include "core/emulator/emulator.h"
#include "core/emulator/httpapilambdaauthorizer.h"
#include "core/emulator/labloader.h"

#include <QFile>
#include <QHash>
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

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray errorType;      // x-amzn-ErrorType
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QJsonObject sample(const QString &relativePath)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray data = file.readAll();
    if (data.startsWith("\xEF\xBB\xBF")) // the aws-lambda-dotnet samples start with a BOM
        data.remove(0, 3);
    return QJsonDocument::fromJson(data).object();
}

// How a sample and an event the emulator built may differ, each for a stated reason.
struct ShapeRules
{
    QStringList dataMaps;     // objects keyed by the request's own names (headers, parameters)
    QStringList notEmulated;  // in the sample, never sent by the emulator
    QStringList nullable;     // null from the emulator where the sample has a value
    QStringList extras;       // sent by the emulator, absent from this (older) sample
};

const char *typeName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "bool";
    case QJsonValue::Double:
        return "number";
    case QJsonValue::String:
        return "string";
    case QJsonValue::Array:
        return "array";
    case QJsonValue::Object:
        return "object";
    case QJsonValue::Undefined:
        return "undefined";
    }
    return "?";
}

// Same keys and the same JSON types, recursively; differences are listed by path.
void compareShape(const QJsonValue &ours, const QJsonValue &theirs, const QString &path, const ShapeRules &rules,
                  QStringList *diffs)
{
    if (ours.type() != theirs.type()) {
        if (!(ours.isNull() && rules.nullable.contains(path)))
            diffs->append(QStringLiteral("%1: %2 where the sample has %3")
                              .arg(path, QLatin1String(typeName(ours.type())), QLatin1String(typeName(theirs.type()))));
        return;
    }
    if (ours.isArray()) {
        const QJsonArray a = ours.toArray();
        const QJsonArray b = theirs.toArray();
        if (!a.isEmpty() && !b.isEmpty())
            compareShape(a.first(), b.first(), path + QStringLiteral("[]"), rules, diffs);
        return;
    }
    if (!ours.isObject())
        return;
    const QJsonObject a = ours.toObject();
    const QJsonObject b = theirs.toObject();
    if (rules.dataMaps.contains(path)) {
        for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
            if (!it.value().isString())
                diffs->append(QStringLiteral("%1.%2: not a string").arg(path, it.key()));
        }
        return;
    }
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('.');
    for (auto it = b.constBegin(); it != b.constEnd(); ++it) {
        if (!a.contains(it.key()) && !rules.notEmulated.contains(prefix + it.key()))
            diffs->append(QStringLiteral("%1: missing").arg(prefix + it.key()));
    }
    for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
        if (!b.contains(it.key())) {
            if (!rules.extras.contains(prefix + it.key()))
                diffs->append(QStringLiteral("%1: not in the sample").arg(prefix + it.key()));
            continue;
        }
        compareShape(it.value(), b.value(it.key()), prefix + it.key(), rules, diffs);
    }
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

QString apiBase(const Core::EmulatorInfo &info)
{
    return info.apis.value(0).pathStyleUrl;
}

const QStringList kAuthorizerDataMaps = {QStringLiteral("headers"), QStringLiteral("queryStringParameters"),
                                         QStringLiteral("pathParameters"), QStringLiteral("stageVariables")};

} // namespace

class tst_HttpApiAuthorizers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void templateReadsLambdaAuthorizers();
    void templateErrors_data();
    void templateErrors();
    void wildcards_data();
    void wildcards();
    void sampleResponses();

    void eventV2MatchesSamples();
    void eventV1MatchesSamples();
    void simpleRefusals();
    void policies_data();
    void policies();
    void cache();
    void brokenAuthorizers();

    void iamSignedByBotocore();
    void iamRefusals();
    void routeAuthorizationListed();
    void bakeryKitchen();
    void bakeryDeliveriesWithIdentityPoolCredentials();

private:
    std::unique_ptr<Emulator::Emulator> start(const QString &labDirectory);
    Answer send(const QByteArray &method, const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                const QByteArray &body = QByteArray());
    Answer sendSigned(const QByteArray &method, const QString &url, const GatehouseTest::AwsCliCredentials &keys,
                      const QByteArray &body = QByteArray());
    int invocations(const QString &function) const { return m_invocations.value(function); }

    std::unique_ptr<Emulator::Emulator> m_lab;
    std::unique_ptr<Emulator::Emulator> m_bakery;
    QHash<QString, int> m_invocations;
    QNetworkAccessManager m_network;
};

std::unique_ptr<Emulator::Emulator> tst_HttpApiAuthorizers::start(const QString &labDirectory)
{
    auto emulator = Test::startLab(labDirectory);
    if (!emulator)
        return nullptr;
    connect(emulator.get(), &Emulator::Emulator::invocationFinished, this,
            [this](const Core::InvocationRecord &record) { ++m_invocations[record.functionName]; });
    return emulator;
}

Answer tst_HttpApiAuthorizers::send(const QByteArray &method, const QString &url,
                                    const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QNetworkRequest request{QUrl(url)};
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(60000);
    Answer out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.errorType = reply->rawHeader("x-amzn-ErrorType");
    reply->deleteLater();
    return out;
}

// Signed by botocore's SigV4Auth for execute-api (tests/emulator/sigv4_request.py).
Answer tst_HttpApiAuthorizers::sendSigned(const QByteArray &method, const QString &url,
                                          const GatehouseTest::AwsCliCredentials &keys, const QByteArray &body)
{
    QProcess python;
    QStringList args{QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/sigv4_request.py"), QString::fromLatin1(method),
                     url, QStringLiteral("us-east-1"), keys.accessKeyId, keys.secretAccessKey};
    if (!keys.sessionToken.isEmpty())
        args.append(keys.sessionToken);
    python.start(QStringLiteral("/usr/bin/python3"), args);
    python.write(body);
    python.closeWriteChannel();
    QSignalSpy done(&python, &QProcess::finished);
    if (python.state() != QProcess::NotRunning)
        done.wait(60000);
    if (python.exitCode() != 0)
        qWarning("sigv4_request.py: %s", python.readAllStandardError().constData());
    const QJsonObject printed = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    Answer out;
    out.status = printed.value(QStringLiteral("status")).toInt();
    out.body = printed.value(QStringLiteral("body")).toString().toUtf8();
    out.errorType = printed.value(QStringLiteral("errorType")).toString().toUtf8();
    return out;
}

void tst_HttpApiAuthorizers::initTestCase()
{
    m_lab = start(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/lambda-authorizers"));
    QVERIFY(m_lab);
    m_bakery = start(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(m_bakery);
}

void tst_HttpApiAuthorizers::cleanupTestCase()
{
    m_lab.reset();
    m_bakery.reset();
}

void tst_HttpApiAuthorizers::templateReadsLambdaAuthorizers()
{
    const HttpApiConfig &api = m_lab->lab().httpApis.first();
    const HttpApiAuthorizerConfig *simple = api.authorizer(QStringLiteral("Simple"));
    QVERIFY(simple);
    QCOMPARE(simple->kind, HttpApiAuthorizerConfig::Kind::Lambda);
    QCOMPARE(simple->functionName, QStringLiteral("simpleAuthorizer"));
    QCOMPARE(simple->payloadFormatVersion, QStringLiteral("2.0"));
    QVERIFY(simple->simpleResponses);
    QCOMPARE(simple->identitySources, QStringList{QStringLiteral("$request.header.x-key")});
    QCOMPARE(simple->resultTtlSeconds, 0);
    const HttpApiAuthorizerConfig *v1 = api.authorizer(QStringLiteral("PolicyV1"));
    QVERIFY(v1);
    QCOMPARE(v1->payloadFormatVersion, QStringLiteral("1.0"));
    QVERIFY(!v1->simpleResponses);
    QCOMPARE(v1->identitySources,
             (QStringList{QStringLiteral("$request.header.x-policy"), QStringLiteral("$request.querystring.tenant")}));
    // No ReauthorizeEvery: API Gateway's default TTL, 300 s.
    QCOMPARE(api.authorizer(QStringLiteral("Malformed"))->resultTtlSeconds, 300);
    QCOMPARE(api.authorizer(QStringLiteral("Cached"))->resultTtlSeconds, 2);
    QVERIFY(api.authorizer(QStringLiteral("AWS_IAM")));
    QCOMPARE(api.authorizer(QStringLiteral("AWS_IAM"))->kind, HttpApiAuthorizerConfig::Kind::Iam);
}

void tst_HttpApiAuthorizers::templateErrors_data()
{
    QTest::addColumn<QString>("authorizer");
    QTest::addColumn<QString>("expected");
    const QString arn = QStringLiteral("            FunctionArn: !GetAtt Echo.Arn\n");
    QTest::newRow("no payload format version")
        << arn << QStringLiteral("missing AuthorizerPayloadFormatVersion");
    QTest::newRow("unknown payload format version")
        << arn + QStringLiteral("            AuthorizerPayloadFormatVersion: \"3.0\"\n")
        << QStringLiteral("3.0 is not a payload format version");
    QTest::newRow("simple responses with 1.0")
        << arn + QStringLiteral("            AuthorizerPayloadFormatVersion: \"1.0\"\n            EnableSimpleResponses: true\n")
        << QStringLiteral("simple responses need AuthorizerPayloadFormatVersion \"2.0\"");
    QTest::newRow("function of no lab")
        << QStringLiteral("            FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:Ecko\n"
                          "            AuthorizerPayloadFormatVersion: \"2.0\"\n")
        << QStringLiteral("is not a function of this lab");
    QTest::newRow("unknown context variable")
        << arn + QStringLiteral("            AuthorizerPayloadFormatVersion: \"2.0\"\n"
                                "            Identity: {Context: [requestIdd]}\n")
        << QStringLiteral("$context.requestIdd is not a context variable");
    QTest::newRow("TTL above an hour")
        << arn + QStringLiteral("            AuthorizerPayloadFormatVersion: \"2.0\"\n"
                                "            Identity: {Headers: [x-key], ReauthorizeEvery: 3601}\n")
        << QStringLiteral("3601 is not a whole number from 0 to 3600");
}

void tst_HttpApiAuthorizers::templateErrors()
{
    QFETCH(QString, authorizer);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QString text = QStringLiteral("AWSTemplateFormatVersion: '2010-09-09'\n"
                                        "Transform: AWS::Serverless-2016-10-31\n"
                                        "Resources:\n"
                                        "  Api:\n"
                                        "    Type: AWS::Serverless::HttpApi\n"
                                        "    Properties:\n"
                                        "      Auth:\n"
                                        "        Authorizers:\n"
                                        "          Mine:\n")
                         + authorizer
                         + QStringLiteral("  Echo:\n"
                                          "    Type: AWS::Serverless::Function\n"
                                          "    Properties:\n"
                                          "      CodeUri: " GATEHOUSE_TEST_DATA "/handlers/python\n"
                                          "      Handler: app.echo\n"
                                          "      Runtime: python3.12\n"
                                          "      Events:\n"
                                          "        Get:\n"
                                          "          Type: HttpApi\n"
                                          "          Properties: {ApiId: !Ref Api, Path: /x, Method: GET, "
                                          "Auth: {Authorizer: Mine}}\n");
    file.write(text.toUtf8());
    file.close();
    const LabDefinition lab = LabLoader::load(dir.path());
    QVERIFY(lab.hasErrors());
    QStringList messages;
    for (const LabDiagnostic &d : lab.diagnostics)
        messages.append(d.toString());
    const bool found = std::any_of(messages.cbegin(), messages.cend(),
                                   [&](const QString &m) { return m.contains(expected) && m.contains(QLatin1String("Mine")); });
    QVERIFY2(found, qPrintable(messages.join(QLatin1Char('\n'))));
}

void tst_HttpApiAuthorizers::wildcards_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    const QString arn = QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:abc/$default/GET/pets/1");
    QTest::newRow("exact") << arn << arn << true;
    QTest::newRow("star everything") << QStringLiteral("*") << arn << true;
    QTest::newRow("star across slashes") << QStringLiteral("arn:aws:execute-api:*:*:abc/*") << arn << true;
    QTest::newRow("question mark one char") << QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:abc/$default/GET/pets/?")
                                            << arn << true;
    QTest::newRow("question mark not two") << QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:abc/$default/GET/pet?")
                                           << arn << false;
    QTest::newRow("other method") << QStringLiteral("arn:aws:execute-api:*:*:abc/*/POST/*") << arn << false;
    QTest::newRow("prefix is not enough") << QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:abc/$default/GET/pets")
                                          << arn << false;
    QTest::newRow("star then literal") << QStringLiteral("*/pets/1") << arn << true;
    QTest::newRow("star then wrong literal") << QStringLiteral("*/pets/2") << arn << false;
}

void tst_HttpApiAuthorizers::wildcards()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(HttpApiLambdaAuthorizer::wildcardMatch(pattern, text), matches);
}

// AWS's own sample answers read as API Gateway reads them.
void tst_HttpApiAuthorizers::sampleResponses()
{
    const QString arn = QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:abc/$default/GET/request");
    HttpApiAuthorizerConfig simple;
    simple.simpleResponses = true;
    QFile simpleFile(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/aws-lambda-dotnet/EventsTests.Shared/"
                                    "custom-authorizer-v2-simple-response.json"));
    QVERIFY(simpleFile.open(QIODevice::ReadOnly));
    QByteArray simpleAnswer = simpleFile.readAll();
    simpleAnswer.remove(0, 3); // the BOM
    LambdaAuthorization verdict = HttpApiLambdaAuthorizer::interpret(simpleAnswer, simple, arn);
    QCOMPARE(verdict.verdict, LambdaAuthorization::Verdict::Allow);
    QCOMPARE(QJsonDocument::fromJson(verdict.context).object(),
             (QJsonObject{{QStringLiteral("exampleKey"), QStringLiteral("exampleValue")}}));
    simpleAnswer.replace("true", "false");
    QCOMPARE(HttpApiLambdaAuthorizer::interpret(simpleAnswer, simple, arn).verdict, LambdaAuthorization::Verdict::Forbidden);

    // The IAM-policy sample names its resource with placeholders; with the route's ARN it allows.
    HttpApiAuthorizerConfig policy;
    QJsonObject answer = sample(QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/custom-authorizer-v2-iam-response.json"));
    QVERIFY(!answer.isEmpty());
    const QByteArray asIs = QJsonDocument(answer).toJson();
    QCOMPARE(HttpApiLambdaAuthorizer::interpret(asIs, policy, arn).verdict, LambdaAuthorization::Verdict::Forbidden);
    QJsonObject document = answer.value(QStringLiteral("policyDocument")).toObject();
    QJsonArray statements = document.value(QStringLiteral("Statement")).toArray();
    QJsonObject statement = statements.at(0).toObject();
    statement.insert(QStringLiteral("Resource"), QJsonArray{arn});
    statements.replace(0, statement);
    document.insert(QStringLiteral("Statement"), statements);
    answer.insert(QStringLiteral("policyDocument"), document);
    verdict = HttpApiLambdaAuthorizer::interpret(QJsonDocument(answer).toJson(), policy, arn);
    QCOMPARE(verdict.verdict, LambdaAuthorization::Verdict::Allow);
    QCOMPARE(QJsonDocument::fromJson(verdict.context).object(),
             (QJsonObject{{QStringLiteral("exampleKey"), QStringLiteral("exampleValue")}}));
    // A simple answer where a policy is expected, and the reverse, are malformed: 500.
    QCOMPARE(HttpApiLambdaAuthorizer::interpret(simpleAnswer, policy, arn).verdict, LambdaAuthorization::Verdict::Error);
    QCOMPARE(HttpApiLambdaAuthorizer::interpret(QJsonDocument(answer).toJson(), simple, arn).verdict,
             LambdaAuthorization::Verdict::Error);
}

// The 2.0 authorizer event against AWS's three samples, then the integration's event with the
// authorizer's context in requestContext.authorizer.lambda against its two samples.
void tst_HttpApiAuthorizers::eventV2MatchesSamples()
{
    const QString url = apiBase(m_lab->info()) + QStringLiteral("/simple/abc?parameter1=value1&parameter1=value2&parameter2=value");
    const int before = invocations(QStringLiteral("simpleAuthorizer"));
    const Answer answer = send("POST", url,
                               {{"x-key", "open-sesame"}, {"Cookie", "cookie1; cookie2"}, {"Header1", "value1"}},
                               "{\"a\": 1}");
    QCOMPARE(answer.status, 200);
    QCOMPARE(invocations(QStringLiteral("simpleAuthorizer")), before + 1);
    const QJsonObject integration = answer.json().value(QStringLiteral("event")).toObject();
    const QJsonObject lambda = integration.value(QStringLiteral("requestContext")).toObject()
                                   .value(QStringLiteral("authorizer")).toObject()
                                   .value(QStringLiteral("lambda")).toObject();
    QCOMPARE(lambda.value(QStringLiteral("who")).toString(), QStringLiteral("simple"));
    const QJsonObject event = QJsonDocument::fromJson(lambda.value(QStringLiteral("event")).toString().toUtf8()).object();
    QVERIFY2(!event.isEmpty(), answer.body.constData());

    ShapeRules rules;
    rules.dataMaps = kAuthorizerDataMaps;
    // Mutual TLS only; the emulator has no stages with variables.
    rules.notEmulated = {QStringLiteral("requestContext.authentication"), QStringLiteral("stageVariables")};
    for (const QString &file : {QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/custom-authorizer-v2-request.json"),
                                QStringLiteral("aws-lambda-go/apigw-v2-custom-authorizer-v2-request.json"),
                                QStringLiteral("powertools-lambda-python/apiGatewayAuthorizerV2Event.json")}) {
        const QJsonObject theirs = sample(file);
        QVERIFY2(!theirs.isEmpty(), qPrintable(file));
        QStringList diffs;
        compareShape(event, theirs, QString(), rules, &diffs);
        QVERIFY2(diffs.isEmpty(), qPrintable(file + QStringLiteral(": ") + diffs.join(QStringLiteral("; "))));
    }
    const QString apiId = m_lab->info().apis.at(0).apiId;
    QCOMPARE(event.value(QStringLiteral("version")).toString(), QStringLiteral("2.0"));
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("REQUEST"));
    QCOMPARE(event.value(QStringLiteral("routeArn")).toString(),
             QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:%1/$default/POST/simple/abc").arg(apiId));
    QCOMPARE(event.value(QStringLiteral("identitySource")).toArray(), QJsonArray{QStringLiteral("open-sesame")});
    QCOMPARE(event.value(QStringLiteral("routeKey")).toString(), QStringLiteral("ANY /simple/{item}"));
    QCOMPARE(event.value(QStringLiteral("rawPath")).toString(), QStringLiteral("/simple/abc"));
    QCOMPARE(event.value(QStringLiteral("rawQueryString")).toString(),
             QStringLiteral("parameter1=value1&parameter1=value2&parameter2=value"));
    QCOMPARE(event.value(QStringLiteral("cookies")).toArray(), (QJsonArray{QStringLiteral("cookie1"), QStringLiteral("cookie2")}));
    // The same query as AWS's samples, read the same way.
    QCOMPARE(event.value(QStringLiteral("queryStringParameters")),
             sample(QStringLiteral("aws-lambda-go/apigw-v2-custom-authorizer-v2-request.json")).value(QStringLiteral("queryStringParameters")));
    QCOMPARE(event.value(QStringLiteral("pathParameters")).toObject(), (QJsonObject{{QStringLiteral("item"), QStringLiteral("abc")}}));
    QCOMPARE(event.value(QStringLiteral("headers")).toObject().value(QStringLiteral("header1")).toString(), QStringLiteral("value1"));
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("http")).toObject().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(rc.value(QStringLiteral("routeKey")).toString(), QStringLiteral("ANY /simple/{item}"));
    QCOMPARE(rc.value(QStringLiteral("requestId")).toString(),
             integration.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("requestId")).toString());
    QVERIFY(!event.contains(QStringLiteral("body"))); // the authorizer never sees the body

    ShapeRules integrationRules;
    integrationRules.dataMaps = kAuthorizerDataMaps + QStringList{QStringLiteral("requestContext.authorizer.lambda")};
    integrationRules.notEmulated = rules.notEmulated;
    for (const QString &file : {QStringLiteral("aws-lambda-go/apigw-v2-request-lambda-authorizer.json"),
                                QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/http-api-v2-request-lambda-authorizer.json")}) {
        QStringList diffs;
        compareShape(integration, sample(file), QString(), integrationRules, &diffs);
        QVERIFY2(diffs.isEmpty(), qPrintable(file + QStringLiteral(": ") + diffs.join(QStringLiteral("; "))));
    }
}

// Payload format 1.0: the HTTP API sample exactly, and the REST API REQUEST authorizer sample
// (which 1.0 is compatible with) but for the multi-value maps only REST sends.
void tst_HttpApiAuthorizers::eventV1MatchesSamples()
{
    const QString url = apiBase(m_lab->info()) + QStringLiteral("/v1/abc?tenant=acme");
    const Answer answer = send("GET", url, {{"X-Policy", "allow"}, {"HeaderAuth1", "headerValue1"}});
    QCOMPARE(answer.status, 200);
    const QJsonObject lambda = answer.json().value(QStringLiteral("event")).toObject()
                                   .value(QStringLiteral("requestContext")).toObject()
                                   .value(QStringLiteral("authorizer")).toObject()
                                   .value(QStringLiteral("lambda")).toObject();
    QCOMPARE(lambda.value(QStringLiteral("who")).toString(), QStringLiteral("policy"));
    const QJsonObject event = QJsonDocument::fromJson(lambda.value(QStringLiteral("event")).toString().toUtf8()).object();
    QVERIFY2(!event.isEmpty(), answer.body.constData());

    ShapeRules rules;
    rules.dataMaps = kAuthorizerDataMaps;
    rules.notEmulated = {QStringLiteral("requestContext.identity.clientCert")}; // mutual TLS only
    rules.nullable = {QStringLiteral("requestContext.identity.apiKey")};        // HTTP APIs have no API keys
    QStringList diffs;
    compareShape(event, sample(QStringLiteral("aws-lambda-go/apigw-v2-custom-authorizer-v1-request.json")), QString(), rules, &diffs);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QStringLiteral("; "))));

    ShapeRules rest = rules;
    rest.dataMaps += QStringList{QStringLiteral("multiValueHeaders"), QStringLiteral("multiValueQueryStringParameters")};
    rest.notEmulated += QStringList{QStringLiteral("multiValueHeaders"), QStringLiteral("multiValueQueryStringParameters")};
    rest.extras = {QStringLiteral("version"), QStringLiteral("identitySource"), QStringLiteral("authorizationToken")};
    diffs.clear();
    compareShape(event, sample(QStringLiteral("aws-lambda-go/apigw-custom-auth-request-type-request.json")), QString(), rest, &diffs);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QStringLiteral("; "))));

    const QString apiId = m_lab->info().apis.at(0).apiId;
    QCOMPARE(event.value(QStringLiteral("version")).toString(), QStringLiteral("1.0"));
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("REQUEST"));
    QCOMPARE(event.value(QStringLiteral("methodArn")).toString(),
             QStringLiteral("arn:aws:execute-api:us-east-1:123456789012:%1/$default/GET/v1/abc").arg(apiId));
    QCOMPARE(event.value(QStringLiteral("identitySource")).toString(), QStringLiteral("allow,acme"));
    QCOMPARE(event.value(QStringLiteral("authorizationToken")).toString(), QStringLiteral("allow,acme"));
    QCOMPARE(event.value(QStringLiteral("resource")).toString(), QStringLiteral("/v1/{item}"));
    QCOMPARE(event.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/abc"));
    QCOMPARE(event.value(QStringLiteral("httpMethod")).toString(), QStringLiteral("GET"));
    QCOMPARE(event.value(QStringLiteral("headers")).toObject().value(QStringLiteral("HeaderAuth1")).toString(),
             QStringLiteral("headerValue1")); // 1.0 keeps the client's spelling of header names
    QCOMPARE(event.value(QStringLiteral("queryStringParameters")).toObject(),
             (QJsonObject{{QStringLiteral("tenant"), QStringLiteral("acme")}}));
    QCOMPARE(event.value(QStringLiteral("pathParameters")).toObject(), (QJsonObject{{QStringLiteral("item"), QStringLiteral("abc")}}));
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("apiId")).toString(), apiId);
    QCOMPARE(rc.value(QStringLiteral("resourcePath")).toString(), QStringLiteral("/v1/{item}"));
    QCOMPARE(rc.value(QStringLiteral("stage")).toString(), QStringLiteral("$default"));
}

void tst_HttpApiAuthorizers::simpleRefusals()
{
    const QString url = apiBase(m_lab->info()) + QStringLiteral("/simple/abc");
    const int before = invocations(QStringLiteral("simpleAuthorizer"));
    const int echoes = invocations(QStringLiteral("authEcho"));
    const Answer missing = send("GET", url);
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.body, QByteArray("{\"message\":\"Unauthorized\"}"));
    const Answer empty = send("GET", url, {{"x-key", ""}});
    QCOMPARE(empty.status, 401);
    QCOMPARE(invocations(QStringLiteral("simpleAuthorizer")), before); // not invoked for either

    const Answer refused = send("GET", url, {{"x-key", "wrong"}});
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.body, QByteArray("{\"message\":\"Forbidden\"}"));
    QCOMPARE(invocations(QStringLiteral("simpleAuthorizer")), before + 1);
    QCOMPARE(invocations(QStringLiteral("authEcho")), echoes); // the route's function never ran
}

void tst_HttpApiAuthorizers::policies_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<int>("status");
    QTest::newRow("allow the route's ARN") << QByteArray("allow") << 200;
    QTest::newRow("allow by wildcards") << QByteArray("wildcard") << 200;
    QTest::newRow("allow another route only") << QByteArray("elsewhere") << 403;
    QTest::newRow("deny wins over allow *") << QByteArray("deny-wins") << 403;
}

void tst_HttpApiAuthorizers::policies()
{
    QFETCH(QByteArray, policy);
    QFETCH(int, status);
    const Answer answer = send("GET", routeUrl(m_lab->info(), QStringLiteral("GET /policy")), {{"x-policy", policy}});
    QCOMPARE(answer.status, status);
    if (status == 403) {
        QCOMPARE(answer.body, QByteArray("{\"message\":\"Forbidden\"}"));
    } else {
        const QJsonObject lambda = answer.json().value(QStringLiteral("event")).toObject()
                                       .value(QStringLiteral("requestContext")).toObject()
                                       .value(QStringLiteral("authorizer")).toObject()
                                       .value(QStringLiteral("lambda")).toObject();
        QCOMPARE(lambda.value(QStringLiteral("who")).toString(), QStringLiteral("policy"));
    }
}

// ReauthorizeEvery: 2 — one invocation per key value within two seconds, another after; TTL 0
// (the Simple authorizer) invokes every time.
void tst_HttpApiAuthorizers::cache()
{
    const QString cached = routeUrl(m_lab->info(), QStringLiteral("GET /cached"));
    const QString fn = QStringLiteral("cachedAuthorizer");
    const int start = invocations(fn);
    QCOMPARE(send("GET", cached, {{"x-key", "open-sesame"}}).status, 200);
    QCOMPARE(invocations(fn), start + 1);
    QCOMPARE(send("GET", cached, {{"x-key", "open-sesame"}}).status, 200);
    QCOMPARE(invocations(fn), start + 1);
    // A refusal is cached too, under its own key.
    QCOMPARE(send("GET", cached, {{"x-key", "nope"}}).status, 403);
    QCOMPARE(send("GET", cached, {{"x-key", "nope"}}).status, 403);
    QCOMPARE(invocations(fn), start + 2);
    QTest::qWait(2300);
    QCOMPARE(send("GET", cached, {{"x-key", "open-sesame"}}).status, 200);
    QCOMPARE(invocations(fn), start + 3);

    const QString uncached = apiBase(m_lab->info()) + QStringLiteral("/simple/x");
    const int simple = invocations(QStringLiteral("simpleAuthorizer"));
    QCOMPARE(send("GET", uncached, {{"x-key", "open-sesame"}}).status, 200);
    QCOMPARE(send("GET", uncached, {{"x-key", "open-sesame"}}).status, 200);
    QCOMPARE(invocations(QStringLiteral("simpleAuthorizer")), simple + 2);
}

void tst_HttpApiAuthorizers::brokenAuthorizers()
{
    const QByteArray error("{\"message\":\"Internal Server Error\"}");
    const int echoes = invocations(QStringLiteral("authEcho"));
    const int failing = invocations(QStringLiteral("failingAuthorizer"));
    const Answer thrown = send("GET", routeUrl(m_lab->info(), QStringLiteral("GET /failing")), {{"x-key", "k"}});
    QCOMPARE(thrown.status, 500);
    QCOMPARE(thrown.body, error);
    // A failure is not cached (TTL 60 here): the next request asks again.
    QCOMPARE(send("GET", routeUrl(m_lab->info(), QStringLiteral("GET /failing")), {{"x-key", "k"}}).status, 500);
    QCOMPARE(invocations(QStringLiteral("failingAuthorizer")), failing + 2);
    // The authorizer function times out (Timeout: 1, it sleeps 5 s): 500 as well.
    const Answer timedOut = send("GET", routeUrl(m_lab->info(), QStringLiteral("GET /slow")), {{"x-key", "k"}});
    QCOMPARE(timedOut.status, 500);
    QCOMPARE(timedOut.body, error);
    const Answer malformed = send("GET", routeUrl(m_lab->info(), QStringLiteral("GET /malformed")), {{"x-key", "k"}});
    QCOMPARE(malformed.status, 500);
    QCOMPARE(malformed.body, error);
    QCOMPARE(invocations(QStringLiteral("authEcho")), echoes);
}

// A request botocore signed with the emulator's default pair: the route runs and the event's
// requestContext.authorizer.iam matches AWS's samples.
void tst_HttpApiAuthorizers::iamSignedByBotocore()
{
    if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
        QSKIP("needs /usr/bin/python3 with botocore");
    const QString url = apiBase(m_lab->info()) + QStringLiteral("/iam/abc?parameter1=value1&parameter1=value2&parameter2=value");
    const Answer answer = sendSigned("POST", url, {}, "{\"a\": 1}");
    QVERIFY2(answer.status == 200, answer.body.constData());
    const QJsonObject event = answer.json().value(QStringLiteral("event")).toObject();
    const QJsonObject iam = event.value(QStringLiteral("requestContext")).toObject()
                                .value(QStringLiteral("authorizer")).toObject()
                                .value(QStringLiteral("iam")).toObject();
    QCOMPARE(iam.value(QStringLiteral("accessKey")).toString(), QStringLiteral("test"));
    QCOMPARE(iam.value(QStringLiteral("accountId")).toString(), QStringLiteral("123456789012"));
    QCOMPARE(iam.value(QStringLiteral("userArn")).toString(), QStringLiteral("arn:aws:iam::123456789012:user/gatehouse"));
    QVERIFY(iam.value(QStringLiteral("userId")).toString().startsWith(QLatin1String("AIDA")));
    QCOMPARE(iam.value(QStringLiteral("callerId")), iam.value(QStringLiteral("userId")));
    QVERIFY(iam.value(QStringLiteral("cognitoIdentity")).isNull());

    ShapeRules rules;
    rules.dataMaps = kAuthorizerDataMaps;
    rules.notEmulated = {QStringLiteral("requestContext.authentication"), QStringLiteral("stageVariables"),
                         QStringLiteral("cookies")}; // botocore's request sends no cookies
    // No AWS Organizations here; plain keys come from no identity pool.
    rules.nullable = {QStringLiteral("requestContext.authorizer.iam.principalOrgId"),
                      QStringLiteral("requestContext.authorizer.iam.cognitoIdentity")};
    for (const QString &file : {QStringLiteral("aws-lambda-go/apigw-v2-request-iam.json"),
                                QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/http-api-v2-request-iam-authorizer.json")}) {
        QStringList diffs;
        compareShape(event, sample(file), QString(), rules, &diffs);
        QVERIFY2(diffs.isEmpty(), qPrintable(file + QStringLiteral(": ") + diffs.join(QStringLiteral("; "))));
    }
}

// What API Gateway answers for IAM: 403 with its REST-JSON error bodies.
void tst_HttpApiAuthorizers::iamRefusals()
{
    const QString url = apiBase(m_lab->info()) + QStringLiteral("/iam/abc");
    const int echoes = invocations(QStringLiteral("authEcho"));
    const Answer unsigned_ = send("GET", url);
    QCOMPARE(unsigned_.status, 403);
    QCOMPARE(unsigned_.body, QByteArray("{\"message\":\"Missing Authentication Token\"}"));
    QCOMPARE(unsigned_.errorType, QByteArray("MissingAuthenticationTokenException"));

    const Answer wrongSecret = sendSigned("GET", url, {QStringLiteral("test"), QStringLiteral("not-the-secret"), QString()});
    QCOMPARE(wrongSecret.status, 403);
    QCOMPARE(wrongSecret.errorType, QByteArray("InvalidSignatureException"));
    QVERIFY2(wrongSecret.json().value(QStringLiteral("message")).toString().startsWith(
                 QLatin1String("The request signature we calculated does not match the signature you provided.")),
             wrongSecret.body.constData());

    const Answer unknownKey = sendSigned("GET", url, {QStringLiteral("AKIAUNKNOWNKEY000000"), QStringLiteral("x"), QString()});
    QCOMPARE(unknownKey.status, 403);
    QCOMPARE(unknownKey.errorType, QByteArray("UnrecognizedClientException"));
    QCOMPARE(unknownKey.body, QByteArray("{\"message\":\"The security token included in the request is invalid.\"}"));
    QCOMPARE(invocations(QStringLiteral("authEcho")), echoes);
}

// What the startup listing and GET / say a caller of each route must bring.
void tst_HttpApiAuthorizers::routeAuthorizationListed()
{
    QHash<QString, QString> byRoute;
    for (const Core::EmulatorRouteInfo &r : m_bakery->info().apis.at(0).routes)
        byRoute.insert(r.routeKey, r.authorization);
    QCOMPARE(byRoute.value(QStringLiteral("GET /snack")), QString());
    QCOMPARE(byRoute.value(QStringLiteral("GET /orders")),
             QStringLiteral("JWT authorizer CognitoAuthorizer ($request.header.Authorization)"));
    QCOMPARE(byRoute.value(QStringLiteral("GET /kitchen")),
             QStringLiteral("Lambda authorizer KitchenKeyAuthorizer ($request.header.x-bakery-key)"));
    QCOMPARE(byRoute.value(QStringLiteral("GET /deliveries")), QStringLiteral("AWS_IAM (SigV4 for execute-api)"));

    const Answer index = send("GET", m_bakery->info().baseUrl + QStringLiteral("/"));
    QCOMPARE(index.status, 200);
    bool found = false;
    for (const QJsonValue &route : index.json().value(QStringLiteral("apis")).toArray().at(0).toObject()
                                        .value(QStringLiteral("routes")).toArray()) {
        if (route.toObject().value(QStringLiteral("routeKey")).toString() == QLatin1String("GET /deliveries")) {
            QCOMPARE(route.toObject().value(QStringLiteral("authorization")).toString(),
                     QStringLiteral("AWS_IAM (SigV4 for execute-api)"));
            found = true;
        }
    }
    QVERIFY2(found, index.body.constData());
}

void tst_HttpApiAuthorizers::bakeryKitchen()
{
    const QString url = routeUrl(m_bakery->info(), QStringLiteral("GET /kitchen"));
    QVERIFY(!url.isEmpty());
    const Answer in = send("GET", url, {{"x-bakery-key", "warm-oven-42"}});
    QVERIFY2(in.status == 200, in.body.constData());
    QCOMPARE(in.json().value(QStringLiteral("staff")).toObject(),
             (QJsonObject{{QStringLiteral("role"), QStringLiteral("baker")}, {QStringLiteral("shift"), QStringLiteral("early")}}));
    const Answer out = send("GET", url, {{"x-bakery-key", "stale-bread"}});
    QCOMPARE(out.status, 403);
    QCOMPARE(out.body, QByteArray("{\"message\":\"Forbidden\"}"));
    QCOMPARE(send("GET", url).status, 401);
    // The deliveries need a signature; the emulator's own pair signs.
    const QString deliveries = routeUrl(m_bakery->info(), QStringLiteral("GET /deliveries"));
    QCOMPARE(send("GET", deliveries).status, 403);
    const Answer signedIn = sendSigned("GET", deliveries, {});
    QVERIFY2(signedIn.status == 200, signedIn.body.constData());
    QCOMPARE(signedIn.json().value(QStringLiteral("signedBy")).toString(),
             QStringLiteral("arn:aws:iam::123456789012:user/gatehouse"));
}

// The bakery's customer: ID token (AWS CLI, cognito-idp), identity pool credentials (AWS CLI,
// cognito-identity), then GET /deliveries signed with them by botocore.
void tst_HttpApiAuthorizers::bakeryDeliveriesWithIdentityPoolCredentials()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    GatehouseTest::AwsCli cli(m_bakery->info().baseUrl);
    const CognitoPoolConfig &pool = m_bakery->lab().userPools.at(0);
    const QJsonObject parameters{{QStringLiteral("USERNAME"), QStringLiteral("baker@example.com")},
                                 {QStringLiteral("PASSWORD"), QStringLiteral("Sourdough-2024")}};
    const GatehouseTest::AwsCli::Run signIn = cli.run(
        {QStringLiteral("cognito-idp"), QStringLiteral("initiate-auth"), QStringLiteral("--auth-flow"),
         QStringLiteral("USER_PASSWORD_AUTH"), QStringLiteral("--client-id"), pool.clients.at(0).clientId,
         QStringLiteral("--auth-parameters"), QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact))});
    QVERIFY2(signIn.exitCode == 0, signIn.err.constData());
    const QString idToken = signIn.json().value(QStringLiteral("AuthenticationResult")).toObject()
                                .value(QStringLiteral("IdToken")).toString();
    const QString provider = QStringLiteral("cognito-idp.us-east-1.amazonaws.com/") + pool.poolId;
    const QString login = provider + QLatin1Char('=') + idToken;
    const QString identityPoolId = m_bakery->lab().identityPools.at(0).identityPoolId;
    const GatehouseTest::AwsCli::Run getId = cli.run({QStringLiteral("cognito-identity"), QStringLiteral("get-id"),
                                                      QStringLiteral("--identity-pool-id"), identityPoolId,
                                                      QStringLiteral("--logins"), login});
    QVERIFY2(getId.exitCode == 0, getId.err.constData());
    const QString identityId = getId.json().value(QStringLiteral("IdentityId")).toString();
    const GatehouseTest::AwsCli::Run credentials =
        cli.run({QStringLiteral("cognito-identity"), QStringLiteral("get-credentials-for-identity"),
                 QStringLiteral("--identity-id"), identityId, QStringLiteral("--logins"), login});
    QVERIFY2(credentials.exitCode == 0, credentials.err.constData());
    const QJsonObject keys = credentials.json().value(QStringLiteral("Credentials")).toObject();
    const GatehouseTest::AwsCliCredentials session{keys.value(QStringLiteral("AccessKeyId")).toString(),
                                                   keys.value(QStringLiteral("SecretKey")).toString(),
                                                   keys.value(QStringLiteral("SessionToken")).toString()};

    const QString deliveries = routeUrl(m_bakery->info(), QStringLiteral("GET /deliveries"));
    const Answer answer = sendSigned("GET", deliveries, session);
    QVERIFY2(answer.status == 200, answer.body.constData());
    QCOMPARE(answer.json().value(QStringLiteral("identityId")).toString(), identityId);
    QVERIFY2(answer.json().value(QStringLiteral("signedBy")).toString().endsWith(QLatin1String("/CognitoIdentityCredentials")),
             answer.body.constData());

    // The whole requestContext.authorizer.iam, now with cognitoIdentity, against AWS's samples.
    const QJsonObject caller = answer.json().value(QStringLiteral("caller")).toObject();
    ShapeRules rules;
    rules.nullable = {QStringLiteral("principalOrgId")}; // no AWS Organizations here
    for (const QString &file : {QStringLiteral("aws-lambda-go/apigw-v2-request-iam.json"),
                                QStringLiteral("aws-lambda-dotnet/EventsTests.Shared/http-api-v2-request-iam-authorizer.json")}) {
        const QJsonObject theirs = sample(file).value(QStringLiteral("requestContext")).toObject()
                                       .value(QStringLiteral("authorizer")).toObject()
                                       .value(QStringLiteral("iam")).toObject();
        QStringList diffs;
        compareShape(caller, theirs, QString(), rules, &diffs);
        QVERIFY2(diffs.isEmpty(), qPrintable(file + QStringLiteral(": ") + diffs.join(QStringLiteral("; "))));
    }
    const QJsonObject cognito = caller.value(QStringLiteral("cognitoIdentity")).toObject();
    QCOMPARE(cognito.value(QStringLiteral("identityId")).toString(), identityId);
    QCOMPARE(cognito.value(QStringLiteral("identityPoolId")).toString(), identityPoolId);
    const QJsonArray amr = cognito.value(QStringLiteral("amr")).toArray();
    QCOMPARE(amr.size(), 3);
    QCOMPARE(amr.at(0).toString(), QStringLiteral("authenticated"));
    QCOMPARE(amr.at(1).toString(), provider);
    QVERIFY(amr.at(2).toString().startsWith(provider + QStringLiteral(":CognitoSignIn:")));
    QCOMPARE(caller.value(QStringLiteral("accessKey")).toString(), session.accessKeyId);
    QVERIFY(caller.value(QStringLiteral("callerId")).toString().endsWith(QLatin1String(":CognitoIdentityCredentials")));
    QVERIFY(caller.value(QStringLiteral("userId")).toString().startsWith(QLatin1String("AROA")));
    QVERIFY(!caller.value(QStringLiteral("userId")).toString().contains(QLatin1Char(':')));

    // Credentials another emulator never issued are refused.
    const Answer elsewhere = sendSigned("GET", apiBase(m_lab->info()) + QStringLiteral("/iam/abc"), session);
    QCOMPARE(elsewhere.status, 403);
    QCOMPARE(elsewhere.errorType, QByteArray("UnrecognizedClientException"));
}

QTEST_GUILESS_MAIN(tst_HttpApiAuthorizers)
#include "tst_httpapiauthorizers.moc"
