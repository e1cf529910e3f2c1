#pragma once

#include "appsyncreader.h"
#include "cognitoidentitypoolreader.h"
#include "cognitopoolreader.h"
#include "dynamodbtablereader.h"
#include "intrinsicevaluator.h"
#include "labdefinition.h"
#include "lambdaversionreader.h"
#include "restapireader.h"
#include "websocketapireader.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Walks a parsed SAM template and fills a LabDefinition, naming every field it cannot use.
class TemplateReader
{
public:
    TemplateReader(LabDefinition *lab, const QString &region, const QString &accountId);

    void read(const YAML::Node &root);

private:
    struct KeyRules
    {
        QStringList supported;
        QStringList noLocalEffect;   // accepted with a warning
        QStringList unsupported;     // valid SAM/CloudFormation, but not emulated: errors
        QString owner;               // "AWS::Serverless::Function", for the message
    };

    void checkKeys(const YAML::Node &map, const QString &field, const KeyRules &rules);
    bool expectMap(const YAML::Node &node, const QString &field);
    void readTransform(const YAML::Node &node);
    void readGlobals(const YAML::Node &globals);
    void readParameters(const YAML::Node &node);
    void declareResources(const YAML::Node &resources);
    void readResources(const YAML::Node &resources);
    void readHttpApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readFunction(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readFunctionCode(FunctionConfig *function, const YAML::Node &props, const QString &field);
    void readFunctionLimits(FunctionConfig *function, const YAML::Node &props, const QString &field);
    void readEnvironment(FunctionConfig *function, const YAML::Node &props, const QString &field);
    void readEvents(const FunctionConfig &function, const YAML::Node &events, const QString &field);
    void readHttpApiEvent(const FunctionConfig &function, const YAML::Node &keyNode,
                          const YAML::Node &props, const QString &field);
    bool readRouteKey(const YAML::Node &props, const QString &field, HttpRouteConfig *route);
    bool readPayloadFormat(const YAML::Node &props, const QString &field, HttpRouteConfig *route);
    bool addRoute(HttpApiConfig *api, const HttpRouteConfig &route, const YAML::Node &at,
                  const QString &field);
    void readOutputs(const YAML::Node &outputs);

    // HTTP API authorizers (templatereaderauth.cpp)
    void readApiAuth(HttpApiConfig *api, const YAML::Node &auth, const QString &field);
    void readCors(HttpApiConfig *api, const YAML::Node &cors, const QString &field);
    void readAuthorizer(HttpApiConfig *api, const QString &name, const YAML::Node &node,
                        const QString &field);
    void readJwtConfiguration(HttpApiAuthorizerConfig *authorizer, const YAML::Node &node,
                              const QString &field);
    bool readLambdaAuthorizer(HttpApiAuthorizerConfig *authorizer, const YAML::Node &node,
                              const QString &field);
    bool readAuthorizerIdentity(HttpApiAuthorizerConfig *authorizer, const YAML::Node &identity,
                                const QString &field);
    bool readEventAuth(HttpRouteConfig *route, const YAML::Node &auth, const QString &field);
    // Globals.HttpApi.Auth, then the resource's own Auth over it, as SAM merges them.
    void applyGlobalAuth(HttpApiConfig *api) const;
    // Each route's authorizer once every API and event is read: the event's, else the
    // API's DefaultAuthorizer; NONE opens the route; unknown names are errors.
    void resolveRouteAuth();
    std::optional<QStringList> stringList(const YAML::Node &node, const QString &field);

    // The stage of an HTTP API (templatereaderstage.cpp): StageVariables, DefaultRouteSettings
    // and RouteSettings of the resource or of Globals.HttpApi (`apiId` empty), merged key by key
    // over what `api` already holds, as SAM merges Globals.
    void readStageSettings(HttpApiConfig *api, const YAML::Node &props, const QString &field,
                           const QString &apiId);
    void readStageVariables(HttpApiConfig *api, const YAML::Node &node, const QString &field);
    void readThrottle(HttpRouteThrottle *throttle, const YAML::Node &node, const QString &field);
    // Every RouteSettings key must be a route of the API it applies to, as API Gateway refuses
    // the stage otherwise; run once all routes are read.
    void resolveRouteSettings();

    // A function setting from its Properties, else from Globals.Function; null when absent.
    YAML::Node setting(const YAML::Node &props, const char *key, QString *field) const;
    std::optional<int> readInt(const YAML::Node &node, const QString &field, int min, int max);
    HttpApiConfig *implicitApi(int line);
    QString functionName(const QString &logicalId, const YAML::Node &resource);

    LabDefinition *m_lab;
    IntrinsicEvaluator m_eval;
    QString m_region;
    QString m_accountId;
    LambdaVersionReader m_versionReader;
    CognitoPoolReader m_cognitoReader;
    CognitoIdentityPoolReader m_identityPoolReader;
    RestApiReader m_restReader;
    WebSocketApiReader m_webSocketReader;
    AppSyncReader m_appSyncReader;
    DynamoTableReader m_tableReader;
    YAML::Node m_globalFunction;
    YAML::Node m_globalHttpApi;
    HttpApiConfig m_globalApiAuth;                     // Globals.HttpApi.Auth, read once
    struct RouteAuthSite
    {
        QString apiId;
        QString routeKey;
        YAML::Node at;
        QString field;
    };
    QList<RouteAuthSite> m_routeAuthSites;              // where each route's Auth was written
    QList<RouteAuthSite> m_routeSettingSites;           // RouteSettings keys; apiId empty: Globals
    QHash<QString, QString> m_functionNames;           // logical id -> function name
    QHash<QString, QString> m_routeOrigins;            // apiId + route key -> field that made it
    QSet<QString> m_misspelled;                         // fields a reported typo was meant to be
};

} // namespace Gatehouse::Emulator
