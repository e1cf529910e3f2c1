// DynamoStore against AWS's documented examples (botocore's examples-1.json for the "Music"
// table), DynamoDB's ordering and paging rules, its expression grammar and its error wording,
// and AppSync's request documents.
#include "core/emulator/dynamodbstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Gatehouse::Emulator;

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject parse(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

QJsonObject s(const QString &v)
{
    return QJsonObject{{QStringLiteral("S"), v}};
}

QJsonObject n(const QString &v)
{
    return QJsonObject{{QStringLiteral("N"), v}};
}

DynamoTableConfig musicTable()
{
    DynamoTableConfig t;
    t.logicalId = QStringLiteral("Music");
    t.tableName = QStringLiteral("Music");
    t.hashKey = QStringLiteral("Artist");
    t.rangeKey = QStringLiteral("SongTitle");
    return t;
}

DynamoTableConfig orderedTable(const QString &rangeType)
{
    DynamoTableConfig t;
    t.tableName = QStringLiteral("Ordered") + rangeType;
    t.hashKey = QStringLiteral("pk");
    t.rangeKey = QStringLiteral("sk");
    t.rangeType = rangeType;
    DynamoTableConfig::Index byScore;
    byScore.name = QStringLiteral("byScore");
    byScore.hashKey = QStringLiteral("team");
    byScore.rangeKey = QStringLiteral("score");
    byScore.rangeType = QStringLiteral("N");
    byScore.projectionType = QStringLiteral("KEYS_ONLY");
    t.indexes = {byScore};
    return t;
}

} // namespace

class TestDynamoStore : public QObject
{
    Q_OBJECT

private:
    DynamoStore m_store;
    QJsonObject m_examples;

    QJsonObject ok(const QString &op, const QJsonObject &request)
    {
        const DynamoStore::CallResult r = m_store.call(op, compact(request));
        if (!r.ok)
            qWarning("%s: %s: %s", qPrintable(op), qPrintable(r.error.type), qPrintable(r.error.message));
        return r.ok ? parse(r.body) : QJsonObject{{QStringLiteral("failed"), r.error.message}};
    }

    DynamoError error(const QString &op, const QJsonObject &request)
    {
        const DynamoStore::CallResult r = m_store.call(op, compact(request));
        return r.ok ? DynamoError{QStringLiteral("none"), QString::fromUtf8(r.body), "null"} : r.error;
    }

    QJsonObject example(const QString &op, const char *field) const
    {
        return m_examples.value(QStringLiteral("examples")).toObject().value(op).toArray().at(0).toObject()
            .value(QLatin1String(field)).toObject();
    }

    // Every key of a query's pages, following LastEvaluatedKey until it is absent.
    QStringList pageThrough(const QString &op, QJsonObject request, int *pages)
    {
        QStringList keys;
        *pages = 0;
        while (true) {
            const QJsonObject page = ok(op, request);
            if (page.contains(QStringLiteral("failed")) || ++*pages > 1000)
                return {QStringLiteral("failed")};
            for (const QJsonValue &item : page.value(QStringLiteral("Items")).toArray())
                keys.append(item[QStringLiteral("sk")].toObject().begin().value().toString());
            if (!page.contains(QStringLiteral("LastEvaluatedKey")))
                return keys;
            request.insert(QStringLiteral("ExclusiveStartKey"), page.value(QStringLiteral("LastEvaluatedKey")));
        }
    }

private slots:
    void initTestCase()
    {
        QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/botocore-dynamodb/examples-1.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_examples = parse(file.readAll());
        QVERIFY(!m_examples.isEmpty());
    }

    void init()
    {
        m_store.setTables({});
        m_store.setTables({musicTable(), orderedTable(QStringLiteral("N")), orderedTable(QStringLiteral("S")),
                           orderedTable(QStringLiteral("B"))});
    }

    // The API reference's own requests, run in its order, give its documented answers.
    void documentedExamples()
    {
        QSignalSpy changed(&m_store, &DynamoStore::changed);
        QCOMPARE(ok(QStringLiteral("BatchWriteItem"), example(QStringLiteral("BatchWriteItem"), "input")),
                 QJsonObject({{QStringLiteral("UnprocessedItems"), QJsonObject()}}));
        QCOMPARE(m_store.itemCount(QStringLiteral("Music")), 3);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("Music"));

        QCOMPARE(ok(QStringLiteral("GetItem"), example(QStringLiteral("GetItem"), "input")),
                 example(QStringLiteral("GetItem"), "output"));

        // The Scan example: filter on the hash key, projection through #names.
        QJsonObject scan = ok(QStringLiteral("Scan"), example(QStringLiteral("Scan"), "input"));
        QJsonObject expected = example(QStringLiteral("Scan"), "output");
        expected.remove(QStringLiteral("ConsumedCapacity"));
        QCOMPARE(scan, expected);

        // The Query example's output lists one of its two items; Count and ScannedCount hold.
        const QJsonObject query = ok(QStringLiteral("Query"), example(QStringLiteral("Query"), "input"));
        QCOMPARE(query.value(QStringLiteral("Count")).toInt(), 2);
        QCOMPARE(query.value(QStringLiteral("ScannedCount")).toInt(), 2);
        QVERIFY(query.value(QStringLiteral("Items")).toArray().contains(
            example(QStringLiteral("Query"), "output").value(QStringLiteral("Items")).toArray().at(0)));

        QCOMPARE(ok(QStringLiteral("UpdateItem"), example(QStringLiteral("UpdateItem"), "input")),
                 example(QStringLiteral("UpdateItem"), "output"));

        // BatchGetItem's order is not the keys' order on AWS either: compare as sets.
        const QJsonArray got = ok(QStringLiteral("BatchGetItem"), example(QStringLiteral("BatchGetItem"), "input"))
                                   .value(QStringLiteral("Responses")).toObject().value(QStringLiteral("Music")).toArray();
        const QJsonArray want = example(QStringLiteral("BatchGetItem"), "output").value(QStringLiteral("Responses"))
                                    .toObject().value(QStringLiteral("Music")).toArray();
        QCOMPARE(got.size(), want.size());
        for (const QJsonValue &v : want)
            QVERIFY2(got.contains(v), compact(v.toObject()).constData());

        QJsonObject put = example(QStringLiteral("PutItem"), "input");
        QCOMPARE(ok(QStringLiteral("PutItem"), put), example(QStringLiteral("PutItem"), "output"));

        QJsonObject del = example(QStringLiteral("DeleteItem"), "input");
        del.insert(QStringLiteral("ReturnConsumedCapacity"), QStringLiteral("TOTAL"));
        QCOMPARE(ok(QStringLiteral("DeleteItem"), del), example(QStringLiteral("DeleteItem"), "output"));
        QCOMPARE(m_store.itemCount(QStringLiteral("Music")), 2);
    }

    // Range keys: N numerically, S by UTF-8 bytes (not UTF-16 units), B by unsigned bytes.
    void ordering_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("sorted");
        QTest::newRow("numbers") << QStringLiteral("N")
                                 << QStringList{QStringLiteral("-1E+3"), QStringLiteral("-10"), QStringLiteral("-2.5"),
                                                QStringLiteral("0"), QStringLiteral("0.001"), QStringLiteral("2"),
                                                QStringLiteral("10"), QStringLiteral("1.5E2"),
                                                QStringLiteral("123456789012345678901234567890123456")};
        // U+FF21 sorts before U+1F600 in UTF-8 (EF.. < F0..) but after it in UTF-16 (FF21 > D83D).
        QTest::newRow("strings") << QStringLiteral("S")
                                 << QStringList{QStringLiteral("A"), QStringLiteral("Z"), QStringLiteral("a"),
                                                QStringLiteral("ab"), QString(QChar(0xE9)), QString(QChar(0xFF21)),
                                                QString::fromUcs4(U"\U0001F600")};
        // base64 of 0x00, 0x01 0x00, 0x7F, 0x80 (a signed comparison would put 0x80 first), 0xFF
        QTest::newRow("binary") << QStringLiteral("B")
                                << QStringList{QStringLiteral("AA=="), QStringLiteral("AQA="), QStringLiteral("fw=="),
                                               QStringLiteral("gA=="), QStringLiteral("/w==")};
    }

    void ordering()
    {
        QFETCH(QString, type);
        QFETCH(QStringList, sorted);
        const QString table = QStringLiteral("Ordered") + type;
        for (qsizetype i = sorted.size() - 1; i >= 0; --i) {
            const QJsonObject item{{QStringLiteral("pk"), s(QStringLiteral("p"))},
                                   {QStringLiteral("sk"), QJsonObject{{type, sorted.at(i)}}}};
            QVERIFY(!ok(QStringLiteral("PutItem"), {{QStringLiteral("TableName"), table}, {QStringLiteral("Item"), item}})
                         .contains(QStringLiteral("failed")));
        }
        int pages = 0;
        const QJsonObject query{{QStringLiteral("TableName"), table},
                                {QStringLiteral("KeyConditionExpression"), QStringLiteral("pk = :p")},
                                {QStringLiteral("ExpressionAttributeValues"), QJsonObject{{QStringLiteral(":p"), s(QStringLiteral("p"))}}}};
        QCOMPARE(pageThrough(QStringLiteral("Query"), query, &pages), sorted);
        QJsonObject backwards = query;
        backwards.insert(QStringLiteral("ScanIndexForward"), false);
        QStringList reversed = sorted;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(pageThrough(QStringLiteral("Query"), backwards, &pages), reversed);

        // Sort key conditions bound the walk; each keeps exactly its items.
        const qsizetype mid = sorted.size() / 2;
        const auto within = [&](const QString &condition, const QJsonObject &values) {
            QJsonObject q = query;
            q.insert(QStringLiteral("KeyConditionExpression"), QString(QStringLiteral("pk = :p AND ") + condition));
            QJsonObject all = values;
            all.insert(QStringLiteral(":p"), s(QStringLiteral("p")));
            q.insert(QStringLiteral("ExpressionAttributeValues"), all);
            return pageThrough(QStringLiteral("Query"), q, &pages);
        };
        const QJsonObject middle{{QStringLiteral(":v"), QJsonObject{{type, sorted.at(mid)}}}};
        QCOMPARE(within(QStringLiteral("sk <= :v"), middle), sorted.mid(0, mid + 1));
        QCOMPARE(within(QStringLiteral("sk < :v"), middle), sorted.mid(0, mid));
        QCOMPARE(within(QStringLiteral("sk >= :v"), middle), sorted.mid(mid));
        QCOMPARE(within(QStringLiteral("sk > :v"), middle), sorted.mid(mid + 1));
        QCOMPARE(within(QStringLiteral("sk = :v"), middle), QStringList{sorted.at(mid)});
        const QJsonObject range{{QStringLiteral(":lo"), QJsonObject{{type, sorted.at(1)}}},
                                {QStringLiteral(":hi"), QJsonObject{{type, sorted.at(mid)}}}};
        QCOMPARE(within(QStringLiteral("sk BETWEEN :lo AND :hi"), range), sorted.mid(1, mid));
        const QJsonObject reversedRange{{QStringLiteral(":lo"), range.value(QStringLiteral(":hi"))},
                                        {QStringLiteral(":hi"), range.value(QStringLiteral(":lo"))}};
        QCOMPARE(within(QStringLiteral("sk BETWEEN :lo AND :hi"), reversedRange), QStringList{QStringLiteral("failed")});
        if (type == QLatin1String("S"))
            QCOMPARE(within(QStringLiteral("begins_with(sk, :v)"), {{QStringLiteral(":v"), s(QStringLiteral("a"))}}),
                     (QStringList{QStringLiteral("a"), QStringLiteral("ab")}));
    }

    // A few hundred items paged with Limit (and the 1 MB page) come back each exactly once, in
    // order, forwards and backwards, through the table and through a KEYS_ONLY index.
    void paging()
    {
        for (int i = 0; i < 300; ++i) {
            const QJsonObject item{{QStringLiteral("pk"), s(QStringLiteral("p"))},
                                   {QStringLiteral("sk"), n(QString::number(i))},
                                   {QStringLiteral("team"), s(i % 2 ? QStringLiteral("odd") : QStringLiteral("even"))},
                                   {QStringLiteral("score"), n(QString::number(1000 - i))},
                                   {QStringLiteral("payload"), s(QString(10, QLatin1Char('x')))}};
            QVERIFY(!ok(QStringLiteral("PutItem"), {{QStringLiteral("TableName"), QStringLiteral("OrderedN")},
                                                    {QStringLiteral("Item"), item}}).contains(QStringLiteral("failed")));
        }
        QStringList all;
        for (int i = 0; i < 300; ++i)
            all.append(QString::number(i));
        int pages = 0;
        QJsonObject query{{QStringLiteral("TableName"), QStringLiteral("OrderedN")},
                          {QStringLiteral("KeyConditionExpression"), QStringLiteral("pk = :p AND sk BETWEEN :lo AND :hi")},
                          {QStringLiteral("ExpressionAttributeValues"),
                           QJsonObject{{QStringLiteral(":p"), s(QStringLiteral("p"))}, {QStringLiteral(":lo"), n(QStringLiteral("0"))},
                                       {QStringLiteral(":hi"), n(QStringLiteral("299"))}}},
                          {QStringLiteral("Limit"), 7}};
        QCOMPARE(pageThrough(QStringLiteral("Query"), query, &pages), all);
        QCOMPARE(pages, 43); // 300 / 7 = 42 full pages, then the last 6 items
        query.insert(QStringLiteral("ScanIndexForward"), false);
        QStringList reversed = all;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(pageThrough(QStringLiteral("Query"), query, &pages), reversed);

        QJsonObject scan{{QStringLiteral("TableName"), QStringLiteral("OrderedN")}, {QStringLiteral("Limit"), 50}};
        QCOMPARE(pageThrough(QStringLiteral("Scan"), scan, &pages), all);

        // The index orders by score (1000 - i) and returns only keys.
        QJsonObject byScore{{QStringLiteral("TableName"), QStringLiteral("OrderedN")},
                            {QStringLiteral("IndexName"), QStringLiteral("byScore")},
                            {QStringLiteral("KeyConditionExpression"), QStringLiteral("team = :t AND score > :min")},
                            {QStringLiteral("ExpressionAttributeValues"),
                             QJsonObject{{QStringLiteral(":t"), s(QStringLiteral("odd"))}, {QStringLiteral(":min"), n(QStringLiteral("900"))}}},
                            {QStringLiteral("Limit"), 9}};
        QStringList odd;
        for (int i = 99; i >= 1; i -= 2)
            odd.append(QString::number(i));
        QCOMPARE(pageThrough(QStringLiteral("Query"), byScore, &pages), odd);
        const QJsonObject first = ok(QStringLiteral("Query"), byScore);
        QCOMPARE(first.value(QStringLiteral("Items")).toArray().at(0).toObject().keys(),
                 (QStringList{QStringLiteral("pk"), QStringLiteral("score"), QStringLiteral("sk"), QStringLiteral("team")}));
        QCOMPARE(first.value(QStringLiteral("LastEvaluatedKey")).toObject().keys(),
                 (QStringList{QStringLiteral("pk"), QStringLiteral("score"), QStringLiteral("sk"), QStringLiteral("team")}));

        // 1 MB: 20 items of 100 KB fill two pages and a bit.
        for (int i = 0; i < 20; ++i) {
            const QJsonObject item{{QStringLiteral("pk"), s(QStringLiteral("big"))}, {QStringLiteral("sk"), n(QString::number(i))},
                                   {QStringLiteral("payload"), s(QString(100 * 1024, QLatin1Char('y')))}};
            QVERIFY(!ok(QStringLiteral("PutItem"), {{QStringLiteral("TableName"), QStringLiteral("OrderedN")},
                                                    {QStringLiteral("Item"), item}}).contains(QStringLiteral("failed")));
        }
        const QJsonObject big = ok(QStringLiteral("Query"), {{QStringLiteral("TableName"), QStringLiteral("OrderedN")},
                                                             {QStringLiteral("KeyConditionExpression"), QStringLiteral("pk = :p")},
                                                             {QStringLiteral("ExpressionAttributeValues"),
                                                              QJsonObject{{QStringLiteral(":p"), s(QStringLiteral("big"))}}}});
        QCOMPARE(big.value(QStringLiteral("Count")).toInt(), 11); // 10 x 100 KB < 1 MB, the 11th crosses it
        QVERIFY(big.contains(QStringLiteral("LastEvaluatedKey")));
    }

    void expressions_data()
    {
        QTest::addColumn<QString>("update");
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QByteArray>("values");
        QTest::addColumn<QByteArray>("expected"); // the item after it, or the error type and message

        const QByteArray none = "{}";
        QTest::newRow("set arithmetic") << QStringLiteral("SET n = n + :one, m = :ten - n") << QString()
                                        << QByteArray("{\":one\":{\"N\":\"1\"},\":ten\":{\"N\":\"10\"}}")
                                        << QByteArray("{\"id\":{\"S\":\"k\"},\"n\":{\"N\":\"3.5\"},\"m\":{\"N\":\"7.5\"},\"l\":{\"L\":[{\"S\":\"a\"},{\"S\":\"b\"}]},\"ss\":{\"SS\":[\"x\",\"y\"]},\"doc\":{\"M\":{\"a\":{\"L\":[{\"M\":{\"c\":{\"N\":\"1\"}}}]}}}}");
        QTest::newRow("nested path and list_append") << QStringLiteral("SET doc.a[0].c = :v, l = list_append(l, :more)") << QString()
                                                     << QByteArray("{\":v\":{\"S\":\"deep\"},\":more\":{\"L\":[{\"S\":\"c\"}]}}")
                                                     << QByteArray("{\"id\":{\"S\":\"k\"},\"n\":{\"N\":\"2.5\"},\"l\":{\"L\":[{\"S\":\"a\"},{\"S\":\"b\"},{\"S\":\"c\"}]},\"ss\":{\"SS\":[\"x\",\"y\"]},\"doc\":{\"M\":{\"a\":{\"L\":[{\"M\":{\"c\":{\"S\":\"deep\"}}}]}}}}");
        QTest::newRow("if_not_exists remove add delete") << QStringLiteral("SET fresh = if_not_exists(fresh, :v), n = if_not_exists(n, :v) REMOVE l[0] ADD tags :add, cnt :one DELETE ss :del")
                                                         << QString()
                                                         << QByteArray("{\":v\":{\"N\":\"9\"},\":add\":{\"SS\":[\"z\"]},\":one\":{\"N\":\"1\"},\":del\":{\"SS\":[\"x\"]}}")
                                                         << QByteArray("{\"id\":{\"S\":\"k\"},\"n\":{\"N\":\"2.5\"},\"fresh\":{\"N\":\"9\"},\"cnt\":{\"N\":\"1\"},\"tags\":{\"SS\":[\"z\"]},\"l\":{\"L\":[{\"S\":\"b\"}]},\"ss\":{\"SS\":[\"y\"]},\"doc\":{\"M\":{\"a\":{\"L\":[{\"M\":{\"c\":{\"N\":\"1\"}}}]}}}}");
        QTest::newRow("condition holds") << QStringLiteral("SET ok = :t")
                                         << QStringLiteral("attribute_exists(id) AND n BETWEEN :lo AND :hi AND begins_with(id, :k) AND contains(ss, :x) AND size(l) = :two AND NOT (n IN (:lo, :hi)) AND attribute_type(doc, :m) AND (absent <> :lo OR absent = :lo)")
                                         << QByteArray("{\":t\":{\"BOOL\":true},\":lo\":{\"N\":\"1\"},\":hi\":{\"N\":\"3\"},\":k\":{\"S\":\"k\"},\":x\":{\"S\":\"x\"},\":two\":{\"N\":\"2\"},\":m\":{\"S\":\"M\"}}")
                                         << QByteArray("{\"id\":{\"S\":\"k\"},\"n\":{\"N\":\"2.5\"},\"ok\":{\"BOOL\":true},\"l\":{\"L\":[{\"S\":\"a\"},{\"S\":\"b\"}]},\"ss\":{\"SS\":[\"x\",\"y\"]},\"doc\":{\"M\":{\"a\":{\"L\":[{\"M\":{\"c\":{\"N\":\"1\"}}}]}}}}");
        QTest::newRow("condition fails") << QStringLiteral("SET ok = :t") << QStringLiteral("n > :hi")
                                         << QByteArray("{\":t\":{\"BOOL\":true},\":hi\":{\"N\":\"3\"}}")
                                         << QByteArray("ConditionalCheckFailedException: The conditional request failed");
        QTest::newRow("unused value") << QStringLiteral("SET a = :a") << QString()
                                      << QByteArray("{\":a\":{\"S\":\"x\"},\":b\":{\"S\":\"y\"}}")
                                      << QByteArray("ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}");
        QTest::newRow("undefined value") << QStringLiteral("SET a = :nope") << QString() << none
                                         << QByteArray("ValidationException: Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope");
        QTest::newRow("missing operand") << QStringLiteral("SET a = absent + :one") << QString()
                                         << QByteArray("{\":one\":{\"N\":\"1\"}}")
                                         << QByteArray("ValidationException: The provided expression refers to an attribute that does not exist in the item");
        QTest::newRow("overlap") << QStringLiteral("SET doc.a = :v REMOVE doc") << QString()
                                 << QByteArray("{\":v\":{\"S\":\"x\"}}")
                                 << QByteArray("ValidationException: Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [doc, a], path two: [doc]");
        QTest::newRow("conflict") << QStringLiteral("ADD ss :v DELETE ss :v") << QString() << QByteArray("{\":v\":{\"SS\":[\"x\"]}}")
                                  << QByteArray("ValidationException: Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [ss], path two: [ss]");
        QTest::newRow("key attribute") << QStringLiteral("SET id = :v") << QString() << QByteArray("{\":v\":{\"S\":\"x\"}}")
                                       << QByteArray("ValidationException: One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key");
        QTest::newRow("add to a string") << QStringLiteral("ADD id2 :v") << QString() << QByteArray("{\":v\":{\"S\":\"x\"}}")
                                         << QByteArray("ValidationException: Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: S");
        QTest::newRow("syntax") << QStringLiteral("SET a = = :v") << QString() << QByteArray("{\":v\":{\"S\":\"x\"}}")
                                << QByteArray("ValidationException: Invalid UpdateExpression: Syntax error; token: \"=\", near: \"= = :v\"");
    }

    void expressions()
    {
        QFETCH(QString, update);
        QFETCH(QString, condition);
        QFETCH(QByteArray, values);
        QFETCH(QByteArray, expected);
        DynamoTableConfig t;
        t.tableName = QStringLiteral("Docs");
        t.hashKey = QStringLiteral("id");
        m_store.setTables({t});
        const QByteArray start = "{\"id\":{\"S\":\"k\"},\"n\":{\"N\":\"2.5\"},\"l\":{\"L\":[{\"S\":\"a\"},{\"S\":\"b\"}]},\"ss\":{\"SS\":[\"x\",\"y\"]},\"doc\":{\"M\":{\"a\":{\"L\":[{\"M\":{\"c\":{\"N\":\"1\"}}}]}}}}";
        QVERIFY(!ok(QStringLiteral("PutItem"), {{QStringLiteral("TableName"), t.tableName}, {QStringLiteral("Item"), parse(start)}})
                     .contains(QStringLiteral("failed")));
        QJsonObject request{{QStringLiteral("TableName"), t.tableName},
                            {QStringLiteral("Key"), QJsonObject{{QStringLiteral("id"), s(QStringLiteral("k"))}}},
                            {QStringLiteral("UpdateExpression"), update},
                            {QStringLiteral("ReturnValues"), QStringLiteral("ALL_NEW")}};
        if (!condition.isEmpty())
            request.insert(QStringLiteral("ConditionExpression"), condition);
        if (values != "{}")
            request.insert(QStringLiteral("ExpressionAttributeValues"), parse(values));
        const DynamoStore::CallResult r = m_store.call(QStringLiteral("UpdateItem"), compact(request));
        if (expected.startsWith('{')) {
            QVERIFY2(r.ok, qPrintable(r.error.message));
            QCOMPARE(parse(r.body).value(QStringLiteral("Attributes")).toObject(), parse(expected));
        } else {
            QVERIFY(!r.ok);
            QCOMPARE(r.error.type + QStringLiteral(": ") + r.error.message, QString::fromUtf8(expected));
            // A refused update leaves the item as it was.
            const QJsonObject get = ok(QStringLiteral("GetItem"), {{QStringLiteral("TableName"), t.tableName},
                                                                    {QStringLiteral("Key"), QJsonObject{{QStringLiteral("id"), s(QStringLiteral("k"))}}}});
            QCOMPARE(get.value(QStringLiteral("Item")).toObject(), parse(start));
        }
    }

    // DynamoDB's reserved words (its developer guide's list of 573) are refused as bare attribute
    // names in every kind of expression, whatever their case, and accepted through an #alias;
    // a longer name that merely contains one is fine. The wording is DynamoDB's.
    void reservedWords_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("refused"); // the message, or empty when the call succeeds
        const QString word = QStringLiteral("Attribute name is a reserved keyword; reserved keyword: ");
        QTest::newRow("key condition") << QStringLiteral("Query")
                                       << QByteArray("{\"KeyConditionExpression\":\"id = :i AND year > :y\",\"ExpressionAttributeValues\":{\":i\":{\"S\":\"a\"},\":y\":{\"N\":\"1\"}}}")
                                       << QStringLiteral("Invalid KeyConditionExpression: ") + word + QStringLiteral("year");
        QTest::newRow("key condition aliased") << QStringLiteral("Query")
                                               << QByteArray("{\"KeyConditionExpression\":\"id = :i AND #y > :y\",\"ExpressionAttributeNames\":{\"#y\":\"year\"},\"ExpressionAttributeValues\":{\":i\":{\"S\":\"a\"},\":y\":{\"N\":\"1\"}}}")
                                               << QString();
        QTest::newRow("condition") << QStringLiteral("PutItem")
                                   << QByteArray("{\"Item\":{\"id\":{\"S\":\"b\"},\"year\":{\"N\":\"1\"}},\"ConditionExpression\":\"attribute_not_exists(name)\"}")
                                   << QStringLiteral("Invalid ConditionExpression: ") + word + QStringLiteral("name");
        QTest::newRow("filter") << QStringLiteral("Scan") << QByteArray("{\"FilterExpression\":\"comment = :c\",\"ExpressionAttributeValues\":{\":c\":{\"S\":\"c\"}}}")
                                << QStringLiteral("Invalid FilterExpression: ") + word + QStringLiteral("comment");
        QTest::newRow("update") << QStringLiteral("UpdateItem")
                                << QByteArray("{\"Key\":{\"id\":{\"S\":\"a\"},\"year\":{\"N\":\"2020\"}},\"UpdateExpression\":\"SET data = :d\",\"ExpressionAttributeValues\":{\":d\":{\"S\":\"d\"}}}")
                                << QStringLiteral("Invalid UpdateExpression: ") + word + QStringLiteral("data");
        QTest::newRow("update aliased") << QStringLiteral("UpdateItem")
                                        << QByteArray("{\"Key\":{\"id\":{\"S\":\"a\"},\"year\":{\"N\":\"2020\"}},\"UpdateExpression\":\"SET #d = :d\",\"ExpressionAttributeNames\":{\"#d\":\"data\"},\"ExpressionAttributeValues\":{\":d\":{\"S\":\"d\"}}}")
                                        << QString();
        QTest::newRow("projection") << QStringLiteral("GetItem")
                                    << QByteArray("{\"Key\":{\"id\":{\"S\":\"a\"},\"year\":{\"N\":\"2020\"}},\"ProjectionExpression\":\"id, date\"}")
                                    << QStringLiteral("Invalid ProjectionExpression: ") + word + QStringLiteral("date");
        QTest::newRow("any case, echoed as written") << QStringLiteral("Scan")
                                                     << QByteArray("{\"FilterExpression\":\"StAtUs = :s\",\"ExpressionAttributeValues\":{\":s\":{\"S\":\"s\"}}}")
                                                     << QStringLiteral("Invalid FilterExpression: ") + word + QStringLiteral("StAtUs");
        QTest::newRow("containing a word is fine") << QStringLiteral("Scan")
                                                   << QByteArray("{\"FilterExpression\":\"statusCode = :s OR yearly = :s\",\"ExpressionAttributeValues\":{\":s\":{\"S\":\"s\"}}}")
                                                   << QString();
    }

    void reservedWords()
    {
        QFETCH(QString, operation);
        QFETCH(QByteArray, request);
        QFETCH(QString, refused);
        DynamoTableConfig t;
        t.tableName = QStringLiteral("Words");
        t.hashKey = QStringLiteral("id");
        t.rangeKey = QStringLiteral("year");
        t.rangeType = QStringLiteral("N");
        m_store.setTables({t});
        const QJsonObject item{{QStringLiteral("id"), s(QStringLiteral("a"))}, {QStringLiteral("year"), n(QStringLiteral("2020"))},
                               {QStringLiteral("data"), s(QStringLiteral("kept"))}};
        ok(QStringLiteral("PutItem"), {{QStringLiteral("TableName"), t.tableName}, {QStringLiteral("Item"), item}});
        QJsonObject body = parse(request);
        body.insert(QStringLiteral("TableName"), t.tableName);
        const DynamoStore::CallResult r = m_store.call(operation, compact(body));
        if (refused.isEmpty()) {
            QVERIFY2(r.ok, qPrintable(r.error.message));
            return;
        }
        QVERIFY(!r.ok);
        QCOMPARE(r.error.type, QStringLiteral("ValidationException"));
        QCOMPARE(r.error.message, refused);
        QCOMPARE(m_store.itemCount(t.tableName), 1); // nothing written by a refused request
        // AppSync's documents go through the same parser: a bare word in a Query document is a
        // DynamoDB error there too (DynamoDbException, AppSync's name for a validation error).
        if (operation == QLatin1String("Query")) {
            const DynamoStore::CallResult a = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"Query\",\"query\":{\"expression\":\"id = :i AND year > :y\",\"expressionValues\":{\":i\":{\"S\":\"a\"},\":y\":{\"N\":1}}}}");
            QVERIFY(!a.ok);
            QCOMPARE(a.error.type, QStringLiteral("DynamoDbException"));
            QVERIFY2(a.error.message.startsWith(refused), qPrintable(a.error.message));
        }
    }

    void keysAndLimits()
    {
        const auto music = [](QJsonObject r) {
            r.insert(QStringLiteral("TableName"), QStringLiteral("Music"));
            return r;
        };
        DynamoError e = error(QStringLiteral("GetItem"), music({{QStringLiteral("Key"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))}}}}));
        QCOMPARE(e.type, QStringLiteral("ValidationException"));
        QCOMPARE(e.message, QStringLiteral("The provided key element does not match the schema"));
        e = error(QStringLiteral("PutItem"), music({{QStringLiteral("Item"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))},
                                                                                        {QStringLiteral("SongTitle"), n(QStringLiteral("1"))}}}}));
        QCOMPARE(e.message, QStringLiteral("One or more parameter values were invalid: Type mismatch for key SongTitle expected: S actual: N"));
        e = error(QStringLiteral("PutItem"), music({{QStringLiteral("Item"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))},
                                                                                        {QStringLiteral("SongTitle"), s(QStringLiteral("b"))},
                                                                                        {QStringLiteral("blob"), s(QString(400 * 1024, QLatin1Char('z')))}}}}));
        QCOMPARE(e.message, QStringLiteral("Item size has exceeded the maximum allowed size"));
        e = error(QStringLiteral("GetItem"), {{QStringLiteral("TableName"), QStringLiteral("Nope")},
                                              {QStringLiteral("Key"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))}}}});
        QCOMPARE(e.type, QStringLiteral("ResourceNotFoundException"));
        QCOMPARE(e.message, QStringLiteral("Requested resource not found"));
        e = error(QStringLiteral("Query"), music({{QStringLiteral("KeyConditionExpression"), QStringLiteral("SongTitle = :t")},
                                                  {QStringLiteral("ExpressionAttributeValues"), QJsonObject{{QStringLiteral(":t"), s(QStringLiteral("x"))}}}}));
        QCOMPARE(e.message, QStringLiteral("Query condition missed key schema element: Artist"));
        // Input that would recurse without end or overflow an index is refused in words.
        QJsonObject deep = s(QStringLiteral("bottom"));
        for (int i = 0; i < 40; ++i)
            deep = QJsonObject{{QStringLiteral("L"), QJsonArray{deep}}};
        e = error(QStringLiteral("PutItem"), music({{QStringLiteral("Item"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))},
                                                                                        {QStringLiteral("SongTitle"), s(QStringLiteral("b"))},
                                                                                        {QStringLiteral("deep"), deep}}}}));
        QCOMPARE(e.message, QStringLiteral("Nesting Levels have exceeded supported limits"));
        e = error(QStringLiteral("GetItem"), music({{QStringLiteral("Key"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))},
                                                                                       {QStringLiteral("SongTitle"), s(QStringLiteral("b"))}}},
                                                   {QStringLiteral("ProjectionExpression"), QStringLiteral("a[99999999999999999999]")}}));
        QVERIFY2(e.type == QLatin1String("ValidationException") && e.message.contains(QLatin1String("too large")), qPrintable(e.message));
        e = error(QStringLiteral("Scan"), music({{QStringLiteral("FilterExpression"), QString(5000, QLatin1Char('('))}}));
        QVERIFY2(e.message.startsWith(QLatin1String("Invalid FilterExpression: Expression size has exceeded the maximum allowed size")),
                 qPrintable(e.message));
        e = error(QStringLiteral("CreateTable"), {{QStringLiteral("TableName"), QStringLiteral("New")}});
        QVERIFY2(e.message.contains(QLatin1String("template.yaml")), qPrintable(e.message));
        // A failed condition hands the stored item back when asked (ReturnValuesOnConditionCheckFailure).
        QVERIFY(!ok(QStringLiteral("PutItem"), music({{QStringLiteral("Item"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))},
                                                                                         {QStringLiteral("SongTitle"), s(QStringLiteral("b"))}}}}))
                     .contains(QStringLiteral("failed")));
        e = error(QStringLiteral("PutItem"), music({{QStringLiteral("Item"), QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))},
                                                                                        {QStringLiteral("SongTitle"), s(QStringLiteral("b"))}}},
                                                    {QStringLiteral("ConditionExpression"), QStringLiteral("attribute_not_exists(Artist)")},
                                                    {QStringLiteral("ReturnValuesOnConditionCheckFailure"), QStringLiteral("ALL_OLD")}}));
        QCOMPARE(e.type, QStringLiteral("ConditionalCheckFailedException"));
        QCOMPARE(parse(e.item), (QJsonObject{{QStringLiteral("Artist"), s(QStringLiteral("a"))}, {QStringLiteral("SongTitle"), s(QStringLiteral("b"))}}));
    }

    // TransactWriteItems is all or nothing: one failed condition cancels every action, with
    // DynamoDB's reasons in order; TransactGetItems answers in the order asked.
    void transactions()
    {
        const auto key = [](const QString &artist, const QString &song) {
            return QJsonObject{{QStringLiteral("Artist"), s(artist)}, {QStringLiteral("SongTitle"), s(song)}};
        };
        const auto music = [](const char *kind, QJsonObject action) {
            action.insert(QStringLiteral("TableName"), QStringLiteral("Music"));
            return QJsonObject{{QLatin1String(kind), action}};
        };
        QVERIFY(!ok(QStringLiteral("PutItem"), {{QStringLiteral("TableName"), QStringLiteral("Music")},
                                                {QStringLiteral("Item"), key(QStringLiteral("a"), QStringLiteral("old"))}})
                     .contains(QStringLiteral("failed")));
        const QJsonArray cancelled{
            music("Put", {{QStringLiteral("Item"), key(QStringLiteral("a"), QStringLiteral("new"))}}),
            music("ConditionCheck", {{QStringLiteral("Key"), key(QStringLiteral("a"), QStringLiteral("old"))},
                                     {QStringLiteral("ConditionExpression"), QStringLiteral("attribute_not_exists(Artist)")}}),
            music("Delete", {{QStringLiteral("Key"), key(QStringLiteral("z"), QStringLiteral("other"))}})};
        const DynamoStore::CallResult r = m_store.call(QStringLiteral("TransactWriteItems"),
                                                       compact({{QStringLiteral("TransactItems"), cancelled}}));
        QVERIFY(!r.ok);
        QCOMPARE(r.error.type, QStringLiteral("TransactionCanceledException"));
        QCOMPARE(r.error.message, QStringLiteral("Transaction cancelled, please refer cancellation reasons for specific reasons "
                                                 "[None, ConditionalCheckFailed, None]"));
        const QJsonArray reasons = parse(r.error.details).value(QStringLiteral("CancellationReasons")).toArray();
        QCOMPARE(reasons.size(), 3);
        QCOMPARE(reasons.at(1)[QStringLiteral("Code")].toString(), QStringLiteral("ConditionalCheckFailed"));
        QCOMPARE(m_store.itemCount(QStringLiteral("Music")), 1); // nothing was written

        const QJsonArray committed{
            music("Put", {{QStringLiteral("Item"), key(QStringLiteral("a"), QStringLiteral("new"))}}),
            music("Update", {{QStringLiteral("Key"), key(QStringLiteral("b"), QStringLiteral("made"))},
                             {QStringLiteral("UpdateExpression"), QStringLiteral("SET plays = :one")},
                             {QStringLiteral("ExpressionAttributeValues"), QJsonObject{{QStringLiteral(":one"), n(QStringLiteral("1"))}}}}),
            music("Delete", {{QStringLiteral("Key"), key(QStringLiteral("a"), QStringLiteral("old"))},
                             {QStringLiteral("ConditionExpression"), QStringLiteral("attribute_exists(Artist)")}})};
        QCOMPARE(ok(QStringLiteral("TransactWriteItems"), {{QStringLiteral("TransactItems"), committed}}), QJsonObject());
        QCOMPARE(m_store.itemCount(QStringLiteral("Music")), 2);

        const DynamoError twice = error(QStringLiteral("TransactWriteItems"),
                                        {{QStringLiteral("TransactItems"),
                                          QJsonArray{music("Delete", {{QStringLiteral("Key"), key(QStringLiteral("a"), QStringLiteral("new"))}}),
                                                     music("Put", {{QStringLiteral("Item"), key(QStringLiteral("a"), QStringLiteral("new"))}})}}});
        QCOMPARE(twice.message, QStringLiteral("Transaction request cannot include multiple operations on one item"));

        const QJsonObject got = ok(QStringLiteral("TransactGetItems"),
                                   {{QStringLiteral("TransactItems"),
                                     QJsonArray{music("Get", {{QStringLiteral("Key"), key(QStringLiteral("b"), QStringLiteral("made"))}}),
                                                music("Get", {{QStringLiteral("Key"), key(QStringLiteral("a"), QStringLiteral("old"))}})}}});
        const QJsonArray responses = got.value(QStringLiteral("Responses")).toArray();
        QCOMPARE(responses.size(), 2);
        QCOMPARE(responses.at(0)[QStringLiteral("Item")][QStringLiteral("plays")].toObject(), n(QStringLiteral("1")));
        QCOMPARE(responses.at(1).toObject(), QJsonObject());
    }

    // An index follows its items as DynamoDB's sparse indexes do (an item is in an index only
    // while it carries the index's keys): a changed index key moves the item, a removed one takes
    // it out, a replaced item stands once, a deleted item leaves, and one that gains the keys enters.
    void indexFollowsItemChanges()
    {
        DynamoTableConfig t;
        t.tableName = QStringLiteral("Moves");
        t.hashKey = QStringLiteral("id");
        DynamoTableConfig::Index byG;
        byG.name = QStringLiteral("byG");
        byG.hashKey = QStringLiteral("g");
        byG.rangeKey = QStringLiteral("r");
        byG.rangeType = QStringLiteral("N");
        t.indexes = {byG};
        m_store.setTables({t});
        const QJsonValue table(t.tableName);
        const auto done = [&](const QString &op, QJsonObject request) {
            request.insert(QStringLiteral("TableName"), table);
            return !ok(op, request).contains(QStringLiteral("failed"));
        };
        const auto key = [](const char *id) { return QJsonObject{{QStringLiteral("id"), s(QLatin1String(id))}}; };
        const auto item = [&](const char *id, const char *g, const char *r) {
            QJsonObject i = key(id);
            i.insert(QStringLiteral("g"), s(QLatin1String(g)));
            i.insert(QStringLiteral("r"), n(QLatin1String(r)));
            return QJsonObject{{QStringLiteral("Item"), i}};
        };
        const auto update = [&](const char *id, const QString &expression, const QJsonObject &values = {}) {
            QJsonObject request{{QStringLiteral("Key"), key(id)}, {QStringLiteral("UpdateExpression"), expression}};
            if (!values.isEmpty())
                request.insert(QStringLiteral("ExpressionAttributeValues"), values);
            return done(QStringLiteral("UpdateItem"), request);
        };
        const auto idsIn = [&](const char *g) {
            const QJsonObject page = ok(QStringLiteral("Query"),
                                        {{QStringLiteral("TableName"), table}, {QStringLiteral("IndexName"), QStringLiteral("byG")},
                                         {QStringLiteral("KeyConditionExpression"), QStringLiteral("g = :g")},
                                         {QStringLiteral("ExpressionAttributeValues"), QJsonObject{{QStringLiteral(":g"), s(QLatin1String(g))}}}});
            QStringList ids;
            for (const QJsonValue &i : page.value(QStringLiteral("Items")).toArray())
                ids.append(i.toObject().value(QStringLiteral("id")).toObject().value(QStringLiteral("S")).toString());
            return ids;
        };

        QVERIFY(done(QStringLiteral("PutItem"), item("a", "x", "1")));
        QVERIFY(done(QStringLiteral("PutItem"), item("b", "x", "2")));
        QVERIFY(done(QStringLiteral("PutItem"), {{QStringLiteral("Item"), key("c")}}));
        QCOMPARE(idsIn("x"), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));

        QVERIFY(update("a", QStringLiteral("SET g = :y"), {{QStringLiteral(":y"), s(QStringLiteral("y"))}}));
        QCOMPARE(idsIn("x"), QStringList{QStringLiteral("b")});
        QCOMPARE(idsIn("y"), QStringList{QStringLiteral("a")});

        QVERIFY(update("b", QStringLiteral("REMOVE r")));
        QCOMPARE(idsIn("x"), QStringList());

        QVERIFY(done(QStringLiteral("PutItem"), item("a", "y", "5")));
        QCOMPARE(idsIn("y"), QStringList{QStringLiteral("a")});

        QVERIFY(done(QStringLiteral("DeleteItem"), {{QStringLiteral("Key"), key("a")}}));
        QCOMPARE(idsIn("y"), QStringList());

        QVERIFY(update("c", QStringLiteral("SET g = :x, r = :one"),
                       {{QStringLiteral(":x"), s(QStringLiteral("x"))}, {QStringLiteral(":one"), n(QStringLiteral("1"))}}));
        QCOMPARE(idsIn("x"), QStringList{QStringLiteral("c")});
    }

    // A lab reload keeps a table's items when its name and keys stay, rebuilds its indexes (an
    // item that no longer fits a new index's key type is dropped), and empties a changed table.
    void reload()
    {
        DynamoTableConfig t;
        t.tableName = QStringLiteral("Keep");
        t.hashKey = QStringLiteral("id");
        m_store.setTables({t});
        for (const QJsonObject &item : {QJsonObject{{QStringLiteral("id"), s(QStringLiteral("a"))}, {QStringLiteral("g"), s(QStringLiteral("x"))}},
                                        QJsonObject{{QStringLiteral("id"), s(QStringLiteral("b"))}, {QStringLiteral("g"), n(QStringLiteral("1"))}}})
            QVERIFY(!ok(QStringLiteral("PutItem"), {{QStringLiteral("TableName"), t.tableName}, {QStringLiteral("Item"), item}})
                         .contains(QStringLiteral("failed")));
        DynamoTableConfig::Index byG;
        byG.name = QStringLiteral("byG");
        byG.hashKey = QStringLiteral("g");
        t.indexes = {byG};
        m_store.setTables({t});
        QCOMPARE(m_store.itemCount(t.tableName), 1);
        const QJsonObject page = ok(QStringLiteral("Query"), {{QStringLiteral("TableName"), t.tableName}, {QStringLiteral("IndexName"), QStringLiteral("byG")},
                                                              {QStringLiteral("KeyConditionExpression"), QStringLiteral("g = :g")},
                                                              {QStringLiteral("ExpressionAttributeValues"), QJsonObject{{QStringLiteral(":g"), s(QStringLiteral("x"))}}}});
        QCOMPARE(page.value(QStringLiteral("Count")).toInt(), 1);
        t.hashType = QStringLiteral("N");
        m_store.setTables({t});
        QCOMPARE(m_store.itemCount(t.tableName), 0);
    }

    // AppSync's documents: typed values with JSON numbers, plain results, its Query shape and
    // nextToken, conditional failures with the stored item, its batch shapes.
    void appSync()
    {
        DynamoTableConfig t;
        t.tableName = QStringLiteral("Posts");
        t.hashKey = QStringLiteral("id");
        t.rangeKey = QStringLiteral("n");
        t.rangeType = QStringLiteral("N");
        m_store.setTables({t});
        for (int i = 0; i < 5; ++i) {
            const DynamoStore::CallResult put = m_store.appSync(
                t.tableName, QStringLiteral("{\"version\":\"2018-05-29\",\"operation\":\"PutItem\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":%1}},"
                                            "\"attributeValues\":{\"title\":{\"S\":\"t%1\"},\"tags\":{\"SS\":[\"a\",\"b\"]}}}").arg(i).toUtf8());
            QVERIFY2(put.ok, qPrintable(put.error.message));
            QCOMPARE(parse(put.body).value(QStringLiteral("n")).toInt(), i);
        }
        DynamoStore::CallResult r = m_store.appSync(t.tableName, "{\"version\":\"2017-02-28\",\"operation\":\"GetItem\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":\"3\"}}}");
        QVERIFY(r.ok);
        QCOMPARE(parse(r.body), (QJsonObject{{QStringLiteral("id"), QStringLiteral("p")}, {QStringLiteral("n"), 3},
                                             {QStringLiteral("title"), QStringLiteral("t3")},
                                             {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}}));
        r = m_store.appSync(t.tableName, "{\"version\":\"2017-02-28\",\"operation\":\"GetItem\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":\"42\"}}}");
        QVERIFY(r.ok);
        QCOMPARE(r.body, QByteArray("null"));

        r = m_store.appSync(t.tableName, "{\"version\":\"2017-02-28\",\"operation\":\"Query\",\"query\":{\"expression\":\"id = :id AND n >= :from\",\"expressionValues\":{\":id\":{\"S\":\"p\"},\":from\":{\"N\":1}}},\"limit\":2,\"scanIndexForward\":false}");
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QJsonObject page = parse(r.body);
        QCOMPARE(page.value(QStringLiteral("scannedCount")).toInt(), 2);
        QCOMPARE(page.value(QStringLiteral("items")).toArray().at(0)[QStringLiteral("n")].toInt(), 4);
        const QString token = page.value(QStringLiteral("nextToken")).toString();
        QVERIFY(!token.isEmpty());
        r = m_store.appSync(t.tableName, QStringLiteral("{\"version\":\"2017-02-28\",\"operation\":\"Query\",\"query\":{\"expression\":\"id = :id AND n >= :from\",\"expressionValues\":{\":id\":{\"S\":\"p\"},\":from\":{\"N\":1}}},\"limit\":2,\"scanIndexForward\":false,\"nextToken\":\"%1\"}").arg(token).toUtf8());
        page = parse(r.body);
        QCOMPARE(page.value(QStringLiteral("items")).toArray().at(0)[QStringLiteral("n")].toInt(), 2);

        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"PutItem\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":1}},\"attributeValues\":{\"title\":{\"S\":\"other\"}},\"condition\":{\"expression\":\"attribute_not_exists(id)\"}}");
        QVERIFY(!r.ok);
        QCOMPARE(r.error.type, QStringLiteral("ConditionalCheckFailedException"));
        QVERIFY(r.error.message.startsWith(QLatin1String("The conditional request failed (Service: DynamoDb, Status Code: 400")));
        QCOMPARE(parse(r.error.item).value(QStringLiteral("title")).toString(), QStringLiteral("t1"));
        // The same put again is what is stored: AppSync counts it a success.
        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"PutItem\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":1}},\"attributeValues\":{\"title\":{\"S\":\"t1\"},\"tags\":{\"SS\":[\"b\",\"a\"]}},\"condition\":{\"expression\":\"attribute_not_exists(id)\"}}");
        QVERIFY2(r.ok, qPrintable(r.error.message));

        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"UpdateItem\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":2}},\"update\":{\"expression\":\"SET #t = :t ADD likes :one\",\"expressionNames\":{\"#t\":\"title\"},\"expressionValues\":{\":t\":{\"S\":\"new\"},\":one\":{\"N\":1}}}}");
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(parse(r.body).value(QStringLiteral("likes")).toInt(), 1);

        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"BatchGetItem\",\"tables\":{\"Posts\":{\"keys\":[{\"id\":{\"S\":\"p\"},\"n\":{\"N\":0}},{\"id\":{\"S\":\"p\"},\"n\":{\"N\":99}}]}}}");
        QVERIFY2(r.ok, qPrintable(r.error.message));
        page = parse(r.body);
        QCOMPARE(page.value(QStringLiteral("data")).toObject().value(QStringLiteral("Posts")).toArray().size(), 2);
        QVERIFY(page.value(QStringLiteral("data")).toObject().value(QStringLiteral("Posts")).toArray().at(1).isNull());
        QCOMPARE(page.value(QStringLiteral("unprocessedKeys")).toObject().value(QStringLiteral("Posts")).toArray(), QJsonArray());

        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"BatchDeleteItem\",\"tables\":{\"Posts\":[{\"id\":{\"S\":\"p\"},\"n\":{\"N\":0}}]}}");
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(m_store.itemCount(t.tableName), 4);

        // AppSync's transactions: keys in order; a cancelled one fails with its reasons in the body.
        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"TransactWriteItems\",\"transactItems\":["
                                         "{\"table\":\"Posts\",\"operation\":\"PutItem\",\"key\":{\"id\":{\"S\":\"t\"},\"n\":{\"N\":1}},\"attributeValues\":{\"title\":{\"S\":\"tx\"}}},"
                                         "{\"table\":\"Posts\",\"operation\":\"ConditionCheck\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":1}},\"condition\":{\"expression\":\"attribute_exists(id)\"}}]}");
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(parse(r.body).value(QStringLiteral("keys")).toArray().at(0).toObject(),
                 (QJsonObject{{QStringLiteral("id"), QStringLiteral("t")}, {QStringLiteral("n"), 1}}));
        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"TransactWriteItems\",\"transactItems\":["
                                         "{\"table\":\"Posts\",\"operation\":\"DeleteItem\",\"key\":{\"id\":{\"S\":\"t\"},\"n\":{\"N\":1}}},"
                                         "{\"table\":\"Posts\",\"operation\":\"ConditionCheck\",\"key\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":1}},\"condition\":{\"expression\":\"attribute_not_exists(id)\"}}]}");
        QVERIFY(!r.ok);
        QCOMPARE(r.error.type, QStringLiteral("TransactionCanceledException"));
        const QJsonArray reasons = parse(r.body).value(QStringLiteral("cancellationReasons")).toArray();
        QCOMPARE(reasons.size(), 2);
        QCOMPARE(reasons.at(0)[QStringLiteral("type")].toString(), QStringLiteral("None"));
        QCOMPARE(reasons.at(1)[QStringLiteral("type")].toString(), QStringLiteral("ConditionalCheckFailed"));
        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"TransactGetItems\",\"transactItems\":["
                                         "{\"table\":\"Posts\",\"key\":{\"id\":{\"S\":\"t\"},\"n\":{\"N\":1}}},"
                                         "{\"table\":\"Posts\",\"key\":{\"id\":{\"S\":\"none\"},\"n\":{\"N\":1}}}]}");
        QVERIFY2(r.ok, qPrintable(r.error.message));
        const QJsonArray read = parse(r.body).value(QStringLiteral("items")).toArray();
        QCOMPARE(read.at(0)[QStringLiteral("title")].toString(), QStringLiteral("tx")); // the cancelled delete left it
        QVERIFY(read.at(1).isNull());

        r = m_store.appSync(t.tableName, "{\"version\":\"2018-05-29\",\"operation\":\"Sync\"}");
        QVERIFY(!r.ok);
        QCOMPARE(r.error.type, QStringLiteral("MappingTemplate"));
        QVERIFY(r.error.message.contains(QLatin1String("Sync")));
    }
};

QTEST_GUILESS_MAIN(TestDynamoStore)
#include "tst_dynamodbstore.moc"
