// The lab's DynamoDB tables through Debian's AWS CLI v2 (botocore's DynamoDB client: its JSON
// 1.0 wire form, SigV4 for "dynamodb", its paginators and error parsing) against the emulator,
// and the template reader on the lab that declares them.
#include "../common/awscli.h"
#include "../common/emulatorlab.h"

#include "core/emulator/dynamodbstore.h"
#include "core/emulator/dynamodbtablereader.h"
#include "core/emulator/labloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
using GatehouseTest::AwsCli;

namespace {

const QString kLab = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/dynamodb");

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject s(const QString &v)
{
    return QJsonObject{{QStringLiteral("S"), v}};
}

QJsonObject n(int v)
{
    return QJsonObject{{QStringLiteral("N"), QString::number(v)}};
}

} // namespace

class TestDynamoDbCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void labReadsClean();
    void templateErrors_data();
    void templateErrors();
    void listAndDescribe();
    void batchWriteAndQuery();
    void scanPagesWithMaxItems();
    void updateAndConditionalPut();
    void wrongSecretRefused();
    void boto3Table();

private:
    AwsCli::Run aws(const QStringList &arguments) { return m_cli->run(QStringList{QStringLiteral("dynamodb")} + arguments); }

    std::unique_ptr<Emulator::Emulator> m_emulator;
    std::unique_ptr<AwsCli> m_cli;
};

void TestDynamoDbCli::initTestCase()
{
    if (!AwsCli::available())
        QSKIP(AwsCli::missing());
    m_emulator = Test::startLab(kLab);
    QVERIFY(m_emulator);
    m_cli = std::make_unique<AwsCli>(m_emulator->info().baseUrl);
}

void TestDynamoDbCli::cleanupTestCase()
{
    m_cli.reset();
    m_emulator.reset();
}

// Billing, streams, encryption, backups and tags are accepted without a warning; !Ref and
// !GetAtt give CloudFormation's name and ARNs; SimpleTable gets a CloudFormation-style name.
void TestDynamoDbCli::labReadsClean()
{
    const LabDefinition lab = LabLoader::load(kLab, QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    QStringList problems;
    for (const LabDiagnostic &d : lab.diagnostics)
        problems.append(d.toString());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QCOMPARE(lab.dynamoTables.size(), 2);
    const DynamoTableConfig &orders = lab.dynamoTables.at(0);
    QCOMPARE(orders.tableName, QStringLiteral("orders"));
    QCOMPARE(orders.rangeType, QStringLiteral("N"));
    QCOMPARE(orders.indexes.size(), 2);
    QCOMPARE(orders.indexes.at(1).nonKeyAttributes, QStringList{QStringLiteral("total")});
    const DynamoTableConfig &notes = lab.dynamoTables.at(1);
    QCOMPARE(notes.hashKey, QStringLiteral("noteId"));
    QCOMPARE(notes.hashType, QStringLiteral("N"));
    QVERIFY2(notes.tableName.startsWith(QLatin1String("dynamodb-NotesTable-")), qPrintable(notes.tableName));
    QCOMPARE(notes.tableName, DynamoTableReader::tableNameFor(QStringLiteral("dynamodb"), QStringLiteral("NotesTable")));
    QHash<QString, QString> outputs;
    for (const auto &[key, value] : lab.outputs)
        outputs.insert(key, value);
    QCOMPARE(outputs.value(QStringLiteral("OrdersTableName")), QStringLiteral("orders"));
    QCOMPARE(outputs.value(QStringLiteral("OrdersTableArn")), QStringLiteral("arn:aws:dynamodb:us-east-1:123456789012:table/orders"));
    QVERIFY(outputs.value(QStringLiteral("OrdersStreamArn")).startsWith(
        QLatin1String("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/")));
    QCOMPARE(outputs.value(QStringLiteral("NotesTableName")), notes.tableName);
}

void TestDynamoDbCli::templateErrors_data()
{
    QTest::addColumn<QString>("properties");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");
    const QString keys = QStringLiteral("      AttributeDefinitions:\n        - {AttributeName: id, AttributeType: S}\n"
                                        "      KeySchema:\n        - {AttributeName: id, KeyType: HASH}\n");
    QTest::newRow("typo") << keys + QStringLiteral("      BilingMode: PAY_PER_REQUEST\n")
                          << QStringLiteral("Resources.T.Properties.BilingMode") << QStringLiteral("did you mean BillingMode?");
    QTest::newRow("undefined key") << QStringLiteral("      AttributeDefinitions:\n        - {AttributeName: id, AttributeType: S}\n"
                                                     "      KeySchema:\n        - {AttributeName: pk, KeyType: HASH}\n")
                                   << QStringLiteral("Resources.T.Properties.KeySchema")
                                   << QStringLiteral("the key attribute pk is not in AttributeDefinitions");
    QTest::newRow("bad type") << QStringLiteral("      AttributeDefinitions:\n        - {AttributeName: id, AttributeType: String}\n"
                                                "      KeySchema:\n        - {AttributeName: id, KeyType: HASH}\n")
                              << QStringLiteral("Resources.T.Properties.AttributeDefinitions[0].AttributeType")
                              << QStringLiteral("AttributeType is S, N or B, not String");
    QTest::newRow("unused definition") << QStringLiteral("      AttributeDefinitions:\n        - {AttributeName: id, AttributeType: S}\n"
                                                         "        - {AttributeName: extra, AttributeType: N}\n"
                                                         "      KeySchema:\n        - {AttributeName: id, KeyType: HASH}\n")
                                       << QStringLiteral("Resources.T.Properties.AttributeDefinitions")
                                       << QStringLiteral("extra is defined but is no key");
    QTest::newRow("projection") << keys.left(keys.indexOf(QLatin1String("      KeySchema")))
                                       + QStringLiteral("        - {AttributeName: g, AttributeType: S}\n")
                                       + keys.mid(keys.indexOf(QLatin1String("      KeySchema")))
                                       + QStringLiteral("      GlobalSecondaryIndexes:\n        - IndexName: byG\n"
                                                        "          KeySchema: [{AttributeName: g, KeyType: HASH}]\n"
                                                        "          Projection: {ProjectionType: KEYS}\n")
                                << QStringLiteral("Resources.T.Properties.GlobalSecondaryIndexes[0].Projection.ProjectionType")
                                << QStringLiteral("ProjectionType is ALL, KEYS_ONLY or INCLUDE, not KEYS");
}

// Each mistake is an error naming Resources.<Id>.Properties.<Prop>, with what to write instead.
void TestDynamoDbCli::templateErrors()
{
    QFETCH(QString, properties);
    QFETCH(QString, field);
    QFETCH(QString, words);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((QStringLiteral("Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::DynamoDB::Table\n"
                               "    Properties:\n") + properties).toUtf8());
    file.close();
    const LabDefinition lab = LabLoader::load(dir.path(), QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    QStringList seen;
    bool found = false;
    for (const LabDiagnostic &d : lab.diagnostics) {
        seen.append(d.toString());
        found = found || (d.severity == LabDiagnostic::Severity::Error && d.field == field && d.message.contains(words));
    }
    QVERIFY2(found, qPrintable(seen.join(QLatin1Char('\n'))));
    QVERIFY(lab.hasErrors()); // so the emulator refuses to start the lab
}

void TestDynamoDbCli::listAndDescribe()
{
    AwsCli::Run r = aws({QStringLiteral("list-tables")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString notes = DynamoTableReader::tableNameFor(QStringLiteral("dynamodb"), QStringLiteral("NotesTable"));
    QStringList expected{notes, QStringLiteral("orders")};
    expected.sort();
    QCOMPARE(r.json().value(QStringLiteral("TableNames")).toArray().toVariantList(), QVariant(expected).toList());

    r = aws({QStringLiteral("describe-table"), QStringLiteral("--table-name"), QStringLiteral("orders")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject table = r.json().value(QStringLiteral("Table")).toObject();
    QCOMPARE(table.value(QStringLiteral("TableArn")).toString(), QStringLiteral("arn:aws:dynamodb:us-east-1:123456789012:table/orders"));
    QCOMPARE(table.value(QStringLiteral("KeySchema")).toArray().at(1)[QStringLiteral("AttributeName")].toString(), QStringLiteral("orderNo"));
    QCOMPARE(table.value(QStringLiteral("GlobalSecondaryIndexes")).toArray().at(0)[QStringLiteral("IndexName")].toString(),
             QStringLiteral("byStatus"));
    QCOMPARE(table.value(QStringLiteral("LocalSecondaryIndexes")).toArray().at(0)[QStringLiteral("IndexName")].toString(),
             QStringLiteral("byPlacedAt"));
    QCOMPARE(table.value(QStringLiteral("AttributeDefinitions")).toArray().size(), 4);

    r = aws({QStringLiteral("describe-table"), QStringLiteral("--table-name"), QStringLiteral("nope")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("ResourceNotFoundException") && r.err.contains("Table: nope not found"), r.err.constData());
}

// 200 orders in 8 batch-write-item calls, then get-item and query with key conditions, through
// the table and through the GSI.
void TestDynamoDbCli::batchWriteAndQuery()
{
    for (int batch = 0; batch < 8; ++batch) {
        QJsonArray writes;
        for (int i = batch * 25; i < (batch + 1) * 25; ++i) {
            const QJsonObject item{{QStringLiteral("customer"), s(i % 2 ? QStringLiteral("ada") : QStringLiteral("bob"))},
                                   {QStringLiteral("orderNo"), n(i)},
                                   {QStringLiteral("status"), s(i % 5 ? QStringLiteral("open") : QStringLiteral("shipped"))},
                                   {QStringLiteral("total"), n(i * 3)}};
            writes.append(QJsonObject{{QStringLiteral("PutRequest"), QJsonObject{{QStringLiteral("Item"), item}}}});
        }
        const AwsCli::Run r = aws({QStringLiteral("batch-write-item"), QStringLiteral("--request-items"),
                                   json({{QStringLiteral("orders"), writes}})});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("UnprocessedItems")).toObject(), QJsonObject());
    }
    QCOMPARE(m_emulator->dynamoStore()->itemCount(QStringLiteral("orders")), 200);

    AwsCli::Run r = aws({QStringLiteral("get-item"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--key"),
                         json({{QStringLiteral("customer"), s(QStringLiteral("ada"))}, {QStringLiteral("orderNo"), n(7)}})});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(QStringLiteral("Item")).toObject().value(QStringLiteral("total")).toObject(), n(21));

    r = aws({QStringLiteral("query"), QStringLiteral("--table-name"), QStringLiteral("orders"),
             QStringLiteral("--key-condition-expression"), QStringLiteral("customer = :c AND orderNo BETWEEN :lo AND :hi"),
             QStringLiteral("--filter-expression"), QStringLiteral("#s = :open"),
             QStringLiteral("--expression-attribute-names"), json({{QStringLiteral("#s"), QStringLiteral("status")}}),
             QStringLiteral("--expression-attribute-values"),
             json({{QStringLiteral(":c"), s(QStringLiteral("ada"))}, {QStringLiteral(":lo"), n(10)}, {QStringLiteral(":hi"), n(29)},
                   {QStringLiteral(":open"), s(QStringLiteral("open"))}}),
             QStringLiteral("--no-scan-index-forward")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // ada's odd orders 11..29 are ten; 15 and 25 are shipped
    QCOMPARE(r.json().value(QStringLiteral("ScannedCount")).toInt(), 10);
    QStringList numbers;
    for (const QJsonValue &item : r.json().value(QStringLiteral("Items")).toArray())
        numbers.append(item[QStringLiteral("orderNo")][QStringLiteral("N")].toString());
    QCOMPARE(numbers, (QStringList{QStringLiteral("29"), QStringLiteral("27"), QStringLiteral("23"), QStringLiteral("21"),
                                   QStringLiteral("19"), QStringLiteral("17"), QStringLiteral("13"), QStringLiteral("11")}));

    r = aws({QStringLiteral("query"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--index-name"),
             QStringLiteral("byStatus"), QStringLiteral("--key-condition-expression"), QStringLiteral("#s = :s AND orderNo < :n"),
             QStringLiteral("--expression-attribute-names"), json({{QStringLiteral("#s"), QStringLiteral("status")}}),
             QStringLiteral("--expression-attribute-values"),
             json({{QStringLiteral(":s"), s(QStringLiteral("shipped"))}, {QStringLiteral(":n"), n(50)}})});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(QStringLiteral("Count")).toInt(), 10); // 0, 5, ..., 45
    // KEYS_ONLY: the table's and the index's keys, no total
    QVERIFY(!r.json().value(QStringLiteral("Items")).toArray().at(0).toObject().contains(QStringLiteral("total")));

    // An unused value is refused in DynamoDB's words.
    r = aws({QStringLiteral("query"), QStringLiteral("--table-name"), QStringLiteral("orders"),
             QStringLiteral("--key-condition-expression"), QStringLiteral("customer = :c"),
             QStringLiteral("--expression-attribute-values"),
             json({{QStringLiteral(":c"), s(QStringLiteral("ada"))}, {QStringLiteral(":x"), n(1)}})});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("ValidationException") && r.err.contains("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}"),
             r.err.constData());

    // `status` bare is one of DynamoDB's reserved words: the query the #s alias ran above is
    // refused without it, in DynamoDB's words, as the CLI shows them.
    r = aws({QStringLiteral("query"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--index-name"),
             QStringLiteral("byStatus"), QStringLiteral("--key-condition-expression"), QStringLiteral("status = :s"),
             QStringLiteral("--expression-attribute-values"), json({{QStringLiteral(":s"), s(QStringLiteral("shipped"))}})});
    QCOMPARE(r.exitCode, 254); // the CLI's exit code for a service error
    QVERIFY2(r.err.contains("(ValidationException) when calling the Query operation")
                 && r.err.contains("Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"),
             r.err.constData());
}

// The CLI's own paginator: --max-items and --starting-token over LastEvaluatedKey pages.
void TestDynamoDbCli::scanPagesWithMaxItems()
{
    QSet<int> seen;
    QString token;
    int calls = 0;
    do {
        QStringList args{QStringLiteral("scan"), QStringLiteral("--table-name"), QStringLiteral("orders"),
                         QStringLiteral("--max-items"), QStringLiteral("30"), QStringLiteral("--page-size"), QStringLiteral("20")};
        if (!token.isEmpty())
            args << QStringLiteral("--starting-token") << token;
        const AwsCli::Run r = aws(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const QJsonValue &item : r.json().value(QStringLiteral("Items")).toArray()) {
            const int no = item[QStringLiteral("orderNo")][QStringLiteral("N")].toString().toInt();
            QVERIFY2(!seen.contains(no), "an item came twice");
            seen.insert(no);
        }
        token = r.json().value(QStringLiteral("NextToken")).toString();
        QVERIFY(++calls < 20);
    } while (!token.isEmpty());
    QCOMPARE(seen.size(), 200);
    QCOMPARE(calls, 7); // 200 items, 30 per call
}

void TestDynamoDbCli::updateAndConditionalPut()
{
    const QString key = json({{QStringLiteral("customer"), s(QStringLiteral("bob"))}, {QStringLiteral("orderNo"), n(4)}});
    AwsCli::Run r = aws({QStringLiteral("update-item"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--key"), key,
                         // `total` is one of DynamoDB's reserved words, so it goes by an alias.
                         QStringLiteral("--update-expression"), QStringLiteral("SET #t = #t + :inc, notes = list_append(if_not_exists(notes, :empty), :note)"),
                         QStringLiteral("--expression-attribute-names"), json({{QStringLiteral("#t"), QStringLiteral("total")}}),
                         QStringLiteral("--expression-attribute-values"),
                         json({{QStringLiteral(":inc"), n(100)}, {QStringLiteral(":empty"), QJsonObject{{QStringLiteral("L"), QJsonArray()}}},
                               {QStringLiteral(":note"), QJsonObject{{QStringLiteral("L"), QJsonArray{s(QStringLiteral("gift wrap"))}}}}}),
                         QStringLiteral("--return-values"), QStringLiteral("ALL_NEW")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject attributes = r.json().value(QStringLiteral("Attributes")).toObject();
    QCOMPARE(attributes.value(QStringLiteral("total")).toObject(), n(112));
    QCOMPARE(attributes.value(QStringLiteral("notes")).toObject(),
             (QJsonObject{{QStringLiteral("L"), QJsonArray{s(QStringLiteral("gift wrap"))}}}));
    QCOMPARE(attributes.value(QStringLiteral("status")).toObject(), s(QStringLiteral("open")));

    r = aws({QStringLiteral("put-item"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--item"),
             json({{QStringLiteral("customer"), s(QStringLiteral("bob"))}, {QStringLiteral("orderNo"), n(4)}}),
             QStringLiteral("--condition-expression"), QStringLiteral("attribute_not_exists(orderNo)")});
    QCOMPARE(r.exitCode, 254); // the CLI's exit code for a service error
    QVERIFY2(r.err.contains("ConditionalCheckFailedException") && r.err.contains("The conditional request failed"), r.err.constData());
    r = aws({QStringLiteral("get-item"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--key"), key});
    QCOMPARE(r.json().value(QStringLiteral("Item")).toObject().value(QStringLiteral("total")).toObject(), n(112));

    // A transaction whose check fails changes nothing; the CLI shows DynamoDB's reasons.
    const QJsonArray transaction{
        QJsonObject{{QStringLiteral("Update"), QJsonObject{{QStringLiteral("TableName"), QStringLiteral("orders")},
                                                           {QStringLiteral("Key"), QJsonDocument::fromJson(key.toUtf8()).object()},
                                                           {QStringLiteral("UpdateExpression"), QStringLiteral("SET #t = :z")},
                                                           {QStringLiteral("ExpressionAttributeNames"), QJsonObject{{QStringLiteral("#t"), QStringLiteral("total")}}},
                                                           {QStringLiteral("ExpressionAttributeValues"), QJsonObject{{QStringLiteral(":z"), n(0)}}}}}},
        QJsonObject{{QStringLiteral("ConditionCheck"),
                     QJsonObject{{QStringLiteral("TableName"), QStringLiteral("orders")},
                                 {QStringLiteral("Key"), QJsonObject{{QStringLiteral("customer"), s(QStringLiteral("bob"))}, {QStringLiteral("orderNo"), n(6)}}},
                                 {QStringLiteral("ConditionExpression"), QStringLiteral("attribute_not_exists(customer)")}}}}};
    r = aws({QStringLiteral("transact-write-items"), QStringLiteral("--transact-items"),
             QString::fromUtf8(QJsonDocument(transaction).toJson(QJsonDocument::Compact))});
    QCOMPARE(r.exitCode, 254);
    QVERIFY2(r.err.contains("TransactionCanceledException") && r.err.contains("[None, ConditionalCheckFailed]"), r.err.constData());
    r = aws({QStringLiteral("get-item"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--key"), key});
    QCOMPARE(r.json().value(QStringLiteral("Item")).toObject().value(QStringLiteral("total")).toObject(), n(112));

    r = aws({QStringLiteral("put-item"), QStringLiteral("--table-name"), QStringLiteral("orders"), QStringLiteral("--item"),
             json({{QStringLiteral("customer"), s(QStringLiteral("bob"))}})});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("Missing the key orderNo in the item"), r.err.constData());
}

void TestDynamoDbCli::wrongSecretRefused()
{
    AwsCli other(m_emulator->info().baseUrl, AwsCli::Credentials{QStringLiteral("test"), QStringLiteral("not-the-secret"), QString()});
    const AwsCli::Run r = other.run({QStringLiteral("dynamodb"), QStringLiteral("list-tables")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("InvalidSignatureException") || r.err.contains("signature"), r.err.constData());
}

// boto3's resource layer (Table, batch_writer, Key/Attr conditions, Decimal numbers, sets) on
// the same table, run by tests/emulator/dynamodb_boto3_peer.py while this thread keeps serving.
void TestDynamoDbCli::boto3Table()
{
    QProcess probe;
    probe.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import boto3")});
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
        QSKIP("Debian's python3-boto3 is not installed (packaging/dev installs it)");
    const qsizetype before = m_emulator->dynamoStore()->itemCount(QStringLiteral("orders"));
    QProcess peer;
    peer.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/dynamodb_boto3_peer.py"), m_emulator->info().baseUrl,
                QStringLiteral("orders")});
    QTRY_VERIFY_WITH_TIMEOUT(peer.state() == QProcess::NotRunning, 60000);
    const QByteArray err = peer.readAllStandardError();
    QVERIFY2(peer.exitCode() == 0, err.constData());
    const QJsonObject out = QJsonDocument::fromJson(peer.readAllStandardOutput()).object();
    QCOMPARE(out.value(QStringLiteral("get")).toObject(),
             (QJsonObject{{QStringLiteral("total"), QStringLiteral("1.75")},
                          {QStringLiteral("tags"), QJsonArray{QStringLiteral("boto3"), QStringLiteral("peer")}}}));
    QJsonArray query;
    for (int i = 19; i >= 10; --i)
        query.append(i);
    QCOMPARE(out.value(QStringLiteral("query")).toArray(), query);
    const QJsonObject scan = out.value(QStringLiteral("scan")).toObject();
    QCOMPARE(scan.value(QStringLiteral("count")).toInt(), 60);
    QCOMPARE(scan.value(QStringLiteral("distinct")).toInt(), 60);
    // Every item of the table read 7 at a time, the filter applied after Limit as DynamoDB applies
    // it; a page that Limit ended carries a LastEvaluatedKey even when nothing follows.
    const qsizetype total = before + 60;
    QCOMPARE(m_emulator->dynamoStore()->itemCount(QStringLiteral("orders")), total);
    QCOMPARE(scan.value(QStringLiteral("pages")).toInt(), int(total / 7 + 1));
    QCOMPARE(out.value(QStringLiteral("update")).toObject(),
             (QJsonObject{{QStringLiteral("total"), QStringLiteral("2.25")},
                          {QStringLiteral("tags"), QJsonArray{QStringLiteral("boto3"), QStringLiteral("gift"), QStringLiteral("peer")}}}));
    QCOMPARE(out.value(QStringLiteral("conditional")).toString(),
             QStringLiteral("ConditionalCheckFailedException: The conditional request failed"));
}

QTEST_GUILESS_MAIN(TestDynamoDbCli)
#include "tst_dynamodbcli.moc"
