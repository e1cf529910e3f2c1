#pragma once

#include <QList>
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
    int templateLine = 0;

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
