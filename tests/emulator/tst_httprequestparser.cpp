#include "core/emulator/httprequestparser.h"

#include <QTest>

using Gatehouse::Emulator::HttpRequestParser;
using Gatehouse::Emulator::HttpServerLimits;

namespace {

struct Outcome
{
    QList<HttpRequestParser::ParsedRequest> requests;
    int errorStatus = 0;
    QByteArray errorMessage;
    bool readingBody = false;
};

HttpServerLimits smallLimits()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 1000;
    return limits;
}

Outcome parse(const QByteArray &input, qsizetype step, const HttpServerLimits &limits)
{
    HttpRequestParser parser(limits);
    Outcome out;
    for (qsizetype at = 0; at < input.size(); at += step) {
        if (!parser.feed(input.constData() + at, qMin(step, input.size() - at)))
            break;
    }
    while (parser.hasRequest())
        out.requests.append(parser.takeRequest());
    out.errorStatus = parser.error().status;
    out.errorMessage = parser.error().message;
    out.readingBody = parser.isReadingBody();
    return out;
}

QByteArray repeated(char c, qsizetype n)
{
    return QByteArray(n, c);
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void requests_data();
    void requests();
    void requestsOneByteAtATime_data() { requests_data(); }
    void requestsOneByteAtATime();
    void headerOrderAndCase();
    void chunkedTrailersAreNotHeaders();
    void bodyLimitBeforeBody();
    void expectContinueReportsHeadersComplete();
    void closeIgnoresLaterBytes();
    void errorKeepsEarlierRequests();

private:
    void check(qsizetype step);
};

void TestHttpRequestParser::requests_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("methods");
    QTest::addColumn<QByteArrayList>("paths");
    QTest::addColumn<QByteArrayList>("queries");
    QTest::addColumn<QByteArrayList>("bodies");
    QTest::addColumn<QList<bool>>("keepAlive");
    QTest::addColumn<int>("errorStatus");

    const QByteArrayList none;
    QTest::newRow("simple GET") << QByteArray("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                                << QByteArrayList{"GET"} << QByteArrayList{"/hello"}
                                << QByteArrayList{""} << QByteArrayList{""} << QList<bool>{true}
                                << 0;
    QTest::newRow("raw query kept")
        << QByteArray("DELETE /a%20b/c?x=1&y=%2F HTTP/1.1\r\nHost: x\r\n\r\n")
        << QByteArrayList{"DELETE"} << QByteArrayList{"/a%20b/c"} << QByteArrayList{"x=1&y=%2F"}
        << QByteArrayList{""} << QList<bool>{true} << 0;
    QTest::newRow("absolute-form target")
        << QByteArray("GET http://example.test:81/p?q HTTP/1.1\r\nHost: x\r\n\r\n")
        << QByteArrayList{"GET"} << QByteArrayList{"/p"} << QByteArrayList{"q"}
        << QByteArrayList{""} << QList<bool>{true} << 0;
    QTest::newRow("POST with Content-Length")
        << QByteArray("POST /f HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world")
        << QByteArrayList{"POST"} << QByteArrayList{"/f"} << QByteArrayList{""}
        << QByteArrayList{"hello world"} << QList<bool>{true} << 0;
    QTest::newRow("two pipelined requests")
        << QByteArray("POST /one HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                      "GET /two?z HTTP/1.1\r\nHost: x\r\n\r\n")
        << QByteArrayList{"POST", "GET"} << QByteArrayList{"/one", "/two"}
        << QByteArrayList{"", "z"} << QByteArrayList{"abc", ""} << QList<bool>{true, true} << 0;
    QTest::newRow("chunked with extensions and trailers")
        << QByteArray("PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n6;x\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
        << QByteArrayList{"PUT"} << QByteArrayList{"/c"} << QByteArrayList{""}
        << QByteArrayList{"hello world"} << QList<bool>{true} << 0;
    QTest::newRow("HTTP/1.0 closes by default")
        << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArrayList{"GET"} << QByteArrayList{"/"}
        << QByteArrayList{""} << QByteArrayList{""} << QList<bool>{false} << 0;
    QTest::newRow("HTTP/1.0 with keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << QByteArrayList{"GET"}
        << QByteArrayList{"/"} << QByteArrayList{""} << QByteArrayList{""} << QList<bool>{true}
        << 0;
    QTest::newRow("HTTP/1.1 Connection: close")
        << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << QByteArrayList{"GET"}
        << QByteArrayList{"/"} << QByteArrayList{""} << QByteArrayList{""} << QList<bool>{false}
        << 0;
    QTest::newRow("malformed request line") << QByteArray("GET /x HTTX/1.1\r\n\r\n") << none << none
                                            << none << none << QList<bool>{} << 400;
    QTest::newRow("unknown method") << QByteArray("FROB / HTTP/1.1\r\n\r\n") << none << none << none
                                    << none << QList<bool>{} << 400;
    QTest::newRow("space in header name") << QByteArray("GET / HTTP/1.1\r\nBad Header: 1\r\n\r\n")
                                          << none << none << none << none << QList<bool>{} << 400;
    QTest::newRow("Content-Length and chunked")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
        << none << none << none << none << QList<bool>{} << 400;
    QTest::newRow("bad chunk size")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << none << none
        << none << none << QList<bool>{} << 400;
    QTest::newRow("header block too large")
        << QByteArray("GET / HTTP/1.1\r\nX-Big: " + repeated('a', 70 * 1024) + "\r\n\r\n") << none
        << none << none << none << QList<bool>{} << 431;
    QTest::newRow("many headers too large")
        << QByteArray("GET / HTTP/1.1\r\n" + QByteArray("X-A: 0123456789\r\n").repeated(5000) +
                      "\r\n")
        << none << none << none << none << QList<bool>{} << 431;
    QTest::newRow("URI too long") << QByteArray("GET /" + repeated('u', 17 * 1024) +
                                                " HTTP/1.1\r\n\r\n")
                                  << none << none << none << none << QList<bool>{} << 414;
    QTest::newRow("Content-Length over limit")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n") << none << none << none
        << none << QList<bool>{} << 413;
    QTest::newRow("chunked over limit")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "1f4\r\n" +
                      repeated('a', 500) + "\r\n1f5\r\n")
        << none << none << none << none << QList<bool>{} << 413;
    QTest::newRow("HTTP/2.0 request line") << QByteArray("GET / HTTP/2.0\r\n\r\n") << none << none
                                           << none << none << QList<bool>{} << 505;
    QTest::newRow("HTTP/1.2 request line") << QByteArray("GET / HTTP/1.2\r\n\r\n") << none << none
                                           << none << none << QList<bool>{} << 505;
}

void TestHttpRequestParser::check(qsizetype step)
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, methods);
    QFETCH(QByteArrayList, paths);
    QFETCH(QByteArrayList, queries);
    QFETCH(QByteArrayList, bodies);
    QFETCH(QList<bool>, keepAlive);
    QFETCH(int, errorStatus);

    const Outcome out = parse(input, step, smallLimits());
    QCOMPARE(out.errorStatus, errorStatus);
    if (errorStatus == 400)
        QVERIFY2(out.errorMessage.startsWith("Bad Request: "), out.errorMessage.constData());
    QCOMPARE(out.requests.size(), methods.size());
    for (qsizetype i = 0; i < out.requests.size(); ++i) {
        const auto &r = out.requests.at(i);
        QCOMPARE(r.request.method, methods.at(i));
        QCOMPARE(r.request.path, paths.at(i));
        QCOMPARE(r.request.query, queries.at(i));
        QCOMPARE(r.request.body, bodies.at(i));
        QCOMPARE(r.keepAlive, keepAlive.at(i));
        QVERIFY(r.request.target.startsWith(r.request.path) || r.request.target.contains("://"));
    }
}

void TestHttpRequestParser::requests()
{
    check(1 << 30);
}

void TestHttpRequestParser::requestsOneByteAtATime()
{
    check(1);
}

void TestHttpRequestParser::headerOrderAndCase()
{
    const QByteArray input("GET / HTTP/1.1\r\nHost: h\r\nx-lower: 1\r\nX-MiXeD: two words\r\n"
                           "X-Empty:\r\nx-lower: 3\r\nAccept:  spaced  \r\n\r\n");
    for (qsizetype step : {qsizetype(1), qsizetype(7), input.size()}) {
        const Outcome out = parse(input, step, {});
        QCOMPARE(out.requests.size(), 1);
        const auto &headers = out.requests.first().request.headers;
        const QList<QPair<QByteArray, QByteArray>> expected{
            {"Host", "h"},   {"x-lower", "1"}, {"X-MiXeD", "two words"},
            {"X-Empty", ""}, {"x-lower", "3"}, {"Accept", "spaced  "}};
        QCOMPARE(headers.fields(), expected);
        QCOMPARE(headers.values("X-LOWER"), (QByteArrayList{"1", "3"}));
    }
}

void TestHttpRequestParser::chunkedTrailersAreNotHeaders()
{
    const Outcome out = parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n",
                              5, {});
    QCOMPARE(out.requests.size(), 1);
    QVERIFY(!out.requests.first().request.headers.contains("X-Trailer"));
    QCOMPARE(out.requests.first().request.body, QByteArray("abc"));
}

void TestHttpRequestParser::bodyLimitBeforeBody()
{
    HttpRequestParser parser(smallLimits());
    const QByteArray head("PUT /big HTTP/1.1\r\nContent-Length: 20000000\r\n\r\n");
    QVERIFY(!parser.feed(head.constData(), head.size()));
    QCOMPARE(parser.error().status, 413);
    QCOMPARE(parser.error().message, QByteArray("Request Entity Too Large"));
    QVERIFY(!parser.feed("abc", 3));
    QVERIFY(!parser.hasRequest());
}

void TestHttpRequestParser::expectContinueReportsHeadersComplete()
{
    HttpRequestParser parser;
    QVERIFY(parser.isIdle());
    const QByteArray head("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n");
    QVERIFY(parser.feed(head.constData(), head.size()));
    QVERIFY(!parser.isIdle());
    QVERIFY(!parser.isReadingBody());
    QVERIFY(parser.feed("\r\n", 2));
    QVERIFY(parser.isReadingBody());
    QCOMPARE(parser.requestsBegun(), quint64(1));
    QCOMPARE(parser.currentRequest().headers.value("expect"), QByteArray("100-continue"));
    QCOMPARE(parser.currentRequest().method, QByteArray("POST"));
    QVERIFY(!parser.hasRequest());
    QVERIFY(parser.feed("data", 4));
    QVERIFY(parser.hasRequest());
    QVERIFY(parser.isIdle());
    QCOMPARE(parser.takeRequest().request.body, QByteArray("data"));
}

void TestHttpRequestParser::closeIgnoresLaterBytes()
{
    HttpRequestParser parser;
    const QByteArray input("GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
    QVERIFY(parser.feed(input.constData(), input.size()));
    QVERIFY(parser.isFinished());
    QCOMPARE(parser.queuedRequests(), 1);
    QVERIFY(parser.feed("garbage", 7));
    QVERIFY(!parser.hasError());
    QCOMPARE(parser.takeRequest().request.path, QByteArray("/a"));
}

void TestHttpRequestParser::errorKeepsEarlierRequests()
{
    HttpRequestParser parser;
    const QByteArray input("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nno colon\r\n\r\n");
    QVERIFY(!parser.feed(input.constData(), input.size()));
    QCOMPARE(parser.error().status, 400);
    QCOMPARE(parser.queuedRequests(), 1);
    QCOMPARE(parser.takeRequest().request.path, QByteArray("/a"));
}

QTEST_APPLESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
