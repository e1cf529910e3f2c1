// Core::ConnectionsApi and ConnectionListModel without a server: which URLs name a WebSocket
// API's @connections base (AWS's and the emulator's), the exact request paths (connection ids
// carry '=' and may start with '-'), answers that are not what they should be named as such, and
// the list model updating rows in place under QAbstractItemModelTester. The wire itself is
// checked against the emulator and the AWS CLI in tests/app/tst_connectionscli.
#include "core/websocket/connectionlistmodel.h"
#include "core/websocket/connectionsapi.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Gatehouse::Core;

class TestConnectionsApi : public QObject
{
    Q_OBJECT

private slots:
    void parseEndpoint_data();
    void parseEndpoint();
    void refusedEndpoints_data();
    void refusedEndpoints();
    void requests();
    void parseAnswers();
    void modelUpdatesInPlace();
};

void TestConnectionsApi::parseEndpoint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("apiId");
    QTest::addColumn<QString>("wantStage");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("emulator");

    QTest::newRow("aws wss") << "wss://abc123defg.execute-api.eu-west-1.amazonaws.com/production" << ""
                             << "abc123defg" << "production" << "eu-west-1"
                             << "https://abc123defg.execute-api.eu-west-1.amazonaws.com/production" << false;
    QTest::newRow("aws https with query") << "https://abc123defg.execute-api.us-east-2.amazonaws.com/dev?name=x"
                                          << "" << "abc123defg" << "dev" << "us-east-2"
                                          << "https://abc123defg.execute-api.us-east-2.amazonaws.com/dev" << false;
    QTest::newRow("emulator ws") << "ws://127.0.0.1:4577/_aws/execute-api/69bauv192m/production?name=ann" << ""
                                 << "69bauv192m" << "production" << ""
                                 << "http://127.0.0.1:4577/_aws/execute-api/69bauv192m/production" << true;
    QTest::newRow("stage overrides") << "ws://127.0.0.1:4577/_aws/execute-api/69bauv192m/production" << "dev"
                                     << "69bauv192m" << "dev" << ""
                                     << "http://127.0.0.1:4577/_aws/execute-api/69bauv192m/dev" << true;
    QTest::newRow("id and stage") << "abc123defg" << "prod" << "abc123defg" << "prod" << "" << "" << false;
}

void TestConnectionsApi::parseEndpoint()
{
    QFETCH(QString, text);
    QFETCH(QString, stage);
    const Result<ConnectionsEndpoint> endpoint = ConnectionsApi::parseEndpoint(text, stage);
    QVERIFY2(endpoint, endpoint ? "" : qPrintable(endpoint.error().message));
    QTEST(endpoint->apiId, "apiId");
    QTEST(endpoint->stage, "wantStage");
    QTEST(endpoint->region, "region");
    QTEST(endpoint->base.toString(), "base");
    QTEST(endpoint->isEmulator(), "emulator");
}

void TestConnectionsApi::refusedEndpoints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words");
    QTest::newRow("id without stage") << "abc123defg" << "stage";
    QTest::newRow("other host") << "https://example.com/prod" << "execute-api";
    QTest::newRow("ftp") << "ftp://abc.execute-api.eu-west-1.amazonaws.com/prod" << "wss://";
    QTest::newRow("no stage") << "wss://abc123defg.execute-api.eu-west-1.amazonaws.com/" << "no stage";
}

void TestConnectionsApi::refusedEndpoints()
{
    QFETCH(QString, text);
    QFETCH(QString, words);
    const Result<ConnectionsEndpoint> endpoint = ConnectionsApi::parseEndpoint(text);
    QVERIFY(!endpoint);
    QCOMPARE(endpoint.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(endpoint.error().message.contains(words), qPrintable(endpoint.error().message));
}

void TestConnectionsApi::requests()
{
    const QUrl base(QStringLiteral("https://abc123defg.execute-api.eu-west-1.amazonaws.com/production"));
    const Aws::AwsRequest post = ConnectionsApi::managementRequest(base, QStringLiteral("eu-west-1"),
                                                                   ConnectionsApi::Action::Post,
                                                                   QStringLiteral("-TYd8QtsufIANcU="), "hi");
    QCOMPARE(post.method, QByteArray("POST"));
    QCOMPARE(post.path, QByteArray("/@connections/-TYd8QtsufIANcU%3D"));
    QCOMPARE(post.service, QStringLiteral("execute-api"));
    QCOMPARE(post.body, QByteArray("hi"));
    const Aws::AwsRequest get = ConnectionsApi::managementRequest(base, QStringLiteral("eu-west-1"),
                                                                  ConnectionsApi::Action::Get, QStringLiteral("a="), "x");
    QCOMPARE(get.method, QByteArray("GET"));
    QVERIFY(get.body.isEmpty());
    QCOMPARE(ConnectionsApi::managementRequest(base, {}, ConnectionsApi::Action::Delete, QStringLiteral("a")).method,
             QByteArray("DELETE"));
    const Aws::AwsRequest list = ConnectionsApi::listingRequest(
        QUrl(QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/x/y")), QStringLiteral("us-east-1"),
        QStringLiteral("69bauv192m"));
    QCOMPARE(list.endpoint.toString(), QStringLiteral("http://127.0.0.1:4577"));
    QCOMPARE(list.path, QByteArray("/_aws/emulator/websocket/69bauv192m/connections"));
    QCOMPARE(list.method, QByteArray("GET"));
}

void TestConnectionsApi::parseAnswers()
{
    const Result<WebSocketConnectionInfo> got = ConnectionsApi::parseConnection(
        "{\"connectedAt\":\"2026-11-22T01:09:37.002Z\",\"identity\":{\"sourceIp\":\"192.0.2.1\","
        "\"userAgent\":\"ua\"},\"lastActiveAt\":\"2026-11-22T01:10:00.500Z\"}");
    QVERIFY(got);
    QCOMPARE(got->connectedAt, QDateTime(QDate(2026, 11, 22), QTime(1, 9, 37, 2), Qt::UTC));
    QCOMPARE(got->lastActiveAt.toMSecsSinceEpoch() - got->connectedAt.toMSecsSinceEpoch(), 23498);
    QCOMPARE(got->sourceIp, QStringLiteral("192.0.2.1"));
    QCOMPARE(got->userAgent, QStringLiteral("ua"));
    QVERIFY(!ConnectionsApi::parseConnection("<html>Not Found</html>"));
    QVERIFY(!ConnectionsApi::parseConnection("{}"));

    const auto list = ConnectionsApi::parseListing(
        "{\"apiId\":\"a\",\"stage\":\"s\",\"connections\":[{\"connectionId\":\"x=\",\"connectedAt\":"
        "\"2026-11-22T01:09:37.002Z\",\"identity\":{\"sourceIp\":\"127.0.0.1\"},\"lastActiveAt\":"
        "\"2026-11-22T01:09:37.002Z\"}]}");
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().connectionId, QStringLiteral("x="));
    const auto notList = ConnectionsApi::parseListing("{\"message\":\"Forbidden\"}");
    QVERIFY(!notList);
    QCOMPARE(notList.error().code, ErrorCode::Protocol);
    QVERIFY(!ConnectionsApi::parseListing("{\"connections\":[{\"connectedAt\":\"2026-11-22T01:09:37Z\"}]}"));
}

static WebSocketConnectionInfo connection(const QString &id, qint64 lastActiveMs)
{
    WebSocketConnectionInfo c;
    c.connectionId = id;
    c.connectedAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
    c.lastActiveAt = QDateTime::fromMSecsSinceEpoch(lastActiveMs, Qt::UTC);
    c.sourceIp = QStringLiteral("127.0.0.1");
    return c;
}

void TestConnectionsApi::modelUpdatesInPlace()
{
    ConnectionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConnections({connection(QStringLiteral("a="), 1000), connection(QStringLiteral("b="), 1000),
                          connection(QStringLiteral("c="), 1000)});
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // b closed, c spoke, d arrived: one removal, one insertion, no reset, a and c keep their rows.
    model.setConnections({connection(QStringLiteral("a="), 1000), connection(QStringLiteral("c="), 5000),
                          connection(QStringLiteral("d="), 1000)});
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QVERIFY(changed.size() >= 2);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(QStringLiteral("a=")), 0);
    QCOMPARE(model.rowOf(QStringLiteral("c=")), 1);
    QCOMPARE(model.rowOf(QStringLiteral("d=")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("b=")), -1);
    QCOMPARE(model.index(1, ConnectionListModel::IdColumn).data(ConnectionListModel::ConnectionIdRole).toString(),
             QStringLiteral("c="));
    QCOMPARE(model.connections().at(1).lastActiveAt.toMSecsSinceEpoch(), 5000);
    QCOMPARE(model.index(0, ConnectionListModel::SourceColumn).data().toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(!model.headerData(ConnectionListModel::LastActiveColumn, Qt::Horizontal).toString().isEmpty());
    model.setConnections({});
    QCOMPARE(model.rowCount(), 0);
    model.setConnections({connection(QStringLiteral("e="), 1)});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestConnectionsApi)
#include "tst_connectionsapi.moc"
