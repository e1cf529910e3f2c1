// HttpClient's network options against real peers on 127.0.0.1: a TLS server whose CA (made
// here with the openssl command) is trusted only through the CA file; verification off; a
// server that asks for a client certificate; an HTTP proxy that must see the request; a
// cookie jar that sends back what a server set. Bad files are refused in words.
#include "core/httpclient.h"

#include <QProcess>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Gatehouse::Core;

class TestHttpOptions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void trustsTheCaFileOnly();
    void verificationOff();
    void clientCertificate();
    void proxy();
    void cookies();
    void badFilesInWords();

private:
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    bool openssl(const QStringList &arguments);
    Result<HttpClientResponse> get(HttpClient &client, const QUrl &url);

    QTemporaryDir m_dir;
};

namespace {

// A one-shot HTTPS server: answers every request with 200 and who the client said it was.
class TlsServer : public QSslServer
{
public:
    TlsServer(const QString &cert, const QString &key, bool askForClientCert)
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate::fromPath(cert).value(0));
        QFile keyFile(key);
        keyFile.open(QIODevice::ReadOnly);
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        tls.setPeerVerifyMode(askForClientCert ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
        setSslConfiguration(tls);
        connect(this, &QSslServer::errorOccurred, this, [](QSslSocket *, QAbstractSocket::SocketError) {});
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (auto *socket = qobject_cast<QSslSocket *>(nextPendingConnection())) {
                connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    const QString peer = socket->peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0);
                    lastPeer = peer;
                    const QByteArray body = "peer=" + peer.toUtf8();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size())
                                  + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(serverPort())); }
    QString lastPeer;
};

// Plain HTTP: records request heads, answers with canned headers.
class PlainServer : public QTcpServer
{
public:
    explicit PlainServer(QByteArray extraHeaders = {}) : headers(std::move(extraHeaders))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    buffer += socket->readAll();
                    if (!buffer.contains("\r\n\r\n"))
                        return;
                    requests.append(buffer.left(buffer.indexOf("\r\n\r\n")));
                    buffer.clear();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + headers + "\r\nok");
                });
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
    QByteArray headers;
    QByteArray buffer;
    QList<QByteArray> requests;
};

} // namespace

bool TestHttpOptions::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("/usr/bin/openssl"), arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), process.readAllStandardError().constData());
        return false;
    }
    return true;
}

void TestHttpOptions::initTestCase()
{
    if (!QFile::exists(QStringLiteral("/usr/bin/openssl")))
        QSKIP("the openssl command (Debian package openssl) is needed to make test certificates");
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    QFile ext(path("server.ext"));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    ext.close();
    const QString days = QStringLiteral("2");
    QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                     QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                     QStringLiteral("ca.pem"), QStringLiteral("-days"), days, QStringLiteral("-subj"),
                     QStringLiteral("/CN=Gatehouse Test CA")}));
    for (const char *who : {"server", "client", "other"}) {
        const QString name = QLatin1String(who);
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                         name + QStringLiteral(".csr"), QStringLiteral("-subj"), QStringLiteral("/CN=") + name}));
        QStringList sign{QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                         QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                         QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), name + QStringLiteral(".pem"),
                         QStringLiteral("-days"), days};
        if (name == QLatin1String("server"))
            sign << QStringLiteral("-extfile") << QStringLiteral("server.ext");
        QVERIFY(openssl(sign));
    }
}

Result<HttpClientResponse> TestHttpOptions::get(HttpClient &client, const QUrl &url)
{
    HttpClientRequest request;
    request.url = url;
    request.timeoutMs = 10000;
    std::optional<Result<HttpClientResponse>> result;
    HttpJob *job = client.send(request);
    connect(job, &HttpJob::finished, this, [&](const Result<HttpClientResponse> &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
        return makeError(ErrorCode::Timeout, QStringLiteral("test: no result"));
    return *result;
}

void TestHttpOptions::trustsTheCaFileOnly()
{
    TlsServer server(path("server.pem"), path("server.key"), false);
    HttpClient client;
    Result<HttpClientResponse> answer = get(client, server.url());
    QVERIFY(!answer.ok());
    QCOMPARE(answer.error().code, ErrorCode::Tls);

    HttpOptions options;
    options.caFile = path("ca.pem");
    QVERIFY(client.setOptions(options).ok());
    answer = get(client, server.url());
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    QCOMPARE(answer->status, 200);
}

void TestHttpOptions::verificationOff()
{
    TlsServer server(path("server.pem"), path("server.key"), false);
    HttpClient client;
    HttpOptions options;
    options.verifyTls = false;
    QVERIFY(client.setOptions(options).ok());
    const Result<HttpClientResponse> answer = get(client, server.url());
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
}

void TestHttpOptions::clientCertificate()
{
    TlsServer server(path("server.pem"), path("server.key"), true);
    QSslConfiguration serverTls = server.sslConfiguration();
    serverTls.setCaCertificates(QSslCertificate::fromPath(path("ca.pem")));
    server.setSslConfiguration(serverTls);
    HttpClient client;
    HttpOptions options;
    options.caFile = path("ca.pem");
    QVERIFY(client.setOptions(options).ok());
    QVERIFY(!get(client, server.url()).ok()); // the server wants a certificate

    options.clientCertFile = path("client.pem");
    options.clientKeyFile = path("client.key");
    QVERIFY(client.setOptions(options).ok());
    const Result<HttpClientResponse> answer = get(client, server.url());
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    QCOMPARE(answer->body, QByteArray("peer=client"));
}

void TestHttpOptions::proxy()
{
    PlainServer proxy; // answers as if it had fetched the page
    HttpClient client;
    const Result<HttpOptions> options =
        HttpOptions::withProxyUrl({}, QStringLiteral("127.0.0.1:%1").arg(proxy.serverPort()));
    QVERIFY(options.ok());
    QVERIFY(client.setOptions(*options).ok());
    // The target does not exist; only the proxy can answer.
    const Result<HttpClientResponse> answer = get(client, QUrl(QStringLiteral("http://bakery.invalid/menu")));
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    QCOMPARE(proxy.requests.size(), 1);
    QVERIFY2(proxy.requests.at(0).startsWith("GET http://bakery.invalid/menu HTTP/1.1"), proxy.requests.at(0).constData());
    QVERIFY(!HttpOptions::withProxyUrl({}, QStringLiteral("proxy-without-port")).ok());
    QVERIFY(!HttpOptions::withProxyUrl({}, QStringLiteral("socks5://127.0.0.1:1080")).ok());
}

void TestHttpOptions::cookies()
{
    PlainServer server("Set-Cookie: session=abc123; Path=/\r\n");
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()));
    HttpClient client;
    QVERIFY(get(client, url).ok());
    QVERIFY(get(client, url).ok());
    QVERIFY(!server.requests.at(1).contains("Cookie:")); // off by default
    HttpOptions options;
    options.cookies = true;
    QVERIFY(client.setOptions(options).ok());
    QVERIFY(get(client, url).ok());
    QVERIFY(get(client, url).ok());
    QVERIFY2(server.requests.at(3).contains("\r\nCookie: session=abc123"), server.requests.at(3).constData());
    client.clearCookies();
    server.headers.clear();
    QVERIFY(get(client, url).ok());
    QVERIFY(!server.requests.at(4).contains("Cookie:"));
}

void TestHttpOptions::badFilesInWords()
{
    HttpClient client;
    HttpOptions options;
    options.caFile = path("missing.pem");
    Result<void> set = client.setOptions(options);
    QVERIFY(!set.ok());
    QVERIFY(set.error().message.contains(QStringLiteral("Could not read the CA file")));
    options.caFile = path("server.ext");
    set = client.setOptions(options);
    QVERIFY(set.error().message.contains(QStringLiteral("is not PEM")));
    options.caFile.clear();
    options.clientCertFile = path("client.pem");
    set = client.setOptions(options);
    QVERIFY(set.error().message.contains(QStringLiteral("needs both files")));
    options.clientKeyFile = path("other.key");
    set = client.setOptions(options);
    QVERIFY2(set.error().message.contains(QStringLiteral("does not belong")), qPrintable(set.error().message));
    // The options in force stay as they were after a refusal.
    QVERIFY(client.options().clientCertFile.isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpOptions)
#include "tst_httpoptions.moc"
