// AppSync's DynamoDB request mapping documents (versions 2017-02-28 and 2018-05-29), turned
// into the DynamoDB operations AppSync itself makes, and their results into what AppSync hands
// a response template: plain JSON items, errors typed "DynamoDB:<Exception>".
#include "dynamodbstore.h"

#include "dynamodbtable.h"

#include <QUuid>

#include <cmath>
#include <map>

namespace Gatehouse::Emulator {

using namespace Dynamo;

namespace {

[[noreturn]] void templateError(const std::string &message)
{
    fail(message, "MappingTemplate");
}

Json toWireMap(const Json &map);

// AppSync's typed values may carry numbers as JSON numbers ({"N": 3}); DynamoDB's wire wants text.
Json toWire(const Json &value)
{
    if (!value.is_object() || value.size() != 1)
        templateError("Expected a typed value such as {\"S\": \"text\"}, got " + value.dump());
    const std::string type = value.begin().key();
    const Json &v = value.begin().value();
    const auto number = [](const Json &n) -> Json { return n.is_number() ? Json(n.dump()) : n; };
    if (type == "N")
        return Json{{"N", number(v)}};
    if (type == "NS" && v.is_array()) {
        Json out = Json::array();
        for (const Json &n : v)
            out.push_back(number(n));
        return Json{{"NS", out}};
    }
    if (type == "L" && v.is_array()) {
        Json out = Json::array();
        for (const Json &e : v)
            out.push_back(toWire(e));
        return Json{{"L", out}};
    }
    if (type == "M" && v.is_object())
        return Json{{"M", toWireMap(v)}};
    return value;
}


Json numberValue(const std::string &text)
{
    if (text.find_first_of(".eE") == std::string::npos && text.size() < 19)
        return Json(std::stoll(text));
    return Json(std::stod(text));
}

// $ctx.result's form: DynamoDB's typed values unmarshalled into plain JSON.
Json plain(const Json &value)
{
    const std::string type = typeOf(value);
    const Json &v = value.begin().value();
    if (type == "N")
        return numberValue(v.get<std::string>());
    if (type == "NULL")
        return nullptr;
    if (type == "NS") {
        Json out = Json::array();
        for (const Json &n : v)
            out.push_back(numberValue(n.get<std::string>()));
        return out;
    }
    if (type == "L") {
        Json out = Json::array();
        for (const Json &e : v)
            out.push_back(plain(e));
        return out;
    }
    if (type == "M") {
        Json out = Json::object();
        for (const auto &e : v.items())
            out[e.key()] = plain(e.value());
        return out;
    }
    return v; // S, B (base64), BOOL, SS, BS
}

Json plainItem(const Json &item)
{
    if (item.is_null())
        return nullptr;
    Json out = Json::object();
    for (const auto &e : item.items())
        out[e.key()] = plain(e.value());
    return out;
}

// An AppSync condition/query/filter/update object's expression, names and values, merged into
// a DynamoDB request under `parameter`.
void addExpression(Json &request, const Json &doc, const char *field, const char *parameter, bool required)
{
    if (!doc.contains(field) || doc[field].is_null()) {
        if (required)
            templateError(std::string("The ") + field + " field is required for this operation");
        return;
    }
    const Json &e = doc[field];
    if (!e.is_object() || !e.contains("expression") || !e["expression"].is_string())
        templateError(std::string(field) + " must be an object with an expression string");
    request[parameter] = e["expression"];
    for (const auto &[from, to] : {std::pair{"expressionNames", "ExpressionAttributeNames"},
                                   std::pair{"expressionValues", "ExpressionAttributeValues"}}) {
        if (!e.contains(from) || e[from].is_null() || e[from].empty())
            continue;
        if (!e[from].is_object())
            templateError(std::string(field) + "." + from + " must be a map");
        for (const auto &entry : e[from].items()) {
            const Json value = std::string(from) == "expressionValues" ? toWire(entry.value()) : entry.value();
            if (request.contains(to) && request[to].contains(entry.key()) && request[to][entry.key()] != value)
                templateError(std::string("The ") + from + " key " + entry.key()
                              + " has different values in two expressions of this request");
            request[to][entry.key()] = value;
        }
    }
}

std::string encodeToken(const Json &lastKey)
{
    return QByteArray::fromStdString(lastKey.dump()).toBase64(QByteArray::Base64UrlEncoding).toStdString();
}

Json decodeToken(const Json &token)
{
    if (!token.is_string())
        templateError("nextToken must be a string");
    const QByteArray bytes = QByteArray::fromBase64(QByteArray::fromStdString(token.get<std::string>()), QByteArray::Base64UrlEncoding);
    const Json key = Json::parse(bytes.toStdString(), nullptr, false);
    if (!key.is_object())
        fail("The provided starting key is invalid");
    return key;
}

bool equalIgnoring(const Json &a, const Json &b, const Json &ignore)
{
    Json x = a, y = b;
    if (ignore.is_array()) {
        for (const Json &name : ignore) {
            if (name.is_string()) {
                x.erase(name.get<std::string>());
                y.erase(name.get<std::string>());
            }
        }
    }
    if (x.size() != y.size())
        return false;
    for (const auto &e : x.items())
        if (!y.contains(e.key()) || !valuesEqual(e.value(), y[e.key()]))
            return false;
    return true;
}

Json toWireMap(const Json &map)
{
    if (!map.is_object())
        templateError("Expected a map of attribute names to typed values, got " + map.dump());
    Json out = Json::object();
    for (const auto &e : map.items())
        out[e.key()] = toWire(e.value());
    return out;
}

Json keyOf(const Json &doc)
{
    if (!doc.contains("key"))
        templateError("The key field is required for this operation");
    return toWireMap(doc["key"]);
}

Json pagedRequest(const std::string &tableName, const Json &doc)
{
    Json request{{"TableName", tableName}};
    if (doc.contains("index") && !doc["index"].is_null())
        request["IndexName"] = doc["index"];
    if (doc.contains("limit") && !doc["limit"].is_null())
        request["Limit"] = doc["limit"];
    if (doc.contains("nextToken") && !doc["nextToken"].is_null())
        request["ExclusiveStartKey"] = decodeToken(doc["nextToken"]);
    if (doc.contains("consistentRead"))
        request["ConsistentRead"] = doc["consistentRead"];
    if (doc.contains("select") && doc["select"].is_string())
        request["Select"] = doc["select"];
    addExpression(request, doc, "filter", "FilterExpression", false);
    return request;
}

Json pageResult(const Json &response)
{
    Json items = Json::array();
    for (const Json &item : response.value("Items", Json::array()))
        items.push_back(plainItem(item));
    return Json{{"items", items},
                {"nextToken", response.contains("LastEvaluatedKey") ? Json(encodeToken(response["LastEvaluatedKey"])) : Json()},
                {"scannedCount", response.value("ScannedCount", 0)}};
}

Json batch(Tables &d, const std::string &op, const Json &doc)
{
    if (!doc.contains("tables") || !doc["tables"].is_object() || doc["tables"].empty())
        templateError("The tables field is required for " + op + ": a map of table names to " + (op == "BatchPutItem" ? "items" : "keys"));
    Json data = Json::object(), unprocessed = Json::object();
    if (op == "BatchGetItem") {
        Json request{{"RequestItems", Json::object()}};
        for (const auto &t : doc["tables"].items()) {
            Json spec{{"Keys", Json::array()}};
            for (const Json &key : t.value().value("keys", Json::array()))
                spec["Keys"].push_back(toWireMap(key));
            if (t.value().contains("consistentRead"))
                spec["ConsistentRead"] = t.value()["consistentRead"];
            addExpression(spec, t.value(), "projection", "ProjectionExpression", false);
            request["RequestItems"][t.key()] = spec;
        }
        const Json response = d.run("BatchGetItem", request);
        // AppSync keeps the order of the keys asked for, with null where no item exists.
        for (const auto &t : request["RequestItems"].items()) {
            Table &table = d.table(t.key());
            Json items = Json::array();
            for (const Json &key : t.value()["Keys"]) {
                const Json *item = table.find(table.keyPosition(key));
                items.push_back(item ? plainItem(*item) : Json());
            }
            data[t.key()] = items;
            unprocessed[t.key()] = Json::array();
        }
        (void)response;
        return Json{{"data", data}, {"unprocessedKeys", unprocessed}};
    }
    const bool put = op == "BatchPutItem";
    Json request{{"RequestItems", Json::object()}};
    for (const auto &t : doc["tables"].items()) {
        if (!t.value().is_array())
            templateError("tables." + t.key() + " must be a list");
        Json writes = Json::array();
        Json shown = Json::array();
        for (const Json &entry : t.value()) {
            const Json wire = toWireMap(entry);
            writes.push_back(put ? Json{{"PutRequest", {{"Item", wire}}}} : Json{{"DeleteRequest", {{"Key", wire}}}});
            shown.push_back(plainItem(wire));
        }
        request["RequestItems"][t.key()] = writes;
        data[t.key()] = shown;
        unprocessed[t.key()] = Json::array();
    }
    d.run("BatchWriteItem", request);
    return Json{{"data", data}, {put ? "unprocessedItems" : "unprocessedKeys", unprocessed}};
}

// AppSync's transactions: each item names its table and operation; the answer lists the keys
// written (or the items read) in order, and a cancelled one its reasons as AppSync words them.
Json transact(Tables &d, const std::string &op, const Json &doc)
{
    if (!doc.contains("transactItems") || !doc["transactItems"].is_array() || doc["transactItems"].empty())
        templateError("The transactItems field is required for " + op + ": a list of items, each with its table");
    const bool write = op == "TransactWriteItems";
    Json items = Json::array(), keys = Json::array();
    for (const Json &entry : doc["transactItems"]) {
        if (!entry.is_object() || !entry.contains("table") || !entry["table"].is_string())
            templateError("Each of transactItems needs its table");
        Json action{{"TableName", entry["table"]}, {"Key", keyOf(entry)}};
        keys.push_back(plainItem(action["Key"]));
        if (!write) {
            addExpression(action, entry, "projection", "ProjectionExpression", false);
            items.push_back(Json{{"Get", action}});
            continue;
        }
        const std::string operation = entry.value("operation", "");
        static const std::map<std::string, std::string> kinds{
            {"PutItem", "Put"}, {"UpdateItem", "Update"}, {"DeleteItem", "Delete"}, {"ConditionCheck", "ConditionCheck"}};
        const auto kind = kinds.find(operation);
        if (kind == kinds.end())
            templateError("The operation of a transact item is PutItem, UpdateItem, DeleteItem or ConditionCheck, not '"
                          + operation + "'");
        if (operation == "PutItem") {
            Json item = entry.contains("attributeValues") ? toWireMap(entry["attributeValues"]) : Json::object();
            for (const auto &e : action["Key"].items())
                item[e.key()] = e.value();
            action.erase("Key");
            action["Item"] = item;
        }
        if (operation == "UpdateItem")
            addExpression(action, entry, "update", "UpdateExpression", true);
        addExpression(action, entry, "condition", "ConditionExpression", operation == "ConditionCheck");
        if (entry.contains("condition") && entry["condition"].value("returnValuesOnConditionCheckFailure", false))
            action["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
        items.push_back(Json{{kind->second, action}});
    }
    const Json response = d.run(op, Json{{"TransactItems", items}});
    if (write)
        return Json{{"keys", keys}, {"cancellationReasons", nullptr}};
    Json read = Json::array();
    for (const Json &r : response["Responses"])
        read.push_back(r.contains("Item") ? plainItem(r["Item"]) : Json());
    return Json{{"items", read}, {"cancellationReasons", nullptr}};
}

Json runAppSync(Tables &d, const std::string &tableName, const Json &doc)
{
    if (!doc.is_object())
        templateError("The request mapping template must render a JSON object");
    const std::string version = doc.value("version", "");
    if (version != "2017-02-28" && version != "2018-05-29")
        templateError("Unsupported request mapping template version '" + version
                      + "' for a DynamoDB data source: use 2017-02-28 or 2018-05-29");
    const std::string op = doc.value("operation", "");
    // AppSync's words for a DynamoDB document without it (quoted in amplify-category-api#2507).
    if (op.empty())
        templateError("Value for field '$[operation]' not found.");
    if (op == "BatchGetItem" || op == "BatchPutItem" || op == "BatchDeleteItem") {
        if (version != "2018-05-29")
            templateError(op + " requires version 2018-05-29");
        return batch(d, op, doc);
    }
    if (op == "TransactGetItems" || op == "TransactWriteItems") {
        if (version != "2018-05-29")
            templateError(op + " requires version 2018-05-29");
        return transact(d, op, doc);
    }
    if (op == "Sync")
        templateError("The operation Sync is not emulated by Gatehouse (it needs a versioned data source with a delta "
                      "table): use Query or Scan");
    Json request{{"TableName", tableName}};
    if (op == "GetItem") {
        request["Key"] = keyOf(doc);
        if (doc.contains("consistentRead"))
            request["ConsistentRead"] = doc["consistentRead"];
        addExpression(request, doc, "projection", "ProjectionExpression", false);
        const Json response = d.run("GetItem", request);
        return response.contains("Item") ? plainItem(response["Item"]) : Json();
    }
    if (op == "PutItem" || op == "UpdateItem" || op == "DeleteItem") {
        const Json key = keyOf(doc);
        request["Key"] = key;
        Json desired;
        if (op == "PutItem") {
            Json item = doc.contains("attributeValues") ? toWireMap(doc["attributeValues"]) : Json::object();
            for (const auto &e : key.items())
                item[e.key()] = e.value();
            request.erase("Key");
            request["Item"] = item;
            desired = item;
        } else {
            if (op == "UpdateItem")
                addExpression(request, doc, "update", "UpdateExpression", true);
            request["ReturnValues"] = op == "UpdateItem" ? "ALL_NEW" : "ALL_OLD";
        }
        addExpression(request, doc, "condition", "ConditionExpression", false);
        try {
            const Json response = d.run(op, request);
            if (op == "PutItem")
                return plainItem(desired);
            return response.contains("Attributes") ? plainItem(response["Attributes"]) : Json();
        } catch (Failure &f) {
            if (f.type != "ConditionalCheckFailedException")
                throw;
            // AppSync treats a failed condition as success when the item already is what the
            // request wanted (a retried mutation): PutItem's item, or DeleteItem's absence.
            const Json ignore = doc.contains("condition") ? doc["condition"].value("equalsIgnore", Json()) : Json();
            if (op == "PutItem" && !f.item.is_null() && equalIgnoring(f.item, desired, ignore))
                return plainItem(f.item);
            if (op == "DeleteItem" && f.item.is_null())
                return Json();
            throw;
        }
    }
    if (op == "Query") {
        request = pagedRequest(tableName, doc);
        addExpression(request, doc, "query", "KeyConditionExpression", true);
        if (doc.contains("scanIndexForward"))
            request["ScanIndexForward"] = doc["scanIndexForward"];
        return pageResult(d.run("Query", request));
    }
    if (op == "Scan") {
        request = pagedRequest(tableName, doc);
        if (doc.contains("segment"))
            request["Segment"] = doc["segment"];
        if (doc.contains("totalSegments"))
            request["TotalSegments"] = doc["totalSegments"];
        return pageResult(d.run("Scan", request));
    }
    templateError("Unsupported operation '" + op + "' for a DynamoDB data source: use GetItem, PutItem, UpdateItem, "
                  "DeleteItem, Query, Scan, BatchGetItem, BatchPutItem or BatchDeleteItem");
}

} // namespace

DynamoStore::CallResult DynamoStore::appSync(const QString &tableName, const QByteArray &requestDocument)
{
    CallResult result;
    d->touched.clear();
    try {
        const Json doc = Json::parse(requestDocument.toStdString());
        result.body = QByteArray::fromStdString(runAppSync(*d, tableName.toStdString(), doc).dump());
        result.ok = true;
    } catch (const Json::exception &e) {
        result.error = {QStringLiteral("MappingTemplate"),
                        QStringLiteral("The request mapping template did not render valid JSON: %1").arg(QString::fromUtf8(e.what())),
                        "null"};
    } catch (const Failure &f) {
        const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (f.type == "MappingTemplate") {
            result.error.type = QStringLiteral("MappingTemplate");
            result.error.message = QString::fromStdString(f.message);
        } else {
            // AppSync reports DynamoDB's validation errors as its SDK names them.
            const std::string type = f.type == "ValidationException" ? "DynamoDbException" : f.type;
            result.error.type = QString::fromStdString(type); // AppSync shows it as "DynamoDB:<type>"
            result.error.message = QStringLiteral("%1 (Service: DynamoDb, Status Code: 400, Request ID: %2)")
                                       .arg(QString::fromStdString(f.message), requestId);
        }
        result.error.item = f.item.is_null() ? QByteArray("null") : QByteArray::fromStdString(plainItem(f.item).dump());
        // A cancelled transaction: AppSync still hands the template its reasons, typed and worded.
        if (f.type == "TransactionCanceledException" && f.details.contains("CancellationReasons")) {
            Json reasons = Json::array();
            for (const Json &r : f.details["CancellationReasons"])
                reasons.push_back(Json{{"type", r.value("Code", "None")}, {"message", r.value("Message", "null")}});
            result.body = QByteArray::fromStdString(Json{{"keys", nullptr}, {"cancellationReasons", reasons}}.dump());
        }
    } catch (const std::exception &e) {
        result.error = {QStringLiteral("InternalServerError"), QString::fromUtf8(e.what()), "null"};
    }
    for (const std::string &name : std::exchange(d->touched, {}))
        emit changed(QString::fromStdString(name));
    return result;
}

} // namespace Gatehouse::Emulator
