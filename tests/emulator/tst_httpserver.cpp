#include "core/emulator/httpconnection.h"
#include "core/emulator/httpresponder.h"
#include "core/emulator/httpserver.h"
#include "core/emulator/requesthandler.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/ioctl.h>

using namespace Gatehouse;
using Emulator::HttpConnection;
using Emulator::HttpResponder;
using Emulator::HttpServer;
using Emulator::HttpServerLimits;

namespace {

// Answers by path: /slow after 50 ms, /big with a 5 MiB body, /framing with headers the
// front must drop, anything else echoes the request body.
class TestHandler : public QObject, public Emulator::RequestHandler
{
public:
    void handleRequest(const Core::HttpRequest &request, HttpResponder responder) override
    {
        requests.append(request);
        if (request.path == "/slow") {
            if (HttpConnection *connection = responder.connection()) {
                connect(connection, &HttpConnection::closed, this, [this] { ++closedSignals; });
            }
            QTimer::singleShot(50, this, [this, responder] {
                openWhenAnswering.append(responder.isOpen());
                responder.send(reply(200, "slow"));
                ++slowAnswered;
            });
            return;
        }
        if (request.path == "/peek") {
            // What the client could read already while this request is handled.
            int waiting = -1;
            ::ioctl(peekDescriptor, FIONREAD, &waiting);
            clientBytesWhenHandled.append(waiting);
        }
        if (request.path == "/big") {
            responder.send(reply(200, bigBody()));
            return;
        }
        Core::HttpResponse response = reply(200, request.body);
        if (request.path == "/close")
            response.headers.add("Connection", "close");
        if (request.path == "/framing") {
            response.headers.add("Content-Length", "999");
            response.headers.add("Transfer-Encoding", "chunked");
            response.headers.add("X-Split", "a\r\nInjected: yes");
        }
        response.headers.add("X-Method", request.method);
        responder.send(response);
        QVERIFY(!responder.isOpen());
        responder.send(reply(500, "twice")); // answered already: must do nothing
    }

    static Core::HttpResponse reply(int status, const QByteArray &body)
    {
        Core::HttpResponse response;
        response.status = status;
        response.headers.add("Content-Type", "text/plain");
        response.body = body;
        return response;
    }

    static QByteArray bigBody()
    {
        QByteArray body(5 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char('a' + i % 26);
        return body;
    }

    QList<Core::HttpRequest> requests;
    QList<bool> openWhenAnswering;
    int peekDescriptor = -1;
    QList<int> clientBytesWhenHandled;
    int slowAnswered = 0;
    int closedSignals = 0;
};

struct RawResponse
{
    int status = 0;
    Core::HttpHeaders headers;
    QByteArray body;
};

// Cuts one response off the front of buffer; false while it is incomplete.
bool takeResponse(QByteArray &buffer, bool head, RawResponse &out)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    out = RawResponse();
    out.status = lines.first().mid(9, 3).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        out.headers.add(line.left(colon), line.mid(colon + 1).trimmed());
    }
    const qsizetype length =
        (head || out.status < 200) ? 0 : out.headers.value("Content-Length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return false;
    out.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return true;
}

class RawClient
{
public:
    explicit RawClient(quint16 port) { socket.connectToHost(QHostAddress::LocalHost, port); }

    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                               5000);
    }

    bool read(int count, QList<RawResponse> &out, bool head = false, int timeoutMs = 10000)
    {
        return QTest::qWaitFor(
            [&] {
                buffer += socket.readAll();
                RawResponse r;
                while (out.size() < count && takeResponse(buffer, head && out.isEmpty(), r))
                    out.append(r);
                return out.size() >= count;
            },
            timeoutMs);
    }

    QTcpSocket socket;
    QByteArray buffer;
};

bool runCurl(const QStringList &args, QByteArray &output, int *exitCode = nullptr)
{
    QProcess curl;
    QSignalSpy finished(&curl, &QProcess::finished);
    curl.start(QStringLiteral("/usr/bin/curl"), args);
    if (!finished.wait(30000))
        return false;
    output = curl.readAllStandardOutput();
    if (exitCode)
        *exitCode = curl.exitCode();
    return exitCode || curl.exitCode() == 0;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void keepAliveWithCurl();
    void chunkedUploadWithCurl();
    void expectContinueWithCurl();
    void expectContinueRaw();
    void unknownExpectation();
    void headWithCurl();
    void headSendsNoBody();
    void bigResponseWithCurl();
    void oversizedBodyWithCurl();
    void oversizedBodyRaw();
    void malformedRequest_data();
    void malformedRequest();
    void pipelinedResponsesStayInOrder();
    void pipelinedAnswersLeaveTogether();
    void continueFollowsEarlierAnswers();
    void clientLeavesBeforeAsyncAnswer();
    void responseFraming();
    void http10ClosesUnlessKeepAlive();
    void pythonClientKeepsConnection();
    void headerTimeoutAnswers408();
    void idleTimeoutClosesQuietly();
    void stalledBodyAnswers408();
    void handlerClosesConnection();
    void closeDropsConnections();
    void clientNotReadingIsNotFlooded();
    void upgradeIsAnsweredThenClosed();
    void throughputWithWrk();

private:
    void startServer(HttpServerLimits limits = {});
    QString url(const char *path) const;
    void checkServesNextClient();

    std::unique_ptr<TestHandler> m_handler;
    std::unique_ptr<HttpServer> m_server;
    QTemporaryDir m_dir;
};

void TestHttpServer::init()
{
    m_handler = std::make_unique<TestHandler>();
    startServer();
}

void TestHttpServer::cleanup()
{
    m_server.reset();
    m_handler.reset();
}

void TestHttpServer::startServer(HttpServerLimits limits)
{
    m_server = std::make_unique<HttpServer>(m_handler.get(), limits);
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0), qPrintable(m_server->errorString()));
    QVERIFY(m_server->serverPort() != 0);
    QCOMPARE(m_server->serverAddress(), QHostAddress(QHostAddress::LocalHost));
}

QString TestHttpServer::url(const char *path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2")
        .arg(m_server->serverPort())
        .arg(QLatin1String(path));
}

void TestHttpServer::checkServesNextClient()
{
    QByteArray out;
    QVERIFY(runCurl({QStringLiteral("-s"), QStringLiteral("--data-binary"), QStringLiteral("next"),
                     url("/echo")},
                    out));
    QCOMPARE(out, QByteArray("next"));
}

void TestHttpServer::keepAliveWithCurl()
{
    QByteArray out;
    QVERIFY(runCurl({QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                     QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                     QStringLiteral("%{num_connects} %{http_code};"), url("/a?x=1"), url("/b")},
                    out));
    QCOMPARE(out, QByteArray("1 200;0 200;"));
    QCOMPARE(m_handler->requests.size(), 2);
    QCOMPARE(m_handler->requests.at(0).query, QByteArray("x=1"));
    QCOMPARE(m_handler->requests.at(0).peerPort, m_handler->requests.at(1).peerPort);
    QCOMPARE(m_handler->requests.at(0).localPort, m_server->serverPort());
    QCOMPARE(m_handler->requests.at(0).peerAddress, QHostAddress(QHostAddress::LocalHost));
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void TestHttpServer::chunkedUploadWithCurl()
{
    QByteArray payload;
    for (int i = 0; i < 30000; ++i)
        payload += QByteArray::number(i) + ',';
    const QString file = m_dir.filePath(QStringLiteral("chunked.bin"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(payload);
    f.close();
    QByteArray out;
    QVERIFY(runCurl({QStringLiteral("-s"), QStringLiteral("-H"),
                     QStringLiteral("Transfer-Encoding: chunked"), QStringLiteral("--data-binary"),
                     QLatin1Char('@') + file, url("/echo")},
                    out));
    QCOMPARE(m_handler->requests.size(), 1);
    QCOMPARE(m_handler->requests.first().headers.value("transfer-encoding"), QByteArray("chunked"));
    QCOMPARE(m_handler->requests.first().body, payload);
    QCOMPARE(out, payload);
}

void TestHttpServer::expectContinueWithCurl()
{
    const QByteArray payload(3 * 1024 * 1024 + 17, 'e');
    const QString file = m_dir.filePath(QStringLiteral("expect.bin"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(payload);
    f.close();
    QByteArray out;
    // curl waits 1 s for "100 Continue" before sending anyway; a quick answer proves we sent it
    QVERIFY(
        runCurl({QStringLiteral("-s"), QStringLiteral("--expect100-timeout"), QStringLiteral("20"),
                 QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                 QStringLiteral("%{http_code} %{size_upload} %{time_total}"),
                 QStringLiteral("--data-binary"), QLatin1Char('@') + file, url("/echo")},
                out));
    const QList<QByteArray> parts = out.split(' ');
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(0), QByteArray("200"));
    QCOMPARE(parts.at(1).toLongLong(), payload.size());
    QVERIFY2(parts.at(2).toDouble() < 10.0, out.constData());
    QCOMPARE(m_handler->requests.size(), 1);
    QCOMPARE(m_handler->requests.first().headers.value("Expect"), QByteArray("100-continue"));
    QCOMPARE(m_handler->requests.first().body.size(), payload.size());
}

void TestHttpServer::expectContinueRaw()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write(
        "PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    QTRY_COMPARE(client.socket.bytesAvailable(), qint64(25));
    QCOMPARE(client.socket.readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    QVERIFY(m_handler->requests.isEmpty());
    client.socket.write("hello");
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(responses.first().status, 200);
    QCOMPARE(responses.first().body, QByteArray("hello"));
}

void TestHttpServer::unknownExpectation()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write(
        "PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 5\r\n\r\n");
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(responses.first().status, 417);
    QCOMPARE(responses.first().headers.value("Connection"), QByteArray("close"));
    QVERIFY(m_handler->requests.isEmpty());
}

void TestHttpServer::headWithCurl()
{
    QByteArray out;
    QVERIFY(runCurl({QStringLiteral("-s"), QStringLiteral("-I"), QStringLiteral("-H"),
                     QStringLiteral("Content-Type: text/plain"), url("/big")},
                    out));
    QVERIFY2(out.startsWith("HTTP/1.1 200 OK\r\n"), out.constData());
    QVERIFY2(out.contains("Content-Length: 5242880\r\n"), out.constData());
    QCOMPARE(m_handler->requests.first().method, QByteArray("HEAD"));
}

void TestHttpServer::headSendsNoBody()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("HEAD /big HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\n"
                        "Content-Length: 4\r\n\r\nnext");
    QList<RawResponse> responses;
    QVERIFY(client.read(2, responses, true));
    QCOMPARE(responses.at(0).headers.value("Content-Length"), QByteArray("5242880"));
    QVERIFY(responses.at(0).body.isEmpty());
    QCOMPARE(responses.at(1).body, QByteArray("next"));
    QVERIFY(client.buffer.isEmpty());
}

void TestHttpServer::bigResponseWithCurl()
{
    QByteArray out;
    QVERIFY(runCurl({QStringLiteral("-s"), url("/big")}, out));
    QCOMPARE(out.size(), TestHandler::bigBody().size());
    QCOMPARE(out, TestHandler::bigBody());
}

void TestHttpServer::oversizedBodyWithCurl()
{
    const QString file = m_dir.filePath(QStringLiteral("20mb.bin"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(20 * 1024 * 1024, 'z'));
    f.close();
    QByteArray out;
    int exitCode = -1;
    QVERIFY(runCurl({QStringLiteral("-s"), QStringLiteral("-w"),
                     QStringLiteral("|%{http_code}|%{content_type}"),
                     QStringLiteral("--data-binary"), QLatin1Char('@') + file, url("/echo")},
                    out, &exitCode));
    QCOMPARE(out, QByteArray("{\"message\":\"Request Entity Too Large\"}|413|application/json"));
    QVERIFY(m_handler->requests.isEmpty());
    checkServesNextClient();
}

void TestHttpServer::oversizedBodyRaw()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 20971520\r\n\r\n");
    client.socket.write(QByteArray(20 * 1024 * 1024, 'r')); // no Expect: the body comes anyway
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(responses.first().status, 413);
    QCOMPARE(responses.first().headers.value("Content-Type"), QByteArray("application/json"));
    QCOMPARE(responses.first().body, QByteArray("{\"message\":\"Request Entity Too Large\"}"));
    QCOMPARE(responses.first().headers.value("Connection"), QByteArray("close"));
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(m_handler->requests.isEmpty());
    checkServesNextClient();
}

void TestHttpServer::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("bad version token")
        << QByteArray("GET / HTTX/1.1\r\n\r\n") << 400
        << QByteArray("{\"message\":\"Bad Request: invalid request line\"}");
    QTest::newRow("header without colon")
        << QByteArray("GET / HTTP/1.1\r\nNo colon here\r\n\r\n") << 400
        << QByteArray("{\"message\":\"Bad Request: invalid character in header\"}");
    QTest::newRow("space in header name")
        << QByteArray("GET / HTTP/1.1\r\nBad Name: 1\r\n\r\n") << 400
        << QByteArray("{\"message\":\"Bad Request: invalid character in header name\"}");
    QTest::newRow("binary junk") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                                 << 400
                                 << QByteArray(
                                        "{\"message\":\"Bad Request: invalid HTTP method\"}");
    QTest::newRow("HTTP/2 prior knowledge")
        << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505
        << QByteArray("{\"message\":\"HTTP Version Not Supported\"}");
    QTest::newRow("URI too long") << QByteArray("GET /" + QByteArray(20000, 'u') +
                                                " HTTP/1.1\r\n\r\n")
                                  << 414 << QByteArray("{\"message\":\"Request-URI Too Long\"}");
    QTest::newRow("headers too large")
        << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(70000, 'h') + "\r\n\r\n") << 431
        << QByteArray("{\"message\":\"Request Header Fields Too Large\"}");
}

void TestHttpServer::malformedRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write(request);
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(responses.first().status, status);
    QCOMPARE(responses.first().body, body);
    QCOMPARE(responses.first().headers.value("Content-Type"), QByteArray("application/json"));
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(m_handler->requests.isEmpty());
    checkServesNextClient();
}

void TestHttpServer::pipelinedResponsesStayInOrder()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirst"
                        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nsecond");
    QList<RawResponse> responses;
    QVERIFY(client.read(3, responses));
    QCOMPARE(responses.at(0).body, QByteArray("slow"));
    QCOMPARE(responses.at(1).body, QByteArray("first"));
    QCOMPARE(responses.at(2).body, QByteArray("second"));
    QCOMPARE(m_handler->openWhenAnswering, QList<bool>{true});
}

// Answers to requests that arrived together are written in one go after the last of them, not
// one send() each: while the 20th is handled, nothing has reached the client yet.
void TestHttpServer::pipelinedAnswersLeaveTogether()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    m_handler->peekDescriptor = int(client.socket.socketDescriptor());
    const int count = 20;
    QByteArray burst;
    for (int i = 0; i < count; ++i)
        burst += "POST /peek HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n" + QByteArray::number(10 + i);
    client.socket.write(burst);
    QList<RawResponse> responses;
    QVERIFY(client.read(count, responses));
    for (int i = 0; i < count; ++i)
        QCOMPARE(responses.at(i).body, QByteArray::number(10 + i));
    QCOMPARE(m_handler->clientBytesWhenHandled, QList<int>(count, 0));
}

// A 100 Continue for a pipelined request must not overtake the answers held for the ones before.
void TestHttpServer::continueFollowsEarlierAnswers()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirst"
                        "PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 6\r\n\r\n");
    QList<RawResponse> responses;
    QVERIFY(client.read(2, responses));
    QCOMPARE(responses.at(0).status, 200);
    QCOMPARE(responses.at(0).body, QByteArray("first"));
    QCOMPARE(responses.at(1).status, 100);
    client.socket.write("second");
    QVERIFY(client.read(3, responses));
    QCOMPARE(responses.at(2).body, QByteArray("second"));
}

void TestHttpServer::clientLeavesBeforeAsyncAnswer()
{
    {
        RawClient client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_handler->requests.size(), 1);
        client.socket.abort();
    }
    QTRY_COMPARE(m_handler->closedSignals, 1);
    QTRY_COMPARE(m_handler->slowAnswered, 1);
    QCOMPARE(m_handler->openWhenAnswering, QList<bool>{false});
    QTRY_COMPARE(m_server->connectionCount(), 0);
    checkServesNextClient();
}

void TestHttpServer::responseFraming()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("POST /framing HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    const RawResponse &r = responses.first();
    QCOMPARE(r.headers.values("Content-Length"), QByteArrayList{"3"});
    QVERIFY(!r.headers.contains("Transfer-Encoding"));
    QVERIFY(!r.headers.contains("X-Split"));
    QVERIFY(!r.headers.contains("Injected"));
    QCOMPARE(r.headers.value("X-Method"), QByteArray("POST"));
    QVERIFY(!r.headers.contains("Connection"));
    const QRegularExpression imfFixdate(QStringLiteral(
        "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
        "\\d{4} \\d\\d:\\d\\d:\\d\\d GMT$"));
    const QString date = QString::fromLatin1(r.headers.value("Date"));
    QVERIFY2(imfFixdate.match(date).hasMatch(), qPrintable(date));
    const QDateTime parsed = QDateTime::fromString(date, Qt::RFC2822Date);
    QVERIFY(qAbs(parsed.secsTo(QDateTime::currentDateTimeUtc())) < 5);
    QCOMPARE(r.body, QByteArray("abc"));
}

void TestHttpServer::http10ClosesUnlessKeepAlive()
{
    RawClient keep(m_server->serverPort());
    QVERIFY(keep.waitConnected());
    keep.socket.write("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
    QList<RawResponse> responses;
    QVERIFY(keep.read(2, responses));
    QCOMPARE(responses.at(0).headers.value("Connection"), QByteArray("keep-alive"));
    QCOMPARE(responses.at(1).headers.value("Connection"), QByteArray("close"));
    QTRY_COMPARE(keep.socket.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(m_handler->requests.size(), 2);
}

void TestHttpServer::pythonClientKeepsConnection()
{
    const QString script = QStringLiteral(
        "import http.client, sys\n"
        "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=10)\n"
        "out = []\n"
        "for method, path, body in [('POST','/echo',b'one'), ('HEAD','/big',None), "
        "('GET','/big',None), ('PUT','/echo',b'x'*100000)]:\n"
        "    c.request(method, path, body=body)\n"
        "    r = c.getresponse()\n"
        "    data = r.read()\n"
        "    out.append('%d:%d:%s' % (r.status, len(data), r.getheader('Content-Length')))\n"
        "print(' '.join(out), c.sock.getsockname()[1] if c.sock else 'closed')\n");
    QProcess python;
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), script, QString::number(m_server->serverPort())});
    QVERIFY(finished.wait(30000));
    const QByteArray out = python.readAllStandardOutput().trimmed();
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    QVERIFY2(out.startsWith("200:3:3 200:0:5242880 200:5242880:5242880 200:100000:100000 "),
             out.constData());
    QCOMPARE(m_handler->requests.size(), 4);
    const quint16 port = m_handler->requests.first().peerPort;
    for (const Core::HttpRequest &r : std::as_const(m_handler->requests))
        QCOMPARE(r.peerPort, port);
    QCOMPARE(out.mid(out.lastIndexOf(' ') + 1).toUShort(), port);
}

void TestHttpServer::headerTimeoutAnswers408()
{
    HttpServerLimits limits;
    limits.headerTimeoutMs = 300;
    startServer(limits);
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("GET /slowloris HTTP/1.1\r\nHost: x\r\n");
    QElapsedTimer timer;
    timer.start();
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(responses.first().status, 408);
    QCOMPARE(responses.first().body, QByteArray("{\"message\":\"Request Timeout\"}"));
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(m_handler->requests.isEmpty());
}

void TestHttpServer::idleTimeoutClosesQuietly()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 300;
    startServer(limits);
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(m_server->connectionCount(), 1);
    QSignalSpy disconnected(&client.socket, &QTcpSocket::disconnected);
    QVERIFY(disconnected.wait(5000));
    QVERIFY(client.buffer.isEmpty());
    QVERIFY(client.socket.readAll().isEmpty());
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void TestHttpServer::stalledBodyAnswers408()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 300;
    startServer(limits);
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(responses.first().status, 408);
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(m_handler->requests.isEmpty());
}

void TestHttpServer::handlerClosesConnection()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write(
        "GET /close HTTP/1.1\r\nHost: x\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n");
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(responses.first().headers.values("Connection"), QByteArrayList{"close"});
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(m_handler->requests.size(), 1);
}

void TestHttpServer::closeDropsConnections()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE(m_handler->requests.size(), 1);
    QCOMPARE(m_server->connectionCount(), 1);
    m_server->close();
    QCOMPARE(m_server->connectionCount(), 0);
    QCOMPARE(m_handler->closedSignals, 1);
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(m_handler->slowAnswered, 1);
    QCOMPARE(m_handler->openWhenAnswering, QList<bool>{false});
}

void TestHttpServer::clientNotReadingIsNotFlooded()
{
    RawClient client(m_server->serverPort());
    client.socket.setReadBufferSize(64 * 1024);
    QVERIFY(client.waitConnected());
    const int pipelined = 12;
    client.socket.write(QByteArray("GET /big HTTP/1.1\r\nHost: x\r\n\r\n").repeated(pipelined));
    QTRY_VERIFY(!m_handler->requests.isEmpty());
    QTest::qWait(400);
    const qsizetype handled = m_handler->requests.size();
    QVERIFY2(handled >= 1 && handled < pipelined, QByteArray::number(handled).constData());
    client.socket.setReadBufferSize(0);
    QList<RawResponse> responses;
    QVERIFY(client.read(pipelined, responses, false, 60000));
    for (const RawResponse &r : std::as_const(responses))
        QCOMPARE(r.body.size(), TestHandler::bigBody().size());
    QCOMPARE(m_handler->requests.size(), pipelined);
}

void TestHttpServer::upgradeIsAnsweredThenClosed()
{
    RawClient client(m_server->serverPort());
    QVERIFY(client.waitConnected());
    client.socket.write(
        "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        "\x81\x05hello");
    QList<RawResponse> responses;
    QVERIFY(client.read(1, responses));
    QCOMPARE(responses.first().status, 200);
    QCOMPARE(responses.first().headers.value("Connection"), QByteArray("close"));
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(m_handler->requests.size(), 1);
    QCOMPARE(m_handler->requests.first().headers.value("upgrade"), QByteArray("websocket"));
}

// The front alone must leave most of the 2,000 requests/s, p99 < 25 ms budget to the workers.
void TestHttpServer::throughputWithWrk()
{
    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (wrk.isEmpty())
        QSKIP("wrk is not installed");
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(wrk, {QStringLiteral("-t1"), QStringLiteral("-c16"), QStringLiteral("-d2s"),
                        QStringLiteral("--latency"), url("/echo")});
    QVERIFY(finished.wait(30000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QCOMPARE(process.exitCode(), 0);
    const QRegularExpression rate(QStringLiteral("Requests/sec:\\s+([0-9.]+)"));
    const QRegularExpression p99(QStringLiteral("99%\\s+([0-9.]+)(us|ms|s)"));
    const QRegularExpressionMatch rateMatch = rate.match(out);
    const QRegularExpressionMatch p99Match = p99.match(out);
    QVERIFY2(rateMatch.hasMatch() && p99Match.hasMatch(), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("Non-2xx")) &&
                 !out.contains(QLatin1String("Socket errors")),
             qPrintable(out));
    const double perSecond = rateMatch.captured(1).toDouble();
    const QString unit = p99Match.captured(2);
    const double p99Ms = p99Match.captured(1).toDouble() * (unit == QLatin1String("us")  ? 0.001
                                                            : unit == QLatin1String("s") ? 1000.0
                                                                                         : 1.0);
    qInfo("HTTP front alone: %.0f requests/s, p99 %.2f ms (wrk -t1 -c16, immediate handler)",
          perSecond, p99Ms);
    QVERIFY2(perSecond >= 2000, qPrintable(out));
    QVERIFY2(p99Ms < 25, qPrintable(out));
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
