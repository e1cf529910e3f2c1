#pragma once

#include "ast.h"
#include "core/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <optional>
#include <vector>

namespace Gatehouse::Core::GraphQL {

// Where a schema element was written. It compares equal to any other, because the place a type
// was defined is not part of what the schema means: a schema loaded from SDL and the same one
// loaded from introspection are equal.
struct SourceRef
{
    Span span;
    bool known = false; // false for built-ins and introspection results
    friend bool operator==(const SourceRef &, const SourceRef &) { return true; }
};

// A schema-level problem or a validation error: "line:column: message", as graphql-js words it.
struct Diagnostic
{
    QString rule; // e.g. "FieldsOnCorrectType"; the builder uses "Schema"
    QString message;
    std::vector<SourcePosition> locations; // first is where an editor puts the marker
    std::vector<int> offsets;              // the same places as byte offsets into the source

    QString toString() const;
};

// A type as written where it is used: a named type under list / non-null wrappers.
struct TypeExpr
{
    enum class Wrapper
    {
        List,
        NonNull
    };

    QString name;
    std::vector<Wrapper> wrappers; // outermost first: "[String!]!" is NonNull, List, NonNull

    bool isNonNull() const { return !wrappers.empty() && wrappers.front() == Wrapper::NonNull; }
    bool isList() const { return !wrappers.empty() && wrappers.front() == Wrapper::List; }
    bool isNamed() const { return wrappers.empty(); }
    TypeExpr inner() const; // without the outermost wrapper
    QString toString() const;
    static TypeExpr fromAst(const TypeRef &ref);
    friend bool operator==(const TypeExpr &, const TypeExpr &) = default;
};

// A directive applied in SDL, its arguments as printed GraphQL literals. @deprecated and
// @specifiedBy are not kept here but in the members that introspection reports.
struct AppliedDirective
{
    QString name;
    std::vector<std::pair<QString, QString>> arguments;
    friend bool operator==(const AppliedDirective &, const AppliedDirective &) = default;
};

// An argument of a field or directive, or a field of an input object type.
struct InputValue
{
    QString name;
    QString description;
    TypeExpr type;
    std::optional<QString> defaultValue; // a GraphQL literal, as introspection reports it
    bool deprecated = false;
    QString deprecationReason;
    std::vector<AppliedDirective> directives;
    SourceRef source;
    friend bool operator==(const InputValue &, const InputValue &) = default;
};

struct FieldDef
{
    QString name;
    QString description;
    std::vector<InputValue> arguments;
    TypeExpr type;
    bool deprecated = false;
    QString deprecationReason;
    std::vector<AppliedDirective> directives;
    SourceRef source;

    const InputValue *argument(const QString &argName) const;
    friend bool operator==(const FieldDef &, const FieldDef &) = default;
};

struct EnumValue
{
    QString name;
    QString description;
    bool deprecated = false;
    QString deprecationReason;
    std::vector<AppliedDirective> directives;
    SourceRef source;
    friend bool operator==(const EnumValue &, const EnumValue &) = default;
};

enum class TypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject
};

struct NamedType
{
    TypeKind kind = TypeKind::Scalar;
    QString name;
    QString description;
    std::vector<FieldDef> fields;        // Object, Interface
    std::vector<QString> interfaces;     // Object, Interface
    std::vector<QString> members;        // Union
    std::vector<EnumValue> enumValues;   // Enum
    std::vector<InputValue> inputFields; // InputObject
    QString specifiedByUrl;              // Scalar
    std::vector<AppliedDirective> directives;
    bool builtIn = false; // standard scalars and introspection types: not printed as SDL
    SourceRef source;

    bool isComposite() const;
    bool isAbstract() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
    bool isLeaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
    bool isInput() const;
    bool isOutput() const { return kind != TypeKind::InputObject; }
    const FieldDef *field(const QString &fieldName) const;
    const InputValue *inputField(const QString &fieldName) const;
    const EnumValue *enumValue(const QString &valueName) const;
    friend bool operator==(const NamedType &, const NamedType &) = default;
};

struct DirectiveDef
{
    QString name;
    QString description;
    std::vector<InputValue> arguments;
    bool repeatable = false;
    std::vector<QString> locations; // "FIELD", "OBJECT", ... as the spec spells them
    bool builtIn = false;
    SourceRef source;

    const InputValue *argument(const QString &argName) const;
    bool allowsLocation(QLatin1String location) const;
    friend bool operator==(const DirectiveDef &, const DirectiveDef &) = default;
};

struct SchemaOptions
{
    // Predefine AppSync's AWS scalars and @aws_* directives, which AppSync schemas use without
    // declaring them.
    bool appSync = false;
};

// The type system a GraphQL document is checked and completed against: built from SDL (with
// the spec's schema-level checks an editor reports) or from an introspection result, and turned
// back into SDL or introspection JSON. Built-in scalars, @skip/@include/@deprecated/@specifiedBy
// and the introspection types (__Schema, __Type, ...) are always present, so that introspection
// queries validate like any other and the emulator can answer them from toIntrospectionJson().
class Schema
{
public:
    using Options = SchemaOptions;

    // The schema and every problem found; the schema holds whatever could be built, so that
    // an editor still completes against a schema with an error in it.
    struct Build;

    Schema();

    static Build fromDocument(const Document &document, Options options = {});
    // SDL text; a syntax error or the first schema error as InvalidArgument "line:column: ...".
    static Result<Schema> fromSdl(const QByteArray &sdl, Options options = {});
    // The result of introspectionQuery(): {"data": {"__schema": ...}}, {"__schema": ...}, with
    // or without a UTF-8 BOM. Errors say what was missing where ("types[3].fields[0]: ...").
    static Result<Schema> fromIntrospection(const QByteArray &json);

    // graphql-js 16's getIntrospectionQuery() with its default options (descriptions and
    // deprecated members; ofType seven levels deep), which AppSync and older servers answer;
    // fromIntrospection() also reads isRepeatable and specifiedByURL when a server sends them.
    static QString introspectionQuery();

    // SDL as graphql-js's printSchema() writes it (built-ins left out, a schema block only when
    // the root types are not named Query/Mutation/Subscription), plus applied directives other
    // than @deprecated/@specifiedBy, since AppSync's @aws_* directives carry meaning.
    QString toSdl() const;
    // {"__schema": {...}} with every member introspectionQuery() asks for, built-ins included.
    QByteArray toIntrospectionJson() const;

    const NamedType *type(const QString &name) const;
    const DirectiveDef *directive(const QString &name) const;
    const std::vector<NamedType> &types() const { return m_types; }
    const std::vector<DirectiveDef> &directives() const { return m_directives; }
    QString rootTypeName(OperationType operation) const;
    const NamedType *rootType(OperationType operation) const;

    // The object types an abstract type may resolve to (members of a union, implementations of
    // an interface), or the type itself for an object type.
    std::vector<const NamedType *> possibleTypes(const NamedType &type) const;
    bool isPossibleType(const NamedType &abstractType, const QString &objectName) const;
    // Whether a value of `sub` may be used where `super` is expected (variables in positions).
    bool isSubTypeOf(const TypeExpr &sub, const TypeExpr &super) const;
    // The field of `type` a selection names, including __typename everywhere and __schema and
    // __type on the query root.
    const FieldDef *fieldFor(const NamedType &type, const QString &fieldName) const;

    friend bool operator==(const Schema &a, const Schema &b);

private:
    friend class SchemaBuilder;
    friend class IntrospectionReader;
    explicit Schema(std::nullptr_t) {} // empty, for building the prelude itself
    void addType(NamedType type);
    void addDirective(DirectiveDef directive);
    void reindex();

    std::vector<NamedType> m_types;
    std::vector<DirectiveDef> m_directives;
    QHash<QString, int> m_typeIndex;
    QHash<QString, int> m_directiveIndex;
    QHash<QString, std::vector<QString>> m_implementations;
    QString m_roots[3];
    QString m_description;
    FieldDef m_typenameField, m_schemaField, m_typeField;
};

struct Schema::Build
{
    Schema schema;
    std::vector<Diagnostic> errors;
    bool ok() const { return errors.empty(); }
};

} // namespace Gatehouse::Core::GraphQL
