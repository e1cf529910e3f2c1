#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse::Emulator {

// One method of a REST API resource ("GET" on "/orders/{id}"), integrated with a function
// through Lambda proxy integration (payload 1.0).
struct RestMethodConfig
{
    QString httpMethod;          // "GET", ..., or "ANY"
    QString resourcePath;        // "/", "/orders", "/orders/{id}", "/{proxy+}"
    QString functionName;        // FunctionConfig::name
    bool apiKeyRequired = false;
    int timeoutMs = 29000;       // TimeoutInMillis of the event: 50 to 29,000 on REST APIs
    int templateLine = 0;
};

// SAM's Cors of a REST API: SAM adds an OPTIONS method with a mock integration to every
// resource that has none, answering preflights with these headers. Other answers get no CORS
// headers from the gateway: a proxy integration's function sends its own.
struct RestApiCorsConfig
{
    bool enabled = false;
    QString allowOrigin;         // the values without the quotes SAM wants around them
    QString allowMethods;        // empty: the resource's methods and OPTIONS, as SAM computes them
    QString allowHeaders;
    QString maxAge;
    bool allowCredentials = false;
};

// An API Gateway REST API (AWS::Serverless::Api, or SAM's implicit ServerlessRestApi) with
// its one stage: REST APIs always have a named stage, which is the first path segment.
struct RestApiConfig
{
    QString logicalId;           // "ServerlessRestApi" for SAM's implicit API
    QString apiId;               // 10 lower-case alphanumerics, stable for a given lab
    QString name;
    QString stageName = QStringLiteral("Prod");
    bool apiKeyRequired = false; // Auth.ApiKeyRequired: the default of every method
    QStringList binaryMediaTypes; // BinaryMediaTypes: bodies of these types travel as base64
    QList<QPair<QString, QString>> stageVariables; // Variables of the stage
    RestApiCorsConfig cors;
    bool apiKeyOnPreflight = true; // Auth.AddApiKeyRequiredToCorsPreflight (SAM's default: true)
    QList<RestMethodConfig> methods;
    int templateLine = 0;
};

// An API key (AWS::ApiGateway::ApiKey, or the one SAM creates for Auth.UsagePlan). Lab data:
// its value is shown to the learner, who must send it as x-api-key.
struct RestApiKeyConfig
{
    QString logicalId;
    QString id;                  // 10 lower-case alphanumerics, what Ref gives
    QString name;
    QString value;               // Value, or one derived from the lab and logical id
    bool enabled = true;
    int templateLine = 0;
};

// A usage plan (AWS::ApiGateway::UsagePlan, or SAM's for Auth.UsagePlan): which API stages it
// covers, the keys in it (UsagePlanKey) and its throttle and quota per key.
struct RestUsagePlanConfig
{
    enum class QuotaPeriod { Day, Week, Month };

    struct Stage
    {
        QString apiId;
        QString stage;
    };

    QString logicalId;
    QString id;
    QString name;
    QList<Stage> apiStages;
    QStringList keyIds;          // RestApiKeyConfig::id
    std::optional<double> rateLimit;    // Throttle.RateLimit, requests per second
    std::optional<int> burstLimit;      // Throttle.BurstLimit, the bucket's size
    std::optional<int> quotaLimit;      // Quota.Limit, requests per period
    QuotaPeriod quotaPeriod = QuotaPeriod::Day;
    int quotaOffset = 0;         // Quota.Offset: WEEK 0 starts on Sunday, MONTH 0 on the 1st; DAY only 0
    int templateLine = 0;

    bool covers(const QString &apiId, const QString &stage) const
    {
        for (const Stage &s : apiStages) {
            if (s.apiId == apiId && s.stage == stage)
                return true;
        }
        return false;
    }
};

} // namespace Gatehouse::Emulator
