#include "executorinput.h"

#include "parser.h"

#include <limits>

namespace Gatehouse::Core::GraphQL::ExecutorInput {

std::optional<QString> InputCoercion::coerceJson(const Json &value, const TypeExpr &type, Json *out,
                                                 const QString &where) const
{
    if (type.isNonNull()) {
        if (value.is_null())
            return QStringLiteral("%1: expected a non-null value of type %2")
                .arg(where, type.toString());
        return coerceJson(value, type.inner(), out, where);
    }
    if (value.is_null()) {
        *out = nullptr;
        return std::nullopt;
    }
    if (type.isList()) {
        const Json items = value.is_array() ? value : Json::array({value});
        *out = Json::array();
        for (size_t i = 0; i < items.size(); ++i) {
            Json item;
            if (auto e = coerceJson(items[i], type.inner(), &item,
                                    QStringLiteral("%1[%2]").arg(where).arg(i)))
                return e;
            out->push_back(std::move(item));
        }
        return std::nullopt;
    }
    const NamedType *named = schema->type(type.name);
    if (!named)
        return QStringLiteral("%1: unknown type %2").arg(where, type.name);
    return coerceNamedJson(value, *named, out, where);
}

std::optional<QString> InputCoercion::coerceNamedJson(const Json &value, const NamedType &named,
                                                      Json *out, const QString &where) const
{
    const QString bad =
        QStringLiteral("%1: %2 cannot represent %3").arg(where, named.name, qstr(value.dump()));
    switch (named.kind) {
    case TypeKind::Scalar:
        if (named.name == QLatin1String("Int")) {
            if (!value.is_number_integer() ||
                value.get<qint64>() > std::numeric_limits<qint32>::max() ||
                value.get<qint64>() < std::numeric_limits<qint32>::min())
                return bad;
        } else if (named.name == QLatin1String("Float")) {
            if (!value.is_number())
                return bad;
        } else if (named.name == QLatin1String("String")) {
            if (!value.is_string())
                return bad;
        } else if (named.name == QLatin1String("Boolean")) {
            if (!value.is_boolean())
                return bad;
        } else if (named.name == QLatin1String("ID")) {
            if (value.is_number_integer()) {
                *out = value.dump();
                return std::nullopt;
            }
            if (!value.is_string())
                return bad;
        }
        *out = value;
        return std::nullopt;
    case TypeKind::Enum:
        if (!value.is_string() || !named.enumValue(qstr(value.get<std::string>())))
            return bad;
        *out = value;
        return std::nullopt;
    case TypeKind::InputObject: {
        if (!value.is_object())
            return bad;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!named.inputField(qstr(it.key())))
                return QStringLiteral("%1: field \"%2\" is not defined by type %3")
                    .arg(where, qstr(it.key()), named.name);
        }
        *out = Json::object();
        for (const InputValue &field : named.inputFields) {
            const std::string key = str(field.name);
            const QString at = where + QLatin1Char('.') + field.name;
            if (value.contains(key)) {
                Json coerced;
                if (auto e = coerceJson(value[key], field.type, &coerced, at))
                    return e;
                (*out)[key] = std::move(coerced);
            } else if (field.defaultValue) {
                Json coerced;
                if (auto e = coerceDefault(*field.defaultValue, field.type, &coerced, at))
                    return e;
                (*out)[key] = std::move(coerced);
            } else if (field.type.isNonNull()) {
                return QStringLiteral("%1: required field of type %2 was not provided")
                    .arg(at, field.type.toString());
            }
        }
        return std::nullopt;
    }
    case TypeKind::Object:
    case TypeKind::Interface:
    case TypeKind::Union:
        return QStringLiteral("%1: %2 is not an input type").arg(where, named.name);
    }
    return bad;
}

std::optional<QString> InputCoercion::coerceDefault(const QString &literal, const TypeExpr &type,
                                                    Json *out, const QString &where) const
{
    const Result<Value> parsed = Parser::parseValue(literal.toUtf8());
    if (!parsed)
        return QStringLiteral("%1: default value %2 does not parse").arg(where, literal);
    bool absent = false;
    return coerceLiteral(*parsed, type, out, &absent, where);
}

// A literal written in the document; `absent` when it is an unset variable (the argument is
// then left out, or takes its default).
std::optional<QString> InputCoercion::coerceLiteral(const Value &value, const TypeExpr &type,
                                                    Json *out, bool *absent,
                                                    const QString &where) const
{
    if (value.kind == Value::Kind::Variable) {
        const std::string key = str(value.text);
        if (!variables.contains(key)) {
            *absent = true;
            if (type.isNonNull())
                return QStringLiteral("%1: variable \"$%2\" of non-null type %3 was not provided")
                    .arg(where, value.text, type.toString());
            return std::nullopt;
        }
        *out = variables[key];
        if (type.isNonNull() && out->is_null())
            return QStringLiteral("%1: variable \"$%2\" is null where %3 is expected")
                .arg(where, value.text, type.toString());
        return std::nullopt;
    }
    if (type.isNonNull()) {
        if (value.kind == Value::Kind::Null)
            return QStringLiteral("%1: expected a non-null value of type %2")
                .arg(where, type.toString());
        return coerceLiteral(value, type.inner(), out, absent, where);
    }
    if (value.kind == Value::Kind::Null) {
        *out = nullptr;
        return std::nullopt;
    }
    if (type.isList()) {
        *out = Json::array();
        if (value.kind != Value::Kind::List) {
            Json item;
            bool itemAbsent = false;
            if (auto e = coerceLiteral(value, type.inner(), &item, &itemAbsent, where))
                return e;
            out->push_back(std::move(item));
            return std::nullopt;
        }
        for (size_t i = 0; i < value.list.size(); ++i) {
            Json item;
            bool itemAbsent = false;
            if (auto e = coerceLiteral(value.list[i], type.inner(), &item, &itemAbsent,
                                       QStringLiteral("%1[%2]").arg(where).arg(i)))
                return e;
            out->push_back(itemAbsent ? Json() : std::move(item));
        }
        return std::nullopt;
    }
    const NamedType *named = schema->type(type.name);
    if (!named)
        return QStringLiteral("%1: unknown type %2").arg(where, type.name);
    if (named->kind == TypeKind::InputObject && value.kind == Value::Kind::Object) {
        *out = Json::object();
        for (const InputValue &field : named->inputFields) {
            const std::string key = str(field.name);
            const QString at = where + QLatin1Char('.') + field.name;
            const ObjectField *given = nullptr;
            for (const ObjectField &f : value.fields) {
                if (f.name.value == field.name)
                    given = &f;
            }
            bool fieldAbsent = !given;
            Json coerced;
            if (given) {
                if (auto e = coerceLiteral(given->value, field.type, &coerced, &fieldAbsent, at))
                    return e;
            }
            if (!fieldAbsent) {
                (*out)[key] = std::move(coerced);
            } else if (field.defaultValue) {
                if (auto e = coerceDefault(*field.defaultValue, field.type, &coerced, at))
                    return e;
                (*out)[key] = std::move(coerced);
            } else if (field.type.isNonNull()) {
                return QStringLiteral("%1: required field of type %2 was not provided")
                    .arg(at, field.type.toString());
            }
        }
        return std::nullopt;
    }
    return coerceNamedJson(literalJson(value), *named, out, where);
}

// A constant literal as plain JSON (custom scalars such as AWSJSON take whatever was written).
Json InputCoercion::literalJson(const Value &value) const
{
    switch (value.kind) {
    case Value::Kind::Variable:
        return variables.value(str(value.text), Json());
    case Value::Kind::Int: {
        bool ok = false;
        const qint64 n = value.text.toLongLong(&ok);
        return ok ? Json(n) : Json(value.text.toDouble());
    }
    case Value::Kind::Float:
        return value.text.toDouble();
    case Value::Kind::String:
    case Value::Kind::Enum:
        return str(value.text);
    case Value::Kind::Boolean:
        return value.booleanValue();
    case Value::Kind::Null:
        return nullptr;
    case Value::Kind::List: {
        Json out = Json::array();
        for (const Value &v : value.list)
            out.push_back(literalJson(v));
        return out;
    }
    case Value::Kind::Object: {
        Json out = Json::object();
        for (const ObjectField &f : value.fields)
            out[str(f.name.value)] = literalJson(f.value);
        return out;
    }
    }
    return nullptr;
}

std::optional<QString> InputCoercion::coerceArguments(const std::vector<InputValue> &defs,
                                                      const std::vector<Argument> &given,
                                                      Json *out) const
{
    *out = Json::object();
    for (const InputValue &def : defs) {
        const Argument *arg = nullptr;
        for (const Argument &a : given) {
            if (a.name.value == def.name)
                arg = &a;
        }
        const QString where = QStringLiteral("argument \"%1\"").arg(def.name);
        bool absent = !arg;
        Json value;
        if (arg) {
            if (auto e = coerceLiteral(arg->value, def.type, &value, &absent, where))
                return e;
        }
        if (!absent) {
            (*out)[str(def.name)] = std::move(value);
        } else if (def.defaultValue) {
            if (auto e = coerceDefault(*def.defaultValue, def.type, &value, where))
                return e;
            (*out)[str(def.name)] = std::move(value);
        } else if (def.type.isNonNull()) {
            return QStringLiteral("%1 of required type %2 was not provided")
                .arg(where, def.type.toString());
        }
    }
    return std::nullopt;
}

std::optional<QString> coerceVariables(const Schema *schema, const OperationDefinition &op,
                                       const Json &given, Json *variables)
{
    *variables = Json::object();
    const InputCoercion input(schema,
                              *variables); // defaults may not name variables; partial is fine
    for (const VariableDefinition &def : op.variableDefinitions) {
        const TypeExpr type = TypeExpr::fromAst(def.type);
        const std::string key = str(def.name.value);
        const QString where = QStringLiteral("Variable \"$%1\"").arg(def.name.value);
        if (given.is_object() && given.contains(key)) {
            Json value;
            if (auto e = input.coerceJson(given[key], type, &value, where))
                return e;
            (*variables)[key] = std::move(value);
        } else if (def.defaultValue) {
            Json value;
            bool absent = false;
            if (auto e = input.coerceLiteral(*def.defaultValue, type, &value, &absent, where))
                return e;
            (*variables)[key] = std::move(value);
        } else if (type.isNonNull()) {
            return QStringLiteral("%1 of required type %2 was not provided.")
                .arg(where, type.toString());
        }
    }
    return std::nullopt;
}

} // namespace Gatehouse::Core::GraphQL::ExecutorInput
