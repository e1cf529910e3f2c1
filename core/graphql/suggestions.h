#pragma once

#include <QString>
#include <QStringList>

namespace Gatehouse::Core::GraphQL {

// "Did you mean ...?" for unknown names, computed as graphql-js 16 does (so messages match what
// people see in other GraphQL tools): options within a Damerau-Levenshtein distance of 40 % of the
// input's length (a change of case counts as one edit), closest first, ties in natural order.
// Shared by the schema builder, the validator and completion.
class Suggestions
{
public:
    static QStringList list(const QString &input, const QStringList &options);
    // " Did you mean "A", "B", or "C"?" (at most five; `subMessage` goes before the names, e.g.
    // "to use an inline fragment on"), or nothing when there are no suggestions.
    static QString didYouMean(const QStringList &suggestions, const QString &subMessage = {});
    // graphql-js's naturalCompare(): runs of digits compare as numbers.
    static int naturalCompare(const QString &a, const QString &b);
};

} // namespace Gatehouse::Core::GraphQL
