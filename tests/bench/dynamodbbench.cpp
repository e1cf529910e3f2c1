#include "benches.h"
#include "core/emulator/dynamodbstore.h"

#include <QElapsedTimer>
#include <QTextStream>

using namespace Gatehouse::Emulator;

namespace {

// Runs `count` calls of `make(i)` against the store; ops/s, and whether every call succeeded.
template<typename Make>
double opsPerSecond(DynamoStore &store, const QString &operation, int count, Make make, bool *allOk)
{
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        const DynamoStore::CallResult r = store.call(operation, make(i));
        *allOk = *allOk && r.ok;
    }
    return count / (double(clock.nsecsElapsed()) / 1e9);
}

} // namespace

// The store in-process, as the JSON 1.0 API and AppSync call it (request parsing, expression
// parsing, validation, answer serialisation included; no HTTP, no SigV4): 20,000 PutItem of a
// ~200-byte item into 200 partitions of 100 sorted items, 20,000 GetItem, and 5,000 Query of one
// partition with a key condition on the sort key returning 10 items.
void benchDynamoDb()
{
    QTextStream out(stdout);
    DynamoStore store;
    DynamoTableConfig table;
    table.tableName = QStringLiteral("bench");
    table.hashKey = QStringLiteral("pk");
    table.rangeKey = QStringLiteral("sk");
    table.rangeType = QStringLiteral("N");
    store.setTables({table});
    const auto item = [](int i) {
        return QStringLiteral("{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"customer-%1\"},\"sk\":{\"N\":\"%2\"},"
                              "\"status\":{\"S\":\"open\"},\"total\":{\"N\":\"%3.25\"},\"tags\":{\"SS\":[\"a\",\"b\"]},"
                              "\"note\":{\"S\":\"a note of some sixty characters, about what a lab stores\"}}}")
            .arg(i % 200).arg(i / 200).arg(i)
            .toUtf8();
    };
    const auto key = [](int i) {
        return QStringLiteral("{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"customer-%1\"},\"sk\":{\"N\":\"%2\"}}}")
            .arg(i % 200).arg(i / 200)
            .toUtf8();
    };
    const auto query = [](int i) {
        return QStringLiteral("{\"TableName\":\"bench\",\"KeyConditionExpression\":\"pk = :p AND sk BETWEEN :lo AND :hi\","
                              "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"customer-%1\"},\":lo\":{\"N\":\"40\"},\":hi\":{\"N\":\"49\"}}}")
            .arg(i % 200)
            .toUtf8();
    };
    bool ok = true;
    const double puts = opsPerSecond(store, QStringLiteral("PutItem"), 20000, item, &ok);
    const double gets = opsPerSecond(store, QStringLiteral("GetItem"), 20000, key, &ok);
    const double queries = opsPerSecond(store, QStringLiteral("Query"), 5000, query, &ok);
    const DynamoStore::CallResult check = store.call(QStringLiteral("Query"), query(7));
    ok = ok && check.ok && check.body.contains("\"Count\":10");
    out << "DynamoDB store in-process: " << store.itemCount(QStringLiteral("bench")) << " items in 200 partitions" << Qt::endl;
    figure(QStringLiteral("dynamodb.put_item"), puts, QStringLiteral("ops/s"), QStringLiteral("> 10000"), ok && puts > 10000);
    figure(QStringLiteral("dynamodb.get_item"), gets, QStringLiteral("ops/s"), QStringLiteral("> 10000"), ok && gets > 10000);
    figure(QStringLiteral("dynamodb.query_10_items"), queries, QStringLiteral("ops/s"), QStringLiteral("> 2000"),
           ok && queries > 2000);
}
