#include "core/emulator/httpapievent.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
using Json = nlohmann::ordered_json;

namespace {

Json readSample(const QString &relative)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/") + relative);
    if (!file.open(QIODevice::ReadOnly))
        return Json();
    QByteArray data = file.readAll();
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    return Json::parse(data.toStdString());
}

QString q(const Json &j)
{
    return QString::fromStdString(j.get<std::string>());
}

QStringList keysOf(const Json &object, const QStringList &skip = {})
{
    QStringList keys;
    for (const auto &item : object.items()) {
        if (!skip.contains(QString::fromStdString(item.key())))
            keys.append(QString::fromStdString(item.key()));
    }
    return keys;
}

// The request a client would have sent to produce `sample`, and API Gateway's facts about it.
Core::HttpRequest requestFor(const Json &sample, HttpApiEventContext *context)
{
    const Json &rc = sample["requestContext"];
    Core::HttpRequest request;
    request.method = QByteArray::fromStdString(rc["http"]["method"].get<std::string>());
    request.path = QByteArray::fromStdString(sample["rawPath"].get<std::string>());
    request.query = QByteArray::fromStdString(sample["rawQueryString"].get<std::string>());
    request.target = request.path + (request.query.isEmpty() ? QByteArray() : '?' + request.query);
    request.peerAddress = QHostAddress(q(rc["http"]["sourceIp"]));
    request.localPort = 443;
    for (const auto &[name, value] : sample["headers"].items()) {
        const QByteArray n = QByteArray::fromStdString(name);
        if (n == "x-forwarded-for" || n == "x-forwarded-port" || n == "x-forwarded-proto" || n == "content-length")
            continue; // added by API Gateway, not by the client
        for (const QByteArray &v : QByteArray::fromStdString(value.get<std::string>()).split(','))
            request.headers.add(n, v);
    }
    const QByteArray agent = QByteArray::fromStdString(rc["http"]["userAgent"].get<std::string>());
    if (!request.headers.contains("user-agent"))
        request.headers.add("User-Agent", agent); // some samples leave it out of headers
    if (sample.contains("cookies")) {
        QByteArrayList cookies;
        for (const Json &c : sample["cookies"])
            cookies.append(QByteArray::fromStdString(c.get<std::string>()));
        request.headers.add("Cookie", cookies.join("; "));
    }
    if (sample.contains("body")) {
        request.body = QByteArray::fromStdString(sample["body"].get<std::string>());
        request.headers.add("Content-Type", "application/json");
    }
    context->apiId = q(rc["apiId"]);
    context->stage = q(rc["stage"]);
    context->domainName = q(rc["domainName"]);
    context->domainPrefix = q(rc["domainPrefix"]);
    context->routeKey = q(sample["routeKey"]);
    context->requestId = q(rc["requestId"]);
    context->accountId = q(rc["accountId"]);
    context->timeEpochMs = rc["timeEpoch"].get<qint64>();
    for (const char *key : {"pathParameters", "stageVariables"}) {
        if (!sample.contains(key))
            continue;
        auto &list = std::string(key) == "pathParameters" ? context->pathParameters : context->stageVariables;
        for (const auto &[name, value] : sample[key].items())
            list.append({QString::fromStdString(name), q(value)});
    }
    return request;
}

} // namespace

class tst_HttpApiEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesSample_data();
    void matchesSample();
    void jwtAuthorizer_data();
    void jwtAuthorizer();
    void requestFields_data();
    void requestFields();
    void base64Body_data();
    void base64Body();
    void requestIdAndTime();
    void response_data();
    void response();
};

void tst_HttpApiEvent::matchesSample_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("consistentTime"); // the sample's time agrees with its timeEpoch
    QTest::addColumn<bool>("realHeaders");    // header names and API Gateway's own headers are real
    QTest::addColumn<QStringList>("placeholders"); // requestContext fields that disagree with the rest
    QTest::newRow("aws-lambda-go no authorizer") << "aws-lambda-go/apigw-v2-request-no-authorizer.json" << true << true << QStringList();
    QTest::newRow("powertools GET") << "powertools-lambda-python/apiGatewayProxyV2Event_GET.json" << false << false << QStringList();
    QTest::newRow("powertools POST") << "powertools-lambda-python/apiGatewayProxyV2Event.json" << false << false << QStringList();
    QTest::newRow("dotnet (BOM)") << "aws-lambda-dotnet/EventsTests.Shared/http-api-v2-request.json" << false << false
                                  << QStringList{QStringLiteral("routeKey")}; // "$default-route" vs "$default"
}

void tst_HttpApiEvent::matchesSample()
{
    QFETCH(QString, file);
    QFETCH(bool, consistentTime);
    QFETCH(bool, realHeaders);
    QFETCH(QStringList, placeholders);
    const Json sample = readSample(file);
    QVERIFY(sample.is_object());
    HttpApiEventContext context;
    const Core::HttpRequest request = requestFor(sample, &context);
    const Json event = Json::parse(HttpApiEvent::build(request, request.path, context).toStdString());

    // Same keys in the same order; authorizer, mTLS and routeId are features we do not emulate.
    QCOMPARE(keysOf(event), keysOf(sample));
    const QStringList notEmulated = {QStringLiteral("authentication"), QStringLiteral("authorizer"), QStringLiteral("routeId")};
    QCOMPARE(keysOf(event["requestContext"]), keysOf(sample["requestContext"], notEmulated));
    QCOMPARE(keysOf(event["requestContext"]["http"]), keysOf(sample["requestContext"]["http"]));

    for (const char *key : {"version", "routeKey", "rawPath", "rawQueryString", "cookies", "queryStringParameters",
                            "pathParameters", "stageVariables"}) {
        if (sample.contains(key))
            QVERIFY2(event[key] == sample[key], key);
    }
    if (sample["isBase64Encoded"] == false) {
        QVERIFY(event["isBase64Encoded"] == sample["isBase64Encoded"]);
        if (sample.contains("body"))
            QVERIFY(event["body"] == sample["body"]);
    }
    Json rc = sample["requestContext"];
    Json ours = event["requestContext"];
    for (const char *key : {"authentication", "authorizer", "routeId"})
        rc.erase(key);
    for (const QString &key : placeholders) {
        rc.erase(key.toStdString());
        ours.erase(key.toStdString());
    }
    if (!consistentTime)
        rc.erase("time");
    if (request.peerAddress.isNull())
        rc["http"].erase("sourceIp");
    if (!consistentTime)
        ours.erase("time");
    if (request.peerAddress.isNull())
        ours["http"].erase("sourceIp");
    QCOMPARE(QString::fromStdString(ours.dump()), QString::fromStdString(rc.dump()));

    QStringList ourNames;
    QStringList sampleNames;
    for (const auto &item : event["headers"].items())
        ourNames.append(QString::fromStdString(item.key()));
    for (const auto &item : sample["headers"].items())
        sampleNames.append(QString::fromStdString(item.key()).toLower());
    if (realHeaders) {
        QCOMPARE(ourNames, sampleNames);
        for (const auto &item : sample["headers"].items()) {
            if (item.key() != "x-forwarded-proto") // the emulator speaks plain http
                QCOMPARE(q(event["headers"][item.key()]), q(item.value()));
        }
        QCOMPARE(q(event["headers"]["x-forwarded-proto"]), QStringLiteral("http"));
    } else {
        for (const auto &item : sample["headers"].items())
            QCOMPARE(q(event["headers"][QString::fromStdString(item.key()).toLower().toStdString()]), q(item.value()));
    }
}

// requestContext.authorizer.jwt as in the samples of a route with a JWT authorizer, in the
// place the samples put it (after apiId and authentication, before domainName).
void tst_HttpApiEvent::jwtAuthorizer_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("checkOrder"); // the sample's requestContext keys are in AWS's order
    QTest::newRow("aws-lambda-go jwt authorizer") << "aws-lambda-go/apigw-v2-request-jwt-authorizer.json" << false;
    QTest::newRow("powertools POST") << "powertools-lambda-python/apiGatewayProxyV2Event.json" << true;
    QTest::newRow("dotnet (BOM)") << "aws-lambda-dotnet/EventsTests.Shared/http-api-v2-request.json" << true;
}

void tst_HttpApiEvent::jwtAuthorizer()
{
    QFETCH(QString, file);
    QFETCH(bool, checkOrder);
    const Json sample = readSample(file);
    QVERIFY(sample.is_object());
    HttpApiEventContext context;
    const Core::HttpRequest request = requestFor(sample, &context);
    context.jwtAuthorized = true;
    for (const auto &[name, value] : sample["requestContext"]["authorizer"]["jwt"]["claims"].items())
        context.jwtClaims.append({QString::fromStdString(name), q(value)});
    QStringList scopes;
    for (const Json &scope : sample["requestContext"]["authorizer"]["jwt"]["scopes"])
        scopes.append(q(scope));
    context.jwtScopes = scopes;
    const Json event = Json::parse(HttpApiEvent::build(request, request.path, context).toStdString());
    QCOMPARE(QString::fromStdString(event["requestContext"]["authorizer"].dump()),
             QString::fromStdString(sample["requestContext"]["authorizer"].dump()));
    if (checkOrder) {
        const QStringList notEmulated = {QStringLiteral("authentication"), QStringLiteral("routeId")};
        QCOMPARE(keysOf(event["requestContext"]), keysOf(sample["requestContext"], notEmulated));
    }

    context.jwtScopes.reset(); // a route without scopes: "scopes": null
    const Json noScopes = Json::parse(HttpApiEvent::build(request, request.path, context).toStdString());
    QVERIFY(noScopes["requestContext"]["authorizer"]["jwt"]["scopes"].is_null());
}

void tst_HttpApiEvent::requestFields_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QList<QByteArray>>("headers"); // "name: value"
    QTest::addColumn<QByteArray>("expectedQuery");   // queryStringParameters as JSON, "" = absent
    QTest::addColumn<QByteArray>("expectedCookies"); // cookies as JSON, "" = absent
    QTest::addColumn<QByteArray>("expectedHeader");  // "name=value" that must be in headers

    QTest::newRow("no query, no cookies") << QByteArray() << QList<QByteArray>{"Accept: */*"} << QByteArray()
                                          << QByteArray() << QByteArray("accept=*/*");
    QTest::newRow("repeated query keys joined") << QByteArray("size=large&size=small&x=1") << QList<QByteArray>{}
                                                << QByteArray(R"({"size":"large,small","x":"1"})") << QByteArray()
                                                << QByteArray("content-length=0");
    QTest::newRow("query values decoded") << QByteArray("q=hello%20world&plus=a+b&flag") << QList<QByteArray>{}
                                          << QByteArray(R"({"q":"hello world","plus":"a b","flag":""})")
                                          << QByteArray() << QByteArray("x-forwarded-proto=http");
    QTest::newRow("cookies split, header dropped")
        << QByteArray() << QList<QByteArray>{"Cookie: a=1; b=2", "Cookie: c=3"} << QByteArray()
        << QByteArray(R"(["a=1","b=2","c=3"])") << QByteArray("x-forwarded-port=4577");
    QTest::newRow("repeated headers comma-joined, names lower-cased")
        << QByteArray() << QList<QByteArray>{"X-Thing: one", "x-thing: two"} << QByteArray() << QByteArray()
        << QByteArray("x-thing=one,two");
    QTest::newRow("header bytes that are not UTF-8")
        << QByteArray() << QList<QByteArray>{"X-Name: caf\xe9"} << QByteArray() << QByteArray()
        << QByteArray("x-name=caf\xef\xbf\xbd");
    QTest::newRow("client x-forwarded-for extended")
        << QByteArray() << QList<QByteArray>{"X-Forwarded-For: 10.0.0.1"} << QByteArray() << QByteArray()
        << QByteArray("x-forwarded-for=10.0.0.1, 127.0.0.1");
}

void tst_HttpApiEvent::requestFields()
{
    QFETCH(QByteArray, query);
    QFETCH(QList<QByteArray>, headers);
    QFETCH(QByteArray, expectedQuery);
    QFETCH(QByteArray, expectedCookies);
    QFETCH(QByteArray, expectedHeader);

    Core::HttpRequest request;
    request.method = "GET";
    request.path = "/snack";
    request.query = query;
    request.peerAddress = QHostAddress(QStringLiteral("::ffff:127.0.0.1"));
    request.localPort = 4577;
    for (const QByteArray &h : headers) {
        const qsizetype colon = h.indexOf(':');
        request.headers.add(h.left(colon), h.mid(colon + 1).trimmed());
    }
    HttpApiEventContext context;
    context.apiId = QStringLiteral("abcdefghij");
    context.routeKey = QStringLiteral("GET /snack");
    context.requestId = HttpApiEvent::newRequestId();
    context.timeEpochMs = 1587481701067;
    const Json event = Json::parse(HttpApiEvent::build(request, request.path, context).toStdString());

    if (expectedQuery.isEmpty())
        QVERIFY(!event.contains("queryStringParameters"));
    else
        QCOMPARE(QByteArray::fromStdString(event["queryStringParameters"].dump()), expectedQuery);
    if (expectedCookies.isEmpty())
        QVERIFY(!event.contains("cookies"));
    else
        QCOMPARE(QByteArray::fromStdString(event["cookies"].dump()), expectedCookies);
    QVERIFY(!event["headers"].contains("cookie"));
    QCOMPARE(event["rawQueryString"].get<std::string>(), query.toStdString());
    const qsizetype eq = expectedHeader.indexOf('=');
    const std::string name = expectedHeader.left(eq).toStdString();
    QVERIFY2(event["headers"].contains(name), name.c_str());
    QCOMPARE(event["headers"][name].get<std::string>(), expectedHeader.mid(eq + 1).toStdString());
    QVERIFY(QRegularExpression(QStringLiteral("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$"))
                .match(q(event["headers"]["x-amzn-trace-id"])).hasMatch());
    QCOMPARE(q(event["requestContext"]["http"]["sourceIp"]), QStringLiteral("127.0.0.1"));
    QVERIFY(!event.contains("body"));
    QVERIFY(!event.contains("pathParameters"));
    QVERIFY(!event.contains("stageVariables"));
}

// Which bodies HTTP APIs base64-encode was observed on real AWS and reported in
// https://github.com/ministackorg/ministack/pull/766 (text/*, application/json, /xml and
// /javascript stay text; everything else, a missing Content-Type included, is base64).
void tst_HttpApiEvent::base64Body_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("base64");
    QTest::newRow("json text") << QByteArray("application/json") << QByteArray(R"({"a":1})") << false;
    QTest::newRow("plain text utf-8") << QByteArray("text/plain; charset=utf-8") << QByteArray("cr\xc3\xa8me") << false;
    QTest::newRow("no content type") << QByteArray() << QByteArray("hello") << true;
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << QByteArray("a=1&b=2") << true;
    QTest::newRow("javascript") << QByteArray("application/javascript") << QByteArray("let a = 1;") << false;
    QTest::newRow("invalid utf-8") << QByteArray("text/plain") << QByteArray("\xff\xfe\x00\x01", 4) << true;
    QTest::newRow("octet-stream") << QByteArray("application/octet-stream") << QByteArray("abc") << true;
    QTest::newRow("image") << QByteArray("image/png") << QByteArray("\x89PNG", 4) << true;
    QTest::newRow("vendor json") << QByteArray("application/vnd.api+json") << QByteArray("{}") << true;
    QTest::newRow("xml, upper case") << QByteArray("Application/XML") << QByteArray("<a/>") << false;
}

void tst_HttpApiEvent::base64Body()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, base64);
    Core::HttpRequest request;
    request.method = "POST";
    request.path = "/echo";
    request.body = body;
    if (!contentType.isEmpty())
        request.headers.add("Content-Type", contentType);
    HttpApiEventContext context;
    context.routeKey = QStringLiteral("POST /echo");
    const Json event = Json::parse(HttpApiEvent::build(request, request.path, context).toStdString());
    QCOMPARE(event["isBase64Encoded"].get<bool>(), base64);
    const QByteArray sent = QByteArray::fromStdString(event["body"].get<std::string>());
    QCOMPARE(base64 ? QByteArray::fromBase64(sent) : sent, body);
    QCOMPARE(q(event["headers"]["content-length"]), QString::number(body.size()));
}

void tst_HttpApiEvent::requestIdAndTime()
{
    const QRegularExpression form(QStringLiteral("^[A-Za-z0-9_-]{15}=$"));
    const Json sample = readSample(QStringLiteral("aws-lambda-go/apigw-v2-request-no-authorizer.json"));
    QVERIFY(form.match(q(sample["requestContext"]["requestId"])).hasMatch());
    const QString a = HttpApiEvent::newRequestId();
    QVERIFY2(form.match(a).hasMatch(), qPrintable(a));
    QVERIFY(a != HttpApiEvent::newRequestId());
    QCOMPARE(HttpApiEvent::formatRequestTime(sample["requestContext"]["timeEpoch"].get<qint64>()),
             q(sample["requestContext"]["time"]));
    QCOMPARE(HttpApiEvent::formatRequestTime(0), QStringLiteral("01/Jan/1970:00:00:00 +0000"));
}

void tst_HttpApiEvent::response_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("status");
    QTest::addColumn<QList<QByteArray>>("headers"); // "name: value", in order
    QTest::addColumn<QByteArray>("body");

    const QByteArray serverError = R"({"message":"Internal Server Error"})";
    const QList<QByteArray> json = {"Content-Type: application/json"};
    QTest::newRow("structured") << QByteArray(R"({"statusCode":201,"headers":{"content-type":"text/plain","x-n":5},"body":"made"})")
                                << 201 << QList<QByteArray>{"content-type: text/plain", "x-n: 5"} << QByteArray("made");
    QTest::newRow("structured, cookies") << QByteArray(R"({"statusCode":200,"cookies":["a=1; Path=/","b=2"],"body":""})")
                                         << 200 << QList<QByteArray>{"Set-Cookie: a=1; Path=/", "Set-Cookie: b=2"} << QByteArray();
    QTest::newRow("structured, base64 body") << QByteArray(R"({"statusCode":200,"isBase64Encoded":true,"body":"iVBORw=="})")
                                             << 200 << QList<QByteArray>{} << QByteArray::fromBase64("iVBORw==");
    QTest::newRow("structured, multiValueHeaders") << QByteArray(R"({"statusCode":204,"multiValueHeaders":{"x-a":["1","2"]}})")
                                                   << 204 << QList<QByteArray>{"x-a: 1", "x-a: 2"} << QByteArray();
    QTest::newRow("inferred object") << QByteArray(R"({"snack":"scone"})") << 200 << json << QByteArray(R"({"snack":"scone"})");
    QTest::newRow("inferred string") << QByteArray(R"("hello")") << 200 << json << QByteArray(R"("hello")");
    QTest::newRow("inferred number") << QByteArray("42") << 200 << json << QByteArray("42");
    QTest::newRow("inferred null") << QByteArray("null") << 200 << json << QByteArray("null");
    QTest::newRow("malformed statusCode") << QByteArray(R"({"statusCode":"ok"})") << 500 << json << serverError;
    QTest::newRow("malformed headers") << QByteArray(R"({"statusCode":200,"headers":["x"]})") << 500 << json << serverError;
    QTest::newRow("malformed body") << QByteArray(R"({"statusCode":200,"body":{"a":1}})") << 500 << json << serverError;
    QTest::newRow("malformed base64") << QByteArray(R"({"statusCode":200,"isBase64Encoded":true,"body":"*"})") << 500 << json << serverError;
    QTest::newRow("not json") << QByteArray("{oops") << 500 << json << serverError;
}

void tst_HttpApiEvent::response()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, status);
    QFETCH(QList<QByteArray>, headers);
    QFETCH(QByteArray, body);
    const Core::HttpResponse r = HttpApiEvent::interpretResponse(payload);
    QCOMPARE(r.status, status);
    QList<QByteArray> got;
    for (const auto &[name, value] : r.headers.fields())
        got.append(name + ": " + value);
    QCOMPARE(got, headers);
    QCOMPARE(r.body, body);
}

QTEST_GUILESS_MAIN(tst_HttpApiEvent)
#include "tst_httpapievent.moc"
