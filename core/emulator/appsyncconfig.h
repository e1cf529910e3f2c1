#pragma once

#include "vtl.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse::Emulator {

// One way a caller may prove who it is to an AppSync API (AuthenticationType and its config).
struct AppSyncAuthProvider
{
    enum class Type
    {
        ApiKey,
        Iam,
        UserPool,
        OpenIdConnect,
        Lambda
    };
    Type type = Type::ApiKey;
    QString userPoolId;       // AMAZON_COGNITO_USER_POOLS: the lab pool's id
    QString appIdClientRegex; // optional: the token's client id must match
    QString oidcIssuer;       // OPENID_CONNECT
    QString oidcClientId;      // optional: a regular expression aud (or client_id) must match
    qint64 oidcIatTtlMs = 0;   // IatTTL: the most milliseconds since iat; 0 = unchecked
    qint64 oidcAuthTtlMs = 0;  // AuthTTL: the same since auth_time
    QString authorizerFunction; // AWS_LAMBDA: the lab function AuthorizerUri names

    // AppSync's spelling ("API_KEY", ...), and the @aws_* directive that grants it on a field.
    QString typeName() const;
    QString directive() const;
};

struct AppSyncApiKey
{
    QString logicalId;
    QString id; // what AppSync calls the key's id: its value, "da2-..."
    QString description;
};

// AWS_LAMBDA, AMAZON_DYNAMODB (a table of the lab, in the emulator's DynamoStore) and NONE data
// sources; other types are refused by the reader (see ARCHITECTURE).
struct AppSyncDataSource
{
    enum class Type
    {
        Lambda,
        None,
        DynamoDb
    };
    QString name;
    Type type = Type::None;
    QString functionName; // Lambda: the lab function (a qualifier after ':' when the ARN has one)
    QString tableName;    // DynamoDb: DynamoDBConfig.TableName, a table of the lab
};

// A resolver's (or a pipeline function's) VTL mapping templates, parsed when the lab loads. An
// absent template is AppSync's default: no request template on AWS_LAMBDA sends the direct
// resolver event, on NONE the arguments come back; no response template passes $ctx.result on.
struct AppSyncMappingTemplates
{
    std::optional<Vtl::Template> request;
    std::optional<Vtl::Template> response;
    QString origin; // "Resources.<Id>", for messages
    bool any() const { return request || response; }
};

// A pipeline function (AWS::AppSync::FunctionConfiguration): one data source and its templates.
struct AppSyncFunction
{
    QString logicalId;
    QString functionId; // what PipelineConfig.Functions names (!GetAtt <Function>.FunctionId)
    QString name;
    QString dataSource;
    AppSyncMappingTemplates templates;
};

// A UNIT resolver (one data source: a direct Lambda resolver, or mapping templates over
// AWS_LAMBDA, AMAZON_DYNAMODB or NONE; NONE without templates returns the field's arguments) or
// a PIPELINE resolver (its templates run before and after the functions, in order).
struct AppSyncResolver
{
    enum class Kind
    {
        Unit,
        Pipeline
    };
    QString typeName;
    QString fieldName;
    Kind kind = Kind::Unit;
    QString dataSource;      // Unit
    QStringList functions;   // Pipeline: function ids, in order
    AppSyncMappingTemplates templates;
    int templateLine = 0;
};

// An AppSync GraphQL API (AWS::AppSync::GraphQLApi with the GraphQLSchema, ApiKey, DataSource
// and Resolver resources that name it by ApiId).
struct AppSyncApiConfig
{
    QString logicalId;
    QString apiId; // 26 lower-case alphanumerics, stable for a given lab
    QString name;
    AppSyncAuthProvider defaultAuth;
    QList<AppSyncAuthProvider> additionalAuth;
    QByteArray schemaSdl;
    QString schemaOrigin; // "Resources.X.Properties.Definition" or the schema file, for messages
    QList<AppSyncApiKey> apiKeys;
    QList<AppSyncDataSource> dataSources;
    QList<AppSyncFunction> functions;
    QList<AppSyncResolver> resolvers;
    int templateLine = 0;

    const AppSyncDataSource *dataSource(const QString &dsName) const
    {
        for (const AppSyncDataSource &d : dataSources) {
            if (d.name == dsName)
                return &d;
        }
        return nullptr;
    }
    const AppSyncFunction *function(const QString &functionId) const
    {
        for (const AppSyncFunction &f : functions) {
            if (f.functionId == functionId)
                return &f;
        }
        return nullptr;
    }
    const AppSyncResolver *resolver(const QString &typeName, const QString &fieldName) const
    {
        for (const AppSyncResolver &r : resolvers) {
            if (r.typeName == typeName && r.fieldName == fieldName)
                return &r;
        }
        return nullptr;
    }
};

} // namespace Gatehouse::Emulator
