#pragma once

#include <QList>
#include <QString>

namespace Gatehouse::Core {

// One key=value pair of a query string, kept exactly as typed (raw percent-encoding, {{vars}}).
struct QueryParam
{
    QString key;
    QString value;
    bool hasValue = true; // false for "flag" in "?flag&a=1"; "a=" has an empty value

    bool operator==(const QueryParam &other) const = default;
};

// Keeps the params table and the URL text in sync both ways without decoding anything.
class UrlQuery
{
public:
    static QList<QueryParam> parse(const QString &query);
    static QString build(const QList<QueryParam> &params);

    // The query part of URL text: after the first '?', up to '#'; empty when there is none.
    static QString queryOf(const QString &urlText);
    static QList<QueryParam> paramsFromUrl(const QString &urlText);
    // Replaces (or adds, or with no params removes) the query, keeping everything else.
    static QString replaceQuery(const QString &urlText, const QList<QueryParam> &params);
};

} // namespace Gatehouse::Core
