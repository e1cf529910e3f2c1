#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace Gatehouse::Emulator {

// A table a lab declares (AWS::DynamoDB::Table or AWS::Serverless::SimpleTable).
struct DynamoTableConfig
{
    struct Index
    {
        QString name;
        QString hashKey;
        QString rangeKey; // empty: no sort key
        bool global = true;
        QString hashType = QStringLiteral("S");
        QString rangeType = QStringLiteral("S");
        QString projectionType = QStringLiteral("ALL"); // ALL, KEYS_ONLY or INCLUDE
        QStringList nonKeyAttributes;                    // INCLUDE's NonKeyAttributes
    };
    QString logicalId;
    QString tableName;     // TableName, or the name CloudFormation would generate
    QString hashKey;
    QString hashType = QStringLiteral("S"); // "S", "N" or "B"
    QString rangeKey;      // empty: no sort key
    QString rangeType = QStringLiteral("S");
    QList<Index> indexes;
    int templateLine = 0;
};

// What a DynamoDB call or an AppSync DynamoDB resolver ended with when it failed: DynamoDB's
// error type ("ConditionalCheckFailedException", "ValidationException", ...) and its message.
struct DynamoError
{
    QString type;
    QString message;
    QByteArray item = "null"; // ConditionalCheckFailed in AppSync: the item as stored (plain JSON)
    QByteArray details = "{}"; // further members of DynamoDB's error body, e.g. CancellationReasons
};

// The lab's tables, held in memory for as long as the emulator runs.
class DynamoStore : public QObject
{
    Q_OBJECT
public:
    explicit DynamoStore(QObject *parent = nullptr);
    ~DynamoStore() override;

    // A lab (re)load: a table whose name and key schema did not change keeps its items.
    void setTables(const QList<DynamoTableConfig> &tables);
    QList<DynamoTableConfig> tables() const;
    // Where the tables' ARNs say they live (DescribeTable); us-east-1 / 123456789012 until set.
    void setRegion(const QString &region, const QString &accountId);
    qsizetype itemCount(const QString &tableName) const;

    // One DynamoDB JSON 1.0 call ("GetItem", "PutItem", "Query", ...): the request and the answer
    // in DynamoDB's wire JSON (AttributeValue maps), as the AWS CLI and SDKs send and read them.
    struct CallResult
    {
        bool ok = false;
        QByteArray body;   // the answer document when ok
        DynamoError error; // otherwise
    };
    CallResult call(const QString &operation, const QByteArray &request);

    // An AppSync DynamoDB request mapping document ({"version": "2018-05-29", "operation":
    // "GetItem", "key": {...}}) run against `tableName`; on success `body` is what AppSync hands
    // the response template as $ctx.result: plain JSON, items unmarshalled (a Query or Scan gives
    // {"items": [...], "nextToken": ..., "scannedCount": n}). A failure's type is DynamoDB's
    // exception as AppSync names it after "DynamoDB:" (ConditionalCheckFailedException, with
    // `item` the stored item in plain JSON; DynamoDbException for a validation error), or
    // "MappingTemplate" for a document AppSync itself refuses (no "DynamoDB:" before that one).
    // A cancelled TransactWriteItems fails as TransactionCanceledException and still sets `body`
    // to AppSync's {"keys": null, "cancellationReasons": [{"type", "message"}, ...]}.
    CallResult appSync(const QString &tableName, const QByteArray &requestDocument);

signals:
    void changed(const QString &tableName);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Gatehouse::Emulator
