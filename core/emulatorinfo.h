#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Gatehouse::Core {

struct EmulatorRouteInfo
{
    QString routeKey;            // "GET /snack", "ANY /{proxy+}", "$default"
    QString method;              // "GET", "ANY", or empty for $default
    QString path;                // "/snack"; empty for $default
    QString functionName;
    QString url;                 // a URL that reaches the route (path-style addressing)
};

struct EmulatorApiInfo
{
    QString apiId;
    QString name;
    QString kind;                // "HTTP API"
    QString stage;               // "$default"
    QString pathStyleUrl;        // http://127.0.0.1:4577/_aws/execute-api/<apiId>
    QString hostStyleUrl;        // http://<apiId>.execute-api.localhost:4577
    QList<EmulatorRouteInfo> routes;
};

struct EmulatorAppClientInfo
{
    QString clientId;
    QString name;
    QString clientSecret;        // empty unless the lab's client generates one (a lab secret is no secret)
};

struct EmulatorUserPoolInfo
{
    QString poolId;              // us-east-1_AbCdEf123
    QString name;
    QString issuer;              // http://127.0.0.1:4577/<poolId>
    QList<EmulatorAppClientInfo> clients;
};

// An identity pool: the user pool clients whose ID tokens it takes, and the roles it gives.
struct EmulatorIdentityPoolInfo
{
    QString identityPoolId;      // us-east-1:<GUID>
    QString name;
    bool allowUnauthenticated = false;
    QStringList providers;       // "cognito-idp.<region>.amazonaws.com/<poolId> <clientId>"
    QString authenticatedRoleArn;
    QString unauthenticatedRoleArn;
};

// What a running embedded emulator serves, for the GUI and the CLI to show.
struct EmulatorInfo
{
    QString baseUrl;             // http://127.0.0.1:4577
    quint16 port = 0;
    QString region;
    QString accountId;
    QString labName;
    QString labDirectory;
    QStringList functions;
    QList<EmulatorApiInfo> apis;
    QList<EmulatorUserPoolInfo> userPools;
    QList<EmulatorIdentityPoolInfo> identityPools;
    QStringList warnings;        // template diagnostics that did not stop the lab loading
};

} // namespace Gatehouse::Core

Q_DECLARE_METATYPE(Gatehouse::Core::EmulatorInfo)
