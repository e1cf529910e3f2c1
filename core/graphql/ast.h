#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

// The GraphQL abstract syntax tree (October 2021 spec), shared by the parser, the printer and
// everything after them (schema model, validation, completion, executor, editor).
//
// Every node carries its Span: byte offsets into Document::source (UTF-8), which is what an
// editor maps a cursor to and what costs nothing to record. Line and column are derived on
// demand from the document's line table (Document::position), since most nodes are never
// asked for them. The tree is plain values (vectors, optionals), copyable and cheap to walk;
// kind-specific members of the few "wide" nodes are documented where they are used.
namespace Gatehouse::Core::GraphQL {

// Half-open byte range [start, end) in Document::source.
struct Span
{
    int start = 0;
    int end = 0;

    bool isEmpty() const { return end <= start; }
    bool contains(int offset) const { return offset >= start && offset <= end; }
    friend bool operator==(const Span &, const Span &) = default;
};

// 1-based line and column; the column counts UTF-16 code units, as graphql-js and QTextCursor do.
struct SourcePosition
{
    int line = 1;
    int column = 1;
    friend bool operator==(const SourcePosition &, const SourcePosition &) = default;
};

// A deep-copying owner for the one place the tree recurses through a single child (types).
template<typename T> class Box
{
public:
    Box() = default;
    Box(T value)
        : m_ptr(std::make_unique<T>(std::move(value)))
    {}
    Box(const Box &other)
        : m_ptr(other.m_ptr ? std::make_unique<T>(*other.m_ptr) : nullptr)
    {}
    Box(Box &&) noexcept = default;
    Box &operator=(const Box &other)
    {
        if (this != &other)
            m_ptr = other.m_ptr ? std::make_unique<T>(*other.m_ptr) : nullptr;
        return *this;
    }
    Box &operator=(Box &&) noexcept = default;

    explicit operator bool() const { return m_ptr != nullptr; }
    const T &operator*() const { return *m_ptr; }
    const T *operator->() const { return m_ptr.get(); }
    T *get() { return m_ptr.get(); }

private:
    std::unique_ptr<T> m_ptr;
};

struct Name
{
    QString value;
    Span span;
};

enum class OperationType
{
    Query,
    Mutation,
    Subscription
};

struct ObjectField;

// A literal or variable as written. `text` holds: the variable's name without '$' (Variable),
// the literal as written (Int, Float, Enum), the decoded string (String; `block` says whether it
// was a """block string"""), "true"/"false" (Boolean), nothing (Null). Lists and objects keep
// their items.
struct Value
{
    enum class Kind
    {
        Variable,
        Int,
        Float,
        String,
        Boolean,
        Null,
        Enum,
        List,
        Object
    };

    Kind kind = Kind::Null;
    Span span;
    QString text;
    bool block = false;
    std::vector<Value> list;
    std::vector<ObjectField> fields;

    bool booleanValue() const { return text == QLatin1String("true"); }
};

struct ObjectField
{
    Name name;
    Value value;
    Span span;
};

// A type reference: Named (name), List of `ofType`, or NonNull of `ofType`.
struct TypeRef
{
    enum class Kind
    {
        Named,
        List,
        NonNull
    };

    Kind kind = Kind::Named;
    Span span;
    Name name;
    Box<TypeRef> ofType;

    // The named type at the bottom of any list/non-null wrapping.
    const Name &namedType() const { return kind == Kind::Named ? name : ofType->namedType(); }
};

struct Argument
{
    Name name;
    Value value;
    Span span;
};

struct Directive
{
    Name name;
    std::vector<Argument> arguments;
    Span span;
};

struct Selection;

struct SelectionSet
{
    std::vector<Selection> selections;
    Span span; // empty when the node has no selection set
};

// Field (alias?, name, arguments, directives, selectionSet), FragmentSpread (name, directives)
// or InlineFragment (typeCondition?, directives, selectionSet).
struct Selection
{
    enum class Kind
    {
        Field,
        FragmentSpread,
        InlineFragment
    };

    Kind kind = Kind::Field;
    Span span;
    std::optional<Name> alias;
    Name name;
    std::vector<Argument> arguments;
    std::vector<Directive> directives;
    std::optional<Name> typeCondition;
    SelectionSet selectionSet;

    // The key the field answers under: the alias when there is one.
    const Name &responseName() const { return alias ? *alias : name; }
};

struct VariableDefinition
{
    Name name;         // without '$'
    Span variableSpan; // "$name"
    TypeRef type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
    Span span;
};

struct OperationDefinition
{
    OperationType operation = OperationType::Query;
    bool shorthand = false; // written as a bare selection set "{ ... }"
    std::optional<Name> name;
    std::vector<VariableDefinition> variableDefinitions;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
    Span span;
};

struct FragmentDefinition
{
    Name name;
    Name typeCondition;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
    Span span;
};

// An argument of a field or directive, or a field of an input object type.
struct InputValueDefinition
{
    std::optional<Value> description;
    Name name;
    TypeRef type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
    Span span;
};

struct FieldDefinition
{
    std::optional<Value> description;
    Name name;
    std::vector<InputValueDefinition> arguments;
    TypeRef type;
    std::vector<Directive> directives;
    Span span;
};

struct EnumValueDefinition
{
    std::optional<Value> description;
    Name name;
    std::vector<Directive> directives;
    Span span;
};

struct OperationTypeDefinition
{
    OperationType operation = OperationType::Query;
    Name type;
    Span span;
};

// Every type-system definition and extension, one node so that a schema builder or an editor
// outline walks them alike. Which members a kind uses:
//   Schema      directives, operationTypes               (no name)
//   Scalar      name, directives
//   Object      name, interfaces, directives, fields
//   Interface   name, interfaces, directives, fields
//   Union       name, directives, unionMembers
//   Enum        name, directives, enumValues
//   InputObject name, directives, inputFields
//   Directive   name, inputFields (its arguments), repeatable, locations (never an extension)
// `description` is absent on extensions; `extension` marks "extend ...".
struct TypeSystemDefinition
{
    enum class Kind
    {
        Schema,
        Scalar,
        Object,
        Interface,
        Union,
        Enum,
        InputObject,
        Directive
    };

    Kind kind = Kind::Scalar;
    bool extension = false;
    std::optional<Value> description;
    Name name;
    std::vector<Name> interfaces;
    std::vector<Directive> directives;
    std::vector<FieldDefinition> fields;
    std::vector<InputValueDefinition> inputFields;
    std::vector<Name> unionMembers;
    std::vector<EnumValueDefinition> enumValues;
    std::vector<OperationTypeDefinition> operationTypes;
    bool repeatable = false;
    std::vector<Name> locations;
    Span span;
};

using Definition = std::variant<OperationDefinition, FragmentDefinition, TypeSystemDefinition>;

Span definitionSpan(const Definition &definition);

// A parsed GraphQL document: the source it was parsed from (spans index into it), its
// definitions, and the line table that turns offsets into line:column.
class Document
{
public:
    QByteArray source;
    std::vector<Definition> definitions;
    Span span; // first to last definition

    // Line and column of a byte offset (clamped into the source).
    SourcePosition position(int offset) const;
    // The text of a span, e.g. a node's source for hover or quick fixes.
    QString text(Span span) const;

    // Called by the parser once `source` is set.
    void indexLines();

private:
    std::vector<int> m_lineStarts;
};

QString operationTypeName(OperationType type);

} // namespace Gatehouse::Core::GraphQL
