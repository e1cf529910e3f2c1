// Core::JsonTreeModel: the tree of a document read from its bytes, compared leaf by leaf (path,
// kind, text) with Python's json module on AWS's and others' event samples and on a GraphQL
// answer written for this test (key order, 64-bit integers, number text, escapes, surrogate
// pairs, empty containers); the model is checked by QAbstractItemModelTester; marked paths fall
// back to the deepest existing value as GraphQL errors need; bad JSON is said in words.
#include "core/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using Gatehouse::Core::JsonTreeModel;

namespace {

// Every leaf (and empty container) in document order as [path, kind, text].
void collectLeaves(const JsonTreeModel &model, const QModelIndex &parent, QJsonArray *out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        const QString kind = model.data(index, JsonTreeModel::KindRole).toString();
        const bool container = kind == QLatin1String("object") || kind == QLatin1String("array");
        if (container && model.rowCount(index) > 0) {
            collectLeaves(model, index, out);
            continue;
        }
        QString text = model.data(index.siblingAtColumn(JsonTreeModel::ValueColumn), Qt::ToolTipRole).toString();
        if (container)
            text = kind == QLatin1String("object") ? QStringLiteral("{}") : QStringLiteral("[]");
        out->append(QJsonArray{QJsonArray::fromVariantList(model.data(index, JsonTreeModel::PathRole).toList()), kind, text});
    }
}

} // namespace

class tst_JsonTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void sameLeavesAsPython_data();
    void sameLeavesAsPython();
    void modelTester();
    void markedPaths();
    void notJson_data();
    void notJson();
};

void tst_JsonTreeModel::sameLeavesAsPython_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("powertools appSyncDirectResolver") << QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/powertools-lambda-python/appSyncDirectResolver.json");
    QTest::newRow("aws-lambda-go apigw-request") << QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/aws-lambda-go/apigw-request.json");
    QTest::newRow("aws-lambda-dotnet proxy-event") << QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/aws-lambda-dotnet/EventsTests.Shared/proxy-event.json");
    QTest::newRow("GraphQL answer with tricky values") << QString();
}

void tst_JsonTreeModel::sameLeavesAsPython()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray json;
    if (file.isEmpty()) {
        // Written here: what the server-side samples lack.
        json = "{\"data\":{\"z\":9007199254740993,\"a\":-0.50e+3,\"b\":1.50,\"esc\":\"tab\\tq\\\"\\u00e9\\ud83d\\ude00/\\/\","
               "\"empty\":{},\"none\":[],\"list\":[true,false,null,[1,[2]]]},\"errors\":[{\"message\":\"x\",\"path\":[\"list\",3]}]}";
        file = dir.filePath(QStringLiteral("tricky.json"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(json);
    } else {
        QFile in(file);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(file));
        json = in.readAll();
    }
    JsonTreeModel model;
    const auto set = model.setJson(json);
    QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().message));
    QJsonArray leaves;
    collectLeaves(model, model.index(0, 0), &leaves);
    QVERIFY(!leaves.isEmpty());
    const QString leavesFile = dir.filePath(QStringLiteral("leaves.json"));
    QFile out(leavesFile);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(leaves).toJson());
    out.close();
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/core/json_leaves.py"), file, leavesFile});
    QVERIFY(python.waitForFinished(30000));
    const QByteArray said = python.readAllStandardOutput() + python.readAllStandardError();
    QVERIFY2(python.exitCode() == 0 && said.trimmed() == "same", said.constData());
}

void tst_JsonTreeModel::modelTester()
{
    QFile in(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/aws-lambda-go/apigw-request.json"));
    QVERIFY(in.open(QIODevice::ReadOnly));
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(in.readAll()).ok());
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.rowCount(model.index(0, 0)) > 3);
    model.setMarkedPaths({{QStringLiteral("requestContext"), QStringLiteral("identity")}});
    QVERIFY(model.setJson("[1,{\"a\":[]}]").ok());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_JsonTreeModel::markedPaths()
{
    JsonTreeModel model;
    QVERIFY(model.setJson("{\"data\":{\"getDestination\":{\"name\":\"Kyoto\",\"hotels\":null},\"other\":null},"
                          "\"errors\":[{\"path\":[\"getDestination\",\"hotels\",0]}]}").ok());
    // The error's path through the null hotels marks hotels; a missing key marks its parent.
    const QVariantList hotels{QStringLiteral("data"), QStringLiteral("getDestination"), QStringLiteral("hotels"), 0};
    const QVariantList missing{QStringLiteral("data"), QStringLiteral("other"), QStringLiteral("deeper")};
    model.setMarkedPaths({hotels, missing});
    const QModelIndex marked = model.indexForPath(hotels);
    QCOMPARE(model.data(marked, JsonTreeModel::PathRole).toList(), hotels.mid(0, 3));
    QVERIFY(model.data(marked, JsonTreeModel::MarkedRole).toBool());
    QCOMPARE(model.data(marked).toString(), QStringLiteral("hotels"));
    QCOMPARE(model.data(marked.siblingAtColumn(JsonTreeModel::ValueColumn)).toString(), QStringLiteral("null"));
    QVERIFY(model.data(model.indexForPath(missing), JsonTreeModel::MarkedRole).toBool());
    QCOMPARE(model.data(model.indexForPath(missing)).toString(), QStringLiteral("other"));
    const QModelIndex name = model.indexForPath({QStringLiteral("data"), QStringLiteral("getDestination"), QStringLiteral("name")});
    QVERIFY(!model.data(name, JsonTreeModel::MarkedRole).toBool());
    QCOMPARE(model.data(name.siblingAtColumn(JsonTreeModel::ValueColumn)).toString(), QStringLiteral("\"Kyoto\""));
    // Marks are replaced, not added to.
    model.setMarkedPaths({});
    QVERIFY(!model.data(marked, JsonTreeModel::MarkedRole).toBool());
}

void tst_JsonTreeModel::notJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("said");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("Not JSON at byte 0: the text ends where a value should be.");
    QTest::newRow("trailing") << QByteArray("{} x") << QStringLiteral("Not JSON at byte 3: text after the JSON value.");
    QTest::newRow("unclosed string") << QByteArray("[\"abc") << QStringLiteral("Not JSON at byte 5: a string that is not closed.");
    QTest::newRow("leading zero") << QByteArray("[01]") << QStringLiteral("Not JSON at byte 3: an unexpected character.");
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << QStringLiteral("Not JSON at byte 5: ':' should follow a member name.");
}

void tst_JsonTreeModel::notJson()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, said);
    JsonTreeModel model;
    QVERIFY(model.setJson("[1]").ok());
    const auto set = model.setJson(text);
    QVERIFY(!set.ok());
    QCOMPARE(set.error().message, said);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_JsonTreeModel)
#include "tst_jsontreemodel.moc"
