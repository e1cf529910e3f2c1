// HTTP API routes with payload format 1.0 (tests/data/labs/httpapi-v1): the event against
// AWS's HTTP API 1.0 sample (powertools' apiGatewayProxyEvent.json, the example of AWS's
// "Lambda proxy integrations for HTTP APIs" page) key for key, the event and response through
// the gateway with real Python handlers, the 1.0 response rules (multiValueHeaders over
// headers, a base64 body decoded, no inference: a malformed answer is a 500, as for 2.0), a Lambda
// authorizer's context in requestContext.authorizer, a 2.0 route of the same API unchanged,
// the template reader's words for other versions, and curl as a client we did not write.
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"
#include "core/emulator/restapievent.h"

#include <QDir>
#include <QFile>
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
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QJsonObject readSample(const QString &relative)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/") + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

// QJsonObject sorts its keys; the order the event has on the wire comes from the raw text.
QStringList keysInOrder(const QByteArray &json, const QStringList &keys)
{
    QList<QPair<qsizetype, QString>> found;
    for (const QString &key : keys)
        found.append({json.indexOf(QByteArray("\"" + key.toUtf8() + "\":")), key});
    std::sort(found.begin(), found.end());
    QStringList out;
    for (const auto &f : found)
        out.append(f.second);
    return out;
}

} // namespace

class tst_HttpApiV1 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void templateReading();
    void otherVersionsRefused();
    void eventMatchesSample();
    void eventThroughGateway();
    void v2RouteUnchanged();
    void multiValueAndBase64Response();
    void malformedResponse_data();
    void malformedResponse();
    void lambdaAuthorizerContext();
    void curlClient();

private:
    Answer send(const QByteArray &method, const QString &pathInApi, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                const QByteArray &body = QByteArray());
    QString url(const QString &pathInApi) const;

    std::unique_ptr<Emulator::Emulator> m_emulator;
    QNetworkAccessManager m_network;
    QString m_baseUrl;
};

void tst_HttpApiV1::initTestCase()
{
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/httpapi-v1");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QCOMPARE(m_emulator->info().apis.size(), 1);
    m_baseUrl = m_emulator->info().apis.at(0).pathStyleUrl;
    QVERIFY(m_baseUrl.startsWith(QLatin1String("http://127.0.0.1:")));
}

void tst_HttpApiV1::cleanupTestCase()
{
    m_emulator.reset();
}

QString tst_HttpApiV1::url(const QString &pathInApi) const
{
    return m_baseUrl + pathInApi;
}

Answer tst_HttpApiV1::send(const QByteArray &method, const QString &pathInApi,
                           const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QNetworkRequest request{QUrl(url(pathInApi), QUrl::StrictMode)};
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(60000);
    Answer out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.headers = reply->rawHeaderPairs();
    out.body = reply->readAll();
    reply->deleteLater();
    return out;
}

void tst_HttpApiV1::templateReading()
{
    const LabDefinition lab = LabLoader::load(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/httpapi-v1"));
    QVERIFY(!lab.hasErrors());
    QCOMPARE(lab.httpApis.size(), 1);
    QMap<QString, QString> versions;
    for (const HttpRouteConfig &route : lab.httpApis.at(0).routes)
        versions.insert(route.routeKey, route.payloadFormatVersion);
    QCOMPARE(versions.value(QStringLiteral("GET /v1/items/{id}")), QStringLiteral("1.0"));
    QCOMPARE(versions.value(QStringLiteral("GET /v1/guarded")), QStringLiteral("1.0"));
    QCOMPARE(versions.value(QStringLiteral("GET /v2/items/{id}")), QStringLiteral("2.0"));
    QCOMPARE(versions.value(QStringLiteral("GET /v2/shaped")), QStringLiteral("2.0")); // none written: 2.0
}

// Anything but "1.0" and "2.0" is refused where it was written, naming both.
void tst_HttpApiV1::otherVersionsRefused()
{
    for (const QByteArray &version : {QByteArray("\"3.0\""), QByteArray("\"1\""), QByteArray("v1")}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("lab/src")));
        QFile file(dir.path() + QStringLiteral("/lab/template.yaml"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Transform: AWS::Serverless-2016-10-31\n\nResources:\n"
                   "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
                   "      Handler: app.echo\n      Runtime: python3.12\n      Events:\n        E:\n"
                   "          Type: HttpApi\n          Properties:\n            PayloadFormatVersion: "
                   + version + "\n");
        file.close();
        const LabDefinition lab = LabLoader::load(dir.path() + QStringLiteral("/lab"));
        QStringList all;
        bool found = false;
        for (const LabDiagnostic &d : lab.diagnostics) {
            all.append(d.toString());
            if (d.severity == LabDiagnostic::Severity::Error && d.message.contains(QLatin1String("invalid PayloadFormatVersion"))
                && d.message.contains(QLatin1String("write \"1.0\"")) && d.message.contains(QLatin1String("\"2.0\""))) {
                found = true;
                QCOMPARE(d.line, 14);
                QCOMPARE(d.column, 35);
            }
        }
        QVERIFY2(found, QByteArray(version + ": " + all.join(QLatin1Char('\n')).toUtf8()).constData());
    }
}

// The sample's request rebuilt and sent through the builder: the same keys in the same order,
// the same values where the request decides them. Differences from REST's 1.0 event, as AWS's
// HTTP API page shows them: "version" first, requestContext.authorizer {claims, scopes} for a
// JWT authorizer, stage "$default" with no stage in the path, resourceId null.
void tst_HttpApiV1::eventMatchesSample()
{
    const QJsonObject sample = readSample(QStringLiteral("powertools-lambda-python/apiGatewayProxyEvent.json"));
    QVERIFY(!sample.isEmpty());
    const QJsonObject src = sample.value(QStringLiteral("requestContext")).toObject();

    Core::HttpRequest request;
    request.method = "GET";
    request.path = "/my/path";
    request.query = "parameter1=value1&parameter1=value2&parameter2=value";
    request.httpMajor = 1;
    request.httpMinor = 1;
    request.headers.add("Header1", "value1");
    request.headers.add("Header2", "value1");
    request.headers.add("Header2", "value2");
    request.headers.add("Origin", "https://aws.amazon.com");
    request.headers.add("User-Agent", "user-agent");
    request.body = "Hello from Lambda!";
    request.headers.add("Content-Type", "text/plain");
    HttpApiEventContext context;
    context.apiId = src.value(QStringLiteral("apiId")).toString();
    context.stage = src.value(QStringLiteral("stage")).toString();
    context.domainName = src.value(QStringLiteral("domainName")).toString();
    context.domainPrefix = src.value(QStringLiteral("domainPrefix")).toString();
    context.routeKey = QStringLiteral("GET /my/path");
    context.requestId = src.value(QStringLiteral("requestId")).toString();
    context.accountId = src.value(QStringLiteral("accountId")).toString();
    context.timeEpochMs = qint64(src.value(QStringLiteral("requestTimeEpoch")).toDouble());
    context.jwtAuthorized = true;
    context.jwtClaims = {{QStringLiteral("sub"), QStringLiteral("1234")}};

    const QByteArray raw = RestApiEvent::buildForHttpApi(request, request.path, context);
    const QJsonObject event = QJsonDocument::fromJson(raw).object();
    QVERIFY2(!event.isEmpty(), raw.constData());
    QFile sampleFile(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/powertools-lambda-python/apiGatewayProxyEvent.json"));
    QVERIFY(sampleFile.open(QIODevice::ReadOnly));
    const QByteArray sampleRaw = sampleFile.readAll().replace(": ", ":");
    QCOMPARE(sortedKeys(event), sortedKeys(sample));
    QCOMPARE(keysInOrder(raw, event.keys()), keysInOrder(sampleRaw, sample.keys()));
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(sortedKeys(rc), sortedKeys(src));
    // requestContext's keys in the sample's order (authorizer after apiId): each key's first
    // place after "requestContext" is its own, as identity comes after accountId and apiId.
    QCOMPARE(keysInOrder(raw.mid(raw.indexOf("\"requestContext\":") + 17), rc.keys()),
             keysInOrder(sampleRaw.mid(sampleRaw.indexOf("\"requestContext\":") + 17), src.keys()));
    // identity: the sample's keys, less clientCert (mutual TLS, which the emulator has none of:
    // null). REST's identity adds apiKey/apiKeyId only for API keys, which HTTP APIs lack.
    const QJsonObject identity = rc.value(QStringLiteral("identity")).toObject();
    QCOMPARE(sortedKeys(identity), sortedKeys(src.value(QStringLiteral("identity")).toObject()));
    QVERIFY(identity.value(QStringLiteral("clientCert")).isNull());
    QCOMPARE(identity.value(QStringLiteral("userAgent")), src.value(QStringLiteral("identity")).toObject().value(QStringLiteral("userAgent")));

    // Values the request and context decide, equal to the sample's.
    // queryStringParameters is left out: the sample's parameter1 takes the first of its two
    // values, its Header2 the last; AWS documents the last for REST's 1.0 event and the
    // builder keeps that for both (checked below for the keys and the single values).
    const QJsonObject query = event.value(QStringLiteral("queryStringParameters")).toObject();
    QCOMPARE(sortedKeys(query), sortedKeys(sample.value(QStringLiteral("queryStringParameters")).toObject()));
    QCOMPARE(query.value(QStringLiteral("parameter2")).toString(), QStringLiteral("value"));
    QCOMPARE(query.value(QStringLiteral("parameter1")).toString(), QStringLiteral("value2"));
    for (const char *key : {"version", "resource", "path", "httpMethod", "multiValueQueryStringParameters", "pathParameters", "stageVariables", "body", "isBase64Encoded"})
        QVERIFY2(event.value(QLatin1String(key)) == sample.value(QLatin1String(key)), key);
    for (const char *key : {"accountId", "apiId", "domainName", "domainPrefix", "httpMethod", "path", "protocol",
                            "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage"})
        QVERIFY2(rc.value(QLatin1String(key)) == src.value(QLatin1String(key)), key);
    // authorizer: {claims, scopes} as the sample (whose values are null: no JWT there).
    const QJsonObject authorizer = rc.value(QStringLiteral("authorizer")).toObject();
    QCOMPARE(sortedKeys(authorizer), sortedKeys(src.value(QStringLiteral("authorizer")).toObject()));
    QCOMPARE(authorizer.value(QStringLiteral("claims")).toObject().value(QStringLiteral("sub")).toString(), QStringLiteral("1234"));
    QVERIFY(authorizer.value(QStringLiteral("scopes")).isNull());

    // Headers: HTTP APIs lower-case names; each of the sample's headers with its values.
    const QJsonObject headers = event.value(QStringLiteral("headers")).toObject();
    const QJsonObject multi = event.value(QStringLiteral("multiValueHeaders")).toObject();
    const QJsonObject sampleHeaders = sample.value(QStringLiteral("headers")).toObject();
    for (auto it = sampleHeaders.begin(); it != sampleHeaders.end(); ++it)
        QCOMPARE(headers.value(it.key().toLower()), it.value());
    const QJsonObject sampleMulti = sample.value(QStringLiteral("multiValueHeaders")).toObject();
    for (auto it = sampleMulti.begin(); it != sampleMulti.end(); ++it)
        QCOMPARE(multi.value(it.key().toLower()), it.value());
    for (const QString &name : headers.keys())
        QCOMPARE(name, name.toLower());
    QVERIFY(headers.contains(QStringLiteral("x-forwarded-proto")));
}

void tst_HttpApiV1::eventThroughGateway()
{
    const Answer answer = send("GET", QStringLiteral("/v1/items/box%20one?color=red&color=blue&single=1"),
                               {{"X-Twice", "a"}, {"User-Agent", "tst-httpapiv1"}});
    QVERIFY2(answer.status == 200, answer.body.constData());
    const QJsonObject event = answer.json();
    QCOMPARE(event.value(QStringLiteral("version")).toString(), QStringLiteral("1.0"));
    QCOMPARE(event.value(QStringLiteral("resource")).toString(), QStringLiteral("/v1/items/{id}"));
    QCOMPARE(event.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/items/box one"));
    QCOMPARE(event.value(QStringLiteral("httpMethod")).toString(), QStringLiteral("GET"));
    QVERIFY(!event.contains(QStringLiteral("rawPath")) && !event.contains(QStringLiteral("routeKey")));
    QCOMPARE(event.value(QStringLiteral("pathParameters")).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("box one"));
    QCOMPARE(event.value(QStringLiteral("queryStringParameters")).toObject().value(QStringLiteral("color")).toString(), QStringLiteral("blue"));
    QCOMPARE(event.value(QStringLiteral("multiValueQueryStringParameters")).toObject().value(QStringLiteral("color")).toArray(),
             QJsonArray({QStringLiteral("red"), QStringLiteral("blue")}));
    QCOMPARE(event.value(QStringLiteral("stageVariables")).toObject().value(QStringLiteral("shelf")).toString(), QStringLiteral("top"));
    QCOMPARE(event.value(QStringLiteral("headers")).toObject().value(QStringLiteral("x-twice")).toString(), QStringLiteral("a"));
    QVERIFY(event.value(QStringLiteral("body")).isNull());
    QCOMPARE(event.value(QStringLiteral("isBase64Encoded")).toBool(), false);
    const QJsonObject rc = event.value(QStringLiteral("requestContext")).toObject();
    QCOMPARE(rc.value(QStringLiteral("stage")).toString(), QStringLiteral("$default"));
    QCOMPARE(rc.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/items/box one"));
    QCOMPARE(rc.value(QStringLiteral("resourcePath")).toString(), QStringLiteral("/v1/items/{id}"));
    QCOMPARE(rc.value(QStringLiteral("apiId")).toString(), m_emulator->info().apis.at(0).apiId);
    QCOMPARE(rc.value(QStringLiteral("identity")).toObject().value(QStringLiteral("sourceIp")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(rc.value(QStringLiteral("identity")).toObject().value(QStringLiteral("userAgent")).toString(), QStringLiteral("tst-httpapiv1"));
    QVERIFY(!rc.contains(QStringLiteral("authorizer"))); // an open route
    QVERIFY(rc.value(QStringLiteral("requestTimeEpoch")).toDouble() > 1.7e12);

    // A binary body goes base64 (as 2.0 would), text stays text.
    const Answer binary = send("POST", QStringLiteral("/v1/items"), {{"Content-Type", "application/octet-stream"}},
                               QByteArray("\x00\xff\x10", 3));
    QVERIFY2(binary.status == 200, binary.body.constData());
    QCOMPARE(binary.json().value(QStringLiteral("isBase64Encoded")).toBool(), true);
    QCOMPARE(binary.json().value(QStringLiteral("body")).toString(), QStringLiteral("AP8Q"));
    const Answer text = send("POST", QStringLiteral("/v1/items"), {{"Content-Type", "application/json"}}, "{\"n\":1}");
    QCOMPARE(text.json().value(QStringLiteral("isBase64Encoded")).toBool(), false);
    QCOMPARE(text.json().value(QStringLiteral("body")).toString(), QStringLiteral("{\"n\":1}"));
}

// The 2.0 route beside them: the 2.0 event, and 2.0's inference of a bare answer.
void tst_HttpApiV1::v2RouteUnchanged()
{
    const Answer answer = send("GET", QStringLiteral("/v2/items/box?color=red&color=blue"));
    QVERIFY2(answer.status == 200, answer.body.constData());
    const QJsonObject event = answer.json();
    QCOMPARE(event.value(QStringLiteral("version")).toString(), QStringLiteral("2.0"));
    QCOMPARE(event.value(QStringLiteral("routeKey")).toString(), QStringLiteral("GET /v2/items/{id}"));
    QCOMPARE(event.value(QStringLiteral("rawQueryString")).toString(), QStringLiteral("color=red&color=blue"));
    QCOMPARE(event.value(QStringLiteral("queryStringParameters")).toObject().value(QStringLiteral("color")).toString(),
             QStringLiteral("red,blue"));
    QVERIFY(!event.contains(QStringLiteral("multiValueHeaders")) && !event.contains(QStringLiteral("httpMethod")));

    const Answer bare = send("GET", QStringLiteral("/v2/shaped?mode=bare"));
    QCOMPARE(bare.status, 200);
    QCOMPARE(bare.json().value(QStringLiteral("hello")).toString(), QStringLiteral("world"));
}

void tst_HttpApiV1::multiValueAndBase64Response()
{
    const Answer answer = send("GET", QStringLiteral("/v1/shaped?mode=multi"));
    QCOMPARE(answer.status, 201);
    QCOMPARE(answer.body, QByteArray("\x00\x01" "binary\xff", 9));
    QCOMPARE(answer.header("X-Single"), QByteArray("one"));
    // Qt joins repeated fields; curlClient() sees them as separate lines.
    QCOMPARE(answer.header("X-Multi"), QByteArray("a, b"));
    QCOMPARE(answer.header("X-Both"), QByteArray("m1, m2")); // multiValueHeaders win over headers
}

void tst_HttpApiV1::malformedResponse_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("no statusCode") << QStringLiteral("bare");
    QTest::newRow("statusCode a word") << QStringLiteral("status-word");
    QTest::newRow("headers a list") << QStringLiteral("headers-list");
    QTest::newRow("base64 that is not") << QStringLiteral("bad-base64");
}

void tst_HttpApiV1::malformedResponse()
{
    QFETCH(QString, mode);
    const Answer answer = send("GET", QStringLiteral("/v1/shaped?mode=") + mode);
    QCOMPARE(answer.status, 500); // as a malformed 2.0 answer: HTTP APIs answer their integration failures with 500
    QCOMPARE(answer.body, QByteArray("{\"message\":\"Internal Server Error\"}"));
    QVERIFY(answer.header("Content-Type").startsWith("application/json"));
}

// 1.0 spreads a Lambda authorizer's context over requestContext.authorizer (2.0 has it under
// authorizer.lambda); a refused caller never reaches the function.
void tst_HttpApiV1::lambdaAuthorizerContext()
{
    const Answer allowed = send("GET", QStringLiteral("/v1/guarded"), {{"x-key", "open-sesame"}});
    QVERIFY2(allowed.status == 200, allowed.body.constData());
    const QJsonObject authorizer = allowed.json().value(QStringLiteral("requestContext")).toObject()
                                       .value(QStringLiteral("authorizer")).toObject();
    QCOMPARE(authorizer.value(QStringLiteral("who")).toString(), QStringLiteral("key-check"));
    QCOMPARE(authorizer.value(QStringLiteral("level")).toInt(), 3);
    QVERIFY(!authorizer.contains(QStringLiteral("lambda")));
    QCOMPARE(send("GET", QStringLiteral("/v1/guarded"), {{"x-key", "wrong"}}).status, 403);
}

// curl, a client we did not write: the repeated header arrives as two fields, the binary body
// byte for byte, and a POST body reaches the 1.0 event.
void tst_HttpApiV1::curlClient()
{
    if (!QFile::exists(QStringLiteral("/usr/bin/curl")))
        QSKIP("/usr/bin/curl is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString headerFile = dir.filePath(QStringLiteral("headers.txt"));
    const QString bodyFile = dir.filePath(QStringLiteral("body.bin"));
    QProcess curl;
    curl.start(QStringLiteral("/usr/bin/curl"), {QStringLiteral("-sS"), QStringLiteral("-D"), headerFile, QStringLiteral("-o"),
                                                  bodyFile, url(QStringLiteral("/v1/shaped?mode=multi"))});
    // The emulator runs on this thread: wait with the event loop turning, never block it.
    QSignalSpy curlDone(&curl, &QProcess::finished);
    QVERIFY(curlDone.wait(60000));
    QVERIFY2(curl.exitCode() == 0, curl.readAllStandardError().constData());
    QFile headers(headerFile);
    QVERIFY(headers.open(QIODevice::ReadOnly));
    const QByteArray head = headers.readAll();
    QVERIFY2(head.startsWith("HTTP/1.1 201"), head.constData());
    QList<QByteArray> multi;
    QList<QByteArray> both;
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray l = line.trimmed();
        if (l.toLower().startsWith("x-multi:"))
            multi.append(l.mid(8).trimmed());
        if (l.toLower().startsWith("x-both:"))
            both.append(l.mid(7).trimmed());
    }
    QCOMPARE(multi, (QList<QByteArray>{"a", "b"}));
    QCOMPARE(both, (QList<QByteArray>{"m1", "m2"}));
    QFile body(bodyFile);
    QVERIFY(body.open(QIODevice::ReadOnly));
    QCOMPARE(body.readAll(), QByteArray("\x00\x01" "binary\xff", 9));

    QProcess post;
    post.start(QStringLiteral("/usr/bin/curl"), {QStringLiteral("-sS"), QStringLiteral("-H"), QStringLiteral("Content-Type: text/plain"),
                                                 QStringLiteral("--data-binary"), QStringLiteral("hello v1"),
                                                 url(QStringLiteral("/v1/items"))});
    QSignalSpy postDone(&post, &QProcess::finished);
    QVERIFY(postDone.wait(60000));
    QVERIFY2(post.exitCode() == 0, post.readAllStandardError().constData());
    const QJsonObject event = QJsonDocument::fromJson(post.readAllStandardOutput()).object();
    QCOMPARE(event.value(QStringLiteral("body")).toString(), QStringLiteral("hello v1"));
    QCOMPARE(event.value(QStringLiteral("httpMethod")).toString(), QStringLiteral("POST"));
    QVERIFY(event.value(QStringLiteral("headers")).toObject().value(QStringLiteral("user-agent")).toString().startsWith(QLatin1String("curl/")));
}

QTEST_GUILESS_MAIN(tst_HttpApiV1)
#include "tst_httpapiv1.moc"
