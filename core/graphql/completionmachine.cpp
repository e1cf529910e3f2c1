#include "completionmachine.h"

#include "parser.h"

namespace Gatehouse::Core::GraphQL::CompletionDetail {


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

// A directive's name, then its arguments, work alike in a document and a selection set: true
// when the token was the directive's, otherwise the frame is back where the directive began.
bool Machine::stepDirective(Frame &frame, const Token &token)
{
    if (frame.expect == Expect::DirectiveName) {
        if (isNameToken(token)) {
            frame.directive = m_schema.directive(text(token.span));
            frame.expect = Expect::AfterDirective;
            return true;
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
            return true;
        }
    }
    return false;
}

void Machine::stepDocument(Frame &frame, const Token &token)
{
    if (stepDirective(frame, token))
        return;
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
    if (stepDirective(frame, token))
        return;
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

} // namespace Gatehouse::Core::GraphQL::CompletionDetail
