#include "core/requestspec.h"
#include "core/variables.h"

#include <QTemporaryDir>
#include <QProcess>
#include <QFile>
#include <QTest>

using namespace Gatehouse::Core;

class TestVariables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void substitute_data();
    void substitute();
    void unresolved_data();
    void unresolved();
    void loadFile_data();
    void loadFile();
    void malformedFile_data();
    void malformedFile();
    void missingFile();
    void requestSpec();
    void requestSpecErrors_data();
    void requestSpecErrors();
    void bearerAuth();
    void basicAuth();
    void apiKeyAuth();
    void formBody();
    void multipartBodyParsedByPython();
    void binaryBody();
    void bearerAuthErrors_data();
    void bearerAuthErrors();
};

namespace {

Environment devEnvironment()
{
    Environment env;
    env.name = QStringLiteral("dev");
    env.variables = {
        {QStringLiteral("host"), QStringLiteral("127.0.0.1:4577"), true, false},
        {QStringLiteral("id"), QStringLiteral("42"), true, false},
        {QStringLiteral("token"), QStringLiteral("old"), true, true},
        {QStringLiteral("token"), QStringLiteral("s3cret"), true, true},
        {QStringLiteral("off"), QStringLiteral("never"), false, false},
        {QStringLiteral("empty"), QString(), true, false},
    };
    return env;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(bytes);
    return path;
}

} // namespace

void TestVariables::substitute_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QStringLiteral("http://x/") << QStringLiteral("http://x/");
    QTest::newRow("one") << QStringLiteral("http://{{host}}/items") << QStringLiteral("http://127.0.0.1:4577/items");
    QTest::newRow("several and repeated") << QStringLiteral("{{id}}-{{host}}-{{id}}") << QStringLiteral("42-127.0.0.1:4577-42");
    QTest::newRow("spaces inside braces") << QStringLiteral("{{ id }}") << QStringLiteral("42");
    QTest::newRow("last definition wins") << QStringLiteral("Bearer {{token}}") << QStringLiteral("Bearer s3cret");
    QTest::newRow("empty value") << QStringLiteral("[{{empty}}]") << QStringLiteral("[]");
    QTest::newRow("unclosed braces left alone") << QStringLiteral("{{id") << QStringLiteral("{{id");
    QTest::newRow("single braces left alone") << QStringLiteral("{\"a\":{id}}") << QStringLiteral("{\"a\":{id}}");
}

void TestVariables::substitute()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const Result<QString> out = Gatehouse::Core::substitute(text, devEnvironment());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(*out, expected);
}

void TestVariables::unresolved_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("one") << QStringLiteral("http://{{base}}/x")
                         << QStringLiteral("{{base}} is not defined in environment 'dev'.");
    QTest::newRow("disabled counts as missing") << QStringLiteral("{{off}}")
                                                << QStringLiteral("{{off}} is not defined in environment 'dev'.");
    QTest::newRow("two, named once each") << QStringLiteral("{{a}}/{{host}}/{{b}}/{{a}}")
                                          << QStringLiteral("{{a}} and {{b}} are not defined in environment 'dev'.");
    QTest::newRow("three") << QStringLiteral("{{a}}{{b}}{{c}}")
                           << QStringLiteral("{{a}}, {{b}} and {{c}} are not defined in environment 'dev'.");
}

void TestVariables::unresolved()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<QString> out = Gatehouse::Core::substitute(text, devEnvironment());
    QVERIFY(!out.ok());
    QCOMPARE(out.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(out.error().message, message);
}

void TestVariables::loadFile_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QList<bool>>("enabled");

    // The shape Postman writes when exporting an environment.
    QTest::newRow("postman export") << QByteArray(R"({
  "id": "5b5c8f0e-2c1f-4a3b-9d2e-0f6a1c2b3d4e",
  "name": "dev",
  "values": [
    {"key": "host", "value": "localhost:4577", "type": "default", "enabled": true},
    {"key": "apiKey", "value": "abc", "type": "secret", "enabled": true},
    {"key": "old", "value": "x", "type": "default", "enabled": false},
    {"key": "retries", "value": 3}
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-01-01T00:00:00.000Z",
  "_postman_exported_using": "Postman/10.21.0"
})") << QStringLiteral("dev")
        << QStringList{QStringLiteral("host"), QStringLiteral("apiKey"), QStringLiteral("old"), QStringLiteral("retries")}
        << QStringList{QStringLiteral("localhost:4577"), QStringLiteral("abc"), QStringLiteral("x"), QStringLiteral("3")}
        << QList<bool>{true, true, false, true};
    QTest::newRow("flat object, order kept") << QByteArray(R"({"zeta": "1", "alpha": "two", "n": 64})")
                                             << QStringLiteral("staging")
                                             << QStringList{QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("n")}
                                             << QStringList{QStringLiteral("1"), QStringLiteral("two"), QStringLiteral("64")}
                                             << QList<bool>{true, true, true};
}

void TestVariables::loadFile()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, name);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, values);
    QFETCH(QList<bool>, enabled);
    QTemporaryDir dir;
    const Result<Environment> env = loadEnvironmentFile(writeFile(dir, QStringLiteral("staging.json"), contents));
    QVERIFY2(env.ok(), qPrintable(env.ok() ? QString() : env.error().message));
    QCOMPARE(env->name, name);
    QCOMPARE(env->variables.size(), keys.size());
    for (int i = 0; i < keys.size(); ++i) {
        QCOMPARE(env->variables.at(i).key, keys.at(i));
        QCOMPARE(env->variables.at(i).value, values.at(i));
        QCOMPARE(env->variables.at(i).enabled, enabled.at(i));
    }
}

void TestVariables::malformedFile_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing comma") << QByteArray("{\n  \"a\": \"1\"\n  \"b\": \"2\"\n}")
                                   << QStringLiteral("env.json: Line 3, column 3: expected ',' or '}' after an object member but found '\"'.");
    QTest::newRow("truncated") << QByteArray("{\"values\": [")
                               << QStringLiteral("env.json: Line 1, column 13: the document ends where a value should be.");
    QTest::newRow("not an object") << QByteArray("[1, 2]")
                                   << QStringLiteral("env.json: An environment file must hold a JSON object.");
    QTest::newRow("values not an array") << QByteArray(R"({"name": "x", "values": 3})")
                                         << QStringLiteral("env.json: \"values\" must be an array of {\"key\", \"value\"} objects.");
}

void TestVariables::malformedFile()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const Result<Environment> env = loadEnvironmentFile(writeFile(dir, QStringLiteral("env.json"), contents));
    QVERIFY(!env.ok());
    QCOMPARE(env.error().message, message);
}

void TestVariables::missingFile()
{
    const Result<Environment> env = loadEnvironmentFile(QStringLiteral("/nonexistent/env.json"));
    QVERIFY(!env.ok());
    QCOMPARE(env.error().code, ErrorCode::Io);
    QVERIFY(env.error().message.contains(QStringLiteral("/nonexistent/env.json")));
}

void TestVariables::requestSpec()
{
    RequestSpec spec;
    spec.method = QStringLiteral("PATCH");
    spec.url = QStringLiteral("http://{{host}}/items/{{id}}?q=a%20b");
    spec.headers = {{true, QStringLiteral("Authorization"), QStringLiteral("Bearer {{token}}")},
                    {false, QStringLiteral("X-Off"), QStringLiteral("{{undefinedButDisabled}}")},
                    {true, QStringLiteral("X-Id"), QStringLiteral("{{id}}")}};
    spec.bodyKind = BodyKind::Json;
    spec.body = QStringLiteral("{\"id\": {{id}}}");
    const Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY2(req.ok(), qPrintable(req.ok() ? QString() : req.error().message));
    QCOMPARE(req->method, QByteArray("PATCH"));
    QCOMPARE(req->url.toEncoded(), QByteArray("http://127.0.0.1:4577/items/42?q=a%20b"));
    QCOMPARE(req->headers.size(), 3);
    QCOMPARE(req->headers.fields().at(0).second, QByteArray("Bearer s3cret"));
    QCOMPARE(req->headers.fields().at(1).first, QByteArray("X-Id"));
    QCOMPARE(req->headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(req->body, QByteArray("{\"id\": 42}"));
}

void TestVariables::requestSpecErrors_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("no scheme") << QStringLiteral("GET") << QStringLiteral("{{host}}/x")
                               << QStringLiteral("URL '127.0.0.1:4577/x' has no scheme: start it with http:// or https://");
    QTest::newRow("other scheme") << QStringLiteral("GET") << QStringLiteral("ftp://h/x")
                                  << QStringLiteral("URL 'ftp://h/x' uses scheme 'ftp': only http:// and https:// are supported.");
    QTest::newRow("no host") << QStringLiteral("GET") << QStringLiteral("http:///x")
                             << QStringLiteral("URL 'http:///x' has no host.");
    QTest::newRow("empty url") << QStringLiteral("GET") << QStringLiteral(" ") << QStringLiteral("The URL is empty.");
    QTest::newRow("bad method") << QStringLiteral("GE T") << QStringLiteral("http://h/")
                                << QStringLiteral("Method 'GE T' contains ' ', which HTTP does not allow in a method.");
    QTest::newRow("unresolved everywhere") << QStringLiteral("GET") << QStringLiteral("http://{{base}}/{{id}}/{{x}}")
                                           << QStringLiteral("{{base}} and {{x}} are not defined in environment 'dev'.");
}

void TestVariables::requestSpecErrors()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, message);
    RequestSpec spec;
    spec.method = method;
    spec.url = url;
    const Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY(!req.ok());
    QCOMPARE(req.error().message, message);
}

void TestVariables::bearerAuth()
{
    RequestSpec spec;
    spec.url = QStringLiteral("http://{{host}}/orders");
    spec.auth.kind = AuthKind::Bearer;
    spec.auth.bearerToken = QStringLiteral(" Bearer {{token}} ");
    const Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY2(req.ok(), qPrintable(req.ok() ? QString() : req.error().message));
    QCOMPARE(req->headers.value("Authorization"), QByteArray("Bearer s3cret"));
    QVERIFY(spec.auth.withoutSecrets().bearerToken.isEmpty()); // never written to disk
}

void TestVariables::bearerAuthErrors_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("header");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << false << QStringLiteral("the token is empty");
    QTest::newRow("two words") << QStringLiteral("abc def") << false << QStringLiteral("spaces or line breaks");
    QTest::newRow("header too") << QStringLiteral("abc") << true << QStringLiteral("both an Authorization header");
    QTest::newRow("undefined variable") << QStringLiteral("{{nope}}") << false << QStringLiteral("{{nope}} is not defined");
}

void TestVariables::bearerAuthErrors()
{
    QFETCH(QString, token);
    QFETCH(bool, header);
    QFETCH(QString, message);
    RequestSpec spec;
    spec.url = QStringLiteral("http://h/");
    spec.auth.kind = AuthKind::Bearer;
    spec.auth.bearerToken = token;
    if (header)
        spec.headers = {{true, QStringLiteral("authorization"), QStringLiteral("Basic x")}};
    const Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY(!req.ok());
    QVERIFY2(req.error().message.contains(message), qPrintable(req.error().message));
}

void TestVariables::basicAuth()
{
    RequestSpec spec;
    spec.url = QStringLiteral("http://{{host}}/orders");
    spec.auth.kind = AuthKind::Basic;
    // RFC 7617, section 2: "Aladdin" / "open sesame" → QWxhZGRpbjpvcGVuIHNlc2FtZQ==
    spec.auth.basicUsername = QStringLiteral("Aladdin");
    spec.auth.basicPassword = QStringLiteral("open sesame");
    Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY(req.ok());
    QCOMPARE(req->headers.value("Authorization"), QByteArray("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    QVERIFY(spec.auth.withoutSecrets().basicPassword.isEmpty());
    QCOMPARE(spec.auth.withoutSecrets().basicUsername, QStringLiteral("Aladdin"));
    // A reference to a secret variable is not the secret: it is kept for saving and resolved to send.
    spec.auth.basicPassword = QStringLiteral("{{token}}");
    QCOMPARE(spec.auth.withoutSecrets().basicPassword, QStringLiteral("{{token}}"));
    req = spec.toClientRequest(devEnvironment());
    QCOMPARE(req->headers.value("Authorization"), "Basic " + QByteArray("Aladdin:s3cret").toBase64());
    spec.auth.basicUsername = QStringLiteral("a:b");
    req = spec.toClientRequest(devEnvironment());
    QVERIFY(!req.ok());
    QVERIFY(req.error().message.contains(QStringLiteral("contains ':'")));
    spec.auth.basicUsername = QStringLiteral("{{nobody}}");
    QVERIFY(spec.unresolvedVariables(devEnvironment()).contains(QStringLiteral("nobody")));
}

void TestVariables::apiKeyAuth()
{
    RequestSpec spec;
    spec.url = QStringLiteral("http://{{host}}/orders?limit=2");
    spec.auth.kind = AuthKind::ApiKey;
    spec.auth.apiKeyValue = QStringLiteral("{{token}}");
    Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY(req.ok());
    QCOMPARE(req->headers.value("x-api-key"), QByteArray("s3cret"));
    QCOMPARE(spec.auth.withoutSecrets().apiKeyValue, QStringLiteral("{{token}}"));
    spec.auth.apiKeyLocation = ApiKeyLocation::Query;
    spec.auth.apiKeyName = QStringLiteral("api key");
    spec.auth.apiKeyValue = QStringLiteral("a&b=c");
    req = spec.toClientRequest(devEnvironment());
    QVERIFY(req.ok());
    QCOMPARE(req->url.toString(QUrl::FullyEncoded), QStringLiteral("http://127.0.0.1:4577/orders?limit=2&api%20key=a%26b%3Dc"));
    QVERIFY(!req->headers.contains("x-api-key"));
    QVERIFY(spec.auth.withoutSecrets().apiKeyValue.isEmpty());
    spec.auth.apiKeyValue.clear();
    QVERIFY(!spec.toClientRequest(devEnvironment()).ok());
    spec.auth.apiKeyLocation = ApiKeyLocation::Header;
    spec.auth.apiKeyName = QStringLiteral("X-Api-Key");
    spec.auth.apiKeyValue = QStringLiteral("k");
    spec.headers.append({true, QStringLiteral("x-api-key"), QStringLiteral("other")});
    req = spec.toClientRequest(devEnvironment());
    QVERIFY(!req.ok());
    QVERIFY(req.error().message.contains(QStringLiteral("same name")));
}

void TestVariables::formBody()
{
    RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("http://{{host}}/orders");
    spec.bodyKind = BodyKind::Form;
    spec.formFields = {{true, QStringLiteral("name"), QStringLiteral("Ann Baker"), false},
                       {true, QStringLiteral("note"), QStringLiteral("a&b=c~*.-_"), false},
                       {false, QStringLiteral("off"), QStringLiteral("never"), false},
                       {true, QStringLiteral("bread"), QStringLiteral("Br\u00f6tchen"), false},
                       {true, QStringLiteral("id"), QStringLiteral("{{id}}"), false}};
    const Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY(req.ok());
    // WHATWG's application/x-www-form-urlencoded serializer: *-._ and alphanumerics stay,
    // space is '+', everything else (including '~') is percent-encoded UTF-8.
    QCOMPARE(req->body, QByteArray("name=Ann+Baker&note=a%26b%3Dc%7E*.-_&bread=Br%C3%B6tchen&id=42"));
    QCOMPARE(req->headers.value("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    spec.formFields.append({true, QStringLiteral("photo"), QStringLiteral("/tmp/x.png"), true});
    const Result<HttpClientRequest> refused = spec.toClientRequest(devEnvironment());
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.contains(QStringLiteral("Multipart")));
    spec.formFields.last().value = QStringLiteral("{{nowhere}}");
    QVERIFY(spec.unresolvedVariables(devEnvironment()).contains(QStringLiteral("nowhere")));
}

void TestVariables::multipartBodyParsedByPython()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("loaf \"1\".png"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray png("\x89PNG\r\n\x1a\n\0\x01\x02\r\n--not-a-boundary", 25);
    file.write(png);
    file.close();
    RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("http://{{host}}/upload");
    spec.bodyKind = BodyKind::Multipart;
    spec.formFields = {{true, QStringLiteral("name"), QStringLiteral("Ann {{id}}"), false},
                       {true, QStringLiteral("photo"), path, true},
                       {false, QStringLiteral("off"), QStringLiteral("never"), false}};
    const Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY2(req.ok(), qPrintable(req.ok() ? QString() : req.error().message));
    const QByteArray type = req->headers.value("Content-Type");
    QVERIFY(type.startsWith("multipart/form-data; boundary="));

    // Python's email package (a MIME parser we did not write) reads the parts back.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, email, email.policy\n"
                                 "raw = sys.stdin.buffer.read()\n"
                                 "msg = email.message_from_bytes(raw, policy=email.policy.HTTP)\n"
                                 "for part in msg.iter_parts():\n"
                                 "    print(part.get_param('name', header='content-disposition'), "
                                 "part.get_filename(), part.get_content_type(), part.get_payload(decode=True).hex())\n")});
    python.write("Content-Type: " + type + "\r\nMIME-Version: 1.0\r\n\r\n" + req->body);
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    const QList<QByteArray> lines = python.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), "name None text/plain " + QByteArray("Ann 42").toHex());
    QCOMPARE(lines.at(1), "photo loaf %221%22.png image/png " + png.toHex());
}

void TestVariables::binaryBody()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("body.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\0\1\2bytes", 8));
    file.close();
    RequestSpec spec;
    spec.method = QStringLiteral("PUT");
    spec.url = QStringLiteral("http://{{host}}/blob");
    spec.bodyKind = BodyKind::Binary;
    spec.bodyFile = file.fileName();
    Result<HttpClientRequest> req = spec.toClientRequest(devEnvironment());
    QVERIFY(req.ok());
    QCOMPARE(req->body, QByteArray("\0\1\2bytes", 8));
    QCOMPARE(req->headers.value("Content-Type"), QByteArray("application/octet-stream"));
    spec.bodyFile = dir.filePath(QStringLiteral("missing.bin"));
    req = spec.toClientRequest(devEnvironment());
    QVERIFY(!req.ok());
    QVERIFY(req.error().message.contains(QStringLiteral("Could not read the file")));
}

QTEST_GUILESS_MAIN(TestVariables)
#include "tst_variables.moc"
