#include "completion.h"

#include "lexer.h"
#include "parser.h"

#include <QCoreApplication>
#include <algorithm>

namespace Gatehouse::Core::GraphQL {

namespace {

struct CompletionText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::GraphQL::CompletionEngine)
};

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
Expect effectiveExpect(const Frame &frame)
{
    return frame.expect == Expect::AfterDirective ? frame.afterDirective : frame.expect;
}

bool isNameToken(const Token &token)
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

void Machine::finishVariable()
{
    if (m_variables.empty() || m_variables.back().type || m_typeText.isEmpty())
        return;
    const auto ref = Parser::parseType(m_typeText.toUtf8());
    if (ref.ok())
        m_variables.back().type = TypeExpr::fromAst(*ref);
    m_typeText.clear();
}

// A closing bracket ends the innermost construct it closes, and any left open inside it, so
// that "{ a(b: }" still comes back to the selection set's parent.
bool Machine::closes(const Token &token)
{
    const bool brace = token.kind == TokenKind::BraceR;
    const bool paren = token.kind == TokenKind::ParenR;
    const bool bracket = token.kind == TokenKind::BracketR;
    if (!brace && !paren && !bracket)
        return false;
    auto matches = [&](FrameKind kind) {
        if (kind == FrameKind::Skip)
            return true;
        if (brace)
            return kind == FrameKind::Selection || kind == FrameKind::ObjectValue;
        if (paren)
            return kind == FrameKind::Arguments || kind == FrameKind::VariableDefinitions;
        return kind == FrameKind::ListValue || kind == FrameKind::ListType;
    };
    for (size_t i = m_stack.size(); i-- > 1;) {
        if (matches(m_stack[i].kind)) {
            const FrameKind kind = m_stack[i].kind;
            if (kind == FrameKind::ListType)
                m_typeText += QLatin1Char(']');
            if (kind == FrameKind::VariableDefinitions)
                finishVariable();
            m_stack.resize(i);
            // A type-system definition's body is over: what follows is a new definition.
            if (kind == FrameKind::Skip && m_stack.size() == 1)
                m_stack.front().expect = Expect::Definition;
            return true;
        }
    }
    return true; // a stray closer: ignored
}

void Machine::step(const Token &token)
{
    // A definition keyword at column 1 starts a new definition even when the one above was
    // left open, as the recovering parser reads it.
    if (m_stack.size() > 1 && startsDefinition(token))
        startDefinition();
    if (closes(token))
        return;
    Frame &frame = top();
    switch (frame.kind) {
    case FrameKind::Document:
        stepDocument(frame, token);
        break;
    case FrameKind::Selection:
        stepSelection(frame, token);
        break;
    case FrameKind::Arguments:
    case FrameKind::ObjectValue:
    case FrameKind::ListValue:
        stepArguments(frame, token);
        break;
    case FrameKind::VariableDefinitions:
    case FrameKind::ListType:
        stepVariableDefinitions(frame, token);
        break;
    case FrameKind::Skip:
        if (token.kind == TokenKind::BraceL || token.kind == TokenKind::ParenL || token.kind == TokenKind::BracketL) {
            Frame skip;
            skip.kind = FrameKind::Skip;
            skip.expect = Expect::Skip;
            push(std::move(skip));
        }
        break;
    }
}

void Machine::stepDocument(Frame &frame, const Token &token)
{
    // A directive's name, then its arguments, work alike wherever one is written.
    if (frame.expect == Expect::DirectiveName) {
        if (isNameToken(token)) {
            frame.directive = m_schema.directive(text(token.span));
            frame.expect = Expect::AfterDirective;
            return;
        }
        frame.expect = frame.afterDirective;
    } else if (frame.expect == Expect::AfterDirective) {
        frame.expect = frame.afterDirective;
        if (token.kind == TokenKind::ParenL) {
            Frame args;
            args.kind = FrameKind::Arguments;
            args.expect = Expect::ArgumentName;
            args.directive = frame.directive;
            push(std::move(args));
            return;
        }
    }
    auto operation = [&](OperationType type) {
        startDefinition();
        m_operation = type;
        top().expect = Expect::OperationHeader;
    };
    switch (frame.expect) {
    case Expect::Definition:
    case Expect::Skip:
        if (isWord(token, QLatin1String("query")))
            operation(OperationType::Query);
        else if (isWord(token, QLatin1String("mutation")))
            operation(OperationType::Mutation);
        else if (isWord(token, QLatin1String("subscription")))
            operation(OperationType::Subscription);
        else if (isWord(token, QLatin1String("fragment"))) {
            startDefinition();
            top().expect = Expect::FragmentName;
        } else if (token.kind == TokenKind::BraceL && frame.expect == Expect::Definition) {
            startDefinition();
            m_operation = OperationType::Query;
            pushSelection(m_schema.rootType(OperationType::Query));
        } else if (token.kind == TokenKind::BraceL || token.kind == TokenKind::ParenL || token.kind == TokenKind::BracketL) {
            Frame skip;
            skip.kind = FrameKind::Skip;
            skip.expect = Expect::Skip;
            push(std::move(skip));
        } else if (token.kind != TokenKind::BraceR) {
            frame.expect = Expect::Skip;
        }
        break;
    case Expect::OperationHeader:
        if (token.kind == TokenKind::ParenL) {
            Frame defs;
            defs.kind = FrameKind::VariableDefinitions;
            defs.expect = Expect::VarDefStart;
            push(std::move(defs));
        } else if (token.kind == TokenKind::At) {
            switch (m_operation) {
            case OperationType::Query:
                startDirective(frame, QLatin1String("QUERY"), Expect::OperationHeader);
                break;
            case OperationType::Mutation:
                startDirective(frame, QLatin1String("MUTATION"), Expect::OperationHeader);
                break;
            case OperationType::Subscription:
                startDirective(frame, QLatin1String("SUBSCRIPTION"), Expect::OperationHeader);
                break;
            }
        } else if (token.kind == TokenKind::BraceL) {
            frame.expect = Expect::Definition;
            pushSelection(m_schema.rootType(m_operation));
        }
        break;
    case Expect::FragmentName:
        if (isNameToken(token)) {
            m_fragment = text(token.span);
            frame.expect = Expect::FragmentOn;
        }
        break;
    case Expect::FragmentOn:
        if (isWord(token, QLatin1String("on")))
            frame.expect = Expect::FragmentType;
        break;
    case Expect::FragmentType:
        if (isNameToken(token)) {
            frame.spreadType = m_schema.type(text(token.span));
            frame.expect = Expect::FragmentHeader;
        }
        break;
    case Expect::FragmentHeader:
        if (token.kind == TokenKind::At) {
            startDirective(frame, QLatin1String("FRAGMENT_DEFINITION"), Expect::FragmentHeader);
        } else if (token.kind == TokenKind::BraceL) {
            frame.expect = Expect::Definition;
            pushSelection(frame.spreadType);
        }
        break;
    case Expect::Selection:
    case Expect::AfterField:
    case Expect::FieldAfterAlias:
    case Expect::Spread:
    case Expect::SpreadType:
    case Expect::AfterSpread:
    case Expect::DirectiveName:
    case Expect::AfterDirective:
    case Expect::ArgumentName:
    case Expect::ArgumentColon:
    case Expect::Value:
    case Expect::VariableName:
    case Expect::VarDefStart:
    case Expect::VarDefName:
    case Expect::VarDefColon:
    case Expect::VarType:
    case Expect::AfterVarType:
        break;
    }
}

void Machine::stepSelection(Frame &frame, const Token &token)
{
    if (frame.expect == Expect::DirectiveName) {
        if (isNameToken(token)) {
            frame.directive = m_schema.directive(text(token.span));
            frame.expect = Expect::AfterDirective;
            return;
        }
        frame.expect = frame.afterDirective;
    } else if (frame.expect == Expect::AfterDirective) {
        frame.expect = frame.afterDirective;
        if (token.kind == TokenKind::ParenL) {
            Frame args;
            args.kind = FrameKind::Arguments;
            args.expect = Expect::ArgumentName;
            args.directive = frame.directive;
            push(std::move(args));
            return;
        }
    }
    switch (frame.expect) {
    case Expect::AfterField:
        if (token.kind == TokenKind::Colon) {
            frame.expect = Expect::FieldAfterAlias;
            return;
        }
        if (token.kind == TokenKind::ParenL) {
            Frame args;
            args.kind = FrameKind::Arguments;
            args.expect = Expect::ArgumentName;
            args.field = frame.type ? m_schema.fieldFor(*frame.type, text(frame.name)) : nullptr;
            push(std::move(args));
            return;
        }
        if (token.kind == TokenKind::At) {
            startDirective(frame, QLatin1String("FIELD"), Expect::AfterField);
            return;
        }
        if (token.kind == TokenKind::BraceL) {
            const FieldDef *field = frame.type ? m_schema.fieldFor(*frame.type, text(frame.name)) : nullptr;
            frame.expect = Expect::Selection;
            pushSelection(field ? namedType(field->type) : nullptr);
            return;
        }
        frame.expect = Expect::Selection;
        break;
    case Expect::AfterSpread:
        if (token.kind == TokenKind::At) {
            startDirective(frame, frame.inlineSpread ? QLatin1String("INLINE_FRAGMENT") : QLatin1String("FRAGMENT_SPREAD"),
                           Expect::AfterSpread);
            return;
        }
        if (token.kind == TokenKind::BraceL && frame.inlineSpread) {
            frame.expect = Expect::Selection;
            pushSelection(frame.spreadType);
            return;
        }
        frame.expect = Expect::Selection;
        break;
    case Expect::Definition:
    case Expect::OperationHeader:
    case Expect::FragmentName:
    case Expect::FragmentOn:
    case Expect::FragmentType:
    case Expect::FragmentHeader:
    case Expect::Selection:
    case Expect::FieldAfterAlias:
    case Expect::Spread:
    case Expect::SpreadType:
    case Expect::DirectiveName:
    case Expect::AfterDirective:
    case Expect::ArgumentName:
    case Expect::ArgumentColon:
    case Expect::Value:
    case Expect::VariableName:
    case Expect::VarDefStart:
    case Expect::VarDefName:
    case Expect::VarDefColon:
    case Expect::VarType:
    case Expect::AfterVarType:
    case Expect::Skip:
        break;
    }
    switch (frame.expect) {
    case Expect::Selection:
        if (isNameToken(token)) {
            frame.name = token.span;
            frame.expect = Expect::AfterField;
        } else if (token.kind == TokenKind::Spread) {
            frame.expect = Expect::Spread;
        }
        break;
    case Expect::FieldAfterAlias:
        if (isNameToken(token)) {
            frame.name = token.span;
            frame.expect = Expect::AfterField;
        }
        break;
    case Expect::Spread:
        frame.spreadType = frame.type;
        frame.inlineSpread = true;
        if (isWord(token, QLatin1String("on"))) { // no fragment may be called "on"
            frame.expect = Expect::SpreadType;
        } else if (isNameToken(token)) {
            frame.inlineSpread = false;
            frame.expect = Expect::AfterSpread;
        } else if (token.kind == TokenKind::At) {
            startDirective(frame, QLatin1String("INLINE_FRAGMENT"), Expect::AfterSpread);
        } else if (token.kind == TokenKind::BraceL) {
            frame.expect = Expect::Selection;
            pushSelection(frame.type);
        }
        break;
    case Expect::SpreadType:
        if (isNameToken(token))
            frame.spreadType = m_schema.type(text(token.span));
        frame.expect = Expect::AfterSpread;
        break;
    case Expect::Definition:
    case Expect::OperationHeader:
    case Expect::FragmentName:
    case Expect::FragmentOn:
    case Expect::FragmentType:
    case Expect::FragmentHeader:
    case Expect::AfterField:
    case Expect::AfterSpread:
    case Expect::DirectiveName:
    case Expect::AfterDirective:
    case Expect::ArgumentName:
    case Expect::ArgumentColon:
    case Expect::Value:
    case Expect::VariableName:
    case Expect::VarDefStart:
    case Expect::VarDefName:
    case Expect::VarDefColon:
    case Expect::VarType:
    case Expect::AfterVarType:
    case Expect::Skip:
        break;
    }
}

void Machine::stepArguments(Frame &frame, const Token &token)
{
    switch (frame.expect) {
    case Expect::Value:
    case Expect::VariableName:
        stepValue(frame, token);
        return;
    case Expect::ArgumentName:
        if (isNameToken(token)) {
            frame.name = token.span;
            frame.given.push_back(text(token.span));
            frame.expect = Expect::ArgumentColon;
        }
        return;
    case Expect::ArgumentColon:
        if (token.kind == TokenKind::Colon) {
            const QString name = text(frame.name);
            const InputValue *arg = nullptr;
            if (frame.kind == FrameKind::ObjectValue)
                arg = frame.type ? frame.type->inputField(name) : nullptr;
            else if (frame.field)
                arg = frame.field->argument(name);
            else if (frame.directive)
                arg = frame.directive->argument(name);
            frame.valueType = arg ? std::optional<TypeExpr>(arg->type) : std::nullopt;
            frame.afterValue = Expect::ArgumentName;
            frame.expect = Expect::Value;
        } else if (isNameToken(token)) { // a missing colon: take it as the next argument
            frame.name = token.span;
            frame.given.push_back(text(token.span));
        }
        return;
    case Expect::Definition:
    case Expect::OperationHeader:
    case Expect::FragmentName:
    case Expect::FragmentOn:
    case Expect::FragmentType:
    case Expect::FragmentHeader:
    case Expect::Selection:
    case Expect::AfterField:
    case Expect::FieldAfterAlias:
    case Expect::Spread:
    case Expect::SpreadType:
    case Expect::AfterSpread:
    case Expect::DirectiveName:
    case Expect::AfterDirective:
    case Expect::VarDefStart:
    case Expect::VarDefName:
    case Expect::VarDefColon:
    case Expect::VarType:
    case Expect::AfterVarType:
    case Expect::Skip:
        return;
    }
}

void Machine::stepValue(Frame &frame, const Token &token)
{
    if (frame.expect == Expect::VariableName) {
        frame.expect = frame.afterValue;
        if (isNameToken(token))
            return;
    }
    if (token.kind == TokenKind::Dollar) {
        frame.expect = Expect::VariableName;
        return;
    }
    // What a nested list or object must hold: the value type without its outer non-null.
    std::optional<TypeExpr> type = frame.valueType;
    if (type && type->isNonNull())
        type = type->inner();
    switch (token.kind) {
    case TokenKind::BraceL: {
        frame.expect = frame.afterValue;
        Frame object;
        object.kind = FrameKind::ObjectValue;
        object.expect = Expect::ArgumentName;
        const NamedType *named = type && type->isNamed() ? namedType(*type) : nullptr;
        object.type = named && named->kind == TypeKind::InputObject ? named : nullptr;
        push(std::move(object));
        return;
    }
    case TokenKind::BracketL: {
        frame.expect = frame.afterValue;
        Frame list;
        list.kind = FrameKind::ListValue;
        list.expect = Expect::Value;
        list.afterValue = Expect::Value;
        // A single value may stand where a list is expected, so an item of a non-list keeps its type.
        list.valueType = type && type->isList() ? std::optional<TypeExpr>(type->inner()) : type;
        push(std::move(list));
        return;
    }
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::String:
    case TokenKind::BlockString:
        frame.expect = frame.afterValue;
        return;
    case TokenKind::EndOfFile:
    case TokenKind::Bang:
    case TokenKind::Dollar:
    case TokenKind::Amp:
    case TokenKind::ParenL:
    case TokenKind::ParenR:
    case TokenKind::Spread:
    case TokenKind::Colon:
    case TokenKind::Equals:
    case TokenKind::At:
    case TokenKind::BracketR:
    case TokenKind::Pipe:
    case TokenKind::BraceR:
    case TokenKind::Comment:
    case TokenKind::Invalid:
        return;
    }
}

void Machine::stepVariableDefinitions(Frame &frame, const Token &token)
{
    if (frame.expect == Expect::Value || frame.expect == Expect::VariableName) {
        stepValue(frame, token);
        return;
    }
    if (frame.expect == Expect::DirectiveName) {
        frame.expect = Expect::AfterDirective;
        frame.directive = isNameToken(token) ? m_schema.directive(text(token.span)) : nullptr;
        return;
    }
    if (frame.expect == Expect::AfterDirective) {
        frame.expect = Expect::AfterVarType;
        if (token.kind == TokenKind::ParenL) {
            Frame args;
            args.kind = FrameKind::Arguments;
            args.expect = Expect::ArgumentName;
            args.directive = frame.directive;
            push(std::move(args));
            return;
        }
    }
    const bool inList = frame.kind == FrameKind::ListType;
    switch (token.kind) {
    case TokenKind::Dollar:
        if (inList)
            return;
        finishVariable();
        frame.expect = Expect::VarDefName;
        return;
    case TokenKind::Name:
        if (frame.expect == Expect::VarDefName) {
            m_variables.push_back(Variable{text(token.span), std::nullopt});
            m_typeText.clear();
            frame.expect = Expect::VarDefColon;
        } else if (frame.expect == Expect::VarType) {
            m_typeText += text(token.span);
            frame.expect = Expect::AfterVarType;
        }
        return;
    case TokenKind::Colon:
        if (frame.expect == Expect::VarDefColon)
            frame.expect = Expect::VarType;
        return;
    case TokenKind::BracketL:
        if (frame.expect == Expect::VarType) {
            m_typeText += QLatin1Char('[');
            frame.expect = Expect::AfterVarType;
            Frame list;
            list.kind = FrameKind::ListType;
            list.expect = Expect::VarType;
            push(std::move(list));
        }
        return;
    case TokenKind::Bang:
        m_typeText += QLatin1Char('!');
        return;
    case TokenKind::Equals:
        if (inList)
            return;
        finishVariable();
        frame.valueType = m_variables.empty() ? std::nullopt : m_variables.back().type;
        frame.afterValue = Expect::AfterVarType;
        frame.expect = Expect::Value;
        return;
    case TokenKind::At:
        if (inList)
            return;
        finishVariable();
        startDirective(frame, QLatin1String("VARIABLE_DEFINITION"), Expect::AfterVarType);
        return;
    case TokenKind::EndOfFile:
    case TokenKind::Amp:
    case TokenKind::ParenL:
    case TokenKind::ParenR:
    case TokenKind::Spread:
    case TokenKind::BracketR:
    case TokenKind::BraceL:
    case TokenKind::Pipe:
    case TokenKind::BraceR:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::String:
    case TokenKind::BlockString:
    case TokenKind::Comment:
    case TokenKind::Invalid:
        return;
    }
}

// ---- items -------------------------------------------------------------------------------------

CompletionItem fieldItem(const FieldDef &field)
{
    CompletionItem item;
    item.label = field.name;
    item.kind = CompletionItem::Kind::Field;
    item.detail = field.type.toString();
    item.documentation = field.description;
    item.deprecated = field.deprecated;
    item.deprecationReason = field.deprecationReason;
    item.insertText = field.name;
    return item;
}

CompletionItem inputItem(const InputValue &value, CompletionItem::Kind kind)
{
    CompletionItem item;
    item.label = value.name;
    item.kind = kind;
    item.detail = value.type.toString();
    if (value.defaultValue)
        item.detail += QStringLiteral(" = ") + *value.defaultValue;
    item.documentation = value.description;
    item.deprecated = value.deprecated;
    item.deprecationReason = value.deprecationReason;
    item.insertText = value.name + QStringLiteral(": ");
    return item;
}

CompletionItem simpleItem(QString label, CompletionItem::Kind kind, QString detail, QString documentation = {})
{
    CompletionItem item;
    item.insertText = label;
    item.label = std::move(label);
    item.kind = kind;
    item.detail = std::move(detail);
    item.documentation = std::move(documentation);
    return item;
}

QString typeKindWord(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar:
        return QStringLiteral("scalar");
    case TypeKind::Object:
        return QStringLiteral("type");
    case TypeKind::Interface:
        return QStringLiteral("interface");
    case TypeKind::Union:
        return QStringLiteral("union");
    case TypeKind::Enum:
        return QStringLiteral("enum");
    case TypeKind::InputObject:
        return QStringLiteral("input");
    }
    return {};
}

CompletionItem typeItem(const NamedType &type)
{
    return simpleItem(type.name, CompletionItem::Kind::Type, typeKindWord(type.kind), type.description);
}

// Whether a fragment on `condition` can apply inside a selection on `parent`: their possible
// object types overlap.
bool overlaps(const Schema &schema, const NamedType &parent, const NamedType &condition)
{
    if (parent.name == condition.name)
        return true;
    const auto parents = schema.possibleTypes(parent);
    for (const NamedType *candidate : schema.possibleTypes(condition)) {
        if (std::find(parents.begin(), parents.end(), candidate) != parents.end())
            return true;
    }
    return false;
}

struct FragmentInfo
{
    QString name;
    QString typeCondition;
};

// Every "fragment X on T" in the document, wherever it is, so a spread above its fragment is
// completed too.
std::vector<FragmentInfo> fragmentsOf(const Machine &machine, const std::vector<Token> &tokens)
{
    std::vector<FragmentInfo> fragments;
    for (size_t i = 0; i + 3 < tokens.size(); ++i) {
        if (machine.isWord(tokens[i], QLatin1String("fragment")) && isNameToken(tokens[i + 1])
            && machine.isWord(tokens[i + 2], QLatin1String("on")) && isNameToken(tokens[i + 3])) {
            fragments.push_back({machine.text(tokens[i + 1].span), machine.text(tokens[i + 3].span)});
            i += 3;
        }
    }
    return fragments;
}

class ItemCollector
{
public:
    ItemCollector(const Schema &schema, Machine &machine, const std::vector<Token> &tokens)
        : m_schema(schema)
        , m_machine(machine)
        , m_tokens(tokens)
    {}

    std::vector<CompletionItem> collect();

private:
    void fields(const NamedType *type);
    void values(const std::optional<TypeExpr> &type, bool withDollar);
    void variables(const std::optional<TypeExpr> &type);
    void directives(QLatin1String location);
    void compositeTypes(const NamedType *parent);
    void fragments(const NamedType *parent);
    void keyword(QLatin1String word, QString detail)
    {
        m_items.push_back(simpleItem(QString(word), CompletionItem::Kind::Keyword, std::move(detail)));
    }

    const Schema &m_schema;
    Machine &m_machine;
    const std::vector<Token> &m_tokens;
    std::vector<CompletionItem> m_items;
};

std::vector<CompletionItem> ItemCollector::collect()
{
    Frame &frame = m_machine.top();
    switch (effectiveExpect(frame)) {
    case Expect::Definition:
        if (frame.kind == FrameKind::Document) {
            keyword(QLatin1String("query"), CompletionText::tr("operation: read data"));
            keyword(QLatin1String("mutation"), CompletionText::tr("operation: change data"));
            keyword(QLatin1String("subscription"), CompletionText::tr("operation: receive events"));
            keyword(QLatin1String("fragment"), CompletionText::tr("reusable selection set"));
        }
        break;
    case Expect::Skip:
        break;
    case Expect::Selection:
    case Expect::AfterField:
    case Expect::FieldAfterAlias:
    case Expect::AfterSpread:
        fields(frame.type);
        break;
    case Expect::Spread:
        keyword(QLatin1String("on"), CompletionText::tr("inline fragment on a type"));
        fragments(frame.type);
        break;
    case Expect::SpreadType:
        compositeTypes(frame.type);
        break;
    case Expect::FragmentType:
        compositeTypes(nullptr);
        break;
    case Expect::FragmentOn:
        keyword(QLatin1String("on"), CompletionText::tr("the type this fragment applies to"));
        break;
    case Expect::DirectiveName:
        directives(frame.location);
        break;
    case Expect::ArgumentName: {
        if (frame.kind == FrameKind::ListValue)
            break;
        const std::vector<InputValue> *candidates = nullptr;
        if (frame.kind == FrameKind::ObjectValue)
            candidates = frame.type ? &frame.type->inputFields : nullptr;
        else if (frame.field)
            candidates = &frame.field->arguments;
        else if (frame.directive)
            candidates = &frame.directive->arguments;
        if (!candidates)
            break;
        const auto kind = frame.kind == FrameKind::ObjectValue ? CompletionItem::Kind::InputField
                                                               : CompletionItem::Kind::Argument;
        for (const InputValue &value : *candidates) {
            if (std::find(frame.given.begin(), frame.given.end(), value.name) == frame.given.end())
                m_items.push_back(inputItem(value, kind));
        }
        break;
    }
    case Expect::Value:
        values(frame.valueType, true);
        break;
    case Expect::VariableName:
        variables(frame.valueType);
        break;
    case Expect::VarType:
        for (const NamedType &type : m_schema.types()) {
            if (type.isInput() && !type.name.startsWith(QLatin1String("__")))
                m_items.push_back(typeItem(type));
        }
        break;
    case Expect::OperationHeader:
    case Expect::FragmentName:
    case Expect::FragmentHeader:
    case Expect::AfterDirective:
    case Expect::ArgumentColon:
    case Expect::VarDefStart:
    case Expect::VarDefName:
    case Expect::VarDefColon:
    case Expect::AfterVarType:
        break;
    }
    return std::move(m_items);
}

void ItemCollector::fields(const NamedType *type)
{
    if (!type)
        return;
    if (type->kind == TypeKind::Object || type->kind == TypeKind::Interface) {
        for (const FieldDef &field : type->fields)
            m_items.push_back(fieldItem(field));
    }
    for (const char *meta : {"__typename", "__schema", "__type"}) {
        if (const FieldDef *field = m_schema.fieldFor(*type, QLatin1String(meta)))
            m_items.push_back(fieldItem(*field));
    }
}

void ItemCollector::values(const std::optional<TypeExpr> &type, bool withDollar)
{
    if (type) {
        const TypeExpr named = [&] {
            TypeExpr t = *type;
            while (!t.isNamed())
                t = t.inner();
            return t;
        }();
        if (const NamedType *target = m_schema.type(named.name)) {
            if (target->kind == TypeKind::Enum) {
                for (const EnumValue &value : target->enumValues) {
                    CompletionItem item = simpleItem(value.name, CompletionItem::Kind::EnumValue,
                                                     target->name, value.description);
                    item.deprecated = value.deprecated;
                    item.deprecationReason = value.deprecationReason;
                    m_items.push_back(std::move(item));
                }
            } else if (target->name == QLatin1String("Boolean")) {
                m_items.push_back(simpleItem(QStringLiteral("true"), CompletionItem::Kind::Value, target->name));
                m_items.push_back(simpleItem(QStringLiteral("false"), CompletionItem::Kind::Value, target->name));
            }
        }
        if (!type->isNonNull())
            m_items.push_back(simpleItem(QStringLiteral("null"), CompletionItem::Kind::Value, type->toString()));
    }
    if (withDollar)
        variables(type);
}

void ItemCollector::variables(const std::optional<TypeExpr> &type)
{
    for (const Variable &variable : m_machine.variables()) {
        if (type && variable.type) {
            // A nullable variable may still fill a non-null place when it has a default; the
            // validator says so if not, completion should not hide it.
            const TypeExpr wanted = type->isNonNull() ? type->inner() : *type;
            if (!m_schema.isSubTypeOf(*variable.type, *type) && !m_schema.isSubTypeOf(*variable.type, wanted))
                continue;
        }
        const QString label = QLatin1Char('$') + variable.name;
        m_items.push_back(simpleItem(label, CompletionItem::Kind::Variable,
                                     variable.type ? variable.type->toString() : QString()));
    }
}

void ItemCollector::directives(QLatin1String location)
{
    for (const DirectiveDef &directive : m_schema.directives()) {
        if (location.isEmpty() || directive.allowsLocation(location)) {
            CompletionItem item = simpleItem(directive.name, CompletionItem::Kind::Directive,
                                             QLatin1Char('@') + directive.name, directive.description);
            m_items.push_back(std::move(item));
        }
    }
}

void ItemCollector::compositeTypes(const NamedType *parent)
{
    for (const NamedType &type : m_schema.types()) {
        if (!type.isComposite() || type.name.startsWith(QLatin1String("__")))
            continue;
        if (parent && !overlaps(m_schema, *parent, type))
            continue;
        m_items.push_back(typeItem(type));
    }
}

void ItemCollector::fragments(const NamedType *parent)
{
    for (const FragmentInfo &fragment : fragmentsOf(m_machine, m_tokens)) {
        if (fragment.name == m_machine.currentFragment())
            continue;
        const NamedType *condition = m_schema.type(fragment.typeCondition);
        if (parent && condition && !overlaps(m_schema, *parent, *condition))
            continue;
        m_items.push_back(simpleItem(fragment.name, CompletionItem::Kind::Fragment,
                                     QStringLiteral("on ") + fragment.typeCondition));
    }
}

// Narrows to the items that start with the prefix (case-insensitive), then those containing it;
// within each group the schema's order stays, which is how the schema's author grouped them.
void narrow(std::vector<CompletionItem> &items, const QString &prefix)
{
    if (prefix.isEmpty())
        return;
    std::vector<CompletionItem> starts, contains;
    for (CompletionItem &item : items) {
        const QStringView label = item.kind == CompletionItem::Kind::Variable ? QStringView(item.label).mid(1)
                                                                                 : QStringView(item.label);
        if (label.startsWith(prefix, Qt::CaseInsensitive))
            starts.push_back(std::move(item));
        else if (label.contains(prefix, Qt::CaseInsensitive))
            contains.push_back(std::move(item));
    }
    std::move(contains.begin(), contains.end(), std::back_inserter(starts));
    items = std::move(starts);
}

// Runs the machine over every token that ends before `offset`; returns the index of the first
// token not consumed.
size_t runUntil(Machine &machine, const std::vector<Token> &tokens, int offset)
{
    // A definition keyword at column 1 resets the machine, so the walk can start at the last
    // one before the cursor: the cost follows the definition being edited, not the document.
    size_t i = 0;
    for (size_t j = 0; j < tokens.size() && tokens[j].span.end < offset; ++j) {
        if (machine.startsDefinition(tokens[j]))
            i = j;
    }
    for (; i < tokens.size(); ++i) {
        const Token &token = tokens[i];
        if (token.kind == TokenKind::EndOfFile || token.span.end > offset
            || (token.span.end == offset && (token.kind == TokenKind::Name || token.kind == TokenKind::Int
                                              || token.kind == TokenKind::Float)))
            break;
        if (token.kind == TokenKind::Comment || token.kind == TokenKind::Invalid)
            continue;
        machine.step(token);
    }
    return i;
}

QString typeTitle(const NamedType &type)
{
    return typeKindWord(type.kind) + QLatin1Char(' ') + type.name;
}

} // namespace

CompletionResult CompletionEngine::complete(const Schema &schema, QByteArrayView document, int cursor)
{
    CompletionResult result;
    cursor = std::clamp(cursor, 0, int(document.size()));
    result.replace = Span{cursor, cursor};
    const std::vector<Token> tokens = Lexer::tokenize(document);
    Machine machine(schema, document);
    const size_t at = runUntil(machine, tokens, cursor);
    if (at < tokens.size()) {
        const Token &token = tokens[at];
        if (token.span.start < cursor && token.span.end >= cursor) {
            // Inside a comment, a string or something that does not lex: nothing to offer.
            if (token.kind != TokenKind::Name)
                return result;
            result.replace = token.span;
            result.prefix = machine.text(Span{token.span.start, cursor});
        }
    }
    const bool afterDollar = machine.top().expect == Expect::VariableName;
    ItemCollector collector(schema, machine, tokens);
    result.items = collector.collect();
    if (afterDollar && at > 0) {
        // "$" is its own token: the chosen "$name" replaces it too.
        for (size_t i = at; i-- > 0;) {
            if (tokens[i].kind == TokenKind::Dollar) {
                result.replace.start = tokens[i].span.start;
                break;
            }
            if (tokens[i].kind != TokenKind::Comment)
                break;
        }
        if (result.replace.end < cursor)
            result.replace.end = cursor;
    }
    narrow(result.items, result.prefix);
    return result;
}

std::optional<HoverInfo> CompletionEngine::hover(const Schema &schema, QByteArrayView document, int offset)
{
    const std::vector<Token> tokens = Lexer::tokenize(document);
    size_t index = tokens.size();
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind == TokenKind::Name && tokens[i].span.start <= offset && offset <= tokens[i].span.end) {
            index = i;
            break;
        }
        if (tokens[i].span.start > offset)
            break;
    }
    if (index == tokens.size())
        return std::nullopt;
    const Token &token = tokens[index];
    Machine machine(schema, document);
    runUntil(machine, tokens, token.span.start);
    const QString name = machine.text(token.span);
    Frame &frame = machine.top();
    const Token *next = nullptr;
    for (size_t i = index + 1; i < tokens.size() && !next; ++i) {
        if (tokens[i].kind != TokenKind::Comment)
            next = &tokens[i];
    }
    HoverInfo info;
    info.span = token.span;

    auto fromField = [&](const NamedType &parent, const FieldDef &field) {
        info.title = parent.name + QLatin1Char('.') + field.name + QStringLiteral(": ") + field.type.toString();
        info.documentation = field.description;
        info.deprecated = field.deprecated;
        info.deprecationReason = field.deprecationReason;
    };
    auto fromInput = [&](const QString &owner, const InputValue &value) {
        info.title = owner + QLatin1Char('(') + value.name + QStringLiteral(": ") + value.type.toString() + QLatin1Char(')');
        info.documentation = value.description;
        info.deprecated = value.deprecated;
        info.deprecationReason = value.deprecationReason;
    };
    auto fromType = [&](const NamedType *type) {
        if (!type)
            return false;
        info.title = typeTitle(*type);
        info.documentation = type->description;
        return true;
    };

    const Expect expect = effectiveExpect(frame);
    switch (expect) {
    case Expect::Selection:
    case Expect::AfterField:
    case Expect::FieldAfterAlias:
    case Expect::AfterSpread: {
        if (expect != Expect::FieldAfterAlias && next && next->kind == TokenKind::Colon)
            return std::nullopt; // an alias names nothing in the schema
        const FieldDef *field = frame.type ? schema.fieldFor(*frame.type, name) : nullptr;
        if (!field)
            return std::nullopt;
        fromField(*frame.type, *field);
        return info;
    }
    case Expect::ArgumentName:
    case Expect::ArgumentColon: {
        if (frame.kind == FrameKind::ObjectValue) {
            const InputValue *value = frame.type ? frame.type->inputField(name) : nullptr;
            if (!value)
                return std::nullopt;
            fromInput(frame.type->name, *value);
            info.title = frame.type->name + QLatin1Char('.') + value->name + QStringLiteral(": ") + value->type.toString();
            return info;
        }
        const InputValue *value = frame.field ? frame.field->argument(name)
                                  : frame.directive ? frame.directive->argument(name) : nullptr;
        if (!value)
            return std::nullopt;
        fromInput(frame.field ? frame.field->name : QLatin1Char('@') + frame.directive->name, *value);
        return info;
    }
    case Expect::Value: {
        if (!frame.valueType)
            return std::nullopt;
        TypeExpr named = *frame.valueType;
        while (!named.isNamed())
            named = named.inner();
        const NamedType *type = schema.type(named.name);
        const EnumValue *value = type ? type->enumValue(name) : nullptr;
        if (!value)
            return std::nullopt;
        info.title = type->name + QLatin1Char('.') + value->name;
        info.documentation = value->description;
        info.deprecated = value->deprecated;
        info.deprecationReason = value->deprecationReason;
        return info;
    }
    case Expect::SpreadType:
    case Expect::FragmentType:
    case Expect::VarType:
        if (fromType(schema.type(name)))
            return info;
        return std::nullopt;
    case Expect::DirectiveName: {
        const DirectiveDef *directive = schema.directive(name);
        if (!directive)
            return std::nullopt;
        info.title = QLatin1Char('@') + directive->name;
        info.documentation = directive->description;
        return info;
    }
    case Expect::Spread: {
        for (const FragmentInfo &fragment : fragmentsOf(machine, tokens)) {
            if (fragment.name == name) {
                info.title = QStringLiteral("fragment %1 on %2").arg(fragment.name, fragment.typeCondition);
                if (const NamedType *type = schema.type(fragment.typeCondition))
                    info.documentation = type->description;
                return info;
            }
        }
        return std::nullopt;
    }
    case Expect::Definition:
    case Expect::OperationHeader:
    case Expect::FragmentName:
    case Expect::FragmentOn:
    case Expect::FragmentHeader:
    case Expect::AfterDirective:
    case Expect::VariableName:
    case Expect::VarDefStart:
    case Expect::VarDefName:
    case Expect::VarDefColon:
    case Expect::AfterVarType:
    case Expect::Skip:
        break;
    }
    return std::nullopt;
}

QChar CompletionEngine::kindLetter(CompletionItem::Kind kind)
{
    switch (kind) {
    case CompletionItem::Kind::Field:
        return QLatin1Char('F');
    case CompletionItem::Kind::Argument:
        return QLatin1Char('A');
    case CompletionItem::Kind::InputField:
        return QLatin1Char('I');
    case CompletionItem::Kind::EnumValue:
        return QLatin1Char('E');
    case CompletionItem::Kind::Value:
        return QLatin1Char('V');
    case CompletionItem::Kind::Variable:
        return QLatin1Char('$');
    case CompletionItem::Kind::Fragment:
        return QLatin1Char('R');
    case CompletionItem::Kind::Type:
        return QLatin1Char('T');
    case CompletionItem::Kind::Directive:
        return QLatin1Char('@');
    case CompletionItem::Kind::Keyword:
        return QLatin1Char('K');
    }
    return QLatin1Char('?');
}

} // namespace Gatehouse::Core::GraphQL
