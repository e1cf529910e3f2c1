#include "core/invocationlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using Gatehouse::Core::InvocationLogModel;
using Gatehouse::Core::InvocationRecord;

namespace {

InvocationRecord makeRecord(const QString &function, qint64 finishedAtMs = 1700000000123,
                            double durationMs = 12.34,
                            const QString &status = QStringLiteral("Success"))
{
    InvocationRecord record;
    record.finishedAtMs = finishedAtMs;
    record.functionName = function;
    record.requestId = QStringLiteral("rid-") + function;
    record.source = QStringLiteral("GET /snack (HttpApi bakery)");
    record.durationMs = durationMs;
    record.status = status;
    return record;
}

QStringList functionNames(const InvocationLogModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, InvocationLogModel::FunctionColumn).data().toString();
    return names;
}

} // namespace

class tst_InvocationLogModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void columns_data();
    void columns();
    void roles();
    void headers();
    void appendSignalsRows();
    void boundDropsOldest();
    void shrinkingBound();
    void clear();
};

void tst_InvocationLogModel::initTestCase()
{
    // Time is shown in local time; pin the zone (+05:30, no daylight saving) so the rows are exact.
    qputenv("TZ", "Asia/Kolkata");
}

void tst_InvocationLogModel::columns_data()
{
    QTest::addColumn<InvocationRecord>("record");
    QTest::addColumn<QStringList>("expected");

    // Expected times computed by Python: datetime.fromtimestamp(ms / 1000) with TZ=Asia/Kolkata.
    QTest::newRow("success") << makeRecord(QStringLiteral("getSnack"), 1700000000123, 12.34)
                             << QStringList{QStringLiteral("03:43:20.123"),
                                            QStringLiteral("getSnack"),
                                            QStringLiteral("GET /snack (HttpApi bakery)"),
                                            QStringLiteral("12.3"),
                                            QStringLiteral("Success"),
                                            QString()};
    InvocationRecord unhandled =
        makeRecord(QStringLiteral("bake"), 1704067199999, 0.05, QStringLiteral("Unhandled"));
    unhandled.errorType = QStringLiteral("ValueError");
    unhandled.errorMessage =
        QStringLiteral("oven too cold\nTraceback (most recent call last): ...");
    QTest::newRow("unhandled error, first line only")
        << unhandled
        << QStringList{QStringLiteral("05:29:59.999"),
                       QStringLiteral("bake"),
                       QStringLiteral("GET /snack (HttpApi bakery)"),
                       QStringLiteral("0.1"),
                       QStringLiteral("Unhandled"),
                       QStringLiteral("ValueError: oven too cold")};
    InvocationRecord timeout =
        makeRecord(QStringLiteral("slow"), 0, 3000.0, QStringLiteral("Timeout"));
    timeout.errorMessage = QStringLiteral("Task timed out after 3.00 seconds");
    QTest::newRow("timeout without error type")
        << timeout
        << QStringList{QStringLiteral("05:30:00.000"),
                       QStringLiteral("slow"),
                       QStringLiteral("GET /snack (HttpApi bakery)"),
                       QStringLiteral("3000.0"),
                       QStringLiteral("Timeout"),
                       QStringLiteral("Task timed out after 3.00 seconds")};
    InvocationRecord crashed =
        makeRecord(QStringLiteral("crash"), 1700000000123, 1234.56, QStringLiteral("Crashed"));
    crashed.errorType = QStringLiteral("Runtime.ExitError");
    QTest::newRow("type without message")
        << crashed
        << QStringList{QStringLiteral("03:43:20.123"),
                       QStringLiteral("crash"),
                       QStringLiteral("GET /snack (HttpApi bakery)"),
                       QStringLiteral("1234.6"),
                       QStringLiteral("Crashed"),
                       QStringLiteral("Runtime.ExitError")};
}

void tst_InvocationLogModel::columns()
{
    QFETCH(InvocationRecord, record);
    QFETCH(QStringList, expected);
    InvocationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(record);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), InvocationLogModel::ColumnCount);
    QStringList shown;
    for (int column = 0; column < model.columnCount(); ++column)
        shown << model.index(0, column).data().toString();
    QCOMPARE(shown, expected);
}

void tst_InvocationLogModel::roles()
{
    InvocationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    InvocationRecord failed = makeRecord(QStringLiteral("bake"), 1, 1, QStringLiteral("Unhandled"));
    failed.errorType = QStringLiteral("ValueError");
    failed.errorMessage = QStringLiteral("line one\nline two");
    model.append(makeRecord(QStringLiteral("ok")));
    model.append(failed);

    const QModelIndex okIndex = model.index(0, InvocationLogModel::StatusColumn);
    const QModelIndex failedIndex = model.index(1, InvocationLogModel::ErrorColumn);
    QCOMPARE(okIndex.data(InvocationLogModel::StatusRole).toString(), QStringLiteral("Success"));
    QCOMPARE(okIndex.data(InvocationLogModel::SucceededRole).toBool(), true);
    QCOMPARE(failedIndex.data(InvocationLogModel::StatusRole).toString(),
             QStringLiteral("Unhandled"));
    QCOMPARE(failedIndex.data(InvocationLogModel::SucceededRole).toBool(), false);
    QCOMPARE(failedIndex.data(InvocationLogModel::RequestIdRole).toString(),
             QStringLiteral("rid-bake"));
    const QString toolTip = failedIndex.data(Qt::ToolTipRole).toString();
    QVERIFY2(toolTip.contains(QStringLiteral("ValueError: line one\nline two")),
             qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("rid-bake")), qPrintable(toolTip));
    QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isValid());
}

void tst_InvocationLogModel::headers()
{
    InvocationLogModel model;
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers << model.headerData(column, Qt::Horizontal).toString();
    QCOMPARE(headers, (QStringList{QStringLiteral("Time"), QStringLiteral("Function"),
                                   QStringLiteral("Source"), QStringLiteral("Duration (ms)"),
                                   QStringLiteral("Status"), QStringLiteral("Error")}));
}

void tst_InvocationLogModel::appendSignalsRows()
{
    InvocationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 3; ++i)
        model.append(makeRecord(QString::number(i)));
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(inserted.at(2).at(1).toInt(), 2);
    QCOMPARE(inserted.at(2).at(2).toInt(), 2);
    QCOMPARE(functionNames(model),
             (QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}));
    QCOMPARE(model.record(1).requestId, QStringLiteral("rid-1"));
}

void tst_InvocationLogModel::boundDropsOldest()
{
    InvocationLogModel model;
    QCOMPARE(model.maximumRows(), 10000);
    for (int i = 0; i < 10005; ++i)
        model.append(makeRecord(QString::number(i)));
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(model.index(0, InvocationLogModel::FunctionColumn).data().toString(),
             QStringLiteral("5"));
    QCOMPARE(model.index(9999, InvocationLogModel::FunctionColumn).data().toString(),
             QStringLiteral("10004"));

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.append(makeRecord(QStringLiteral("next")));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 0);
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(model.index(9999, InvocationLogModel::FunctionColumn).data().toString(),
             QStringLiteral("next"));
}

void tst_InvocationLogModel::shrinkingBound()
{
    InvocationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 5; ++i)
        model.append(makeRecord(QString::number(i)));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setMaximumRows(2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 2);
    QCOMPARE(functionNames(model), (QStringList{QStringLiteral("3"), QStringLiteral("4")}));
    model.append(makeRecord(QStringLiteral("5")));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(functionNames(model), (QStringList{QStringLiteral("4"), QStringLiteral("5")}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append(makeRecord(QStringLiteral("6")));
    QCOMPARE(removed.size(), 3);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(functionNames(model), (QStringList{QStringLiteral("5"), QStringLiteral("6")}));
    model.setMaximumRows(0);
    QCOMPARE(model.maximumRows(), 1);
    QCOMPARE(functionNames(model), QStringList{QStringLiteral("6")});
}

void tst_InvocationLogModel::clear()
{
    InvocationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.size(), 0);
    model.append(makeRecord(QStringLiteral("a")));
    model.append(makeRecord(QStringLiteral("b")));
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    model.append(makeRecord(QStringLiteral("c")));
    QCOMPARE(functionNames(model), QStringList{QStringLiteral("c")});
}

QTEST_GUILESS_MAIN(tst_InvocationLogModel)
#include "tst_invocationlogmodel.moc"
