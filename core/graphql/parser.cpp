#include "parser.h"

#include "lexer.h"

#include <QCoreApplication>
#include <array>
#include <cctype>

namespace Gatehouse::Core::GraphQL {

namespace {

struct ParserText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::GraphQL::Parser)
};

// Thrown inside this file only, caught at each definition: unwinding is the simplest way out of
// a recursive descent, and nodes are built in place so what was read before the error stays.
struct Failure
{
    QString message;
    int offset = 0;
};

constexpr std::array<const char *, 19> directiveLocations = {"QUERY",
                                                             "MUTATION",
                                                             "SUBSCRIPTION",
                                                             "FIELD",
                                                             "FRAGMENT_DEFINITION",
                                                             "FRAGMENT_SPREAD",
                                                             "INLINE_FRAGMENT",
                                                             "VARIABLE_DEFINITION",
                                                             "SCHEMA",
                                                             "SCALAR",
                                                             "OBJECT",
                                                             "FIELD_DEFINITION",
                                                             "ARGUMENT_DEFINITION",
                                                             "INTERFACE",
                                                             "UNION",
                                                             "ENUM",
                                                             "ENUM_VALUE",
                                                             "INPUT_OBJECT",
                                                             "INPUT_FIELD_DEFINITION"};

class ParserImpl
{
public:
    // `source` may stop short of the document (recovery re-reads one definition up to where
    // the next one starts); `fullSize` is the document's, to word that end.
    ParserImpl(QByteArrayView source, int fullSize)
        : m_data(source.data())
        , m_size(int(source.size()))
        , m_fullSize(fullSize)
        , m_lexer(source)
    {}

    void parseDocument(ParseResult &result, bool recover);
    Value parseSingleValue(bool allowVariables);
    TypeRef parseSingleType();

private:
    // Tokens
    void advance();
    void start() { advance(); }
    bool peek(TokenKind kind) const { return m_token.kind == kind; }
    bool peekKeyword(QByteArrayView keyword) const
    {
        return m_token.kind == TokenKind::Name && tokenText() == keyword;
    }
    bool skip(TokenKind kind);
    Token expect(TokenKind kind);
    void expectKeyword(QByteArrayView keyword);
    void expectEnd();
    QByteArrayView tokenText() const
    {
        return QByteArrayView(m_data + m_token.span.start, m_token.span.end - m_token.span.start);
    }
    QString describe(const Token &token) const;
    [[noreturn]] void unexpected(const Token &token) const;
    [[noreturn]] void fail(int offset, QString message) const
    {
        throw Failure{std::move(message), offset};
    }

    // Definitions
    void parseDefinition(std::vector<Definition> &definitions);
    void parseOperation(OperationDefinition &op);
    void parseFragment(FragmentDefinition &fragment);
    void parseTypeSystem(TypeSystemDefinition &def, bool extension);
    void parseTypeSystemKeyword(TypeSystemDefinition &def, bool extension);
    void parseDirectiveDefinition(TypeSystemDefinition &def);
    void parseVariableDefinitions(std::vector<VariableDefinition> &out);
    void parseSelectionSet(SelectionSet &set);
    void parseSelection(Selection &selection);
    void parseArguments(std::vector<Argument> &out, bool isConst);
    void parseDirectives(std::vector<Directive> &out, bool isConst);
    void parseImplements(std::vector<Name> &out);
    void parseFieldsDefinition(std::vector<FieldDefinition> &out);
    void parseArgumentDefs(std::vector<InputValueDefinition> &out, TokenKind open, TokenKind close);
    void parseInputValueDef(InputValueDefinition &def);
    void parseEnumValues(std::vector<EnumValueDefinition> &out);
    void parseOperationTypes(std::vector<OperationTypeDefinition> &out);
    OperationType parseOperationType();
    std::optional<Value> parseDescription();
    Name parseName();
    Value parseValue(bool isConst);
    TypeRef parseTypeRef();

    // Recovery
    bool atDefinitionStart() const;
    void skipToNextDefinition(int failedStart);
    int nextDefinitionLine(int from, int to) const;
    std::optional<Failure> reparseTruncated(std::vector<Definition> &definitions, int from,
                                            int end) const;

    const char *m_data;
    int m_size;
    int m_fullSize;
    Lexer m_lexer;
    Token m_token;
    int m_prevEnd = 0;
};

void ParserImpl::advance()
{
    m_prevEnd = m_token.span.end;
    m_token = m_lexer.next();
    if (m_token.kind == TokenKind::Invalid)
        fail(m_lexer.errorOffset(), m_lexer.errorMessage());
}

bool ParserImpl::skip(TokenKind kind)
{
    if (m_token.kind != kind)
        return false;
    advance();
    return true;
}

Token ParserImpl::expect(TokenKind kind)
{
    const Token token = m_token;
    if (token.kind != kind)
        fail(token.span.start, ParserText::tr("Expected %1, found %2")
                                   .arg(tokenKindDescription(kind), describe(token)));
    advance();
    return token;
}

void ParserImpl::expectKeyword(QByteArrayView keyword)
{
    if (!peekKeyword(keyword))
        fail(m_token.span.start,
             ParserText::tr("Expected \"%1\", found %2")
                 .arg(QString::fromLatin1(keyword.data(), keyword.size()), describe(m_token)));
    advance();
}

void ParserImpl::expectEnd()
{
    if (!peek(TokenKind::EndOfFile))
        fail(m_token.span.start,
             ParserText::tr("Expected the end of the input, found %1").arg(describe(m_token)));
}

QString ParserImpl::describe(const Token &token) const
{
    const QString kind = tokenKindDescription(token.kind);
    switch (token.kind) {
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
        return QStringLiteral("%1 \"%2\"").arg(kind, QString::fromUtf8(tokenText()));
    case TokenKind::String:
    case TokenKind::BlockString:
        return QStringLiteral("%1 \"%2\"").arg(kind, m_lexer.stringValue().left(40));
    case TokenKind::EndOfFile:
        if (token.span.start < m_fullSize)
            return ParserText::tr("the start of the next definition");
        break;
    case TokenKind::Bang:
    case TokenKind::Dollar:
    case TokenKind::Amp:
    case TokenKind::ParenL:
    case TokenKind::ParenR:
    case TokenKind::Spread:
    case TokenKind::Colon:
    case TokenKind::Equals:
    case TokenKind::At:
    case TokenKind::BracketL:
    case TokenKind::BracketR:
    case TokenKind::BraceL:
    case TokenKind::Pipe:
    case TokenKind::BraceR:
    case TokenKind::Comment:
    case TokenKind::Invalid:
        break;
    }
    return kind;
}

void ParserImpl::unexpected(const Token &token) const
{
    fail(token.span.start, ParserText::tr("Unexpected %1").arg(describe(token)));
}

Name ParserImpl::parseName()
{
    const Token token = expect(TokenKind::Name);
    // Names are ASCII by the grammar, so Latin-1 is exact and the cheapest conversion.
    return Name{QString::fromLatin1(m_data + token.span.start, token.span.end - token.span.start),
                token.span};
}

std::optional<Value> ParserImpl::parseDescription()
{
    if (!peek(TokenKind::String) && !peek(TokenKind::BlockString))
        return std::nullopt;
    return parseValue(true);
}

// -- document and definitions

void ParserImpl::parseDocument(ParseResult &result, bool recover)
{
    Document &doc = result.document;
    bool started = false;
    int failedStart = -1; // start of the definition being read, or of the one to skip
    int resumeAt = -1;    // where the next definition starts after a cut-short one
    for (;;) {
        try {
            if (!started) {
                started = true;
                start();
            } else if (resumeAt >= 0) {
                m_lexer.seek(resumeAt);
                resumeAt = -1;
                advance();
            } else if (failedStart >= 0) {
                skipToNextDefinition(failedStart);
            }
            failedStart = -1;
            // The grammar wants at least one definition: an empty document is an error too.
            while (!peek(TokenKind::EndOfFile) ||
                   (doc.definitions.empty() && result.errors.empty())) {
                failedStart = m_token.span.start;
                parseDefinition(doc.definitions);
                failedStart = -1;
            }
            break;
        } catch (const Failure &failure) {
            Failure reported = failure;
            if (recover && failedStart >= 0) {
                // A definition left open (a missing "}") swallows the ones after it. When a
                // line it swallowed starts a definition at column 1, read the broken one only
                // up to there, report its error there, and go on from that line.
                const int next = nextDefinitionLine(failedStart, failure.offset);
                if (next >= 0) {
                    if (!doc.definitions.empty() &&
                        definitionSpan(doc.definitions.back()).start == failedStart)
                        doc.definitions.pop_back();
                    if (auto truncated = reparseTruncated(doc.definitions, failedStart, next))
                        reported = *truncated;
                    resumeAt = next;
                    failedStart = -1;
                }
            }
            result.errors.push_back(
                SyntaxError{reported.message, reported.offset, doc.position(reported.offset)});
            if (!recover)
                break;
            if (resumeAt < 0 && failedStart < 0)
                failedStart = failure.offset;
            m_prevEnd = failure.offset;
        }
    }
    if (!doc.definitions.empty())
        doc.span = Span{definitionSpan(doc.definitions.front()).start,
                        definitionSpan(doc.definitions.back()).end};
}

void ParserImpl::parseDefinition(std::vector<Definition> &definitions)
{
    const int start = m_token.span.start;
    if (peek(TokenKind::BraceL)) {
        parseOperation(
            std::get<OperationDefinition>(definitions.emplace_back(OperationDefinition{})));
        return;
    }
    std::optional<Value> description = parseDescription();
    if (peek(TokenKind::Name)) {
        const QByteArrayView keyword = tokenText();
        if (keyword == "schema" || keyword == "scalar" || keyword == "type" ||
            keyword == "interface" || keyword == "union" || keyword == "enum" ||
            keyword == "input" || keyword == "directive") {
            auto &def =
                std::get<TypeSystemDefinition>(definitions.emplace_back(TypeSystemDefinition{}));
            def.span = Span{start, -1};
            def.description = std::move(description);
            parseTypeSystem(def, false);
            return;
        }
        const bool executable = keyword == "query" || keyword == "mutation" ||
                                keyword == "subscription" || keyword == "fragment";
        if (description && (executable || keyword == "extend"))
            fail(start, ParserText::tr("Unexpected description: descriptions are allowed only on "
                                       "type system definitions, not on \"%1\"")
                            .arg(QString::fromLatin1(keyword.data(), keyword.size())));
        if (keyword == "fragment") {
            parseFragment(
                std::get<FragmentDefinition>(definitions.emplace_back(FragmentDefinition{})));
            return;
        }
        if (executable) {
            parseOperation(
                std::get<OperationDefinition>(definitions.emplace_back(OperationDefinition{})));
            return;
        }
        if (keyword == "extend") {
            auto &def =
                std::get<TypeSystemDefinition>(definitions.emplace_back(TypeSystemDefinition{}));
            def.span = Span{start, -1};
            advance();
            parseTypeSystem(def, true);
            return;
        }
    }
    if (description)
        unexpected(m_token);
    fail(m_token.span.start,
         ParserText::tr("Unexpected %1: a definition starts with \"{\", query, mutation, "
                        "subscription, fragment, a type system keyword or extend")
             .arg(describe(m_token)));
}

OperationType ParserImpl::parseOperationType()
{
    const Token token = m_token;
    if (peekKeyword("query")) {
        advance();
        return OperationType::Query;
    }
    if (peekKeyword("mutation")) {
        advance();
        return OperationType::Mutation;
    }
    if (peekKeyword("subscription")) {
        advance();
        return OperationType::Subscription;
    }
    unexpected(token);
}

void ParserImpl::parseOperation(OperationDefinition &op)
{
    op.span = Span{m_token.span.start, -1};
    if (peek(TokenKind::BraceL)) {
        op.shorthand = true;
        parseSelectionSet(op.selectionSet);
        op.span.end = m_prevEnd;
        return;
    }
    op.operation = parseOperationType();
    if (peek(TokenKind::Name))
        op.name = parseName();
    if (peek(TokenKind::ParenL))
        parseVariableDefinitions(op.variableDefinitions);
    parseDirectives(op.directives, false);
    parseSelectionSet(op.selectionSet);
    op.span.end = m_prevEnd;
}

void ParserImpl::parseVariableDefinitions(std::vector<VariableDefinition> &out)
{
    expect(TokenKind::ParenL);
    do {
        VariableDefinition &def = out.emplace_back();
        def.span = Span{m_token.span.start, -1};
        expect(TokenKind::Dollar);
        def.name = parseName();
        def.variableSpan = Span{def.span.start, m_prevEnd};
        expect(TokenKind::Colon);
        def.type = parseTypeRef();
        if (skip(TokenKind::Equals))
            def.defaultValue = parseValue(true);
        parseDirectives(def.directives, true);
        def.span.end = m_prevEnd;
    } while (!skip(TokenKind::ParenR));
}

void ParserImpl::parseFragment(FragmentDefinition &fragment)
{
    fragment.span = Span{m_token.span.start, -1};
    expectKeyword("fragment");
    if (peekKeyword("on"))
        fail(m_token.span.start, ParserText::tr("Unexpected Name \"on\": a fragment needs a name "
                                                "before its type condition"));
    fragment.name = parseName();
    expectKeyword("on");
    fragment.typeCondition = parseName();
    parseDirectives(fragment.directives, false);
    parseSelectionSet(fragment.selectionSet);
    fragment.span.end = m_prevEnd;
}

void ParserImpl::parseSelectionSet(SelectionSet &set)
{
    set.span = Span{m_token.span.start, -1};
    expect(TokenKind::BraceL);
    do {
        parseSelection(set.selections.emplace_back());
    } while (!skip(TokenKind::BraceR));
    set.span.end = m_prevEnd;
}

void ParserImpl::parseSelection(Selection &selection)
{
    selection.span = Span{m_token.span.start, -1};
    if (skip(TokenKind::Spread)) {
        if (peek(TokenKind::Name) && !peekKeyword("on")) {
            selection.kind = Selection::Kind::FragmentSpread;
            selection.name = parseName();
            parseDirectives(selection.directives, false);
        } else {
            selection.kind = Selection::Kind::InlineFragment;
            if (peekKeyword("on")) {
                advance();
                selection.typeCondition = parseName();
            }
            parseDirectives(selection.directives, false);
            parseSelectionSet(selection.selectionSet);
        }
        selection.span.end = m_prevEnd;
        return;
    }
    selection.kind = Selection::Kind::Field;
    selection.name = parseName();
    if (skip(TokenKind::Colon)) {
        selection.alias = std::move(selection.name);
        selection.name = parseName();
    }
    if (peek(TokenKind::ParenL))
        parseArguments(selection.arguments, false);
    parseDirectives(selection.directives, false);
    if (peek(TokenKind::BraceL))
        parseSelectionSet(selection.selectionSet);
    selection.span.end = m_prevEnd;
}

void ParserImpl::parseArguments(std::vector<Argument> &out, bool isConst)
{
    expect(TokenKind::ParenL);
    do {
        Argument &argument = out.emplace_back();
        argument.span = Span{m_token.span.start, -1};
        argument.name = parseName();
        expect(TokenKind::Colon);
        argument.value = parseValue(isConst);
        argument.span.end = m_prevEnd;
    } while (!skip(TokenKind::ParenR));
}

void ParserImpl::parseDirectives(std::vector<Directive> &out, bool isConst)
{
    while (peek(TokenKind::At)) {
        Directive &directive = out.emplace_back();
        directive.span = Span{m_token.span.start, -1};
        advance();
        directive.name = parseName();
        if (peek(TokenKind::ParenL))
            parseArguments(directive.arguments, isConst);
        directive.span.end = m_prevEnd;
    }
}

// -- values and types

Value ParserImpl::parseValue(bool isConst)
{
    Value value;
    value.span = Span{m_token.span.start, -1};
    const Token token = m_token;
    switch (token.kind) {
    case TokenKind::BracketL:
        value.kind = Value::Kind::List;
        advance();
        while (!skip(TokenKind::BracketR))
            value.list.push_back(parseValue(isConst));
        break;
    case TokenKind::BraceL:
        value.kind = Value::Kind::Object;
        advance();
        while (!skip(TokenKind::BraceR)) {
            ObjectField &field = value.fields.emplace_back();
            field.span = Span{m_token.span.start, -1};
            field.name = parseName();
            expect(TokenKind::Colon);
            field.value = parseValue(isConst);
            field.span.end = m_prevEnd;
        }
        break;
    case TokenKind::Int:
    case TokenKind::Float:
        value.kind = token.kind == TokenKind::Int ? Value::Kind::Int : Value::Kind::Float;
        value.text = QString::fromLatin1(tokenText().data(), tokenText().size());
        advance();
        break;
    case TokenKind::String:
    case TokenKind::BlockString:
        value.kind = Value::Kind::String;
        value.block = token.kind == TokenKind::BlockString;
        value.text = m_lexer.stringValue();
        advance();
        break;
    case TokenKind::Name: {
        const QByteArrayView text = tokenText();
        if (text == "true" || text == "false")
            value.kind = Value::Kind::Boolean;
        else if (text == "null")
            value.kind = Value::Kind::Null;
        else
            value.kind = Value::Kind::Enum;
        if (value.kind != Value::Kind::Null)
            value.text = QString::fromLatin1(text.data(), text.size());
        advance();
        break;
    }
    case TokenKind::Dollar: {
        advance();
        const Name name = parseName();
        if (isConst)
            fail(token.span.start,
                 ParserText::tr("Unexpected variable \"$%1\" in a constant value: "
                                "defaults and schema values cannot use variables")
                     .arg(name.value));
        value.kind = Value::Kind::Variable;
        value.text = name.value;
        break;
    }
    case TokenKind::EndOfFile:
    case TokenKind::Bang:
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
        fail(token.span.start, ParserText::tr("Expected a value, found %1").arg(describe(token)));
    }
    value.span.end = m_prevEnd;
    return value;
}

TypeRef ParserImpl::parseTypeRef()
{
    const int start = m_token.span.start;
    TypeRef type;
    if (skip(TokenKind::BracketL)) {
        TypeRef inner = parseTypeRef();
        expect(TokenKind::BracketR);
        type.kind = TypeRef::Kind::List;
        type.ofType = Box<TypeRef>(std::move(inner));
    } else {
        type.kind = TypeRef::Kind::Named;
        type.name = parseName();
    }
    type.span = Span{start, m_prevEnd};
    if (!skip(TokenKind::Bang))
        return type;
    TypeRef nonNull;
    nonNull.kind = TypeRef::Kind::NonNull;
    nonNull.ofType = Box<TypeRef>(std::move(type));
    nonNull.span = Span{start, m_prevEnd};
    return nonNull;
}

// -- type system

void ParserImpl::parseTypeSystemKeyword(TypeSystemDefinition &def, bool extension)
{
    using Kind = TypeSystemDefinition::Kind;
    const Token keywordToken = m_token;
    const QByteArrayView keyword = tokenText();
    if (keyword == "schema")
        def.kind = Kind::Schema;
    else if (keyword == "scalar")
        def.kind = Kind::Scalar;
    else if (keyword == "type")
        def.kind = Kind::Object;
    else if (keyword == "interface")
        def.kind = Kind::Interface;
    else if (keyword == "union")
        def.kind = Kind::Union;
    else if (keyword == "enum")
        def.kind = Kind::Enum;
    else if (keyword == "input")
        def.kind = Kind::InputObject;
    else if (keyword == "directive" && !extension)
        def.kind = Kind::Directive;
    else if (keyword == "directive")
        fail(keywordToken.span.start, ParserText::tr("Unexpected Name \"directive\": directive "
                                                     "definitions cannot be extended"));
    else
        unexpected(keywordToken);
    if (!peek(TokenKind::Name))
        unexpected(m_token);
    advance();
}

void ParserImpl::parseTypeSystem(TypeSystemDefinition &def, bool extension)
{
    using Kind = TypeSystemDefinition::Kind;
    def.extension = extension;
    parseTypeSystemKeyword(def, extension);
    switch (def.kind) {
    case Kind::Schema:
        parseDirectives(def.directives, true);
        if (!extension || peek(TokenKind::BraceL))
            parseOperationTypes(def.operationTypes);
        break;
    case Kind::Scalar:
        def.name = parseName();
        parseDirectives(def.directives, true);
        break;
    case Kind::Object:
    case Kind::Interface:
        def.name = parseName();
        parseImplements(def.interfaces);
        parseDirectives(def.directives, true);
        if (peek(TokenKind::BraceL))
            parseFieldsDefinition(def.fields);
        break;
    case Kind::Union:
        def.name = parseName();
        parseDirectives(def.directives, true);
        if (skip(TokenKind::Equals)) {
            skip(TokenKind::Pipe);
            do {
                def.unionMembers.push_back(parseName());
            } while (skip(TokenKind::Pipe));
        }
        break;
    case Kind::Enum:
        def.name = parseName();
        parseDirectives(def.directives, true);
        if (peek(TokenKind::BraceL))
            parseEnumValues(def.enumValues);
        break;
    case Kind::InputObject:
        def.name = parseName();
        parseDirectives(def.directives, true);
        if (peek(TokenKind::BraceL))
            parseArgumentDefs(def.inputFields, TokenKind::BraceL, TokenKind::BraceR);
        break;
    case Kind::Directive:
        parseDirectiveDefinition(def);
        break;
    }

    // An extension has to add something (spec: "extend type Foo" alone is an error).
    if (extension && def.interfaces.empty() && def.directives.empty() && def.fields.empty() &&
        def.inputFields.empty() && def.unionMembers.empty() && def.enumValues.empty() &&
        def.operationTypes.empty())
        unexpected(m_token);
    def.span.end = m_prevEnd;
}

void ParserImpl::parseDirectiveDefinition(TypeSystemDefinition &def)
{
    expect(TokenKind::At);
    def.name = parseName();
    if (peek(TokenKind::ParenL))
        parseArgumentDefs(def.inputFields, TokenKind::ParenL, TokenKind::ParenR);
    if (peekKeyword("repeatable")) {
        def.repeatable = true;
        advance();
    }
    expectKeyword("on");
    skip(TokenKind::Pipe);
    do {
        const Token token = m_token;
        const Name location = parseName();
        bool known = false;
        for (const char *candidate : directiveLocations)
            known = known || location.value == QLatin1String(candidate);
        if (!known)
            fail(token.span.start,
                 ParserText::tr("Unexpected Name \"%1\": not a directive location (QUERY, "
                                "FIELD, OBJECT, FIELD_DEFINITION, ...)")
                     .arg(location.value));
        def.locations.push_back(location);
    } while (skip(TokenKind::Pipe));
}

void ParserImpl::parseImplements(std::vector<Name> &out)
{
    if (!peekKeyword("implements"))
        return;
    advance();
    skip(TokenKind::Amp);
    do {
        out.push_back(parseName());
    } while (skip(TokenKind::Amp));
}

void ParserImpl::parseFieldsDefinition(std::vector<FieldDefinition> &out)
{
    expect(TokenKind::BraceL);
    do {
        FieldDefinition &field = out.emplace_back();
        field.span = Span{m_token.span.start, -1};
        field.description = parseDescription();
        field.name = parseName();
        if (peek(TokenKind::ParenL))
            parseArgumentDefs(field.arguments, TokenKind::ParenL, TokenKind::ParenR);
        expect(TokenKind::Colon);
        field.type = parseTypeRef();
        parseDirectives(field.directives, true);
        field.span.end = m_prevEnd;
    } while (!skip(TokenKind::BraceR));
}

void ParserImpl::parseArgumentDefs(std::vector<InputValueDefinition> &out, TokenKind open,
                                   TokenKind close)
{
    expect(open);
    do {
        parseInputValueDef(out.emplace_back());
    } while (!skip(close));
}

void ParserImpl::parseInputValueDef(InputValueDefinition &def)
{
    def.span = Span{m_token.span.start, -1};
    def.description = parseDescription();
    def.name = parseName();
    expect(TokenKind::Colon);
    def.type = parseTypeRef();
    if (skip(TokenKind::Equals))
        def.defaultValue = parseValue(true);
    parseDirectives(def.directives, true);
    def.span.end = m_prevEnd;
}

void ParserImpl::parseEnumValues(std::vector<EnumValueDefinition> &out)
{
    expect(TokenKind::BraceL);
    do {
        EnumValueDefinition &value = out.emplace_back();
        value.span = Span{m_token.span.start, -1};
        value.description = parseDescription();
        if (peekKeyword("true") || peekKeyword("false") || peekKeyword("null"))
            fail(m_token.span.start,
                 ParserText::tr("Name \"%1\" is reserved and cannot be used for an enum value")
                     .arg(QString::fromLatin1(tokenText().data(), tokenText().size())));
        value.name = parseName();
        parseDirectives(value.directives, true);
        value.span.end = m_prevEnd;
    } while (!skip(TokenKind::BraceR));
}

void ParserImpl::parseOperationTypes(std::vector<OperationTypeDefinition> &out)
{
    expect(TokenKind::BraceL);
    do {
        OperationTypeDefinition &def = out.emplace_back();
        def.span = Span{m_token.span.start, -1};
        def.operation = parseOperationType();
        expect(TokenKind::Colon);
        def.type = parseName();
        def.span.end = m_prevEnd;
    } while (!skip(TokenKind::BraceR));
}

// -- recovery

bool ParserImpl::atDefinitionStart() const
{
    // Only a token that begins its line counts: inside a broken definition, "type" or "{"
    // mid-line are far more often field names and nested selections.
    for (int i = m_token.span.start - 1; i >= 0; --i) {
        const char c = m_data[i];
        if (c == '\n' || c == '\r')
            break;
        if (c != ' ' && c != '\t' && c != ',')
            return false;
    }
    switch (m_token.kind) {
    case TokenKind::BraceL:
    case TokenKind::String:
    case TokenKind::BlockString:
    case TokenKind::EndOfFile:
        return true;
    case TokenKind::Name: {
        static constexpr std::array<const char *, 13> keywords = {
            "query",     "mutation", "subscription", "fragment", "schema",    "scalar", "type",
            "interface", "union",    "enum",         "input",    "directive", "extend"};
        for (const char *keyword : keywords)
            if (tokenText() == QByteArrayView(keyword))
                return true;
        return false;
    }
    case TokenKind::Bang:
    case TokenKind::Dollar:
    case TokenKind::Amp:
    case TokenKind::ParenL:
    case TokenKind::ParenR:
    case TokenKind::Spread:
    case TokenKind::Colon:
    case TokenKind::Equals:
    case TokenKind::At:
    case TokenKind::BracketL:
    case TokenKind::BracketR:
    case TokenKind::Pipe:
    case TokenKind::BraceR:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::Comment:
    case TokenKind::Invalid:
        break;
    }
    return false;
}

void ParserImpl::skipToNextDefinition(int failedStart)
{
    // Lexical errors while skipping are not reported again: the first error of a definition is
    // the one that matters, and the rest of it is being thrown away.
    for (;;) {
        if (m_token.kind == TokenKind::EndOfFile)
            return;
        if (m_token.span.start > failedStart && m_token.kind != TokenKind::Invalid &&
            atDefinitionStart())
            return;
        m_prevEnd = m_token.span.end;
        m_token = m_lexer.next();
    }
}

int ParserImpl::nextDefinitionLine(int from, int to) const
{
    static constexpr std::array<const char *, 13> keywords = {
        "query",     "mutation", "subscription", "fragment", "schema",    "scalar", "type",
        "interface", "union",    "enum",         "input",    "directive", "extend"};
    int pos = from;
    while (pos < to && pos < m_size) {
        // The start of the next line.
        while (pos < m_size && m_data[pos] != '\n' && m_data[pos] != '\r')
            ++pos;
        while (pos < m_size && (m_data[pos] == '\n' || m_data[pos] == '\r'))
            ++pos;
        if (pos >= to || pos >= m_size)
            return -1;
        if (m_data[pos] == '"')
            return pos;
        for (const char *keyword : keywords) {
            const QByteArrayView word(keyword);
            const int end = pos + int(word.size());
            if (end <= m_size && QByteArrayView(m_data + pos, word.size()) == word &&
                (end == m_size || !(std::isalnum(uchar(m_data[end])) || m_data[end] == '_')))
                return pos;
        }
    }
    return -1;
}

std::optional<Failure> ParserImpl::reparseTruncated(std::vector<Definition> &definitions, int from,
                                                    int end) const
{
    ParserImpl sub(QByteArrayView(m_data, end), m_fullSize);
    sub.m_lexer.seek(from);
    try {
        sub.start();
        while (!sub.peek(TokenKind::EndOfFile))
            sub.parseDefinition(definitions);
    } catch (const Failure &failure) {
        return failure;
    }
    return std::nullopt;
}

// Spans of nodes that an error cut short end where the error is, so that an editor still finds
// the node under the cursor.
struct SpanCloser
{
    int end;

    void close(Span &span) const
    {
        if (span.end < span.start)
            span.end = std::max(span.start, end);
    }
    void operator()(SelectionSet &set) const
    {
        close(set.span);
        for (Selection &selection : set.selections) {
            close(selection.span);
            for (Argument &argument : selection.arguments)
                close(argument.span);
            for (Directive &directive : selection.directives)
                close(directive.span);
            (*this)(selection.selectionSet);
        }
    }
    void operator()(OperationDefinition &op) const
    {
        close(op.span);
        for (VariableDefinition &def : op.variableDefinitions)
            close(def.span);
        (*this)(op.selectionSet);
    }
    void operator()(FragmentDefinition &fragment) const
    {
        close(fragment.span);
        (*this)(fragment.selectionSet);
    }
    void operator()(TypeSystemDefinition &def) const
    {
        close(def.span);
        for (FieldDefinition &field : def.fields) {
            close(field.span);
            for (InputValueDefinition &argument : field.arguments)
                close(argument.span);
        }
        for (InputValueDefinition &field : def.inputFields)
            close(field.span);
        for (EnumValueDefinition &value : def.enumValues)
            close(value.span);
        for (OperationTypeDefinition &type : def.operationTypes)
            close(type.span);
    }
};

} // namespace

QString SyntaxError::toString() const
{
    return QStringLiteral("%1:%2: %3").arg(position.line).arg(position.column).arg(message);
}

Result<Document> Parser::parse(QByteArray source)
{
    ParseResult result;
    result.document.source = std::move(source);
    result.document.indexLines();
    ParserImpl(result.document.source, int(result.document.source.size()))
        .parseDocument(result, false);
    if (!result.ok())
        return makeError(ErrorCode::InvalidArgument, result.errors.front().toString());
    return std::move(result.document);
}

ParseResult Parser::parseWithRecovery(QByteArray source)
{
    ParseResult result;
    result.document.source = std::move(source);
    result.document.indexLines();
    ParserImpl(result.document.source, int(result.document.source.size()))
        .parseDocument(result, true);
    if (!result.errors.empty()) {
        // Close the spans of definitions an error cut short (their end is still unset).
        size_t errorIndex = 0;
        for (Definition &definition : result.document.definitions) {
            const Span span = definitionSpan(definition);
            if (span.end >= span.start)
                continue;
            while (errorIndex + 1 < result.errors.size() &&
                   result.errors[errorIndex].offset < span.start)
                ++errorIndex;
            std::visit(SpanCloser{result.errors[errorIndex].offset}, definition);
        }
        Document &doc = result.document;
        if (!doc.definitions.empty())
            doc.span = Span{definitionSpan(doc.definitions.front()).start,
                            definitionSpan(doc.definitions.back()).end};
    }
    return result;
}

namespace {

template<typename T, typename F> Result<T> parseFragmentOfSource(const QByteArray &source, F parse)
{
    Document doc;
    doc.source = source;
    doc.indexLines();
    ParserImpl parser(doc.source, int(doc.source.size()));
    try {
        return parse(parser);
    } catch (const Failure &failure) {
        const SyntaxError error{failure.message, failure.offset, doc.position(failure.offset)};
        return makeError(ErrorCode::InvalidArgument, error.toString());
    }
}

} // namespace

Value ParserImpl::parseSingleValue(bool allowVariables)
{
    start();
    Value value = parseValue(!allowVariables);
    expectEnd();
    return value;
}

TypeRef ParserImpl::parseSingleType()
{
    start();
    TypeRef type = parseTypeRef();
    expectEnd();
    return type;
}

Result<Value> Parser::parseValue(const QByteArray &source, bool allowVariables)
{
    return parseFragmentOfSource<Value>(source, [allowVariables](ParserImpl &parser) {
        return parser.parseSingleValue(allowVariables);
    });
}

Result<TypeRef> Parser::parseType(const QByteArray &source)
{
    return parseFragmentOfSource<TypeRef>(
        source, [](ParserImpl &parser) { return parser.parseSingleType(); });
}

} // namespace Gatehouse::Core::GraphQL
