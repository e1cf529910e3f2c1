#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse::Emulator {

// An authorizer of an HTTP API (Auth.Authorizers.<name> of AWS::Serverless::HttpApi, or
// AWS_IAM when Auth.EnableIamAuthorizer is on): a JWT authorizer, a Lambda REQUEST authorizer
// or IAM (SigV4) authorization, each enforced as API Gateway does.
struct HttpApiAuthorizerConfig
{
    enum class Kind { Jwt, Lambda, Iam };

    QString name;                // the key under Auth.Authorizers, or "AWS_IAM"
    Kind kind = Kind::Jwt;
    QString issuer;              // JwtConfiguration.issuer as written (AWS's Cognito URL)
    QStringList audiences;       // JwtConfiguration.audience
    QString identitySource = QStringLiteral("$request.header.Authorization");
    QStringList authorizationScopes; // the authorizer's own, used when a route names none
    int templateLine = 0;

    // Lambda REQUEST authorizers (FunctionArn, AuthorizerPayloadFormatVersion, Identity).
    QString functionName;        // the lab function FunctionArn names
    QString payloadFormatVersion = QStringLiteral("2.0"); // "1.0" or "2.0"
    bool simpleResponses = false; // EnableSimpleResponses: {isAuthorized, context} instead of a policy
    // $request.header.<n>, $request.querystring.<n>, $stageVariables.<n>, $context.<n>, in
    // SAM's order (Headers, QueryStrings, StageVariables, Context). All must be present.
    QStringList identitySources;
    int resultTtlSeconds = 300;  // Identity.ReauthorizeEvery; 0 turns the cache off
};

// One route of an HTTP API: "GET /snack", "ANY /items/{proxy+}", "$default".
struct HttpRouteConfig
{
    QString routeKey;
    QString functionName;        // the integration's target function (FunctionConfig::name)
    QString payloadFormatVersion = QStringLiteral("2.0");
    int timeoutMs = 30000;       // integration timeout; API Gateway's maximum is 30 s
    int templateLine = 0;
    QString authorizer;          // an HttpApiAuthorizerConfig::name; empty: open (NONE)
    QStringList authorizationScopes; // the token needs at least one of these
    bool authFromEvent = false;  // the event's Auth named the authorizer (else the default)
};

// An API Gateway HTTP API (AWS::Serverless::HttpApi, or the implicit one SAM creates).
// CorsConfiguration of an HTTP API: API Gateway answers preflights itself and sets the CORS
// headers on every answer to an allowed origin, replacing any the integration sent.
struct HttpApiCorsConfig
{
    bool enabled = false;
    QStringList allowOrigins;   // "*" or exact origins
    QStringList allowMethods;
    QStringList allowHeaders;
    QStringList exposeHeaders;
    int maxAgeSeconds = -1;     // -1: not sent
    bool allowCredentials = false;
};

// Throttling of a route on the API's stage (ThrottlingRateLimit and ThrottlingBurstLimit of
// DefaultRouteSettings or RouteSettings): a token bucket per route, as API Gateway applies it.
struct HttpRouteThrottle
{
    // What AWS applies to a limit the stage leaves unset: the account's default quota per Region.
    static constexpr double kAccountRateLimit = 10000;
    static constexpr int kAccountBurstLimit = 5000;

    std::optional<double> rateLimit; // requests a second
    std::optional<int> burstLimit;   // the bucket's size
    int templateLine = 0;

    bool isSet() const { return rateLimit || burstLimit; }
    // A route's own setting for a limit wins; the other falls back to `defaults`.
    HttpRouteThrottle over(const HttpRouteThrottle &defaults) const
    {
        HttpRouteThrottle merged = *this;
        if (!merged.rateLimit)
            merged.rateLimit = defaults.rateLimit;
        if (!merged.burstLimit)
            merged.burstLimit = defaults.burstLimit;
        return merged;
    }
};

struct HttpApiConfig
{
    QString logicalId;           // "ServerlessHttpApi" for SAM's implicit API
    QString apiId;               // 10 lower-case alphanumerics, stable for a given lab
    QString name;
    QString stageName = QStringLiteral("$default");
    QList<HttpRouteConfig> routes;
    QList<HttpApiAuthorizerConfig> authorizers;
    QString defaultAuthorizer;   // Auth.DefaultAuthorizer; empty: routes are open by default
    HttpApiCorsConfig cors;
    // StageVariables of the stage: the event's stageVariables, and $stageVariables.<name>
    // identity sources of Lambda authorizers.
    QList<QPair<QString, QString>> stageVariables;
    HttpRouteThrottle defaultThrottle;             // DefaultRouteSettings
    QHash<QString, HttpRouteThrottle> routeThrottles; // RouteSettings, by route key
    int templateLine = 0;

    // The throttle a route gets on the stage; !isSet(): not throttled (AWS's account-wide
    // limit is not emulated).
    HttpRouteThrottle throttle(const QString &routeKey) const
    {
        return routeThrottles.value(routeKey).over(defaultThrottle);
    }

    const HttpApiAuthorizerConfig *authorizer(const QString &name) const
    {
        for (const HttpApiAuthorizerConfig &a : authorizers) {
            if (a.name == name)
                return &a;
        }
        return nullptr;
    }
};

} // namespace Gatehouse::Emulator
