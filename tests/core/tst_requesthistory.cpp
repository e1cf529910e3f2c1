#include "core/history/requesthistory.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::History;

namespace {

HttpClientResponse response(int status, const QByteArray &body)
{
    HttpClientResponse r;
    r.status = status;
    r.reason = status == 200 ? QByteArray("OK") : QByteArray("Not Found");
    r.body = body;
    r.bytes = body.size();
    r.elapsedMs = 42;
    return r;
}

HistoryEntry entryFor(const QString &url, int status = 200, const QByteArray &body = "{}")
{
    RequestSpec spec;
    spec.url = url;
    return makeEntry(spec, {}, response(status, body), QDateTime::currentDateTimeUtc());
}

} // namespace

class TestRequestHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretHeadersAreRedacted_data();
    void secretHeadersAreRedacted();
    void secretQueryParametersAreRedacted_data();
    void secretQueryParametersAreRedacted();
    void authSecretsAreDropped_data();
    void authSecretsAreDropped();
    void onlyPublicVariablesAreFilledIn();
    void setCookieIsRedacted();
    void bodyIsCapped();
    void transportErrorIsKept();
    void echoedSecretVariablesAreMasked();
    void boundedByCount();
    void boundedByBytes();
    void survivesReload();
    void brokenLinesAreSkipped();
    void loadsInBackground();
    void searchFindsMethodUrlStatusAndBody();
    void modelIsNewestFirstAndFilters();
    void clearRemovesTheFile();
};

void TestRequestHistory::secretHeadersAreRedacted_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    QTest::newRow("authorization") << QStringLiteral("Authorization") << true;
    QTest::newRow("proxy-authorization") << QStringLiteral("Proxy-Authorization") << true;
    QTest::newRow("cookie") << QStringLiteral("cookie") << true;
    QTest::newRow("x-amz-security-token") << QStringLiteral("X-Amz-Security-Token") << true;
    QTest::newRow("x-api-key") << QStringLiteral("X-API-Key") << true;
    QTest::newRow("contains token") << QStringLiteral("X-Refresh-Token") << true;
    QTest::newRow("contains secret") << QStringLiteral("X-Client-Secret") << true;
    QTest::newRow("contains password") << QStringLiteral("X-Db-Password") << true;
    QTest::newRow("content-type kept") << QStringLiteral("Content-Type") << false;
    QTest::newRow("x-trace kept") << QStringLiteral("X-Trace") << false;
}

void TestRequestHistory::secretHeadersAreRedacted()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    RequestSpec spec;
    spec.url = QStringLiteral("https://api.example.com/orders");
    spec.headers.append({true, name, QStringLiteral("hunter2-value")});
    const HistoryEntry entry =
        makeEntry(spec, {}, response(200, "{}"), QDateTime::currentDateTimeUtc());
    QCOMPARE(entry.request.headers.size(), 1);
    QCOMPARE(entry.request.headers.first().value,
             secret ? QStringLiteral("(redacted)") : QStringLiteral("hunter2-value"));
    QCOMPARE(entryLine(entry).contains("hunter2"), !secret);
}

void TestRequestHistory::secretQueryParametersAreRedacted_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token",
                             "api_key", "apikey", "token", "access_token", "ACCESS_TOKEN"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    QTest::newRow("page kept") << QStringLiteral("page") << false;
}

void TestRequestHistory::secretQueryParametersAreRedacted()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    RequestSpec spec;
    spec.url = QStringLiteral("https://api.example.com/o?a=1&%1=hunter2&z=2").arg(name);
    const RequestSpec kept = redactedRequest(spec, {});
    QCOMPARE(kept.url, secret ? QStringLiteral("https://api.example.com/o?a=1&%1=(redacted)&z=2").arg(name)
                              : spec.url);
}

void TestRequestHistory::authSecretsAreDropped_data()
{
    QTest::addColumn<RequestAuth>("auth");
    RequestAuth bearer;
    bearer.kind = AuthKind::Bearer;
    bearer.bearerToken = QStringLiteral("hunter2");
    QTest::newRow("bearer") << bearer;
    RequestAuth basic;
    basic.kind = AuthKind::Basic;
    basic.basicUsername = QStringLiteral("ann");
    basic.basicPassword = QStringLiteral("hunter2");
    QTest::newRow("basic") << basic;
    RequestAuth apiKey;
    apiKey.kind = AuthKind::ApiKey;
    apiKey.apiKeyValue = QStringLiteral("hunter2");
    QTest::newRow("api key") << apiKey;
    RequestAuth sigv4;
    sigv4.kind = AuthKind::AwsSigV4;
    sigv4.source = AwsCredentialSource::TemporaryCredentials;
    sigv4.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    sigv4.secretAccessKey = QStringLiteral("hunter2");
    sigv4.sessionToken = QStringLiteral("hunter2-session");
    QTest::newRow("sigv4") << sigv4;
}

void TestRequestHistory::authSecretsAreDropped()
{
    QFETCH(RequestAuth, auth);
    RequestSpec spec;
    spec.url = QStringLiteral("https://api.example.com/");
    spec.auth = auth;
    const HistoryEntry entry =
        makeEntry(spec, {}, response(200, "{}"), QDateTime::currentDateTimeUtc());
    const QByteArray line = entryLine(entry);
    QVERIFY(!line.isEmpty());
    QVERIFY2(!line.contains("hunter2"), line.constData());
    const std::optional<HistoryEntry> back = parseEntryLine(line);
    QVERIFY(back);
    QCOMPARE(back->request.auth, entry.request.auth);
    const RequestAuth kept = back->request.auth;
    for (const QString &secret : {kept.bearerToken, kept.basicPassword, kept.apiKeyValue,
                                  kept.secretAccessKey, kept.sessionToken})
        QVERIFY2(secret.isEmpty() || secret.startsWith(QStringLiteral("{{")), qPrintable(secret));
    QCOMPARE(kept.kind, auth.kind);
}

void TestRequestHistory::onlyPublicVariablesAreFilledIn()
{
    Environment environment;
    environment.variables = {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:9"), true, false},
                             {QStringLiteral("pw"), QStringLiteral("hunter2"), true, true}};
    RequestSpec spec;
    spec.url = QStringLiteral("{{base}}/login");
    spec.body = QStringLiteral("{\"password\": \"{{pw}}\", \"x\": \"{{unknown}}\"}");
    const RequestSpec kept = redactedRequest(spec, environment);
    QCOMPARE(kept.url, QStringLiteral("http://127.0.0.1:9/login"));
    QCOMPARE(kept.body, QStringLiteral("{\"password\": \"{{pw}}\", \"x\": \"{{unknown}}\"}"));
}

void TestRequestHistory::setCookieIsRedacted()
{
    HttpClientResponse r = response(200, "{}");
    r.headers.add("Set-Cookie", "session=hunter2");
    r.headers.add("X-Trace", "abc");
    RequestSpec spec;
    spec.url = QStringLiteral("https://api.example.com/");
    const HistoryEntry entry = makeEntry(spec, {}, r, QDateTime::currentDateTimeUtc());
    QCOMPARE(entry.responseHeaders.size(), 2);
    QCOMPARE(entry.responseHeaders.at(0).second, QStringLiteral("(redacted)"));
    QCOMPARE(entry.responseHeaders.at(1).second, QStringLiteral("abc"));
    QVERIFY(!entryLine(entry).contains("hunter2"));
}

void TestRequestHistory::bodyIsCapped()
{
    const QByteArray big(BodyCap + 1000, 'a');
    const HistoryEntry entry = entryFor(QStringLiteral("https://x.example/"), 200, big);
    QCOMPARE(entry.body.size(), BodyCap);
    QCOMPARE(entry.bodySize, BodyCap + 1000);
    QVERIFY(entry.bodyTruncated);
    const HistoryEntry small = entryFor(QStringLiteral("https://x.example/"), 200, "abc");
    QVERIFY(!small.bodyTruncated);
    QCOMPARE(small.bodySize, 3);
    // Bytes that are not UTF-8 come back as they were.
    const QByteArray binary("\xff\x00\xfe", 3);
    const std::optional<HistoryEntry> back =
        parseEntryLine(entryLine(entryFor(QStringLiteral("https://x.example/"), 200, binary)));
    QVERIFY(back);
    QCOMPARE(back->body, binary);
}

// A server that echoes the request hands a secret variable's value back, in the body, a header
// or (through the URL) an error; each becomes the variable's {{key}}, as typed or URL-encoded.
void TestRequestHistory::echoedSecretVariablesAreMasked()
{
    Environment env;
    env.name = QStringLiteral("staging");
    env.variables = {{QStringLiteral("token"), QStringLiteral("s3cr3t/+="), true, true},
                     {QStringLiteral("host"), QStringLiteral("api.example.com"), true, false}};
    RequestSpec spec;
    spec.url = QStringLiteral("https://{{host}}/echo");
    HttpClientResponse echoed = response(200, "{\"authorization\": \"Bearer s3cr3t/+=\", \"url\": \"https://api.example.com/echo?k=s3cr3t%2F%2B%3D\"}");
    echoed.headers.add("X-Echo", "s3cr3t/+=");
    const HistoryEntry entry = makeEntry(spec, env, echoed, QDateTime::currentDateTimeUtc());
    QCOMPARE(entry.body, QByteArray("{\"authorization\": \"Bearer {{token}}\", \"url\": \"https://api.example.com/echo?k={{token}}\"}"));
    QCOMPARE(entry.bodySize, echoed.body.size()); // as received
    QCOMPARE(entry.responseHeaders.value(0).second, QStringLiteral("{{token}}"));
    QVERIFY(!entryLine(entry).contains("s3cr3t"));
    QVERIFY(entryLine(entry).contains("api.example.com"));

    const HistoryEntry failed = makeEntry(spec, env, makeError(ErrorCode::Tls, QStringLiteral("TLS failed for https://x/?k=s3cr3t/+=")),
                                          QDateTime::currentDateTimeUtc());
    QCOMPARE(failed.error, QStringLiteral("TLS failed for https://x/?k={{token}}"));
}

void TestRequestHistory::transportErrorIsKept()
{
    RequestSpec spec;
    spec.url = QStringLiteral("http://127.0.0.1:9/");
    const HistoryEntry entry =
        makeEntry(spec, {}, makeError(ErrorCode::ConnectionRefused, QStringLiteral("Refused.")),
                  QDateTime::currentDateTimeUtc());
    QVERIFY(!entry.answered);
    const std::optional<HistoryEntry> back = parseEntryLine(entryLine(entry));
    QVERIFY(back);
    QVERIFY(!back->answered);
    QCOMPARE(back->error, QStringLiteral("Refused."));
    QVERIFY(back->summary().contains(QStringLiteral("Refused.")));
}

void TestRequestHistory::boundedByCount()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    RequestHistory history(path, RequestHistory::Limits{3, 50 * 1024 * 1024});
    for (int i = 0; i < 5; ++i)
        QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/%1").arg(i))));
    QCOMPARE(history.entries().size(), 3);
    QCOMPARE(history.entries().first().request.url, QStringLiteral("https://x.example/2"));
    RequestHistory reloaded(path);
    QCOMPARE(reloaded.entries().size(), 3);
    QCOMPARE(reloaded.entries().last().request.url, QStringLiteral("https://x.example/4"));
    // Past the limit it goes a tenth below, so a full history is not rewritten per send.
    RequestHistory tens(dir.filePath(QStringLiteral("tens.jsonl")), RequestHistory::Limits{20, 50 * 1024 * 1024});
    for (int i = 0; i < 21; ++i)
        QVERIFY(tens.add(entryFor(QStringLiteral("https://x.example/%1").arg(i))));
    QCOMPARE(tens.entries().size(), 18);
    QCOMPARE(tens.entries().first().request.url, QStringLiteral("https://x.example/3"));
    QCOMPARE(RequestHistory(tens.path()).entries().size(), 18);
}

void TestRequestHistory::boundedByBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    const QByteArray body(10000, 'b');
    RequestHistory history(path, RequestHistory::Limits{500, 35000});
    for (int i = 0; i < 6; ++i)
        QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/%1").arg(i), 200, body)));
    QCOMPARE(history.entries().size(), 3);
    QCOMPARE(history.entries().first().request.url, QStringLiteral("https://x.example/3"));
    QVERIFY(QFileInfo(path).size() <= 35000);
    QCOMPARE(QFileInfo(path).size(), history.fileBytes());
    // A smaller bound at start trims the file as it loads.
    RequestHistory smaller(path, RequestHistory::Limits{500, 25000});
    QCOMPARE(smaller.entries().size(), 2);
    QVERIFY(QFileInfo(path).size() <= 25000);
}

void TestRequestHistory::survivesReload()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/history.jsonl"));
    HttpClientResponse r = response(404, "{\"message\":\"no such order\"}");
    r.headers.add("Content-Type", "application/json");
    RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("https://api.example.com/orders");
    spec.headers.append({true, QStringLiteral("Accept"), QStringLiteral("application/json")});
    spec.body = QStringLiteral("{\"snack\": \"\u00e9clair\"}");
    spec.bodyKind = BodyKind::Json;
    const HistoryEntry entry = makeEntry(spec, {}, r, QDateTime::currentDateTimeUtc());
    {
        RequestHistory history(path);
        QVERIFY(history.add(entry));
    }
    RequestHistory reloaded(path);
    QCOMPARE(reloaded.entries().size(), 1);
    const HistoryEntry back = reloaded.entries().first();
    QCOMPARE(back.id, entry.id);
    QCOMPARE(back.sentAt, entry.sentAt);
    QCOMPARE(back.request.method, spec.method);
    QCOMPARE(back.request.url, spec.url);
    QCOMPARE(back.request.headers, spec.headers);
    QCOMPARE(back.request.body, spec.body);
    QCOMPARE(back.request.bodyKind, BodyKind::Json);
    QCOMPARE(back.status, 404);
    QCOMPARE(back.reason, QStringLiteral("Not Found"));
    QCOMPARE(back.elapsedMs, 42);
    QCOMPARE(back.responseHeaders, entry.responseHeaders);
    QCOMPARE(back.body, r.body);
    QCOMPARE(back.answer()->body, r.body);
}

void TestRequestHistory::loadsInBackground()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    {
        RequestHistory history(path);
        for (int i = 0; i < 200; ++i)
            QVERIFY(history.add(entryFor(QStringLiteral("https://api.example.com/orders/%1").arg(i), 200,
                                         QByteArray(2000, 'x'))));
    }
    // Read by a worker: the model fills when it is done and says so.
    RequestHistory background(path, {}, RequestHistory::Loading::InBackground);
    QSignalSpy loaded(&background, &RequestHistory::loaded);
    QSignalSpy reset(&background, &QAbstractItemModel::modelReset);
    QTRY_VERIFY(!background.isLoading());
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(background.rowCount(), 200);
    QCOMPARE(background.entryAt(0)->request.url, QStringLiteral("https://api.example.com/orders/199"));

    // An exchange recorded while the worker still reads lands after the loaded entries, once.
    RequestHistory early(path, {}, RequestHistory::Loading::InBackground);
    QVERIFY(early.add(entryFor(QStringLiteral("https://api.example.com/late"), 201, "{}")));
    QVERIFY(!early.isLoading());
    QCOMPARE(early.entries().size(), 201);
    QCOMPARE(early.entries().last().request.url, QStringLiteral("https://api.example.com/late"));
    RequestHistory reread(path);
    QCOMPARE(reread.entries().size(), 201);
}

void TestRequestHistory::brokenLinesAreSkipped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(entryLine(entryFor(QStringLiteral("https://x.example/1"))) + '\n');
    file.write("{not json\n");
    file.write("{\"id\":\"x\"}\n");
    file.write(entryLine(entryFor(QStringLiteral("https://x.example/2"))).left(40) + '\n');
    file.write(entryLine(entryFor(QStringLiteral("https://x.example/3"))) + '\n');
    file.close();
    RequestHistory history(path);
    QCOMPARE(history.entries().size(), 2);
    QCOMPARE(history.skippedLines(), 3);
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/4"))));
    QCOMPARE(RequestHistory(path).entries().size(), 3);
}

void TestRequestHistory::searchFindsMethodUrlStatusAndBody()
{
    QTemporaryDir dir;
    RequestHistory history(dir.filePath(QStringLiteral("history.jsonl")));
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/orders"), 200, "{\"snack\":\"Croissant\"}")));
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/users"), 404, "{}")));
    QCOMPARE(history.search(QStringLiteral("ORDERS")).size(), 1);
    QCOMPARE(history.search(QStringLiteral("croissant")).size(), 1);
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/cafe"), 200, "{\"snack\":\"\xc3\x89" "CLAIR\"}")));
    QCOMPARE(history.search(QStringLiteral("\u00e9clair")).size(), 1);
    QCOMPARE(history.search(QStringLiteral("CLAIR")).size(), 1);
    QCOMPARE(history.search(QStringLiteral("404")).first().request.url,
             QStringLiteral("https://x.example/users"));
    QCOMPARE(history.search(QStringLiteral("get")).size(), 3);
    QCOMPARE(history.search(QString()).first().request.url, QStringLiteral("https://x.example/cafe"));
    QVERIFY(history.search(QStringLiteral("nothing-like-it")).isEmpty());
}

void TestRequestHistory::modelIsNewestFirstAndFilters()
{
    QTemporaryDir dir;
    RequestHistory history(dir.filePath(QStringLiteral("history.jsonl")));
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/a"))));
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/b"), 404)));
    QCOMPARE(history.rowCount(), 2);
    const QString first = history.index(0).data().toString();
    QVERIFY2(first.startsWith(QStringLiteral("GET https://x.example/b \u2014 404 \u00b7 42 ms \u00b7 ")), qPrintable(first));
    history.setFilter(QStringLiteral("/a"));
    QCOMPARE(history.rowCount(), 1);
    QCOMPARE(history.entryAt(0)->request.url, QStringLiteral("https://x.example/a"));
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/c"))));
    QCOMPARE(history.rowCount(), 1);
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/a2"))));
    QCOMPARE(history.rowCount(), 2);
    QCOMPARE(history.entryAt(0)->request.url, QStringLiteral("https://x.example/a2"));
    history.setFilter(QString());
    QCOMPARE(history.rowCount(), 4);
}

void TestRequestHistory::clearRemovesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    RequestHistory history(path);
    QVERIFY(history.add(entryFor(QStringLiteral("https://x.example/a"))));
    QVERIFY(QFile::exists(path));
    QVERIFY(history.clear());
    QCOMPARE(history.rowCount(), 0);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(RequestHistory(path).entries().size(), 0);
}

QTEST_GUILESS_MAIN(TestRequestHistory)
#include "tst_requesthistory.moc"
