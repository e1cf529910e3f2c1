// Schema <-> introspection JSON (the spec's section 4.5 shape, as graphql-js's
// getIntrospectionQuery() asks for it). The only translation unit of the schema model that
// includes nlohmann/json.

#include "schema.h"

#include <QStringList>
#include <nlohmann/json.hpp>

namespace Gatehouse::Core::GraphQL {

namespace {

using json = nlohmann::ordered_json;

const char kTypeRef[] =
    "fragment TypeRef on __Type {\n"
    "  kind\n  name\n"
    "  ofType {\n    kind\n    name\n"
    "    ofType {\n      kind\n      name\n"
    "      ofType {\n        kind\n        name\n"
    "        ofType {\n          kind\n          name\n"
    "          ofType {\n            kind\n            name\n"
    "            ofType {\n              kind\n              name\n"
    "              ofType {\n                kind\n                name\n"
    "              }\n            }\n          }\n        }\n      }\n    }\n  }\n}\n";

QString str(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

json strOrNull(const QString &value)
{
    return value.isNull() ? json(nullptr) : json(value.toStdString());
}

bool isSpecBuiltIn(const QString &name)
{
    static const QStringList names = {QStringLiteral("Int"), QStringLiteral("Float"),
                                      QStringLiteral("String"), QStringLiteral("Boolean"),
                                      QStringLiteral("ID")};
    return name.startsWith(QLatin1String("__")) || names.contains(name);
}

bool isSpecDirective(const QString &name)
{
    return name == QLatin1String("skip") || name == QLatin1String("include") ||
           name == QLatin1String("deprecated") || name == QLatin1String("specifiedBy") ||
           name == QLatin1String("oneOf");
}

QLatin1String kindName(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar:
        return QLatin1String("SCALAR");
    case TypeKind::Object:
        return QLatin1String("OBJECT");
    case TypeKind::Interface:
        return QLatin1String("INTERFACE");
    case TypeKind::Union:
        return QLatin1String("UNION");
    case TypeKind::Enum:
        return QLatin1String("ENUM");
    case TypeKind::InputObject:
        return QLatin1String("INPUT_OBJECT");
    }
    return QLatin1String("SCALAR");
}

// Thrown only inside this file, caught in fromIntrospection(): the path says where.
struct ShapeError
{
    QString message;
};

} // namespace

class IntrospectionReader
{
public:
    explicit IntrospectionReader(Schema &schema)
        : m_schema(schema)
    {}

    void read(const json &root);

private:
    static const json &member(const json &object, const char *key, const QString &path)
    {
        if (!object.is_object() || !object.contains(key))
            throw ShapeError{QStringLiteral("%1: \"%2\" is missing").arg(path, QLatin1String(key))};
        return object[key];
    }
    static const json &array(const json &object, const char *key, const QString &path)
    {
        const json &value = member(object, key, path);
        if (!value.is_array())
            throw ShapeError{
                QStringLiteral("%1.%2: expected a list").arg(path, QLatin1String(key))};
        return value;
    }
    static QString name(const json &object, const QString &path)
    {
        const json &value = member(object, "name", path);
        if (!value.is_string() || value.get<std::string>().empty())
            throw ShapeError{QStringLiteral("%1.name: expected a name").arg(path)};
        return str(value);
    }
    static TypeExpr typeRef(const json &node, const QString &path);
    static InputValue inputValue(const json &node, const QString &path);
    NamedType namedType(const json &node, const QString &path);

    Schema &m_schema;
};

TypeExpr IntrospectionReader::typeRef(const json &node, const QString &path)
{
    TypeExpr result;
    const json *current = &node;
    QString where = path;
    for (int depth = 0; depth < 32; ++depth) {
        const QString kind = str(member(*current, "kind", where));
        if (kind == QLatin1String("NON_NULL"))
            result.wrappers.push_back(TypeExpr::Wrapper::NonNull);
        else if (kind == QLatin1String("LIST"))
            result.wrappers.push_back(TypeExpr::Wrapper::List);
        else {
            result.name = name(*current, where);
            return result;
        }
        where += QStringLiteral(".ofType");
        current = &member(*current, "ofType", where);
        if (current->is_null())
            throw ShapeError{
                QStringLiteral("%1: a %2 type without ofType; ask for more ofType levels")
                    .arg(where, kind)};
    }
    throw ShapeError{QStringLiteral("%1: type wrapped too deeply").arg(path)};
}

InputValue IntrospectionReader::inputValue(const json &node, const QString &path)
{
    InputValue v;
    v.name = name(node, path);
    v.description = str(node.value("description", json()));
    v.type = typeRef(member(node, "type", path), path + QStringLiteral(".type"));
    if (node.contains("defaultValue") && node["defaultValue"].is_string())
        v.defaultValue = str(node["defaultValue"]);
    v.deprecated = node.value("isDeprecated", false);
    v.deprecationReason = str(node.value("deprecationReason", json()));
    return v;
}

NamedType IntrospectionReader::namedType(const json &node, const QString &path)
{
    NamedType t;
    t.name = name(node, path);
    const QString kind = str(member(node, "kind", path));
    static const std::pair<const char *, TypeKind> kinds[] = {
        {"SCALAR", TypeKind::Scalar},       {"OBJECT", TypeKind::Object},
        {"INTERFACE", TypeKind::Interface}, {"UNION", TypeKind::Union},
        {"ENUM", TypeKind::Enum},           {"INPUT_OBJECT", TypeKind::InputObject}};
    bool known = false;
    for (const auto &[word, value] : kinds) {
        if (kind == QLatin1String(word)) {
            t.kind = value;
            known = true;
        }
    }
    if (!known)
        throw ShapeError{
            QStringLiteral("%1.kind: \"%2\" is not a named type kind").arg(path, kind)};
    t.description = str(node.value("description", json()));
    t.specifiedByUrl = str(node.value("specifiedByURL", json()));
    switch (t.kind) {
    case TypeKind::Object:
    case TypeKind::Interface: {
        const json &fields = array(node, "fields", path);
        for (size_t i = 0; i < fields.size(); ++i) {
            const QString at = QStringLiteral("%1.fields[%2]").arg(path).arg(i);
            FieldDef f;
            f.name = name(fields[i], at);
            f.description = str(fields[i].value("description", json()));
            const json &args = array(fields[i], "args", at);
            for (size_t a = 0; a < args.size(); ++a)
                f.arguments.push_back(
                    inputValue(args[a], QStringLiteral("%1.args[%2]").arg(at).arg(a)));
            f.type = typeRef(member(fields[i], "type", at), at + QStringLiteral(".type"));
            f.deprecated = fields[i].value("isDeprecated", false);
            f.deprecationReason = str(fields[i].value("deprecationReason", json()));
            t.fields.push_back(std::move(f));
        }
        if (node.contains("interfaces") && node["interfaces"].is_array()) {
            for (const json &iface : node["interfaces"])
                t.interfaces.push_back(name(iface, path + QStringLiteral(".interfaces")));
        }
        break;
    }
    case TypeKind::Union:
        for (const json &member : array(node, "possibleTypes", path))
            t.members.push_back(name(member, path + QStringLiteral(".possibleTypes")));
        break;
    case TypeKind::Enum: {
        const json &values = array(node, "enumValues", path);
        for (size_t i = 0; i < values.size(); ++i) {
            EnumValue v;
            v.name = name(values[i], QStringLiteral("%1.enumValues[%2]").arg(path).arg(i));
            v.description = str(values[i].value("description", json()));
            v.deprecated = values[i].value("isDeprecated", false);
            v.deprecationReason = str(values[i].value("deprecationReason", json()));
            t.enumValues.push_back(std::move(v));
        }
        break;
    }
    case TypeKind::InputObject: {
        const json &fields = array(node, "inputFields", path);
        for (size_t i = 0; i < fields.size(); ++i)
            t.inputFields.push_back(
                inputValue(fields[i], QStringLiteral("%1.inputFields[%2]").arg(path).arg(i)));
        break;
    }
    case TypeKind::Scalar:
        break;
    }
    return t;
}

void IntrospectionReader::read(const json &schema)
{
    const QString path = QStringLiteral("__schema");
    m_schema.m_description = str(schema.value("description", json()));
    const char *roots[] = {"queryType", "mutationType", "subscriptionType"};
    for (int i = 0; i < 3; ++i) {
        const json root = schema.value(roots[i], json());
        m_schema.m_roots[i] = root.is_object() ? str(root.value("name", json())) : QString();
    }
    if (m_schema.m_roots[0].isEmpty())
        throw ShapeError{
            QStringLiteral("__schema.queryType: missing; every schema has a query type")};
    const json &types = array(schema, "types", path);
    for (size_t i = 0; i < types.size(); ++i) {
        const QString at = QStringLiteral("__schema.types[%1]").arg(i);
        const QString typeName = name(types[i], at);
        if (isSpecBuiltIn(typeName))
            continue; // the prelude's definitions stand for them
        m_schema.addType(namedType(types[i], at));
    }
    if (schema.contains("directives") && schema["directives"].is_array()) {
        const json &directives = schema["directives"];
        for (size_t i = 0; i < directives.size(); ++i) {
            const QString at = QStringLiteral("__schema.directives[%1]").arg(i);
            DirectiveDef d;
            d.name = name(directives[i], at);
            if (isSpecDirective(d.name))
                continue;
            d.description = str(directives[i].value("description", json()));
            d.repeatable = directives[i].value("isRepeatable", false);
            for (const json &location : array(directives[i], "locations", at))
                d.locations.push_back(str(location));
            const json &args = array(directives[i], "args", at);
            for (size_t a = 0; a < args.size(); ++a)
                d.arguments.push_back(
                    inputValue(args[a], QStringLiteral("%1.args[%2]").arg(at).arg(a)));
            m_schema.addDirective(std::move(d));
        }
    }
    m_schema.reindex();
    for (const NamedType &t : m_schema.m_types) {
        for (const FieldDef &f : t.fields) {
            if (!m_schema.type(f.type.name))
                throw ShapeError{
                    QStringLiteral("%1.%2 has type %3, which is not among __schema.types")
                        .arg(t.name, f.name, f.type.name)};
        }
    }
    if (!m_schema.type(m_schema.m_roots[0]))
        throw ShapeError{
            QStringLiteral("__schema.queryType names %1, which is not among __schema.types")
                .arg(m_schema.m_roots[0])};
}

Result<Schema> Schema::fromIntrospection(const QByteArray &bytes)
{
    QByteArray text = bytes;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    const json document = json::parse(text.constBegin(), text.constEnd(), nullptr, false);
    if (document.is_discarded())
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("The introspection result is not JSON; expected the answer to the "
                           "introspection query, {\"data\": {\"__schema\": ...}}."));
    const json *root = &document;
    if (root->is_object() && root->contains("data") && (*root)["data"].is_object())
        root = &(*root)["data"];
    if (!root->is_object() || !root->contains("__schema") || !(*root)["__schema"].is_object()) {
        QStringList messages;
        if (document.is_object() && document.contains("errors") && document["errors"].is_array()) {
            for (const json &e : document["errors"])
                messages << str(e.value("message", json()));
        }
        return makeError(
            ErrorCode::InvalidArgument,
            messages.isEmpty()
                ? QStringLiteral("The JSON holds no \"__schema\"; expected the answer to the "
                                 "introspection query, {\"data\": {\"__schema\": ...}}.")
                : QStringLiteral("The server answered the introspection query with errors: %1")
                      .arg(messages.join(QStringLiteral("; "))));
    }
    Schema schema;
    try {
        IntrospectionReader(schema).read((*root)["__schema"]);
    } catch (const ShapeError &e) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Not a valid introspection result: %1.").arg(e.message));
    } catch (const json::exception &e) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Not a valid introspection result: %1.")
                             .arg(QString::fromUtf8(e.what())));
    }
    return schema;
}

namespace {

json typeRefJson(const TypeExpr &type, const Schema &schema)
{
    if (type.wrappers.empty()) {
        const NamedType *t = schema.type(type.name);
        return json{{"kind", (t ? kindName(t->kind) : QLatin1String("SCALAR")).data()},
                    {"name", type.name.toStdString()},
                    {"ofType", nullptr}};
    }
    const bool nonNull = type.wrappers.front() == TypeExpr::Wrapper::NonNull;
    return json{{"kind", nonNull ? "NON_NULL" : "LIST"},
                {"name", nullptr},
                {"ofType", typeRefJson(type.inner(), schema)}};
}

json inputValueJson(const InputValue &v, const Schema &schema)
{
    return json{
        {"name", v.name.toStdString()},
        {"description", strOrNull(v.description)},
        {"type", typeRefJson(v.type, schema)},
        {"defaultValue", v.defaultValue ? json(v.defaultValue->toStdString()) : json(nullptr)},
        {"isDeprecated", v.deprecated},
        {"deprecationReason", v.deprecated ? strOrNull(v.deprecationReason) : json(nullptr)}};
}

json namedRef(const QString &name, const Schema &schema)
{
    return typeRefJson(TypeExpr{name, {}}, schema);
}

} // namespace

QByteArray Schema::toIntrospectionJson() const
{
    json types = json::array();
    for (const NamedType &t : m_types) {
        json type{{"kind", kindName(t.kind).data()},
                  {"name", t.name.toStdString()},
                  {"description", strOrNull(t.description)},
                  {"specifiedByURL", t.specifiedByUrl.isEmpty()
                                         ? json(nullptr)
                                         : json(t.specifiedByUrl.toStdString())},
                  {"fields", nullptr},
                  {"inputFields", nullptr},
                  {"interfaces", nullptr},
                  {"enumValues", nullptr},
                  {"possibleTypes", nullptr}};
        if (t.kind == TypeKind::Object || t.kind == TypeKind::Interface) {
            json fields = json::array();
            for (const FieldDef &f : t.fields) {
                json args = json::array();
                for (const InputValue &a : f.arguments)
                    args.push_back(inputValueJson(a, *this));
                fields.push_back(
                    json{{"name", f.name.toStdString()},
                         {"description", strOrNull(f.description)},
                         {"args", args},
                         {"type", typeRefJson(f.type, *this)},
                         {"isDeprecated", f.deprecated},
                         {"deprecationReason",
                          f.deprecated ? strOrNull(f.deprecationReason) : json(nullptr)}});
            }
            type["fields"] = fields;
            json interfaces = json::array();
            for (const QString &i : t.interfaces)
                interfaces.push_back(namedRef(i, *this));
            type["interfaces"] = interfaces;
        }
        if (t.kind == TypeKind::InputObject) {
            json fields = json::array();
            for (const InputValue &f : t.inputFields)
                fields.push_back(inputValueJson(f, *this));
            type["inputFields"] = fields;
        }
        if (t.kind == TypeKind::Enum) {
            json values = json::array();
            for (const EnumValue &v : t.enumValues)
                values.push_back(
                    json{{"name", v.name.toStdString()},
                         {"description", strOrNull(v.description)},
                         {"isDeprecated", v.deprecated},
                         {"deprecationReason",
                          v.deprecated ? strOrNull(v.deprecationReason) : json(nullptr)}});
            type["enumValues"] = values;
        }
        if (t.isAbstract()) {
            json possible = json::array();
            for (const NamedType *p : possibleTypes(t))
                possible.push_back(namedRef(p->name, *this));
            type["possibleTypes"] = possible;
        }
        types.push_back(std::move(type));
    }
    json directives = json::array();
    for (const DirectiveDef &d : m_directives) {
        json args = json::array();
        for (const InputValue &a : d.arguments)
            args.push_back(inputValueJson(a, *this));
        json locations = json::array();
        for (const QString &l : d.locations)
            locations.push_back(l.toStdString());
        directives.push_back(json{{"name", d.name.toStdString()},
                                  {"description", strOrNull(d.description)},
                                  {"isRepeatable", d.repeatable},
                                  {"locations", locations},
                                  {"args", args}});
    }
    auto root = [this](int i) {
        return m_roots[i].isEmpty() ? json(nullptr) : json{{"name", m_roots[i].toStdString()}};
    };
    json schema{{"description", strOrNull(m_description)},
                {"queryType", root(0)},
                {"mutationType", root(1)},
                {"subscriptionType", root(2)},
                {"types", types},
                {"directives", directives}};
    return QByteArray::fromStdString(json{{"__schema", schema}}.dump());
}

QString Schema::introspectionQuery()
{
    return QStringLiteral(
               "query IntrospectionQuery {\n"
               "  __schema {\n"
               "    queryType {\n      name\n    }\n"
               "    mutationType {\n      name\n    }\n"
               "    subscriptionType {\n      name\n    }\n"
               "    types {\n      ...FullType\n    }\n"
               "    directives {\n      name\n      description\n      locations\n"
               "      args {\n        ...InputValue\n      }\n    }\n"
               "  }\n"
               "}\n\n"
               "fragment FullType on __Type {\n"
               "  kind\n  name\n  description\n"
               "  fields(includeDeprecated: true) {\n"
               "    name\n    description\n"
               "    args {\n      ...InputValue\n    }\n"
               "    type {\n      ...TypeRef\n    }\n"
               "    isDeprecated\n    deprecationReason\n  }\n"
               "  inputFields {\n    ...InputValue\n  }\n"
               "  interfaces {\n    ...TypeRef\n  }\n"
               "  enumValues(includeDeprecated: true) {\n"
               "    name\n    description\n    isDeprecated\n    deprecationReason\n  }\n"
               "  possibleTypes {\n    ...TypeRef\n  }\n"
               "}\n\n"
               "fragment InputValue on __InputValue {\n"
               "  name\n  description\n"
               "  type {\n    ...TypeRef\n  }\n"
               "  defaultValue\n"
               "}\n\n") +
           QLatin1String(kTypeRef);
}

} // namespace Gatehouse::Core::GraphQL
