#pragma once

#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <QHash>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Reads a template's WebSocket APIs: AWS::ApiGatewayV2::Api (ProtocolType WEBSOCKET) with the
// Route, Integration (AWS_PROXY to a lab function), Authorizer (Lambda REQUEST) and Stage
// resources that name it by ApiId.
// SAM has no WebSocket resource, so labs write these raw CloudFormation types.
class WebSocketApiReader
{
public:
    static QStringList resourceTypes();

    WebSocketApiReader(LabDefinition *lab, IntrinsicEvaluator *eval);

    // Ids for Ref (API and integration ids), before any property is read.
    void declare(const YAML::Node &resources);
    void read(const YAML::Node &resources);

private:
    void readApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readIntegration(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readRoute(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readStage(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readRouteResponse(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readAuthorizer(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readRouteAuthorization(WebSocketRouteConfig *route, const WebSocketApiConfig &api,
                                const YAML::Node &props, const QString &field);
    void readStageVariables(WebSocketApiConfig *api, const YAML::Node &props, const QString &field);
    WebSocketApiConfig *apiFor(const YAML::Node &props, const YAML::Node &keyNode, const QString &field);
    std::optional<QString> routeTarget(const YAML::Node &props, const YAML::Node &keyNode, const QString &field);
    std::optional<QString> required(const YAML::Node &props, const char *key, const YAML::Node &keyNode,
                                    const QString &field);

    struct Integration
    {
        QString apiId;
        QString functionName;
    };

    LabDefinition *m_lab;
    IntrinsicEvaluator *m_eval;
    // Where each route was written, and which half of a two-way route it has.
    struct RouteSite
    {
        QString routeId;         // what !Ref gives
        QString apiId;
        QString routeKey;
        YAML::Node keyNode;
        QString field;
        bool hasExpression = false; // RouteResponseSelectionExpression: $default
        bool hasResponse = false;   // an AWS::ApiGatewayV2::RouteResponse for it
    };
    RouteSite *routeSite(const QString &routeId);

    QHash<QString, Integration> m_integrations; // integration id -> target
    QList<RouteSite> m_routeSites;
};

} // namespace Gatehouse::Emulator
