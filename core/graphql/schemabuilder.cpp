// Builds a Schema from SDL and runs the schema-level checks of the spec (section 3) that an
// editor reports: names defined once, referenced types known and of the right kind, interfaces
// implemented, union members objects, root types objects, extensions of defined types,
// directives known, in valid locations and not repeated unless repeatable. Wording follows
// graphql-js 16 (buildASTSchema's SDL rules and validateSchema), which tools users know.

#include "parser.h"
#include "printer.h"
#include "schema.h"
#include "suggestions.h"

#include <QSet>

namespace Gatehouse::Core::GraphQL {

namespace {

// The spec's built-in scalars, directives (section 3.13) and introspection types (section 4.5),
// as graphql-js 16 defines them.
const char kPrelude[] = R"GQL(
"The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1."
scalar Int
"The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)."
scalar Float
"The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text."
scalar String
"The `Boolean` scalar type represents `true` or `false`."
scalar Boolean
"The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID."
scalar ID
"Directs the executor to include this field or fragment only when the `if` argument is true."
directive @include("Included when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
"Directs the executor to skip this field or fragment when the `if` argument is true."
directive @skip("Skipped when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
"Marks an element of a GraphQL schema as no longer supported."
directive @deprecated("Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/)." reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
"Indicates exactly one field must be supplied and this field must not be `null`."
directive @oneOf on INPUT_OBJECT
"Exposes a URL that specifies the behavior of this scalar."
directive @specifiedBy("The URL that specifies the behavior of this scalar." url: String!) on SCALAR
"A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations."
type __Schema {
  description: String
  "A list of all types supported by this server."
  types: [__Type!]!
  "The type that query operations will be rooted at."
  queryType: __Type!
  "If this server supports mutation, the type that mutation operations will be rooted at."
  mutationType: __Type
  "If this server support subscription, the type that subscription operations will be rooted at."
  subscriptionType: __Type
  "A list of all directives supported by this server."
  directives: [__Directive!]!
}
"The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum."
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
}
"An enum describing what kind of type a given `__Type` is."
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
"Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type."
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}
"Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value."
type __InputValue {
  name: String!
  description: String
  type: __Type!
  "A GraphQL-formatted string representing the default value for this input value."
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}
"One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string."
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}
"A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document."
type __Directive {
  name: String!
  description: String
  isRepeatable: Boolean!
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
}
"A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies."
enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
)GQL";

// AppSync's predefined scalars and directives, which AppSync schemas use without declaring.
// Scalars: https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html; authorization
// directives and their locations:
// https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html;
// @aws_subscribe:
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html.
// @defer, @aws_subscribe, @aws_auth and @aws_publish are word for word as AppSync's introspection
// reports them (tests/data/graphql/appsync-sdk-android/*/schema.json, typo included, since the
// emulator answers introspection with these); the others as amplify-cli's
// awsAppSyncDirectives.graphql lists them.
const char kAppSyncPrelude[] = R"GQL(
"A date string in ISO 8601 extended format, YYYY-MM-DD, optionally with a time zone offset."
scalar AWSDate
"A time string in ISO 8601 extended format, hh:mm:ss.sss, optionally with a time zone offset."
scalar AWSTime
"A date-time string in ISO 8601 extended format, YYYY-MM-DDThh:mm:ss.sssZ."
scalar AWSDateTime
"The number of seconds since 1970-01-01T00:00Z."
scalar AWSTimestamp
"An email address as defined by RFC 822."
scalar AWSEmail
"A JSON string; AppSync parses it and passes it to resolvers as an object."
scalar AWSJSON
"A URL as defined by RFC 1738."
scalar AWSURL
"A phone number; with an optional country code and + prefix."
scalar AWSPhone
"An IPv4 or IPv6 address, with an optional CIDR prefix."
scalar AWSIPAddress
"This directive allows results to be deferred during execution"
directive @defer on FIELD
"Tells the service which mutation triggers this subscription."
directive @aws_subscribe("List of mutations which will trigger this subscription when they are called." mutations: [String]) on FIELD_DEFINITION
"Directs the schema to enforce authorization on a field"
directive @aws_auth("List of cognito user pool groups which have access on this field" cognito_groups: [String]) on FIELD_DEFINITION
"Tells the service this field/object has access authorized by an API key."
directive @aws_api_key on FIELD_DEFINITION | OBJECT
"Tells the service this field/object has access authorized by sigv4 signing."
directive @aws_iam on FIELD_DEFINITION | OBJECT
"Tells the service this field/object has access authorized by an OIDC token."
directive @aws_oidc on FIELD_DEFINITION | OBJECT
"Tells the service this field/object has access authorized by a Cognito User Pools token."
directive @aws_cognito_user_pools("List of cognito user pool groups which have access on this field" cognito_groups: [String]) on FIELD_DEFINITION | OBJECT
"Tells the service this field/object has access authorized by a Lambda Authorizer."
directive @aws_lambda on FIELD_DEFINITION | OBJECT
"Tells the service which subscriptions will be published to when this mutation is called. This directive is deprecated use @aws_susbscribe directive instead."
directive @aws_publish("List of subscriptions which will be published to when this mutation is called." subscriptions: [String]) on FIELD_DEFINITION
)GQL";

QString descriptionOf(const std::optional<Value> &description)
{
    return description ? description->text : QString();
}

QLatin1String locationName(TypeSystemDefinition::Kind kind)
{
    using Kind = TypeSystemDefinition::Kind;
    switch (kind) {
    case Kind::Schema:
        return QLatin1String("SCHEMA");
    case Kind::Scalar:
        return QLatin1String("SCALAR");
    case Kind::Object:
        return QLatin1String("OBJECT");
    case Kind::Interface:
        return QLatin1String("INTERFACE");
    case Kind::Union:
        return QLatin1String("UNION");
    case Kind::Enum:
        return QLatin1String("ENUM");
    case Kind::InputObject:
        return QLatin1String("INPUT_OBJECT");
    case Kind::Directive:
        return QLatin1String("DIRECTIVE");
    }
    return QLatin1String("SCHEMA");
}

QLatin1String kindWord(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar:
        return QLatin1String("scalar");
    case TypeKind::Object:
        return QLatin1String("object");
    case TypeKind::Interface:
        return QLatin1String("interface");
    case TypeKind::Union:
        return QLatin1String("union");
    case TypeKind::Enum:
        return QLatin1String("enum");
    case TypeKind::InputObject:
        return QLatin1String("input object");
    }
    return QLatin1String("scalar");
}

std::optional<TypeKind> typeKindOf(TypeSystemDefinition::Kind kind)
{
    using Kind = TypeSystemDefinition::Kind;
    switch (kind) {
    case Kind::Scalar:
        return TypeKind::Scalar;
    case Kind::Object:
        return TypeKind::Object;
    case Kind::Interface:
        return TypeKind::Interface;
    case Kind::Union:
        return TypeKind::Union;
    case Kind::Enum:
        return TypeKind::Enum;
    case Kind::InputObject:
        return TypeKind::InputObject;
    case Kind::Schema:
    case Kind::Directive:
        break;
    }
    return std::nullopt;
}

} // namespace

// Walks one document into a Schema, collecting diagnostics with their places.
class SchemaBuilder
{
public:
    // `prelude`: definitions Gatehouse supplies (no source places); `builtIn`: the spec's own,
    // which SDL printing leaves out and SDL may not redefine.
    SchemaBuilder(Schema &schema, const Document *document, bool prelude, bool builtIn)
        : m_schema(schema)
        , m_document(document)
        , m_prelude(prelude)
        , m_builtIn(builtIn)
    {}

    std::vector<Diagnostic> errors;

    void build(const std::vector<Definition> &definitions);
    void check();

    static void loadPrelude(Schema &schema, const char *sdl, bool builtIn);

private:
    void error(const QString &message, std::initializer_list<Span> spans)
    {
        Diagnostic d;
        d.rule = QStringLiteral("Schema");
        d.message = message;
        for (const Span &s : spans) {
            d.offsets.push_back(s.start);
            d.locations.push_back(m_document ? m_document->position(s.start) : SourcePosition());
        }
        errors.push_back(std::move(d));
    }
    SourceRef ref(Span span) const { return SourceRef{span, !m_prelude}; }
    // graphql-js suggests among all types for an unknown reference, and among the document's
    // own for an extension of an undefined type.
    QString typeHint(const QString &name, bool documentOnly) const
    {
        QStringList names;
        for (const NamedType &t : m_schema.m_types) {
            if (!documentOnly || t.source.known)
                names << t.name;
        }
        return Suggestions::didYouMean(Suggestions::list(name, names));
    }

    std::vector<AppliedDirective> applied(const std::vector<Directive> &directives,
                                          QLatin1String location, bool *deprecated = nullptr,
                                          QString *reason = nullptr,
                                          QString *specifiedBy = nullptr);
    void checkArguments(const Directive &directive, const DirectiveDef &def);
    InputValue inputValue(const InputValueDefinition &def, QLatin1String location);
    std::vector<InputValue> inputValues(const std::vector<InputValueDefinition> &defs,
                                        const QString &owner, QLatin1String location,
                                        bool arguments);
    void addFields(NamedType &type, const TypeSystemDefinition &def);
    void addMembers(NamedType &type, const TypeSystemDefinition &def);
    void checkTypeRef(const TypeRef &ref, bool input, const QString &what);
    void checkImplementations(const NamedType &type);

    Schema &m_schema;
    const Document *m_document;
    bool m_prelude;
    bool m_builtIn;
    QSet<QString> m_predefined; // types and directives from the preludes, which SDL may redefine
    std::vector<const TypeSystemDefinition *> m_definitions;
    // Where things were written, for errors that point at two places as graphql-js's do.
    QHash<QString, const TypeSystemDefinition *> m_typeDefinitions; // first definition per name
    QHash<QString, const FieldDefinition *> m_fieldDefinitions;     // "Type.field"
    QHash<QString, Span> m_implementsSpans;                         // "Type>Interface"
    QHash<QString, Span> m_directiveNameSpans;
    Span m_rootSpans[3];
    friend class Schema;
};

void SchemaBuilder::loadPrelude(Schema &schema, const char *sdl, bool builtIn)
{
    const auto doc = Parser::parse(QByteArray(sdl));
    Q_ASSERT(doc.ok());
    SchemaBuilder builder(schema, &*doc, true, builtIn);
    builder.build(doc->definitions);
    Q_ASSERT(builder.errors.empty());
}

// The arguments of an applied directive, as graphql-js's SDL rules check them (known, unique,
// required ones given): a misspelt @aws_subscribe(mutation: ...) is caught where it is written.
void SchemaBuilder::checkArguments(const Directive &directive, const DirectiveDef &def)
{
    QHash<QString, Span> given;
    QStringList names;
    for (const InputValue &a : def.arguments)
        names << a.name;
    for (const Argument &a : directive.arguments) {
        if (given.contains(a.name.value))
            error(QStringLiteral("There can be only one argument named \"%1\".").arg(a.name.value),
                  {given.value(a.name.value), a.name.span});
        given.insert(a.name.value, a.name.span);
        if (!def.argument(a.name.value))
            error(QStringLiteral("Unknown argument \"%1\" on directive \"@%2\".")
                          .arg(a.name.value, def.name) +
                      Suggestions::didYouMean(Suggestions::list(a.name.value, names)),
                  {a.span});
    }
    for (const InputValue &a : def.arguments) {
        if (a.type.isNonNull() && !a.defaultValue && !given.contains(a.name))
            error(
                QStringLiteral("Directive \"@%1\" argument \"%2\" of type \"%3\" is required, but "
                               "it was not provided.")
                    .arg(def.name, a.name, a.type.toString()),
                {directive.span});
    }
}

std::vector<AppliedDirective> SchemaBuilder::applied(const std::vector<Directive> &directives,
                                                     QLatin1String location, bool *deprecated,
                                                     QString *reason, QString *specifiedBy)
{
    std::vector<AppliedDirective> result;
    QHash<QString, Span> seen;
    for (const Directive &d : directives) {
        const DirectiveDef *def = m_schema.directive(d.name.value);
        if (!def) {
            error(QStringLiteral("Unknown directive \"@%1\".").arg(d.name.value), {d.span});
        } else {
            if (!def->allowsLocation(location))
                error(QStringLiteral("Directive \"@%1\" may not be used on %2.")
                          .arg(d.name.value, location),
                      {d.span});
            if (!def->repeatable && seen.contains(d.name.value))
                error(
                    QStringLiteral("The directive \"@%1\" can only be used once at this location.")
                        .arg(d.name.value),
                    {seen.value(d.name.value), d.span});
            checkArguments(d, *def);
        }
        seen.insert(d.name.value, d.span);
        if (deprecated && d.name.value == QLatin1String("deprecated")) {
            *deprecated = true;
            *reason = QStringLiteral("No longer supported");
            for (const Argument &a : d.arguments) {
                if (a.name.value == QLatin1String("reason") && a.value.kind == Value::Kind::String)
                    *reason = a.value.text;
            }
            continue;
        }
        if (specifiedBy && d.name.value == QLatin1String("specifiedBy")) {
            for (const Argument &a : d.arguments) {
                if (a.name.value == QLatin1String("url"))
                    *specifiedBy = a.value.text;
            }
            continue;
        }
        AppliedDirective out;
        out.name = d.name.value;
        for (const Argument &a : d.arguments)
            out.arguments.emplace_back(a.name.value, Printer::print(a.value));
        result.push_back(std::move(out));
    }
    return result;
}

InputValue SchemaBuilder::inputValue(const InputValueDefinition &def, QLatin1String location)
{
    InputValue v;
    v.name = def.name.value;
    v.description = descriptionOf(def.description);
    v.type = TypeExpr::fromAst(def.type);
    if (def.defaultValue)
        v.defaultValue = Printer::print(*def.defaultValue);
    v.directives = applied(def.directives, location, &v.deprecated, &v.deprecationReason);
    v.source = ref(def.span);
    return v;
}

std::vector<InputValue> SchemaBuilder::inputValues(const std::vector<InputValueDefinition> &defs,
                                                   const QString &owner, QLatin1String location,
                                                   bool arguments)
{
    std::vector<InputValue> result;
    QHash<QString, Span> seen;
    for (const InputValueDefinition &def : defs) {
        if (seen.contains(def.name.value)) {
            error(arguments ? QStringLiteral("Argument \"%1(%2:)\" can only be defined once.")
                                  .arg(owner, def.name.value)
                            : QStringLiteral("Field \"%1.%2\" can only be defined once.")
                                  .arg(owner, def.name.value),
                  {seen.value(def.name.value), def.name.span});
            continue;
        }
        seen.insert(def.name.value, def.name.span);
        result.push_back(inputValue(def, location));
    }
    return result;
}

void SchemaBuilder::addFields(NamedType &type, const TypeSystemDefinition &def)
{
    for (const FieldDefinition &f : def.fields) {
        if (const FieldDef *existing = type.field(f.name.value)) {
            error(QStringLiteral("Field \"%1.%2\" can only be defined once.")
                      .arg(type.name, f.name.value),
                  {existing->source.span, f.name.span});
            continue;
        }
        m_fieldDefinitions.insert(type.name + QLatin1Char('.') + f.name.value, &f);
        FieldDef field;
        field.name = f.name.value;
        field.description = descriptionOf(f.description);
        field.arguments = inputValues(f.arguments, type.name + QLatin1Char('.') + f.name.value,
                                      QLatin1String("ARGUMENT_DEFINITION"), true);
        field.type = TypeExpr::fromAst(f.type);
        field.directives = applied(f.directives, QLatin1String("FIELD_DEFINITION"),
                                   &field.deprecated, &field.deprecationReason);
        field.source = ref(f.span);
        type.fields.push_back(std::move(field));
    }
}

void SchemaBuilder::addMembers(NamedType &type, const TypeSystemDefinition &def)
{
    type.directives.reserve(type.directives.size() + def.directives.size());
    for (AppliedDirective &d :
         applied(def.directives, locationName(def.kind), nullptr, nullptr,
                 type.kind == TypeKind::Scalar ? &type.specifiedByUrl : nullptr))
        type.directives.push_back(std::move(d));
    for (const Name &iface : def.interfaces) {
        m_implementsSpans.insert(type.name + QLatin1Char('>') + iface.value, iface.span);
        if (std::find(type.interfaces.begin(), type.interfaces.end(), iface.value) !=
            type.interfaces.end()) {
            error(QStringLiteral("Type \"%1\" can only implement \"%2\" once.")
                      .arg(type.name, iface.value),
                  {iface.span});
            continue;
        }
        type.interfaces.push_back(iface.value);
    }
    for (const Name &member : def.unionMembers) {
        if (std::find(type.members.begin(), type.members.end(), member.value) !=
            type.members.end()) {
            error(QStringLiteral("Union type \"%1\" can only include type \"%2\" once.")
                      .arg(type.name, member.value),
                  {member.span});
            continue;
        }
        type.members.push_back(member.value);
    }
    for (const EnumValueDefinition &v : def.enumValues) {
        if (const EnumValue *existing = type.enumValue(v.name.value)) {
            error(QStringLiteral("Enum value \"%1.%2\" can only be defined once.")
                      .arg(type.name, v.name.value),
                  {existing->source.span, v.name.span});
            continue;
        }
        EnumValue value;
        value.name = v.name.value;
        value.description = descriptionOf(v.description);
        value.directives = applied(v.directives, QLatin1String("ENUM_VALUE"), &value.deprecated,
                                   &value.deprecationReason);
        value.source = ref(v.span);
        type.enumValues.push_back(std::move(value));
    }
    for (const InputValueDefinition &f : def.inputFields) {
        if (const InputValue *existing = type.inputField(f.name.value)) {
            error(QStringLiteral("Field \"%1.%2\" can only be defined once.")
                      .arg(type.name, f.name.value),
                  {existing->source.span, f.name.span});
            continue;
        }
        type.inputFields.push_back(inputValue(f, QLatin1String("INPUT_FIELD_DEFINITION")));
    }
    addFields(type, def);
}

void SchemaBuilder::build(const std::vector<Definition> &definitions)
{
    using Kind = TypeSystemDefinition::Kind;
    // AppSync's predefinitions may be declared again by a schema that was printed with them.
    for (const NamedType &t : m_schema.m_types) {
        if (!t.source.known && !t.builtIn)
            m_predefined.insert(t.name);
    }
    for (const DirectiveDef &d : m_schema.m_directives) {
        if (!d.source.known && !d.builtIn)
            m_predefined.insert(QLatin1Char('@') + d.name);
    }

    // Pass 1: directive definitions first, since any definition may apply them.
    for (const Definition &definition : definitions) {
        const auto *def = std::get_if<TypeSystemDefinition>(&definition);
        if (!def)
            continue; // executable definitions are the validator's business
        m_definitions.push_back(def);
        if (def->kind != Kind::Directive)
            continue;
        const QString &name = def->name.value;
        if (const DirectiveDef *existing = m_schema.directive(name);
            existing && !m_predefined.contains(QLatin1Char('@') + name)) {
            error(
                existing->builtIn
                    ? QStringLiteral(
                          "Directive \"@%1\" already exists in the schema. It cannot be redefined.")
                          .arg(name)
                    : QStringLiteral("There can be only one directive named \"@%1\".").arg(name),
                existing->builtIn ? std::initializer_list<Span>{def->name.span}
                                  : std::initializer_list<Span>{m_directiveNameSpans.value(name),
                                                                def->name.span});
            continue;
        }
        m_directiveNameSpans.insert(name, def->name.span);
        DirectiveDef d;
        d.name = name;
        d.description = descriptionOf(def->description);
        d.repeatable = def->repeatable;
        for (const Name &location : def->locations)
            d.locations.push_back(location.value);
        d.builtIn = m_builtIn;
        d.source = ref(def->span);
        m_schema.addDirective(std::move(d));
    }
    // Arguments may apply directives too, so they are read once every directive is known.
    for (const TypeSystemDefinition *def : m_definitions) {
        if (def->kind != Kind::Directive)
            continue;
        for (DirectiveDef &d : m_schema.m_directives) {
            if (d.name == def->name.value && d.source.span == def->span)
                d.arguments = inputValues(def->inputFields, QLatin1Char('@') + d.name,
                                          QLatin1String("ARGUMENT_DEFINITION"), true);
        }
    }

    // Pass 2: type definitions, then extensions in document order.
    bool sawSchema = false;
    for (const TypeSystemDefinition *def : m_definitions) {
        const auto kind = typeKindOf(def->kind);
        if (def->extension)
            continue;
        if (def->kind == Kind::Schema) {
            if (sawSchema)
                error(QStringLiteral("Must provide only one schema definition."), {def->span});
            sawSchema = true;
            m_schema.m_description = descriptionOf(def->description);
            for (const OperationTypeDefinition &op : def->operationTypes) {
                QString &root = m_schema.m_roots[int(op.operation)];
                if (!root.isEmpty())
                    error(QStringLiteral("There can be only one %1 type in schema.")
                              .arg(operationTypeName(op.operation)),
                          {op.span});
                root = op.type.value;
                m_rootSpans[int(op.operation)] = op.type.span;
            }
            applied(def->directives, QLatin1String("SCHEMA"));
            continue;
        }
        if (!kind)
            continue;
        const QString &name = def->name.value;
        if (name.startsWith(QLatin1String("__")) && !m_prelude)
            error(QStringLiteral("Name \"%1\" must not begin with \"__\", which is reserved by "
                                 "GraphQL introspection.")
                      .arg(name),
                  {def->span});
        if (const NamedType *existing = m_schema.type(name);
            existing && !m_predefined.contains(name)) {
            error(existing->builtIn
                      ? QStringLiteral("Type \"%1\" already exists in the schema. It cannot also "
                                       "be defined in this type definition.")
                            .arg(name)
                      : QStringLiteral("There can be only one type named \"%1\".").arg(name),
                  existing->builtIn || !m_typeDefinitions.contains(name)
                      ? std::initializer_list<Span>{def->name.span}
                      : std::initializer_list<Span>{m_typeDefinitions.value(name)->name.span,
                                                    def->name.span});
            continue;
        }
        m_typeDefinitions.insert(name, def);
        m_predefined.remove(name);
        NamedType type;
        type.kind = *kind;
        type.name = name;
        type.description = descriptionOf(def->description);
        type.builtIn = m_builtIn;
        type.source = ref(def->span);
        addMembers(type, *def);
        m_schema.addType(std::move(type));
    }
    m_schema.reindex();
    for (const TypeSystemDefinition *def : m_definitions) {
        if (!def->extension)
            continue;
        if (def->kind == Kind::Schema) {
            for (const OperationTypeDefinition &op : def->operationTypes) {
                QString &root = m_schema.m_roots[int(op.operation)];
                if (!root.isEmpty())
                    error(QStringLiteral(
                              "Type for %1 already defined in the schema. It cannot be redefined.")
                              .arg(operationTypeName(op.operation)),
                          {op.span});
                root = op.type.value;
                m_rootSpans[int(op.operation)] = op.type.span;
            }
            applied(def->directives, QLatin1String("SCHEMA"));
            continue;
        }
        const auto it = m_schema.m_typeIndex.constFind(def->name.value);
        if (it == m_schema.m_typeIndex.constEnd()) {
            error(QStringLiteral("Cannot extend type \"%1\" because it is not defined.")
                          .arg(def->name.value) +
                      typeHint(def->name.value, true),
                  {def->name.span});
            continue;
        }
        NamedType &type = m_schema.m_types[size_t(*it)];
        if (typeKindOf(def->kind) != type.kind) {
            const TypeSystemDefinition *original = m_typeDefinitions.value(type.name);
            error(QStringLiteral("Cannot extend non-%1 type \"%2\".")
                      .arg(kindWord(*typeKindOf(def->kind)), type.name),
                  original ? std::initializer_list<Span>{original->span, def->span}
                           : std::initializer_list<Span>{def->span});
            continue;
        }
        addMembers(type, *def);
    }
    // Without a schema definition the roots are the types named Query, Mutation, Subscription.
    if (!sawSchema) {
        const char *defaults[] = {"Query", "Mutation", "Subscription"};
        for (int i = 0; i < 3; ++i) {
            if (m_schema.m_roots[i].isEmpty() && m_schema.type(QLatin1String(defaults[i])))
                m_schema.m_roots[i] = QLatin1String(defaults[i]);
        }
    }
    m_schema.reindex();
}

void SchemaBuilder::checkTypeRef(const TypeRef &ref, bool input, const QString &what)
{
    const Name &named = ref.namedType();
    const NamedType *type = m_schema.type(named.value);
    if (!type) {
        error(QStringLiteral("Unknown type \"%1\".").arg(named.value) +
                  typeHint(named.value, false),
              {named.span});
        return;
    }
    if (input && !type->isInput())
        error(QStringLiteral("The type of %1 must be Input Type but got: %2.")
                  .arg(what, Printer::print(ref)),
              {ref.span});
    if (!input && !type->isOutput())
        error(QStringLiteral("The type of %1 must be Output Type but got: %2.")
                  .arg(what, Printer::print(ref)),
              {ref.span});
}

void SchemaBuilder::checkImplementations(const NamedType &type)
{
    const auto typeSpan = [this](const QString &owner, const QString &field) {
        const FieldDefinition *def = m_fieldDefinitions.value(owner + QLatin1Char('.') + field);
        return def ? def->type.span : Span();
    };
    for (const QString &ifaceName : type.interfaces) {
        const NamedType *iface = m_schema.type(ifaceName);
        if (!iface || iface->kind != TypeKind::Interface)
            continue; // reported with the reference
        const Span implementsSpan =
            m_implementsSpans.value(type.name + QLatin1Char('>') + ifaceName);
        if (iface->name == type.name) {
            error(
                QStringLiteral(
                    "Type %1 cannot implement itself because it would create a circular reference.")
                    .arg(type.name),
                {implementsSpan});
            continue;
        }
        for (const QString &transitive : iface->interfaces) {
            if (std::find(type.interfaces.begin(), type.interfaces.end(), transitive) ==
                type.interfaces.end())
                error(QStringLiteral("Type %1 must implement %2 because it is implemented by %3.")
                          .arg(type.name, transitive, iface->name),
                      {m_implementsSpans.value(iface->name + QLatin1Char('>') + transitive),
                       implementsSpan});
        }
        for (const FieldDef &ifaceField : iface->fields) {
            const FieldDef *field = type.field(ifaceField.name);
            if (!field) {
                error(QStringLiteral("Interface field %1.%2 expected but %3 does not provide it.")
                          .arg(iface->name, ifaceField.name, type.name),
                      {ifaceField.source.span, type.source.span});
                continue;
            }
            if (!m_schema.isSubTypeOf(field->type, ifaceField.type))
                error(QStringLiteral("Interface field %1.%2 expects type %3 but %4.%2 is type %5.")
                          .arg(iface->name, ifaceField.name, ifaceField.type.toString(), type.name,
                               field->type.toString()),
                      {typeSpan(iface->name, ifaceField.name), typeSpan(type.name, field->name)});
            for (const InputValue &arg : ifaceField.arguments) {
                const InputValue *own = field->argument(arg.name);
                if (!own)
                    error(QStringLiteral("Interface field argument %1.%2(%3:) expected but %4.%2 "
                                         "does not provide it.")
                              .arg(iface->name, ifaceField.name, arg.name, type.name),
                          {arg.source.span, field->source.span});
                else if (!(own->type == arg.type))
                    error(QStringLiteral("Interface field argument %1.%2(%3:) expects type %4 but "
                                         "%5.%2(%3:) is type %6.")
                              .arg(iface->name, ifaceField.name, arg.name, arg.type.toString(),
                                   type.name, own->type.toString()),
                          {arg.source.span, own->source.span});
            }
            for (const InputValue &own : field->arguments) {
                if (!ifaceField.argument(own.name) && own.type.isNonNull() && !own.defaultValue)
                    error(QStringLiteral("Object field %1.%2 includes required argument %3 that is "
                                         "missing from the Interface field %4.%2.")
                              .arg(type.name, field->name, own.name, iface->name),
                          {own.source.span, ifaceField.source.span});
            }
        }
    }
}

void SchemaBuilder::check()
{
    using Kind = TypeSystemDefinition::Kind;
    for (const TypeSystemDefinition *def : m_definitions) {
        const QString &owner = def->name.value;
        for (const Name &iface : def->interfaces) {
            const NamedType *t = m_schema.type(iface.value);
            if (!t)
                error(QStringLiteral("Unknown type \"%1\".").arg(iface.value) +
                          typeHint(iface.value, false),
                      {iface.span});
            else if (t->kind != TypeKind::Interface)
                error(QStringLiteral(
                          "Type %1 must only implement Interface types, it cannot implement %2.")
                          .arg(owner, iface.value),
                      {iface.span});
        }
        for (const Name &member : def->unionMembers) {
            const NamedType *t = m_schema.type(member.value);
            if (!t)
                error(QStringLiteral("Unknown type \"%1\".").arg(member.value) +
                          typeHint(member.value, false),
                      {member.span});
            else if (t->kind != TypeKind::Object)
                error(QStringLiteral(
                          "Union type %1 can only include Object types, it cannot include %2.")
                          .arg(owner, member.value),
                      {member.span});
        }
        for (const FieldDefinition &f : def->fields) {
            checkTypeRef(f.type, false, owner + QLatin1Char('.') + f.name.value);
            for (const InputValueDefinition &a : f.arguments)
                checkTypeRef(a.type, true,
                             QStringLiteral("%1.%2(%3:)").arg(owner, f.name.value, a.name.value));
        }
        for (const InputValueDefinition &a : def->inputFields) {
            checkTypeRef(a.type, true,
                         def->kind == Kind::Directive
                             ? QStringLiteral("@%1(%2:)").arg(owner, a.name.value)
                             : owner + QLatin1Char('.') + a.name.value);
        }
        for (const OperationTypeDefinition &op : def->operationTypes) {
            const NamedType *t = m_schema.type(op.type.value);
            if (!t)
                error(QStringLiteral("Unknown type \"%1\".").arg(op.type.value) +
                          typeHint(op.type.value, false),
                      {op.type.span});
        }
    }
    const char *rootWords[] = {"Query", "Mutation", "Subscription"};
    for (int i = 0; i < 3; ++i) {
        const QString &root = m_schema.m_roots[i];
        const NamedType *t = root.isEmpty() ? nullptr : m_schema.type(root);
        if (t && t->kind != TypeKind::Object)
            error(QStringLiteral("%1 root type must be Object type, it cannot be %2.")
                      .arg(QLatin1String(rootWords[i]), root),
                  {m_rootSpans[i].isEmpty() ? t->source.span : m_rootSpans[i]});
    }
    if (m_schema.m_roots[0].isEmpty())
        error(QStringLiteral("Query root type must be provided."), {});
    for (const NamedType &type : m_schema.m_types) {
        if (!type.source.known)
            continue;
        switch (type.kind) {
        case TypeKind::Object:
        case TypeKind::Interface:
            if (type.fields.empty())
                error(QStringLiteral("Type %1 must define one or more fields.").arg(type.name),
                      {type.source.span});
            checkImplementations(type);
            break;
        case TypeKind::Union:
            if (type.members.empty())
                error(QStringLiteral("Union type %1 must define one or more member types.")
                          .arg(type.name),
                      {type.source.span});
            break;
        case TypeKind::Enum:
            if (type.enumValues.empty())
                error(QStringLiteral("Enum type %1 must define one or more values.").arg(type.name),
                      {type.source.span});
            break;
        case TypeKind::InputObject:
            if (type.inputFields.empty())
                error(QStringLiteral("Input Object type %1 must define one or more fields.")
                          .arg(type.name),
                      {type.source.span});
            break;
        case TypeKind::Scalar:
            break;
        }
    }
}

Schema::Schema()
{
    // The prelude is parsed once per process; copying the built Schema is cheap next to that.
    static const Schema *prelude = [] {
        auto *schema = new Schema(nullptr);
        SchemaBuilder::loadPrelude(*schema, kPrelude, true);
        schema->m_typenameField.name = QStringLiteral("__typename");
        schema->m_typenameField.description =
            QStringLiteral("The name of the current Object type at runtime.");
        schema->m_typenameField.type =
            TypeExpr{QStringLiteral("String"), {TypeExpr::Wrapper::NonNull}};
        schema->m_schemaField.name = QStringLiteral("__schema");
        schema->m_schemaField.description =
            QStringLiteral("Access the current type schema of this server.");
        schema->m_schemaField.type =
            TypeExpr{QStringLiteral("__Schema"), {TypeExpr::Wrapper::NonNull}};
        schema->m_typeField.name = QStringLiteral("__type");
        schema->m_typeField.description =
            QStringLiteral("Request the type information of a single type.");
        schema->m_typeField.type = TypeExpr{QStringLiteral("__Type"), {}};
        InputValue name;
        name.name = QStringLiteral("name");
        name.type = TypeExpr{QStringLiteral("String"), {TypeExpr::Wrapper::NonNull}};
        schema->m_typeField.arguments.push_back(name);
        return schema;
    }();
    *this = *prelude;
}

Schema::Build Schema::fromDocument(const Document &document, Options options)
{
    Build result;
    if (options.appSync) {
        static const Schema *appSync = [] {
            auto *schema = new Schema();
            SchemaBuilder::loadPrelude(*schema, kAppSyncPrelude, false);
            return schema;
        }();
        result.schema = *appSync;
    }
    SchemaBuilder builder(result.schema, &document, false, false);
    builder.build(document.definitions);
    builder.check();
    result.errors = std::move(builder.errors);
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const Diagnostic &a, const Diagnostic &b) {
                         const int ao = a.offsets.empty() ? INT_MAX : a.offsets.front();
                         const int bo = b.offsets.empty() ? INT_MAX : b.offsets.front();
                         return ao < bo;
                     });
    return result;
}

Result<Schema> Schema::fromSdl(const QByteArray &sdl, Options options)
{
    auto document = Parser::parse(sdl);
    if (!document)
        return document.error();
    Build build = fromDocument(*document, options);
    if (!build.ok())
        return makeError(ErrorCode::InvalidArgument, build.errors.front().toString());
    return std::move(build.schema);
}

} // namespace Gatehouse::Core::GraphQL
