#pragma once

#include "httpapiconfig.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Gatehouse::Emulator {

// The route a request goes to, with the values of its path variables.
struct RouteMatch
{
    HttpRouteConfig route;
    QList<QPair<QString, QString>> pathParameters; // decoded values, in path order
};

// Picks the route an HTTP API request goes to, with the precedence API Gateway documents:
// exact path before {param} before {proxy+}, a named method before ANY, then $default.
class RouteMatcher
{
public:
    RouteMatcher() = default;
    explicit RouteMatcher(const QList<HttpRouteConfig> &routes) : m_routes(routes) {}

    void setRoutes(const QList<HttpRouteConfig> &routes) { m_routes = routes; }
    const QList<HttpRouteConfig> &routes() const { return m_routes; }

    // `rawPath` is the path as the API sees it (stage removed), still percent-encoded.
    std::optional<RouteMatch> match(const QByteArray &method, const QByteArray &rawPath) const;

    // Splits "GET /pets/{id}" into method and path; false when the key is not well formed
    // ("$default" gives an empty method and path and true).
    static bool splitRouteKey(const QString &routeKey, QString *method, QString *path);
    // Why a route key is not valid for an HTTP API, or an empty string when it is.
    static QString routeKeyProblem(const QString &routeKey);

private:
    QList<HttpRouteConfig> m_routes;
};

} // namespace Gatehouse::Emulator
