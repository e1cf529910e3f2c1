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
    bool apiKeyRequired = false; // REST APIs: the method wants an x-api-key header
    // HTTP APIs: who may call, e.g. "Lambda authorizer KitchenKey ($request.header.x-bakery-key)",
    // "AWS_IAM (SigV4 for execute-api)"; empty for an open route.
    QString authorization;
    // HTTP APIs: the route's throttle on the stage, "rate 1/s, burst 5"; empty when unthrottled.
    QString throttle;
    // GraphQL resolvers: what answers the field when it is not (only) a function, e.g.
    // "DynamoDB table travel-activities", "pipeline: checkDestination → putActivity" (the CLI's
    // English words; the GUI words it from targetKind and targetNames). Last, so the
    // brace-initialised routes elsewhere keep their meaning.
    QString target;
    enum class TargetKind { Function, Table, Local, Pipeline };
    TargetKind targetKind = TargetKind::Function;
    QStringList targetNames; // the table, or the pipeline's functions in order
};

// An API key of a REST API's usage plan. Lab data, shown so that the learner can send it.
struct EmulatorApiKeyInfo
{
    QString id;
    QString name;
    QString value;
    QString usagePlan;           // the plan's name; empty when the key is in none
    QString limits;              // "rate 1/s, burst 2, quota 10 per DAY"; empty when none
};

struct EmulatorApiInfo
{
    QString apiId;
    QString name;
    QString kind;                // "HTTP API" or "REST API"
    QString stage;               // "$default"; a REST API's stage ("Prod") is in its URLs
    QString pathStyleUrl;        // http://127.0.0.1:4577/_aws/execute-api/<apiId>
    QString hostStyleUrl;        // http://<apiId>.execute-api.localhost:4577
    QStringList stageVariables;  // HTTP APIs: "name=value", as the stage defines them
    QList<EmulatorRouteInfo> routes;
    QList<EmulatorApiKeyInfo> apiKeys; // REST APIs: the keys of usage plans of this stage
    // GraphQL APIs: the lab user pools whose tokens AMAZON_COGNITO_USER_POOLS takes, and the
    // issuers OPENID_CONNECT trusts, so the GraphQL tab can offer a sign-in and say where a
    // token comes from.
    QStringList userPoolIds;
    QStringList oidcIssuers;
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

// A DynamoDB table of the lab: its keys as "name (type)", its indexes, its items at start.
struct EmulatorTableInfo
{
    QString name;
    QString arn;
    QString keySchema;           // "customer (S), orderNo (N)": hash key, then sort key
    QStringList indexes;         // "byStatus: status (S), orderNo (N) [GSI, KEYS_ONLY]"
    qsizetype itemCount = 0;
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
    QList<EmulatorTableInfo> tables; // DynamoDB tables, in template order
    QStringList warnings;        // template diagnostics that did not stop the lab loading
};

} // namespace Gatehouse::Core

Q_DECLARE_METATYPE(Gatehouse::Core::EmulatorInfo)
