#include "fieldmerging.h"

#include "printer.h"

#include <QStringList>
#include <algorithm>
#include <functional>

namespace Gatehouse::Core::GraphQL {

namespace {

// A value with its object fields in name order, printed: arguments that differ only in the
// order of input fields are the same arguments.
QString stringify(Value value)
{
    std::function<void(Value &)> sort = [&sort](Value &v) {
        for (Value &item : v.list)
            sort(item);
        for (ObjectField &f : v.fields)
            sort(f.value);
        std::stable_sort(
            v.fields.begin(), v.fields.end(),
            [](const ObjectField &a, const ObjectField &b) { return a.name.value < b.name.value; });
    };
    sort(value);
    return Printer::print(value);
}

bool sameArguments(const Selection &a, const Selection &b)
{
    if (a.arguments.size() != b.arguments.size())
        return false;
    for (const Argument &arg : a.arguments) {
        const auto other =
            std::find_if(b.arguments.begin(), b.arguments.end(),
                         [&](const Argument &x) { return x.name.value == arg.name.value; });
        if (other == b.arguments.end() || stringify(arg.value) != stringify(other->value))
            return false;
    }
    return true;
}

} // namespace

const std::vector<FieldMerging::FieldAndDef> *
FieldMerging::FieldMap::find(const QString &responseName) const
{
    for (const auto &[name, list] : fields) {
        if (name == responseName)
            return &list;
    }
    return nullptr;
}

std::vector<FieldMerging::Conflict> FieldMerging::check(const SelectionSet &set,
                                                        const NamedType *parent)
{
    std::vector<Found> found;
    const FieldMap &map = fieldsOf(set, parent);
    within(found, map);
    for (size_t i = 0; i < map.fragments.size(); ++i) {
        fieldsAndFragment(found, false, map, map.fragments[i]);
        for (size_t j = i + 1; j < map.fragments.size(); ++j)
            fragments(found, false, map.fragments[i], map.fragments[j]);
    }
    std::vector<Conflict> result;
    for (const Found &f : found) {
        Conflict c;
        c.message =
            QStringLiteral("Fields \"%1\" conflict because %2. Use different aliases on the "
                           "fields to fetch both if this was intentional.")
                .arg(f.reason.responseName, reasonMessage(f.reason));
        c.spans = f.fields1;
        c.spans.insert(c.spans.end(), f.fields2.begin(), f.fields2.end());
        result.push_back(std::move(c));
    }
    return result;
}

QString FieldMerging::reasonMessage(const Reason &reason)
{
    if (reason.sub.empty())
        return reason.message;
    QStringList parts;
    for (const Reason &r : reason.sub)
        parts << QStringLiteral("subfields \"%1\" conflict because %2")
                     .arg(r.responseName, reasonMessage(r));
    return parts.join(QStringLiteral(" and "));
}

void FieldMerging::collect(const NamedType *parent, const SelectionSet &set, FieldMap &map)
{
    for (const Selection &s : set.selections) {
        switch (s.kind) {
        case Selection::Kind::Field: {
            const FieldDef *def =
                parent && (parent->kind == TypeKind::Object || parent->kind == TypeKind::Interface)
                    ? parent->field(s.name.value)
                    : nullptr;
            const QString &key = s.responseName().value;
            auto it = std::find_if(map.fields.begin(), map.fields.end(),
                                   [&](const auto &entry) { return entry.first == key; });
            if (it == map.fields.end()) {
                map.fields.push_back({key, {}});
                it = map.fields.end() - 1;
            }
            it->second.push_back(FieldAndDef{parent, &s, def});
            break;
        }
        case Selection::Kind::FragmentSpread:
            if (std::find(map.fragments.begin(), map.fragments.end(), s.name.value) ==
                map.fragments.end())
                map.fragments.push_back(s.name.value);
            break;
        case Selection::Kind::InlineFragment:
            collect(s.typeCondition ? m_schema.type(s.typeCondition->value) : parent,
                    s.selectionSet, map);
            break;
        }
    }
}

const FieldMerging::FieldMap &FieldMerging::fieldsOf(const SelectionSet &set,
                                                     const NamedType *parent)
{
    auto it = m_cache.find(&set);
    if (it == m_cache.end()) {
        FieldMap map;
        collect(parent, set, map);
        it = m_cache.emplace(&set, std::move(map)).first;
    }
    return it->second;
}

const FieldMerging::FieldMap *FieldMerging::fieldsOfFragment(const QString &name)
{
    const FragmentDefinition *fragment = m_fragments.value(name);
    if (!fragment)
        return nullptr;
    return &fieldsOf(fragment->selectionSet, m_schema.type(fragment->typeCondition.value));
}

bool FieldMerging::comparedPair(const QString &a, const QString &b, bool exclusive)
{
    const QString key = a < b ? a + QLatin1Char('\n') + b : b + QLatin1Char('\n') + a;
    const auto it = m_comparedPairs.constFind(key);
    if (it != m_comparedPairs.constEnd() && (exclusive || *it == exclusive))
        return true;
    m_comparedPairs.insert(key, exclusive);
    return false;
}

void FieldMerging::within(std::vector<Found> &out, const FieldMap &map)
{
    for (const auto &[name, list] : map.fields) {
        for (size_t i = 0; i < list.size(); ++i) {
            for (size_t j = i + 1; j < list.size(); ++j) {
                if (auto c = conflict(false, name, list[i], list[j]))
                    out.push_back(std::move(*c));
            }
        }
    }
}

void FieldMerging::between(std::vector<Found> &out, bool exclusive, const FieldMap &a,
                           const FieldMap &b)
{
    for (const auto &[name, list1] : a.fields) {
        const std::vector<FieldAndDef> *list2 = b.find(name);
        if (!list2)
            continue;
        for (const FieldAndDef &f1 : list1) {
            for (const FieldAndDef &f2 : *list2) {
                if (auto c = conflict(exclusive, name, f1, f2))
                    out.push_back(std::move(*c));
            }
        }
    }
}

void FieldMerging::fieldsAndFragment(std::vector<Found> &out, bool exclusive, const FieldMap &map,
                                     const QString &fragment)
{
    const FieldMap *other = fieldsOfFragment(fragment);
    if (!other || other == &map)
        return;
    between(out, exclusive, map, *other);
    for (const QString &name : other->fragments) {
        if (comparedPair(name, fragment, exclusive))
            continue;
        fieldsAndFragment(out, exclusive, map, name);
    }
}

void FieldMerging::fragments(std::vector<Found> &out, bool exclusive, const QString &a,
                             const QString &b)
{
    if (a == b || comparedPair(a, b, exclusive))
        return;
    const FieldMap *map1 = fieldsOfFragment(a);
    const FieldMap *map2 = fieldsOfFragment(b);
    if (!map1 || !map2)
        return;
    between(out, exclusive, *map1, *map2);
    for (const QString &name : map2->fragments)
        fragments(out, exclusive, a, name);
    for (const QString &name : map1->fragments)
        fragments(out, exclusive, name, b);
}

std::vector<FieldMerging::Found>
FieldMerging::subSelections(bool exclusive, const NamedType *parent1, const SelectionSet &set1,
                            const NamedType *parent2, const SelectionSet &set2)
{
    std::vector<Found> out;
    const FieldMap &map1 = fieldsOf(set1, parent1);
    const FieldMap &map2 = fieldsOf(set2, parent2);
    between(out, exclusive, map1, map2);
    for (const QString &name : map2.fragments)
        fieldsAndFragment(out, exclusive, map1, name);
    for (const QString &name : map1.fragments)
        fieldsAndFragment(out, exclusive, map2, name);
    for (const QString &a : map1.fragments) {
        for (const QString &b : map2.fragments)
            fragments(out, exclusive, a, b);
    }
    return out;
}

bool FieldMerging::typesConflict(const TypeExpr &a, const TypeExpr &b) const
{
    if (a.isList())
        return b.isList() ? typesConflict(a.inner(), b.inner()) : true;
    if (b.isList())
        return true;
    if (a.isNonNull())
        return b.isNonNull() ? typesConflict(a.inner(), b.inner()) : true;
    if (b.isNonNull())
        return true;
    const NamedType *t1 = m_schema.type(a.name);
    const NamedType *t2 = m_schema.type(b.name);
    if ((t1 && t1->isLeaf()) || (t2 && t2->isLeaf()))
        return a.name != b.name;
    return false;
}

std::optional<FieldMerging::Found> FieldMerging::conflict(bool parentsExclusive,
                                                          const QString &responseName,
                                                          const FieldAndDef &f1,
                                                          const FieldAndDef &f2)
{
    const bool exclusive = parentsExclusive || (f1.parent != f2.parent && f1.parent && f2.parent &&
                                                f1.parent->kind == TypeKind::Object &&
                                                f2.parent->kind == TypeKind::Object);
    const Selection &n1 = *f1.node;
    const Selection &n2 = *f2.node;
    auto found = [&](const QString &message) {
        return Found{Reason{responseName, message, {}}, {n1.span}, {n2.span}};
    };
    if (!exclusive) {
        if (n1.name.value != n2.name.value)
            return found(QStringLiteral("\"%1\" and \"%2\" are different fields")
                             .arg(n1.name.value, n2.name.value));
        if (!sameArguments(n1, n2))
            return found(QStringLiteral("they have differing arguments"));
    }
    if (f1.def && f2.def && typesConflict(f1.def->type, f2.def->type))
        return found(QStringLiteral("they return conflicting types \"%1\" and \"%2\"")
                         .arg(f1.def->type.toString(), f2.def->type.toString()));
    if (!n1.selectionSet.selections.empty() && !n2.selectionSet.selections.empty()) {
        const NamedType *t1 = f1.def ? m_schema.type(f1.def->type.name) : nullptr;
        const NamedType *t2 = f2.def ? m_schema.type(f2.def->type.name) : nullptr;
        std::vector<Found> sub = subSelections(exclusive, t1, n1.selectionSet, t2, n2.selectionSet);
        if (sub.empty())
            return std::nullopt;
        Found result{Reason{responseName, QString(), {}}, {n1.span}, {n2.span}};
        for (Found &s : sub) {
            result.reason.sub.push_back(std::move(s.reason));
            result.fields1.insert(result.fields1.end(), s.fields1.begin(), s.fields1.end());
            result.fields2.insert(result.fields2.end(), s.fields2.begin(), s.fields2.end());
        }
        return result;
    }
    return std::nullopt;
}

} // namespace Gatehouse::Core::GraphQL
