#include "validation.h"

#include "fieldmerging.h"
#include "printer.h"
#include "suggestions.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace Gatehouse::Core::GraphQL {

namespace {

struct VariableUsage
{
    QString name;
    Span span;
    std::optional<TypeExpr> expected; // the input type of the position, when known
    bool locationHasDefault = false;
};

struct Spread
{
    QString name;
    Span span;
};

// What one operation or fragment uses directly; operations then follow spreads transitively.
struct Scope
{
    std::vector<VariableUsage> usages;
    std::vector<Spread> spreads;
};

QLatin1String typeSystemLocation(TypeSystemDefinition::Kind kind)
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
        break;
    }
    return QLatin1String("DIRECTIVE_DEFINITION");
}

class Context
{
public:
    Context(const Schema &schema, const Document &document)
        : m_schema(schema)
        , m_document(document)
        , m_merging(schema, m_fragments)
    {}

    void run();
    std::vector<Diagnostic> errors;

private:
    void report(const char *rule, const QString &message, std::initializer_list<Span> spans);
    void report(const char *rule, const QString &message, const std::vector<Span> &spans);

    void operation(const OperationDefinition &op, Scope &scope);
    void fragment(const FragmentDefinition &fragment, Scope &scope);
    void selectionSet(const SelectionSet &set, const NamedType *parent, Scope &scope);
    void field(const Selection &selection, const NamedType *parent, Scope &scope);
    void inlineFragment(const Selection &selection, const NamedType *parent, Scope &scope);
    void fragmentSpread(const Selection &selection, const NamedType *parent, Scope &scope);
    void directives(const std::vector<Directive> &list, QLatin1String location, Scope &scope);
    void typeSystemDirectives(const TypeSystemDefinition &definition);
    void arguments(const std::vector<Argument> &args, const std::vector<InputValue> *defs,
                   const QString &owner, bool directive, Span node, Scope &scope);
    void value(const Value &v, const std::optional<TypeExpr> &location, bool locationHasDefault,
               Scope &scope);
    void untypedValue(const Value &v, Scope &scope);
    void leafValue(const Value &v, const TypeExpr &location);
    const NamedType *typeCondition(const Name &name, bool inlineFragment,
                                   const QString &fragmentName);
    bool typesOverlap(const NamedType &a, const NamedType &b) const;
    QString fieldSuggestion(const NamedType &parent, const QString &fieldName) const;
    QString typeSuggestion(const QString &typeName) const;
    void collectRootFields(const SelectionSet &set,
                           std::vector<std::pair<QString, std::vector<Span>>> &fields,
                           QSet<QString> &visited);
    std::vector<const Scope *> recursiveScopes(const Scope &scope) const;
    void fragmentCycles();
    void detectCycle(const QString &name, QSet<QString> &visited, std::vector<Spread> &path,
                     QHash<QString, int> &indexByName);

    const Schema &m_schema;
    const Document &m_document;
    QHash<QString, const FragmentDefinition *> m_fragments;
    QHash<QString, Scope> m_fragmentScopes;
    FieldMerging m_merging;
};

void Context::report(const char *rule, const QString &message, std::initializer_list<Span> spans)
{
    report(rule, message, std::vector<Span>(spans));
}

void Context::report(const char *rule, const QString &message, const std::vector<Span> &spans)
{
    Diagnostic d;
    d.rule = QLatin1String(rule);
    d.message = message;
    for (const Span &s : spans) {
        d.offsets.push_back(s.start);
        d.locations.push_back(m_document.position(s.start));
    }
    errors.push_back(std::move(d));
}

void Context::run()
{
    QHash<QString, Span> operationNames, fragmentNames;
    int operations = 0;
    for (const Definition &definition : m_document.definitions) {
        if (const auto *op = std::get_if<OperationDefinition>(&definition)) {
            ++operations;
            if (op->name) {
                if (operationNames.contains(op->name->value))
                    report("UniqueOperationNames",
                           QStringLiteral("There can be only one operation named \"%1\".")
                               .arg(op->name->value),
                           {operationNames.value(op->name->value), op->name->span});
                else
                    operationNames.insert(op->name->value, op->name->span);
            }
        } else if (const auto *fragment = std::get_if<FragmentDefinition>(&definition)) {
            if (fragmentNames.contains(fragment->name.value)) {
                report("UniqueFragmentNames",
                       QStringLiteral("There can be only one fragment named \"%1\".")
                           .arg(fragment->name.value),
                       {fragmentNames.value(fragment->name.value), fragment->name.span});
            } else {
                fragmentNames.insert(fragment->name.value, fragment->name.span);
                m_fragments.insert(fragment->name.value, fragment);
            }
        } else if (const auto *sdl = std::get_if<TypeSystemDefinition>(&definition)) {
            const QString name = sdl->kind == TypeSystemDefinition::Kind::Schema
                                     ? QStringLiteral("schema")
                                     : sdl->name.value;
            report("ExecutableDefinitions",
                   sdl->kind == TypeSystemDefinition::Kind::Schema
                       ? QStringLiteral("The schema definition is not executable.")
                       : QStringLiteral("The \"%1\" definition is not executable.").arg(name),
                   {sdl->span});
            // Directives in it are still checked, as graphql-js does, so a stray one is marked.
            typeSystemDirectives(*sdl);
        }
    }

    for (const Definition &definition : m_document.definitions) {
        if (const auto *fragment = std::get_if<FragmentDefinition>(&definition)) {
            if (m_fragments.value(fragment->name.value) == fragment)
                this->fragment(*fragment, m_fragmentScopes[fragment->name.value]);
        }
    }
    QSet<QString> usedFragments;
    for (const Definition &definition : m_document.definitions) {
        const auto *op = std::get_if<OperationDefinition>(&definition);
        if (!op)
            continue;
        if (!op->name && operations > 1)
            report("LoneAnonymousOperation",
                   QStringLiteral("This anonymous operation must be the only defined operation."),
                   {op->span});
        Scope scope;
        operation(*op, scope);
        const std::vector<const Scope *> scopes = recursiveScopes(scope);
        for (const auto &[name, fragmentScope] : m_fragmentScopes.asKeyValueRange()) {
            if (std::find(scopes.begin(), scopes.end(), &fragmentScope) != scopes.end())
                usedFragments.insert(name);
        }

        // Variables: defined, used, and used where their type fits.
        QHash<QString, const VariableDefinition *> defined;
        for (const VariableDefinition &v : op->variableDefinitions)
            defined.insert(v.name.value, &v);
        QSet<QString> used;
        for (const Scope *s : scopes) {
            for (const VariableUsage &usage : s->usages) {
                used.insert(usage.name);
                const VariableDefinition *def = defined.value(usage.name);
                if (!def) {
                    report(
                        "NoUndefinedVariables",
                        op->name
                            ? QStringLiteral("Variable \"$%1\" is not defined by operation \"%2\".")
                                  .arg(usage.name, op->name->value)
                            : QStringLiteral("Variable \"$%1\" is not defined.").arg(usage.name),
                        {usage.span, op->span});
                    continue;
                }
                const TypeExpr varType = TypeExpr::fromAst(def->type);
                if (!usage.expected || !m_schema.type(varType.name) ||
                    !m_schema.type(usage.expected->name))
                    continue;
                bool allowed;
                if (usage.expected->isNonNull() && !varType.isNonNull()) {
                    const bool nonNullDefault =
                        def->defaultValue && def->defaultValue->kind != Value::Kind::Null;
                    allowed = (nonNullDefault || usage.locationHasDefault) &&
                              m_schema.isSubTypeOf(varType, usage.expected->inner());
                } else {
                    allowed = m_schema.isSubTypeOf(varType, *usage.expected);
                }
                if (!allowed)
                    report("VariablesInAllowedPosition",
                           QStringLiteral("Variable \"$%1\" of type \"%2\" used in position "
                                          "expecting type \"%3\".")
                               .arg(usage.name, varType.toString(), usage.expected->toString()),
                           {def->span, usage.span});
            }
        }
        for (const VariableDefinition &v : op->variableDefinitions) {
            if (!used.contains(v.name.value))
                report("NoUnusedVariables",
                       op->name
                           ? QStringLiteral("Variable \"$%1\" is never used in operation \"%2\".")
                                 .arg(v.name.value, op->name->value)
                           : QStringLiteral("Variable \"$%1\" is never used.").arg(v.name.value),
                       {v.span});
        }
    }
    for (const auto &[name, fragment] : m_fragments.asKeyValueRange()) {
        if (!usedFragments.contains(name))
            report("NoUnusedFragments", QStringLiteral("Fragment \"%1\" is never used.").arg(name),
                   {fragment->span});
    }
    fragmentCycles();
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return (a.offsets.empty() ? 0 : a.offsets.front()) <
               (b.offsets.empty() ? 0 : b.offsets.front());
    });
}

void Context::typeSystemDirectives(const TypeSystemDefinition &def)
{
    Scope ignored;
    directives(def.directives, typeSystemLocation(def.kind), ignored);
    for (const FieldDefinition &f : def.fields) {
        for (const InputValueDefinition &a : f.arguments)
            directives(a.directives, QLatin1String("ARGUMENT_DEFINITION"), ignored);
        directives(f.directives, QLatin1String("FIELD_DEFINITION"), ignored);
    }
    for (const EnumValueDefinition &v : def.enumValues)
        directives(v.directives, QLatin1String("ENUM_VALUE"), ignored);
    for (const InputValueDefinition &f : def.inputFields)
        directives(f.directives,
                   def.kind == TypeSystemDefinition::Kind::Directive
                       ? QLatin1String("ARGUMENT_DEFINITION")
                       : QLatin1String("INPUT_FIELD_DEFINITION"),
                   ignored);
}

void Context::operation(const OperationDefinition &op, Scope &scope)
{
    QHash<QString, Span> names;
    for (const VariableDefinition &v : op.variableDefinitions) {
        if (names.contains(v.name.value))
            report(
                "UniqueVariableNames",
                QStringLiteral("There can be only one variable named \"$%1\".").arg(v.name.value),
                {names.value(v.name.value), v.name.span});
        else
            names.insert(v.name.value, v.name.span);
        const Name &typeName = v.type.namedType();
        const NamedType *type = m_schema.type(typeName.value);
        if (!type)
            report("KnownTypeNames",
                   QStringLiteral("Unknown type \"%1\".").arg(typeName.value) +
                       typeSuggestion(typeName.value),
                   {typeName.span});
        else if (!type->isInput())
            report("VariablesAreInputTypes",
                   QStringLiteral("Variable \"$%1\" cannot be non-input type \"%2\".")
                       .arg(v.name.value, Printer::print(v.type)),
                   {v.type.span});
        if (v.defaultValue) {
            Scope ignored; // a default is constant; the parser already refuses variables in it
            value(*v.defaultValue,
                  type && type->isInput() ? std::optional(TypeExpr::fromAst(v.type)) : std::nullopt,
                  false, ignored);
        }
        directives(v.directives, QLatin1String("VARIABLE_DEFINITION"), scope);
    }
    const QLatin1String locations[] = {QLatin1String("QUERY"), QLatin1String("MUTATION"),
                                       QLatin1String("SUBSCRIPTION")};
    directives(op.directives, locations[int(op.operation)], scope);
    const NamedType *root = m_schema.rootType(op.operation);
    if (!root && op.operation != OperationType::Query)
        report("KnownOperationTypes",
               QStringLiteral("The %1 operation is not supported by the schema.")
                   .arg(operationTypeName(op.operation)),
               {op.span});
    if (op.operation == OperationType::Subscription) {
        std::vector<std::pair<QString, std::vector<Span>>> fields;
        QSet<QString> visited;
        collectRootFields(op.selectionSet, fields, visited);
        const QString who = op.name ? QStringLiteral("Subscription \"%1\"").arg(op.name->value)
                                    : QStringLiteral("Anonymous Subscription");
        if (fields.size() > 1) {
            std::vector<Span> extra;
            for (size_t i = 1; i < fields.size(); ++i)
                extra.insert(extra.end(), fields[i].second.begin(), fields[i].second.end());
            report("SingleFieldSubscriptions",
                   who + QStringLiteral(" must select only one top level field."), extra);
        }
        for (const auto &[name, spans] : fields) {
            if (name.startsWith(QLatin1String("__")))
                report("SingleFieldSubscriptions",
                       who + QStringLiteral(" must not select an introspection top level field."),
                       spans);
        }
    }
    selectionSet(op.selectionSet, root, scope);
}

void Context::collectRootFields(const SelectionSet &set,
                                std::vector<std::pair<QString, std::vector<Span>>> &fields,
                                QSet<QString> &visited)
{
    for (const Selection &s : set.selections) {
        switch (s.kind) {
        case Selection::Kind::Field: {
            const QString key = s.responseName().value;
            auto it = std::find_if(fields.begin(), fields.end(),
                                   [&](const auto &f) { return f.first == key; });
            if (it == fields.end())
                fields.push_back({key, {s.span}});
            else
                it->second.push_back(s.span);
            break;
        }
        case Selection::Kind::InlineFragment:
            collectRootFields(s.selectionSet, fields, visited);
            break;
        case Selection::Kind::FragmentSpread:
            if (const FragmentDefinition *f = m_fragments.value(s.name.value);
                f && !visited.contains(s.name.value)) {
                visited.insert(s.name.value);
                collectRootFields(f->selectionSet, fields, visited);
            }
            break;
        }
    }
}

const NamedType *Context::typeCondition(const Name &name, bool inlineFragment,
                                        const QString &fragmentName)
{
    const NamedType *type = m_schema.type(name.value);
    if (!type) {
        report("KnownTypeNames",
               QStringLiteral("Unknown type \"%1\".").arg(name.value) + typeSuggestion(name.value),
               {name.span});
        return nullptr;
    }
    if (!type->isComposite()) {
        report(
            "FragmentsOnCompositeTypes",
            inlineFragment
                ? QStringLiteral("Fragment cannot condition on non composite type \"%1\".")
                      .arg(name.value)
                : QStringLiteral("Fragment \"%1\" cannot condition on non composite type \"%2\".")
                      .arg(fragmentName, name.value),
            {name.span});
        return nullptr;
    }
    return type;
}

void Context::fragment(const FragmentDefinition &fragment, Scope &scope)
{
    const NamedType *type = typeCondition(fragment.typeCondition, false, fragment.name.value);
    directives(fragment.directives, QLatin1String("FRAGMENT_DEFINITION"), scope);
    selectionSet(fragment.selectionSet, type, scope);
}

void Context::selectionSet(const SelectionSet &set, const NamedType *parent, Scope &scope)
{
    if (!set.selections.empty()) {
        for (const FieldMerging::Conflict &c : m_merging.check(set, parent))
            report("OverlappingFieldsCanBeMerged", c.message, c.spans);
    }
    for (const Selection &s : set.selections) {
        switch (s.kind) {
        case Selection::Kind::Field:
            field(s, parent, scope);
            break;
        case Selection::Kind::InlineFragment:
            inlineFragment(s, parent, scope);
            break;
        case Selection::Kind::FragmentSpread:
            fragmentSpread(s, parent, scope);
            break;
        }
    }
}

void Context::field(const Selection &s, const NamedType *parent, Scope &scope)
{
    const FieldDef *def = parent ? m_schema.fieldFor(*parent, s.name.value) : nullptr;
    if (parent && !def)
        report("FieldsOnCorrectType",
               QStringLiteral("Cannot query field \"%1\" on type \"%2\".")
                       .arg(s.name.value, parent->name) +
                   fieldSuggestion(*parent, s.name.value),
               {s.span});
    arguments(s.arguments, def ? &def->arguments : nullptr,
              parent ? parent->name + QLatin1Char('.') + s.name.value : s.name.value, false, s.span,
              scope);
    directives(s.directives, QLatin1String("FIELD"), scope);
    const NamedType *type = def ? m_schema.type(def->type.name) : nullptr;
    const bool hasSelection = !s.selectionSet.span.isEmpty() || !s.selectionSet.selections.empty();
    if (type && type->isLeaf() && hasSelection)
        report("ScalarLeafs",
               QStringLiteral(
                   "Field \"%1\" must not have a selection since type \"%2\" has no subfields.")
                   .arg(s.name.value, def->type.toString()),
               {s.selectionSet.span});
    else if (type && type->isComposite() && !hasSelection)
        report("ScalarLeafs",
               QStringLiteral("Field \"%1\" of type \"%2\" must have a selection of subfields. Did "
                              "you mean \"%1 { ... }\"?")
                   .arg(s.name.value, def->type.toString()),
               {s.span});
    selectionSet(s.selectionSet, type && type->isComposite() ? type : nullptr, scope);
}

// graphql-js's FieldsOnCorrectType hint: on an abstract type, the types (interfaces used most
// first, supertypes before subtypes) that do have the field; otherwise similar field names.
QString Context::fieldSuggestion(const NamedType &parent, const QString &fieldName) const
{
    if (parent.isAbstract()) {
        std::vector<const NamedType *> types;
        QHash<QString, int> usage;
        for (const NamedType *possible : m_schema.possibleTypes(parent)) {
            if (!possible->field(fieldName))
                continue;
            if (!usage.contains(possible->name))
                types.push_back(possible);
            usage[possible->name] = 1;
            for (const QString &ifaceName : possible->interfaces) {
                const NamedType *iface = m_schema.type(ifaceName);
                if (!iface || !iface->field(fieldName))
                    continue;
                if (!usage.contains(ifaceName))
                    types.push_back(iface);
                usage[ifaceName] += 1;
            }
        }
        std::stable_sort(types.begin(), types.end(), [&](const NamedType *a, const NamedType *b) {
            const int diff = usage.value(b->name) - usage.value(a->name);
            if (diff != 0)
                return diff < 0;
            if (a->kind == TypeKind::Interface && m_schema.isPossibleType(*a, b->name))
                return true;
            if (b->kind == TypeKind::Interface && m_schema.isPossibleType(*b, a->name))
                return false;
            return Suggestions::naturalCompare(a->name, b->name) < 0;
        });
        QStringList names;
        for (const NamedType *t : types)
            names << t->name;
        if (!names.isEmpty())
            return Suggestions::didYouMean(names, QStringLiteral("to use an inline fragment on"));
    }
    QStringList fields;
    for (const FieldDef &f : parent.fields)
        fields << f.name;
    return Suggestions::didYouMean(Suggestions::list(fieldName, fields));
}

QString Context::typeSuggestion(const QString &typeName) const
{
    QStringList names;
    for (const NamedType &t : m_schema.types())
        names << t.name;
    return Suggestions::didYouMean(Suggestions::list(typeName, names));
}

bool Context::typesOverlap(const NamedType &a, const NamedType &b) const
{
    if (a.name == b.name)
        return true;
    if (a.isAbstract()) {
        if (b.isAbstract()) {
            for (const NamedType *t : m_schema.possibleTypes(a)) {
                if (m_schema.isPossibleType(b, t->name))
                    return true;
            }
            return false;
        }
        return m_schema.isPossibleType(a, b.name);
    }
    return b.isAbstract() && m_schema.isPossibleType(b, a.name);
}

void Context::inlineFragment(const Selection &s, const NamedType *parent, Scope &scope)
{
    const NamedType *type = parent;
    if (s.typeCondition) {
        type = typeCondition(*s.typeCondition, true, QString());
        if (type && parent && !typesOverlap(*type, *parent))
            report("PossibleFragmentSpreads",
                   QStringLiteral("Fragment cannot be spread here as objects of type \"%1\" can "
                                  "never be of type \"%2\".")
                       .arg(parent->name, type->name),
                   {s.span});
    }
    directives(s.directives, QLatin1String("INLINE_FRAGMENT"), scope);
    selectionSet(s.selectionSet, type, scope);
}

void Context::fragmentSpread(const Selection &s, const NamedType *parent, Scope &scope)
{
    scope.spreads.push_back(Spread{s.name.value, s.span});
    directives(s.directives, QLatin1String("FRAGMENT_SPREAD"), scope);
    const FragmentDefinition *fragment = m_fragments.value(s.name.value);
    if (!fragment) {
        report("KnownFragmentNames", QStringLiteral("Unknown fragment \"%1\".").arg(s.name.value),
               {s.name.span});
        return;
    }
    const NamedType *type = m_schema.type(fragment->typeCondition.value);
    if (type && type->isComposite() && parent && !typesOverlap(*type, *parent))
        report("PossibleFragmentSpreads",
               QStringLiteral("Fragment \"%1\" cannot be spread here as objects of type \"%2\" can "
                              "never be of type \"%3\".")
                   .arg(s.name.value, parent->name, type->name),
               {s.span});
}

void Context::directives(const std::vector<Directive> &list, QLatin1String location, Scope &scope)
{
    QHash<QString, Span> seen;
    for (const Directive &d : list) {
        const DirectiveDef *def = m_schema.directive(d.name.value);
        if (!def) {
            report("KnownDirectives",
                   QStringLiteral("Unknown directive \"@%1\".").arg(d.name.value), {d.span});
        } else {
            if (!def->allowsLocation(location))
                report("KnownDirectives",
                       QStringLiteral("Directive \"@%1\" may not be used on %2.")
                           .arg(d.name.value, location),
                       {d.span});
            if (!def->repeatable && seen.contains(d.name.value))
                report(
                    "UniqueDirectivesPerLocation",
                    QStringLiteral("The directive \"@%1\" can only be used once at this location.")
                        .arg(d.name.value),
                    {seen.value(d.name.value), d.span});
        }
        seen.insert(d.name.value, d.span);
        arguments(d.arguments, def ? &def->arguments : nullptr, d.name.value, true, d.span, scope);
    }
}

void Context::arguments(const std::vector<Argument> &args, const std::vector<InputValue> *defs,
                        const QString &owner, bool directive, Span node, Scope &scope)
{
    QHash<QString, Span> seen;
    for (const Argument &a : args) {
        if (seen.contains(a.name.value))
            report("UniqueArgumentNames",
                   QStringLiteral("There can be only one argument named \"%1\".").arg(a.name.value),
                   {seen.value(a.name.value), a.name.span});
        else
            seen.insert(a.name.value, a.name.span);
        const InputValue *def = nullptr;
        if (defs) {
            for (const InputValue &candidate : *defs) {
                if (candidate.name == a.name.value)
                    def = &candidate;
            }
            if (!def) {
                QStringList names;
                for (const InputValue &candidate : *defs)
                    names << candidate.name;
                report("KnownArgumentNames",
                       (directive ? QStringLiteral("Unknown argument \"%1\" on directive \"@%2\".")
                                        .arg(a.name.value, owner)
                                  : QStringLiteral("Unknown argument \"%1\" on field \"%2\".")
                                        .arg(a.name.value, owner)) +
                           Suggestions::didYouMean(Suggestions::list(a.name.value, names)),
                       {a.span});
            }
        }
        value(a.value, def ? std::optional(def->type) : std::nullopt, def && def->defaultValue,
              scope);
    }
    if (!defs)
        return;
    for (const InputValue &def : *defs) {
        if (!def.type.isNonNull() || def.defaultValue || seen.contains(def.name))
            continue;
        const QString name = directive ? owner : owner.section(QLatin1Char('.'), -1);
        report("ProvidedRequiredArguments",
               directive ? QStringLiteral("Directive \"@%1\" argument \"%2\" of type \"%3\" is "
                                          "required, but it was not provided.")
                               .arg(name, def.name, def.type.toString())
                         : QStringLiteral("Field \"%1\" argument \"%2\" of type \"%3\" is "
                                          "required, but it was not provided.")
                               .arg(name, def.name, def.type.toString()),
               {node});
    }
}

void Context::untypedValue(const Value &v, Scope &scope)
{
    switch (v.kind) {
    case Value::Kind::Variable:
        scope.usages.push_back(VariableUsage{v.text, v.span, std::nullopt, false});
        break;
    case Value::Kind::List:
        for (const Value &item : v.list)
            untypedValue(item, scope);
        break;
    case Value::Kind::Object: {
        QHash<QString, Span> seen;
        for (const ObjectField &f : v.fields) {
            if (seen.contains(f.name.value))
                report("UniqueInputFieldNames",
                       QStringLiteral("There can be only one input field named \"%1\".")
                           .arg(f.name.value),
                       {seen.value(f.name.value), f.name.span});
            seen.insert(f.name.value, f.name.span);
            untypedValue(f.value, scope);
        }
        break;
    }
    case Value::Kind::Int:
    case Value::Kind::Float:
    case Value::Kind::String:
    case Value::Kind::Boolean:
    case Value::Kind::Null:
    case Value::Kind::Enum:
        break;
    }
}

// graphql-js's ValuesOfCorrectType: a literal checked against the input type of its position.
void Context::value(const Value &v, const std::optional<TypeExpr> &location,
                    bool locationHasDefault, Scope &scope)
{
    if (v.kind == Value::Kind::Variable) {
        scope.usages.push_back(VariableUsage{v.text, v.span, location, locationHasDefault});
        return;
    }
    if (!location || !m_schema.type(location->name)) {
        untypedValue(v, scope);
        return;
    }
    if (v.kind == Value::Kind::Null) {
        if (location->isNonNull())
            report("ValuesOfCorrectType",
                   QStringLiteral("Expected value of type \"%1\", found null.")
                       .arg(location->toString()),
                   {v.span});
        return;
    }
    const TypeExpr nullable = location->isNonNull() ? location->inner() : *location;
    const NamedType *named = m_schema.type(location->name);
    if (v.kind == Value::Kind::List) {
        if (nullable.isList()) {
            for (const Value &item : v.list)
                value(item, nullable.inner(), false, scope);
        } else {
            leafValue(v, *location);
            untypedValue(v, scope);
        }
        return;
    }
    if (v.kind == Value::Kind::Object) {
        if (named->kind != TypeKind::InputObject) {
            leafValue(v, *location);
            untypedValue(v, scope);
            return;
        }
        QHash<QString, Span> seen;
        for (const ObjectField &f : v.fields) {
            if (seen.contains(f.name.value))
                report("UniqueInputFieldNames",
                       QStringLiteral("There can be only one input field named \"%1\".")
                           .arg(f.name.value),
                       {seen.value(f.name.value), f.name.span});
            seen.insert(f.name.value, f.name.span);
            const InputValue *def = named->inputField(f.name.value);
            if (!def) {
                QStringList names;
                for (const InputValue &candidate : named->inputFields)
                    names << candidate.name;
                report("ValuesOfCorrectType",
                       QStringLiteral("Field \"%1\" is not defined by type \"%2\".")
                               .arg(f.name.value, named->name) +
                           Suggestions::didYouMean(Suggestions::list(f.name.value, names)),
                       {f.span});
            }
            value(f.value, def ? std::optional(def->type) : std::nullopt, def && def->defaultValue,
                  scope);
        }
        for (const InputValue &def : named->inputFields) {
            if (def.type.isNonNull() && !def.defaultValue && !seen.contains(def.name))
                report("ValuesOfCorrectType",
                       QStringLiteral("Field \"%1.%2\" of required type \"%3\" was not provided.")
                           .arg(named->name, def.name, def.type.toString()),
                       {v.span});
        }
        return;
    }
    leafValue(v, *location);
}

void Context::leafValue(const Value &v, const TypeExpr &location)
{
    const NamedType *named = m_schema.type(location.name);
    const QString printed = Printer::print(v);
    if (!named->isLeaf()) {
        report("ValuesOfCorrectType",
               QStringLiteral("Expected value of type \"%1\", found %2.")
                   .arg(location.toString(), printed),
               {v.span});
        return;
    }
    if (named->kind == TypeKind::Enum) {
        QStringList values;
        for (const EnumValue &e : named->enumValues)
            values << e.name;
        const QString hint = Suggestions::didYouMean(Suggestions::list(printed, values),
                                                     QStringLiteral("the enum value"));
        if (v.kind != Value::Kind::Enum)
            report("ValuesOfCorrectType",
                   QStringLiteral("Enum \"%1\" cannot represent non-enum value: %2.")
                           .arg(named->name, printed) +
                       hint,
                   {v.span});
        else if (!named->enumValue(v.text))
            report("ValuesOfCorrectType",
                   QStringLiteral("Value \"%1\" does not exist in \"%2\" enum.")
                           .arg(printed, named->name) +
                       hint,
                   {v.span});
        return;
    }
    using Kind = Value::Kind;
    const QString &name = named->name;
    QString problem;
    if (name == QLatin1String("Int")) {
        if (v.kind != Kind::Int) {
            problem = QStringLiteral("Int cannot represent non-integer value: %1").arg(printed);
        } else {
            bool ok = false;
            const qlonglong n = v.text.toLongLong(&ok);
            if (!ok || n > 2147483647LL || n < -2147483648LL)
                problem = QStringLiteral("Int cannot represent non 32-bit signed integer value: %1")
                              .arg(v.text);
        }
    } else if (name == QLatin1String("Float")) {
        if (v.kind != Kind::Float && v.kind != Kind::Int)
            problem = QStringLiteral("Float cannot represent non numeric value: %1").arg(printed);
    } else if (name == QLatin1String("String")) {
        if (v.kind != Kind::String)
            problem = QStringLiteral("String cannot represent a non string value: %1").arg(printed);
    } else if (name == QLatin1String("Boolean")) {
        if (v.kind != Kind::Boolean)
            problem =
                QStringLiteral("Boolean cannot represent a non boolean value: %1").arg(printed);
    } else if (name == QLatin1String("ID")) {
        if (v.kind != Kind::String && v.kind != Kind::Int)
            problem = QStringLiteral("ID cannot represent a non-string and non-integer value: %1")
                          .arg(printed);
    }
    // Custom scalars (AWSJSON, AWSDateTime, ...) accept any literal here, as graphql-js's default
    // parseLiteral does; the server checks their contents.
    if (!problem.isEmpty())
        report("ValuesOfCorrectType", problem, {v.span});
}

std::vector<const Scope *> Context::recursiveScopes(const Scope &scope) const
{
    std::vector<const Scope *> result{&scope};
    QSet<QString> seen;
    for (size_t i = 0; i < result.size(); ++i) {
        for (const Spread &spread : result[i]->spreads) {
            if (seen.contains(spread.name))
                continue;
            seen.insert(spread.name);
            const auto it = m_fragmentScopes.constFind(spread.name);
            if (it != m_fragmentScopes.constEnd())
                result.push_back(&*it);
        }
    }
    return result;
}

// graphql-js's NoFragmentCycles: a depth-first walk that reports each cycle once, at the spreads
// that form it.
void Context::fragmentCycles()
{
    QSet<QString> visited;
    std::vector<Spread> path;
    QHash<QString, int> indexByName;
    for (const Definition &definition : m_document.definitions) {
        if (const auto *fragment = std::get_if<FragmentDefinition>(&definition))
            detectCycle(fragment->name.value, visited, path, indexByName);
    }
}

void Context::detectCycle(const QString &name, QSet<QString> &visited, std::vector<Spread> &path,
                          QHash<QString, int> &indexByName)
{
    if (visited.contains(name))
        return;
    visited.insert(name);
    const auto scope = m_fragmentScopes.constFind(name);
    if (scope == m_fragmentScopes.constEnd() || scope->spreads.empty())
        return;
    indexByName.insert(name, int(path.size()));
    for (const Spread &spread : scope->spreads) {
        const auto cycleIndex = indexByName.constFind(spread.name);
        path.push_back(spread);
        if (cycleIndex == indexByName.constEnd()) {
            if (m_fragments.contains(spread.name))
                detectCycle(spread.name, visited, path, indexByName);
        } else {
            QStringList via;
            std::vector<Span> spans;
            for (size_t i = size_t(*cycleIndex); i < path.size(); ++i) {
                spans.push_back(path[i].span);
                if (i + 1 < path.size())
                    via << QLatin1Char('"') + path[i].name + QLatin1Char('"');
            }
            report("NoFragmentCycles",
                   QStringLiteral("Cannot spread fragment \"%1\" within itself").arg(spread.name) +
                       (via.isEmpty()
                            ? QStringLiteral(".")
                            : QStringLiteral(" via %1.").arg(via.join(QStringLiteral(", ")))),
                   spans);
        }
        path.pop_back();
    }
    indexByName.remove(name);
}

} // namespace

std::vector<Diagnostic> Validator::validate(const Schema &schema, const Document &document)
{
    Context context(schema, document);
    context.run();
    return std::move(context.errors);
}

} // namespace Gatehouse::Core::GraphQL
