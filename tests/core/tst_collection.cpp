// Collections on disk: the file format byte for byte, secrets kept out, broken files reported
// by file, line and column while the rest loads, the JSONPath subset, file names from request
// names, assertions, and the runner against a canned HTTP server.
#include "core/collection/assertion.h"
#include "core/collection/collectionformat.h"
#include "core/collection/collectionrunner.h"
#include "core/collection/collectionstore.h"
#include "core/collection/jsonpath.h"
#include "core/collection/jsonvalue.h"
#include "fakeaws.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core::Collection;
using Gatehouse::Core::AuthKind;
using Gatehouse::Core::AwsCredentialSource;
using Gatehouse::Core::BodyKind;
using Gatehouse::Core::Environment;
using Gatehouse::Core::HttpClientResponse;
using Gatehouse::Core::RequestAuth;
using Gatehouse::Core::Result;

Q_DECLARE_METATYPE(Gatehouse::Core::Collection::RunReport)
Q_DECLARE_METATYPE(Gatehouse::Core::Collection::Assertion)

namespace {

const QString Bakery = QStringLiteral(GATEHOUSE_TEST_DATA "/collections/bakery");
const QString Broken = QStringLiteral(GATEHOUSE_TEST_DATA "/collections/broken");

// Relative path → bytes of every file below dir.
QMap<QString, QByteArray> filesBelow(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            files.insert(QDir(dir).relativeFilePath(path), file.readAll());
    }
    return files;
}

CollectionItem requestItem(const QString &name,
                           const QString &url = QStringLiteral("http://127.0.0.1:1/"))
{
    CollectionItem item;
    item.request.name = name;
    item.request.spec.url = url;
    return item;
}

Assertion statusIs(int status)
{
    Assertion assertion;
    assertion.status = status;
    return assertion;
}

Assertion jsonPathEquals(const QString &path, const QString &json)
{
    Assertion assertion;
    assertion.kind = Assertion::Kind::JsonPath;
    assertion.subject = path;
    assertion.expected = json;
    return assertion;
}

// Every kind of field the format has, with text that needs escaping.
Collection richCollection()
{
    Collection collection;
    collection.name = QStringLiteral("Rich \"quoted\" collection");
    collection.description = QStringLiteral("Line one\nline two\twith a tab, ünïcödé and \u2603");
    collection.variables = {
        {QStringLiteral("base"), QStringLiteral("http://127.0.0.1:4577"), true, false},
        {QStringLiteral("off"), QStringLiteral("x"), false, false},
        {QStringLiteral("token"), QString(), false, true}};
    collection.auth.kind = AuthKind::Bearer;
    collection.auth.bearerToken = QStringLiteral("{{token}}");

    CollectionItem first =
        requestItem(QStringLiteral("Create order"), QStringLiteral("{{base}}/orders"));
    first.request.spec.method = QStringLiteral("POST");
    first.request.spec.headers = {{true, QStringLiteral("X-A"), QStringLiteral("1")},
                                  {false, QStringLiteral("X-B"), QStringLiteral("\"two\"")}};
    first.request.spec.bodyKind = BodyKind::Json;
    first.request.spec.body = QStringLiteral("{\n  \"a\": \"\\\\ \\u0001\"\n}");
    first.request.spec.timeoutMs = 1500;
    first.request.spec.followRedirects = true;
    Assertion header;
    header.kind = Assertion::Kind::Header;
    header.check = Assertion::Check::Contains;
    header.subject = QStringLiteral("Content-Type");
    header.expected = QStringLiteral("json");
    Assertion exists = jsonPathEquals(QStringLiteral("$.items"), {});
    exists.check = Assertion::Check::Exists;
    exists.exists = false;
    first.request.tests = {statusIs(201), header,
                           jsonPathEquals(QStringLiteral("$.items[0]['id']"),
                                          QStringLiteral("{\"x\":[1, 2.50, null, true]}")),
                           exists};

    CollectionItem second = requestItem(QStringLiteral("Signed"));
    second.request.inheritAuth = false;
    second.request.spec.auth.kind = AuthKind::AwsSigV4;
    second.request.spec.auth.source = AwsCredentialSource::TemporaryCredentials;
    second.request.spec.auth.accessKeyId = QStringLiteral("ASIAEXAMPLE");
    second.request.spec.auth.secretAccessKey = QStringLiteral("{{awsSecret}}");
    second.request.spec.auth.sessionToken = QStringLiteral("{{awsSession}}");
    second.request.spec.auth.region = QStringLiteral("eu-west-1");

    CollectionItem folder;
    folder.kind = CollectionItem::Kind::Folder;
    folder.folder.name = QStringLiteral("Nested / folder");
    folder.folder.description = QStringLiteral("inside");
    CollectionItem none = requestItem(QStringLiteral("No auth"));
    none.request.inheritAuth = false;
    folder.folder.items.push_back(none);
    CollectionItem inner;
    inner.kind = CollectionItem::Kind::Folder;
    inner.folder.name = QStringLiteral("Deeper");
    inner.folder.items.push_back(requestItem(QStringLiteral("Leaf")));
    folder.folder.items.push_back(inner);

    CollectionItem basic = requestItem(QStringLiteral("Basic"));
    basic.request.inheritAuth = false;
    basic.request.spec.auth.kind = AuthKind::Basic;
    basic.request.spec.auth.basicUsername = QStringLiteral("baker");
    basic.request.spec.auth.basicPassword = QStringLiteral("{{bakerPassword}}");
    CollectionItem apiKey = requestItem(QStringLiteral("API key"));
    apiKey.request.inheritAuth = false;
    apiKey.request.spec.auth.kind = AuthKind::ApiKey;
    apiKey.request.spec.auth.apiKeyName = QStringLiteral("key");
    apiKey.request.spec.auth.apiKeyLocation = Gatehouse::Core::ApiKeyLocation::Query;
    apiKey.request.spec.auth.apiKeyValue = QStringLiteral("{{apiKey}}");

    collection.root.items = {first, folder, second, basic, apiKey};
    return collection;
}

} // namespace

class TestCollection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fixtureIsCanonical();
    void roundTripIsByteForByte();
    void keyOrderAndLayout();
    void formBodiesRoundTrip();
    void secretsRefused_data();
    void secretsRefused();
    void brokenFilesReportedRestLoads();
    void loadsOrderAndUnlisted();
    void brokenCollectionFileKeepsOrder();
    void staleFilesRemoved();
    void syntaxErrorPositions_data();
    void syntaxErrorPositions();
    void jsonPath_data();
    void jsonPath();
    void jsonPathErrors_data();
    void jsonPathErrors();
    void slugs_data();
    void slugs();
    void slugCollisions();
    void assertions_data();
    void assertions();
    void runnerRunsInOrder();
    void runnerNamesInheritedAuthVariables();
};

void TestCollection::initTestCase()
{
    qRegisterMetaType<RunReport>();
}

// The committed example is exactly what save writes: load it, save it, compare the bytes.
void TestCollection::fixtureIsCanonical()
{
    const Result<LoadedCollection> loaded = loadCollection(Bakery);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    for (const LoadProblem &problem : loaded->problems)
        qWarning("%s", qPrintable(problem.toString()));
    QVERIFY(loaded->problems.isEmpty());
    QCOMPARE(requestsInOrder(loaded->collection.root).size(), 3);
    QTemporaryDir dir;
    QVERIFY(saveCollection(loaded->collection, dir.path()).ok());
    const QMap<QString, QByteArray> expected = filesBelow(Bakery);
    const QMap<QString, QByteArray> actual = filesBelow(dir.path());
    QCOMPARE(actual.keys(), expected.keys());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(actual.value(it.key()), it.value());
}

void TestCollection::roundTripIsByteForByte()
{
    QTemporaryDir first;
    QTemporaryDir second;
    const Result<Collection> saved = saveCollection(richCollection(), first.path());
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    const Result<LoadedCollection> loaded = loadCollection(first.path());
    QVERIFY(loaded.ok());
    for (const LoadProblem &problem : loaded->problems)
        qWarning("%s", qPrintable(problem.toString()));
    QVERIFY(loaded->problems.isEmpty());
    QVERIFY(saveCollection(loaded->collection, second.path()).ok());
    const QMap<QString, QByteArray> a = filesBelow(first.path());
    QCOMPARE(a.size(), 9); // collection.json, 2 folder.json, 6 requests
    QCOMPARE(filesBelow(second.path()), a);

    // What was loaded is what was saved.
    const Collection &back = loaded->collection;
    const Collection original = *saved;
    QCOMPARE(back.name, original.name);
    QCOMPARE(back.description, original.description);
    QCOMPARE(back.variables, original.variables);
    QCOMPARE(back.auth, original.auth);
    const QList<RequestRef> was = requestsInOrder(original.root);
    const QList<RequestRef> is = requestsInOrder(back.root);
    QCOMPARE(is.size(), was.size());
    for (qsizetype i = 0; i < was.size(); ++i) {
        QCOMPARE(is.at(i).path, was.at(i).path);
        QCOMPARE(is.at(i).request->spec.headers, was.at(i).request->spec.headers);
        QCOMPARE(is.at(i).request->spec.body, was.at(i).request->spec.body);
        QCOMPARE(is.at(i).request->spec.auth, was.at(i).request->spec.auth);
        QCOMPARE(is.at(i).request->inheritAuth, was.at(i).request->inheritAuth);
        QCOMPARE(is.at(i).request->spec.timeoutMs, was.at(i).request->spec.timeoutMs);
        QCOMPARE(is.at(i).request->spec.followRedirects, was.at(i).request->spec.followRedirects);
    }
    QCOMPARE(is.at(0).request->tests.size(), 4);
    QCOMPARE(is.at(0).request->tests.at(2).expected,
             QStringLiteral("{\"x\": [1, 2.50, null, true]}"));

    // A second save into the same folder changes nothing.
    QVERIFY(saveCollection(loaded->collection, first.path()).ok());
    QCOMPARE(filesBelow(first.path()), a);
}

void TestCollection::formBodiesRoundTrip()
{
    for (const BodyKind kind : {BodyKind::Form, BodyKind::Multipart, BodyKind::Binary}) {
        CollectionRequest request;
        request.name = QStringLiteral("Upload");
        request.spec.method = QStringLiteral("POST");
        request.spec.url = QStringLiteral("http://x/upload");
        request.spec.bodyKind = kind;
        if (kind == BodyKind::Binary) {
            request.spec.bodyFile = QStringLiteral("{{dir}}/loaf.png");
        } else {
            request.spec.formFields = {{true, QStringLiteral("name"), QStringLiteral("Ann Baker"), false},
                                       {false, QStringLiteral("off"), QStringLiteral("x"), false}};
            if (kind == BodyKind::Multipart)
                request.spec.formFields.append({true, QStringLiteral("photo"), QStringLiteral("loaf.png"), true});
        }
        const Result<QByteArray> text = requestFileText(request);
        QVERIFY(text.ok());
        QList<LoadProblem> problems;
        const std::optional<CollectionRequest> read = parseRequestFile(*text, problems);
        QVERIFY2(read && problems.isEmpty(), text->constData());
        QCOMPARE(read->spec.bodyKind, kind);
        QCOMPARE(read->spec.formFields, request.spec.formFields);
        QCOMPARE(read->spec.bodyFile, request.spec.bodyFile);
        QCOMPARE(*requestFileText(*read), *text); // byte for byte
    }
    // A kind the format does not know is named.
    QList<LoadProblem> problems;
    parseRequestFile("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"http://x/\", \"body\": {\"kind\": \"yaml\"}}",
                     problems);
    QVERIFY(!problems.isEmpty());
    QVERIFY(problems.first().reason.contains(QStringLiteral("json, xml, text, form, multipart or binary")));
}

void TestCollection::keyOrderAndLayout()
{
    CollectionRequest request;
    request.name = QStringLiteral("Get");
    request.spec.url = QStringLiteral("http://x/");
    request.tests = {statusIs(200)};
    const Result<QByteArray> text = requestFileText(request);
    QVERIFY(text.ok());
    QCOMPARE(*text, QByteArray("{\n"
                               "  \"name\": \"Get\",\n"
                               "  \"method\": \"GET\",\n"
                               "  \"url\": \"http://x/\",\n"
                               "  \"headers\": [],\n"
                               "  \"body\": {\n"
                               "    \"kind\": \"none\",\n"
                               "    \"text\": \"\"\n"
                               "  },\n"
                               "  \"auth\": {\n"
                               "    \"kind\": \"inherit\"\n"
                               "  },\n"
                               "  \"timeoutMs\": 30000,\n"
                               "  \"followRedirects\": false,\n"
                               "  \"tests\": [\n"
                               "    {\"status\": 200}\n"
                               "  ]\n"
                               "}\n"));
    // Members written in another order load, and save back in the fixed order.
    QList<LoadProblem> problems;
    const std::optional<CollectionRequest> shuffled =
        parseRequestFile("{\"tests\": [{\"status\": 200}], \"url\": \"http://x/\", \"method\": "
                         "\"GET\", \"name\": \"Get\"}",
                         problems);
    QVERIFY(shuffled);
    QCOMPARE(*requestFileText(*shuffled), *text);
}

void TestCollection::secretsRefused_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("field");
    QTest::newRow("bearer token in clear") << 0 << QStringLiteral("bearer token");
    QTest::newRow("bearer token half variable") << 1 << QStringLiteral("bearer token");
    QTest::newRow("secret access key in clear") << 2 << QStringLiteral("secret access key");
    QTest::newRow("session token in clear") << 3 << QStringLiteral("session token");
    QTest::newRow("collection bearer in clear") << 4 << QStringLiteral("bearer token");
    QTest::newRow("Basic password in clear") << 5 << QStringLiteral("Basic auth password");
    QTest::newRow("API key in clear") << 6 << QStringLiteral("API key");
}

void TestCollection::secretsRefused()
{
    QFETCH(int, which);
    QFETCH(QString, field);
    Collection collection;
    collection.name = QStringLiteral("Secrets");
    CollectionItem item = requestItem(QStringLiteral("Leaky"));
    RequestAuth &auth = item.request.spec.auth;
    item.request.inheritAuth = which == 4;
    switch (which) {
    case 0:
    case 1:
        auth.kind = AuthKind::Bearer;
        auth.bearerToken = which == 0 ? QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.sig")
                                      : QStringLiteral("Bearer {{t}}");
        break;
    case 2:
    case 3:
        auth.kind = AuthKind::AwsSigV4;
        auth.source = which == 2 ? AwsCredentialSource::AccessKeys
                                 : AwsCredentialSource::TemporaryCredentials;
        auth.accessKeyId = QStringLiteral("AKIDEXAMPLE");
        auth.secretAccessKey =
            which == 2 ? QStringLiteral("wJalrXUtnFEMI") : QStringLiteral("{{secret}}");
        auth.sessionToken = QStringLiteral("IQoJb3JpZ2luX2VjE");
        break;
    case 5:
        auth.kind = AuthKind::Basic;
        auth.basicUsername = QStringLiteral("baker");
        auth.basicPassword = QStringLiteral("wJalrXUtnFEMI");
        break;
    case 6:
        auth.kind = AuthKind::ApiKey;
        auth.apiKeyValue = QStringLiteral("eyJapikey");
        break;
    default:
        collection.auth.kind = AuthKind::Bearer;
        collection.auth.bearerToken = QStringLiteral("abc.def.ghi");
    }
    collection.root.items.push_back(item);
    QTemporaryDir dir;
    const Result<Collection> saved = saveCollection(collection, dir.path());
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.contains(field), qPrintable(saved.error().message));
    QVERIFY(saved.error().message.contains(QLatin1String("secret variable")));
    QVERIFY2(filesBelow(dir.path()).isEmpty(), "nothing is written when a secret would be");

    // The same with the secret as a variable is saved, and the file has no secret in it.
    auth.bearerToken = QStringLiteral("{{token}}");
    auth.secretAccessKey = QStringLiteral("{{awsSecretAccessKey}}");
    auth.sessionToken = QStringLiteral("{{awsSessionToken}}");
    auth.basicPassword = QStringLiteral("{{password}}");
    auth.apiKeyValue = QStringLiteral("{{apiKey}}");
    collection.auth.bearerToken = QStringLiteral("{{token}}");
    collection.root.items.front() = item;
    QVERIFY(saveCollection(collection, dir.path()).ok());
    for (const QByteArray &bytes : filesBelow(dir.path())) {
        QVERIFY(!bytes.contains("wJalr"));
        QVERIFY(!bytes.contains("eyJ"));
        QVERIFY(!bytes.contains("IQoJ"));
    }
}

void TestCollection::brokenFilesReportedRestLoads()
{
    const Result<LoadedCollection> loaded = loadCollection(Broken);
    QVERIFY(loaded.ok());
    QStringList names;
    for (const RequestRef &ref : requestsInOrder(loaded->collection.root))
        names.append(ref.path);
    QCOMPARE(names, (QStringList{QStringLiteral("Good"), QStringLiteral("Unlisted")}));

    QStringList reported;
    for (const LoadProblem &problem : loaded->problems)
        reported.append(problem.toString().mid(Broken.size() + 1));
    const auto has = [&reported](const QString &prefix, const QString &words) {
        for (const QString &line : reported) {
            if (line.startsWith(prefix) && line.contains(words))
                return true;
        }
        qWarning("not reported: %s ... %s\nreported:\n%s", qPrintable(prefix), qPrintable(words),
                 qPrintable(reported.join(QLatin1Char('\n'))));
        return false;
    };
    QVERIFY(has(QStringLiteral("missing-comma.request.json:4:"), QStringLiteral("syntax error")));
    QVERIFY(
        has(QStringLiteral("unknown-field.request.json:7:5: "), QStringLiteral("exactly one of")));
    QVERIFY(has(QStringLiteral("unknown-field.request.json:9:3: "),
                QStringLiteral("unknown field \"retries\"")));
    QVERIFY(has(QStringLiteral("unknown-field.request.json:7:6: "),
                QStringLiteral("unknown field \"jsonpath\"")));
    QVERIFY(
        has(QStringLiteral("literal-token.request.json:7:5: "), QStringLiteral("secret variable")));
    QVERIFY(has(QStringLiteral("bad-path.request.json:6:6: "),
                QStringLiteral("wildcards are not supported")));
    QVERIFY(has(QStringLiteral("bad-path.request.json:7:6: "),
                QStringLiteral("\"status\" must be a number, not a string")));
    QVERIFY(has(QStringLiteral("collection.json:15:5: "),
                QStringLiteral("\"gone.request.json\" is listed, but there is no file")));
    QCOMPARE(reported.size(), 8);
}

void TestCollection::loadsOrderAndUnlisted()
{
    const Result<LoadedCollection> loaded = loadCollection(Bakery);
    QVERIFY(loaded.ok());
    const QList<RequestRef> refs = requestsInOrder(loaded->collection.root);
    QCOMPARE(refs.at(0).path, QStringLiteral("Get a snack"));
    QCOMPARE(refs.at(1).path, QStringLiteral("Orders / Create order"));
    QCOMPARE(refs.at(2).path, QStringLiteral("Orders / List orders"));
    QVERIFY(findFolder(loaded->collection.root, QStringLiteral("Orders")));
    QVERIFY(findFolder(loaded->collection.root, QStringLiteral("orders")));
    QVERIFY(!findFolder(loaded->collection.root, QStringLiteral("Refunds")));
    QCOMPARE(loaded->collection.variables.at(1).secret, true);
    QCOMPARE(loaded->collection.variables.at(1).enabled, false);

    QVERIFY(!loadCollection(QStringLiteral(GATEHOUSE_TEST_DATA "/collections")).ok());
    QVERIFY(!loadCollection(QStringLiteral(GATEHOUSE_TEST_DATA "/no-such-folder")).ok());
}

void TestCollection::brokenCollectionFileKeepsOrder()
{
    QTemporaryDir dir;
    Collection collection;
    collection.name = QStringLiteral("Order");
    collection.root.items = {requestItem(QStringLiteral("b")), requestItem(QStringLiteral("a"))};
    QVERIFY(saveCollection(collection, dir.path()).ok());
    QFile file(dir.filePath(QStringLiteral("collection.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray text = file.readAll();
    file.close();
    text.replace("\"variables\": []", "\"variables\": [\n    {\"value\": 1}\n  ]");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
    file.close();

    const Result<LoadedCollection> loaded = loadCollection(dir.path());
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->problems.size(), 2);
    QCOMPARE(loaded->problems.at(0).line, 6);
    QVERIFY2(loaded->problems.at(0).reason.contains(QLatin1String("\"key\" is missing")),
             qPrintable(loaded->problems.at(0).toString()));
    QVERIFY(loaded->problems.at(1).reason.contains(QLatin1String("\"value\" must be a string")));
    QCOMPARE(loaded->collection.name, QStringLiteral("Order"));
    const QList<RequestRef> refs = requestsInOrder(loaded->collection.root);
    QCOMPARE(refs.size(), 2);
    QCOMPARE(refs.at(0).path, QStringLiteral("b"));
    QCOMPARE(refs.at(1).path, QStringLiteral("a"));
}

void TestCollection::staleFilesRemoved()
{
    QTemporaryDir dir;
    Collection collection = richCollection();
    QVERIFY(saveCollection(collection, dir.path()).ok());
    QFile other(dir.filePath(QStringLiteral("README.md")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    collection.root.items.erase(collection.root.items.begin(), collection.root.items.begin() + 2);
    collection.root.items.pop_back();
    QVERIFY(saveCollection(collection, dir.path()).ok());
    QCOMPARE(
        filesBelow(dir.path()).keys(),
        (QStringList{QStringLiteral("README.md"), QStringLiteral("basic.request.json"),
                     QStringLiteral("collection.json"), QStringLiteral("signed.request.json")}));
}

void TestCollection::syntaxErrorPositions_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("words");
    QTest::newRow("duplicate name")
        << QByteArray("{\n  \"a\": 1,\n  \"a\": 2\n}") << 3 << 3 << QStringLiteral("twice");
    QTest::newRow("trailing comma")
        << QByteArray("[1,\n 2,\n]") << 3 << 1 << QStringLiteral("syntax error");
    QTest::newRow("empty") << QByteArray() << 1 << 1 << QStringLiteral("syntax error");
    QTest::newRow("bad UTF-8") << QByteArray("{\"a\": \"\xff\"}") << 1 << 8
                               << QStringLiteral("UTF-8");
}

void TestCollection::syntaxErrorPositions()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, words);
    JsonSyntaxError error;
    QVERIFY(!parseJson(text, &error).ok());
    QVERIFY2(error.reason.contains(words), qPrintable(error.reason));
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
}

void TestCollection::jsonPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << QStringLiteral("$")
                          << QStringLiteral("{\"items\": [{\"id\": 3, \"name\": \"rye\"}, {\"id\": "
                                            "4.0}], \"a b\": {\"c\": null}}");
    QTest::newRow("member") << QStringLiteral("$.items[0].name") << QStringLiteral("\"rye\"");
    QTest::newRow("index") << QStringLiteral("$.items[1]") << QStringLiteral("{\"id\": 4.0}");
    QTest::newRow("quoted") << QStringLiteral("$['a b']['c']") << QStringLiteral("null");
    QTest::newRow("double quoted") << QStringLiteral("$[\"a b\"].c") << QStringLiteral("null");
}

void TestCollection::jsonPath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const Result<JsonValue> document = parseJson(
        "{\"items\": [{\"id\": 3, \"name\": \"rye\"}, {\"id\": 4.0}], \"a b\": {\"c\": null}}");
    QVERIFY(document.ok());
    const Result<JsonPath> parsed = JsonPath::parse(path);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const Result<const JsonValue *> found = parsed->find(*document);
    QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
    QCOMPARE((*found)->toCompactText(), expected);
}

void TestCollection::jsonPathErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");
    QTest::newRow("no root") << QStringLiteral("items[0]")
                             << QStringLiteral("character 1: a path starts with '$'");
    QTest::newRow("wildcard") << QStringLiteral("$.items[*]")
                              << QStringLiteral("character 9: wildcards are not supported");
    QTest::newRow("recursive") << QStringLiteral("$..id")
                               << QStringLiteral("character 2: '..' (recursive descent)");
    QTest::newRow("negative") << QStringLiteral("$.items[-1]")
                              << QStringLiteral("negative indexes");
    QTest::newRow("unclosed bracket")
        << QStringLiteral("$.items[0") << QStringLiteral("character 10: expected ']'");
    QTest::newRow("unclosed quote") << QStringLiteral("$['a]") << QStringLiteral("not closed");
    QTest::newRow("empty member") << QStringLiteral("$.")
                                  << QStringLiteral("expected a member name");
    QTest::newRow("stray") << QStringLiteral("$items")
                           << QStringLiteral("expected '.' or '[' but found 'i'");
    // Found nothing: the reason says where the path left the document.
    QTest::newRow("no member") << QStringLiteral("$.items[0].price")
                               << QStringLiteral("$.items[0] has no member \"price\"");
    QTest::newRow("past the end") << QStringLiteral("$.items[5]")
                                  << QStringLiteral("$.items has 2 elements; [5] is past the end");
    QTest::newRow("not an array") << QStringLiteral("$.items[0][0]")
                                  << QStringLiteral("$.items[0] is an object, not an array");
    QTest::newRow("not an object")
        << QStringLiteral("$.items.id") << QStringLiteral("$.items is an array, not an object");
}

void TestCollection::jsonPathErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    const Result<JsonValue> document = parseJson("{\"items\": [{\"id\": 3}, {\"id\": 4}]}");
    const Result<JsonPath> parsed = JsonPath::parse(path);
    QString message;
    if (!parsed) {
        message = parsed.error().message;
    } else {
        const Result<const JsonValue *> found = parsed->find(*document);
        QVERIFY(!found.ok());
        message = found.error().message;
    }
    QVERIFY2(message.contains(error), qPrintable(message));
}

void TestCollection::slugs_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("slug");
    QTest::newRow("words") << QStringLiteral("Get a snack") << QStringLiteral("get-a-snack");
    QTest::newRow("punctuation") << QStringLiteral("  POST /orders/{id}?x=1 ")
                                 << QStringLiteral("post-orders-id-x-1");
    QTest::newRow("accents") << QStringLiteral("Crème brûlée") << QStringLiteral("creme-brulee");
    QTest::newRow("nothing left") << QStringLiteral("☃ ☃") << QStringLiteral("request");
    QTest::newRow("dots") << QStringLiteral("../../etc/passwd") << QStringLiteral("etc-passwd");
    QTest::newRow("long") << QString(100, QLatin1Char('a')) << QString(60, QLatin1Char('a'));
}

void TestCollection::slugs()
{
    QFETCH(QString, name);
    QFETCH(QString, slug);
    QCOMPARE(slugFor(name), slug);
}

void TestCollection::slugCollisions()
{
    CollectionFolder folder;
    folder.items = {requestItem(QStringLiteral("Get snack")),
                    requestItem(QStringLiteral("get  SNACK")),
                    requestItem(QStringLiteral("Get-snack")), requestItem(QStringLiteral("Other"))};
    folder.items[3].request.fileStem =
        QStringLiteral("Get-Snack-2"); // kept, and taken regardless of case
    CollectionItem sub;
    sub.kind = CollectionItem::Kind::Folder;
    sub.folder.name = QStringLiteral("Get snack"); // folders have their own names
    folder.items.push_back(sub);
    assignFileNames(folder);
    QCOMPARE(folder.items[0].request.fileStem, QStringLiteral("get-snack"));
    QCOMPARE(folder.items[1].request.fileStem, QStringLiteral("get-snack-3"));
    QCOMPARE(folder.items[2].request.fileStem, QStringLiteral("get-snack-4"));
    QCOMPARE(folder.items[3].request.fileStem, QStringLiteral("Get-Snack-2"));
    QCOMPARE(folder.items[4].folder.directory, QStringLiteral("get-snack"));

    // A file name that is a path, or one an earlier request has, is replaced by a slug.
    CollectionFolder unsafe;
    unsafe.items = {requestItem(QStringLiteral("Escape")), requestItem(QStringLiteral("Copy")),
                    requestItem(QStringLiteral("Copy"))};
    unsafe.items[0].request.fileStem = QStringLiteral("../../outside");
    unsafe.items[1].request.fileStem = QStringLiteral("kept");
    unsafe.items[2].request.fileStem = QStringLiteral("KEPT");
    assignFileNames(unsafe);
    QCOMPARE(unsafe.items[0].request.fileStem, QStringLiteral("escape"));
    QCOMPARE(unsafe.items[1].request.fileStem, QStringLiteral("kept"));
    QCOMPARE(unsafe.items[2].request.fileStem, QStringLiteral("copy"));

    Collection collection;
    collection.name = QStringLiteral("Same names");
    collection.root = folder;
    QTemporaryDir dir;
    QVERIFY(saveCollection(collection, dir.path()).ok());
    const Result<LoadedCollection> loaded = loadCollection(dir.path());
    QVERIFY(loaded.ok() && loaded->problems.isEmpty());
    QCOMPARE(requestsInOrder(loaded->collection.root).size(), 4);
}

void TestCollection::assertions_data()
{
    QTest::addColumn<Assertion>("assertion");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("actual");
    Assertion header;
    header.kind = Assertion::Kind::Header;
    header.subject = QStringLiteral("content-type");
    header.check = Assertion::Check::Contains;
    header.expected = QStringLiteral("JSON");
    Assertion missing = header;
    missing.subject = QStringLiteral("Location");
    missing.check = Assertion::Check::Exists;
    Assertion exists = jsonPathEquals(QStringLiteral("$.items[2]"), {});
    exists.check = Assertion::Check::Exists;
    QTest::newRow("status holds") << statusIs(200) << true << QStringLiteral("200")
                                  << QStringLiteral("200");
    QTest::newRow("status differs")
        << statusIs(201) << false << QStringLiteral("201") << QStringLiteral("200");
    QTest::newRow("header contains")
        << header << true << QStringLiteral("\"JSON\"") << QStringLiteral("\"application/json\"");
    QTest::newRow("header absent")
        << missing << false << QStringLiteral("present") << QStringLiteral("absent");
    QTest::newRow("number by value")
        << jsonPathEquals(QStringLiteral("$.items[0].id"), QStringLiteral("3.0")) << true
        << QStringLiteral("3.0") << QStringLiteral("3");
    QTest::newRow("big integer exact")
        << jsonPathEquals(QStringLiteral("$.big"), QStringLiteral("12345678901234568")) << false
        << QStringLiteral("12345678901234568") << QStringLiteral("12345678901234567");
    QTest::newRow("object regardless of order")
        << jsonPathEquals(QStringLiteral("$.items[1]"),
                          QStringLiteral("{\"name\": \"b\", \"id\": 4}"))
        << true << QStringLiteral("{\"name\": \"b\", \"id\": 4}")
        << QStringLiteral("{\"id\": 4, \"name\": \"b\"}");
    QTest::newRow("string is not a number")
        << jsonPathEquals(QStringLiteral("$.items[0].id"), QStringLiteral("\"3\"")) << false
        << QStringLiteral("\"3\"") << QStringLiteral("3");
    QTest::newRow("missing value")
        << jsonPathEquals(QStringLiteral("$.nope"), QStringLiteral("1")) << false
        << QStringLiteral("1") << QStringLiteral("nothing: $ has no member \"nope\"");
    QTest::newRow("exists fails") << exists << false << QStringLiteral("present")
                                  << QStringLiteral(
                                         "absent: $.items has 2 elements; [2] is past the end");
}

void TestCollection::assertions()
{
    QFETCH(Assertion, assertion);
    QFETCH(bool, passed);
    QFETCH(QString, expected);
    QFETCH(QString, actual);
    HttpClientResponse response;
    response.status = 200;
    response.headers.add("Content-Type", "application/json");
    response.body =
        "{\"items\": [{\"id\": 3}, {\"id\": 4, \"name\": \"b\"}], \"big\": 12345678901234567}";
    const AssertionResult result = AssertionChecker(response).check(assertion);
    QCOMPARE(result.passed, passed);
    QCOMPARE(result.expected, expected);
    QCOMPARE(result.actual, actual);
}

void TestCollection::runnerRunsInOrder()
{
    FakeAws server;
    server.answer =
        FakeAws::response(200, "Content-Type: application/json", "{\"items\": [{\"id\": 3}]}");
    Collection collection;
    collection.name = QStringLiteral("Runner");
    collection.variables = {
        {QStringLiteral("base"), QStringLiteral("http://wrong.invalid"), true, false}};
    CollectionItem ok = requestItem(QStringLiteral("Passes"), QStringLiteral("{{base}}/first"));
    ok.request.tests = {statusIs(200),
                        jsonPathEquals(QStringLiteral("$.items[0].id"), QStringLiteral("3"))};
    CollectionItem missing =
        requestItem(QStringLiteral("Needs a token"), QStringLiteral("{{base}}/second"));
    missing.request.inheritAuth = false;
    missing.request.spec.auth.kind = AuthKind::Bearer;
    missing.request.spec.auth.bearerToken = QStringLiteral("{{token}}");
    missing.request.spec.headers = {{true, QStringLiteral("X-Id"), QStringLiteral("{{id}}")}};
    CollectionItem fails = requestItem(QStringLiteral("Fails"), QStringLiteral("{{base}}/third"));
    fails.request.tests = {statusIs(201),
                           jsonPathEquals(QStringLiteral("$.items[0].id"), QStringLiteral("3"))};
    collection.root.items = {ok, missing, fails};

    Environment environment;
    environment.name = QStringLiteral("local");
    environment.variables = {{QStringLiteral("base"), server.url().toString(), true, false}};
    CollectionRunner runner;
    runner.setEnvironment(environment);
    QSignalSpy finished(&runner, &CollectionRunner::finished);
    runner.run(collection);
    QVERIFY(finished.wait(10000));
    const RunReport report = finished.first().first().value<RunReport>();
    QCOMPARE(report.requests.size(), 3);
    QCOMPARE(report.requests.at(0).outcome, RequestRun::Outcome::Passed);
    QCOMPARE(report.requests.at(0).status, 200);
    QCOMPARE(report.requests.at(1).outcome, RequestRun::Outcome::NotSent);
    QVERIFY2(
        report.requests.at(1).error.contains(QLatin1String("{{id}}, {{token}} are not defined")),
        qPrintable(report.requests.at(1).error));
    QCOMPARE(report.requests.at(2).outcome, RequestRun::Outcome::Failed);
    QCOMPARE(report.requests.at(2).assertions.at(0).expected, QStringLiteral("201"));
    QCOMPARE(report.requests.at(2).assertions.at(0).actual, QStringLiteral("200"));
    QVERIFY(report.requests.at(2).assertions.at(1).passed);
    QCOMPARE(report.assertionsPassed(), 3);
    QCOMPARE(report.assertionsTotal(), 4);
    // The environment's base won over the collection's; the unresolved request never left.
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests.at(0).path, QByteArray("/first"));
    QCOMPARE(server.requests.at(1).path, QByteArray("/third"));

    // --bail stops at the first request that does not pass.
    runner.setBail(true);
    finished.clear();
    runner.run(collection);
    QVERIFY(finished.wait(10000));
    const RunReport bailed = finished.first().first().value<RunReport>();
    QCOMPARE(bailed.requests.size(), 2);
    QVERIFY(bailed.stoppedEarly);
    QCOMPARE(bailed.skipped, 1);
}

// A request that inherits the collection's bearer auth has its token variable named too.
void TestCollection::runnerNamesInheritedAuthVariables()
{
    FakeAws server;
    Collection collection;
    collection.auth.kind = AuthKind::Bearer;
    collection.auth.bearerToken = QStringLiteral("{{sessionToken}}");
    collection.root.items = {requestItem(QStringLiteral("Inherits"), server.url().toString())};
    CollectionRunner runner;
    QSignalSpy finished(&runner, &CollectionRunner::finished);
    runner.run(collection);
    QVERIFY(finished.wait(10000));
    const RunReport report = finished.first().first().value<RunReport>();
    QCOMPARE(report.requests.at(0).outcome, RequestRun::Outcome::NotSent);
    QCOMPARE(report.requests.at(0).error,
             QStringLiteral("{{sessionToken}} is not defined in the collection's variables or the "
                            "environment."));
    QVERIFY(server.requests.isEmpty());

    Environment environment;
    environment.variables = {{QStringLiteral("sessionToken"), QStringLiteral("t0k"), true, true}};
    runner.setEnvironment(environment);
    finished.clear();
    runner.run(collection);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().value<RunReport>().requests.at(0).outcome,
             RequestRun::Outcome::Passed);
    QCOMPARE(server.requests.at(0).headers.value("Authorization"), QByteArray("Bearer t0k"));
}

QTEST_GUILESS_MAIN(TestCollection)
#include "tst_collection.moc"
