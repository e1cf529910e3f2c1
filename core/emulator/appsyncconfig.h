#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

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

// AWS_LAMBDA and NONE data sources; AMAZON_DYNAMODB is refused by the reader (see ARCHITECTURE).
struct AppSyncDataSource
{
    enum class Type
    {
        Lambda,
        None
    };
    QString name;
    Type type = Type::None;
    QString functionName; // Lambda: the lab function (a qualifier after ':' when the ARN has one)
};

// A UNIT resolver: a direct Lambda resolver (no mapping templates) or a NONE data source whose
// result is the field's arguments (the local resolver subscriptions are fed by).
struct AppSyncResolver
{
    QString typeName;
    QString fieldName;
    QString dataSource;
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
