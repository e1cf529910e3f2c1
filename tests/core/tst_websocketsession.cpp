// WebSocketSession against Debian's python3-websockets server (tests/core/wstestserver.py),
// and the MessageLog model with QAbstractItemModelTester.
#include "core/websocket/messagelog.h"
#include "core/websocket/websocketsession.h"
#include "wstestserver.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace Gatehouse::Core;

namespace {

struct Received
{
    WebSocketOpcode opcode;
    QByteArray payload;
};

// Collects received frames of one session.
QList<Received> *collect(WebSocketSession &session, QObject *context)
{
    auto *list = new QList<Received>;
    QObject::connect(&session, &WebSocketSession::frame, context,
                     [list](WebSocketDirection direction, WebSocketOpcode opcode,
                            const QByteArray &payload, qint64) {
                         if (direction == WebSocketDirection::Received)
                             list->append({opcode, payload});
                     });
    QObject::connect(context, &QObject::destroyed, context, [list] { delete list; });
    return list;
}

} // namespace

class tst_WebSocketSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<WsTestServer>();
        if (!m_server->isRunning())
            QFAIL(
                "python3-websockets test server did not start (is python3-websockets installed?)");
    }
    void cleanupTestCase() { m_server.reset(); }

    void closeCodesInWords_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("normal") << 1000 << QStringLiteral("normal closure");
        QTest::newRow("going away") << 1001 << QStringLiteral("going away");
        QTest::newRow("abnormal") << 1006 << QStringLiteral("abnormal closure (no close frame)");
        QTest::newRow("policy") << 1008 << QStringLiteral("policy violation");
        QTest::newRow("too big") << 1009 << QStringLiteral("message too big");
        QTest::newRow("server error") << 1011 << QStringLiteral("internal server error");
        QTest::newRow("application") << 4001 << QStringLiteral("application code 4001");
    }
    void closeCodesInWords()
    {
        QFETCH(int, code);
        QFETCH(QString, words);
        QCOMPARE(webSocketCloseCodeText(code), words);
    }

    void invalidOptionsAreRefusedBeforeConnecting_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("http scheme")
            << QStringLiteral("http://127.0.0.1/") << QStringLiteral("ws:// or wss://");
        QTest::newRow("no host") << QStringLiteral("ws://") << QStringLiteral("not a valid URL");
    }
    void invalidOptionsAreRefusedBeforeConnecting()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        WebSocketSession session;
        WebSocketConnectOptions options;
        options.url = QUrl(url);
        const auto result = session.open(options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
        QCOMPARE(session.state(), WebSocketSession::State::Idle);
    }

    void headersSubprotocolAndBearerArrive()
    {
        WebSocketSession session;
        auto *frames = collect(session, &session);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/headers?x=1")));
        options.headers.add("X-Trace", "abc 123");
        options.subprotocols = {QStringLiteral("nope"), QStringLiteral("chat.v1")};
        options.auth = WebSocketAuth::BearerToken;
        options.token = QStringLiteral("tok.en");
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(frames->size(), 1, 10000);
        QCOMPARE(session.negotiatedSubprotocol(), QStringLiteral("chat.v1"));
        const QJsonObject seen = QJsonDocument::fromJson(frames->at(0).payload).object();
        QCOMPARE(seen.value(QStringLiteral("subprotocol")).toString(), QStringLiteral("chat.v1"));
        QCOMPARE(seen.value(QStringLiteral("path")).toString(), QStringLiteral("/headers?x=1"));
        const QJsonObject headers = seen.value(QStringLiteral("headers")).toObject();
        QCOMPARE(headers.value(QStringLiteral("x-trace")).toString(), QStringLiteral("abc 123"));
        QCOMPARE(headers.value(QStringLiteral("authorization")).toString(),
                 QStringLiteral("Bearer tok.en"));
        QCOMPARE(headers.value(QStringLiteral("sec-websocket-protocol")).toString(),
                 QStringLiteral("nope, chat.v1"));
        session.close();
        QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
        QVERIFY(!session.lastError().isError());
    }

    void queryTokenIsAddedToThePath()
    {
        WebSocketSession session;
        auto *frames = collect(session, &session);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/headers")));
        options.auth = WebSocketAuth::QueryToken;
        options.token = QStringLiteral("a b&c");
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(frames->size(), 1, 10000);
        const QJsonObject seen = QJsonDocument::fromJson(frames->at(0).payload).object();
        QCOMPARE(seen.value(QStringLiteral("path")).toString(),
                 QStringLiteral("/headers?token=a%20b%26c"));
    }

    void sigV4PresignsTheHandshakeUrl()
    {
        WebSocketConnectOptions options;
        options.url = QUrl(QStringLiteral("wss://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
        options.auth = WebSocketAuth::SigV4;
        options.region = QStringLiteral("eu-west-1");
        options.credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
        options.credentials.secretAccessKey =
            QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        const auto url =
            webSocketHandshakeUrl(options, QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC));
        QVERIFY(url.ok());
        const QUrlQuery query(*url);
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Algorithm")),
                 QStringLiteral("AWS4-HMAC-SHA256"));
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded),
                 QStringLiteral("AKIDEXAMPLE/20150830/eu-west-1/execute-api/aws4_request"));
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Expires")), QStringLiteral("300"));
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Signature")).size(), 64);
        QVERIFY(!url->toString().contains(options.credentials.secretAccessKey));
    }

    // The presigned handshake URL equals what botocore's SigV4QueryAuth (Debian's
    // python3-botocore) makes for the same request, keys and time.
    void sigV4PresignMatchesBotocore()
    {
        WebSocketConnectOptions options;
        options.url = QUrl(
            QStringLiteral("wss://abc123.execute-api.eu-west-1.amazonaws.com/prod?room=a%20b"));
        options.auth = WebSocketAuth::SigV4;
        options.region = QStringLiteral("eu-west-1");
        options.credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
        options.credentials.secretAccessKey =
            QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        const auto url =
            webSocketHandshakeUrl(options, QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC));
        QVERIFY(url.ok());

        const QStringList script = {
            QStringLiteral("import datetime"),
            QStringLiteral("from unittest import mock"),
            QStringLiteral("from botocore.auth import SigV4QueryAuth"),
            QStringLiteral("from botocore.awsrequest import AWSRequest"),
            QStringLiteral("from botocore.credentials import Credentials"),
            QStringLiteral(
                "r = AWSRequest(method='GET', "
                "url='https://abc123.execute-api.eu-west-1.amazonaws.com/prod?room=a%20b')"),
            QStringLiteral("with mock.patch('botocore.auth.datetime') as dt:"),
            QStringLiteral(
                "    dt.datetime.utcnow.return_value = datetime.datetime(2015, 8, 30, 12, 36, 0)"),
            QStringLiteral("    SigV4QueryAuth(Credentials('AKIDEXAMPLE', "
                           "'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'), "
                           "'execute-api', 'eu-west-1', expires=300).add_auth(r)"),
            QStringLiteral("print(r.url)"),
        };
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), script.join(QLatin1Char('\n'))});
        QVERIFY(python.waitForFinished(30000));
        const QByteArray botocoreUrl = python.readAllStandardOutput().trimmed();
        if (botocoreUrl.isEmpty())
            QFAIL(python.readAllStandardError().constData());
        // The same parameters and signature; the order of the X-Amz-* parameters is not signed
        // and differs (ours is the order of the SigV4 signer).
        auto sortedItems = [](const QUrl &u) {
            QStringList items = u.query(QUrl::FullyEncoded).split(QLatin1Char('&'));
            items.sort();
            return items;
        };
        const QUrl expected = QUrl::fromEncoded(botocoreUrl);
        QCOMPARE(sortedItems(*url), sortedItems(expected));
        QCOMPARE(
            QUrlQuery(*url).queryItemValue(QStringLiteral("X-Amz-Signature")),
            QStringLiteral("5d9a98c1b9262d1bea796ea8afc56950c7ac9e55154b4350df849dc897234358"));
    }

    void textAndBinaryEcho()
    {
        WebSocketSession session;
        auto *frames = collect(session, &session);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/echo")));
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Open, 10000);
        QVERIFY(session.sendText(QStringLiteral("h\u00e9llo \U0001F600")));
        const QByteArray binary("\x00\x01\xfe\xff", 4);
        QVERIFY(session.sendBinary(binary));
        QTRY_COMPARE_WITH_TIMEOUT(frames->size(), 2, 10000);
        QSignalSpy pong(&session, &WebSocketSession::pongReceived);
        QVERIFY(session.ping("p1"));
        QTRY_COMPARE_WITH_TIMEOUT(frames->size(), 3, 10000);
        QCOMPARE(frames->at(0).opcode, WebSocketOpcode::Text);
        QCOMPARE(QString::fromUtf8(frames->at(0).payload), QStringLiteral("h\u00e9llo \U0001F600"));
        QCOMPARE(frames->at(1).opcode, WebSocketOpcode::Binary);
        QCOMPARE(frames->at(1).payload, binary);
        QCOMPARE(frames->at(2).opcode, WebSocketOpcode::Pong);
        QCOMPARE(frames->at(2).payload, QByteArray("p1"));
        QCOMPARE(pong.size(), 1);
        QVERIFY(pong.at(0).at(0).toLongLong() >= 0);
    }

    void sixteenMegabyteFrameRoundTrips()
    {
        WebSocketSession session;
        auto *frames = collect(session, &session);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/echo")));
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Open, 10000);
        QByteArray big(16 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char((i * 7919) & 0xff);
        QVERIFY(session.sendBinary(big));
        QTRY_COMPARE_WITH_TIMEOUT(frames->size(), 1, 30000);
        QCOMPARE(frames->at(0).payload.size(), big.size());
        QVERIFY(frames->at(0).payload == big);
    }

    void serverCloseCodeAndReasonInWords()
    {
        WebSocketSession session;
        QSignalSpy disconnected(&session, &WebSocketSession::disconnected);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/close")));
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
        QCOMPARE(session.closeCode(), 4001);
        QCOMPARE(session.closeReason(), QStringLiteral("bye now"));
        QCOMPARE(session.stateText(),
                 QStringLiteral("Closed: 4001 application code 4001 \u2014 bye now"));
    }

    void refusedHandshakeNamesTheStatus_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("words");
        QTest::newRow("403") << QStringLiteral("/reject") << 403
                             << QStringLiteral("HTTP 403 Forbidden");
        QTest::newRow("400") << QStringLiteral("/reject400") << 400
                             << QStringLiteral("HTTP 400 Bad Request");
    }
    void refusedHandshakeNamesTheStatus()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, words);
        WebSocketSession session;
        QSignalSpy disconnected(&session, &WebSocketSession::disconnected);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(path));
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
        const Error error = session.lastError();
        QVERIFY2(error.httpStatus == status, qPrintable(error.message));
        QVERIFY2(error.message.contains(words), qPrintable(error.message));
    }

    void refusedConnectionInWords()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const int port = closed.serverPort();
        closed.close();
        WebSocketSession session;
        QSignalSpy disconnected(&session, &WebSocketSession::disconnected);
        WebSocketConnectOptions options;
        options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
        QVERIFY2(session.lastError().code == ErrorCode::ConnectionRefused,
                 qPrintable(session.lastError().message));
        QVERIFY2(session.lastError().message.contains(QStringLiteral("is the server running")),
                 qPrintable(session.lastError().message));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // accepts, reads, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        WebSocketSession session;
        QSignalSpy disconnected(&session, &WebSocketSession::disconnected);
        WebSocketConnectOptions options;
        options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(silent.serverPort()));
        options.handshakeTimeoutMs = 500;
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
        QCOMPARE(session.lastError().code, ErrorCode::Timeout);
        QVERIFY2(session.lastError().message.contains(
                     QStringLiteral("did not answer the WebSocket handshake within 0.5 s")),
                 qPrintable(session.lastError().message));
    }

    void invalidUtf8FromTheServerClosesWith1007()
    {
        WebSocketSession session;
        auto *frames = collect(session, &session);
        QSignalSpy disconnected(&session, &WebSocketSession::disconnected);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/badutf8")));
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
        for (const auto &f : *frames)
            QVERIFY(f.opcode != WebSocketOpcode::Text);
        QCOMPARE(session.closeCode(), 1007);
        QVERIFY2(session.lastError().message.contains(QStringLiteral("not UTF-8")),
                 qPrintable(session.lastError().message));
    }

    void peerDroppingMidFrameIsReportedAndEarlierMessagesStay()
    {
        // python3-websockets completes the handshake, sends one whole text, then half of a
        // 200-byte frame, and closes the TCP connection.
        WebSocketSession session;
        MessageLog log;
        QObject::connect(&session, &WebSocketSession::frame, &log, &MessageLog::append);
        auto *frames = collect(session, &session);
        QSignalSpy disconnected(&session, &WebSocketSession::disconnected);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/halfframe")));
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
        QCOMPARE(session.state(), WebSocketSession::State::Closed);
        const Error error = session.lastError();
        QCOMPARE(error.code, ErrorCode::ConnectionClosed);
        QVERIFY2(error.message.contains(QStringLiteral("1006 abnormal closure (no close frame); "
                                                       "the connection dropped")),
                 qPrintable(error.message));
        QCOMPARE(session.closeCode(), 1006); // Qt 6.4 alone says 1000
        QCOMPARE(session.stateText(), error.message);
        // Nothing of the half frame is delivered as a message; the whole one before it is, and
        // the log notes the close (1006 has no close frame on the wire).
        QCOMPARE(frames->size(), 2);
        QCOMPARE(frames->at(0).opcode, WebSocketOpcode::Text);
        QCOMPARE(frames->at(0).payload, QByteArray("before the drop"));
        QCOMPARE(frames->at(1).opcode, WebSocketOpcode::Close);
        log.flush();
        QVERIFY(log.rowCount() >= 1);
        QCOMPARE(log.payload(0), QByteArray("before the drop"));

        // The same session connects again and works.
        options.url = QUrl(m_server->url(QStringLiteral("/echo")));
        QSignalSpy connected(&session, &WebSocketSession::connected);
        QVERIFY(session.open(options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, 10000);
        QVERIFY(session.sendText(QStringLiteral("after")));
        QTRY_COMPARE_WITH_TIMEOUT(frames->size(), 3, 10000);
        QCOMPARE(frames->at(2).payload, QByteArray("after"));
        QVERIFY(!session.lastError().isError());
        session.close();
    }

    void autoReconnectBacksOff()
    {
        WebSocketSession session;
        QSignalSpy scheduled(&session, &WebSocketSession::reconnectScheduled);
        QSignalSpy connected(&session, &WebSocketSession::connected);
        WebSocketConnectOptions options;
        options.url = QUrl(m_server->url(QStringLiteral("/close")));
        options.autoReconnect = true;
        options.reconnectInitialDelayMs = 50;
        options.reconnectMaximumDelayMs = 150;
        QVERIFY(session.open(options).ok());
        QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 3, 10000);
        // Every try connects and is closed by the server at once, so each attempt resets
        // the backoff; the delay itself is proven by a refused port below.
        QVERIFY(connected.size() >= 3);
        session.close();
        QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
        const int tries = int(scheduled.size());
        QTest::qWait(300);
        QCOMPARE(scheduled.size(), tries); // a close by the user stops reconnecting

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(closed.serverPort()));
        closed.close();
        WebSocketSession refused;
        QSignalSpy delays(&refused, &WebSocketSession::reconnectScheduled);
        QVERIFY(refused.open(options).ok());
        QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 4, 10000);
        refused.close();
        QCOMPARE(delays.at(0).at(1).toInt(), 50);
        QCOMPARE(delays.at(1).at(1).toInt(), 100);
        QCOMPARE(delays.at(2).at(1).toInt(), 150);
        QCOMPARE(delays.at(3).at(1).toInt(), 150);
    }

    void messageLogBatchesAndFilters()
    {
        MessageLog log;
        QAbstractItemModelTester tester(&log,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        MessageLogFilter filter;
        filter.setSourceModel(&log);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);

        log.append(WebSocketDirection::Sent, WebSocketOpcode::Text, "{\"action\":\"hello\"}",
                   1700000000123);
        log.append(WebSocketDirection::Received, WebSocketOpcode::Text, "Hello back",
                   1700000000200);
        log.append(WebSocketDirection::Received, WebSocketOpcode::Binary, QByteArray("\x00\xff", 2),
                   1700000000300);
        QCOMPARE(log.rowCount(), 0); // batched
        QTRY_COMPARE(log.rowCount(), 3);
        QCOMPARE(inserted.size(), 1); // one insertion for the batch
        QCOMPARE(log.index(2, MessageLog::PreviewColumn).data().toString(),
                 QStringLiteral("00 ff"));
        QCOMPARE(log.index(0, MessageLog::OpcodeColumn).data().toString(), QStringLiteral("text"));
        QCOMPARE(log.index(1, MessageLog::SizeColumn).data().toULongLong(), 10ull);
        QCOMPARE(log.index(1, 0).data(MessageLog::PayloadRole).toByteArray(),
                 QByteArray("Hello back"));

        QVERIFY(filter.setText(QStringLiteral("hello"), false).ok());
        QCOMPARE(filter.rowCount(), 2);
        filter.setDirections(MessageLogFilter::Directions::ReceivedOnly);
        QCOMPARE(filter.rowCount(), 1);
        filter.setDirections(MessageLogFilter::Directions::Both);
        QVERIFY(filter.setText(QStringLiteral("^hel+o"), true).ok());
        QCOMPARE(filter.rowCount(), 1);
        const auto bad = filter.setText(QStringLiteral("(unclosed"), true);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QStringLiteral("position")),
                 qPrintable(bad.error().message));
        QCOMPARE(filter.rowCount(), 1); // the previous filter stays

        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(log.exportJsonLines(&out).ok());
        const QList<QByteArray> lines = out.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith("{\"direction\":\"sent\",\"time\":\"2023-11-14T22:13:20."
                                        "123Z\",\"opcode\":\"text\",\"size\":18,\"data\":"),
                 lines.at(0).constData());
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value(QStringLiteral("direction")).toString(), QStringLiteral("sent"));
        QCOMPARE(first.value(QStringLiteral("time")).toString(),
                 QStringLiteral("2023-11-14T22:13:20.123Z"));
        QCOMPARE(first.value(QStringLiteral("data")).toString(),
                 QStringLiteral("{\"action\":\"hello\"}"));
        const QJsonObject third = QJsonDocument::fromJson(lines.at(2)).object();
        QCOMPARE(third.value(QStringLiteral("encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(third.value(QStringLiteral("data")).toString(), QStringLiteral("AP8="));
        QCOMPARE(third.value(QStringLiteral("size")).toInt(), 2);

        log.clear();
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(filter.rowCount(), 0);
    }

    void messageLogDropsTheOldestInBlocksPastItsCap()
    {
        MessageLog log;
        QAbstractItemModelTester tester(&log,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        MessageLogFilter filter;
        filter.setSourceModel(&log);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&log, &QAbstractItemModel::rowsAboutToBeRemoved);
        QSignalSpy dropped(&log, &MessageLog::droppedCountChanged);
        log.setCapacity(160, qint64(1) << 40);
        auto message = [](int i) -> QByteArray { return QByteArray("msg ") + QByteArray::number(i); };
        int next = 0;
        auto append = [&](int count) {
            for (int i = 0; i < count; ++i, ++next)
                log.append(WebSocketDirection::Received, WebSocketOpcode::Text, message(next),
                           1700000000000 + next);
        };

        // A first batch over the cap: the dropped ones were never rows.
        append(200);
        log.flush();
        QCOMPARE(log.rowCount(), 150); // down to 15/16 of the cap, not to the cap
        QCOMPARE(log.droppedCount(), 50);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(log.payload(0), message(50));
        QCOMPARE(log.payload(149), message(199));

        // Up to the cap nothing goes; one past it, a block of shown rows goes in one removal.
        append(10);
        log.flush();
        QCOMPARE(log.rowCount(), 160);
        QCOMPARE(removed.size(), 0);
        append(1);
        log.flush();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 10);
        QCOMPARE(log.rowCount(), 150);
        QCOMPARE(log.droppedCount(), 61);
        QCOMPARE(dropped.last().at(0).toLongLong(), 61);
        QCOMPARE(log.payload(0), message(61));
        QCOMPARE(log.index(0, MessageLog::PreviewColumn).data().toString(),
                 QStringLiteral("msg 61"));
        QCOMPARE(log.time(0), 1700000000061);

        // Many drops and compactions later every row still points at its own payload.
        for (int round = 0; round < 400; ++round) {
            append(7 + round % 13);
            log.flush();
        }
        QVERIFY(log.rowCount() <= 160);
        QCOMPARE(log.droppedCount() + log.rowCount(), qint64(next));
        for (int row = 0; row < log.rowCount(); ++row)
            QCOMPARE(log.payload(row), message(int(log.droppedCount()) + row));
        QVERIFY(filter.setText(QStringLiteral("msg %1").arg(next - 1), false).ok());
        QCOMPARE(filter.rowCount(), 1);
        QVERIFY(filter.setText(QString(), false).ok());

        // The export says that it is not the whole conversation.
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(log.exportJsonLines(&out).ok());
        const QList<QByteArray> lines = out.data().trimmed().split('\n');
        QCOMPARE(lines.size(), log.rowCount() + 1);
        const QJsonObject note = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(note.value(QStringLiteral("dropped")).toInteger(), log.droppedCount());
        QVERIFY(note.value(QStringLiteral("note")).toString().contains(QStringLiteral("dropped")));
        QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("data")).toString(),
                 QString::fromLatin1(log.payload(0)));

        log.clear();
        QCOMPARE(log.droppedCount(), 0);
        QCOMPARE(dropped.last().at(0).toLongLong(), 0);

        // The byte cap: 100-byte messages, 1,600 bytes at most, down to 1,500.
        log.setCapacity(1000, 1600);
        for (int i = 0; i < 17; ++i)
            log.append(WebSocketDirection::Sent, WebSocketOpcode::Binary,
                       QByteArray(100, char('a' + i)), 0);
        log.flush();
        QCOMPARE(log.rowCount(), 15);
        QCOMPARE(log.payloadBytes(), 1500);
        QCOMPARE(log.payload(0), QByteArray(100, 'c'));
        // The newest message stays even when it alone is over the cap.
        log.append(WebSocketDirection::Received, WebSocketOpcode::Binary, QByteArray(5000, 'z'), 0);
        log.flush();
        QCOMPARE(log.rowCount(), 1);
        QCOMPARE(log.payload(0), QByteArray(5000, 'z'));
        QCOMPARE(log.droppedCount(), 17);
    }

private:
    std::unique_ptr<WsTestServer> m_server;
};

QTEST_GUILESS_MAIN(tst_WebSocketSession)
#include "tst_websocketsession.moc"
