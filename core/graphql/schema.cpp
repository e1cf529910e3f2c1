#include "schema.h"

#include "printer.h"

#include <QStringList>

namespace Gatehouse::Core::GraphQL {

QString Diagnostic::toString() const
{
    if (locations.empty())
        return message;
    return QStringLiteral("%1:%2: %3")
        .arg(locations.front().line)
        .arg(locations.front().column)
        .arg(message);
}

TypeExpr TypeExpr::inner() const
{
    TypeExpr result = *this;
    if (!result.wrappers.empty())
        result.wrappers.erase(result.wrappers.begin());
    return result;
}

QString TypeExpr::toString() const
{
    QString text = name;
    for (auto it = wrappers.rbegin(); it != wrappers.rend(); ++it) {
        switch (*it) {
        case Wrapper::List:
            text = QLatin1Char('[') + text + QLatin1Char(']');
            break;
        case Wrapper::NonNull:
            text += QLatin1Char('!');
            break;
        }
    }
    return text;
}

TypeExpr TypeExpr::fromAst(const TypeRef &ref)
{
    TypeExpr result;
    const TypeRef *node = &ref;
    while (node) {
        switch (node->kind) {
        case TypeRef::Kind::Named:
            result.name = node->name.value;
            return result;
        case TypeRef::Kind::List:
            result.wrappers.push_back(Wrapper::List);
            break;
        case TypeRef::Kind::NonNull:
            result.wrappers.push_back(Wrapper::NonNull);
            break;
        }
        node = node->ofType ? &*node->ofType : nullptr;
    }
    return result;
}

template<typename T> static const T *findNamed(const std::vector<T> &items, const QString &name)
{
    for (const T &item : items) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

const InputValue *FieldDef::argument(const QString &argName) const
{
    return findNamed(arguments, argName);
}

const InputValue *DirectiveDef::argument(const QString &argName) const
{
    return findNamed(arguments, argName);
}

bool DirectiveDef::allowsLocation(QLatin1String location) const
{
    for (const QString &l : locations) {
        if (l == location)
            return true;
    }
    return false;
}

bool NamedType::isComposite() const
{
    return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union;
}

bool NamedType::isInput() const
{
    return kind == TypeKind::Scalar || kind == TypeKind::Enum || kind == TypeKind::InputObject;
}

const FieldDef *NamedType::field(const QString &fieldName) const
{
    return findNamed(fields, fieldName);
}

const InputValue *NamedType::inputField(const QString &fieldName) const
{
    return findNamed(inputFields, fieldName);
}

const EnumValue *NamedType::enumValue(const QString &valueName) const
{
    return findNamed(enumValues, valueName);
}

void Schema::addType(NamedType type)
{
    const auto existing = m_typeIndex.constFind(type.name);
    if (existing != m_typeIndex.constEnd()) {
        m_types[size_t(*existing)] = std::move(type);
        return;
    }
    m_typeIndex.insert(type.name, int(m_types.size()));
    m_types.push_back(std::move(type));
}

void Schema::addDirective(DirectiveDef directive)
{
    const auto existing = m_directiveIndex.constFind(directive.name);
    if (existing != m_directiveIndex.constEnd()) {
        m_directives[size_t(*existing)] = std::move(directive);
        return;
    }
    m_directiveIndex.insert(directive.name, int(m_directives.size()));
    m_directives.push_back(std::move(directive));
}

// Indexes and the implementation map are rebuilt once a build is complete, since extensions
// may add interfaces to types defined earlier.
void Schema::reindex()
{
    m_typeIndex.clear();
    m_directiveIndex.clear();
    m_implementations.clear();
    for (size_t i = 0; i < m_types.size(); ++i) {
        m_typeIndex.insert(m_types[i].name, int(i));
        for (const QString &iface : m_types[i].interfaces)
            m_implementations[iface].push_back(m_types[i].name);
    }
    for (size_t i = 0; i < m_directives.size(); ++i)
        m_directiveIndex.insert(m_directives[i].name, int(i));
}

const NamedType *Schema::type(const QString &name) const
{
    const auto it = m_typeIndex.constFind(name);
    return it == m_typeIndex.constEnd() ? nullptr : &m_types[size_t(*it)];
}

const DirectiveDef *Schema::directive(const QString &name) const
{
    const auto it = m_directiveIndex.constFind(name);
    return it == m_directiveIndex.constEnd() ? nullptr : &m_directives[size_t(*it)];
}

QString Schema::rootTypeName(OperationType operation) const
{
    return m_roots[int(operation)];
}

const NamedType *Schema::rootType(OperationType operation) const
{
    const QString &name = m_roots[int(operation)];
    if (name.isEmpty())
        return nullptr;
    const NamedType *root = type(name);
    return root && root->kind == TypeKind::Object ? root : nullptr;
}

std::vector<const NamedType *> Schema::possibleTypes(const NamedType &t) const
{
    std::vector<const NamedType *> result;
    switch (t.kind) {
    case TypeKind::Object:
        result.push_back(&t);
        break;
    case TypeKind::Union:
        for (const QString &member : t.members) {
            if (const NamedType *m = type(member); m && m->kind == TypeKind::Object)
                result.push_back(m);
        }
        break;
    case TypeKind::Interface:
        for (const QString &impl : m_implementations.value(t.name)) {
            if (const NamedType *m = type(impl); m && m->kind == TypeKind::Object)
                result.push_back(m);
        }
        break;
    case TypeKind::Scalar:
    case TypeKind::Enum:
    case TypeKind::InputObject:
        break;
    }
    return result;
}

bool Schema::isPossibleType(const NamedType &abstractType, const QString &objectName) const
{
    switch (abstractType.kind) {
    case TypeKind::Union:
        return std::find(abstractType.members.begin(), abstractType.members.end(), objectName) !=
               abstractType.members.end();
    case TypeKind::Interface: {
        // Interfaces implementing this interface count too (interface field covariance).
        const auto impls = m_implementations.value(abstractType.name);
        return std::find(impls.begin(), impls.end(), objectName) != impls.end();
    }
    case TypeKind::Object:
        return abstractType.name == objectName;
    case TypeKind::Scalar:
    case TypeKind::Enum:
    case TypeKind::InputObject:
        return false;
    }
    return false;
}

bool Schema::isSubTypeOf(const TypeExpr &sub, const TypeExpr &super) const
{
    if (super.isNonNull())
        return sub.isNonNull() && isSubTypeOf(sub.inner(), super.inner());
    if (sub.isNonNull())
        return isSubTypeOf(sub.inner(), super);
    if (super.isList())
        return sub.isList() && isSubTypeOf(sub.inner(), super.inner());
    if (sub.isList())
        return false;
    if (sub.name == super.name)
        return true;
    const NamedType *superType = type(super.name);
    return superType && superType->isAbstract() && isPossibleType(*superType, sub.name);
}

const FieldDef *Schema::fieldFor(const NamedType &t, const QString &fieldName) const
{
    if (fieldName.startsWith(QLatin1String("__"))) {
        if (fieldName == QLatin1String("__typename") && t.isComposite())
            return &m_typenameField;
        if (t.name == m_roots[int(OperationType::Query)]) {
            if (fieldName == QLatin1String("__schema"))
                return &m_schemaField;
            if (fieldName == QLatin1String("__type"))
                return &m_typeField;
        }
    }
    switch (t.kind) {
    case TypeKind::Object:
    case TypeKind::Interface:
        return t.field(fieldName);
    case TypeKind::Union:
    case TypeKind::Scalar:
    case TypeKind::Enum:
    case TypeKind::InputObject:
        break;
    }
    return nullptr;
}

bool operator==(const Schema &a, const Schema &b)
{
    for (int i = 0; i < 3; ++i) {
        if (a.m_roots[i] != b.m_roots[i])
            return false;
    }
    // Order of definitions is presentation, not meaning: compare by name.
    if (a.m_types.size() != b.m_types.size() || a.m_directives.size() != b.m_directives.size())
        return false;
    for (const NamedType &t : a.m_types) {
        const NamedType *other = b.type(t.name);
        if (!other || !(*other == t))
            return false;
    }
    for (const DirectiveDef &d : a.m_directives) {
        const DirectiveDef *other = b.directive(d.name);
        if (!other || !(*other == d))
            return false;
    }
    return true;
}

// ---- SDL printer ------------------------------------------------------------------------------

namespace {

QString printDescription(const QString &description, const QString &indent, bool firstInBlock)
{
    if (description.isNull())
        return QString();
    QString block = Printer::printBlockString(description);
    block.replace(QLatin1Char('\n'), QLatin1Char('\n') + indent);
    const QString prefix = !indent.isEmpty() && !firstInBlock ? QLatin1Char('\n') + indent : indent;
    return prefix + block + QLatin1Char('\n');
}

QString printDeprecated(bool deprecated, const QString &reason)
{
    if (!deprecated)
        return QString();
    if (reason.isNull() || reason == QLatin1String("No longer supported"))
        return QStringLiteral(" @deprecated");
    return QStringLiteral(" @deprecated(reason: %1)").arg(Printer::printString(reason));
}

QString printApplied(const std::vector<AppliedDirective> &directives)
{
    QString text;
    for (const AppliedDirective &d : directives) {
        text += QStringLiteral(" @") + d.name;
        if (d.arguments.empty())
            continue;
        QStringList args;
        for (const auto &[name, value] : d.arguments)
            args << name + QStringLiteral(": ") + value;
        text += QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return text;
}

QString printInputValue(const InputValue &value, const QString &indent, bool first)
{
    return printDescription(value.description, indent, first) + indent + value.name +
           QStringLiteral(": ") + value.type.toString() +
           (value.defaultValue ? QStringLiteral(" = ") + *value.defaultValue : QString()) +
           printDeprecated(value.deprecated, value.deprecationReason) +
           printApplied(value.directives);
}

QString printArguments(const std::vector<InputValue> &args, const QString &indent)
{
    if (args.empty())
        return QString();
    const bool described = std::any_of(args.begin(), args.end(),
                                       [](const InputValue &a) { return !a.description.isNull(); });
    QStringList items;
    if (!described) {
        for (const InputValue &a : args)
            items << printInputValue(a, QString(), true);
        return QLatin1Char('(') + items.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    for (size_t i = 0; i < args.size(); ++i)
        items << printInputValue(args[i], indent + QStringLiteral("  "), i == 0);
    return QStringLiteral("(\n") + items.join(QLatin1Char('\n')) + QLatin1Char('\n') + indent +
           QLatin1Char(')');
}

QString printBlock(const QStringList &lines)
{
    return lines.isEmpty()
               ? QString()
               : QStringLiteral(" {\n") + lines.join(QLatin1Char('\n')) + QStringLiteral("\n}");
}

QString printType(const NamedType &t)
{
    QString head = printDescription(t.description, QString(), true);
    QStringList lines;
    const QString implements =
        t.interfaces.empty()
            ? QString()
            : QStringLiteral(" implements ") +
                  QStringList(t.interfaces.begin(), t.interfaces.end()).join(QStringLiteral(" & "));
    switch (t.kind) {
    case TypeKind::Scalar:
        return head + QStringLiteral("scalar ") + t.name +
               (t.specifiedByUrl.isEmpty() ? QString()
                                           : QStringLiteral(" @specifiedBy(url: %1)")
                                                 .arg(Printer::printString(t.specifiedByUrl))) +
               printApplied(t.directives);
    case TypeKind::Object:
    case TypeKind::Interface:
        for (size_t i = 0; i < t.fields.size(); ++i) {
            const FieldDef &f = t.fields[i];
            lines << printDescription(f.description, QStringLiteral("  "), i == 0) +
                         QStringLiteral("  ") + f.name +
                         printArguments(f.arguments, QStringLiteral("  ")) + QStringLiteral(": ") +
                         f.type.toString() + printDeprecated(f.deprecated, f.deprecationReason) +
                         printApplied(f.directives);
        }
        return head +
               (t.kind == TypeKind::Object ? QStringLiteral("type ")
                                           : QStringLiteral("interface ")) +
               t.name + implements + printApplied(t.directives) + printBlock(lines);
    case TypeKind::Union:
        return head + QStringLiteral("union ") + t.name + printApplied(t.directives) +
               (t.members.empty()
                    ? QString()
                    : QStringLiteral(" = ") + QStringList(t.members.begin(), t.members.end())
                                                  .join(QStringLiteral(" | ")));
    case TypeKind::Enum:
        for (size_t i = 0; i < t.enumValues.size(); ++i) {
            const EnumValue &v = t.enumValues[i];
            lines << printDescription(v.description, QStringLiteral("  "), i == 0) +
                         QStringLiteral("  ") + v.name +
                         printDeprecated(v.deprecated, v.deprecationReason) +
                         printApplied(v.directives);
        }
        return head + QStringLiteral("enum ") + t.name + printApplied(t.directives) +
               printBlock(lines);
    case TypeKind::InputObject:
        for (size_t i = 0; i < t.inputFields.size(); ++i)
            lines << printInputValue(t.inputFields[i], QStringLiteral("  "), i == 0);
        return head + QStringLiteral("input ") + t.name + printApplied(t.directives) +
               printBlock(lines);
    }
    return head;
}

} // namespace

QString Schema::toSdl() const
{
    QStringList parts;
    const bool conventional = m_roots[0] == QLatin1String("Query") &&
                              (m_roots[1].isEmpty() || m_roots[1] == QLatin1String("Mutation")) &&
                              (m_roots[2].isEmpty() || m_roots[2] == QLatin1String("Subscription"));
    if (!conventional || !m_description.isNull()) {
        QStringList ops;
        const char *names[] = {"query", "mutation", "subscription"};
        for (int i = 0; i < 3; ++i) {
            if (!m_roots[i].isEmpty())
                ops << QStringLiteral("  %1: %2").arg(QLatin1String(names[i]), m_roots[i]);
        }
        parts << printDescription(m_description, QString(), true) + QStringLiteral("schema") +
                     printBlock(ops);
    }
    for (const DirectiveDef &d : m_directives) {
        if (d.builtIn)
            continue;
        parts
            << printDescription(d.description, QString(), true) + QStringLiteral("directive @") +
                   d.name + printArguments(d.arguments, QString()) +
                   (d.repeatable ? QStringLiteral(" repeatable") : QString()) +
                   QStringLiteral(" on ") +
                   QStringList(d.locations.begin(), d.locations.end()).join(QStringLiteral(" | "));
    }
    for (const NamedType &t : m_types) {
        if (!t.builtIn)
            parts << printType(t);
    }
    return parts.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

} // namespace Gatehouse::Core::GraphQL
