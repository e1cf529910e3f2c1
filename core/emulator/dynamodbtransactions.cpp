// TransactGetItems and TransactWriteItems: every action is checked and computed against the
// items as they are, and only when all conditions hold are the writes applied, so a cancelled
// transaction leaves every table as it was, as on DynamoDB.
#include "dynamodbtable.h"

namespace Gatehouse::Emulator::Dynamo {

namespace {

constexpr size_t kMaxTransactItems = 100;

const Json &transactItems(const Json &request)
{
    if (!request.contains("TransactItems") || !request["TransactItems"].is_array() || request["TransactItems"].empty())
        fail("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
    const Json &items = request["TransactItems"];
    if (items.size() > kMaxTransactItems)
        fail("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have "
             "length less than or equal to 100");
    return items;
}

// One action's table, key and the item it leaves (null: deleted or unchanged).
struct Planned
{
    Table *table = nullptr;
    Position key;
    bool write = false; // false: ConditionCheck
    Json after;         // the item to store; null with write set: delete
};

} // namespace

Json Tables::transactGet(const Json &request)
{
    Json responses = Json::array();
    for (const Json &entry : transactItems(request)) {
        if (!entry.is_object() || entry.size() != 1 || !entry.contains("Get"))
            fail("TransactGetItems takes only Get actions, one per element of TransactItems");
        const Json &get = entry["Get"];
        Table &t = table(get.value("TableName", Json()));
        Substitutions subs = substitutions(get);
        const auto paths = projection(get, subs);
        subs.checkAllUsed();
        const Json *item = t.find(t.keyPosition(get.value("Key", Json())));
        responses.push_back(item ? Json{{"Item", paths ? project(*item, *paths) : *item}} : Json::object());
    }
    return Json{{"Responses", responses}};
}

Json Tables::transactWrite(const Json &request)
{
    std::vector<Planned> plan;
    Json reasons = Json::array();
    bool cancelled = false;
    for (const Json &entry : transactItems(request)) {
        static const std::vector<std::string> kinds{"Put", "Update", "Delete", "ConditionCheck"};
        const auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const std::string &k) { return entry.contains(k); });
        if (!entry.is_object() || entry.size() != 1 || kind == kinds.end())
            fail("TransactItems can only contain one of Check, Put, Update or Delete");
        const Json &action = entry[*kind];
        refuseLegacy(action);
        Planned p;
        p.table = &table(action.value("TableName", Json()));
        Substitutions subs = substitutions(action);
        std::vector<UpdateAction> updates;
        Json item;
        if (*kind == "Put") {
            item = action.value("Item", Json());
            validateItem(item);
            p.key = p.table->check(item);
        } else {
            p.key = p.table->keyPosition(action.value("Key", Json()));
        }
        if (*kind == "Update") {
            const std::string text = stringParam(action, "UpdateExpression");
            if (text.empty())
                fail("1 validation error detected: Value null at 'transactItems.1.member.update.updateExpression' failed "
                     "to satisfy constraint: Member must not be null");
            updates = parseUpdate(text, subs);
            for (const UpdateAction &a : updates) {
                if (a.path[0].name == p.table->hashKey || a.path[0].name == p.table->rangeKey)
                    fail("One or more parameter values were invalid: Cannot update attribute " + a.path[0].name
                         + ". This attribute is part of the key");
            }
        }
        const NodePtr cond = condition(action, "ConditionExpression", subs);
        if (*kind == "ConditionCheck" && !cond)
            fail("The ConditionExpression of a ConditionCheck must not be empty");
        subs.checkAllUsed();
        for (const Planned &other : plan) {
            if (other.table == p.table && !PositionLess()(other.key, p.key) && !PositionLess()(p.key, other.key))
                fail("Transaction request cannot include multiple operations on one item");
        }
        const Json *old = p.table->find(p.key);
        if (cond && !evaluate(cond, old ? *old : Json::object(), subs)) {
            cancelled = true;
            Json reason{{"Code", "ConditionalCheckFailed"}, {"Message", "The conditional request failed"}};
            if (old && action.value("ReturnValuesOnConditionCheckFailure", Json()) == "ALL_OLD")
                reason["Item"] = *old;
            reasons.push_back(reason);
        } else {
            reasons.push_back(Json{{"Code", "None"}});
        }
        p.write = *kind != "ConditionCheck";
        if (*kind == "Put") {
            p.after = item;
        } else if (*kind == "Update") {
            p.after = applyUpdate(updates, old ? *old : action["Key"], subs);
            p.table->check(p.after);
        }
        plan.push_back(std::move(p));
    }
    if (cancelled) {
        std::string codes;
        for (const Json &r : reasons)
            codes += (codes.empty() ? "" : ", ") + r["Code"].get<std::string>();
        Failure f{"TransactionCanceledException",
                  "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]", Json(),
                  Json{{"CancellationReasons", reasons}}};
        throw f;
    }
    for (const Planned &p : plan) {
        if (!p.write)
            continue;
        if (p.after.is_null())
            p.table->erase(p.key);
        else
            p.table->put(p.after);
        touched.insert(p.table->name);
    }
    return Json::object();
}

} // namespace Gatehouse::Emulator::Dynamo
