#include "completion.h"

#include "completionmachine.h"
#include "lexer.h"

#include <QCoreApplication>
#include <algorithm>

namespace Gatehouse::Core::GraphQL {

namespace {

struct CompletionText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::GraphQL::CompletionEngine)
};

using namespace CompletionDetail;

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
