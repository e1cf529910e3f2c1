#include "urlquery.h"

namespace Gatehouse::Core {

namespace {

struct UrlParts
{
    qsizetype queryStart = -1; // index of '?', or -1
    qsizetype fragmentStart = -1; // index of '#', or -1
};

UrlParts split(const QString &urlText)
{
    UrlParts parts;
    parts.fragmentStart = urlText.indexOf(QLatin1Char('#'));
    const qsizetype question = urlText.indexOf(QLatin1Char('?'));
    if (question >= 0 && (parts.fragmentStart < 0 || question < parts.fragmentStart))
        parts.queryStart = question;
    return parts;
}

} // namespace

QList<QueryParam> UrlQuery::parse(const QString &query)
{
    QList<QueryParam> params;
    for (const QStringView part : QStringView(query).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        QueryParam param;
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        if (equals < 0) {
            param.key = part.toString();
            param.hasValue = false;
        } else {
            param.key = part.left(equals).toString();
            param.value = part.mid(equals + 1).toString();
        }
        params.append(param);
    }
    return params;
}

QString UrlQuery::build(const QList<QueryParam> &params)
{
    QString query;
    for (const QueryParam &param : params) {
        if (!query.isEmpty())
            query += QLatin1Char('&');
        query += param.key;
        if (param.hasValue || !param.value.isEmpty())
            query += QLatin1Char('=') + param.value;
    }
    return query;
}

QString UrlQuery::queryOf(const QString &urlText)
{
    const UrlParts parts = split(urlText);
    if (parts.queryStart < 0)
        return {};
    const qsizetype end = parts.fragmentStart < 0 ? urlText.size() : parts.fragmentStart;
    return urlText.mid(parts.queryStart + 1, end - parts.queryStart - 1);
}

QList<QueryParam> UrlQuery::paramsFromUrl(const QString &urlText)
{
    return parse(queryOf(urlText));
}

QString UrlQuery::replaceQuery(const QString &urlText, const QList<QueryParam> &params)
{
    const UrlParts parts = split(urlText);
    const QString fragment = parts.fragmentStart < 0 ? QString() : urlText.mid(parts.fragmentStart);
    qsizetype baseEnd = urlText.size();
    if (parts.queryStart >= 0)
        baseEnd = parts.queryStart;
    else if (parts.fragmentStart >= 0)
        baseEnd = parts.fragmentStart;
    const QString query = build(params);
    QString result = urlText.left(baseEnd);
    if (!params.isEmpty())
        result += QLatin1Char('?') + query;
    return result + fragment;
}

} // namespace Gatehouse::Core
