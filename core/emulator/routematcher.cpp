#include "routematcher.h"

#include <QRegularExpression>
#include <QUrl>

namespace Gatehouse::Emulator {

namespace {

const QString kDefaultRoute = QStringLiteral("$default");

enum SegmentRank { Greedy = 0, Variable = 1, Literal = 2 };

struct Candidate
{
    QList<int> ranks;
    bool exactMethod = false;
    QList<QPair<QString, QString>> parameters;
};

QStringList pathSegments(const QString &path)
{
    QStringList segments = path.split(QLatin1Char('/'));
    segments.removeFirst(); // the empty piece before the leading '/'
    return segments;
}

bool isVariable(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

bool isGreedy(const QString &segment)
{
    return isVariable(segment) && segment.at(segment.size() - 2) == QLatin1Char('+');
}

QString decoded(const QString &raw)
{
    return QUrl::fromPercentEncoding(raw.toUtf8());
}

// Matches one route path against the request's segments; ranks say how specific it was.
std::optional<Candidate> matchPath(const QString &routePath, const QStringList &request)
{
    const QStringList route = pathSegments(routePath);
    Candidate candidate;
    for (qsizetype i = 0; i < route.size(); ++i) {
        const QString &segment = route.at(i);
        if (isGreedy(segment)) {
            if (i >= request.size())
                return std::nullopt;
            const QString rest = request.mid(i).join(QLatin1Char('/'));
            if (rest.isEmpty())
                return std::nullopt;
            candidate.ranks.append(Greedy);
            candidate.parameters.append({segment.mid(1, segment.size() - 3), decoded(rest)});
            return candidate;
        }
        if (i >= request.size())
            return std::nullopt;
        if (isVariable(segment)) {
            if (request.at(i).isEmpty())
                return std::nullopt;
            candidate.ranks.append(Variable);
            candidate.parameters.append({segment.mid(1, segment.size() - 2), decoded(request.at(i))});
        } else if (segment == request.at(i)) {
            candidate.ranks.append(Literal);
        } else {
            return std::nullopt;
        }
    }
    if (route.size() != request.size())
        return std::nullopt;
    return candidate;
}

bool moreSpecific(const Candidate &a, const Candidate &b)
{
    const qsizetype n = std::min(a.ranks.size(), b.ranks.size());
    for (qsizetype i = 0; i < n; ++i) {
        if (a.ranks.at(i) != b.ranks.at(i))
            return a.ranks.at(i) > b.ranks.at(i);
    }
    if (a.ranks.size() != b.ranks.size())
        return a.ranks.size() > b.ranks.size();
    return a.exactMethod && !b.exactMethod;
}

} // namespace

bool RouteMatcher::splitRouteKey(const QString &routeKey, QString *method, QString *path)
{
    if (routeKey == kDefaultRoute) {
        method->clear();
        path->clear();
        return true;
    }
    const qsizetype space = routeKey.indexOf(QLatin1Char(' '));
    if (space <= 0)
        return false;
    *method = routeKey.left(space);
    *path = routeKey.mid(space + 1);
    return path->startsWith(QLatin1Char('/'));
}

QString RouteMatcher::routeKeyProblem(const QString &routeKey)
{
    static const QStringList methods = {
        QStringLiteral("ANY"), QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
        QStringLiteral("OPTIONS")};
    QString method;
    QString path;
    if (!splitRouteKey(routeKey, &method, &path))
        return QStringLiteral("a route key is \"METHOD /path\" or \"$default\"");
    if (routeKey == kDefaultRoute)
        return {};
    if (!methods.contains(method))
        return QStringLiteral("unknown method %1; use one of %2").arg(method, methods.join(QStringLiteral(", ")));
    const QStringList segments = pathSegments(path);
    static const QRegularExpression variableName(QStringLiteral("^\\{[A-Za-z0-9._-]+\\+?\\}$"));
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &segment = segments.at(i);
        if (segment.contains(QLatin1Char('{')) || segment.contains(QLatin1Char('}'))) {
            if (!variableName.match(segment).hasMatch())
                return QStringLiteral("path variable %1 must be a whole segment like {name}").arg(segment);
            if (isGreedy(segment) && i != segments.size() - 1)
                return QStringLiteral("the greedy path variable %1 must be the last segment").arg(segment);
        }
    }
    return {};
}

std::optional<RouteMatch> RouteMatcher::match(const QByteArray &method, const QByteArray &rawPath) const
{
    const QStringList request = pathSegments(QString::fromUtf8(rawPath.isEmpty() ? QByteArray("/") : rawPath));
    const QString requestMethod = QString::fromLatin1(method).toUpper();
    std::optional<Candidate> best;
    const HttpRouteConfig *bestRoute = nullptr;
    const HttpRouteConfig *defaultRoute = nullptr;
    for (const HttpRouteConfig &route : m_routes) {
        QString routeMethod;
        QString routePath;
        if (!splitRouteKey(route.routeKey, &routeMethod, &routePath))
            continue;
        if (route.routeKey == kDefaultRoute) {
            defaultRoute = &route;
            continue;
        }
        const bool exact = routeMethod == requestMethod;
        if (!exact && routeMethod != QLatin1String("ANY"))
            continue;
        std::optional<Candidate> candidate = matchPath(routePath, request);
        if (!candidate)
            continue;
        candidate->exactMethod = exact;
        if (!best || moreSpecific(*candidate, *best)) {
            best = std::move(candidate);
            bestRoute = &route;
        }
    }
    if (bestRoute)
        return RouteMatch{*bestRoute, best->parameters};
    if (defaultRoute)
        return RouteMatch{*defaultRoute, {}};
    return std::nullopt;
}

} // namespace Gatehouse::Emulator
