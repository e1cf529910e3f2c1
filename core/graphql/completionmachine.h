#pragma once

// Internal to CompletionEngine (completion.cpp): the state machine that reads the tokens before a
// cursor and says what may come there. Not a public API.

#include "lexer.h"
#include "schema.h"

#include <QByteArrayView>
#include <QLatin1String>
#include <optional>
#include <vector>

namespace Gatehouse::Core::GraphQL::CompletionDetail {

// What the next token may be, in the innermost open construct.
enum class Expect
{
    Definition,      // a keyword, "{" or a type-system definition
    OperationHeader, // after query/mutation/subscription: a name, "(", "@" or "{"
    FragmentName,
    FragmentOn,
    FragmentType,
    FragmentHeader, // after "fragment X on T": "@" or "{"
    Selection,      // a field, an alias, "..." or "}"
    AfterField,     // ":" (it was an alias), "(", "@", "{" or the next selection
    FieldAfterAlias,
    Spread,    // after "...": a fragment name, "on", "@" or "{"
    SpreadType, // after "... on"
    AfterSpread,
    DirectiveName,
    AfterDirective,
    ArgumentName, // in ( ) or an object value { }: a name or the closer
    ArgumentColon,
    Value,
    VariableName, // after "$" in a value
    VarDefStart,  // in ( ) of variable definitions: "$" or ")"
    VarDefName,
    VarDefColon,
    VarType,
    AfterVarType,
    Skip, // a type-system definition: followed only for its brackets
};

enum class FrameKind
{
    Document,
    Selection,
    Arguments,
    ObjectValue,
    ListValue,
    VariableDefinitions,
    ListType,
    Skip,
};

struct Frame
{
    FrameKind kind = FrameKind::Document;
    Expect expect = Expect::Definition;
    const NamedType *type = nullptr;         // Selection: the parent type; ObjectValue: the input type
    const FieldDef *field = nullptr;         // Arguments of a field
    const DirectiveDef *directive = nullptr; // Arguments of a directive
    std::optional<TypeExpr> valueType;       // the type a value here must have
    Expect afterValue = Expect::ArgumentName;
    Span name;                               // the pending field, argument or directive name
    const NamedType *spreadType = nullptr;   // an inline fragment's type condition
    bool inlineSpread = false;
    Expect afterDirective = Expect::Definition;
    QLatin1String location;                  // where a directive written here applies
    std::vector<QString> given;              // arguments / input fields already written
};

struct Variable
{
    QString name;
    std::optional<TypeExpr> type;
};

// After a directive's name, what comes next is what came before the directive.
inline Expect effectiveExpect(const Frame &frame)
{
    return frame.expect == Expect::AfterDirective ? frame.afterDirective : frame.expect;
}

inline bool isNameToken(const Token &token)
{
    return token.kind == TokenKind::Name;
}

class Machine
{
public:
    Machine(const Schema &schema, QByteArrayView source)
        : m_schema(schema)
        , m_source(source)
    {
        m_stack.push_back(Frame{});
    }

    void step(const Token &token);
    Frame &top() { return m_stack.back(); }
    const std::vector<Variable> &variables() const { return m_variables; }
    const QString &currentFragment() const { return m_fragment; }
    QString text(Span span) const
    {
        return QString::fromUtf8(m_source.data() + span.start, span.end - span.start);
    }
    bool isWord(const Token &token, QLatin1String word) const
    {
        return token.kind == TokenKind::Name && token.span.end - token.span.start == word.size()
            && QByteArrayView(m_source.data() + token.span.start, word.size()) == QByteArrayView(word.data(), word.size());
    }
    void finishVariable();
    bool startsDefinition(const Token &token) const
    {
        return token.kind == TokenKind::Name && atLineStart(token.span.start)
            && (isWord(token, QLatin1String("query")) || isWord(token, QLatin1String("mutation"))
                || isWord(token, QLatin1String("subscription")) || isWord(token, QLatin1String("fragment")));
    }

private:
    bool stepDirective(Frame &frame, const Token &token);
    void stepDocument(Frame &frame, const Token &token);
    void stepSelection(Frame &frame, const Token &token);
    void stepArguments(Frame &frame, const Token &token);
    void stepValue(Frame &frame, const Token &token);
    void stepVariableDefinitions(Frame &frame, const Token &token);
    bool closes(const Token &token);
    void push(Frame frame) { m_stack.push_back(std::move(frame)); }
    void startDirective(Frame &frame, QLatin1String location, Expect after)
    {
        frame.location = location;
        frame.afterDirective = after;
        frame.expect = Expect::DirectiveName;
    }
    void pushSelection(const NamedType *type)
    {
        Frame frame;
        frame.kind = FrameKind::Selection;
        frame.expect = Expect::Selection;
        frame.type = type;
        push(std::move(frame));
    }
    const NamedType *namedType(const TypeExpr &type) const { return m_schema.type(type.name); }
    bool atLineStart(int offset) const
    {
        return offset == 0 || m_source[offset - 1] == '\n' || m_source[offset - 1] == '\r';
    }
    void startDefinition()
    {
        m_stack.resize(1);
        m_stack.front() = Frame{};
        m_variables.clear();
        m_fragment.clear();
        m_typeText.clear();
    }

    const Schema &m_schema;
    QByteArrayView m_source;
    std::vector<Frame> m_stack;
    std::vector<Variable> m_variables;
    QString m_fragment;  // the fragment definition being read (not offered as its own spread)
    QString m_typeText;  // the variable type being read, as written
    OperationType m_operation = OperationType::Query;
};

// Runs the machine over every token that ends before `offset`; returns the index of the first
// token not consumed.
size_t runUntil(Machine &machine, const std::vector<Token> &tokens, int offset);

} // namespace Gatehouse::Core::GraphQL::CompletionDetail
