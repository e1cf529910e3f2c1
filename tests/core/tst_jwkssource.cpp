// JwksSource against loopback stand-ins: URL and discovery fetches, the cache by max-age, the
// one rate-limited refetch for an unknown kid, and transport failures named in words.
#include "fakeaws.h"

#include "core/httpclient.h"
#include "core/jwt/jwkssource.h"
#include "core/jwt/jwterror.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <optional>
#include <QTcpServer>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Jwt;

namespace {

QByteArray motoJwks()
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/jwt/moto-cognito/jwks-public.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray jwksAnswer(const QByteArray &cacheControl = "max-age=300")
{
    return FakeAws::response(200, "Content-Type: application/json\nCache-Control: " + cacheControl,
                             motoJwks());
}

JoseHeader header(const char *kid)
{
    JoseHeader h;
    h.alg = QStringLiteral("RS256");
    h.kid = QString::fromLatin1(kid);
    return h;
}

Result<Jwk> wait(KeyLookup *lookup)
{
    std::optional<Result<Jwk>> result;
    QEventLoop loop;
    QObject::connect(lookup, &KeyLookup::finished, &loop, [&](const Result<Jwk> &r) {
        result = r;
        loop.quit();
    });
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!result)
        return makeError(ErrorCode::Timeout, QStringLiteral("no answer in 15 s"));
    return *result;
}

} // namespace

class TestJwksSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlCachedByKid();
    void unknownKidRefetchedOnceRateLimited();
    void maxAgeRespected();
    void concurrentLookupsShareOneFetch();
    void discoveryFromIssuer();
    void discoveryWrongIssuer();
    void unreachableUrlNamed();
    void unusableJwksUrlFailsAtOnce_data();
    void unusableJwksUrlFailsAtOnce();
    void unusableIssuerFailsAtOnce();
    void silentServerTimesOut_data();
    void silentServerTimesOut();
    void httpErrorNamed();
    void fileSource();

private:
    QDateTime m_now = QDateTime::fromSecsSinceEpoch(1795276980);
};

void TestJwksSource::urlCachedByKid()
{
    FakeAws server;
    server.answer = jwksAnswer();
    HttpClient client;
    JwksSource source(&client);
    source.setJwksUrl(server.url().resolved(QUrl(QStringLiteral("/jwks.json"))));
    source.setClock([this] { return m_now; });
    for (int i = 0; i < 3; ++i) {
        Result<Jwk> key = wait(source.lookup(header("dummy")));
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
        QCOMPARE(key->kid(), QStringLiteral("dummy"));
    }
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.at(0).path, QByteArray("/jwks.json"));
}

void TestJwksSource::unknownKidRefetchedOnceRateLimited()
{
    FakeAws server;
    server.answer = jwksAnswer();
    HttpClient client;
    JwksSource source(&client);
    source.setJwksUrl(server.url());
    source.setClock([this] { return m_now; });
    QVERIFY(wait(source.lookup(header("dummy"))));
    m_now = m_now.addSecs(5);
    Result<Jwk> unknown = wait(source.lookup(header("rotated")));
    QVERIFY(!unknown);
    QCOMPARE(server.requests.size(), 1); // 5 s after the last fetch: not refetched yet
    QCOMPARE(reasonOf(unknown.error()), Reason::KeyNotFound);
    QVERIFY2(unknown.error().message.contains(QLatin1String("at most every 60 s")),
             qPrintable(unknown.error().message));
    m_now = m_now.addSecs(60);
    QVERIFY(!wait(source.lookup(header("rotated"))));
    QCOMPARE(server.requests.size(), 2); // one refetch for the unknown kid
    QVERIFY(!wait(source.lookup(header("rotated"))));
    QVERIFY(!wait(source.lookup(header("other"))));
    QCOMPARE(server.requests.size(), 2); // and no more within the interval
    QVERIFY(wait(source.lookup(header("dummy"))));
    QCOMPARE(server.requests.size(), 2);
}

void TestJwksSource::maxAgeRespected()
{
    FakeAws server;
    server.answer = jwksAnswer("public, max-age=120");
    HttpClient client;
    JwksSource source(&client);
    source.setJwksUrl(server.url());
    source.setClock([this] { return m_now; });
    QVERIFY(wait(source.lookup(header("dummy"))));
    QCOMPARE(source.cacheExpiry(), m_now.addSecs(120));
    m_now = m_now.addSecs(119);
    QVERIFY(wait(source.lookup(header("dummy"))));
    QCOMPARE(server.requests.size(), 1);
    m_now = m_now.addSecs(2);
    QVERIFY(wait(source.lookup(header("dummy"))));
    QCOMPARE(server.requests.size(), 2);
}

void TestJwksSource::concurrentLookupsShareOneFetch()
{
    FakeAws server;
    server.answer = jwksAnswer();
    HttpClient client;
    JwksSource source(&client);
    source.setJwksUrl(server.url());
    int found = 0;
    for (int i = 0; i < 5; ++i) {
        connect(source.lookup(header("dummy")), &KeyLookup::finished, this,
                [&found](const Result<Jwk> &r) { found += r.ok() ? 1 : 0; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(found, 5, 15000);
    QCOMPARE(server.requests.size(), 1);
}

void TestJwksSource::discoveryFromIssuer()
{
    FakeAws server;
    const QString issuer = server.url().toString() + QStringLiteral("/us-east-1_pool");
    server.answers = {FakeAws::response(
        200, "Content-Type: application/json",
        QStringLiteral(R"({"issuer":"%1","jwks_uri":"%1/.well-known/jwks.json"})").arg(issuer).toUtf8())};
    server.answer = jwksAnswer();
    HttpClient client;
    JwksSource source(&client);
    source.setIssuer(QUrl(issuer));
    Result<Jwk> key = wait(source.lookup(header("dummy")));
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests.at(0).path, QByteArray("/us-east-1_pool/.well-known/openid-configuration"));
    QCOMPARE(server.requests.at(1).path, QByteArray("/us-east-1_pool/.well-known/jwks.json"));
    QCOMPARE(source.jwksUrl().toString(), issuer + QStringLiteral("/.well-known/jwks.json"));
}

void TestJwksSource::discoveryWrongIssuer()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json",
                                      R"({"issuer":"https://evil.example","jwks_uri":"https://evil.example/jwks"})");
    HttpClient client;
    JwksSource source(&client);
    source.setIssuer(server.url());
    Result<Jwk> key = wait(source.lookup(header("dummy")));
    QVERIFY(!key);
    QCOMPARE(reasonOf(key.error()), Reason::JwksUnavailable);
    QVERIFY2(key.error().message.contains(QLatin1String("\"https://evil.example\"")),
             qPrintable(key.error().message));
}

void TestJwksSource::unreachableUrlNamed()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    HttpClient client;
    JwksSource source(&client);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/jwks.json").arg(port));
    source.setJwksUrl(url);
    QElapsedTimer clock;
    clock.start();
    Result<Jwk> key = wait(source.lookup(header("dummy")));
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!key);
    QCOMPARE(reasonOf(key.error()), Reason::JwksUnavailable);
    QCOMPARE(key.error().code, ErrorCode::ConnectionRefused);
    QVERIFY2(key.error().message.startsWith(QStringLiteral("Could not fetch ") + url.toDisplayString()),
             qPrintable(key.error().message));
}

void TestJwksSource::unusableJwksUrlFailsAtOnce_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("problem");
    QTest::newRow("words") << QUrl(QStringLiteral("not a url")) << QStringLiteral("has no scheme");
    QTest::newRow("scheme only") << QUrl(QStringLiteral("http://"))
                                 << QStringLiteral("\"http://\" has no host");
    QTest::newRow("no host") << QUrl(QStringLiteral("https:///.well-known/jwks.json"))
                             << QStringLiteral("has no host");
    QTest::newRow("relative path") << QUrl(QStringLiteral("/.well-known/jwks.json"))
                                   << QStringLiteral("\"/.well-known/jwks.json\" is relative");
    QTest::newRow("other scheme") << QUrl(QStringLiteral("ftp://127.0.0.1/jwks.json"))
                                  << QStringLiteral("uses the scheme \"ftp\"");
    QTest::newRow("invalid") << QUrl(QStringLiteral("http://[::1/jwks.json"))
                             << QStringLiteral("is not a valid URL");
}

void TestJwksSource::unusableJwksUrlFailsAtOnce()
{
    QFETCH(QUrl, url);
    QFETCH(QString, problem);
    HttpClient client;
    JwksSource source(&client);
    source.setJwksUrl(url);
    QElapsedTimer clock;
    clock.start();
    // wait() connects after lookup() returns: a failure reported during the call would be lost.
    Result<Jwk> key = wait(source.lookup(header("dummy")));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(reasonOf(key.error()), Reason::JwksUnavailable);
    const QString message = key.error().message;
    QVERIFY2(message.startsWith(QLatin1String("The JWKS URL ")), qPrintable(message));
    QVERIFY2(message.contains(problem), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("such as https://host/.well-known/jwks.json")),
             qPrintable(message));
}

void TestJwksSource::unusableIssuerFailsAtOnce()
{
    HttpClient client;
    JwksSource source(&client);
    source.setIssuer(QUrl(QStringLiteral("not a url")));
    QElapsedTimer clock;
    clock.start();
    Result<Jwk> key = wait(source.lookup(header("dummy")));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(
        key.error().message.startsWith(QLatin1String("The issuer URL \"not a url\" is relative")),
        qPrintable(key.error().message));
}

void TestJwksSource::silentServerTimesOut_data()
{
    QTest::addColumn<bool>("discovery");
    QTest::newRow("JWKS URL") << false;
    QTest::newRow("discovery") << true;
}

void TestJwksSource::silentServerTimesOut()
{
    QFETCH(bool, discovery);
    FakeAws server;
    server.mode = FakeAws::Mode::Silent;
    HttpClient client;
    JwksSource source(&client);
    QCOMPARE(source.timeout(), std::chrono::milliseconds(10000)); // bounded by default
    source.setTimeout(std::chrono::milliseconds(300));
    if (discovery)
        source.setIssuer(server.url());
    else
        source.setJwksUrl(server.url());
    QElapsedTimer clock;
    clock.start();
    Result<Jwk> key = wait(source.lookup(header("dummy")));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::Timeout);
    QCOMPARE(reasonOf(key.error()), Reason::JwksUnavailable);
    QVERIFY2(key.error().message.contains(QLatin1String("No answer within 0.3 s")),
             qPrintable(key.error().message));
    QCOMPARE(server.requests.size(), 1);
}

void TestJwksSource::httpErrorNamed()
{
    FakeAws server;
    server.answer = FakeAws::response(404, "Content-Type: text/plain", "no such pool");
    HttpClient client;
    JwksSource source(&client);
    source.setJwksUrl(server.url());
    Result<Jwk> key = wait(source.lookup(header("dummy")));
    QVERIFY(!key);
    QVERIFY2(key.error().message.contains(QLatin1String("answered HTTP 404")),
             qPrintable(key.error().message));
}

void TestJwksSource::fileSource()
{
    Result<JwkSet> set = JwksSource::readFile(QStringLiteral(GATEHOUSE_TEST_DATA "/jwt/moto-cognito/jwks-public.json"));
    QVERIFY(set);
    QCOMPARE(set->kids(), QStringList{QStringLiteral("dummy")});
    Result<JwkSet> missing = JwksSource::readFile(QStringLiteral("/nonexistent/jwks.json"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::Io);
    QVERIFY(missing.error().message.contains(QLatin1String("/nonexistent/jwks.json")));
}

QTEST_GUILESS_MAIN(TestJwksSource)
#include "tst_jwkssource.moc"
