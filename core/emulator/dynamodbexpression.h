#pragma once

// DynamoDB's attribute values and expression language, for DynamoStore only. Private to the
// emulator: it carries nlohmann/json, so only the store's translation units include it.
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace Gatehouse::Emulator::Dynamo {

using Json = nlohmann::json;

// A request DynamoDB refuses: its error type and message, in DynamoDB's words. Thrown inside
// the store's evaluation (deep recursion over documents and expressions) and caught at
// DynamoStore::call()/appSync(), so it never crosses the event loop.
struct Failure
{
    std::string type;
    std::string message;
    Json item;    // ConditionalCheckFailed: the item as stored (wire form), else null
    Json details; // further members of the error body (CancellationReasons), else null
};
[[noreturn]] void fail(const std::string &message, const std::string &type = "ValidationException");

// --- Attribute values ({"S": "x"}, {"N": "1"}, {"M": {...}}, ...) ---
// Checks one value as DynamoDB does (one type key, numbers parse, sets non-empty and unique).
void validateValue(const Json &value);
// The single type key of a valid value ("S", "N", ...).
std::string typeOf(const Json &value);
// Numbers: DynamoDB keeps 38 significant digits; compared and added exactly, as decimals.
std::string normalizeNumber(const std::string &text);
int compareNumbers(const std::string &a, const std::string &b);
std::string addNumbers(const std::string &a, const std::string &b, bool subtract);
// Binary values travel as base64; comparisons and sizes use the decoded bytes.
std::string decodeBinary(const std::string &base64);
// -1/0/1 for two values of the same scalar type N, S or B; nullopt otherwise.
std::optional<int> compareScalars(const Json &a, const Json &b);
bool valuesEqual(const Json &a, const Json &b);
// DynamoDB's size accounting: names plus values (400 KB per item).
long long valueSize(const Json &value);
long long itemSize(const Json &item);

// --- Document paths ---
struct PathElement
{
    std::string name; // a map key (or top-level attribute)
    int index = -1;   // >= 0: a list index instead
};
using Path = std::vector<PathElement>;
std::string pathText(const Path &path); // "a.b[0]" for messages
const Json *resolve(const Json &item, const Path &path);

// --- Expressions ---
// ExpressionAttributeNames/Values of one request, with which of them the expressions used.
struct Substitutions
{
    Json names = Json::object();
    Json values = Json::object();
    std::set<std::string> usedNames;
    std::set<std::string> usedValues;
    // DynamoDB refuses names and values an expression does not use, and empty maps.
    void checkAllUsed() const;
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;
struct Node
{
    enum class Kind { Path, Value, Size, IfNotExists, ListAppend, Plus, Minus, Compare, Between, In, And, Or, Not, Function };
    Kind kind;
    std::string op;   // comparator ("=", "<>", ...) or function name
    Path path;        // Kind::Path
    std::string valueName; // Kind::Value: ":v"
    std::vector<NodePtr> children;
};

// DynamoDB's 573 reserved words, matched regardless of case (dynamodbreservedwords.cpp). A bare
// attribute name in any expression must not be one of them; an #alias may stand for one.
bool isReservedWord(std::string_view name);

// `what` names the parameter in messages ("ConditionExpression", "KeyConditionExpression").
NodePtr parseCondition(const std::string &text, const std::string &what, Substitutions &subs);
std::vector<Path> parseProjection(const std::string &text, Substitutions &subs);

struct UpdateAction
{
    enum class Kind { Set, Remove, Add, Delete };
    Kind kind;
    Path path;
    NodePtr value; // null for REMOVE
};
std::vector<UpdateAction> parseUpdate(const std::string &text, Substitutions &subs);

bool evaluate(const NodePtr &condition, const Json &item, const Substitutions &subs);
// The item after the actions, every operand read from `item` as it was before them.
Json applyUpdate(const std::vector<UpdateAction> &actions, const Json &item, const Substitutions &subs);
// Only the attributes the paths name, nested as in the item.
Json project(const Json &item, const std::vector<Path> &paths);

} // namespace Gatehouse::Emulator::Dynamo
