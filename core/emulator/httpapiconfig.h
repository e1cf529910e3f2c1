#pragma once

#include <QList>
#include <QString>

namespace Gatehouse::Emulator {

// One route of an HTTP API: "GET /snack", "ANY /items/{proxy+}", "$default".
struct HttpRouteConfig
{
    QString routeKey;
    QString functionName;        // the integration's target function (FunctionConfig::name)
    QString payloadFormatVersion = QStringLiteral("2.0");
    int timeoutMs = 30000;       // integration timeout; API Gateway's maximum is 30 s
    int templateLine = 0;
};

// An API Gateway HTTP API (AWS::Serverless::HttpApi, or the implicit one SAM creates).
struct HttpApiConfig
{
    QString logicalId;           // "ServerlessHttpApi" for SAM's implicit API
    QString apiId;               // 10 lower-case alphanumerics, stable for a given lab
    QString name;
    QString stageName = QStringLiteral("$default");
    QList<HttpRouteConfig> routes;
    int templateLine = 0;
};

} // namespace Gatehouse::Emulator
