#pragma once

#include "ast.h"
#include "schema.h"

#include <QHash>
#include <QString>
#include <optional>
#include <unordered_map>
#include <vector>

namespace Gatehouse::Core::GraphQL {

// graphql-js's OverlappingFieldsCanBeMerged, used by Validator: two selections that answer under
// the same response name must be the same field with the same arguments (unless their parents
// are different object types, which cannot both apply) and return types whose shapes agree, down
// through their subselections and the fragments they spread.
class FieldMerging
{
public:
    struct Conflict
    {
        QString message; // graphql-js's wording
        std::vector<Span> spans;
    };

    FieldMerging(const Schema &schema, const QHash<QString, const FragmentDefinition *> &fragments)
        : m_schema(schema)
        , m_fragments(fragments)
    {}

    // Conflicts "within" one selection set, as graphql-js finds them when it visits that set.
    std::vector<Conflict> check(const SelectionSet &set, const NamedType *parent);

private:
    struct FieldAndDef
    {
        const NamedType *parent = nullptr;
        const Selection *node = nullptr;
        const FieldDef *def = nullptr;
    };
    struct FieldMap
    {
        std::vector<std::pair<QString, std::vector<FieldAndDef>>> fields; // by response name
        std::vector<QString> fragments;
        const std::vector<FieldAndDef> *find(const QString &responseName) const;
    };
    struct Reason
    {
        QString responseName;
        QString message;         // when the fields themselves conflict
        std::vector<Reason> sub; // when their subfields do
    };
    struct Found
    {
        Reason reason;
        std::vector<Span> fields1, fields2;
    };

    const FieldMap &fieldsOf(const SelectionSet &set, const NamedType *parent);
    const FieldMap *fieldsOfFragment(const QString &name);
    void collect(const NamedType *parent, const SelectionSet &set, FieldMap &map);
    void within(std::vector<Found> &out, const FieldMap &map);
    void between(std::vector<Found> &out, bool exclusive, const FieldMap &a, const FieldMap &b);
    void fieldsAndFragment(std::vector<Found> &out, bool exclusive, const FieldMap &map,
                           const QString &fragment);
    void fragments(std::vector<Found> &out, bool exclusive, const QString &a, const QString &b);
    std::vector<Found> subSelections(bool exclusive, const NamedType *parent1,
                                     const SelectionSet &set1, const NamedType *parent2,
                                     const SelectionSet &set2);
    std::optional<Found> conflict(bool parentsExclusive, const QString &responseName,
                                  const FieldAndDef &f1, const FieldAndDef &f2);
    bool typesConflict(const TypeExpr &a, const TypeExpr &b) const;
    bool comparedPair(const QString &a, const QString &b, bool exclusive);
    static QString reasonMessage(const Reason &reason);

    const Schema &m_schema;
    const QHash<QString, const FragmentDefinition *> &m_fragments;
    // Node-based, so a FieldMap stays where it is while the recursion adds others.
    std::unordered_map<const SelectionSet *, FieldMap> m_cache;
    QHash<QString, bool> m_comparedPairs; // "a\nb" (a < b) -> compared as mutually exclusive
};

} // namespace Gatehouse::Core::GraphQL
