#include "core/history/requesthistory.h"

#include "../common/gatehouseprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::History;
using GatehouseTest::runGatehouse;

class TestHistoryCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyHistory();
    void listsNewestFirst();
    void searchAndLimit();
    void jsonLinesAreRedacted();
    void badArguments();

private:
    QProcessEnvironment environment() const;
    QTemporaryDir m_data;
    QTemporaryDir m_empty;
};

QProcessEnvironment TestHistoryCli::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_data.path());
    return env;
}

void TestHistoryCli::initTestCase()
{
    QVERIFY(m_data.isValid());
    // Where the GUI (organisation and application "Gatehouse") keeps it on Linux.
    RequestHistory history(m_data.filePath(QStringLiteral("Gatehouse/Gatehouse/history.jsonl")));
    const QDateTime at = QDateTime::currentDateTimeUtc();
    RequestSpec orders;
    orders.url = QStringLiteral("http://127.0.0.1:9/orders?api_key=hunter2");
    orders.headers.append({true, QStringLiteral("X-Api-Key"), QStringLiteral("hunter2")});
    HttpClientResponse ok;
    ok.status = 200;
    ok.reason = "OK";
    ok.body = "{\"snack\":\"croissant\"}";
    ok.elapsedMs = 12;
    QVERIFY(history.add(makeEntry(orders, {}, ok, at)));
    RequestSpec users;
    users.method = QStringLiteral("DELETE");
    users.url = QStringLiteral("http://127.0.0.1:9/users/7");
    QVERIFY(history.add(makeEntry(
        users, {}, makeError(ErrorCode::ConnectionRefused, QStringLiteral("Connection refused.")),
        at.addSecs(1))));
}

void TestHistoryCli::emptyHistory()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_empty.path());
    const auto run = runGatehouse({QStringLiteral("history")}, {}, env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());
}

void TestHistoryCli::listsNewestFirst()
{
    const auto run = runGatehouse({QStringLiteral("history")}, {}, environment());
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith("DELETE http://127.0.0.1:9/users/7 \xe2\x80\x94 Connection refused."),
             lines.at(0).constData());
    QVERIFY2(lines.at(1).startsWith("GET http://127.0.0.1:9/orders?api_key=(redacted) \xe2\x80\x94 200 \xc2\xb7 12 ms"),
             lines.at(1).constData());
    QVERIFY(!run.out.contains("hunter2"));
}

void TestHistoryCli::searchAndLimit()
{
    auto run = runGatehouse({QStringLiteral("history"), QStringLiteral("--search"), QStringLiteral("CROISSANT")},
                            {}, environment());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.count('\n'), 1);
    QVERIFY(run.out.startsWith("GET "));
    run = runGatehouse({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("1")}, {},
                       environment());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.count('\n'), 1);
    QVERIFY(run.out.startsWith("DELETE "));
}

void TestHistoryCli::jsonLinesAreRedacted()
{
    const auto run = runGatehouse({QStringLiteral("history"), QStringLiteral("--json")}, {}, environment());
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(!run.out.contains("hunter2"));
    const QJsonObject failed = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(failed.value(QStringLiteral("error")).toString(), QStringLiteral("Connection refused."));
    const QJsonObject answered = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(answered.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(answered.value(QStringLiteral("elapsedMs")).toInt(), 12);
    QCOMPARE(answered.value(QStringLiteral("bodySize")).toInt(), 21);
    const QJsonObject request = answered.value(QStringLiteral("request")).toObject();
    QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(request.value(QStringLiteral("url")).toString(),
             QStringLiteral("http://127.0.0.1:9/orders?api_key=(redacted)"));
}

void TestHistoryCli::badArguments()
{
    auto run = runGatehouse({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("x")}, {},
                            environment());
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--limit"));
    run = runGatehouse({QStringLiteral("history"), QStringLiteral("--bogus")}, {}, environment());
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
