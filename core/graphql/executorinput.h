#pragma once

// Input coercion for Executor (the spec's CoerceVariableValues and CoerceArgumentValues):
// literals written in the document and variables sent as JSON, checked against the types the
// schema declares and turned into JSON values with defaults applied. Internal to the executor's
// two translation units, the only ones that include nlohmann/json for it.

#include "ast.h"
#include "schema.h"

#include <QString>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace Gatehouse::Core::GraphQL::ExecutorInput {

using Json = nlohmann::ordered_json;

inline std::string str(const QString &s)
{
    return s.toStdString();
}

inline QString qstr(const std::string &s)
{
    return QString::fromStdString(s);
}

// Coerces against `schema` with the operation's coerced `variables`; each method answers the
// problem in words, or nullopt.
class InputCoercion
{
public:
    InputCoercion(const Schema *schema, const Json &variables)
        : schema(schema)
        , variables(variables)
    {}

    std::optional<QString> coerceJson(const Json &value, const TypeExpr &type, Json *out,
                                      const QString &where) const;
    std::optional<QString> coerceNamedJson(const Json &value, const NamedType &named, Json *out,
                                           const QString &where) const;
    std::optional<QString> coerceDefault(const QString &literal, const TypeExpr &type, Json *out,
                                         const QString &where) const;
    std::optional<QString> coerceLiteral(const Value &value, const TypeExpr &type, Json *out,
                                         bool *absent, const QString &where) const;
    Json literalJson(const Value &value) const;
    std::optional<QString> coerceArguments(const std::vector<InputValue> &defs,
                                           const std::vector<Argument> &given, Json *out) const;

private:
    const Schema *schema;
    const Json &variables;
};

// The operation's variables from the request's JSON object, defaults applied, into `variables`.
std::optional<QString> coerceVariables(const Schema *schema, const OperationDefinition &op,
                                       const Json &given, Json *variables);

} // namespace Gatehouse::Core::GraphQL::ExecutorInput
