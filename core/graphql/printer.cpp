#include "printer.h"

#include <QStringList>

namespace Gatehouse::Core::GraphQL {

namespace {

// The helpers of graphql-js's printer: join skips empty parts, wrap prints nothing around an
// empty string, block puts each item on its own indented line between braces.
constexpr int maxLineLength = 80;

QString join(const QStringList &parts, QLatin1String separator = QLatin1String(""))
{
    QString out;
    bool first = true;
    for (const QString &part : parts) {
        if (part.isEmpty())
            continue;
        if (!first)
            out += separator;
        out += part;
        first = false;
    }
    return out;
}

QString wrap(QLatin1String start, const QString &text, QLatin1String end = QLatin1String(""))
{
    return text.isEmpty() ? QString() : start + text + end;
}

QString indent(const QString &text)
{
    if (text.isEmpty())
        return {};
    QString copy = text;
    return QLatin1String("  ") + copy.replace(QLatin1Char('\n'), QLatin1String("\n  "));
}

QString block(const QStringList &items)
{
    return wrap(QLatin1String("{\n"), indent(join(items, QLatin1String("\n"))),
                QLatin1String("\n}"));
}

bool hasMultilineItems(const QStringList &items)
{
    for (const QString &item : items)
        if (item.contains(QLatin1Char('\n')))
            return true;
    return false;
}

template<typename T, typename F> QStringList mapped(const std::vector<T> &items, F f)
{
    QStringList out;
    out.reserve(qsizetype(items.size()));
    for (const T &item : items)
        out.append(f(item));
    return out;
}

QString printValue(const Value &value);

QString printDescription(const std::optional<Value> &description)
{
    return description ? printValue(*description) + QLatin1Char('\n') : QString();
}

QString printValue(const Value &value)
{
    switch (value.kind) {
    case Value::Kind::Variable:
        return QLatin1Char('$') + value.text;
    case Value::Kind::Int:
    case Value::Kind::Float:
    case Value::Kind::Enum:
    case Value::Kind::Boolean:
        return value.text;
    case Value::Kind::Null:
        return QStringLiteral("null");
    case Value::Kind::String:
        return value.block ? Printer::printBlockString(value.text)
                           : Printer::printString(value.text);
    case Value::Kind::List:
        return QLatin1Char('[') + join(mapped(value.list, printValue), QLatin1String(", ")) +
               QLatin1Char(']');
    case Value::Kind::Object:
        return QLatin1Char('{') +
               join(mapped(value.fields,
                           [](const ObjectField &f) -> QString {
                               return f.name.value + QLatin1String(": ") + printValue(f.value);
                           }),
                    QLatin1String(", ")) +
               QLatin1Char('}');
    }
    return {};
}

QString printType(const TypeRef &type)
{
    switch (type.kind) {
    case TypeRef::Kind::Named:
        return type.name.value;
    case TypeRef::Kind::List:
        return QLatin1Char('[') + printType(*type.ofType) + QLatin1Char(']');
    case TypeRef::Kind::NonNull:
        return printType(*type.ofType) + QLatin1Char('!');
    }
    return {};
}

QString printArguments(const std::vector<Argument> &arguments)
{
    return wrap(QLatin1String("("),
                join(mapped(arguments,
                            [](const Argument &a) -> QString {
                                return a.name.value + QLatin1String(": ") + printValue(a.value);
                            }),
                     QLatin1String(", ")),
                QLatin1String(")"));
}

QString printDirectives(const std::vector<Directive> &directives)
{
    return join(mapped(directives,
                       [](const Directive &d) -> QString {
                           return QLatin1Char('@') + d.name.value + printArguments(d.arguments);
                       }),
                QLatin1String(" "));
}

QString printSelectionSet(const SelectionSet &set);

QString printSelection(const Selection &selection)
{
    switch (selection.kind) {
    case Selection::Kind::Field: {
        const QString prefix =
            (selection.alias ? selection.alias->value + QLatin1String(": ") : QString()) +
            selection.name.value;
        QString argsLine = prefix + printArguments(selection.arguments);
        if (argsLine.size() > maxLineLength) {
            const QStringList args = mapped(selection.arguments, [](const Argument &a) -> QString {
                return a.name.value + QLatin1String(": ") + printValue(a.value);
            });
            argsLine = prefix + wrap(QLatin1String("(\n"), indent(join(args, QLatin1String("\n"))),
                                     QLatin1String("\n)"));
        }
        return join({argsLine, printDirectives(selection.directives),
                     printSelectionSet(selection.selectionSet)},
                    QLatin1String(" "));
    }
    case Selection::Kind::FragmentSpread:
        return QLatin1String("...") + selection.name.value +
               wrap(QLatin1String(" "), printDirectives(selection.directives));
    case Selection::Kind::InlineFragment:
        return join({QStringLiteral("..."),
                     selection.typeCondition ? QLatin1String("on ") + selection.typeCondition->value
                                             : QString(),
                     printDirectives(selection.directives),
                     printSelectionSet(selection.selectionSet)},
                    QLatin1String(" "));
    }
    return {};
}

QString printSelectionSet(const SelectionSet &set)
{
    return block(mapped(set.selections, printSelection));
}

QString printVariableDefinition(const VariableDefinition &def)
{
    return QLatin1Char('$') + def.name.value + QLatin1String(": ") + printType(def.type) +
           (def.defaultValue ? QLatin1String(" = ") + printValue(*def.defaultValue) : QString()) +
           wrap(QLatin1String(" "), printDirectives(def.directives));
}

QString printOperation(const OperationDefinition &op)
{
    const QString varDefs =
        wrap(QLatin1String("("),
             join(mapped(op.variableDefinitions, printVariableDefinition), QLatin1String(", ")),
             QLatin1String(")"));
    const QString prefix = join({operationTypeName(op.operation),
                                 join({op.name ? op.name->value : QString(), varDefs}),
                                 printDirectives(op.directives)},
                                QLatin1String(" "));
    // Anonymous queries without variables or directives use the shorthand form.
    return (prefix == QLatin1String("query") ? QString() : prefix + QLatin1Char(' ')) +
           printSelectionSet(op.selectionSet);
}

QString printFragment(const FragmentDefinition &fragment)
{
    return QLatin1String("fragment ") + fragment.name.value + QLatin1String(" on ") +
           fragment.typeCondition.value + QLatin1Char(' ') +
           wrap(QLatin1String(""), printDirectives(fragment.directives), QLatin1String(" ")) +
           printSelectionSet(fragment.selectionSet);
}

QString printInputValueDefinition(const InputValueDefinition &def)
{
    return printDescription(def.description) +
           join({def.name.value + QLatin1String(": ") + printType(def.type),
                 def.defaultValue ? QLatin1String("= ") + printValue(*def.defaultValue) : QString(),
                 printDirectives(def.directives)},
                QLatin1String(" "));
}

QString printArgumentDefinitions(const std::vector<InputValueDefinition> &arguments)
{
    const QStringList args = mapped(arguments, printInputValueDefinition);
    if (hasMultilineItems(args))
        return wrap(QLatin1String("(\n"), indent(join(args, QLatin1String("\n"))),
                    QLatin1String("\n)"));
    return wrap(QLatin1String("("), join(args, QLatin1String(", ")), QLatin1String(")"));
}

QString printFieldDefinition(const FieldDefinition &field)
{
    return printDescription(field.description) + field.name.value +
           printArgumentDefinitions(field.arguments) + QLatin1String(": ") + printType(field.type) +
           wrap(QLatin1String(" "), printDirectives(field.directives));
}

QString printTypeSystem(const TypeSystemDefinition &def)
{
    using Kind = TypeSystemDefinition::Kind;
    const QString description = def.extension ? QString() : printDescription(def.description);
    const QString extend = def.extension ? QStringLiteral("extend ") : QString();
    const QString directives = printDirectives(def.directives);
    const QString interfaces =
        wrap(QLatin1String("implements "),
             join(mapped(def.interfaces, [](const Name &n) -> QString { return n.value; }),
                  QLatin1String(" & ")));
    switch (def.kind) {
    case Kind::Schema:
        return description + join({extend + QLatin1String("schema"), directives,
                                   block(mapped(def.operationTypes,
                                                [](const OperationTypeDefinition &t) -> QString {
                                                    return operationTypeName(t.operation) +
                                                           QLatin1String(": ") + t.type.value;
                                                }))},
                                  QLatin1String(" "));
    case Kind::Scalar:
        return description + join({extend + QLatin1String("scalar"), def.name.value, directives},
                                  QLatin1String(" "));
    case Kind::Object:
    case Kind::Interface:
        return description + join({extend + (def.kind == Kind::Object ? QLatin1String("type")
                                                                      : QLatin1String("interface")),
                                   def.name.value, interfaces, directives,
                                   block(mapped(def.fields, printFieldDefinition))},
                                  QLatin1String(" "));
    case Kind::Union:
        return description +
               join({extend + QLatin1String("union"), def.name.value, directives,
                     wrap(QLatin1String("= "),
                          join(mapped(def.unionMembers,
                                      [](const Name &n) -> QString { return n.value; }),
                               QLatin1String(" | ")))},
                    QLatin1String(" "));
    case Kind::Enum:
        return description +
               join({extend + QLatin1String("enum"), def.name.value, directives,
                     block(mapped(def.enumValues,
                                  [](const EnumValueDefinition &v) -> QString {
                                      return printDescription(v.description) +
                                             join({v.name.value, printDirectives(v.directives)},
                                                  QLatin1String(" "));
                                  }))},
                    QLatin1String(" "));
    case Kind::InputObject:
        return description + join({extend + QLatin1String("input"), def.name.value, directives,
                                   block(mapped(def.inputFields, printInputValueDefinition))},
                                  QLatin1String(" "));
    case Kind::Directive:
        return description + QLatin1String("directive @") + def.name.value +
               printArgumentDefinitions(def.inputFields) +
               (def.repeatable ? QLatin1String(" repeatable") : QLatin1String("")) +
               QLatin1String(" on ") +
               join(mapped(def.locations, [](const Name &n) -> QString { return n.value; }),
                    QLatin1String(" | "));
    }
    return {};
}

QString printDefinition(const Definition &definition)
{
    struct Visitor
    {
        QString operator()(const OperationDefinition &op) const { return printOperation(op); }
        QString operator()(const FragmentDefinition &f) const { return printFragment(f); }
        QString operator()(const TypeSystemDefinition &t) const { return printTypeSystem(t); }
    };
    return std::visit(Visitor{}, definition);
}

} // namespace

QString Printer::print(const Document &document)
{
    return join(mapped(document.definitions, printDefinition), QLatin1String("\n\n"));
}

QString Printer::print(const Definition &definition)
{
    return printDefinition(definition);
}

QString Printer::print(const Value &value)
{
    return printValue(value);
}

QString Printer::print(const TypeRef &type)
{
    return printType(type);
}

QString Printer::printString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += QLatin1Char('"');
    for (const QChar ch : value) {
        const char16_t c = ch.unicode();
        switch (c) {
        case '"':
            out += QLatin1String("\\\"");
            continue;
        case '\\':
            out += QLatin1String("\\\\");
            continue;
        case '\b':
            out += QLatin1String("\\b");
            continue;
        case '\t':
            out += QLatin1String("\\t");
            continue;
        case '\n':
            out += QLatin1String("\\n");
            continue;
        case '\f':
            out += QLatin1String("\\f");
            continue;
        case '\r':
            out += QLatin1String("\\r");
            continue;
        default:
            break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            out += QLatin1String("\\u") +
                   QStringLiteral("%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
        else
            out += ch;
    }
    out += QLatin1Char('"');
    return out;
}

QString Printer::printBlockString(const QString &value)
{
    // graphql-js 16's printBlockString: the form that parses back to exactly `value`.
    QString escaped = value;
    escaped.replace(QLatin1String("\"\"\""), QLatin1String("\\\"\"\""));
    const QStringList lines = escaped.split(QLatin1Char('\n'));
    const bool isSingleLine = lines.size() == 1;
    auto isWhiteSpace = [](QChar c) {
        return c == QLatin1Char(' ') || c == QLatin1Char('\t');
    };
    bool forceLeadingNewLine = lines.size() > 1;
    for (qsizetype i = 1; i < lines.size() && forceLeadingNewLine; ++i)
        forceLeadingNewLine = lines[i].isEmpty() || isWhiteSpace(lines[i].front());
    const bool hasTrailingTripleQuotes = escaped.endsWith(QLatin1String("\\\"\"\""));
    const bool hasTrailingQuote = value.endsWith(QLatin1Char('"')) && !hasTrailingTripleQuotes;
    const bool hasTrailingSlash = value.endsWith(QLatin1Char('\\'));
    const bool forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;
    const bool printAsMultipleLines = !isSingleLine || value.size() > 70 || forceTrailingNewLine ||
                                      forceLeadingNewLine || hasTrailingTripleQuotes;
    const bool skipLeadingNewLine = isSingleLine && !value.isEmpty() && isWhiteSpace(value.front());

    QString result;
    if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        result += QLatin1Char('\n');
    result += escaped;
    if (printAsMultipleLines || forceTrailingNewLine)
        result += QLatin1Char('\n');
    return QLatin1String("\"\"\"") + result + QLatin1String("\"\"\"");
}

} // namespace Gatehouse::Core::GraphQL
