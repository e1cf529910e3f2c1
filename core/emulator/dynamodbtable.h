#pragma once

// One in-memory DynamoDB table with its secondary indexes, for DynamoStore only (carries
// nlohmann/json through dynamodbexpression.h).
#include "dynamodbexpression.h"
#include "dynamodbstore.h"

#include <functional>
#include <map>
#include <optional>

namespace Gatehouse::Emulator::Dynamo {

// A key attribute's value as DynamoDB orders it: N numerically, S by UTF-8 bytes, B bytewise.
struct KeyPart
{
    char type = 'S';
    std::string bytes; // N: normalized text; S: UTF-8; B: decoded bytes
};
// Where an item sits in a table (hash[, range]) or an index (index hash[, range], table key).
using Position = std::vector<KeyPart>;
struct PositionLess
{
    bool operator()(const Position &a, const Position &b) const;
};

class Table
{
public:
    struct Index
    {
        DynamoTableConfig::Index config;
        std::string name, hashKey, hashType, rangeKey, rangeType;
        std::map<Position, Position, PositionLess> entries; // index position -> table position
    };

    Table(const DynamoTableConfig &config, const QString &region, const QString &accountId);

    DynamoTableConfig config;
    std::string name, hashKey, hashType, rangeKey, rangeType, arn;
    double createdAt = 0; // seconds since the epoch, for DescribeTable
    std::map<Position, Json, PositionLess> items;
    std::vector<Index> indexes;
    long long bytes = 0;

    // The table position of a Key parameter: exactly the key attributes, with their types.
    Position keyPosition(const Json &key) const;
    // An item's key, checked as PutItem checks it (present, typed, not empty, within sizes).
    Position itemPosition(const Json &item) const;
    const Json *find(const Position &key) const;
    // Checks an item as put() would (key, size, index key types) without storing it.
    Position check(const Json &item) const;
    // Stores (or replaces) an item after checking its size and index key types.
    void put(const Json &item);
    void erase(const Position &key);
    // The key attributes of an item (table keys, plus the index's when `index` is set).
    Json keyOf(const Json &item, const Index *index = nullptr) const;
    const Index *index(const std::string &indexName) const; // fails with DynamoDB's message

    // Items of a Query or Scan in order; `from` positions after an ExclusiveStartKey.
    struct Cursor
    {
        std::vector<std::pair<Position, const Json *>> items;
    };
    Cursor all(const Index *index) const;
    // The items of one partition whose sort key may lie in [low, high] (either bound optional):
    // a walk of the ordered map from `low` that stops past `high`; the caller still applies the
    // exact sort key condition (strict bounds, begins_with).
    Cursor partition(const Index *index, const KeyPart &hash, const std::optional<KeyPart> &low = std::nullopt,
                     const std::optional<KeyPart> &high = std::nullopt) const;
    Position startPosition(const Json &exclusiveStartKey, const Index *index) const;
    // The attributes an index returns (ALL, KEYS_ONLY, INCLUDE).
    Json projectForIndex(const Json &item, const Index *index) const;

    static KeyPart keyPart(const Json &value);
    static int compare(const KeyPart &a, const KeyPart &b);

private:
    static std::optional<Position> indexPosition(const Index &index, const Json &item, const Position &key);
    void unindex(const Json &item, const Position &key);
    void addToIndexes(const Json &item, const Position &key);
};

} // namespace Gatehouse::Emulator::Dynamo

namespace Gatehouse::Emulator::Dynamo {

// Request parameters shared by the operations (dynamodbstore.cpp), each failing in DynamoDB's words.
void refuseLegacy(const Json &request);
std::string stringParam(const Json &request, const char *name);
Substitutions substitutions(const Json &request);
void validateItem(const Json &item);
bool boolParam(const Json &request, const char *name);
std::optional<std::vector<Path>> projection(const Json &request, Substitutions &subs);
NodePtr condition(const Json &request, const char *name, Substitutions &subs);

// The store's state, shared by its DynamoDB API (dynamodbstore.cpp, dynamodbtransactions.cpp)
// and AppSync (dynamodbappsync.cpp) parts.
struct Tables
{
    QString region = QStringLiteral("us-east-1");
    QString accountId = QStringLiteral("123456789012");
    std::vector<std::unique_ptr<Table>> tables;         // in template order
    std::set<std::string> touched;                      // tables the current call changed

    // The table a request names; ResourceNotFoundException in DynamoDB's words otherwise.
    Table &table(const Json &tableName);
    // One DynamoDB JSON 1.0 operation on wire JSON; throws Dynamo::Failure.
    Json run(const std::string &operation, const Json &request);
    // TransactGetItems / TransactWriteItems: all or nothing (dynamodbtransactions.cpp).
    Json transactGet(const Json &request);
    Json transactWrite(const Json &request);
};

} // namespace Gatehouse::Emulator::Dynamo

namespace Gatehouse::Emulator {

struct DynamoStore::Private : Dynamo::Tables
{
};

} // namespace Gatehouse::Emulator
