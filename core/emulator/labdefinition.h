#pragma once

#include "appsyncconfig.h"
#include "cognitoidentitypoolconfig.h"
#include "cognitopoolconfig.h"
#include "dynamodbstore.h"
#include "functionconfig.h"
#include "httpapiconfig.h"
#include "labversionconfig.h"
#include "restapiconfig.h"
#include "websocketapiconfig.h"

#include <QList>
#include <QPair>
#include <QString>

namespace Gatehouse::Emulator {

// A problem found in a lab template, precise enough to fix: file, line, field.
struct LabDiagnostic
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString file;                // absolute path of template.yaml
    int line = 0;                // 1-based; 0 when unknown
    int column = 0;              // 1-based; 0 when unknown
    QString field;               // e.g. "Resources.BakeryFunction.Properties.Runtime"
    QString message;

    QString toString() const;    // "file:line:column: error: field: message"
};

// Everything the emulator builds from a lab folder (template.yaml + code + lab.md).
struct LabDefinition
{
    QString directory;           // absolute
    QString templatePath;        // absolute
    QString name;                // folder name, e.g. "bakery"
    QString description;         // the template's Description
    QList<FunctionConfig> functions;
    QList<HttpApiConfig> httpApis;
    QList<RestApiConfig> restApis;   // AWS::Serverless::Api and Api events
    QList<WebSocketApiConfig> webSocketApis; // AWS::ApiGatewayV2::Api, ProtocolType WEBSOCKET
    QList<AppSyncApiConfig> graphQlApis; // AWS::AppSync::GraphQLApi and the resources naming it
    QList<DynamoTableConfig> dynamoTables; // AWS::DynamoDB::Table, AWS::Serverless::SimpleTable
    QList<RestApiKeyConfig> apiKeys; // AWS::ApiGateway::ApiKey and SAM's usage plan keys
    QList<RestUsagePlanConfig> usagePlans;
    QList<LabVersionConfig> versions; // AWS::Lambda::Version, in template order
    QList<LabAliasConfig> aliases;    // AWS::Lambda::Alias, in template order
    QList<CognitoPoolConfig> userPools; // AWS::Cognito::UserPool with clients, groups, users
    QList<CognitoIdentityPoolConfig> identityPools; // AWS::Cognito::IdentityPool with its roles
    QList<LabDiagnostic> diagnostics;
    QList<QPair<QString, QString>> outputs; // Outputs, evaluated for the emulator (key, value)

    bool hasErrors() const;
};

} // namespace Gatehouse::Emulator
