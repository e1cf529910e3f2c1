#include "dynamodbstore.h"

#include "dynamodbtable.h"

#include <QUuid>

#include <cmath>
#include <utility>

namespace Gatehouse::Emulator {

using namespace Dynamo;

namespace {

constexpr long long kPageBytes = 1024 * 1024; // Query and Scan stop after 1 MB read
constexpr size_t kMaxBatchGet = 100;
constexpr size_t kMaxBatchWrite = 25;

} // namespace

namespace Dynamo {

// Parameters of the pre-expression API (AttributesToGet, KeyConditions, ...). The emulator
// runs only the expression forms, which every current SDK and the AWS CLI's examples use.
void refuseLegacy(const Json &request)
{
    static const std::vector<std::pair<const char *, const char *>> legacy{
        {"AttributesToGet", "ProjectionExpression"}, {"KeyConditions", "KeyConditionExpression"},
        {"QueryFilter", "FilterExpression"},         {"ScanFilter", "FilterExpression"},
        {"Expected", "ConditionExpression"},         {"AttributeUpdates", "UpdateExpression"},
        {"ConditionalOperator", "ConditionExpression"}};
    for (const auto &[name, instead] : legacy) {
        if (request.contains(name))
            fail(std::string("The legacy parameter ") + name + " is not supported by the Gatehouse emulator: use "
                 + instead + " (with ExpressionAttributeNames/Values) instead");
    }
}

std::string stringParam(const Json &request, const char *name)
{
    if (!request.contains(name) || request[name].is_null())
        return {};
    if (!request[name].is_string())
        fail(std::string("Unexpected value type for ") + name + ": expected a string", "SerializationException");
    return request[name].get<std::string>();
}

Substitutions substitutions(const Json &request)
{
    Substitutions subs;
    if (request.contains("ExpressionAttributeNames")) {
        const Json &names = request["ExpressionAttributeNames"];
        if (!names.is_object())
            fail("Unexpected value type for ExpressionAttributeNames: expected a map", "SerializationException");
        if (names.empty())
            fail("ExpressionAttributeNames must not be empty");
        for (const auto &e : names.items()) {
            if (!e.value().is_string())
                fail("Unexpected value type for ExpressionAttributeNames: expected strings", "SerializationException");
            if (e.key().size() < 2 || e.key()[0] != '#')
                fail("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + e.key() + "\"");
        }
        subs.names = names;
    }
    if (request.contains("ExpressionAttributeValues")) {
        const Json &values = request["ExpressionAttributeValues"];
        if (!values.is_object())
            fail("Unexpected value type for ExpressionAttributeValues: expected a map", "SerializationException");
        if (values.empty())
            fail("ExpressionAttributeValues must not be empty");
        for (const auto &e : values.items()) {
            if (e.key().size() < 2 || e.key()[0] != ':')
                fail("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + e.key() + "\"");
            try {
                validateValue(e.value());
            } catch (Failure &f) {
                f.message = "ExpressionAttributeValues contains invalid value: " + f.message + " for key " + e.key();
                throw;
            }
        }
        subs.values = values;
    }
    return subs;
}

void validateItem(const Json &item)
{
    if (!item.is_object())
        fail("Unexpected value type for Item: expected a map", "SerializationException");
    for (const auto &e : item.items()) {
        if (e.key().empty())
            fail("One or more parameter values were invalid: An AttributeName in Item must not be empty");
        validateValue(e.value());
    }
}

// ReturnConsumedCapacity: the capacity units on-demand DynamoDB would charge (reads in 4 KB
// steps, halved when eventually consistent; writes in 1 KB steps).
void addCapacity(Json &response, const Json &request, const Table &table, long long bytes, bool write, bool consistent)
{
    const std::string mode = stringParam(request, "ReturnConsumedCapacity");
    if (mode != "TOTAL" && mode != "INDEXES")
        return;
    double units = write ? std::ceil(double(std::max(bytes, 1LL)) / 1024.0) : std::ceil(double(std::max(bytes, 1LL)) / 4096.0);
    if (!write && !consistent)
        units /= 2;
    if (write)
        units *= double(1 + table.indexes.size());
    Json capacity{{"TableName", table.name}, {"CapacityUnits", units}};
    if (mode == "INDEXES")
        capacity["Table"] = Json{{"CapacityUnits", write ? units / double(1 + table.indexes.size()) : units}};
    response["ConsumedCapacity"] = capacity;
}

bool boolParam(const Json &request, const char *name)
{
    return request.contains(name) && request[name].is_boolean() && request[name].get<bool>();
}

std::optional<std::vector<Path>> projection(const Json &request, Substitutions &subs)
{
    const std::string text = stringParam(request, "ProjectionExpression");
    if (text.empty())
        return std::nullopt;
    return parseProjection(text, subs);
}

NodePtr condition(const Json &request, const char *name, Substitutions &subs)
{
    const std::string text = stringParam(request, name);
    return text.empty() ? nullptr : parseCondition(text, name, subs);
}

} // namespace Dynamo

namespace {

void checkCondition(const NodePtr &cond, const Json *old, const Substitutions &subs, const Json &request)
{
    if (!cond || evaluate(cond, old ? *old : Json::object(), subs))
        return;
    Failure f{"ConditionalCheckFailedException", "The conditional request failed", old ? *old : Json(), Json()};
    (void)request;
    throw f;
}

Json describe(const Table &t)
{
    Json defs = Json::array();
    std::set<std::string> defined;
    const auto define = [&](const std::string &name, const std::string &type) {
        if (!name.empty() && defined.insert(name).second)
            defs.push_back({{"AttributeName", name}, {"AttributeType", type}});
    };
    const auto keySchema = [](const std::string &hash, const std::string &range) {
        Json schema = Json::array({{{"AttributeName", hash}, {"KeyType", "HASH"}}});
        if (!range.empty())
            schema.push_back({{"AttributeName", range}, {"KeyType", "RANGE"}});
        return schema;
    };
    define(t.hashKey, t.hashType);
    define(t.rangeKey, t.rangeType);
    Json table{{"TableName", t.name},
               {"TableStatus", "ACTIVE"},
               {"KeySchema", keySchema(t.hashKey, t.rangeKey)},
               {"CreationDateTime", t.createdAt},
               {"ProvisionedThroughput", {{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}}},
               {"BillingModeSummary", {{"BillingMode", "PAY_PER_REQUEST"}}},
               {"TableSizeBytes", t.bytes},
               {"ItemCount", t.items.size()},
               {"TableArn", t.arn},
               {"TableId", QUuid::createUuidV5(QUuid(), QString::fromStdString(t.arn)).toString(QUuid::WithoutBraces).toStdString()},
               {"DeletionProtectionEnabled", false}};
    Json global = Json::array(), local = Json::array();
    for (const Table::Index &i : t.indexes) {
        define(i.hashKey, i.hashType);
        define(i.rangeKey, i.rangeType);
        Json projection{{"ProjectionType", i.config.projectionType.toStdString()}};
        if (!i.config.nonKeyAttributes.isEmpty()) {
            Json attrs = Json::array();
            for (const QString &a : i.config.nonKeyAttributes)
                attrs.push_back(a.toStdString());
            projection["NonKeyAttributes"] = attrs;
        }
        Json index{{"IndexName", i.name},
                   {"KeySchema", keySchema(i.hashKey, i.rangeKey)},
                   {"Projection", projection},
                   {"IndexSizeBytes", 0},
                   {"ItemCount", i.entries.size()},
                   {"IndexArn", t.arn + "/index/" + i.name}};
        if (i.config.global) {
            index["IndexStatus"] = "ACTIVE";
            index["ProvisionedThroughput"] = {{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}};
            global.push_back(index);
        } else {
            local.push_back(index);
        }
    }
    table["AttributeDefinitions"] = defs;
    if (!global.empty())
        table["GlobalSecondaryIndexes"] = global;
    if (!local.empty())
        table["LocalSecondaryIndexes"] = local;
    return table;
}

// Query and Scan share paging: ExclusiveStartKey, Limit (items read, before the filter), the
// 1 MB read limit, FilterExpression, ProjectionExpression and Select.
Json readPage(const Table &table, const Table::Index *index, Table::Cursor cursor, const Json &request,
              const NodePtr &filter, Substitutions &subs, const std::optional<std::vector<Path>> &paths,
              const std::function<bool(const Json &)> &inSegment)
{
    long long limit = -1;
    if (request.contains("Limit")) {
        if (!request["Limit"].is_number_integer() || request["Limit"].get<long long>() < 1)
            fail("1 validation error detected: Value '" + request["Limit"].dump()
                 + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        limit = request["Limit"].get<long long>();
    }
    const std::string select = stringParam(request, "Select");
    if (!select.empty() && select != "ALL_ATTRIBUTES" && select != "ALL_PROJECTED_ATTRIBUTES" && select != "COUNT"
        && select != "SPECIFIC_ATTRIBUTES")
        fail("1 validation error detected: Value '" + select
             + "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, "
               "COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
    if (select == "SPECIFIC_ATTRIBUTES" && !paths)
        fail("Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet");
    if (paths && !select.empty() && select != "SPECIFIC_ATTRIBUTES")
        fail("Cannot specify the ProjectionExpression when choosing to get " + select);
    const bool forward = !request.contains("ScanIndexForward") || boolParam(request, "ScanIndexForward");
    if (request.contains("ExclusiveStartKey")) {
        const Position start = table.startPosition(request["ExclusiveStartKey"], index);
        PositionLess less;
        auto &items = cursor.items;
        items.erase(std::remove_if(items.begin(), items.end(),
                                   [&](const auto &entry) {
                                       return forward ? !less(start, entry.first) : !less(entry.first, start);
                                   }),
                    items.end());
    }
    Json out{{"Items", Json::array()}, {"Count", 0}, {"ScannedCount", 0}};
    long long scanned = 0, count = 0, bytes = 0;
    const Json *last = nullptr;
    bool stopped = false;
    for (const auto &[position, item] : cursor.items) {
        if (!item || (inSegment && !inSegment(*item)))
            continue;
        if ((limit >= 0 && scanned >= limit) || bytes >= kPageBytes) {
            stopped = true;
            break;
        }
        const Json visible = table.projectForIndex(*item, index);
        ++scanned;
        bytes += itemSize(visible);
        last = item;
        if (filter && !evaluate(filter, visible, subs))
            continue;
        ++count;
        if (select != "COUNT")
            out["Items"].push_back(paths ? project(visible, *paths) : visible);
    }
    // DynamoDB hands a LastEvaluatedKey whenever Limit or the page size ended the read, even when
    // nothing follows; clients page until it is absent.
    if (last && (stopped || (limit >= 0 && scanned >= limit)))
        out["LastEvaluatedKey"] = table.keyOf(*last, index);
    out["Count"] = count;
    out["ScannedCount"] = scanned;
    if (select == "COUNT")
        out.erase("Items");
    addCapacity(out, request, table, bytes, false, boolParam(request, "ConsistentRead"));
    return out;
}

struct KeyCondition
{
    KeyPart hash;
    NodePtr range;                // evaluated on each item the bounds let through
    std::optional<KeyPart> low;   // where the sort key condition lets the walk start
    std::optional<KeyPart> high;  // and stop
};

// Bounds of the walk over a partition from a sort key condition on values (`sk > :v`,
// `BETWEEN :a AND :b`, `begins_with(sk, :p)`); the condition itself still decides each item.
void rangeBounds(KeyCondition &kc, const std::string &rangeType, const Substitutions &subs)
{
    const NodePtr &n = kc.range;
    const auto part = [&](size_t i) -> std::optional<KeyPart> {
        if (i >= n->children.size() || n->children[i]->kind != Node::Kind::Value)
            return std::nullopt;
        const Json &v = subs.values[n->children[i]->valueName];
        if (typeOf(v) != rangeType)
            return std::nullopt;
        return Table::keyPart(v);
    };
    if (n->kind == Node::Kind::Between) {
        kc.low = part(1);
        kc.high = part(2);
        if (kc.low && kc.high && Table::compare(*kc.low, *kc.high) > 0)
            fail("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
                 "equal to lower bound; lower operand: AttributeValue: " + subs.values[n->children[1]->valueName].dump()
                 + ", upper operand: AttributeValue: " + subs.values[n->children[2]->valueName].dump());
    } else if (n->kind == Node::Kind::Function) {
        kc.low = part(1); // begins_with: every match sorts at or after its prefix
    } else if (n->op == "=") {
        kc.low = kc.high = part(1);
    } else if (n->op == ">" || n->op == ">=") {
        kc.low = part(1);
    } else if (n->op == "<" || n->op == "<=") {
        kc.high = part(1);
    }
}

// A KeyConditionExpression is `hash = :v` optionally AND one condition on the sort key.
KeyCondition keyCondition(const NodePtr &root, const std::string &hashKey, const std::string &hashType,
                          const std::string &rangeKey, const std::string &rangeType, const Substitutions &subs)
{
    std::vector<NodePtr> parts;
    if (root->kind == Node::Kind::And)
        parts = root->children;
    else
        parts = {root};
    const auto attrOf = [](const NodePtr &n) -> std::string {
        const NodePtr &first = n->children.empty() ? n : n->children[0];
        if (first->kind != Node::Kind::Path || first->path.size() != 1)
            fail("Invalid KeyConditionExpression: The key condition must reference only key attributes");
        return first->path[0].name;
    };
    KeyCondition kc;
    bool haveHash = false;
    for (const NodePtr &p : parts) {
        const bool supported = p->kind == Node::Kind::Compare || p->kind == Node::Kind::Between
                               || (p->kind == Node::Kind::Function && p->op == "begins_with");
        if (!supported || (p->kind == Node::Kind::Compare && p->op == "<>"))
            fail("Invalid operator used in KeyConditionExpression: " + (p->kind == Node::Kind::Function ? p->op : p->op));
        const std::string attr = attrOf(p);
        if (attr == hashKey && !haveHash) {
            if (p->kind != Node::Kind::Compare || p->op != "=")
                fail("Query key condition not supported");
            const NodePtr &v = p->children[1];
            if (v->kind != Node::Kind::Value)
                fail("Invalid KeyConditionExpression: The key condition must compare the key with a value");
            const Json &value = subs.values[v->valueName];
            if (typeOf(value) != hashType)
                fail("One or more parameter values were invalid: Condition parameter type does not match schema type");
            kc.hash = Table::keyPart(value);
            haveHash = true;
        } else if (attr == rangeKey && !rangeKey.empty() && !kc.range) {
            kc.range = p;
        } else {
            fail("Query key condition not supported");
        }
    }
    if (!haveHash)
        fail("Query condition missed key schema element: " + hashKey);
    if (kc.range)
        rangeBounds(kc, rangeType, subs);
    return kc;
}

} // namespace

Table &Tables::table(const Json &tableName)
{
    if (!tableName.is_string())
        fail("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    for (const auto &t : tables)
        if (t->name == tableName.get<std::string>())
            return *t;
    fail("Requested resource not found", "ResourceNotFoundException");
}

Json Tables::run(const std::string &op, const Json &request)
{
    if (!request.is_object())
        fail("Start of structure or map found where not expected", "SerializationException");
    refuseLegacy(request);
    if (op == "ListTables") {
        std::vector<std::string> names;
        for (const auto &t : tables)
            names.push_back(t->name);
        std::sort(names.begin(), names.end());
        const std::string after = stringParam(request, "ExclusiveStartTableName");
        long long limit = request.contains("Limit") && request["Limit"].is_number_integer() ? request["Limit"].get<long long>() : 100;
        if (limit < 1 || limit > 100)
            fail("1 validation error detected: Value '" + std::to_string(limit)
                 + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
        Json out{{"TableNames", Json::array()}};
        for (const std::string &n : names) {
            if (!after.empty() && n <= after)
                continue;
            if (static_cast<long long>(out["TableNames"].size()) == limit) {
                out["LastEvaluatedTableName"] = out["TableNames"].back();
                break;
            }
            out["TableNames"].push_back(n);
        }
        return out;
    }
    if (op == "DescribeTable") {
        try {
            return Json{{"Table", describe(table(request.value("TableName", Json())))}};
        } catch (Failure &f) {
            if (f.type == "ResourceNotFoundException")
                f.message = "Requested resource not found: Table: " + stringParam(request, "TableName") + " not found";
            throw;
        }
    }
    if (op == "CreateTable" || op == "DeleteTable" || op == "UpdateTable")
        fail(op + " is not available in the Gatehouse emulator: its tables come from the lab's template.yaml "
                  "(AWS::DynamoDB::Table or AWS::Serverless::SimpleTable), so the lab that runs here is the one that "
                  "deploys. Add or change the table there and restart the emulator.");
    if (op == "TransactGetItems")
        return transactGet(request);
    if (op == "TransactWriteItems")
        return transactWrite(request);
    if (op == "ExecuteStatement"
        || op == "BatchExecuteStatement" || op == "ExecuteTransaction")
        fail(op + " (PartiQL) is not emulated by Gatehouse yet: use GetItem, PutItem, UpdateItem, DeleteItem, Query, "
                  "Scan, the Batch or the Transact operations against the emulator.", "UnknownOperationException");
    if (op == "BatchGetItem" || op == "BatchWriteItem") {
        if (!request.contains("RequestItems") || !request["RequestItems"].is_object() || request["RequestItems"].empty())
            fail("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
    }
    if (op == "BatchGetItem") {
        size_t total = 0;
        for (const auto &e : request["RequestItems"].items())
            total += e.value().value("Keys", Json::array()).size();
        if (total > kMaxBatchGet)
            fail("Too many items requested for the BatchGetItem call");
        Json out{{"Responses", Json::object()}, {"UnprocessedKeys", Json::object()}};
        for (const auto &e : request["RequestItems"].items()) {
            Table &t = table(e.key());
            const Json &spec = e.value();
            refuseLegacy(spec);
            Substitutions subs = substitutions(spec);
            const auto paths = projection(spec, subs);
            subs.checkAllUsed();
            Json items = Json::array();
            std::vector<Position> seen;
            for (const Json &key : spec.value("Keys", Json::array())) {
                const Position p = t.keyPosition(key);
                for (const Position &s : seen)
                    if (!PositionLess()(s, p) && !PositionLess()(p, s))
                        fail("Provided list of item keys contains duplicates");
                seen.push_back(p);
                if (const Json *item = t.find(p))
                    items.push_back(paths ? project(*item, *paths) : *item);
            }
            out["Responses"][e.key()] = items;
        }
        return out;
    }
    if (op == "BatchWriteItem") {
        size_t total = 0;
        for (const auto &e : request["RequestItems"].items())
            total += e.value().is_array() ? e.value().size() : 0;
        if (total > kMaxBatchWrite || total == 0)
            fail("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must "
                 "satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater "
                 "than or equal to 1]");
        // Every request is checked before any is applied, as DynamoDB refuses a batch as a whole.
        std::vector<std::tuple<Table *, bool, Json, Position>> writes;
        for (const auto &e : request["RequestItems"].items()) {
            Table &t = table(e.key());
            std::vector<Position> seen;
            for (const Json &w : e.value()) {
                const bool isPut = w.contains("PutRequest");
                if (isPut == w.contains("DeleteRequest") || w.size() != 1)
                    fail("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
                         "supported datatypes");
                Json payload = isPut ? w["PutRequest"].value("Item", Json()) : w["DeleteRequest"].value("Key", Json());
                Position p;
                if (isPut) {
                    validateItem(payload);
                    p = t.check(payload);
                } else {
                    p = t.keyPosition(payload);
                }
                for (const Position &s : seen)
                    if (!PositionLess()(s, p) && !PositionLess()(p, s))
                        fail("Provided list of item keys contains duplicates");
                seen.push_back(p);
                writes.emplace_back(&t, isPut, payload, p);
            }
        }
        for (const auto &[t, isPut, payload, p] : writes) {
            if (isPut)
                t->put(payload);
            else
                t->erase(p);
            touched.insert(t->name);
        }
        return Json{{"UnprocessedItems", Json::object()}};
    }

    Table &t = table(request.value("TableName", Json()));
    Substitutions subs = substitutions(request);
    if (op == "GetItem") {
        const Position key = t.keyPosition(request.value("Key", Json()));
        const auto paths = projection(request, subs);
        subs.checkAllUsed();
        Json out = Json::object();
        const Json *item = t.find(key);
        if (item)
            out["Item"] = paths ? project(*item, *paths) : *item;
        addCapacity(out, request, t, item ? itemSize(*item) : 0, false, boolParam(request, "ConsistentRead"));
        return out;
    }
    const std::string returnValues = stringParam(request, "ReturnValues");
    if (op == "PutItem" || op == "DeleteItem") {
        if (!returnValues.empty() && returnValues != "NONE" && returnValues != "ALL_OLD")
            fail("ReturnValues can only be ALL_OLD or NONE");
        const bool put = op == "PutItem";
        Json item;
        Position key;
        if (put) {
            item = request.value("Item", Json());
            validateItem(item);
            key = t.itemPosition(item);
        } else {
            key = t.keyPosition(request.value("Key", Json()));
        }
        const NodePtr cond = condition(request, "ConditionExpression", subs);
        subs.checkAllUsed();
        const Json *found = t.find(key);
        const std::optional<Json> old = found ? std::optional<Json>(*found) : std::nullopt;
        checkCondition(cond, old ? &*old : nullptr, subs, request);
        if (put)
            t.put(item);
        else
            t.erase(key);
        touched.insert(t.name);
        Json out = Json::object();
        if (returnValues == "ALL_OLD" && old)
            out["Attributes"] = *old;
        addCapacity(out, request, t, std::max(put ? itemSize(item) : 0, old ? itemSize(*old) : 0), true, true);
        return out;
    }
    if (op == "UpdateItem") {
        static const std::vector<std::string> allowed{"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"};
        if (!returnValues.empty() && std::find(allowed.begin(), allowed.end(), returnValues) == allowed.end())
            fail("1 validation error detected: Value '" + returnValues
                 + "' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, "
                   "UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
        const Json keyJson = request.value("Key", Json());
        const Position key = t.keyPosition(keyJson);
        const std::string text = stringParam(request, "UpdateExpression");
        const std::vector<UpdateAction> actions = text.empty() ? std::vector<UpdateAction>{} : parseUpdate(text, subs);
        const NodePtr cond = condition(request, "ConditionExpression", subs);
        subs.checkAllUsed();
        for (const UpdateAction &a : actions) {
            const std::string &attr = a.path[0].name;
            if (attr == t.hashKey || attr == t.rangeKey)
                fail("One or more parameter values were invalid: Cannot update attribute " + attr
                     + ". This attribute is part of the key");
        }
        const Json *found = t.find(key);
        const std::optional<Json> old = found ? std::optional<Json>(*found) : std::nullopt;
        checkCondition(cond, old ? &*old : nullptr, subs, request);
        const Json updated = applyUpdate(actions, old ? *old : keyJson, subs);
        t.put(updated);
        touched.insert(t.name);
        Json out = Json::object();
        std::vector<Path> paths;
        for (const UpdateAction &a : actions)
            paths.push_back(a.path);
        if (returnValues == "ALL_OLD" && old)
            out["Attributes"] = *old;
        else if (returnValues == "ALL_NEW")
            out["Attributes"] = updated;
        else if (returnValues == "UPDATED_OLD" && old && !project(*old, paths).empty())
            out["Attributes"] = project(*old, paths);
        else if (returnValues == "UPDATED_NEW" && !project(updated, paths).empty())
            out["Attributes"] = project(updated, paths);
        addCapacity(out, request, t, std::max(itemSize(updated), old ? itemSize(*old) : 0), true, true);
        return out;
    }
    if (op == "Query" || op == "Scan") {
        const Table::Index *index = request.contains("IndexName") ? t.index(stringParam(request, "IndexName")) : nullptr;
        const NodePtr filter = condition(request, "FilterExpression", subs);
        const auto paths = projection(request, subs);
        if (op == "Scan") {
            std::function<bool(const Json &)> inSegment;
            if (request.contains("Segment") || request.contains("TotalSegments")) {
                const long long total = request.value("TotalSegments", 0LL), segment = request.value("Segment", -1LL);
                if (total < 1 || total > 1000000 || segment < 0 || segment >= total)
                    fail("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                         + std::to_string(segment) + " is not less than TotalSegments: " + std::to_string(total));
                const std::string hashKey = index ? index->hashKey : t.hashKey;
                inSegment = [hashKey, total, segment](const Json &item) {
                    const std::string bytes = Table::keyPart(item[hashKey]).bytes;
                    return qHash(QByteArray::fromStdString(bytes), 0) % size_t(total) == size_t(segment);
                };
            }
            subs.checkAllUsed();
            return readPage(t, index, t.all(index), request, filter, subs, paths, inSegment);
        }
        const std::string text = stringParam(request, "KeyConditionExpression");
        if (text.empty())
            fail("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        const NodePtr keyRoot = parseCondition(text, "KeyConditionExpression", subs);
        subs.checkAllUsed();
        const KeyCondition kc = keyCondition(keyRoot, index ? index->hashKey : t.hashKey, index ? index->hashType : t.hashType,
                                             index ? index->rangeKey : t.rangeKey, index ? index->rangeType : t.rangeType, subs);
        Table::Cursor cursor = t.partition(index, kc.hash, kc.low, kc.high);
        if (kc.range) {
            auto &items = cursor.items;
            items.erase(std::remove_if(items.begin(), items.end(),
                                       [&](const auto &e) { return !e.second || !evaluate(kc.range, *e.second, subs); }),
                        items.end());
        }
        if (request.contains("ScanIndexForward") && !boolParam(request, "ScanIndexForward"))
            std::reverse(cursor.items.begin(), cursor.items.end());
        return readPage(t, index, std::move(cursor), request, filter, subs, paths, {});
    }
    fail("", "UnknownOperationException");
}

DynamoStore::DynamoStore(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{}

DynamoStore::~DynamoStore() = default;

void DynamoStore::setRegion(const QString &region, const QString &accountId)
{
    d->region = region;
    d->accountId = accountId;
}

void DynamoStore::setTables(const QList<DynamoTableConfig> &tables)
{
    std::vector<std::unique_ptr<Table>> next;
    for (const DynamoTableConfig &config : tables) {
        auto table = std::make_unique<Table>(config, d->region, d->accountId);
        for (auto &old : d->tables) {
            const DynamoTableConfig &o = old->config;
            if (old && o.tableName == config.tableName && o.hashKey == config.hashKey && o.hashType == config.hashType
                && o.rangeKey == config.rangeKey && o.rangeType == config.rangeType) {
                // Same name and key schema: the items stay; indexes are rebuilt from them. An item
                // whose index key no longer has the index's type is left out, as DynamoDB refuses
                // such an index change while the item exists.
                for (const auto &[position, item] : old->items) {
                    try {
                        table->put(item);
                    } catch (const Failure &) {
                    }
                }
                table->createdAt = old->createdAt;
            }
        }
        next.push_back(std::move(table));
    }
    d->tables = std::move(next);
    for (const DynamoTableConfig &config : tables)
        emit changed(config.tableName);
}

QList<DynamoTableConfig> DynamoStore::tables() const
{
    QList<DynamoTableConfig> out;
    for (const auto &t : d->tables)
        out.append(t->config);
    return out;
}

qsizetype DynamoStore::itemCount(const QString &tableName) const
{
    for (const auto &t : d->tables)
        if (t->config.tableName == tableName)
            return qsizetype(t->items.size());
    return 0;
}

DynamoStore::CallResult DynamoStore::call(const QString &operation, const QByteArray &request)
{
    CallResult result;
    d->touched.clear();
    Json parsed;
    try {
        parsed = request.trimmed().isEmpty() ? Json::object() : Json::parse(request.toStdString());
        result.body = QByteArray::fromStdString(d->run(operation.toStdString(), parsed).dump());
        result.ok = true;
    } catch (const Json::exception &e) {
        result.error = {QStringLiteral("SerializationException"), QString::fromUtf8(e.what()), "null"};
    } catch (const Failure &f) {
        result.error.type = QString::fromStdString(f.type);
        result.error.message = QString::fromStdString(f.message);
        // The wire answer carries the stored item only when the caller asked for it.
        const bool wanted = parsed.is_object() && parsed.value("ReturnValuesOnConditionCheckFailure", Json()) == "ALL_OLD";
        result.error.item = f.item.is_null() || !wanted ? QByteArray("null") : QByteArray::fromStdString(f.item.dump());
        if (f.details.is_object())
            result.error.details = QByteArray::fromStdString(f.details.dump());
    } catch (const std::exception &e) {
        // A bug of ours, not the caller's: answered as DynamoDB answers its own failures.
        result.error = {QStringLiteral("InternalServerError"), QString::fromUtf8(e.what()), "null"};
    }
    for (const std::string &name : std::exchange(d->touched, {}))
        emit changed(QString::fromStdString(name));
    return result;
}

} // namespace Gatehouse::Emulator
