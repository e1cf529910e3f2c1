#include "core/httpclient.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include "core/bodyspool.h"
#include <QFileInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Gatehouse::Core;

namespace {

// A one-file HTTP/1.1 peer: records each raw request and answers with canned bytes.
class TinyServer : public QObject
{
public:
    enum class Mode { Answer, Silent, Close, AnswerAtOnce };

    explicit TinyServer(QObject *parent = nullptr) : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
                if (mode == Mode::AnswerAtOnce)
                    socket->write(answer);
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
    }

    Mode mode = Mode::Answer;
    QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
    QList<QByteArray> answers; // for the first requests, in order; then answer
    QList<QByteArray> requests;

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        static const QRegularExpression length(QStringLiteral("(?im)^content-length:\\s*(\\d+)"));
        const QRegularExpressionMatch m = length.match(QString::fromLatin1(buffer.left(end)));
        const qsizetype bodyLength = m.hasMatch() ? m.captured(1).toLongLong() : 0;
        if (buffer.size() < end + 4 + bodyLength)
            return;
        requests.append(buffer.left(end + 4 + bodyLength));
        buffer.remove(0, end + 4 + bodyLength);
        if (mode == Mode::Close)
            socket->close();
        else if (mode == Mode::Answer)
            socket->write(requests.size() <= answers.size() ? answers.at(requests.size() - 1) : answer);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// Sends one request and collects every result the job delivers.
struct Exchange
{
    QList<Result<HttpClientResponse>> results;

    HttpJob *start(HttpClient &client, const HttpClientRequest &request, QObject *context)
    {
        HttpJob *job = client.send(request);
        QObject::connect(job, &HttpJob::finished, context,
                         [this](const Result<HttpClientResponse> &r) { results.append(r); });
        return job;
    }
};

QList<QByteArray> headerNames(const QByteArray &rawRequest)
{
    QList<QByteArray> names;
    const QList<QByteArray> lines = rawRequest.left(rawRequest.indexOf("\r\n\r\n")).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i)
        names.append(lines.at(i).left(lines.at(i).indexOf(':')).toLower());
    return names;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void methods_data();
    void methods();
    void headersInOrder();
    void responseParts();
    void statusIsNotAnError();
    void refused();
    void hostNotFound();
    void timeout();
    void cancel();
    void closedEarly();
    void redirects();
    void tlsToPlainServer();
    void pythonPeer();
    void bigBodySpoolsToDisk_data();
    void bigBodySpoolsToDisk();
    void smallBodyStaysInMemory();
};

void TestHttpClient::methods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << QByteArray("GET") << QByteArray();
    QTest::newRow("POST with body") << QByteArray("POST") << QByteArray("{\"a\":1}");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray();
    QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << QByteArray();
    QTest::newRow("custom verb") << QByteArray("PURGE") << QByteArray("x");
    QTest::newRow("lower-case custom verb") << QByteArray("report") << QByteArray();
}

void TestHttpClient::methods()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    TinyServer server;
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.method = method;
    request.url = server.url(QStringLiteral("/items?a=1&b=%2F"));
    request.body = body;
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    QVERIFY2(exchange.results.at(0).ok(), qPrintable(exchange.results.at(0).ok() ? QString() : exchange.results.at(0).error().message));
    QCOMPARE(server.requests.size(), 1);
    const QByteArray raw = server.requests.at(0);
    QVERIFY2(raw.startsWith(QByteArray(method + " /items?a=1&b=%2F HTTP/1.1\r\n")), raw.constData());
    QVERIFY(raw.endsWith(QByteArray("\r\n\r\n" + body)));
    QVERIFY(raw.contains("\r\nUser-Agent: Gatehouse/" GATEHOUSE_VERSION "\r\n"));
    QVERIFY(!raw.toLower().contains("cookie"));
    // Only what HTTP needs and what Qt's HTTP stack always adds; Content-Type only when asked.
    const QList<QByteArray> allowed = {"host", "user-agent", "content-length", "connection", "accept-encoding",
                                       "accept-language"};
    for (const QByteArray &name : headerNames(raw))
        QVERIFY2(allowed.contains(name), name.constData());
}

void TestHttpClient::headersInOrder()
{
    TinyServer server;
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/"));
    request.headers.add("X-Zulu", "1");
    request.headers.add("X-Alpha", "2");
    request.headers.add("X-Mike", "3");
    request.headers.add("User-Agent", "mine/1.0");
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    QCOMPARE(server.requests.size(), 1);
    const QList<QByteArray> names = headerNames(server.requests.at(0));
    const qsizetype zulu = names.indexOf("x-zulu");
    QVERIFY(zulu >= 0);
    QCOMPARE(names.indexOf("x-alpha"), zulu + 1);
    QCOMPARE(names.indexOf("x-mike"), zulu + 2);
    QVERIFY(server.requests.at(0).contains("\r\nUser-Agent: mine/1.0\r\n"));
    QCOMPARE(names.count("user-agent"), 1);
}

void TestHttpClient::responseParts()
{
    TinyServer server;
    server.answer = "HTTP/1.1 201 Created Fine\r\nX-B: 1\r\nContent-Type: application/json\r\nX-A: 2\r\n"
                    "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 9\r\n\r\n{\"ok\":1}\n";
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/r"));
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    const Result<HttpClientResponse> &r = exchange.results.at(0);
    QVERIFY(r.ok());
    QCOMPARE(r->status, 201);
    QCOMPARE(r->reason, QByteArray("Created Fine"));
    QCOMPARE(r->body, QByteArray("{\"ok\":1}\n"));
    QCOMPARE(r->bytes, 9);
    QCOMPARE(r->httpVersion, QByteArray("HTTP/1.1"));
    QCOMPARE(r->finalUrl, request.url);
    QVERIFY(r->elapsedMs >= 0);
    QList<QByteArray> names;
    for (const HttpHeaders::Field &f : r->headers.fields())
        names.append(f.first);
    QCOMPARE(names, (QList<QByteArray>{"X-B", "Content-Type", "X-A", "Set-Cookie", "Set-Cookie", "Content-Length"}));
    QCOMPARE(r->headers.values("set-cookie"), (QList<QByteArray>{"a=1", "b=2"}));
}

void TestHttpClient::statusIsNotAnError()
{
    TinyServer server;
    server.answer = "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n";
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/"));
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    QVERIFY(exchange.results.at(0).ok());
    QCOMPARE(exchange.results.at(0)->status, 302);
    QCOMPARE(server.requests.size(), 1); // redirects are not followed unless asked

    server.answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 7\r\n\r\nmissing";
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 2);
    QVERIFY(exchange.results.at(1).ok());
    QCOMPARE(exchange.results.at(1)->status, 404);
    QCOMPARE(exchange.results.at(1)->body, QByteArray("missing"));
}

void TestHttpClient::refused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    QVERIFY(!exchange.results.at(0).ok());
    QCOMPARE(exchange.results.at(0).error().code, ErrorCode::ConnectionRefused);
    QCOMPARE(exchange.results.at(0).error().message,
             QStringLiteral("Connection refused by 127.0.0.1:%1: nothing is listening there. Is the emulator running?").arg(port));
}

void TestHttpClient::hostNotFound()
{
    // .invalid is reserved (RFC 2606) and never resolves; no traffic leaves the machine.
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = QUrl(QStringLiteral("http://foo.invalid/"));
    exchange.start(client, request, this);
    QTRY_COMPARE_WITH_TIMEOUT(exchange.results.size(), 1, 20000);
    QVERIFY(!exchange.results.at(0).ok());
    QCOMPARE(exchange.results.at(0).error().code, ErrorCode::HostNotFound);
    QCOMPARE(exchange.results.at(0).error().message,
             QStringLiteral("Could not resolve host 'foo.invalid'. Check the URL or your network."));
}

void TestHttpClient::timeout()
{
    TinyServer server;
    server.mode = TinyServer::Mode::Silent;
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/slow"));
    request.timeoutMs = 300;
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    QCOMPARE(exchange.results.at(0).error().code, ErrorCode::Timeout);
    QCOMPARE(exchange.results.at(0).error().message, QStringLiteral("No answer within 0.3 s."));
    QTest::qWait(100);
    QCOMPARE(exchange.results.size(), 1);
}

void TestHttpClient::cancel()
{
    TinyServer server;
    server.mode = TinyServer::Mode::Silent;
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/"));
    QPointer<HttpJob> job = exchange.start(client, request, this);
    QTRY_COMPARE(server.requests.size(), 1);
    job->cancel();
    job->cancel();
    QCOMPARE(exchange.results.size(), 1);
    QCOMPARE(exchange.results.at(0).error().code, ErrorCode::Cancelled);
    QTRY_VERIFY(job.isNull()); // deletes itself later
    QTest::qWait(50);
    QCOMPARE(exchange.results.size(), 1);
}

void TestHttpClient::closedEarly()
{
    TinyServer server;
    server.mode = TinyServer::Mode::Close;
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/"));
    request.method = "POST"; // not retried by QNAM, unlike an idempotent GET
    request.body = "x";
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    QVERIFY(!exchange.results.at(0).ok());
    QCOMPARE(exchange.results.at(0).error().code, ErrorCode::ConnectionClosed);
    QVERIFY(exchange.results.at(0).error().message.contains(QStringLiteral("closed the connection")));
}

void TestHttpClient::redirects()
{
    TinyServer server;
    server.answers = {"HTTP/1.1 301 Moved Permanently\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n"};
    server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone";
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/start"));
    request.followRedirects = true;
    exchange.start(client, request, this);
    QTRY_COMPARE(exchange.results.size(), 1);
    QVERIFY(exchange.results.at(0).ok());
    QCOMPARE(exchange.results.at(0)->status, 200);
    QCOMPARE(exchange.results.at(0)->body, QByteArray("done"));
    QCOMPARE(exchange.results.at(0)->finalUrl, server.url(QStringLiteral("/final")));
    QVERIFY(server.requests.at(1).startsWith("GET /final HTTP/1.1\r\n"));
}

void TestHttpClient::tlsToPlainServer()
{
    TinyServer server;
    server.mode = TinyServer::Mode::AnswerAtOnce; // plain HTTP bytes where a TLS handshake is due
    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(server.port()));
    request.timeoutMs = 10000;
    exchange.start(client, request, this);
    QTRY_COMPARE_WITH_TIMEOUT(exchange.results.size(), 1, 10000);
    QVERIFY(!exchange.results.at(0).ok());
    QCOMPARE(exchange.results.at(0).error().code, ErrorCode::Tls);
    QVERIFY2(exchange.results.at(0).error().message.startsWith(
                 QStringLiteral("The secure connection to 127.0.0.1:%1 failed: ").arg(server.port())),
             qPrintable(exchange.results.at(0).error().message));
}

// Python's http.server is an independent HTTP implementation.
void TestHttpClient::pythonPeer()
{
    QTemporaryDir root;
    QFile file(root.filePath(QStringLiteral("data.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"b\":1,\"a\":[1.10]}");
    file.close();

    QProcess python;
    python.setWorkingDirectory(root.path());
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-u"), QStringLiteral("-m"), QStringLiteral("http.server"), QStringLiteral("0"),
                  QStringLiteral("--bind"), QStringLiteral("127.0.0.1")});
    QVERIFY(python.waitForStarted());
    static const QRegularExpression serving(QStringLiteral("port (\\d+)"));
    QString banner;
    QTRY_VERIFY_WITH_TIMEOUT((banner += QString::fromUtf8(python.readAllStandardOutput()), serving.match(banner).hasMatch()), 10000);
    const int port = serving.match(banner).captured(1).toInt();

    HttpClient client;
    Exchange exchange;
    HttpClientRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/data.json").arg(port));
    exchange.start(client, request, this);
    request.method = "HEAD";
    exchange.start(client, request, this);
    request.method = "GET";
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/missing").arg(port));
    exchange.start(client, request, this);
    QTRY_COMPARE_WITH_TIMEOUT(exchange.results.size(), 3, 10000);
    python.kill();
    python.waitForFinished();

    for (const auto &r : exchange.results)
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    // Completion order is not guaranteed; find each by status and body.
    int ok = 0;
    for (const auto &r : exchange.results) {
        if (r->status == 200 && !r->body.isEmpty()) {
            QCOMPARE(r->body, QByteArray("{\"b\":1,\"a\":[1.10]}"));
            QCOMPARE(r->headers.value("content-length"), QByteArray("18"));
            ++ok;
        } else if (r->status == 200) {
            QCOMPARE(r->headers.value("content-length"), QByteArray("18")); // HEAD: headers only
            ++ok;
        } else {
            QCOMPARE(r->status, 404);
            ++ok;
        }
    }
    QCOMPARE(ok, 3);
}

// A body past the threshold arrives in a temporary file: the same bytes, the file gone with the
// last copy of the answer, progress and the first bytes reported while it came.
void TestHttpClient::bigBodySpoolsToDisk_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("Content-Length: on disk from the first byte") << false;
    QTest::newRow("chunked: moves to disk at the threshold") << true;
}

void TestHttpClient::bigBodySpoolsToDisk()
{
    QFETCH(bool, chunked);
    QByteArray body;
    for (int i = 0; body.size() < 3 * 1024 * 1024; ++i)
        body += "{\"line\":" + QByteArray::number(i) + "}\n";
    TinyServer server;
    if (chunked) {
        server.answer = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (qsizetype at = 0; at < body.size(); at += 50000) {
            const QByteArray piece = body.mid(at, 50000);
            server.answer += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
        }
        server.answer += "0\r\n\r\n";
    } else {
        server.answer = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    HttpClient client;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/big"));
    request.spoolThreshold = 1024 * 1024;
    HttpJob *job = client.send(request);
    QList<qint64> progress;
    QByteArray head;
    connect(job, &HttpJob::progress, this, [&](qint64 received, qint64 total) {
        progress.append(received);
        QCOMPARE(total, chunked ? -1 : body.size());
        head = job->head();
    });
    std::optional<Result<HttpClientResponse>> result;
    connect(job, &HttpJob::finished, this, [&](const Result<HttpClientResponse> &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().message));
    QVERIFY(result->value().spool);
    const QString path = result->value().spool->path();
    QVERIFY(QFileInfo(path).isFile());
    QCOMPARE(QFileInfo(path).size(), body.size());
    QCOMPARE(result->value().bytes, body.size());
    QVERIFY(result->value().body == body);
    for (qsizetype i = 1; i < progress.size(); ++i)
        QVERIFY(progress.at(i) >= progress.at(i - 1));
    if (!head.isEmpty()) // the transfer may outrun the 100 ms progress interval on loopback
        QVERIFY(body.startsWith(head));
    result.reset();
    QVERIFY(!QFileInfo::exists(path));
}

void TestHttpClient::smallBodyStaysInMemory()
{
    TinyServer server;
    const QByteArray body(512 * 1024, 'a');
    server.answer = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    HttpClient client;
    HttpClientRequest request;
    request.url = server.url(QStringLiteral("/small"));
    request.spoolThreshold = 1024 * 1024;
    Exchange exchange;
    exchange.start(client, request, this);
    QTRY_COMPARE_WITH_TIMEOUT(exchange.results.size(), 1, 10000);
    QVERIFY(exchange.results.first().ok());
    QVERIFY(!exchange.results.first()->spool);
    QCOMPARE(exchange.results.first()->body, body);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
