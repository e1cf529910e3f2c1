// Import (cURL, Postman v2.1, OpenAPI 3.0 / Swagger 2.0, the emulator's index) and export
// (cURL, HAR). Fixtures in tests/data/import: browsers' "Copy as cURL" forms, the OpenAPI
// Initiative's Petstore documents (copied unchanged), a hand-written Postman v2.1 collection.
#include "core/collection/collectionedit.h"
#include "core/import/curlexport.h"
#include "core/import/curlimport.h"
#include "core/import/documentimport.h"
#include "core/import/emulatorimport.h"
#include "core/import/harexport.h"
#include "core/import/openapiimport.h"
#include "core/import/postmanimport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Import;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/import/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

QString header(const RequestSpec &spec, const QString &name)
{
    for (const HeaderEntry &h : spec.headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return QStringLiteral("<none>");
}

const ImportedRequest *named(const ImportResult &result, const QString &name)
{
    for (const ImportedRequest &r : result.requests) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

bool mentions(const ImportResult &result, const QString &text)
{
    for (const ImportProblem &p : result.problems) {
        if (p.message.contains(text))
            return true;
    }
    return false;
}

QString allProblems(const ImportResult &result)
{
    QStringList lines;
    for (const ImportProblem &p : result.problems)
        lines << p.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class tst_Import : public QObject
{
    Q_OBJECT

private slots:
    // cURL
    void curlChromeBash();
    void curlChromeAnsiC();
    void curlFirefox();
    void curlChromeCmd();
    void curlMalformed();
    void curlConverterFixtures_data();
    void curlConverterFixtures();
    void curlMethod_data();
    void curlMethod();
    void curlOptions();
    // Postman
    void postmanCollection();
    void postmanBadJson();
    // OpenAPI / Swagger
    void petstore_data();
    void petstore();
    void petstorePathParameterToFill();
    void openApiJsonLayouts();
    void openApiPartial();
    void openApiFormBodies_data();
    void openApiFormBodies();
    void openApiBrokenYaml();
    void openApiCycles();
    void openApiNotADocument();
    // emulator
    void emulatorIndex();
    // export
    void curlExportQuotingAndSecrets();
    void curlExportRoundTrip();
    void curlExportSigV4();
    void curlExportBasicAndApiKey();
    void truncatedInputsNeverCrash();
    void detectFormat_data();
    void detectFormat();
    void harExport();
};

void tst_Import::curlChromeBash()
{
    const ImportResult result =
        importCurl(QString::fromUtf8(fixture(QStringLiteral("curl-chrome-bash.txt"))),
                   QStringLiteral("chrome.txt"));
    QCOMPARE(result.requests.size(), 1);
    const RequestSpec &spec = result.requests.first().spec;
    QCOMPARE(spec.method, QStringLiteral("POST"));
    QCOMPARE(spec.url, QStringLiteral("https://api.example.com/v1/items?page=2"));
    QCOMPARE(spec.body, QStringLiteral("{\"name\":\"it's\",\"qty\":2}"));
    QCOMPARE(spec.bodyKind, BodyKind::Json);
    QCOMPARE(header(spec, QStringLiteral("content-type")), QStringLiteral("application/json"));
    QCOMPARE(header(spec, QStringLiteral("user-agent")),
             QStringLiteral("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
                            "Gecko) Chrome/120.0.0.0 Safari/537.36"));
    // Secrets leave the request: the token becomes Bearer auth with a secret variable.
    QCOMPARE(spec.auth.kind, AuthKind::Bearer);
    QCOMPARE(spec.auth.bearerToken, QStringLiteral("{{bearerToken}}"));
    QCOMPARE(header(spec, QStringLiteral("authorization")), QStringLiteral("<none>"));
    QCOMPARE(header(spec, QStringLiteral("cookie")), QStringLiteral("{{cookie}}"));
    QCOMPARE(result.secrets.value(QStringLiteral("bearerToken")),
             QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"));
    QCOMPARE(result.secrets.value(QStringLiteral("cookie")),
             QStringLiteral("session=abc123; theme=dark"));
    QVERIFY(result.variables.isEmpty());
    QVERIFY(mentions(result, QStringLiteral("secret variable {{cookie}}")));
    QVERIFY(!result.hasErrors());
    QCOMPARE(result.requests.first().name, QStringLiteral("POST /v1/items"));
}

void tst_Import::curlChromeAnsiC()
{
    const ImportResult result =
        importCurl(QString::fromUtf8(fixture(QStringLiteral("curl-chrome-ansi.txt"))));
    QCOMPARE(result.requests.size(), 1);
    QCOMPARE(result.requests.first().spec.body,
             QStringLiteral("{\"note\":\"line1\\nline2\",\"snow\":\"") + QChar(0x2603) +
                 QStringLiteral("\",\"quote\":\"it's\"}"));
    QCOMPARE(result.requests.first().spec.bodyKind, BodyKind::Json);
}

void tst_Import::curlFirefox()
{
    const ImportResult result =
        importCurl(QString::fromUtf8(fixture(QStringLiteral("curl-firefox.txt"))));
    QCOMPARE(result.requests.size(), 1);
    const RequestSpec &spec = result.requests.first().spec;
    QCOMPARE(spec.method, QStringLiteral("POST"));
    QCOMPARE(spec.body, QStringLiteral("user=ada&remember=on"));
    QCOMPARE(spec.bodyKind, BodyKind::Text);
    QCOMPARE(header(spec, QStringLiteral("Content-Type")),
             QStringLiteral("application/x-www-form-urlencoded; charset=UTF-8"));
    QCOMPARE(spec.headers.size(), 6); // Accept-Encoding left out: Qt negotiates and decodes
    QCOMPARE(result.problems.size(), 1);
    QVERIFY(mentions(result, QStringLiteral("Accept-Encoding is left out")));
}

void tst_Import::curlChromeCmd()
{
    const ImportResult result =
        importCurl(QString::fromUtf8(fixture(QStringLiteral("curl-chrome-cmd.txt"))));
    QVERIFY2(result.problems.isEmpty(), qPrintable(allProblems(result)));
    QCOMPARE(result.requests.size(), 1);
    const RequestSpec &spec = result.requests.first().spec;
    QCOMPARE(spec.url, QStringLiteral("https://api.example.com/v1/search?q=a&b=c"));
    QCOMPARE(spec.method, QStringLiteral("POST"));
    QCOMPARE(spec.body, QStringLiteral("{\"q\":\"100% sure\"}"));
    QCOMPARE(header(spec, QStringLiteral("accept")), QStringLiteral("application/json"));
}

void tst_Import::curlMalformed()
{
    const ImportResult result =
        importCurl(QString::fromUtf8(fixture(QStringLiteral("curl-malformed.txt"))),
                   QStringLiteral("malformed.txt"));
    // The first command still imports; the unknown option is a warning with its place.
    QCOMPARE(result.requests.size(), 1);
    QCOMPARE(result.requests.first().spec.url, QStringLiteral("https://example.com/ok"));
    QCOMPARE(result.problems.size(), 2);
    QCOMPARE(
        result.problems.at(0).toString(),
        QStringLiteral("malformed.txt:2:9: error: a double quote opened here is never closed"));
    QCOMPARE(
        result.problems.at(1).toString(),
        QStringLiteral("malformed.txt:1:29: warning: unknown curl option '--frobnicate' skipped"));
}

// curlconverter's fixtures, two of them Chrome's own "Copy as cURL" output.
void tst_Import::curlConverterFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("headers");
    QTest::newRow("Chrome POST") << "post_with_browser_headers.sh"
                                 << "POST"
                                 << "http://localhost:28139/ajax/demo_post.asp"
                                 << "" << 7;
    QTest::newRow("Chrome GET") << "get_with_browser_headers.sh"
                                << "GET"
                                << "http://localhost:28139/"
                                << "" << 6;
    QTest::newRow("\\' stays inside double quotes")
        << "post_escaped_single_quotes_in_double_quotes.sh"
        << "POST"
        << "http://localhost:28139/"
        << "foo=\\'bar\\'" << 1;
    QTest::newRow("-X GET with -d keeps GET") << "multiline_post_with_data.sh"
                                              << "GET"
                                              << "http://localhost:28139/echo/html/"
                                              << "msg1=value1&msg2=value2" << 2;
}

void tst_Import::curlConverterFixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, body);
    QFETCH(int, headers);
    const QString path = QStringLiteral("curlconverter/") + file;
    const ImportResult result = importCurl(QString::fromUtf8(fixture(path)), path);
    QCOMPARE(result.requests.size(), 1);
    const RequestSpec &spec = result.requests.first().spec;
    QCOMPARE(spec.method, method);
    QCOMPARE(spec.url, url);
    QCOMPARE(spec.body, body);
    QCOMPARE(spec.headers.size(), headers);
    QVERIFY(!result.hasErrors());
    if (spec.headers.size() > 5) { // the browser's session cookie is a secret variable now
        QCOMPARE(header(spec, QStringLiteral("Cookie")), QStringLiteral("{{cookie}}"));
        QVERIFY(result.secrets.value(QStringLiteral("cookie")).contains(QLatin1String("_ga")) ||
                result.secrets.value(QStringLiteral("cookie")).contains(QLatin1String("GeoIP")));
    }
}

void tst_Import::curlMethod_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("body");
    QTest::newRow("plain GET") << "curl example.com/a"
                               << "GET"
                               << "http://example.com/a"
                               << "";
    QTest::newRow("data means POST") << "curl -d a=1 -d b=2 https://x.test/"
                                     << "POST"
                                     << "https://x.test/"
                                     << "a=1&b=2";
    QTest::newRow("-G moves data to the query")
        << "curl -G -d q=1 --data-urlencode 'name=a b' https://x.test/s?x=0"
        << "GET"
        << "https://x.test/s?x=0&q=1&name=a%20b"
        << "";
    QTest::newRow("-X wins") << "curl -XPUT -d x https://x.test/"
                             << "PUT"
                             << "https://x.test/"
                             << "x";
    QTest::newRow("--request lower case") << "curl --request patch https://x.test/"
                                          << "PATCH"
                                          << "https://x.test/"
                                          << "";
    QTest::newRow("-I is HEAD") << "curl -sSI https://x.test/"
                                << "HEAD"
                                << "https://x.test/"
                                << "";
    QTest::newRow("--json") << "curl --json '{\"a\":1}' --url https://x.test/j"
                            << "POST"
                            << "https://x.test/j"
                            << "{\"a\":1}";
    QTest::newRow("-T is PUT") << "curl -T file.bin https://x.test/u"
                               << "PUT"
                               << "https://x.test/u"
                               << "";
    QTest::newRow("caret-quote inside a bash string") << "curl -d '{\"re\":\"^\"}' https://x.test/"
                                                      << "POST"
                                                      << "https://x.test/"
                                                      << "{\"re\":\"^\"}";
    QTest::newRow("fragment and comment") << "curl https://x.test/#frag # a comment"
                                          << "GET"
                                          << "https://x.test/#frag"
                                          << "";
    QTest::newRow("continuation lines") << "curl \\\n  -X DELETE \\\n  'https://x.test/items/1'"
                                        << "DELETE"
                                        << "https://x.test/items/1"
                                        << "";
    QTest::newRow("double quotes and escapes")
        << "curl \"https://x.test/\\$HOME\" -d \"say \\\"hi\\\"\""
        << "POST"
        << "https://x.test/$HOME"
        << "say \"hi\"";
}

void tst_Import::curlMethod()
{
    QFETCH(QString, command);
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, body);
    const ImportResult result = importCurl(command);
    QCOMPARE(result.requests.size(), 1);
    QCOMPARE(result.requests.first().spec.method, method);
    QCOMPARE(result.requests.first().spec.url, url);
    QCOMPARE(result.requests.first().spec.body, body);
}

void tst_Import::curlOptions()
{
    const ImportResult result =
        importCurl(QStringLiteral("curl -k -L -u ada:lovelace -A 'Agent/1' -e https://ref.test/ -b "
                                  "'a=1' -F 'photo=@me.jpg' -F caption=hi "
                                  "--max-time 5 --json '{}' https://x.test/form\n"
                                  "curl https://x.test/aws -H 'Authorization: AWS4-HMAC-SHA256 "
                                  "Credential=AKID/20240101/eu-west-1/execute-api/aws4_request, "
                                  "SignedHeaders=host, Signature=abc' -H 'X-Api-Key: k123'\n"
                                  "echo not curl"));
    QCOMPARE(result.requests.size(), 2);
    const RequestSpec &form = result.requests.at(0).spec;
    QVERIFY(form.followRedirects);
    QCOMPARE(form.timeoutMs, 5000);
    QCOMPARE(header(form, QStringLiteral("User-Agent")), QStringLiteral("Agent/1"));
    QCOMPARE(header(form, QStringLiteral("Referer")), QStringLiteral("https://ref.test/"));
    QCOMPARE(form.auth.kind, AuthKind::Basic);
    QCOMPARE(form.auth.basicUsername, QStringLiteral("ada"));
    QCOMPARE(form.auth.basicPassword, QStringLiteral("{{basicPassword}}"));
    QCOMPARE(result.secrets.value(QStringLiteral("basicPassword")), QStringLiteral("lovelace"));
    QCOMPARE(header(form, QStringLiteral("Accept")), QStringLiteral("application/json"));
    // -F beside --json: curl refuses to mix them, so the fields are left out, in words.
    QVERIFY(mentions(result, QStringLiteral("-F and -d together")));
    const ImportResult upload =
        importCurl(QStringLiteral("curl -F 'photo=@me.jpg;type=image/jpeg' -F caption=hi https://x.test/up"));
    QCOMPARE(upload.requests.size(), 1);
    const RequestSpec &multipart = upload.requests.at(0).spec;
    QCOMPARE(multipart.method, QStringLiteral("POST"));
    QCOMPARE(multipart.bodyKind, BodyKind::Multipart);
    QCOMPARE(multipart.formFields.size(), 2);
    QCOMPARE(multipart.formFields.at(0), (FormField{true, QStringLiteral("photo"), QStringLiteral("me.jpg"), true}));
    QCOMPARE(multipart.formFields.at(1), (FormField{true, QStringLiteral("caption"), QStringLiteral("hi"), false}));
    QVERIFY(mentions(upload, QStringLiteral("the options after ';' (type=image/jpeg) are left out")));
    QVERIFY(mentions(result, QStringLiteral("-k turns certificate checks off")));
    const RequestSpec &aws = result.requests.at(1).spec;
    QCOMPARE(aws.auth.kind, AuthKind::AwsSigV4);
    QCOMPARE(aws.auth.region, QStringLiteral("eu-west-1"));
    QCOMPARE(aws.auth.service, QStringLiteral("execute-api"));
    QCOMPARE(header(aws, QStringLiteral("Authorization")), QStringLiteral("<none>"));
    QCOMPARE(header(aws, QStringLiteral("X-Api-Key")), QStringLiteral("{{apiKey}}"));
    QVERIFY(mentions(result, QStringLiteral("'echo' is not a curl command")));
    // No secret value is left in any request.
    for (const ImportedRequest &r : result.requests) {
        for (const HeaderEntry &h : r.spec.headers) {
            QVERIFY(!h.value.contains(QLatin1String("lovelace")));
            QVERIFY(!h.value.contains(QLatin1String("k123")));
        }
    }
}

void tst_Import::postmanCollection()
{
    const ImportResult result =
        importPostman(fixture(QStringLiteral("postman-v2.1.json")), QStringLiteral("bakery.json"));
    QCOMPARE(result.name, QStringLiteral("Bakery API"));
    QCOMPARE(result.requests.size(), 6);
    QCOMPARE(result.variables.value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/abcdefghij"));
    QVERIFY(result.variables.contains(QStringLiteral("feedbackKey")));

    const ImportedRequest *snack = named(result, QStringLiteral("Get snack"));
    QVERIFY(snack);
    QCOMPARE(snack->folder, QStringList{QStringLiteral("Snacks")});
    QCOMPARE(snack->spec.url, QStringLiteral("{{baseUrl}}/snack?size=large"));
    QCOMPARE(snack->spec.headers.size(), 2);
    QVERIFY(!snack->spec.headers.at(1).enabled);
    // The collection's bearer token is inherited, as a secret variable.
    QCOMPARE(snack->spec.auth.kind, AuthKind::Bearer);
    QCOMPARE(snack->spec.auth.bearerToken, QStringLiteral("{{bearerToken}}"));
    QCOMPARE(result.secrets.value(QStringLiteral("bearerToken")),
             QStringLiteral("eyJhbGciOiJSUzI1NiJ9.collection-token"));

    QCOMPARE(named(result, QStringLiteral("Snack by id"))->spec.url,
             QStringLiteral("{{baseUrl}}/snacks/{{snackId}}"));

    const ImportedRequest *order = named(result, QStringLiteral("Place order"));
    QCOMPARE(order->folder, QStringList{QStringLiteral("Orders")});
    QCOMPARE(order->spec.method, QStringLiteral("POST"));
    QCOMPARE(order->spec.bodyKind, BodyKind::Json);
    QVERIFY(order->spec.body.contains(QStringLiteral("croissant")));
    // The folder's basic auth replaces the collection's bearer; the password is a secret.
    QCOMPARE(order->spec.auth.kind, AuthKind::Basic);
    QCOMPARE(order->spec.auth.basicUsername, QStringLiteral("baker"));
    QCOMPARE(order->spec.auth.basicPassword, QStringLiteral("{{basicPassword}}"));
    QCOMPARE(result.secrets.value(QStringLiteral("basicPassword")), QStringLiteral("s3cret!"));

    const ImportedRequest *feedback = named(result, QStringLiteral("Feedback form"));
    QCOMPARE(feedback->spec.body, QStringLiteral("rating=5&comment=warm%20%26%20flaky"));
    QCOMPARE(header(feedback->spec, QStringLiteral("Content-Type")),
             QStringLiteral("application/x-www-form-urlencoded"));
    QCOMPARE(feedback->spec.auth.kind, AuthKind::ApiKey);
    QCOMPARE(feedback->spec.auth.apiKeyName, QStringLiteral("X-Feedback-Key"));
    QCOMPARE(feedback->spec.auth.apiKeyLocation, ApiKeyLocation::Header);
    QCOMPARE(feedback->spec.auth.apiKeyValue, QStringLiteral("{{feedbackKey}}"));

    const ImportedRequest *upload = named(result, QStringLiteral("Upload photo"));
    QCOMPARE(upload->spec.bodyKind, BodyKind::Multipart);
    QCOMPARE(upload->spec.formFields.size(), 2);
    QCOMPARE(upload->spec.formFields.at(0),
             (FormField{true, QStringLiteral("photo"), QStringLiteral("/home/ada/croissant.jpg"), true}));
    QCOMPARE(upload->spec.formFields.at(1), (FormField{true, QStringLiteral("caption"), QStringLiteral("fresh"), false}));
    QCOMPARE(header(upload->spec, QStringLiteral("Authorization")), QStringLiteral("<none>"));

    const ImportedRequest *invoke = named(result, QStringLiteral("Invoke function"));
    QCOMPARE(invoke->folder, QStringList());
    QCOMPARE(invoke->spec.auth.kind, AuthKind::AwsSigV4);
    QCOMPARE(invoke->spec.auth.region, QStringLiteral("us-east-1"));
    QCOMPARE(invoke->spec.auth.service, QStringLiteral("lambda"));
    QVERIFY(invoke->spec.auth.secretAccessKey.isEmpty());
    QVERIFY(!result.secrets.values().contains(
        QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));

    QVERIFY(!named(result, QStringLiteral("Broken item")));
    QVERIFY(mentions(result, QStringLiteral("'Broken item' has no URL")));
    QVERIFY(mentions(result, QStringLiteral("'Orders/Place order': its scripts are not imported")));
    QVERIFY(mentions(result, QStringLiteral("AWS keys are not imported")));
    // Problems point at the item's line in the file.
    for (const ImportProblem &p : result.problems) {
        if (p.message.contains(QLatin1String("Broken item")))
            QCOMPARE(p.line, 267);
    }
}

void tst_Import::postmanBadJson()
{
    const ImportResult result = importPostman(
        QByteArray("{\n  \"info\": {\n    \"name\": \"x\",\n  }\n}"), QStringLiteral("bad.json"));
    QVERIFY(result.requests.isEmpty());
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().line, 4);
    QVERIFY(result.hasErrors());
    const ImportResult v1 =
        importPostman(QByteArray("{\"id\":\"1\",\"name\":\"old\",\"order\":[],\"requests\":[]}"));
    QVERIFY(mentions(v1, QStringLiteral("Postman collection v1")));
}

void tst_Import::petstore_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("OpenAPI 3.0 YAML") << "petstore-v3.0.yaml";
    QTest::newRow("Swagger 2.0 JSON") << "petstore-swagger-v2.0.json";
}

void tst_Import::petstore()
{
    QFETCH(QString, file);
    const ImportResult result = importOpenApi(fixture(file), file);
    QVERIFY2(result.problems.isEmpty(), qPrintable(allProblems(result)));
    QCOMPARE(result.name, QStringLiteral("Swagger Petstore"));
    QCOMPARE(result.variables.value(QStringLiteral("baseUrl")),
             QStringLiteral("http://petstore.swagger.io/v1"));
    QCOMPARE(result.requests.size(), 3);
    QStringList names, urls, methods;
    for (const ImportedRequest &r : result.requests) {
        names << r.name;
        urls << r.spec.url;
        methods << r.spec.method;
        QCOMPARE(r.folder, QStringList{QStringLiteral("pets")});
    }
    QCOMPARE(names, (QStringList{QStringLiteral("listPets"), QStringLiteral("createPets"),
                                 QStringLiteral("showPetById")}));
    QCOMPARE(methods,
             (QStringList{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("GET")}));
    QCOMPARE(urls,
             (QStringList{QStringLiteral("{{baseUrl}}/pets"), QStringLiteral("{{baseUrl}}/pets"),
                          QStringLiteral("{{baseUrl}}/pets/{{petId}}")}));
    QVERIFY(result.variables.contains(QStringLiteral("petId")));
    QCOMPARE(result.requests.at(0).description, QStringLiteral("List all pets"));
    // Every request resolves once baseUrl and petId have values.
    Environment env;
    env.variables = {{QStringLiteral("baseUrl"), result.variables.value(QStringLiteral("baseUrl"))},
                     {QStringLiteral("petId"), QStringLiteral("7")}};
    for (const ImportedRequest &r : result.requests)
        QVERIFY2(bool(r.spec.toClientRequest(env)), qPrintable(r.name));
    QCOMPARE(result.requests.at(2).spec.toClientRequest(env)->url.toString(),
             QStringLiteral("http://petstore.swagger.io/v1/pets/7"));
}

// Found by tst_petstore: petId has no example, and the empty variable the import listed made an
// imported collection send GET /v1/pets/ (API Gateway's own 404, which a run without tests
// counts as passed). A variable to fill in is written disabled, so a run names it instead.
void tst_Import::petstorePathParameterToFill()
{
    const ImportResult result = importOpenApi(fixture(QStringLiteral("petstore-v3.0.yaml")),
                                              QStringLiteral("petstore-v3.0.yaml"));
    QCOMPARE(result.toFill, QSet<QString>{QStringLiteral("petId")});
    QCOMPARE(result.variables.value(QStringLiteral("petId"), QStringLiteral("absent")), QString());

    const Collection::Collection collection = Collection::collectionFromImport(result);
    QCOMPARE(collection.variables,
             (QList<EnvironmentVariable>{
                 {QStringLiteral("baseUrl"), QStringLiteral("http://petstore.swagger.io/v1"), true, false},
                 {QStringLiteral("petId"), QString(), false, false}}));
    const QList<Collection::RequestRef> requests = Collection::requestsInOrder(collection.root);
    QCOMPARE(requests.size(), 3);
    const RequestSpec &show = requests.at(2).request->spec;
    QCOMPARE(show.url, QStringLiteral("{{baseUrl}}/pets/{{petId}}"));
    QCOMPARE(show.unresolvedVariables(Collection::variablesFor(collection.variables, {})),
             QStringList{QStringLiteral("petId")});
    Environment env;
    env.variables = {{QStringLiteral("petId"), QStringLiteral("2")}};
    const Environment filled = Collection::variablesFor(collection.variables, env);
    QVERIFY(show.unresolvedVariables(filled).isEmpty());
    QCOMPARE(show.toClientRequest(filled)->url.toString(),
             QStringLiteral("http://petstore.swagger.io/v1/pets/2"));

    // An example fills it: partial.yaml's orderId (example 42) stays enabled, itemId is to fill.
    const ImportResult exemplified = importOpenApi(fixture(QStringLiteral("partial.yaml")),
                                                   QStringLiteral("partial.yaml"));
    QCOMPARE(exemplified.toFill, QSet<QString>{QStringLiteral("itemId")});
    const QList<EnvironmentVariable> written = Collection::collectionFromImport(exemplified).variables;
    QVERIFY(written.contains(EnvironmentVariable{QStringLiteral("orderId"), QStringLiteral("42"), true, false}));
    QVERIFY(written.contains(EnvironmentVariable{QStringLiteral("itemId"), QString(), false, false}));
}

// yaml-cpp reads JSON too: minified and tab-indented files as editors and servers write them.
void tst_Import::openApiJsonLayouts()
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(fixture(QStringLiteral("petstore-swagger-v2.0.json")));
    QByteArray tabbed = doc.toJson(QJsonDocument::Indented);
    tabbed.replace("    ", "\t");
    for (const QByteArray &layout : {doc.toJson(QJsonDocument::Compact), tabbed}) {
        const ImportResult result = importOpenApi(layout);
        QVERIFY2(result.problems.isEmpty(), qPrintable(allProblems(result)));
        QCOMPARE(result.requests.size(), 3);
        QCOMPARE(result.requests.at(2).spec.url, QStringLiteral("{{baseUrl}}/pets/{{petId}}"));
    }
}

void tst_Import::openApiPartial()
{
    const ImportResult result =
        importOpenApi(fixture(QStringLiteral("partial.yaml")), QStringLiteral("partial.yaml"));
    QCOMPARE(result.variables.value(QStringLiteral("baseUrl")),
             QStringLiteral("https://shop.example.com/v2"));
    QCOMPARE(result.requests.size(), 5);
    const ImportedRequest *xml = named(result, QStringLiteral("putXml"));
    QVERIFY(xml->spec.body.isEmpty()); // no JSON skeleton in an XML body
    // The XML kind sends application/xml by itself, as the JSON kind does application/json.
    QCOMPARE(xml->spec.bodyKind, BodyKind::Xml);
    QCOMPARE(header(xml->spec, QStringLiteral("Content-Type")), QStringLiteral("<none>"));
    const ImportedRequest *item = named(result, QStringLiteral("getItem"));
    QVERIFY(item);
    QCOMPARE(item->folder, QStringList{QStringLiteral("orders")});
    QCOMPARE(item->spec.url,
             QStringLiteral("{{baseUrl}}/orders/{{orderId}}/items/{{itemId}}?expand=details"));
    QCOMPARE(result.variables.value(QStringLiteral("orderId")), QStringLiteral("42"));
    QCOMPARE(header(item->spec, QStringLiteral("X-Request-Id")), QString());
    QCOMPARE(item->spec.auth.kind, AuthKind::Bearer);
    QCOMPARE(item->spec.auth.bearerToken, QStringLiteral("{{bearerToken}}"));
    QVERIFY(result.secrets.contains(QStringLiteral("bearerToken")));

    const ImportedRequest *upload = named(result, QStringLiteral("upload"));
    QCOMPARE(upload->spec.bodyKind, BodyKind::Multipart); // a form with no fields named
    QVERIFY(upload->spec.formFields.isEmpty());
    QCOMPARE(upload->spec.auth.kind, AuthKind::ApiKey);
    QCOMPARE(upload->spec.auth.apiKeyName, QStringLiteral("X-Api-Key"));
    QCOMPARE(upload->spec.auth.apiKeyValue, QStringLiteral("{{apiKey}}"));

    const ImportedRequest *remote = named(result, QStringLiteral("putRemote"));
    QCOMPARE(remote->spec.auth.kind, AuthKind::None); // security: [] turns auth off
    QCOMPARE(remote->spec.bodyKind, BodyKind::None);  // its schema is in another file
    QVERIFY(remote->spec.body.isEmpty());

    const ImportedRequest *form = named(result, QStringLiteral("POST /forms"));
    QVERIFY(form);
    QCOMPARE(form->spec.bodyKind, BodyKind::Form);
    QCOMPARE(form->spec.formFields,
             (QList<FormField>{{true, QStringLiteral("name"), QStringLiteral("ada"), false},
                               {true, QStringLiteral("age"), QStringLiteral("0"), false}}));
    // The request sets Content-Type itself (with the boundary for multipart).
    QCOMPARE(header(form->spec, QStringLiteral("Content-Type")), QStringLiteral("<none>"));

    // What was skipped is reported with the line and column of the node.
    QStringList problems;
    for (const ImportProblem &p : result.problems)
        problems << p.toString();
    QVERIFY2(
        problems.contains(QStringLiteral(
            "partial.yaml:41:11: warning: getItem: cookie parameter 'session' is not imported")),
        qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(problems.contains(QStringLiteral(
                 "partial.yaml:62:13: warning: upload: the multipart/form-data body names no "
                 "fields; add them in the Body tab")),
             qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(problems.contains(QStringLiteral(
                 "partial.yaml:75:21: warning: $ref 'other.yaml#/components/schemas/Remote' "
                 "points outside this document; that part is skipped")),
             qPrintable(problems.join(QLatin1Char('\n'))));
}

// petstore's updatePetWithForm and uploadFile shapes (OpenAPI 3: urlencoded and multipart
// request bodies; Swagger 2: formData with type: file), and sending what was imported.
void tst_Import::openApiFormBodies_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("OpenAPI 3.0 requestBody") << "forms-v3.0.yaml";
    QTest::newRow("Swagger 2.0 formData") << "forms-swagger-v2.0.json";
}

void tst_Import::openApiFormBodies()
{
    QFETCH(QString, file);
    const ImportResult result = importOpenApi(fixture(file), file);
    QCOMPARE(result.requests.size(), 3);

    const ImportedRequest *update = named(result, QStringLiteral("updatePetWithForm"));
    QVERIFY(update);
    QCOMPARE(update->spec.bodyKind, BodyKind::Form);
    QCOMPARE(update->spec.formFields,
             (QList<FormField>{{true, QStringLiteral("name"), QStringLiteral("doggie"), false},
                               {true, QStringLiteral("status"), QStringLiteral("available"), false}}));
    Environment env;
    env.variables = {{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:9/v2")},
                     {QStringLiteral("petId"), QStringLiteral("7")}};
    const Result<HttpClientRequest> sent = update->spec.toClientRequest(env);
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().message));
    QCOMPARE(sent->body, QByteArray("name=doggie&status=available"));
    QCOMPARE(sent->headers.value("Content-Type"), QByteArray("application/x-www-form-urlencoded"));

    const ImportedRequest *upload = named(result, QStringLiteral("uploadFile"));
    QVERIFY(upload);
    QCOMPARE(upload->spec.bodyKind, BodyKind::Multipart);
    QCOMPARE(upload->spec.formFields,
             (QList<FormField>{{true, QStringLiteral("additionalMetadata"), QStringLiteral("front"), false},
                               {true, QStringLiteral("file"), QString(), true}}));
    QCOMPARE(header(upload->spec, QStringLiteral("Content-Type")), QStringLiteral("<none>"));

    // A file field in a urlencoded form cannot be sent; it is said where, not dropped.
    const ImportedRequest *mixed = named(result, QStringLiteral("urlencodedWithFile"));
    QVERIFY(mixed);
    if (file.endsWith(QLatin1String(".yaml"))) {
        QCOMPARE(mixed->spec.bodyKind, BodyKind::Form);
        QCOMPARE(mixed->spec.formFields.size(), 2);
        QCOMPARE(mixed->spec.formFields.at(1), (FormField{true, QStringLiteral("photo"), QString(), false}));
        QVERIFY2(allProblems(result).contains(
                     QStringLiteral("forms-v3.0.yaml:81:23: warning: urlencodedWithFile: 'photo' is a file, "
                                    "which a urlencoded form cannot send; imported as an empty text field")),
                 qPrintable(allProblems(result)));
    } else {
        // Swagger: a file parameter makes the body multipart whatever "consumes" lists.
        QCOMPARE(mixed->spec.bodyKind, BodyKind::Multipart);
        QCOMPARE(mixed->spec.formFields.at(1), (FormField{true, QStringLiteral("photo"), QString(), true}));
    }
}

void tst_Import::openApiBrokenYaml()
{
    const ImportResult result =
        importOpenApi(fixture(QStringLiteral("broken.yaml")), QStringLiteral("broken.yaml"));
    QVERIFY(result.requests.isEmpty());
    QCOMPARE(result.problems.size(), 1);
    const ImportProblem &p = result.problems.first();
    QCOMPARE(p.severity, ImportProblem::Severity::Error);
    // Line 8 is indented one space short; yaml-cpp notices where the next key starts.
    QCOMPARE(
        p.toString(),
        QStringLiteral("broken.yaml:9:6: error: not valid YAML or JSON: end of map not found"));
}

void tst_Import::openApiCycles()
{
    QElapsedTimer clock;
    clock.start();
    const ImportResult result =
        importOpenApi(fixture(QStringLiteral("cycle.yaml")), QStringLiteral("cycle.yaml"));
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(result.requests.size(), 2);
    const ImportedRequest *node = named(result, QStringLiteral("createNode"));
    const QJsonObject body = QJsonDocument::fromJson(node->spec.body.toUtf8()).object();
    QCOMPARE(body.value(QLatin1String("name")).toString(), QStringLiteral("root"));
    QVERIFY(body.value(QLatin1String("children")).isArray());
    QVERIFY(body.value(QLatin1String("children"))
                .toArray()
                .isEmpty()); // the recursion stops at the second visit
    QCOMPARE(node->spec.bodyKind, BodyKind::Json);
    QVERIFY(mentions(result, QStringLiteral("refers to itself in a loop")));
    QCOMPARE(named(result, QStringLiteral("createLoop"))->spec.bodyKind, BodyKind::None);
    // A relative server URL from a file has no host: baseUrl says so.
    QCOMPARE(result.variables.value(QStringLiteral("baseUrl")),
             QStringLiteral("http://localhost/api"));
    // The same document fetched from a URL resolves against it.
    const ImportResult fetched =
        importOpenApi(fixture(QStringLiteral("cycle.yaml")),
                      QStringLiteral("http://127.0.0.1:8080/docs/openapi.yaml"));
    QCOMPARE(fetched.variables.value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:8080/api"));
}

void tst_Import::openApiNotADocument()
{
    QVERIFY(mentions(importOpenApi(QByteArray("just: yaml\n")),
                     QStringLiteral("neither \"openapi\" nor \"swagger\"")));
    QVERIFY(importOpenApi(QByteArray("[1, 2")).hasErrors());
    QVERIFY(importOpenApi(QByteArray()).hasErrors());
}

void tst_Import::emulatorIndex()
{
    const QByteArray index =
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("service"), QStringLiteral("gatehouse-emulator")},
                {QStringLiteral("lab"), QStringLiteral("bakery")},
                {QStringLiteral("apis"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("apiId"), QStringLiteral("abcdefghij")},
                     {QStringLiteral("name"), QStringLiteral("ServerlessHttpApi")},
                     {QStringLiteral("url"),
                      QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/abcdefghij")},
                     {QStringLiteral("routes"),
                      QJsonArray{
                          QJsonObject{
                              {QStringLiteral("routeKey"), QStringLiteral("GET /snack")},
                              {QStringLiteral("function"), QStringLiteral("bakeryFunction")}},
                          QJsonObject{
                              {QStringLiteral("routeKey"), QStringLiteral("DELETE /items/{id}")},
                              {QStringLiteral("function"), QStringLiteral("f")}},
                          QJsonObject{{QStringLiteral("routeKey"), QStringLiteral("ANY /{proxy+}")},
                                      {QStringLiteral("function"), QStringLiteral("f")}}}}}}}})
            .toJson();
    const ImportResult result = importEmulatorIndex(index);
    QCOMPARE(result.name, QStringLiteral("bakery"));
    QCOMPARE(result.requests.size(), 3);
    QCOMPARE(result.requests.at(0).spec.url, QStringLiteral("{{baseUrl}}/snack"));
    QCOMPARE(result.requests.at(1).spec.method, QStringLiteral("DELETE"));
    QCOMPARE(result.requests.at(1).spec.url, QStringLiteral("{{baseUrl}}/items/{{id}}"));
    QCOMPARE(result.requests.at(2).spec.url, QStringLiteral("{{baseUrl}}/{{proxy}}"));
    QCOMPARE(result.requests.at(0).folder, QStringList{QStringLiteral("ServerlessHttpApi")});
    QCOMPARE(result.variables.value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/abcdefghij"));
    // Path parameters have no value in the index: to fill in, not sent empty.
    QCOMPARE(result.toFill, (QSet<QString>{QStringLiteral("id"), QStringLiteral("proxy")}));
    QVERIFY(importEmulatorIndex(QByteArray("{}")).hasErrors());
}

void tst_Import::curlExportQuotingAndSecrets()
{
    RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("{{baseUrl}}/notes?tag=a&b");
    spec.headers = {{true, QStringLiteral("X-Trace"), QStringLiteral("{{trace}}")},
                    {true, QStringLiteral("Cookie"), QStringLiteral("session=abc")},
                    {false, QStringLiteral("X-Off"), QStringLiteral("1")},
                    {true, QStringLiteral("X-Secret"), QStringLiteral("{{apiSecret}}")}};
    spec.body = QStringLiteral("{\"text\":\"it's\"}");
    spec.bodyKind = BodyKind::Json;
    spec.auth.kind = AuthKind::Bearer;
    spec.auth.bearerToken = QStringLiteral("eyJ.real.token");
    Environment env;
    env.variables = {{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:4577")},
                     {QStringLiteral("apiSecret"), QStringLiteral("hunter2"), true, true}};
    const CurlExport out = exportCurl(spec, env);
    QCOMPARE(
        out.command,
        QStringLiteral(
            "curl 'http://127.0.0.1:4577/notes?tag=a&b' -H 'X-Trace: {{trace}}' -H 'Cookie: "
            "{{cookie}}' "
            "-H 'X-Secret: {{apiSecret}}' -H 'Content-Type: application/json' "
            "-H 'Authorization: Bearer {{bearerToken}}' --data-raw '{\"text\":\"it'\\''s\"}'"));
    QVERIFY(!out.command.contains(QLatin1String("hunter2")));
    QVERIFY(!out.command.contains(QLatin1String("eyJ.real.token")));
    QVERIFY(!out.command.contains(QLatin1String("session=abc")));
    QCOMPARE(out.notes.size(), 3);
    QVERIFY(out.notes.first().contains(QStringLiteral("trace, apiSecret")));
    QCOMPARE(shellQuote(QStringLiteral("plain/path-1.0")), QStringLiteral("plain/path-1.0"));
    QCOMPARE(shellQuote(QString()), QStringLiteral("''"));
}

void tst_Import::curlExportRoundTrip()
{
    RequestSpec spec;
    spec.method = QStringLiteral("PATCH");
    spec.url = QStringLiteral("https://api.example.com/items/1?x=$y");
    spec.headers = {{true, QStringLiteral("Accept"), QStringLiteral("*/*")},
                    {true, QStringLiteral("Content-Type"), QStringLiteral("application/json")}};
    spec.body = QStringLiteral("{\"a\":\"b c\",\n \"q\":\"'\\\"\"}");
    spec.bodyKind = BodyKind::Json;
    spec.followRedirects = true;
    spec.timeoutMs = 2500;
    const ImportResult back = importCurl(exportCurl(spec).command);
    QVERIFY2(back.problems.isEmpty(), qPrintable(allProblems(back)));
    QCOMPARE(back.requests.size(), 1);
    const RequestSpec &again = back.requests.first().spec;
    QCOMPARE(again.method, spec.method);
    QCOMPARE(again.url, spec.url);
    QCOMPARE(again.headers, spec.headers);
    QCOMPARE(again.body, spec.body);
    QCOMPARE(again.followRedirects, true);
    QCOMPARE(again.timeoutMs, 2500);
    RequestSpec head;
    head.method = QStringLiteral("HEAD");
    head.url = QStringLiteral("https://x.test/");
    QCOMPARE(exportCurl(head).command, QStringLiteral("curl --head https://x.test/"));

    // Form bodies become curl's own form options; a text value never starts a file upload.
    RequestSpec form;
    form.method = QStringLiteral("POST");
    form.url = QStringLiteral("https://x.test/up");
    form.bodyKind = BodyKind::Form;
    form.formFields = {{true, QStringLiteral("name"), QStringLiteral("Ann Baker"), false}};
    QCOMPARE(exportCurl(form).command, QStringLiteral("curl https://x.test/up --data-urlencode 'name=Ann Baker'"));
    form.bodyKind = BodyKind::Multipart;
    form.formFields.append({true, QStringLiteral("photo"), QStringLiteral("/tmp/loaf.png"), true});
    form.formFields.append({true, QStringLiteral("at"), QStringLiteral("@not-a-file"), false});
    QCOMPARE(exportCurl(form).command,
             QStringLiteral("curl https://x.test/up --form-string 'name=Ann Baker' -F photo=@/tmp/loaf.png "
                            "--form-string at=@not-a-file"));
    form.bodyKind = BodyKind::Binary;
    form.bodyFile = QStringLiteral("/tmp/blob.bin");
    QCOMPARE(exportCurl(form).command,
             QStringLiteral("curl https://x.test/up -H 'Content-Type: application/octet-stream' --data-binary @/tmp/blob.bin"));
}

void tst_Import::curlExportSigV4()
{
    RequestSpec spec;
    spec.method = QStringLiteral("GET");
    spec.url = QStringLiteral("http://127.0.0.1:4577/2015-03-31/functions");
    spec.auth.kind = AuthKind::AwsSigV4;
    spec.auth.source = AwsCredentialSource::TemporaryCredentials;
    spec.auth.accessKeyId = QStringLiteral("ASIAEXAMPLE");
    spec.auth.secretAccessKey = QStringLiteral("secret-key");
    spec.auth.sessionToken = QStringLiteral("session-token");
    spec.auth.region = QStringLiteral("us-east-1");
    spec.auth.service = QStringLiteral("lambda");
    const CurlExport out = exportCurl(spec);
    QCOMPARE(
        out.command,
        QStringLiteral(
            "curl http://127.0.0.1:4577/2015-03-31/functions --aws-sigv4 aws:amz:us-east-1:lambda "
            "--user '{{accessKeyId}}:{{secretAccessKey}}' -H 'X-Amz-Security-Token: "
            "{{sessionToken}}'"));
    QVERIFY(!out.command.contains(QLatin1String("secret-key")));
    QVERIFY(!out.command.contains(QLatin1String("session-token")));
    QVERIFY(!out.command.contains(QLatin1String("ASIAEXAMPLE")));
    QCOMPARE(out.notes.size(), 1);
}

void tst_Import::detectFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ImportFormat>("format");
    QTest::addColumn<int>("requests");
    QTest::newRow("chrome bash") << "curl-chrome-bash.txt" << ImportFormat::Curl << 1;
    QTest::newRow("chrome cmd") << "curl-chrome-cmd.txt" << ImportFormat::Curl << 1;
    QTest::newRow("postman") << "postman-v2.1.json" << ImportFormat::Postman << 6;
    QTest::newRow("openapi yaml") << "petstore-v3.0.yaml" << ImportFormat::OpenApi << 3;
    QTest::newRow("swagger json") << "petstore-swagger-v2.0.json" << ImportFormat::OpenApi << 3;
    QTest::newRow("openapi with a comment first")
        << "bakery-openapi.yaml" << ImportFormat::OpenApi << 1;
    QTest::newRow("not importable") << "SOURCES.md" << ImportFormat::Unknown << 0;
}

void tst_Import::detectFormat()
{
    QFETCH(QString, file);
    QFETCH(ImportFormat, format);
    QFETCH(int, requests);
    QCOMPARE(detectImportFormat(fixture(file)), format);
    const ImportResult result = importDocument(fixture(file), file);
    QCOMPARE(result.requests.size(), requests);
    QCOMPARE(result.hasErrors(),
             format == ImportFormat::Unknown || format == ImportFormat::Postman);
}

// Every prefix of every fixture through every importer: problems, never a crash or a hang.
void tst_Import::truncatedInputsNeverCrash()
{
    const QStringList names = {QStringLiteral("curl-chrome-bash.txt"),
                               QStringLiteral("curl-chrome-cmd.txt"),
                               QStringLiteral("postman-v2.1.json"),
                               QStringLiteral("petstore-v3.0.yaml"),
                               QStringLiteral("petstore-swagger-v2.0.json"),
                               QStringLiteral("partial.yaml"),
                               QStringLiteral("cycle.yaml")};
    int imported = 0;
    for (const QString &name : names) {
        const QByteArray data = fixture(name);
        for (qsizetype n = 0; n <= data.size(); n += 13) {
            const QByteArray part = data.left(n);
            imported += int(importCurl(QString::fromUtf8(part)).requests.size());
            imported += int(importPostman(part).requests.size());
            imported += int(importOpenApi(part).requests.size());
            imported += int(importEmulatorIndex(part).requests.size());
        }
    }
    QVERIFY(imported > 0);
    // And a few hundred fixed-seed mutations: bytes replaced by quotes, braces, '$', '^', NUL.
    QRandomGenerator random(20261121);
    const QByteArray nasty("'\"{}[]$^\\:#\n\0-&|", 17);
    for (const QString &name : names) {
        const QByteArray data = fixture(name);
        for (int round = 0; round < 60; ++round) {
            QByteArray mutated = data;
            for (int k = 0; k < 4; ++k)
                mutated[random.bounded(int(mutated.size()))] =
                    nasty.at(random.bounded(int(nasty.size())));
            importCurl(QString::fromUtf8(mutated));
            importPostman(mutated);
            importOpenApi(mutated);
        }
    }
}

void tst_Import::curlExportBasicAndApiKey()
{
    RequestSpec spec;
    spec.url = QStringLiteral("https://x.test/a?b=1");
    spec.auth.kind = AuthKind::Basic;
    spec.auth.basicUsername = QStringLiteral("ada");
    spec.auth.basicPassword = QStringLiteral("lovelace");
    CurlExport out = exportCurl(spec);
    QCOMPARE(out.command,
             QStringLiteral("curl 'https://x.test/a?b=1' --user 'ada:{{basicPassword}}'"));
    QCOMPARE(out.notes.size(), 1);
    spec.auth.basicPassword = QStringLiteral("{{pw}}");
    QCOMPARE(exportCurl(spec).command,
             QStringLiteral("curl 'https://x.test/a?b=1' --user 'ada:{{pw}}'"));

    // And back: the import keeps the reference and the name.
    const ImportResult back = importCurl(exportCurl(spec).command);
    QCOMPARE(back.requests.first().spec.auth.kind, AuthKind::Basic);
    QCOMPARE(back.requests.first().spec.auth.basicUsername, QStringLiteral("ada"));
    QCOMPARE(back.requests.first().spec.auth.basicPassword, QStringLiteral("{{pw}}"));
    QVERIFY(back.secrets.isEmpty());

    spec.auth.kind = AuthKind::ApiKey;
    spec.auth.apiKeyName = QStringLiteral("x-api-key");
    spec.auth.apiKeyValue = QStringLiteral("k-123");
    out = exportCurl(spec);
    QCOMPARE(out.command, QStringLiteral("curl 'https://x.test/a?b=1' -H 'x-api-key: {{apiKey}}'"));
    spec.auth.apiKeyLocation = ApiKeyLocation::Query;
    spec.auth.apiKeyName = QStringLiteral("key");
    QCOMPARE(exportCurl(spec).command,
             QStringLiteral("curl 'https://x.test/a?b=1&key={{apiKey}}'"));
}

void tst_Import::harExport()
{
    HttpClientRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("https://api.example.com/x?a=1&X-Amz-Signature=deadbeef"));
    request.headers.add("Authorization", "Bearer secret-token");
    request.headers.add("Content-Type", "application/json");
    request.headers.add("X-Feedback-Key", "own-key-secret");
    request.body = "{\"k\":1}";
    HttpClientResponse response;
    response.status = 201;
    response.reason = "Created";
    response.headers.add("Content-Type", "application/octet-stream");
    response.headers.add("Set-Cookie", "sid=secret-cookie");
    response.body = QByteArray("\xff\x00\x01", 3);
    response.elapsedMs = 12;
    const QByteArray har =
        exportHar(request, response, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC),
                  {QStringLiteral("x-feedback-key")});
    QVERIFY(!har.contains("own-key-secret"));
    QVERIFY(!har.contains("secret-token"));
    QVERIFY(!har.contains("secret-cookie"));
    QVERIFY(!har.contains("deadbeef"));
    const QJsonObject log =
        QJsonDocument::fromJson(har).object().value(QLatin1String("log")).toObject();
    QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
    const QJsonObject entry = log.value(QLatin1String("entries")).toArray().first().toObject();
    QCOMPARE(entry.value(QLatin1String("startedDateTime")).toString(),
             QStringLiteral("2026-01-02T03:04:05.006Z"));
    const QJsonObject req = entry.value(QLatin1String("request")).toObject();
    QCOMPARE(req.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(req.value(QLatin1String("queryString")).toArray().size(), 2);
    QCOMPARE(
        req.value(QLatin1String("postData")).toObject().value(QLatin1String("text")).toString(),
        QStringLiteral("{\"k\":1}"));
    QCOMPARE(req.value(QLatin1String("headers"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("value"))
                 .toString(),
             QStringLiteral("[redacted]"));
    const QJsonObject res = entry.value(QLatin1String("response")).toObject();
    QCOMPARE(res.value(QLatin1String("status")).toInt(), 201);
    const QJsonObject content = res.value(QLatin1String("content")).toObject();
    QCOMPARE(content.value(QLatin1String("encoding")).toString(), QStringLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(content.value(QLatin1String("text")).toString().toLatin1()),
             response.body);
    QCOMPARE(entry.value(QLatin1String("timings")).toObject().value(QLatin1String("wait")).toInt(),
             12);
}

QTEST_GUILESS_MAIN(tst_Import)
#include "tst_import.moc"
