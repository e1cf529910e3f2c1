#pragma once

#include "httpapiconfig.h"

#include <QList>
#include <QPair>
#include <QString>

namespace Gatehouse::Emulator {

// One route of a WebSocket API: "$connect", "$disconnect", "$default" or a value of the
// route selection expression ("sendmessage").
struct WebSocketRouteConfig
{
    QString routeKey;
    QString functionName;        // the AWS_PROXY integration's function
    // RouteResponseSelectionExpression "$default": the integration's body goes back to the
    // client (a two-way route); otherwise the client gets nothing.
    bool twoWay = false;
    int templateLine = 0;
    // AuthorizationType of the route; AWS allows anything but NONE on $connect only.
    enum class Authorization { None, Iam, Custom };
    Authorization authorization = Authorization::None;
    QString authorizerId;        // CUSTOM: the AWS::ApiGatewayV2::Authorizer's id (its Ref)
};

// An API Gateway WebSocket API (AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET and its
// Route, Integration and Stage resources).
struct WebSocketApiConfig
{
    QString logicalId;
    QString apiId;               // 10 lower-case alphanumerics, stable for a given lab
    QString name;
    QString stageName;           // from the AWS::ApiGatewayV2::Stage; "production" when none
    // "$request.body.action" or a template such as "${request.body.action}".
    QString routeSelectionExpression = QStringLiteral("$request.body.action");
    QList<WebSocketRouteConfig> routes;
    // Lambda REQUEST authorizers (AWS::ApiGatewayV2::Authorizer), kept in the HTTP API struct so
    // the HTTP API's authorizer code reads their identity sources and judges their policies:
    // name is the authorizer's id, payload format "1.0" (a policy answer, never a simple one),
    // no TTL (AWS caches only HTTP API authorizers' answers), and the identity sources written
    // route.request.header.X / route.request.querystring.X / stageVariables.X / context.X are
    // held in the HTTP API spelling ($request.header.X ...).
    QList<HttpApiAuthorizerConfig> authorizers;
    // StageVariables of the stage: the authorizer event's stageVariables and its identity sources.
    QList<QPair<QString, QString>> stageVariables;
    int templateLine = 0;

    const HttpApiAuthorizerConfig *authorizer(const QString &id) const
    {
        for (const HttpApiAuthorizerConfig &a : authorizers) {
            if (a.name == id)
                return &a;
        }
        return nullptr;
    }

    const WebSocketRouteConfig *route(const QString &routeKey) const
    {
        for (const WebSocketRouteConfig &r : routes) {
            if (r.routeKey == routeKey)
                return &r;
        }
        return nullptr;
    }
};

} // namespace Gatehouse::Emulator
